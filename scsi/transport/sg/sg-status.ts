/**
 * What SG_IO's result fields mean, in one table per field: the host adapter's status (host_status, the kernel's
 * DID_* codes), the driver's status (driver_status, DRIVER_* in its low nibble, SUGGEST_* in the high one), and the
 * decoding of one completed header into a ScsiResult or a TransportError with a named code.
 * Spec: Linux include/scsi/scsi_status.h (enum scsi_host_status), include/scsi/scsi.h of 2.6-5.13 kernels
 * (DRIVER_* and SUGGEST_* bytes, still reported by sg in driver_status); the Linux SCSI generic HOWTO (sg v3:
 * status, host_status, driver_status, resid, sb_len_wr); SAM-5 5.3 (status codes),
 * docs/scsi-model.md 2; docs/sg.md section 4.
 */
import { TransportError, type ScsiResult } from '../scsi-transport.js';
import type { SgIoReply } from './sg-io-header.js';

/** One value of host_status or driver_status: its kernel name, what it means, and the TransportError code. */
export interface SgStatusEntry {
  readonly name: string;
  readonly meaning: string;
  /** The TransportError code (ETIMEDOUT for time-outs, the kernel's name otherwise). */
  readonly code: string;
}

const entry = (name: string, meaning: string, code = name): SgStatusEntry => ({ name, meaning, code });

/** host_status values (DID_*). DID_OK is 0 and is no error. */
export const HOST_STATUS: ReadonlyMap<number, SgStatusEntry> = new Map([
  [0x01, entry('DID_NO_CONNECT', 'the host adapter could not reach the device (gone, or never connected)')],
  [0x02, entry('DID_BUS_BUSY', 'the bus stayed busy through the time-out period')],
  [0x03, entry('DID_TIME_OUT', 'the command timed out', 'ETIMEDOUT')],
  [0x04, entry('DID_BAD_TARGET', 'the target does not answer at this address')],
  [0x05, entry('DID_ABORT', 'the command was aborted')],
  [0x06, entry('DID_PARITY', 'a parity error on the bus')],
  [0x07, entry('DID_ERROR', 'an internal error of the host adapter')],
  [0x08, entry('DID_RESET', 'the command was ended by a bus or device reset')],
  [0x09, entry('DID_BAD_INTR', 'an unexpected interrupt')],
  [0x0a, entry('DID_PASSTHROUGH', 'forced pass-through past the error handler')],
  [0x0b, entry('DID_SOFT_ERROR', 'the low-level driver asked for a retry')],
  [0x0c, entry('DID_IMM_RETRY', 'the midlayer was asked to retry at once')],
  [0x0d, entry('DID_REQUEUE', 'the midlayer was asked to requeue the command')],
  [0x0e, entry('DID_TRANSPORT_DISRUPTED', 'the transport (FC, SAS, iSCSI link) was disrupted')],
  [0x0f, entry('DID_TRANSPORT_FAILFAST', 'the transport is down and fails commands fast')],
  [0x10, entry('DID_TARGET_FAILURE', 'a permanent target failure')],
  [0x11, entry('DID_NEXUS_FAILURE', 'a permanent I_T nexus failure (e.g. a reservation conflict on the path)')],
  [0x12, entry('DID_ALLOC_FAILURE', 'the target could not allocate space')],
  [0x13, entry('DID_MEDIUM_ERROR', 'a medium error the midlayer will not retry')],
  [0x14, entry('DID_TRANSPORT_MARGINAL', 'the transport is marginal')],
]);

/** driver_status values (low nibble; DRIVER_OK is 0). DRIVER_SENSE only says sense data was written: no error. */
export const DRIVER_STATUS: ReadonlyMap<number, SgStatusEntry> = new Map([
  [0x1, entry('DRIVER_BUSY', 'the driver was busy')],
  [0x2, entry('DRIVER_SOFT', 'a soft driver error')],
  [0x3, entry('DRIVER_MEDIA', 'a media error reported by the driver')],
  [0x4, entry('DRIVER_ERROR', 'a driver error')],
  [0x5, entry('DRIVER_INVALID', 'the driver found the request invalid')],
  [0x6, entry('DRIVER_TIMEOUT', 'the command timed out', 'ETIMEDOUT')],
  [0x7, entry('DRIVER_HARD', 'a hard driver error')],
  [0x8, entry('DRIVER_SENSE', 'sense data was written')],
]);

/** The DRIVER_SENSE value: sense data is in the sense buffer (it goes with CHECK CONDITION). */
export const DRIVER_SENSE = 0x8;

/** driver_status high nibble (SUGGEST_*), for messages. */
const SUGGESTION: ReadonlyMap<number, string> = new Map([
  [0x10, 'SUGGEST_RETRY'],
  [0x20, 'SUGGEST_ABORT'],
  [0x30, 'SUGGEST_REMAP'],
  [0x40, 'SUGGEST_DIE'],
  [0x80, 'SUGGEST_SENSE'],
]);

/** A transport fault of an SG_IO command, with the raw fields it came from. */
export class SgTransportError extends TransportError {
  constructor(
    message: string,
    code: string,
    readonly hostStatus: number,
    readonly driverStatus: number,
  ) {
    super(message, code);
    this.name = 'SgTransportError';
  }
}

const hex = (n: number, width = 2): string => `0x${n.toString(16).padStart(width, '0')}`;

/** What the command was, for messages: "MOVE MEDIUM (a5h) on sg:/dev/sg3". */
export interface SgCommandLabel {
  readonly what: string;
  /** The time-out given to the kernel, in ms (for time-out messages). */
  readonly timeoutMs: number;
}

/** "300 s", "1.5 s", "250 ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Statuses that carry data-in (SAM-5 5.3, docs/scsi-model.md 2): GOOD and CONDITION MET. */
const DATA_STATUSES = new Set([0x00, 0x04]);

/**
 * Turns a completed SG_IO into a ScsiResult, or throws SgTransportError when the host adapter or the driver says
 * the command was not carried out. `data` is the data-in buffer of dxfer_len bytes, `sense` the sense buffer.
 */
export function decodeSgResult(
  reply: SgIoReply,
  data: Buffer | undefined,
  sense: Buffer,
  label: SgCommandLabel,
): ScsiResult {
  const host = reply.hostStatus;
  const driver = reply.driverStatus & 0x0f;
  if (host !== 0) {
    const e = HOST_STATUS.get(host);
    const name = e?.name ?? `host_status ${hex(host)}`;
    const meaning =
      e?.code === 'ETIMEDOUT'
        ? `timed out after ${formatDuration(label.timeoutMs)}`
        : (e?.meaning ?? 'an unknown host adapter status');
    throw new SgTransportError(
      `${label.what}: ${meaning} (${name})`,
      e?.code ?? 'DID_UNKNOWN',
      host,
      reply.driverStatus,
    );
  }
  if (driver !== 0 && driver !== DRIVER_SENSE) {
    const e = DRIVER_STATUS.get(driver);
    const name = e?.name ?? `driver_status ${hex(driver)}`;
    const suggestion = SUGGESTION.get(reply.driverStatus & 0xf0);
    const meaning =
      e?.code === 'ETIMEDOUT'
        ? `timed out after ${formatDuration(label.timeoutMs)}`
        : (e?.meaning ?? 'an unknown driver status');
    throw new SgTransportError(
      `${label.what}: ${meaning} (${name}${suggestion ? `|${suggestion}` : ''})`,
      e?.code ?? 'DRIVER_UNKNOWN',
      host,
      reply.driverStatus,
    );
  }
  const senseLength = Math.min(reply.sbLenWr, sense.length);
  const senseData = senseLength > 0 ? Buffer.from(sense.subarray(0, senseLength)) : undefined;
  let dataIn = Buffer.alloc(0);
  if (data && DATA_STATUSES.has(reply.status)) {
    // resid = dxfer_len - bytes transferred; a negative or oversized value from a confused driver is clamped
    const length = Math.max(0, Math.min(data.length, data.length - reply.resid));
    dataIn = Buffer.from(data.subarray(0, length));
  }
  return { status: reply.status, ...(senseData ? { senseData } : {}), dataIn };
}
