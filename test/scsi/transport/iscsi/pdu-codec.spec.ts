import { expect } from 'chai';
import { Iscsi } from '../../../../scsi/transport/iscsi/constants.js';
import { IscsiProtocolError } from '../../../../scsi/transport/iscsi/errors.js';
import { decodeLun, encodeLun, makePdu, newBhs } from '../../../../scsi/transport/iscsi/pdu/pdu.js';
import { framePduToBuffer } from '../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { decodeReject } from '../../../../scsi/transport/iscsi/pdu/reject.js';
import { decodeScsiCommand } from '../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import { decodeScsiResponse } from '../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import { PDU_VECTORS, vectorBytes } from './support/pdu-vectors.js';

describe('iscsi/pdu codecs: hand-written RFC 7143 section 11 vectors, three ways', () => {
  for (const v of PDU_VECTORS) {
    describe(v.name, () => {
      const { bhs, ahs, data } = vectorBytes(v);

      it('decodes to the listed fields', () => {
        expect(v.decode({ bhs, ahs, data })).to.deep.equal(v.fields);
      });

      it('encodes the fields to the identical bytes (with padding when framed)', () => {
        const pdu = v.encode(v.fields as never);
        expect(pdu.bhs.toString('hex')).to.equal(bhs.toString('hex'));
        expect(pdu.ahs.toString('hex')).to.equal(ahs.toString('hex'));
        expect(pdu.data.toString('hex')).to.equal(data.toString('hex'));
        const pad = (4 - (data.length % 4)) % 4;
        expect(framePduToBuffer(pdu).toString('hex')).to.equal(
          Buffer.concat([bhs, ahs, data, Buffer.alloc(pad)]).toString('hex'),
        );
      });

      it('round-trips: decode(encode(fields)) gives the fields back', () => {
        expect(v.decode(v.encode(v.fields as never))).to.deep.equal(v.fields);
      });
    });
  }
});

describe('iscsi/pdu: LUN structure (SAM-5 4.7)', () => {
  it('uses peripheral addressing below 256 and flat space addressing up to 16383', () => {
    expect(encodeLun(5).toString('hex')).to.equal('0005000000000000');
    expect(encodeLun(300).toString('hex')).to.equal('412c000000000000');
    expect(encodeLun(16383).toString('hex')).to.equal('7fff000000000000');
    for (const lun of [0, 1, 255, 256, 4000, 16383]) expect(decodeLun(encodeLun(lun))).to.equal(lun);
  });

  it('refuses LUNs it cannot encode and formats it cannot decode', () => {
    expect(() => encodeLun(16384)).to.throw(RangeError);
    expect(() => encodeLun(-1)).to.throw(RangeError);
    expect(() => decodeLun(Buffer.from('0001000100000000', 'hex'))).to.throw(IscsiProtocolError);
    expect(() => decodeLun(Buffer.from('c000000000000000', 'hex'))).to.throw(IscsiProtocolError);
  });
});

describe('iscsi/pdu: malformed input to the decoders', () => {
  it('rejects an opcode other than the decoder expects', () => {
    const { bhs, ahs, data } = vectorBytes(PDU_VECTORS[0]!);
    expect(() => decodeScsiResponse({ bhs, ahs, data })).to.throw(IscsiProtocolError, /opcode/);
  });

  it('rejects an AHS whose length overruns, and an unknown AHS type', () => {
    const bhs = newBhs(0x01);
    const overrun = Buffer.from('00090100a1a2a3a4', 'hex');
    expect(() => decodeScsiCommand({ bhs, ahs: overrun, data: Buffer.alloc(0) })).to.throw(
      IscsiProtocolError,
      /overruns/,
    );
    const unknown = Buffer.from('00010700', 'hex');
    expect(() => decodeScsiCommand({ bhs, ahs: unknown, data: Buffer.alloc(0) })).to.throw(
      IscsiProtocolError,
      /AHS type/,
    );
  });

  it('rejects a SCSI Response whose SenseLength overruns the data segment', () => {
    const bhs = newBhs(0x21);
    expect(() => decodeScsiResponse({ bhs, ahs: Buffer.alloc(0), data: Buffer.from('0020aabb', 'hex') })).to.throw(
      IscsiProtocolError,
      /SenseLength/,
    );
  });

  it('rejects a Reject that does not carry a whole header', () => {
    expect(() => decodeReject({ bhs: newBhs(0x3f), ahs: Buffer.alloc(0), data: Buffer.alloc(20) })).to.throw(
      IscsiProtocolError,
    );
  });

  it('makePdu writes TotalAHSLength and DataSegmentLength and refuses oversize data', () => {
    const pdu = makePdu(newBhs(0x04), Buffer.alloc(5), Buffer.alloc(8));
    expect(pdu.bhs[4]).to.equal(2);
    expect(pdu.bhs.readUIntBE(5, 3)).to.equal(5);
    expect(() => makePdu(newBhs(0x04), Buffer.alloc(Iscsi.MAX_DATA_SEGMENT_LENGTH + 1))).to.throw(RangeError);
    expect(() => makePdu(newBhs(0x04), Buffer.alloc(0), Buffer.alloc(3))).to.throw(RangeError);
  });
});
