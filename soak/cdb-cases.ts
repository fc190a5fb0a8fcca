/**
 * Random commands for the CDB campaign: every operation code 00h-FFh in turn, CDBs of the group's length and of
 * every other length up to 16 (serial carries 1-16 bytes exactly: docs/serial-framing.md), and over iSCSI 32-byte
 * variable-length CDBs (SPC-4 4.2.3, operation code 7Fh) and longer ones carried in the Extended CDB AHS
 * (RFC 7143 11.2.2.3, docs/iscsi.md 7.1); random allocation lengths in the CDB and random expected transfer lengths,
 * data-out on a quarter of them, and now and then a LUN where no logical unit is (SAM-5 LUNs). Three fill styles:
 * random bytes, mostly zero bytes (valid-looking CDBs that reach deeper checks), and random with a zero CONTROL byte.
 * In our words: docs/scsi-model.md 6.
 */
import { cdbLengthForOpcode } from '../scsi/codec/index.js';
import { SeededRandom } from './seeded-random.js';

/** One command of the campaign. */
export interface CdbCase {
  readonly index: number;
  readonly lun: number;
  readonly cdb: Buffer;
  readonly dataOut: Buffer | undefined;
  /** Expected data-in transfer length the initiator accepts. */
  readonly allocationLength: number;
}

/**
 * The CDB length an iSCSI target sees for a CDB of at most 16 bytes: the BHS carries 16 bytes whatever the
 * initiator meant (RFC 7143 11.3.5, docs/iscsi.md 7.5), so the target takes the group's length (SPC-4 4.2.5.1) or all
 * 16 for groups without one (scsi/transport/iscsi/target/target-session.ts). A shorter CDB arrives zero-padded: over
 * iSCSI only these lengths mean the same bytes on every transport.
 * In our words: docs/scsi-model.md 6.
 */
export function iscsiDeliveredLength(opcode: number): number {
  return cdbLengthForOpcode(opcode) ?? 16;
}

/**
 * Which lengths a source draws: `wire`, the length every transport delivers unchanged (compared across all
 * lanes); `any16`, any of 1-16 bytes (serial carries the exact length); `long`, 17-260 bytes (iSCSI only).
 */
export type CdbLengths = 'wire' | 'any16' | 'long';

/** Lengths beyond 16 bytes (iSCSI only): the variable-length CDB and Extended CDB AHS sizes. */
export const LONG_LENGTHS: readonly number[] = [17, 20, 24, 32, 33, 40, 64, 128, 260];

const EXPECTED = [0, 0, 8, 36, 255, 256, 1024, 4096, 65_535, 65_536];

/** Generates the campaign's cases from a seed; the same seed and options give the same cases. */
export class CdbCaseSource {
  private readonly rng: SeededRandom;
  private n = 0;

  constructor(
    seed: number,
    private readonly lengths: CdbLengths,
  ) {
    this.rng = new SeededRandom(seed);
  }

  /** The next case: operation codes cycle 00h-FFh so every one gets its share. */
  next(): CdbCase {
    const rng = this.rng;
    const index = this.n++;
    const opcode = index & 0xff;
    const length = this.length(opcode);
    const style = rng.below(3);
    const cdb = style === 0 ? rng.bytes(length) : Buffer.alloc(length);
    if (style === 1)
      for (let i = 1; i < length; i++) if (rng.below(5) === 0) cdb[i] = rng.below(3) === 0 ? 0xff : rng.below(256);
    if (style === 2) {
      rng.bytes(length).copy(cdb);
      if (length > 1) cdb[length - 1] = 0;
      if (length > 2) cdb[1] = (cdb[1] as number) & 0x1f;
    }
    cdb[0] = opcode;
    if (length >= 10 && rng.below(4) === 0) this.allocation(cdb, length);
    if (opcode === 0x7f && length >= 8) cdb[7] = Math.max(0, length - 8);
    const dataOut = rng.below(4) === 0 ? rng.bytes(1 + rng.below(rng.below(2) === 0 ? 64 : 600)) : undefined;
    const lun = rng.below(12) === 0 ? rng.pick([1, 2, 7, 255]) : 0;
    // Data-out commands expect no data-in: libiscsi sends no bidirectional commands, and every lane gets the same.
    const allocationLength = dataOut ? 0 : rng.below(3) === 0 ? rng.below(70_000) : rng.pick(EXPECTED);
    return { index, lun, cdb, dataOut, allocationLength };
  }

  private length(opcode: number): number {
    const rng = this.rng;
    if (this.lengths === 'wire') return iscsiDeliveredLength(opcode);
    if (this.lengths === 'any16') return rng.below(2) === 0 ? iscsiDeliveredLength(opcode) : 1 + rng.below(16);
    return opcode === 0x7f && rng.below(2) === 0 ? 32 : rng.pick(LONG_LENGTHS);
  }

  /** A plausible allocation length in the last 2-4 bytes before CONTROL (how most 10-16 byte CDBs end). */
  private allocation(cdb: Buffer, length: number): void {
    const value = this.rng.pick([0, 1, 8, 36, 0xff, 0x100, 0x400, 0xffff, 0x10000, 0xffffff, 0xffffffff]);
    const bytes = length >= 12 ? 4 : 2;
    const at = length - 1 - bytes;
    if (bytes === 4) cdb.writeUInt32BE(value >>> 0, at);
    else cdb.writeUInt16BE(value & 0xffff, at);
  }
}
