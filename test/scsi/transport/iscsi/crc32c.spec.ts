import { expect } from 'chai';
import fc from 'fast-check';
import { crc32c, crc32cUpdate, digestBytes } from '../../../../scsi/transport/crc32c.js';

// RFC 3720 appendix B.4 "CRC Examples": the CRC is shown as the bytes sent on the wire (docs/iscsi.md 7.1).
const rfc3720Read10Pdu = Buffer.from(
  '01c00000000000000000000000000000' + '14000000000004000000001400000018' + '28000000000000000200000000000000',
  'hex',
);

describe('iscsi/crc32c', () => {
  const vectors: [string, Buffer, string][] = [
    ['32 bytes of zeroes', Buffer.alloc(32, 0x00), 'aa36918a'],
    ['32 bytes of ones', Buffer.alloc(32, 0xff), '43aba862'],
    ['32 bytes incrementing 00..1f', Buffer.from(Array.from({ length: 32 }, (_, i) => i)), '4e79dd46'],
    ['32 bytes decrementing 1f..00', Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)), '5cdb3f11'],
    ['the iSCSI SCSI Read (10) command PDU', rfc3720Read10Pdu, '563a96d9'],
  ];
  for (const [name, data, wire] of vectors) {
    it(`matches RFC 3720 B.4: ${name}`, () => {
      expect(digestBytes(crc32c(data)).toString('hex')).to.equal(wire);
    });
  }

  it('gives the catalogued check value for "123456789" and 0 for no data', () => {
    expect(crc32c(Buffer.from('123456789'))).to.equal(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).to.equal(0);
  });

  it('sends the digest least significant byte first', () => {
    expect(digestBytes(0x8a9136aa)).to.deep.equal(Buffer.from([0xaa, 0x36, 0x91, 0x8a]));
  });

  it('computes the same CRC in pieces as in one go, at every split and alignment', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(8), (bytes, splitSeed, offset) => {
        const padded = new Uint8Array(bytes.length + offset);
        padded.set(bytes, offset);
        const data = padded.subarray(offset);
        const split = bytes.length === 0 ? 0 : splitSeed % (bytes.length + 1);
        const pieces = crc32cUpdate(crc32cUpdate(0, data.subarray(0, split)), data.subarray(split));
        expect(pieces).to.equal(crc32c(data));
      }),
    );
  });

  it('agrees with a bit-at-a-time reference on random data', () => {
    const reference = (data: Uint8Array): number => {
      let c = 0xffffffff;
      for (const byte of data) {
        c ^= byte;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        expect(crc32c(data)).to.equal(reference(data));
      }),
    );
  });
});
