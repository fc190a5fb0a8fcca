/**
 * Opens the changer a host command (`status`) talks to, from a target URL or a fixture name: an in-process
 * simulator on a virtual clock for `sim:<fixture>`, an iSCSI session for `iscsi://...` and a serial session for
 * `serial:...` (over the first line of `serial:<path>,<path2>`, telling `onNote` so) and a Linux SCSI generic node
 * for `sg:/dev/sgN` (checked: a SCSI generic node, openable, a medium changer). A real target may still be
 * becoming ready (NOT READY 04/01): it is waited for before use.
 * Spec: scsi/transport/target-url.ts (URL forms); RFC 7143 (iSCSI login); docs/serial-framing.md 7, 12;
 * SPC-4 6.37 TEST UNIT READY (scsi/host/wait-until-ready.ts); docs/sg.md (sg: checks and refusals).
 */
import { ScaledClock, VirtualClock } from '../common/clock/clock.js';
import { waitUntilReady } from '../scsi/host/wait-until-ready.js';
import { ClockDrivenTransport } from '../scsi/transport/clock-driven-transport.js';
import { InMemoryTransport } from '../scsi/transport/in-memory-transport.js';
import { IscsiInitiator, IscsiUrlError } from '../scsi/transport/iscsi/index.js';
import type { ScsiTransport } from '../scsi/transport/scsi-transport.js';
import { SerialInitiator } from '../scsi/transport/serial/serial-initiator.js';
import { createKoffiSgDriver, openSgTransport, SgOpenError, SgPlatformError, type SgDriver, type SysfsRoots } from '../scsi/transport/sg/index.js';
import { parseTargetUrl, type TargetUrl } from '../scsi/transport/target-url.js';
import { localControlClient, type ControlClient } from '../sim/control/control-client.js';
import { loadPersonality } from '../sim/personality/index.js';
import { CommandError, ExitCode } from '../common/command-error.js';
import { createInProcessTarget } from '../sim/changer/in-process-target.js';

/** An open connection to a changer, with its LUN and (for a simulator) the operator API. */
export interface OpenTarget {
  readonly transport: ScsiTransport;
  readonly lun: number;
  /** Name printed after "Storage Changer" (mtx prints the device path). */
  readonly device: string;
  readonly control?: ControlClient;
  close(): Promise<void>;
}

/** An in-process simulator of one fixture, read through a transport that drives its virtual clock. */
export function openSimulatorTarget(fixture: string): OpenTarget {
  const personality = loadPersonality(fixture);
  const clock = new VirtualClock();
  const { changer, target } = createInProcessTarget(personality, { clock, startReady: true });
  const inner = new InMemoryTransport(target, { nexus: 'changerbench-status', description: `sim:${personality.id}` });
  return {
    transport: new ClockDrivenTransport(inner, clock),
    lun: target.lun,
    device: `sim:${personality.id}`,
    control: localControlClient(changer.control),
    close: async () => {
      await inner.close();
      changer.close();
    },
  };
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
export async function openSgTarget(t: Extract<TargetUrl, { kind: 'sg' }>, options: Pick<OpenTargetOptions, 'sgDriver' | 'sysfs'> = {}): Promise<ScsiTransport> {
  try {
    const driver = options.sgDriver ?? createKoffiSgDriver();
    return await openSgTransport({ path: t.path, timeouts: t.timeouts, maxTransfer: t.maxTransfer }, { driver, sysfs: options.sysfs });
  } catch (e) {
    if (e instanceof SgOpenError || e instanceof SgPlatformError) throw new CommandError(e.message, ExitCode.USAGE);
    throw e;
  }
}

/**
 * Opens the initiator side of an iSCSI or serial target URL. Each transport reads its own URL grammar (CHAP,
 * mutual CHAP and digest arguments for iSCSI), as the conformance harness does; `t` is only the parse that chose it.
 */
async function openWireTransport(url: string, t: Extract<TargetUrl, { kind: 'iscsi' | 'serial' }>): Promise<ScsiTransport> {
  if (t.kind === 'serial') {
    return SerialInitiator.open({ path: t.path, baudRate: t.baudRate, lun: t.lun, ...(t.pace !== undefined ? { pace: t.pace } : {}), ...(t.initiatorName !== undefined ? { initiatorName: t.initiatorName } : {}), responseTimeoutMs: t.responseTimeoutMs });
  }
  try {
    return await IscsiInitiator.connect(url);
  } catch (e) {
    if (e instanceof IscsiUrlError) throw new CommandError(e.message, ExitCode.USAGE);
    throw e;
  }
}

/** A real changer over iSCSI, a serial line or an sg node, waited for until it is no longer becoming ready. */
export async function openWireTarget(url: string, t: Extract<TargetUrl, { kind: 'iscsi' | 'serial' | 'sg' }>, options: OpenTargetOptions = {}): Promise<OpenTarget> {
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
  return { transport, lun: t.lun, device: t.kind === 'sg' ? t.path : transport.description, close: () => transport.close() };
}

/** Opens a target by URL (see scsi/transport/target-url.ts). */
export async function openTarget(url: string, options: OpenTargetOptions = {}): Promise<OpenTarget> {
  const t = (() => {
    try {
      return parseTargetUrl(url);
    } catch (e) {
      throw new CommandError((e as Error).message, ExitCode.USAGE);
    }
  })();
  switch (t.kind) {
    case 'sim': {
      if (t.fixtures.length !== 1) throw new CommandError(`status needs exactly one fixture: sim:<fixture>, got "${url}"`, ExitCode.USAGE);
      return openSimulatorTarget(t.fixtures[0] ?? '');
    }
    case 'serial':
      // One I_T nexus is enough to read an inventory: the first line, as the conformance suite's RSM model uses it.
      if (t.secondPath !== undefined) options.onNote?.(`the target URL names two serial lines; using the first, ${t.path} (${t.secondPath} is not opened)`);
      return openWireTarget(url, t, options);
    case 'sg':
      if (t.secondPath !== undefined) options.onNote?.(`the target URL names two sg nodes; using the first, ${t.path} (${t.secondPath} is not opened)`);
      return openWireTarget(url, t, options);
    case 'iscsi':
      return openWireTarget(url, t, options);
  }
}
