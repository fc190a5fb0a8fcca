/**
 * A small ScsiTargetBackend for the iSCSI tests: a changer-looking logical unit answering TEST UNIT READY, INQUIRY
 * (standard and VPD 00h/80h/83h), a large READ ELEMENT STATUS, MODE SELECT/SENSE with parameter data, PREVENT
 * ALLOW, a MOVE MEDIUM that waits until released (for ABORT TASK), and CHECK CONDITION for anything else. Per
 * nexus: prevent state, unit attentions, stored mode data. Records every call. Like every backend it answers
 * REPORT LUNS for any LUN and LUNs without a logical unit itself (the iSCSI target passes every CDB through).
 * Spec: SPC-4 6.33 (REPORT LUNS), 6.6.2 (peripheral qualifier 011b), 6.39 (REQUEST SENSE).
 * See docs/scsi-model.md 9, 8 and 10.
 */
import { encodeLun } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';
import type {
  BackendResult,
  ScsiTargetBackend,
  TaskManagementFunction,
} from '../../../../../scsi/transport/scsi-target-backend.js';

export const FAKE_VENDOR = 'CHGRBNCH';
export const FAKE_PRODUCT = 'FAKE CHANGER';
export const FAKE_SERIAL = 'FAKE0001';

interface NexusState {
  prevent: boolean;
  unitAttention: { asc: number; ascq: number } | undefined;
  modeData: Buffer | undefined;
}

export interface ExecuteCall {
  readonly nexus: string;
  readonly lun: number;
  readonly cdb: Buffer;
  readonly dataOut: Buffer | undefined;
}

function sense(key: number, asc: number, ascq: number): Buffer {
  const s = Buffer.alloc(18);
  s[0] = 0x70;
  s[2] = key;
  s[7] = 10;
  s[12] = asc;
  s[13] = ascq;
  return s;
}

const good = (dataIn: Buffer = Buffer.alloc(0)): BackendResult => ({ status: 0, dataIn });
const check = (key: number, asc: number, ascq: number): BackendResult => ({
  status: 2,
  sense: sense(key, asc, ascq),
  dataIn: Buffer.alloc(0),
});

/** Deterministic bytes for the big data-in (byte i = (i * 7 + 3) & 0xff). */
export function bigPattern(length: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 7 + 3) & 0xff;
  return b;
}

export function standardInquiry(): Buffer {
  const d = Buffer.alloc(96, 0);
  d[0] = 0x08; // medium changer
  d[1] = 0x80; // RMB
  d[2] = 0x06;
  d[3] = 0x02;
  d[4] = 91;
  d[6] = 0x08; // MCHNGR
  d.write(FAKE_VENDOR.padEnd(8), 8, 'ascii');
  d.write(FAKE_PRODUCT.padEnd(16), 16, 'ascii');
  d.write('0001', 32, 'ascii');
  d.writeUInt16BE(0x0480, 58); // SMC-3 (docs/scsi-model.md 8)
  d.writeUInt16BE(0x0960, 60); // iSCSI
  return d;
}

function vpdPage(page: number): Buffer | undefined {
  switch (page) {
    case 0x00:
      return Buffer.from([0x08, 0x00, 0x00, 0x03, 0x00, 0x80, 0x83]);
    case 0x80: {
      const serial = Buffer.from(FAKE_SERIAL, 'ascii');
      return Buffer.concat([Buffer.from([0x08, 0x80, 0x00, serial.length]), serial]);
    }
    case 0x83: {
      const naa = Buffer.from([0x01, 0x03, 0x00, 0x08, 0x50, 0x01, 0x43, 0x80, 0x12, 0x34, 0x56, 0x78]);
      const t10Id = Buffer.from(`${FAKE_VENDOR}${FAKE_SERIAL}`, 'ascii');
      const t10 = Buffer.concat([Buffer.from([0x02, 0x01, 0x00, t10Id.length]), t10Id]);
      const body = Buffer.concat([naa, t10]);
      const head = Buffer.from([0x08, 0x83, 0x00, 0x00]);
      head.writeUInt16BE(body.length, 2);
      return Buffer.concat([head, body]);
    }
    default:
      return undefined;
  }
}

/** REPORT LUNS parameter data for `luns` (8-byte header, 8 bytes per LUN), cut to `allocationLength`. */
export function reportLunsData(luns: readonly number[], allocationLength: number): Buffer {
  const sorted = [...new Set(luns)].sort((x, y) => x - y);
  const data = Buffer.alloc(8 + sorted.length * 8);
  data.writeUInt32BE(sorted.length * 8, 0);
  sorted.forEach((lun, i) => encodeLun(lun, data, 8 + i * 8));
  return data.subarray(0, Math.min(data.length, allocationLength));
}

function reportLuns(c: Buffer, luns: readonly number[]): BackendResult {
  if (c.length < 12 || ((c[11] as number) & 0x05) !== 0) return check(0x05, 0x24, 0x00);
  const select = c[2] as number;
  if (select > 2) return check(0x05, 0x24, 0x00);
  return good(reportLunsData(select === 1 ? [] : luns, c.readUInt32BE(6)));
}

function absentLun(c: Buffer): BackendResult {
  const opcode = c[0] as number;
  if (opcode === 0x12 && c.length >= 6 && ((c[1] as number) & 1) === 0) {
    const d = Buffer.alloc(36, 0x20);
    d[0] = 0x7f; // peripheral qualifier 011b, device type 1Fh
    d.fill(0, 1, 8);
    d[2] = 0x06;
    d[3] = 0x02;
    d[4] = 31;
    return good(d.subarray(0, Math.min(36, c.readUInt16BE(3))));
  }
  if (opcode === 0x03 && c.length >= 6) return good(sense(0x05, 0x25, 0x00).subarray(0, Math.min(18, c[4] as number)));
  return check(0x05, 0x25, 0x00);
}

/** The fake logical unit(s). */
export class FakeBackend implements ScsiTargetBackend {
  readonly calls: ExecuteCall[] = [];
  readonly tmfCalls: { nexus: string; fn: TaskManagementFunction; lun: number | undefined }[] = [];
  readonly lostNexuses: string[] = [];
  private readonly state = new Map<string, NexusState>();
  private readonly waitingMoves: (() => void)[] = [];

  constructor(
    private readonly lunList: readonly number[] = [0],
    /** Size of the READ ELEMENT STATUS reply before allocation-length truncation. */
    public bigSize = 1 << 20,
  ) {}

  luns(): readonly number[] {
    return this.lunList;
  }

  /** Prevent state of a nexus (for assertions). */
  prevented(nexus: string): boolean {
    return this.state.get(nexus)?.prevent ?? false;
  }

  /** Number of MOVE MEDIUM commands waiting for release. */
  get movesWaiting(): number {
    return this.waitingMoves.length;
  }

  /** Lets every waiting MOVE MEDIUM complete. */
  releaseMoves(): void {
    for (const release of this.waitingMoves.splice(0)) release();
  }

  async execute(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    const c = Buffer.from(cdb);
    this.calls.push({ nexus, lun, cdb: c, dataOut: dataOut === undefined ? undefined : Buffer.from(dataOut) });
    const opcode = c[0] as number;
    if (opcode === 0xa0) return reportLuns(c, this.lunList);
    if (!this.lunList.includes(lun)) return absentLun(c);
    const st = this.nexus(nexus);
    if (st.unitAttention !== undefined && opcode !== 0x12 && opcode !== 0x03) {
      const ua = st.unitAttention;
      st.unitAttention = undefined;
      return check(0x06, ua.asc, ua.ascq);
    }
    switch (opcode) {
      case 0x00:
        return good();
      case 0x03:
        return good(sense(0, 0, 0).subarray(0, Math.min(18, c[4] as number)));
      case 0x12: {
        const alloc = c.readUInt16BE(3);
        if (((c[1] as number) & 1) === 0) return good(standardInquiry().subarray(0, alloc));
        const page = vpdPage(c[2] as number);
        return page === undefined ? check(0x05, 0x24, 0x00) : good(page.subarray(0, alloc));
      }
      case 0xb8: {
        const alloc = c.readUIntBE(7, 3);
        return good(bigPattern(Math.min(this.bigSize, alloc)));
      }
      case 0x1e:
        st.prevent = ((c[4] as number) & 1) === 1;
        return good();
      case 0x15:
      case 0x55: {
        const length = opcode === 0x15 ? (c[4] as number) : c.readUInt16BE(7);
        if ((dataOut?.length ?? 0) !== length) return check(0x05, 0x1a, 0x00);
        st.modeData = Buffer.from(dataOut ?? []);
        return good();
      }
      case 0x1a:
        return good((st.modeData ?? Buffer.alloc(4)).subarray(0, c[4] as number));
      case 0xa5:
        await new Promise<void>((resolve) => this.waitingMoves.push(resolve));
        return good();
      default:
        return check(0x05, 0x20, 0x00);
    }
  }

  taskManagement(nexus: string, fn: TaskManagementFunction, lun?: number): void {
    this.tmfCalls.push({ nexus, fn, lun });
    if (fn === 'logical-unit-reset' || fn === 'target-warm-reset' || fn === 'target-cold-reset') {
      for (const st of this.state.values()) {
        st.prevent = false;
        st.unitAttention = { asc: 0x29, ascq: 0x00 };
      }
      this.releaseMoves();
    }
  }

  nexusLost(nexus: string): void {
    this.lostNexuses.push(nexus);
    this.state.delete(nexus);
  }

  private nexus(nexus: string): NexusState {
    let st = this.state.get(nexus);
    if (st === undefined) {
      st = { prevent: false, unitAttention: undefined, modeData: undefined };
      this.state.set(nexus, st);
    }
    return st;
  }
}
