/**
 * REPORT SUPPORTED OPERATION CODES (A3h/0Ch) vectors. Layout: SPC-4 REPORT SUPPORTED OPERATION CODES: byte 1
 * bits 4-0 SERVICE ACTION 0Ch; 2 bit 7 RCTD, bits 2-0 REPORTING OPTIONS; 3 REQUESTED OPERATION CODE; 4-5
 * REQUESTED SERVICE ACTION; 6-9 ALLOCATION LENGTH; 10 reserved; 11 CONTROL. See docs/scsi-model.md 9.
 */
import { expect } from 'chai';
import { Asc } from '../../../../scsi/codec/sense-codes.js';
import {
  RsocReportingOptions,
  decodeReportSupportedOperationCodesCdb,
  encodeReportSupportedOperationCodesCdb,
} from '../../../../scsi/codec/cdb/report-supported-operation-codes.js';
import { checkVectors, hex } from './cdb-vectors.js';

describe('scsi/codec/cdb REPORT SUPPORTED OPERATION CODES', () => {
  checkVectors(encodeReportSupportedOperationCodesCdb, decodeReportSupportedOperationCodesCdb, [
    {
      // A3h; SA 0Ch; byte 2 00 (all commands); 3-5 00; alloc 00001000h (4096); 10 00; control 00.
      name: 'all commands',
      hex: 'a3 0c 00 00 00 00 00 00 10 00 00 00',
      fields: {
        rctd: false,
        reportingOptions: 0,
        requestedOpcode: 0,
        requestedServiceAction: 0,
        allocationLength: 4096,
        control: 0,
      },
      input: { allocationLength: 4096 },
    },
    {
      // byte 2 = RCTD 80h | options 001b = 81h; opcode B8h; SA 0000h; alloc 00000020h (32).
      name: 'one opcode (READ ELEMENT STATUS) with timeouts',
      hex: 'a3 0c 81 b8 00 00 00 00 00 20 00 00',
      fields: {
        rctd: true,
        reportingOptions: RsocReportingOptions.OPCODE,
        requestedOpcode: 0xb8,
        requestedServiceAction: 0,
        allocationLength: 32,
        control: 0,
      },
    },
    {
      // byte 2 = options 010b; opcode A3h; SA 000Ch; alloc 00000100h (256).
      name: 'one opcode and service action (RSOC itself)',
      hex: 'a3 0c 02 a3 00 0c 00 00 01 00 00 00',
      fields: {
        rctd: false,
        reportingOptions: 2,
        requestedOpcode: 0xa3,
        requestedServiceAction: 0x0c,
        allocationLength: 256,
        control: 0,
      },
    },
  ]);

  it('rejects another MAINTENANCE IN service action at byte 1 bit 4', () => {
    // SA 05h = REPORT IDENTIFYING INFORMATION.
    const r = decodeReportSupportedOperationCodesCdb(hex('a3 05 00 00 00 00 00 00 10 00 00 00'));
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect({ byte: r.error.byte, bit: r.error.bit }).to.deep.equal({ byte: 1, bit: 4 });
      expect(r.error.sense).to.deep.equal(Asc.INVALID_FIELD_IN_CDB);
    }
  });

  it('rejects reserved reporting option 100b at byte 2 bit 2', () => {
    const r = decodeReportSupportedOperationCodesCdb(hex('a3 0c 04 00 00 00 00 00 10 00 00 00'));
    expect(r.ok ? undefined : { byte: r.error.byte, bit: r.error.bit }).to.deep.equal({ byte: 2, bit: 2 });
  });

  it('range-checks the encoder input', () => {
    expect(() => encodeReportSupportedOperationCodesCdb({ reportingOptions: 4, allocationLength: 8 })).to.throw(
      RangeError,
      /reportingOptions/,
    );
    expect(() =>
      encodeReportSupportedOperationCodesCdb({ requestedServiceAction: 70000, allocationLength: 8 }),
    ).to.throw(RangeError, /requestedServiceAction/);
  });
});
