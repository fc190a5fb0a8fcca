/**
 * Field errors common to every CDB decoder (codec-api.md "CDBs"): a short CDB is a field error at byte 0, a
 * CDB of another command is INVALID COMMAND OPERATION CODE at byte 0; and the command table agrees with the
 * group-code lengths of SPC-4 4.3.2 (opcodes.ts cdbLengthForOpcode). See docs/scsi-model.md 6.
 */
import { expect } from 'chai';
import { Asc } from '../../../../scsi/codec/sense-codes.js';
import { OPCODE_NAMES, cdbLengthForOpcode } from '../../../../scsi/codec/opcodes.js';
import { CDB_COMMANDS, findCdbCommand } from '../../../../scsi/codec/cdb/index.js';
import { CODEC_CASES } from './cdb-arbitraries.js';

describe('scsi/codec/cdb field errors', () => {
  for (const c of CODEC_CASES) {
    describe(c.name, () => {
      it('reports every short CDB (0 to length-1 bytes) at byte 0 with INVALID FIELD IN CDB', () => {
        for (let n = 0; n < c.length; n++) {
          const bytes = new Uint8Array(n);
          if (n > 0) bytes[0] = c.opcode;
          const r = c.decode(bytes);
          expect(r.ok, `${n} bytes`).to.equal(false);
          if (!r.ok) {
            expect(r.error.byte).to.equal(0);
            expect(r.error.bit).to.equal(undefined);
            expect(r.error.sense).to.deep.equal(Asc.INVALID_FIELD_IN_CDB);
            expect(r.error.reason).to.contain(String(c.length));
          }
        }
      });

      it('reports a full-length CDB of another opcode at byte 0 as INVALID COMMAND OPERATION CODE', () => {
        const bytes = new Uint8Array(c.length);
        bytes[0] = c.opcode ^ 0x01;
        const r = c.decode(bytes);
        expect(r.ok ? undefined : { byte: r.error.byte, sense: r.error.sense }).to.deep.equal({
          byte: 0,
          sense: Asc.INVALID_COMMAND_OPERATION_CODE,
        });
      });
    });
  }

  it('lists every command once in CDB_COMMANDS, with the length its group code implies', () => {
    expect(CDB_COMMANDS.map((c) => c.name).sort()).to.deep.equal(CODEC_CASES.map((c) => c.name).sort());
    for (const c of CDB_COMMANDS) {
      expect(c.length, c.name).to.equal(cdbLengthForOpcode(c.opcode));
      expect(OPCODE_NAMES.has(c.opcode), c.name).to.equal(true);
      expect(findCdbCommand(c.opcode)).to.equal(c);
    }
    const byCase = new Map(CODEC_CASES.map((c) => [c.name, c]));
    for (const c of CDB_COMMANDS) {
      expect(byCase.get(c.name)?.opcode, c.name).to.equal(c.opcode);
      expect(byCase.get(c.name)?.length, c.name).to.equal(c.length);
    }
  });
});
