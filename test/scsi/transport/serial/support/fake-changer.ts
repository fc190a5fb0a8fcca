/**
 * Test support: a small ScsiTargetBackend with the behaviours the serial tests need: TEST UNIT READY, INQUIRY,
 * READ ELEMENT STATUS of a configurable size (1 MB by default), MODE SELECT that records its data-out, a
 * unit attention per new nexus, CHECK CONDITION for unknown opcodes, a command that can be held, and one that
 * makes the backend throw.
 */
import { Opcode } from '../../../../../scsi/codec/opcodes.js';
import { Asc, SenseKey, type AscAscq } from '../../../../../scsi/codec/sense-codes.js';
import { ScsiStatus } from '../../../../../scsi/codec/status.js';
import type {
  BackendResult,
  ScsiTargetBackend,
  TaskManagementFunction,
} from '../../../../../scsi/transport/scsi-target-backend.js';

/** Fixed-format sense (SPC-4 4.5.3, docs/scsi-model.md 7.1), 18 bytes. */
export function fixedSense(key: number, code: AscAscq): Buffer {
  const s = Buffer.alloc(18);
  s[0] = 0x70;
  s[2] = key;
  s[7] = 10;
  s[12] = code.asc;
  s[13] = code.ascq;
  return s;
}

/** The READ ELEMENT STATUS data of `size` bytes: a recognisable pattern, never all one byte value. */
export function elementStatusPattern(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + (i >>> 8)) & 0xff;
  return out;
}

/** 36 bytes of standard INQUIRY data for a medium changer (peripheral device type 08h). */
export const INQUIRY_DATA: Buffer = (() => {
  const d = Buffer.alloc(36, 0x20);
  d.fill(0, 0, 8);
  d[0] = 0x08;
  d[1] = 0x80;
  d[2] = 0x05;
  d[3] = 0x02;
  d[4] = 31;
  d.write('CHGRBNCH', 8, 'latin1');
  d.write('SERIAL TEST LIB', 16, 'latin1');
  d.write('0001', 32, 'latin1');
  return d;
})();

/** Opcode the fake holds until `release()` (POSITION TO ELEMENT: a slow mechanical command). */
export const HELD_OPCODE = Opcode.POSITION_TO_ELEMENT;
/** Opcode that makes the fake throw (MOVE MEDIUM), to see TARGET FAILURE. */
export const THROWING_OPCODE = Opcode.MOVE_MEDIUM;

/** See the file comment. */
export class FakeChanger implements ScsiTargetBackend {
  readonly calls: { nexus: string; lun: number; cdb: number[]; dataOut: number[] | undefined }[] = [];
  readonly lost: string[] = [];
  /** Nexus ids that have been told about the power-on unit attention. */
  private readonly seen = new Set<string>();
  private releaseHeld: (() => void) | undefined;
  private held: Promise<void> | undefined;

  constructor(private readonly elementStatusSize = 1024 * 1024) {}

  /** Makes the next HELD_OPCODE command wait until release(). */
  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.releaseHeld?.();
    this.held = undefined;
  }

  async execute(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    this.calls.push({ nexus, lun, cdb: [...cdb], dataOut: dataOut ? [...dataOut] : undefined });
    const opcode = cdb[0];
    if (opcode === THROWING_OPCODE) throw new Error('fake changer: simulated internal failure');
    if (opcode !== Opcode.INQUIRY && !this.seen.has(nexus)) {
      this.seen.add(nexus);
      return this.check(SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    }
    switch (opcode) {
      case Opcode.TEST_UNIT_READY:
        return { status: ScsiStatus.GOOD, dataIn: Buffer.alloc(0) };
      case Opcode.INQUIRY:
        return { status: ScsiStatus.GOOD, dataIn: INQUIRY_DATA.subarray(0, ((cdb[3] ?? 0) << 8) | (cdb[4] ?? 0)) };
      case Opcode.READ_ELEMENT_STATUS: {
        const allocation = ((cdb[7] ?? 0) << 16) | ((cdb[8] ?? 0) << 8) | (cdb[9] ?? 0);
        return {
          status: ScsiStatus.GOOD,
          dataIn: elementStatusPattern(this.elementStatusSize).subarray(0, allocation),
        };
      }
      case Opcode.MODE_SELECT_6:
        return { status: ScsiStatus.GOOD, dataIn: Buffer.alloc(0) };
      case HELD_OPCODE:
        if (this.held) await this.held;
        return { status: ScsiStatus.GOOD, dataIn: Buffer.alloc(0) };
      default:
        return this.check(SenseKey.ILLEGAL_REQUEST, Asc.INVALID_COMMAND_OPERATION_CODE);
    }
  }

  luns(): number[] {
    return [0];
  }

  taskManagement(_nexus: string, _fn: TaskManagementFunction): void {}

  nexusLost(nexus: string): void {
    this.lost.push(nexus);
    this.seen.delete(nexus);
  }

  private check(key: number, code: AscAscq): BackendResult {
    return { status: ScsiStatus.CHECK_CONDITION, sense: fixedSense(key, code), dataIn: Buffer.alloc(0) };
  }
}

/** CDBs the tests send. */
export const Cdbs = {
  testUnitReady: (): Buffer => Buffer.alloc(6),
  inquiry: (allocation: number): Buffer => Buffer.from([Opcode.INQUIRY, 0, 0, allocation >> 8, allocation & 0xff, 0]),
  readElementStatus: (allocation: number): Buffer =>
    Buffer.from([
      Opcode.READ_ELEMENT_STATUS,
      0x10,
      0,
      0,
      0xff,
      0xff,
      0,
      (allocation >> 16) & 0xff,
      (allocation >> 8) & 0xff,
      allocation & 0xff,
      0,
      0,
    ]),
  modeSelect6: (length: number): Buffer => Buffer.from([Opcode.MODE_SELECT_6, 0x10, 0, 0, length, 0]),
  held: (): Buffer => Buffer.from([HELD_OPCODE, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  throwing: (): Buffer => Buffer.from([THROWING_OPCODE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  unknown: (): Buffer => Buffer.from([0xc7, 0, 0, 0, 0, 0]),
} as const;
