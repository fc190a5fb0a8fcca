/**
 * What a target gives one conformance test: two I_T nexuses to the changer (one for the RSM model under test,
 * one for the suite's own read-back with READ ELEMENT STATUS, so the suite never takes the model's unit
 * attentions), the clock both ends share, the operator's hands, and the faults it can cause. Each test opens a
 * fresh session, so tests are independent. Design: docs/architecture.md "ScsiTransport" (targets chosen by URL),
 * style rule 11 (guards skip with a reason when the target lacks a capability).
 */
import type { ScsiTransport } from '../../../scsi/transport/scsi-transport.js';
import type { CapabilityFact } from '../capability.js';
import type { FaultInjection } from './fault-injection.js';
import type { LibraryModel } from './library-model.js';
import type { Operator } from '../operator/operator.js';
import type { TimeControl } from './time-control.js';
import type { TraceLog } from '../observation/trace-log.js';

/** What the RSM model is told about the changer beyond SCSI (on Windows: the changer driver's feature bits). */
export interface LibraryHints {
  /** Library name for the RSM database and reports. */
  readonly name: string;
  /**
   * The library has an operator access door RSM can unlock: the model's `door.present`; without a model the
   * model is told there is none, and every path whose verdict depends on the door skips (capabilities.ts).
   */
  readonly door: boolean;
  /** LUN of the changer. */
  readonly lun: number;
}

/** One test's connection to one library. */
export interface TargetSession {
  /** Short label of the library in the matrix ("ibm-ts3100"). */
  readonly label: string;
  /** Where it is ("sim:ibm-ts3100 (in-process)"). */
  readonly description: string;
  readonly time: TimeControl;
  /** Both transports record here. */
  readonly trace: TraceLog;
  /** The RSM model's nexus (traced as "rsm"). */
  readonly rsmTransport: ScsiTransport;
  /** The suite's read-back nexus (traced as "suite"). */
  readonly probeTransport: ScsiTransport;
  readonly hints: LibraryHints;
  /** What the library model declares (the fixture of a `sim:` target, `--model` elsewhere); undefined: nothing declared. */
  readonly model: LibraryModel | undefined;
  /** The operator's hands, when someone or something can act. */
  readonly operator: Operator | undefined;
  /** Faults the target can cause (the simulator's control API only); undefined elsewhere. */
  readonly faults?: FaultInjection | undefined;
  /** Cuts the RSM model's link to the changer (cable pulled), when the target can. */
  readonly dropLink: (() => void) | undefined;
  /** Releases everything the session holds. */
  close(): Promise<void>;
}

/** One library of a target URL; `open()` gives a fresh, independent session each time. */
export interface LibraryTarget {
  readonly label: string;
  /** Product name for people. */
  readonly name: string;
  /** Why no test can run against this library (e.g. "needs a second serial line ..."): each skips saying so. */
  readonly unavailable?: string | undefined;
  open(): Promise<TargetSession>;
  /**
   * Records the library's inventory as the state to leave it in (before the first test); refuses (throws
   * UnusableLibraryError) a library the suite must not touch. Absent where every test gets a fresh library.
   */
  record?(): Promise<void>;
  /**
   * Holds the changer against other initiators for the run, after `record` (conformance/harness/target/changer-hold.ts);
   * resolves with the fact for the capability list. Absent where no other initiator can reach the library.
   */
  hold?(): Promise<CapabilityFact>;
  /** Ends the hold (idempotent); resolves with what went wrong, or undefined. */
  release?(): Promise<string | undefined>;
  /** A test's time limit in wall milliseconds for this library and operator (0: none); undefined: the run's default. */
  timeLimitMs?(operator: 'sim' | 'prompt' | 'exec' | undefined): number | undefined;
  /** Puts the library back as recorded and reads it again; resolves with what could not be restored (never throws). */
  restore?(): Promise<RestoreOutcome>;
}

/** What restoring a library after a test (or at the end) did and could not do. */
export interface RestoreOutcome {
  /** The steps taken ("MOVE MEDIUM 1012 -> 10", "operator took CLN900L1 from IE element 10"). */
  readonly steps: readonly string[];
  /** What is still not as recorded after reading the inventory again (empty when restored). */
  readonly problems: readonly string[];
}

/** A library the suite refuses to run against (an occupied I/O station, a loaded drive on hardware); exit 2. */
export class UnusableLibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableLibraryError';
  }
}

/** What a target URL resolves to. */
export interface ResolvedTarget {
  /** The URL as given. */
  readonly url: string;
  readonly description: string;
  readonly libraries: readonly LibraryTarget[];
  /** Reaches the target once before the tests (a remote library's identity, so its label is known); optional. */
  readonly prepare?: (() => Promise<void>) | undefined;
  /** Who acts at the library (undefined: nobody; destructive paths and operator steps skip). */
  readonly operatorKind?: 'sim' | 'prompt' | 'exec' | undefined;
  /** The operator in words ("a person at the terminal", "exec: ./rig"), when there is one. */
  readonly operatorDescription?: string | undefined;
  /** Ends what the target holds for the run (an operator command's process). */
  readonly close?: (() => Promise<void>) | undefined;
}
