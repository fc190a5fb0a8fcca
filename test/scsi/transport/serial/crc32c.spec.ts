import { expect } from 'chai';
import fc from 'fast-check';
import { Crc32cParameters, crc32c } from '../../../../scsi/transport/serial/crc32c.js';

/** Bit-at-a-time CRC-32C straight from the parameters: the slow reference the table version must match. */
function referenceCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('serial crc32c', () => {
  it('gives the check value E3069283 for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789', 'ascii'))).to.equal(0xe3069283);
    expect(Crc32cParameters.CHECK).to.equal(0xe3069283);
  });

  // The four 32-byte test patterns published with iSCSI's use of CRC-32C (RFC 3720 appendix B.4; docs/iscsi.md 7.1).
  const patterns: [string, Buffer, number][] = [
    ['32 zero bytes', Buffer.alloc(32, 0), 0x8a9136aa],
    ['32 bytes of FFh', Buffer.alloc(32, 0xff), 0x62a8ab43],
    ['00h..1Fh ascending', Buffer.from(Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e],
    ['1Fh..00h descending', Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c],
  ];
  for (const [name, bytes, expected] of patterns) {
    it(`matches the published value for ${name}`, () => {
      expect(crc32c(bytes).toString(16)).to.equal(expected.toString(16));
    });
  }

  it('is 0 for no bytes', () => {
    expect(crc32c(Buffer.alloc(0))).to.equal(0);
  });

  it('matches a bit-at-a-time reference on random data', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc32c(bytes) === referenceCrc32c(bytes)));
  });

  it('continues a computation across chunks: crc(b, crc(a)) = crc(a ‖ b)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), (a, b) => {
        return crc32c(b, crc32c(a)) === crc32c(Buffer.concat([a, b]));
      }),
    );
  });
});
