import { expect } from 'chai';
import fc from 'fast-check';
import { IscsiProtocolError } from '../../../../scsi/transport/iscsi/errors.js';
import { encodeNopOut } from '../../../../scsi/transport/iscsi/pdu/nop.js';
import {
  framedLength,
  framePduToBuffer,
  NO_DIGESTS,
  PduReader,
  type DigestSettings,
  type ReceivedPdu,
} from '../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { encodeScsiCommand } from '../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import type { Pdu } from '../../../../scsi/transport/iscsi/pdu/pdu.js';

const BOTH: DigestSettings = { header: true, data: true };
const rfc3720Read10 = Buffer.from(
  '01c00000000000000000000000000000' + '14000000000004000000001400000018' + '28000000000000000200000000000000',
  'hex',
);

function nop(data: Buffer, itt = 1): Pdu {
  return encodeNopOut({ immediate: true, initiatorTaskTag: itt, cmdSN: 1, expStatSN: 2, data });
}

function readAll(
  bytes: Buffer,
  digests: DigestSettings,
  chunkSizes: number[] = [bytes.length],
  max = 1 << 20,
): ReceivedPdu[] {
  const out: ReceivedPdu[] = [];
  const reader = new PduReader({ digests, maxDataSegmentLength: max }, (p) => out.push(p));
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, chunkSizes[i++ % chunkSizes.length] ?? 1);
    reader.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('iscsi/pdu framing', () => {
  it('appends the RFC 3720 B.4 header digest to the READ(10) command PDU', () => {
    const pdu: Pdu = { bhs: rfc3720Read10, ahs: Buffer.alloc(0), data: Buffer.alloc(0) };
    expect(framePduToBuffer(pdu, { header: true, data: false }).subarray(48).toString('hex')).to.equal('563a96d9');
  });

  it('covers data and padding with the data digest (32 zero bytes: aa36918a)', () => {
    const framed = framePduToBuffer(nop(Buffer.alloc(32)), { header: false, data: true });
    expect(framed.length).to.equal(48 + 32 + 4);
    expect(framed.subarray(80).toString('hex')).to.equal('aa36918a');
  });

  it('pads data to 4 bytes and sends no data digest for an empty segment', () => {
    expect(framePduToBuffer(nop(Buffer.from('abcde')), NO_DIGESTS).length).to.equal(48 + 8);
    expect(framePduToBuffer(nop(Buffer.alloc(0)), BOTH).length).to.equal(48 + 4);
    expect(framedLength(nop(Buffer.from('abcde')), BOTH)).to.equal(48 + 4 + 8 + 4);
  });

  it('reads back any sequence of PDUs however the stream is chunked, with and without digests', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 70 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (payloads, chunks, digests) => {
          const settings = digests ? BOTH : NO_DIGESTS;
          const pdus = payloads.map((p, i) => nop(Buffer.from(p), i + 1));
          const stream = Buffer.concat(pdus.map((p) => framePduToBuffer(p, settings)));
          const got = readAll(stream, settings, chunks);
          expect(got.map((p) => p.data.toString('hex'))).to.deep.equal(
            payloads.map((p) => Buffer.from(p).toString('hex')),
          );
          expect(got.map((p) => p.bhs.readUInt32BE(16))).to.deep.equal(pdus.map((_, i) => i + 1));
          expect(got.every((p) => p.dataDigestOk)).to.equal(true);
        },
      ),
    );
  });

  it('keeps an AHS apart from the BHS', () => {
    const pdu = encodeScsiCommand({
      immediate: false,
      final: true,
      read: false,
      write: false,
      lun: 0,
      initiatorTaskTag: 3,
      expectedDataTransferLength: 0,
      cmdSN: 1,
      expStatSN: 1,
      cdb: Buffer.alloc(24, 1),
    });
    const [got] = readAll(framePduToBuffer(pdu, BOTH), BOTH, [5]);
    expect(got?.ahs.length).to.equal(12);
    expect(got?.bhs.length).to.equal(48);
  });

  it('flags a data digest mismatch but still delivers the PDU', () => {
    const framed = framePduToBuffer(nop(Buffer.from('hello!!!')), BOTH);
    framed.writeUInt8(framed.readUInt8(framed.length - 1) ^ 0xff, framed.length - 1);
    const [got] = readAll(framed, BOTH);
    expect(got?.dataDigestOk).to.equal(false);
    expect(got?.data.toString()).to.equal('hello!!!');
  });

  it('throws a fatal protocol error on a header digest mismatch', () => {
    const framed = framePduToBuffer(nop(Buffer.alloc(0)), BOTH);
    framed.writeUInt8(framed.readUInt8(20) ^ 1, 20);
    expect(() => readAll(framed, BOTH))
      .to.throw(IscsiProtocolError)
      .with.property('fatal', true);
  });

  it('throws a fatal protocol error for a data segment above the limit, keeping its header', () => {
    const framed = framePduToBuffer(nop(Buffer.alloc(600)), NO_DIGESTS);
    const reader = new PduReader({ digests: NO_DIGESTS, maxDataSegmentLength: 512 }, () =>
      expect.fail('no PDU expected'),
    );
    expect(() => reader.push(framed)).to.throw(IscsiProtocolError, /exceeds/);
    expect(reader.lastHeader?.readUInt32BE(16)).to.equal(1);
  });

  it('holds PDUs back while paused and lets the owner change digests before the next one', () => {
    const settings = { digests: NO_DIGESTS, maxDataSegmentLength: 8192 };
    const got: ReceivedPdu[] = [];
    const reader = new PduReader(settings, (p) => {
      got.push(p);
      reader.pause();
    });
    reader.push(
      Buffer.concat([
        framePduToBuffer(nop(Buffer.from('one'), 1), NO_DIGESTS),
        framePduToBuffer(nop(Buffer.from('two'), 2), BOTH),
      ]),
    );
    expect(got).to.have.length(1);
    settings.digests = BOTH;
    reader.resume();
    expect(got.map((p) => p.data.toString())).to.deep.equal(['one', 'two']);
    expect(got[1]?.dataDigestOk).to.equal(true);
  });
});
