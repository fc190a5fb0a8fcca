/**
 * What a target gives one conformance test: two I_T nexuses to the changer (one for the RSM model under test,
 * one for the suite's own read-back with READ ELEMENT STATUS, so the suite never takes the model's unit
 * attentions), the clock both ends share, the operator's hands, and the faults it can cause. Each test opens a
 * fresh session, so tests are independent. Design: ARCHITECTURE.md "ScsiTransport" (targets chosen by URL),
 * style rule 11 (guards skip with a reason when the target lacks a capability).
 */
import type { ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import type { Operator } from './operator.js';
import type { TimeControl } from './time-control.js';
import type { TraceLog } from './trace-log.js';

/** What the host knows about the changer beyond SCSI (on Windows: the changer driver's feature bits). */
export interface LibraryHints {
  /** Library name for the RSM database and reports. */
  readonly name: string;
  /** The library has an operator access door RSM can unlock. */
  readonly door: boolean;
  /** LUN of the changer. */
  readonly lun: number;
  /**
   * The host can open the IE station (OPEN IMPORT/EXPORT ELEMENT; on Windows the changer driver's Features0
   * CHANGER_OPEN_IEPORT, rsm-semantics 2.4).
   */
  readonly ieOpenByHost: boolean;
  /** The host can close the IE station (CLOSE IMPORT/EXPORT ELEMENT; Features0 CHANGER_CLOSE_IEPORT). */
  readonly ieCloseByHost: boolean;
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
  /** The operator's hands, when someone or something can act. */
  readonly operator: Operator | undefined;
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
}

/** What a target URL resolves to. */
export interface ResolvedTarget {
  /** The URL as given. */
  readonly url: string;
  readonly description: string;
  readonly libraries: readonly LibraryTarget[];
  /** Reaches the target once before the tests (a remote library's identity, so its label is known); optional. */
  readonly prepare?: (() => Promise<void>) | undefined;
}
