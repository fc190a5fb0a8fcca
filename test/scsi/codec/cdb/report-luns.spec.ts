/**
 * REPORT LUNS (A0h) vectors. Layout: SPC-4 REPORT LUNS / docs/smc-reference.md 1.5: 2 SELECT REPORT, 6-9
 * ALLOCATION LENGTH, 10 reserved, 11 CONTROL.
 */
import { expect } from 'chai';
import { decodeReportLunsCdb, encodeReportLunsCdb } from '../../../../scsi/codec/cdb/report-luns.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb REPORT LUNS', () => {
  checkVectors(encodeReportLunsCdb, decodeReportLunsCdb, [
    // A0h; byte 1 00; select 00h; 3-5 00; alloc 00000010h (16: header + one LUN); 10 00; control 00.
    {
      name: 'one LUN worth of allocation',
      hex: 'a0 00 00 00 00 00 00 00 00 10 00 00',
      fields: { selectReport: 0, allocationLength: 16, control: 0 },
      input: { allocationLength: 16 },
    },
    // select 02h (all); alloc 00010000h (65536: the third byte in use).
    {
      name: 'all LUNs, 32-bit allocation length',
      hex: 'a0 00 02 00 00 00 00 01 00 00 00 00',
      fields: { selectReport: 2, allocationLength: 65536, control: 0 },
    },
    // alloc FFFFFFFFh (largest).
    {
      name: 'largest allocation length',
      hex: 'a0 00 00 00 00 00 ff ff ff ff 00 00',
      fields: { selectReport: 0, allocationLength: 0xffffffff, control: 0 },
    },
  ]);

  it('range-checks the 32-bit allocation length', () => {
    expect(() => encodeReportLunsCdb({ allocationLength: 2 ** 32 })).to.throw(RangeError, /allocationLength/);
  });
});
