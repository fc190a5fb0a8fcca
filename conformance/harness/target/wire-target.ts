/**
 * Targets over the wire (`iscsi://`, and `serial:PATH,PATH2` with two serial lines, each a nexus): ONE library, in
 * another process or on real hardware, whose state persists between tests. Each test opens two fresh I_T nexuses
 * (the RSM model's and the suite's, each with its own initiator name) and runs on a real clock (ScaledClock at the
 * remote simulator's time scale, so the RSM model's MaxExtendSecs time-outs cost little). What SCSI does not say
 * comes from the library model (`--model`) or stays undeclared; the operator is whoever `--operator` names. Before
 * the first test the inventory is recorded over SCSI (refusing an occupied I/O station, and on hardware a loaded
 * drive); after each test and at the end the run restores it (restore.ts). A serial line carries one nexus: over
 * `serial:` the first line is the RSM model's and the second the suite's read-back; with one line only, every test
 * skips saying a second line is needed. Over `sg:` (a Linux SCSI generic node) both transports open the node, so both
 * are the HBA's one I_T nexus unless a second node names another path (`sg:/dev/sg3,/dev/sg4`); the node is checked
 * to be a medium changer once, before the first test. Imports scsi/ only: the model and the operator are injected.
 * Design: docs/architecture.md "ScsiTransport" (targets chosen by URL), "Clock"; docs/conformance.md "Over the wire";
 * docs/serial-framing.md 12 (URL form); docs/sg.md 3 (sg: URLs, one nexus per HBA path).
 */
import { ScaledClock } from '../../../common/clock/clock.js';
import { IscsiInitiator } from '../../../scsi/transport/iscsi/index.js';
import { SerialInitiator } from '../../../scsi/transport/serial/index.js';
import type { ScsiTransport } from '../../../scsi/transport/scsi-transport.js';
import { createKoffiSgDriver, openSgTransport, type SgDriver } from '../../../scsi/transport/sg/index.js';
import type { TargetUrl } from '../../../scsi/transport/target-url.js';
import { waitUntilReady } from '../../../scsi/host/wait-until-ready.js';
import { ChangerProbe } from '../observation/changer-probe.js';
import { releaseHold, renewHold, takeHold, type HoldFact } from './changer-hold.js';
import type { FaultInjection } from './fault-injection.js';
import { testLimitMs, type LibraryModel } from './library-model.js';
import { OperatorAbortError, type Operator } from '../operator/operator.js';
import { inventoryOf, Restorer, type Inventory } from '../operator/restore.js';
import { OPERATOR_TIME_SECS } from '../scenario.js';
import {
  UnusableLibraryError,
  type LibraryHints,
  type LibraryTarget,
  type RestoreOutcome,
  type TargetSession,
} from './target-session.js';
import { realTime } from './time-control.js';
import { TraceLog } from '../observation/trace-log.js';

/** Options of {@link WireLibraryTarget}. */
export interface WireTargetOptions {
  /** The target URL as given. */
  readonly url: string;
  readonly parsed: Extract<TargetUrl, { kind: 'iscsi' | 'serial' | 'sg' }>;
  /** The remote simulator's time scale (host clock runs as fast); 1 for real hardware. */
  readonly timeScale: number;
  /** The library model (`--model`), if any: the only source of what SCSI does not say. */
  readonly model: LibraryModel | undefined;
  /** Who acts at the library, if anyone. */
  readonly operator: Operator | undefined;
  /** Faults the target can cause (a served simulator's control endpoint), if any. */
  readonly faults?: FaultInjection | undefined;
  /** Run even when a drive holds a cartridge (on hardware the suite refuses otherwise). */
  readonly allowLoadedDrives?: boolean | undefined;
  /** Where progress lines of long waits go (step, elapsed, limit). */
  readonly progress?: ((line: string) => void) | undefined;
  /** The system calls of an `sg:` target (default: the koffi binding, loaded on first use). */
  readonly sgDriver?: SgDriver | undefined;
}

/** Wall time a test over the wire may need beyond its library time (connections, discovery, host work under load). */
const WALL_MARGIN_MS = 180_000;

/** What the suite's initiator names start with (a restorer waits until no nexus of the suite is left). */
export const SUITE_INITIATOR_PREFIX = 'iqn.2026-11.dev.changerbench:conformance-';

/** Initiator names of the two nexuses (distinct, so the target keeps their unit attentions apart). */
const INITIATOR_NAMES = { rsm: `${SUITE_INITIATOR_PREFIX}rsm`, suite: `${SUITE_INITIATOR_PREFIX}suite` } as const;

/**
 * iSCSI ISIDs of the two nexuses (random-qualifier format, RFC 7143 11.12.5, docs/iscsi.md 7.3), the same in every
 * session, so each role is one I_T nexus for the whole run and the keys it registered for the hold stay valid
 * (changer-hold.ts).
 */
const ISIDS = {
  rsm: Buffer.from([0x80, 0x43, 0x42, 0x01, 0x00, 0x00]),
  suite: Buffer.from([0x80, 0x43, 0x42, 0x02, 0x00, 0x00]),
} as const;

/** Label of a library without a control endpoint: the IQN's last part ("tgt:changer" -> "changer"), or the device's name. */
function labelOf(parsed: WireTargetOptions['parsed']): string {
  if (parsed.kind === 'serial' || parsed.kind === 'sg') return parsed.path.split('/').pop() || parsed.path;
  return parsed.targetName.split(':').pop() ?? parsed.targetName;
}

/** Why a serial target with one line cannot run the suite (every test skips saying so). */
export const SECOND_SERIAL_LINE_NEEDED =
  "needs a second serial line for read-back: a serial line carries one I_T nexus (the RSM model's) and the suite reads the changer back on its own; give serial:PATH,PATH2 (e.g. two sim serve --serial lines)";

/** How long a read-back or a restore waits for a changer that is inventorying (library time). */
const READY_LIMIT_MS = 30 * 60_000;

/** The one library of an `iscsi://`, `serial:` or `sg:` target. */
export class WireLibraryTarget implements LibraryTarget {
  private recorded: Inventory | undefined;
  private elements = 0;
  private sgDriver: SgDriver | undefined;
  private sgChecked = false;
  private held = false;

  constructor(private readonly options: WireTargetOptions) {}

  get label(): string {
    return this.options.model?.id ?? labelOf(this.options.parsed);
  }

  get name(): string {
    return this.options.model?.name ?? this.options.url;
  }

  /** A one-line serial target cannot hold the suite's second nexus. */
  get unavailable(): string | undefined {
    const parsed = this.options.parsed;
    return parsed.kind === 'serial' && parsed.secondPath === undefined ? SECOND_SERIAL_LINE_NEEDED : undefined;
  }

  private get hints(): LibraryHints {
    // Without a model the RSM model is told there is no door; every path whose verdict depends on it skips (capabilities.ts).
    return { name: this.name, door: this.options.model?.door.present ?? false, lun: this.options.parsed.lun };
  }

  /** Checks an sg: node (and its second node) once: it opens, it is SCSI generic and a medium changer; other URLs pass. */
  async checkNodes(): Promise<void> {
    const parsed = this.options.parsed;
    if (parsed.kind !== 'sg' || this.sgChecked) return;
    for (const path of [parsed.path, parsed.secondPath].filter((p): p is string => p !== undefined)) {
      await (
        await openSgTransport(
          { path, timeouts: parsed.timeouts, maxTransfer: parsed.maxTransfer },
          { driver: this.driver() },
        )
      ).close();
    }
    this.sgChecked = true;
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
      return openSgTransport(
        { path, timeouts: parsed.timeouts, maxTransfer: parsed.maxTransfer },
        { driver: this.driver(), anyDeviceType: true },
      );
    }
    if (parsed.kind === 'iscsi')
      return IscsiInitiator.connect(this.options.url, { initiatorName: INITIATOR_NAMES[nexus], isid: ISIDS[nexus] });
    // Serial: the first line is the RSM model's nexus, the second the suite's; the suite names both initiators
    // (a `name=` in the URL is not used).
    const path = nexus === 'rsm' ? parsed.path : parsed.secondPath;
    if (path === undefined) return Promise.reject(new Error(SECOND_SERIAL_LINE_NEEDED));
    return SerialInitiator.open({
      path,
      baudRate: parsed.baudRate,
      lun: parsed.lun,
      pace: parsed.pace === true,
      initiatorName: INITIATOR_NAMES[nexus],
      responseTimeoutMs: parsed.responseTimeoutMs,
    });
  }

  private clock(): ScaledClock {
    return new ScaledClock(this.options.timeScale);
  }

  /** Runs `body` with a probe on a fresh suite nexus, and a wait for the changer to be ready. */
  private async withProbe<T>(body: (probe: ChangerProbe, ready: () => Promise<void>) => Promise<T>): Promise<T> {
    const clock = this.clock();
    const sleep = (ms: number) => clock.sleep(ms);
    const link = await this.connect('suite');
    try {
      const lun = this.options.parsed.lun;
      const ready = async () => void (await waitUntilReady(link, { sleep, lun, limitMs: READY_LIMIT_MS }));
      return await body(new ChangerProbe(link, lun, sleep), ready);
    } finally {
      await link.close();
    }
  }

  /**
   * Reads the inventory the library must be left in. Refuses an I/O station holding a cartridge (the suite hands
   * cleaners in through it) and, unless the operator is the simulator's control API or --allow-loaded-drives is
   * given, a drive holding a cartridge (its data must not be moved by a test).
   */
  async record(): Promise<void> {
    if (this.recorded) return;
    const contents = await this.withProbe(async (probe, ready) => {
      await ready();
      return probe.readAll();
    });
    const ie = contents.elements.filter((e) => e.kind === 'ie' && e.full);
    if (ie.length > 0) {
      throw new UnusableLibraryError(
        `the library at ${this.options.url} does not start with an empty I/O station (${ie.map((e) => `${e.volumeTag || '(no label)'} in IE element ${e.address}`).join(', ')}); the suite hands cleaners in through it. Take them out first`,
      );
    }
    const loaded = contents.elements.filter((e) => e.kind === 'drive' && e.full);
    if (loaded.length > 0 && this.options.operator?.kind !== 'sim' && !this.options.allowLoadedDrives) {
      throw new UnusableLibraryError(
        `drive${loaded.length === 1 ? '' : 's'} ${loaded.map((e) => `${e.address} (${e.volumeTag || 'no label'})`).join(', ')} of ${this.options.url} hold${loaded.length === 1 ? 's' : ''} a cartridge: unload ${loaded.length === 1 ? 'it' : 'them'} first, or give --allow-loaded-drives to run anyway (the suite never moves a drive's cartridge, but the RSM model may)`,
      );
    }
    this.recorded = inventoryOf(contents);
    this.elements = contents.elements.length;
  }

  /**
   * Holds the changer against other initiators for the run where it can (changer-hold.ts); the fact goes into the
   * capability list. Throws UnusableLibraryError when another initiator holds it.
   */
  async hold(): Promise<HoldFact> {
    return this.withBothNexuses(async (rsm, suite, lun) => {
      try {
        const fact = await takeHold(rsm, suite, lun, this.options.model);
        this.held = fact.present;
        return fact;
      } catch (e) {
        // failed after registering (a RESERVE refused, a link lost): release() still unregisters the suite's keys;
        // a refusal before any registration (another initiator's reservation) leaves nothing to undo
        if (!(e instanceof UnusableLibraryError)) this.held = true;
        throw e;
      }
    });
  }

  /** Runs `fn` on fresh connections of both of the suite's nexuses (same ISIDs as the tests'), then closes them. */
  private async withBothNexuses<T>(
    fn: (rsm: ScsiTransport, suite: ScsiTransport, lun: number) => Promise<T>,
  ): Promise<T> {
    const rsm = await this.connect('rsm');
    try {
      const suite = await this.connect('suite');
      try {
        return await fn(rsm, suite, this.options.parsed.lun);
      } finally {
        await suite.close();
      }
    } finally {
      await rsm.close();
    }
  }

  /** Takes the hold again where a test ended it (changer-hold.ts renewHold). */
  private async renewHold(): Promise<string | undefined> {
    return this.withBothNexuses(renewHold);
  }

  /** Ends the hold, if taken (once); resolves with what went wrong, or undefined. */
  async release(): Promise<string | undefined> {
    if (!this.held) return undefined;
    this.held = false;
    try {
      return await this.withBothNexuses(releaseHold);
    } catch (e) {
      return `the persistent reservation could not be released: ${(e as Error).message}`;
    }
  }

  /**
   * From the model's mechanical times (library-model.ts testLimitMs) over the time scale, plus a wall margin; none
   * for a person at the terminal (they take what they take); without a model, an hour on hardware.
   */
  timeLimitMs(operator: 'sim' | 'prompt' | 'exec' | undefined): number | undefined {
    if (operator === 'prompt') return 0;
    const model = this.options.model;
    if (!model) return this.options.timeScale === 1 ? 60 * 60_000 : undefined;
    return (
      Math.ceil(testLimitMs(model, this.elements, OPERATOR_TIME_SECS * 1000) / this.options.timeScale) + WALL_MARGIN_MS
    );
  }

  /** Restores the recorded inventory through SCSI and the operator (restore.ts); never throws but for an abort. */
  async restore(): Promise<RestoreOutcome> {
    const recorded = this.recorded;
    if (!recorded) return { steps: [], problems: [] };
    try {
      const outcome = await this.withProbe((probe, ready) =>
        new Restorer(probe, this.options.operator, this.options.model, ready).restore(recorded),
      );
      const renewed = this.held ? await this.renewHold() : undefined;
      return renewed === undefined ? outcome : { ...outcome, problems: [...outcome.problems, renewed] };
    } catch (e) {
      if (e instanceof OperatorAbortError) throw e;
      return { steps: [], problems: [`the library could not be reached to restore it: ${(e as Error).message}`] };
    }
  }

  async open(): Promise<TargetSession> {
    const clock = this.clock();
    const progress = this.options.progress;
    const report = progress
      ? (what: string, elapsed: number, limit: number) =>
          progress(
            `  waiting: ${what}: ${Math.round(elapsed / 1000)} s of ${Math.round(limit / 1000)} s (library time)\n`,
          )
      : undefined;
    const time = realTime(clock, Math.max(500, this.options.timeScale * 5), report, 5000 * this.options.timeScale);
    const trace = new TraceLog(() => clock.now());
    const rsmLink = await this.connect('rsm');
    let probeLink: ScsiTransport;
    try {
      probeLink = await this.connect('suite');
    } catch (e) {
      await rsmLink.close();
      throw e;
    }
    const operator = this.options.operator;
    return {
      label: this.label,
      description: `${this.options.url} (over the wire, ${operator ? `operator: ${operator.description}` : 'no operator'}, ${this.options.model ? `model ${this.options.model.id}` : 'no library model'}, time x${this.options.timeScale})`,
      time,
      trace,
      rsmTransport: trace.wrap('rsm', rsmLink),
      probeTransport: trace.wrap('suite', probeLink),
      hints: this.hints,
      model: this.options.model,
      operator,
      faults: this.options.faults,
      // Cutting the RSM nexus: the initiator closes its session (or serial line); later commands fail as on a lost link.
      dropLink: () => void rsmLink.close(),
      async close() {
        await Promise.allSettled([rsmLink.close(), probeLink.close()]);
      },
    };
  }
}
