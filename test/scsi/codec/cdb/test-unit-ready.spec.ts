/**
 * TEST UNIT READY (00h) vectors. Layout: SPC-4 TEST UNIT READY, docs/scsi-model.md 10: 6 bytes, 1-4 reserved,
 * 5 CONTROL.
 */
import { expect } from 'chai';
import { Asc } from '../../../../scsi/codec/sense-codes.js';
import { decodeTestUnitReadyCdb, encodeTestUnitReadyCdb } from '../../../../scsi/codec/cdb/test-unit-ready.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb TEST UNIT READY', () => {
  checkVectors(encodeTestUnitReadyCdb, decodeTestUnitReadyCdb, [
    // 00h then five zero bytes.
    { name: 'plain', hex: '00 00 00 00 00 00', fields: { control: 0 }, input: {} },
    // control C0h (vendor bits 7-6).
    { name: 'vendor control bits', hex: '00 00 00 00 00 c0', fields: { control: 0xc0 } },
  ]);

  it('reports a wrong opcode at byte 0 as INVALID COMMAND OPERATION CODE', () => {
    const r = decodeTestUnitReadyCdb(Buffer.from([0x03, 0, 0, 0, 0, 0]));
    expect(r.ok ? undefined : { byte: r.error.byte, bit: r.error.bit, sense: r.error.sense }).to.deep.equal({
      byte: 0,
      bit: undefined,
      sense: Asc.INVALID_COMMAND_OPERATION_CODE,
    });
  });
});
