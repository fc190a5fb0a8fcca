/**
 * Opens a real changer for `status`: over iSCSI, a serial line or a Linux sg node, waited for until it is no longer
 * becoming ready. Loaded only for those URLs (cli/open-target.ts imports it when one is given), so that `status
 * --fixture` does not load the wire transports. Spec: docs/architecture.md "A single command-line entry (yargs)".
 */
import { ScaledClock } from '../common/clock/clock.js';
import { CommandError, ExitCode } from '../common/command-error.js';
import { waitUntilReady } from '../scsi/host/wait-until-ready.js';
import { IscsiInitiator, IscsiUrlError } from '../scsi/transport/iscsi/index.js';
import type { ScsiTransport } from '../scsi/transport/scsi-transport.js';
import { SerialInitiator } from '../scsi/transport/serial/serial-initiator.js';
import {
  createKoffiSgDriver,
  openSgTransport,
  SgOpenError,
  SgPlatformError,
  type SgDriver,
  type SysfsRoots,
} from '../scsi/transport/sg/index.js';
import type { TargetUrl } from '../scsi/transport/target-url.js';
import type { ControlClient } from '../sim/control/control-client.js';

/** An open connection to a changer, with its LUN and (for a simulator) the operator API. */
export interface OpenTarget {
  readonly transport: ScsiTransport;
  readonly lun: number;
  /** Name printed after "Storage Changer" (mtx prints the device path). */
  readonly device: string;
  /**
   * The simulator's status view (its door, magazines and IE station). Only this operation: the full client
   * (localControlClient) loads the operation table and its argument schemas (zod), which `status` never uses.
   */
  readonly control?: Pick<ControlClient, 'status'>;
  close(): Promise<void>;
}

/** How long and how often to wait for a real target that is becoming ready. */
export interface OpenTargetOptions {
  /** Pause between TEST UNIT READY commands while the target answers 04/01 (default 1000 ms). */
  readonly readyIntervalMs?: number | undefined;
  /** Give up waiting after this long (default 180 s). */
  readonly readyLimitMs?: number | undefined;
  /** Told before each pause (e.g. to print "waiting for the changer to become ready"). */
  readonly onWait?: ((waitedMs: number) => void) | undefined;
  /** Told, in one line, of a part of the URL that is not used (the second line of `serial:<path>,<path2>`). */
  readonly onNote?: ((line: string) => void) | undefined;
  /** The system calls of `sg:` targets (default: the koffi binding). */
  readonly sgDriver?: SgDriver | undefined;
  /** Where `sg:` refusals look for the changer's node (default /sys and /dev). */
  readonly sysfs?: SysfsRoots | undefined;
}

/**
 * Opens an `sg:` node as a checked transport to a medium changer; every refusal (platform, missing path, not a
 * SCSI generic node, permission, not a changer) is a CommandError with exit code 2.
 */
export async function openSgTarget(
  t: Extract<TargetUrl, { kind: 'sg' }>,
  options: Pick<OpenTargetOptions, 'sgDriver' | 'sysfs'> = {},
): Promise<ScsiTransport> {
  try {
    const driver = options.sgDriver ?? createKoffiSgDriver();
    return await openSgTransport(
      { path: t.path, timeouts: t.timeouts, maxTransfer: t.maxTransfer },
      { driver, sysfs: options.sysfs },
    );
  } catch (e) {
    if (e instanceof SgOpenError || e instanceof SgPlatformError) throw new CommandError(e.message, ExitCode.USAGE);
    throw e;
  }
}

/**
 * Opens the initiator side of an iSCSI or serial target URL. Each transport reads its own URL grammar (CHAP,
 * mutual CHAP and digest arguments for iSCSI), as the conformance harness does; `t` is only the parse that chose it.
 */
async function openWireTransport(
  url: string,
  t: Extract<TargetUrl, { kind: 'iscsi' | 'serial' }>,
): Promise<ScsiTransport> {
  if (t.kind === 'serial') {
    return SerialInitiator.open({
      path: t.path,
      baudRate: t.baudRate,
      lun: t.lun,
      ...(t.pace !== undefined ? { pace: t.pace } : {}),
      ...(t.initiatorName !== undefined ? { initiatorName: t.initiatorName } : {}),
      responseTimeoutMs: t.responseTimeoutMs,
    });
  }
  try {
    return await IscsiInitiator.connect(url);
  } catch (e) {
    if (e instanceof IscsiUrlError) throw new CommandError(e.message, ExitCode.USAGE);
    throw e;
  }
}

/** A real changer over iSCSI, a serial line or an sg node, waited for until it is no longer becoming ready. */
export async function openWireTarget(
  url: string,
  t: Extract<TargetUrl, { kind: 'iscsi' | 'serial' | 'sg' }>,
  options: OpenTargetOptions = {},
): Promise<OpenTarget> {
  const transport = t.kind === 'sg' ? await openSgTarget(t, options) : await openWireTransport(url, t);
  try {
    const clock = new ScaledClock();
    await waitUntilReady(transport, {
      lun: t.lun,
      sleep: (ms) => clock.sleep(ms),
      intervalMs: options.readyIntervalMs,
      limitMs: options.readyLimitMs,
      onWait: (_attempt, waitedMs) => options.onWait?.(waitedMs),
    });
  } catch (e) {
    await transport.close().catch(() => undefined);
    throw e;
  }
  return {
    transport,
    lun: t.lun,
    device: t.kind === 'sg' ? t.path : transport.description,
    close: () => transport.close(),
  };
}
