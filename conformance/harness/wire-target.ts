/**
 * Targets over the wire (`iscsi://`, and `serial:PATH,PATH2` with two serial lines, each a nexus): ONE library, in
 * another process or on real hardware, whose
 * state persists between tests. Each test opens two fresh I_T nexuses (the RSM model's and the suite's, each with
 * its own initiator name), runs on a real clock (ScaledClock at the remote simulator's time scale, so the RSM
 * model's MaxExtendSecs time-outs cost little), and on close hands the library back to whoever restores it (the
 * remote simulator's control endpoint, see sim-target.ts); without a control endpoint there is no operator, and
 * paths needing one skip with the reason. A serial line carries one nexus: over `serial:` the first line is the
 * RSM model's and the second the suite's read-back; with one line only, every test skips saying a second line is
 * needed. Over `sg:` (a Linux SCSI generic node) both transports open the node, so both are the HBA's one I_T
 * nexus unless a second node names another path (`sg:/dev/sg3,/dev/sg4`); the node is checked to be a medium
 * changer once, before the first test. Imports scsi/ only: the operator and restorer are injected.
 * Design: ARCHITECTURE.md "ScsiTransport" (targets chosen by URL), "Clock"; docs/conformance.md "Over the wire";
 * docs/serial-framing.md 12 (URL form); docs/sg.md 3 (sg: URLs, one nexus per HBA path).
 */
import { ScaledClock } from '../../scsi/clock/clock.js';
import { IscsiInitiator } from '../../scsi/transport/iscsi/index.js';
import { SerialInitiator } from '../../scsi/transport/serial/index.js';
import type { ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import { createKoffiSgDriver, openSgTransport, type SgDriver } from '../../scsi/transport/sg/index.js';
import type { TargetUrl } from '../../scsi/transport/target-url.js';
import type { Operator } from './operator.js';
import type { LibraryHints, LibraryTarget, TargetSession } from './target-session.js';
import { realTime } from './time-control.js';
import { TraceLog } from './trace-log.js';

/** What a control endpoint gives a wire target: the library's identity, the operator, and restoring its state. */
export interface WireControl {
  /** Where the operator acts ("http://127.0.0.1:8080"). */
  readonly description: string;
  /** The fixture id and product name of the library behind the endpoint, and the host's hints for it. */
  identify(): Promise<{ readonly label: string; readonly name: string; readonly hints: Omit<LibraryHints, 'lun'> }>;
  /** The operator's hands (made once `identify` resolved). */
  operator(): Operator;
  /** Records the library's state as the state every test must find (called before the first test). */
  record(): Promise<void>;
  /** Puts the library back into the recorded state (cartridges, IE station, door, magazines); throws if it cannot. */
  restore(): Promise<void>;
}

/** Options of {@link WireLibraryTarget}. */
export interface WireTargetOptions {
  /** The target URL as given. */
  readonly url: string;
  readonly parsed: Extract<TargetUrl, { kind: 'iscsi' | 'serial' | 'sg' }>;
  /** The remote simulator's time scale (host clock runs as fast); 1 for real hardware. */
  readonly timeScale: number;
  /** The simulator's control endpoint, if any. */
  readonly control: WireControl | undefined;
  /** The system calls of an `sg:` target (default: the koffi binding, loaded on first use). */
  readonly sgDriver?: SgDriver | undefined;
}

/** What the suite's initiator names start with (a restorer waits until no nexus of the suite is left). */
export const SUITE_INITIATOR_PREFIX = 'iqn.2026-11.dev.changerbench:conformance-';

/** Initiator names of the two nexuses (distinct, so the target keeps their unit attentions apart). */
const INITIATOR_NAMES = { rsm: `${SUITE_INITIATOR_PREFIX}rsm`, suite: `${SUITE_INITIATOR_PREFIX}suite` } as const;

/** Label of a library without a control endpoint: the IQN's last part ("tgt:changer" -> "changer"), or the device's name. */
function labelOf(parsed: WireTargetOptions['parsed']): string {
  if (parsed.kind === 'serial' || parsed.kind === 'sg') return parsed.path.split('/').pop() || parsed.path;
  return parsed.targetName.split(':').pop() ?? parsed.targetName;
}

/** Why a serial target with one line cannot run the suite (every test skips saying so). */
export const SECOND_SERIAL_LINE_NEEDED =
  'needs a second serial line for read-back: a serial line carries one I_T nexus (the RSM model\'s) and the suite reads the changer back on its own; give serial:PATH,PATH2 (e.g. two sim serve --serial lines)';

/** The one library of an `iscsi://` or `serial:` target. */
export class WireLibraryTarget implements LibraryTarget {
  private identity: { label: string; name: string; hints: LibraryHints } | undefined;
  private recorded = false;
  private sgDriver: SgDriver | undefined;

  constructor(private readonly options: WireTargetOptions) {}

  get label(): string {
    return this.identity?.label ?? labelOf(this.options.parsed);
  }

  get name(): string {
    return this.identity?.name ?? this.options.url;
  }

  /** A one-line serial target cannot hold the suite's second nexus. */
  get unavailable(): string | undefined {
    const parsed = this.options.parsed;
    return parsed.kind === 'serial' && parsed.secondPath === undefined ? SECOND_SERIAL_LINE_NEEDED : undefined;
  }

  /** Identifies the library once (its fixture over the control endpoint, else the URL alone); an sg: node is checked first. */
  async identify(): Promise<void> {
    if (this.identity) return;
    const parsed = this.options.parsed;
    if (parsed.kind === 'sg') {
      for (const path of [parsed.path, parsed.secondPath].filter((p): p is string => p !== undefined)) {
        await (await openSgTransport({ path, timeouts: parsed.timeouts, maxTransfer: parsed.maxTransfer }, { driver: this.driver() })).close();
      }
    }
    const lun = this.options.parsed.lun;
    const control = this.options.control;
    if (control) {
      const id = await control.identify();
      this.identity = { label: id.label, name: id.name, hints: { ...id.hints, lun } };
    } else {
      // Without a control endpoint the host knows nothing beyond SCSI: no door, no host control of the IE station.
      this.identity = { label: labelOf(this.options.parsed), name: this.options.url, hints: { name: this.options.url, door: false, lun, ieOpenByHost: false, ieCloseByHost: false } };
    }
  }

  private driver(): SgDriver {
    this.sgDriver ??= this.options.sgDriver ?? createKoffiSgDriver();
    return this.sgDriver;
  }

  private connect(nexus: keyof typeof INITIATOR_NAMES): Promise<ScsiTransport> {
    const parsed = this.options.parsed;
    if (parsed.kind === 'sg') {
      // the suite's read-back uses the second node when there is one, else the same node (the same nexus)
      const path = nexus === 'rsm' ? parsed.path : (parsed.secondPath ?? parsed.path);
      return openSgTransport({ path, timeouts: parsed.timeouts, maxTransfer: parsed.maxTransfer }, { driver: this.driver(), anyDeviceType: true });
    }
    if (parsed.kind === 'iscsi') return IscsiInitiator.connect(this.options.url, { initiatorName: INITIATOR_NAMES[nexus] });
    // Serial: the first line is the RSM model's nexus, the second the suite's; the suite names both initiators
    // (a `name=` in the URL is not used), so the restorer can tell when the test's nexuses have ended.
    const path = nexus === 'rsm' ? parsed.path : parsed.secondPath;
    if (path === undefined) return Promise.reject(new Error(SECOND_SERIAL_LINE_NEEDED));
    return SerialInitiator.open({ path, baudRate: parsed.baudRate, lun: parsed.lun, pace: parsed.pace === true, initiatorName: INITIATOR_NAMES[nexus], responseTimeoutMs: parsed.responseTimeoutMs });
  }

  async open(): Promise<TargetSession> {
    await this.identify();
    const identity = this.identity;
    if (!identity) throw new Error('the library was not identified');
    const control = this.options.control;
    if (control && !this.recorded) {
      await control.record();
      this.recorded = true;
    }
    const clock = new ScaledClock(this.options.timeScale);
    const time = realTime(clock, Math.max(500, this.options.timeScale * 5));
    const trace = new TraceLog(() => clock.now());
    const rsmLink = await this.connect('rsm');
    let probeLink: ScsiTransport;
    try {
      probeLink = await this.connect('suite');
    } catch (e) {
      await rsmLink.close();
      throw e;
    }
    const where = this.options.url;
    return {
      label: identity.label,
      description: `${where} (over the wire, ${control ? `operator at ${control.description}` : 'no control endpoint'}, time x${this.options.timeScale})`,
      time,
      trace,
      rsmTransport: trace.wrap('rsm', rsmLink),
      probeTransport: trace.wrap('suite', probeLink),
      hints: identity.hints,
      operator: control?.operator(),
      // Cutting the RSM nexus: the initiator closes its session (or serial line); later commands fail as on a lost link.
      dropLink: () => void rsmLink.close(),
      async close() {
        await Promise.allSettled([rsmLink.close(), probeLink.close()]);
        if (control) await control.restore();
      },
    };
  }
}
