/**
 * The simulator as a service: one simulated library (a fixture, optionally restored from a durable state file)
 * on a scaled real-time clock, reachable over iSCSI, serial lines (each its own nexus) and the HTTP control endpoint. Closing stops
 * the endpoints first (sessions end, nexuses are released), lets the robot finish its move for a grace period
 * (then stops it as a power loss would: the gripper's cartridge goes back to its source at the next start), and
 * closes the state file. Every state change is already on disk when its command or operator action completes
 * (sim/persistence/journal-store.ts), so nothing is left to flush at the end.
 * Design: docs/architecture.md "lab bring-up (a long-running simulator and console", "Clock"; docs: README.
 */
import { ScaledClock, type Clock } from '../../common/clock/clock.js';
import type { ChapCredentials } from '../../scsi/transport/iscsi/chap.js';
import { localControlClient } from '../control/control-client.js';
import { loadPersonality } from '../personality/load-personality.js';
import type { SimulatedChanger } from '../changer/simulated-changer.js';
import type { SimulatedTarget } from '../changer/simulated-target.js';
import {
  defaultTargetName,
  EndpointStartError,
  startControlEndpoint,
  startIscsiEndpoint,
  startSerialEndpoint,
  type Endpoint,
  type SerialEndpointOptions,
} from './endpoints.js';
import type { HostPort } from './host-port.js';
import { commandLogger } from './command-logging.js';
import { startWebEndpoint } from '../web/web-endpoint.js';
import { SILENT_LOGGER, withFields, type Logger } from '../../common/logger.js';
import { createInProcessTarget } from '../changer/in-process-target.js';
import { journalStateFile } from '../persistence/journal-store.js';

/** What to start. */
export interface ServeOptions {
  /** Fixture id ("ibm-ts3100") or path to a fixture file. */
  readonly fixture: string;
  /** Where fixture ids are looked up (default: the bundled fixtures/libraries). */
  readonly fixturesDir?: string | undefined;
  /** Durable state file; restarting with the same file restores the library. In memory only without it. */
  readonly statePath?: string | undefined;
  /** Mechanical time runs this many times faster than the wall clock (default 1). Ignored with `clock`. */
  readonly timeScale?: number | undefined;
  /** Injected mechanical time (default: ScaledClock(timeScale)). */
  readonly clock?: Clock | undefined;
  /**
   * Time of the transports' protocol timers (iSCSI login and NOP time-outs, serial retransmission and pacing).
   * Default: real time, whatever the time scale, so a fast simulator does not make its links time out early.
   */
  readonly transportClock?: Clock | undefined;
  /** Skip the product's power-on time at start (default false: NOT READY 04/01 for a while, as real hardware). */
  readonly startReady?: boolean | undefined;
  readonly iscsi?:
    | {
        readonly address: HostPort;
        /** Default iqn.2026-11.dev.changerbench:<fixture id>. */
        readonly targetName?: string | undefined;
        readonly chap?: ChapCredentials | undefined;
        readonly mutualChap?: ChapCredentials | undefined;
        readonly allowedInitiators?: readonly string[] | undefined;
        /** Busy-poll window in µs after each answer; 0 turns it off (default: 50 with 2 CPUs or more). */
        readonly busyPollMicros?: number | undefined;
        /** Connections held at once (default 1024) and per initiator address (default 256). */
        readonly maxConnections?: number | undefined;
        readonly maxConnectionsPerAddress?: number | undefined;
      }
    | undefined;
  /**
   * Serial lines to serve, each its own SerialTarget (and I_T nexus, `serial:<initiator>@<path>`) on the same
   * library, so a host can hold two nexuses over two lines. One line or several; paths must differ.
   */
  readonly serial?: SerialEndpointOptions | readonly SerialEndpointOptions[] | undefined;
  readonly control?: { readonly address: HostPort; readonly allowRemote?: boolean | undefined } | undefined;
  /** The lab view in a browser (docs/lab-view.md), loopback only unless allowed. */
  readonly web?: { readonly address: HostPort; readonly allowRemote?: boolean | undefined } | undefined;
  /** Log every SCSI command at debug level, decoded (sim/service/command-logging.ts). Default false. */
  readonly logCommands?: boolean | undefined;
  readonly logger?: Logger | undefined;
  /** Wall-clock milliseconds close() lets a running move finish before stopping the robot (default 3000). */
  readonly shutdownGraceMs?: number | undefined;
}

/** A running simulator with its endpoints. Start with {@link SimulatorService.start}. */
export class SimulatorService {
  private closing: Promise<void> | undefined;
  /** Every endpoint opened: "simulator started" was logged. */
  private started = false;

  private constructor(
    readonly changer: SimulatedChanger,
    readonly target: SimulatedTarget,
    /** In the order opened: iSCSI, serial (each line), control, web. */
    readonly endpoints: readonly Endpoint[],
    private readonly logger: Logger,
    private readonly shutdownGraceMs: number,
  ) {}

  /**
   * Loads the fixture, builds or restores the library, opens the endpoints asked for. Rejects (having closed
   * whatever it had opened) with FixtureError, StateFileError or EndpointStartError, whose messages are meant for
   * people.
   */
  static async start(options: ServeOptions): Promise<SimulatorService> {
    const logger = options.logger ?? SILENT_LOGGER;
    const personality = loadPersonality(options.fixture, options.fixturesDir);
    const clock = options.clock ?? new ScaledClock(options.timeScale ?? 1);
    const linkClock = options.transportClock ?? new ScaledClock(1);
    const logs = withFields(logger, { component: 'sim' });
    const { changer, target } = createInProcessTarget(personality, {
      clock,
      stateStore: options.statePath === undefined ? undefined : journalStateFile(options.statePath),
      groupCommit: true,
      startReady: options.startReady,
      logger: logs,
      recordClock: linkClock,
    });
    if (options.logCommands) target.observe(commandLogger(logger));
    const endpoints: Endpoint[] = [];
    const service = new SimulatorService(changer, target, endpoints, logger, options.shutdownGraceMs ?? 3000);
    try {
      if (options.iscsi) {
        const { targetName, ...iscsi } = options.iscsi;
        endpoints.push(
          await startIscsiEndpoint(
            { ...iscsi, targetName: targetName ?? defaultTargetName(personality.id) },
            target,
            linkClock,
            logger,
          ),
        );
      }
      const lines = options.serial === undefined ? [] : 'path' in options.serial ? [options.serial] : options.serial;
      const twice = lines.find((l, i) => lines.findIndex((o) => o.path === l.path) !== i);
      if (twice) throw new EndpointStartError(`serial: ${twice.path} was given twice; each line needs its own device`);
      for (const line of lines) endpoints.push(await startSerialEndpoint(line, target, linkClock, logger));
      if (options.control)
        endpoints.push(
          await startControlEndpoint(options.control, localControlClient(changer.control), personality.id, logger),
        );
      if (options.web)
        endpoints.push(
          await startWebEndpoint(options.web, target, localControlClient(changer.control), linkClock, logger),
        );
    } catch (err) {
      await service.close();
      throw err;
    }
    service.started = true;
    logger.info(
      {
        personality: personality.id,
        statePath: options.statePath ?? null,
        timeScale: options.clock ? null : (options.timeScale ?? 1),
        endpoints: endpoints.map((e) => e.url),
      },
      'simulator started',
    );
    return service;
  }

  /** The stdout lines, one per endpoint. */
  lines(): string[] {
    return this.endpoints.map((e) => e.line);
  }

  /** The (first) endpoint of a kind, if open. */
  endpoint(kind: Endpoint['kind']): Endpoint | undefined {
    return this.endpoints.find((e) => e.kind === kind);
  }

  /** Closes every endpoint, stops the robot, closes the state file. Idempotent; never rejects. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const e of [...this.endpoints].reverse()) {
      try {
        await e.close();
      } catch (err) {
        this.logger.warn({ endpoint: e.kind, err: (err as Error).message }, 'closing an endpoint failed');
      }
    }
    await stopChanger(this.changer, this.shutdownGraceMs, this.logger);
    // A start that failed has said why (its error); "stopped" would be news of something that never ran.
    if (this.started) this.logger.info({}, 'simulator stopped');
  }
}

/**
 * Lets the robot finish (up to `graceMs` of wall time), then stops it as a power loss would, and closes the
 * changer's state file. Also used by the in-process console.
 */
export async function stopChanger(
  changer: SimulatedChanger,
  graceMs: number,
  logger: Logger = SILENT_LOGGER,
): Promise<void> {
  const robot = changer.core.robot;
  if (robot.busy) {
    let timer: NodeJS.Timeout | undefined;
    const idle = await Promise.race([
      robot.whenIdle().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!idle) {
      logger.warn({ activity: robot.activity() }, 'the robot was still moving at shutdown: stopped as by a power loss');
      robot.abortAll();
      // Let the aborted commands finish their bookkeeping before the state file closes.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  changer.close();
}
