/**
 * ScsiTransport over a Linux SCSI generic node: each command is one SG_IO ioctl (sg v3 header), run off the event
 * loop by the driver so that a minutes-long MOVE MEDIUM does not stop the process, with several in flight at once.
 * The kernel enforces the command's time-out (per class, sg-timeouts.ts); a watchdog a minute later rejects the
 * command should the kernel's error handling not return by then. Results are as every transport gives them:
 * CHECK CONDITION with its sense as a value, data-in cut to what was transferred (resid), host and driver
 * failures and a vanished device (ENODEV, ENXIO) as TransportError with a named code. The node is one logical
 * unit of one I_T nexus (the HBA's); commands address it as LUN 0.
 * Spec: Linux SCSI generic HOWTO (SG_IO, sg v3); scsi/transport/scsi-transport.ts (the contract); SAM-5 Execute
 * Command (docs/scsi-model.md 1); docs/sg.md sections 2-4.
 */
import { ScaledClock, type Clock } from '../../../common/clock/clock.js';
import { OPCODE_NAMES } from '../../codec/opcodes.js';
import { TransportError, type ScsiCommand, type ScsiResult, type ScsiTransport } from '../scsi-transport.js';
import { errnoOf, type SgDriver } from './sg-driver.js';
import { decodeSgIoReply, encodeSgIoHeader, SgDxfer } from './sg-io-header.js';
import { decodeSgResult, formatDuration } from './sg-status.js';
import { timeoutClassOf, type SgTimeouts } from './sg-timeouts.js';
import { formatSgUrl, type SgUrl } from './sg-url.js';

/**
 * Room for sense data: the most a target may return (SPC-4 4.5, docs/scsi-model.md 7.1: 252 bytes); the kernel
 * writes up to 96.
 */
export const SG_SENSE_BUFFER_LENGTH = 252;

/** How long after the kernel's time-out the watchdog gives up on an ioctl that has not returned. */
export const SG_WATCHDOG_GRACE_MS = 60_000;

/** errno values that mean the device is gone: every later command fails the same way. */
const GONE = new Set(['ENODEV', 'ENXIO']);

/** Options of {@link SgTransport}. */
export interface SgTransportOptions {
  readonly driver: SgDriver;
  /** An open file descriptor of the node (SgTransport.close() closes it). */
  readonly fd: number;
  readonly url: SgUrl;
  /** Clock of the watchdog (default: real time). */
  readonly clock?: Clock | undefined;
  /**
   * The node's largest data transfer (SgDriver.maxTransferLength, or the URL's `max-transfer`): a data-in buffer
   * is never made larger, so an allocation length beyond it (READ ELEMENT STATUS asking for 16 MB) is carried as
   * this many bytes (the CDB goes as given). Absent: no limit.
   */
  readonly maxTransferLength?: number | undefined;
}

/** The name of a CDB's command for messages: "MOVE MEDIUM (a5h)". */
export function commandName(cdb: Uint8Array): string {
  const op = cdb[0] ?? 0;
  return `${OPCODE_NAMES.get(op) ?? 'operation code'} (${op.toString(16).padStart(2, '0')}h)`;
}

/** An I_T nexus through a SCSI generic node. */
export class SgTransport implements ScsiTransport {
  readonly description: string;
  private state: 'open' | 'closed' = 'open';
  /** The errno that ended the device (ENODEV, ENXIO), once seen. */
  private gone: TransportError | undefined;
  private inFlight = 0;
  private fdClosed = false;
  private readonly pending = new Set<(e: TransportError) => void>();
  private readonly clock: Clock;

  constructor(private readonly options: SgTransportOptions) {
    this.description = formatSgUrl(options.url);
    this.clock = options.clock ?? new ScaledClock();
  }

  /** The largest data-in buffer of one command, in bytes (undefined: as large as the allocation length). */
  get maxTransferLength(): number | undefined {
    return this.options.maxTransferLength;
  }

  /** The time-outs this transport gives the kernel, per class (ms). */
  get timeouts(): SgTimeouts {
    return this.options.url.timeouts;
  }

  async execute(command: ScsiCommand): Promise<ScsiResult> {
    if (this.state === 'closed') throw new TransportError(`${this.description}: closed`, 'ECLOSED');
    if (this.gone) throw this.gone;
    const cdb = Buffer.from(command.cdb);
    const what = `${commandName(cdb)} on ${this.description}`;
    if (command.lun !== 0)
      throw new TransportError(
        `${what}: a SCSI generic node is one logical unit, addressed as LUN 0; got LUN ${command.lun}`,
        'EINVAL',
      );
    if (cdb.length < 6 || cdb.length > 16)
      throw new TransportError(`${what}: a CDB is 6 to 16 bytes, got ${cdb.length}`, 'EINVAL');
    const allocation = Math.min(
      Math.max(0, Math.floor(command.allocationLength)),
      this.options.maxTransferLength ?? Infinity,
    );
    const dataOut = command.dataOut && command.dataOut.length > 0 ? Buffer.from(command.dataOut) : undefined;
    if (dataOut && allocation > 0)
      throw new TransportError(`${what}: a command with both data-out and data-in cannot go through SG_IO`, 'ENOTSUP');
    const timeoutMs = this.options.url.timeouts[timeoutClassOf(cdb[0] ?? 0)];
    const data = dataOut ?? (allocation > 0 ? Buffer.alloc(allocation) : undefined);
    const sense = Buffer.alloc(SG_SENSE_BUFFER_LENGTH);
    const header = encodeSgIoHeader({
      dxferDirection: dataOut ? SgDxfer.TO_DEV : data ? SgDxfer.FROM_DEV : SgDxfer.NONE,
      cmdLen: cdb.length,
      mxSbLen: sense.length,
      dxferLen: data?.length ?? 0,
      timeoutMs,
    });
    return new Promise<ScsiResult>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.pending.delete(fail);
        watchdog.cancel();
        fn();
      };
      const fail = (e: TransportError) => settle(() => reject(e));
      this.pending.add(fail);
      const watchdog = this.clock.setTimer(timeoutMs + SG_WATCHDOG_GRACE_MS, () =>
        fail(
          new TransportError(
            `${what}: timed out after ${formatDuration(timeoutMs)} and the kernel had not returned it ${formatDuration(SG_WATCHDOG_GRACE_MS)} later`,
            'ETIMEDOUT',
          ),
        ),
      );
      this.inFlight++;
      let call: Promise<void>;
      try {
        call = this.options.driver.sgIo(this.options.fd, header, { cdb, data: dataOut ? dataOut : data, sense });
      } catch (e) {
        call = Promise.reject(e);
      }
      call.then(
        () => {
          this.finished();
          settle(() => {
            try {
              resolve(decodeSgResult(decodeSgIoReply(header), dataOut ? undefined : data, sense, { what, timeoutMs }));
            } catch (e) {
              reject(e);
            }
          });
        },
        (e: unknown) => {
          this.finished();
          fail(this.systemError(e, what, data?.length ?? 0));
        },
      );
    });
  }

  /** Turns a failed ioctl into a TransportError; a vanished device ends the transport. */
  private systemError(e: unknown, what: string, bufferLength: number): TransportError {
    const code = errnoOf(e) ?? 'EIO';
    if (GONE.has(code)) {
      const err = new TransportError(
        `${what}: the device is gone (${code}: ${code === 'ENODEV' ? 'no such device' : 'no such device or address'})`,
        code,
      );
      this.gone ??= err;
      for (const other of [...this.pending]) other(err);
      return err;
    }
    if ((code === 'ENOMEM' || code === 'EINVAL') && bufferLength > 64 * 1024) {
      return new TransportError(
        `${what}: SG_IO refused a ${bufferLength}-byte data buffer (${code}): the HBA or the sg driver carries less in one command; give a smaller ?max-transfer=BYTES`,
        code,
      );
    }
    return new TransportError(
      `${what}: SG_IO failed with ${code}${e instanceof Error && !e.message.includes(code) ? ` (${e.message})` : ''}`,
      code,
    );
  }

  private finished(): void {
    this.inFlight--;
    if (this.state === 'closed') this.closeFd();
  }

  /** Closes the descriptor once no ioctl still uses it (an ioctl in the kernel cannot be called back). */
  private closeFd(): void {
    if (this.fdClosed || this.inFlight > 0) return;
    this.fdClosed = true;
    try {
      this.options.driver.close(this.options.fd);
    } catch {
      // a descriptor of a vanished device may fail to close; nothing is left to release
    }
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    const err = new TransportError(`${this.description}: closed`, 'ECLOSED');
    for (const fail of [...this.pending]) fail(err);
    this.closeFd();
  }
}
