/** REQUEST SENSE (03h) vectors. Layout: SPC-4 REQUEST SENSE / docs/smc-reference.md 1.5: byte 1 bit 0 DESC, 4 ALLOCATION LENGTH. */
import { expect } from 'chai';
import { decodeRequestSenseCdb, encodeRequestSenseCdb } from '../../../../scsi/codec/cdb/request-sense.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb REQUEST SENSE', () => {
  checkVectors(encodeRequestSenseCdb, decodeRequestSenseCdb, [
    // 03h; byte 1 00; 2-3 00; alloc FCh (252, SPC-4's recommended size, docs/scsi-model.md 10); control 00.
    {
      name: 'fixed format, 252 bytes',
      hex: '03 00 00 00 fc 00',
      fields: { desc: false, allocationLength: 252, control: 0 },
      input: { allocationLength: 252 },
    },
    // byte 1 = DESC 01h; alloc 12h (18).
    {
      name: 'descriptor format, 18 bytes',
      hex: '03 01 00 00 12 00',
      fields: { desc: true, allocationLength: 18, control: 0 },
    },
  ]);

  it('range-checks the 8-bit allocation length', () => {
    expect(() => encodeRequestSenseCdb({ allocationLength: 256 })).to.throw(RangeError, /allocationLength/);
  });
});
