/**
 * REPORT SUPPORTED OPERATION CODES parameter data vectors. Layouts: SPC-4 6.35.2 (all_commands: 0-3 COMMAND
 * DATA LENGTH; descriptor 0 opcode, 2-3 service action, 5 CTDP (bit 1) / SERVACTV (bit 0), 6-7 CDB LENGTH),
 * 6.35.3 (one_command: 1 CTDP (bit 7) / SUPPORT (bits 2-0), 2-3 CDB SIZE, usage data), 6.35.4 (timeouts
 * descriptor: 0-1 length 000Ah, 4-7 nominal, 8-11 recommended); Dell TL2000/TL4000 SCSI Reference 3-68.
 * See docs/scsi-model.md 9.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeAllSupportedCommands,
  decodeOneSupportedCommand,
  encodeAllSupportedCommands,
  encodeOneSupportedCommand,
  type SupportedCommand,
} from '../../../scsi/codec/supported-opcodes-data.js';
import { CodecError } from '../../../scsi/codec/codec-error.js';
import { valueOrCodecError } from './fuzz.js';
import { hex, toHex } from './hex.js';

describe('scsi/codec/supported-opcodes-data', () => {
  describe('all_commands: TEST UNIT READY and MAINTENANCE IN / 0Ch', () => {
    const bytes = hex('00 00 00 10  00 00 00 00 00 00 00 06  a3 00 00 0c 00 01 00 0c');
    const cmds: SupportedCommand[] = [
      { opcode: 0x00, cdbLength: 6 },
      { opcode: 0xa3, serviceAction: 0x0c, cdbLength: 12 },
    ];
    it('decodes to the fields', () => expect(decodeAllSupportedCommands(bytes)).to.deep.equal(cmds));
    it('encodes to identical bytes', () =>
      expect(toHex(encodeAllSupportedCommands(cmds, false))).to.equal(toHex(bytes)));
    it('round-trips', () =>
      expect(
        decodeAllSupportedCommands(encodeAllSupportedCommands(decodeAllSupportedCommands(bytes), false)),
      ).to.deep.equal(cmds));
  });

  describe('all_commands with RCTD: TEST UNIT READY, nominal 1 s, recommended 30 s', () => {
    const bytes = hex('00 00 00 14  00 00 00 00 00 02 00 06  00 0a 00 00 00 00 00 01 00 00 00 1e');
    const cmds: SupportedCommand[] = [{ opcode: 0x00, cdbLength: 6, timeouts: { nominal: 1, recommended: 30 } }];
    it('decodes to the fields', () => expect(decodeAllSupportedCommands(bytes)).to.deep.equal(cmds));
    it('encodes to identical bytes', () =>
      expect(toHex(encodeAllSupportedCommands(cmds, true))).to.equal(toHex(bytes)));
    it('round-trips', () =>
      expect(
        decodeAllSupportedCommands(encodeAllSupportedCommands(decodeAllSupportedCommands(bytes), true)),
      ).to.deep.equal(cmds));
    it('sends zero timeouts (not specified) when none are given', () => {
      expect(
        decodeAllSupportedCommands(encodeAllSupportedCommands([{ opcode: 0x12, cdbLength: 6 }], true)),
      ).to.deep.equal([{ opcode: 0x12, cdbLength: 6, timeouts: { nominal: 0, recommended: 0 } }]);
    });
  });

  describe('one_command: MOVE MEDIUM supported', () => {
    // SUPPORT 011b, CDB SIZE 000Ch; usage: A5h, byte 1 reserved, 2-7 addresses, 8-9 reserved, 10 INVERT, 11 vendor bits 7-6.
    const bytes = hex('00 03 00 0c  a5 00 ff ff ff ff ff ff 00 00 01 c0');
    const usageData = hex('a5 00 ff ff ff ff ff ff 00 00 01 c0');
    it('decodes to the fields', () =>
      expect(decodeOneSupportedCommand(bytes)).to.deep.equal({ support: 3, cdbLength: 12, usageData }));
    it('encodes to identical bytes', () =>
      expect(toHex(encodeOneSupportedCommand({ opcode: 0xa5, cdbLength: 12, usageData }))).to.equal(toHex(bytes)));
    it('round-trips', () => {
      const d = decodeOneSupportedCommand(bytes);
      expect(
        decodeOneSupportedCommand(
          encodeOneSupportedCommand(
            { opcode: d.usageData[0]!, cdbLength: d.cdbLength, usageData: d.usageData },
            d.support,
          ),
        ),
      ).to.deep.equal({ support: 3, cdbLength: 12, usageData });
    });
  });

  describe('one_command edge cases', () => {
    it('an unsupported command is SUPPORT 001b with CDB SIZE 0', () => {
      expect(toHex(encodeOneSupportedCommand(undefined))).to.equal('00010000');
      expect(decodeOneSupportedCommand(hex('00 01 00 00'))).to.deep.equal({
        support: 1,
        cdbLength: 0,
        usageData: Buffer.alloc(0),
      });
    });
    it('fills a coarse usage map when none is given and carries timeouts with CTDP', () => {
      const b = encodeOneSupportedCommand(
        { opcode: 0xa3, serviceAction: 0x0c, cdbLength: 12, timeouts: { nominal: 2, recommended: 60 } },
        5,
      );
      expect(toHex(b)).to.equal('0085000c' + 'a30cffffffffffffffffff00' + '000a0000' + '00000002' + '0000003c');
      expect(decodeOneSupportedCommand(b).timeouts).to.deep.equal({ nominal: 2, recommended: 60 });
    });
    it('rejects usage data of the wrong length', () => {
      expect(() => encodeOneSupportedCommand({ opcode: 0, cdbLength: 6, usageData: Buffer.alloc(5) })).to.throw(
        RangeError,
      );
    });
  });

  describe('decoder checks', () => {
    it('throw CodecError on malformed data', () => {
      expect(() => decodeAllSupportedCommands(hex('00 00 00'))).to.throw(CodecError, /header/);
      expect(() => decodeAllSupportedCommands(hex('00 00 00 04  00 00 00 00'))).to.throw(CodecError, /runs past/);
      expect(() =>
        decodeAllSupportedCommands(hex('00 00 00 14  00 00 00 00 00 02 00 06  00 0b 00 00 00 00 00 01 00 00 00 1e')),
      ).to.throw(CodecError, /0Ah/);
      expect(() => decodeOneSupportedCommand(hex('00 03 00 0c  a5 00'))).to.throw(CodecError, /needs 16/);
    });
    it('decode the whole descriptors of a list cut by the allocation length', () => {
      const bytes = encodeAllSupportedCommands(
        [
          { opcode: 0, cdbLength: 6 },
          { opcode: 0x12, cdbLength: 6 },
        ],
        false,
      );
      expect(decodeAllSupportedCommands(bytes.subarray(0, 18))).to.deep.equal([{ opcode: 0, cdbLength: 6 }]);
    });
  });

  describe('properties', () => {
    const cmd = (withTimeouts: boolean): fc.Arbitrary<SupportedCommand> =>
      fc.record(
        {
          opcode: fc.integer({ min: 0, max: 255 }),
          serviceAction: fc.integer({ min: 0, max: 0xffff }),
          cdbLength: fc.integer({ min: 6, max: 32 }),
          ...(withTimeouts
            ? {
                timeouts: fc.record({
                  nominal: fc.integer({ min: 0, max: 0xffffffff }),
                  recommended: fc.integer({ min: 0, max: 0xffffffff }),
                }),
              }
            : {}),
        },
        {
          requiredKeys: withTimeouts
            ? (['opcode', 'cdbLength', 'timeouts'] as never[])
            : (['opcode', 'cdbLength'] as never[]),
        },
      ) as fc.Arbitrary<SupportedCommand>;

    it('decode(encode(x)) equals x for all_commands, with and without RCTD', () => {
      fc.assert(
        fc.property(
          fc.boolean().chain((rctd) => fc.tuple(fc.constant(rctd), fc.array(cmd(rctd), { maxLength: 10 }))),
          ([rctd, cmds]) => {
            expect(decodeAllSupportedCommands(encodeAllSupportedCommands(cmds, rctd))).to.deep.equal(cmds);
          },
        ),
      );
    });
    it('decoders given random bytes return a value or throw CodecError', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 60 }), (b) => {
          const all = valueOrCodecError(() => decodeAllSupportedCommands(b));
          if (all !== undefined) expect(all).to.be.an('array');
          const one = valueOrCodecError(() => decodeOneSupportedCommand(b));
          if (one !== undefined) expect(one.usageData.length).to.equal(one.cdbLength);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
