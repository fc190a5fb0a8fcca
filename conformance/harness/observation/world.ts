/**
 * What a snapshot holds (observe.ts takes them, world-differences.ts compares two): the RSM side and the changer
 * side read back over SCSI at one moment. Types only, below both, so neither imports the other.
 * Design: docs/architecture.md style rule 10 (self-describing, narrated tests).
 */
import type { CartridgeView, LibraryRequestView, LibraryView, OperatorRequestView } from '../../../rsm/index.js';
import type { ChangerContents } from './changer-probe.js';

/** An opening (the IE station or the door) as observed. */
export interface OpeningState {
  readonly present: boolean;
  /** Read over SCSI; undefined when SCSI cannot tell (no model declares the door's sense). */
  readonly open: boolean | undefined;
  /** The operator's answer, when asked for; undefined otherwise. */
  readonly locked: boolean | undefined;
}

/** Everything observable at one moment. */
export interface World {
  readonly at: number;
  readonly library: LibraryView;
  readonly requests: readonly LibraryRequestView[];
  readonly operatorRequests: readonly OperatorRequestView[];
  readonly cartridges: readonly CartridgeView[];
  /** Cartridges the offline library holds. */
  readonly offline: readonly CartridgeView[];
  readonly changer: ChangerContents;
  readonly importExport: OpeningState | undefined;
  readonly door: OpeningState | undefined;
}
