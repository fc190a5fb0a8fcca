/**
 * The capabilities a return path may need from a target (its `needs`), and one capability as a run used it: the
 * names and the fact type, below the return paths, the target session and the probe that all speak of them, so
 * none of those imports another for them. Design: docs/architecture.md style rule 11 (guard: skip with a reason).
 */

/** What a return path may need from the target; missing capabilities make it skip with a stated reason. */
export const Capability = {
  /** The library has at least one IE element (port). */
  IE_PORT: 'ie-port',
  /**
   * The host can close the IE station it opened, or never opens it (the operator opens and closes it): needed
   * where the model must close the port and put the cleaner back (docs/rsm-semantics.md D6, D7).
   */
  IE_PORT_CLOSABLE: 'ie-port-closable',
  /** The library has no IE element. */
  NO_IE_PORT: 'no-ie-port',
  /** The library has an operator access door (the door path also needs NO_IE_PORT, per docs/rsm-semantics.md D8). */
  DOOR: 'door',
  /** The library has an IE port or a door, so EjectNtmsCleaner(START) reaches the slot checks (D3, D9). */
  PORT_OR_DOOR: 'port-or-door',
  /** The library has neither an IE port nor a door. */
  NEITHER_PORT_NOR_DOOR: 'neither-port-nor-door',
  /**
   * A storage slot the RSM model knows as EMPTY, so a cleaner slot can be reserved (docs/rsm-semantics.md 3.3). Missing
   * where the target reads every slot not accessible (tgt never sets ACCESS, docs/tgt-quirks.md TGT-R5) or full.
   */
  EMPTY_SLOT: 'empty-slot',
  /** Storage slots in removable magazines the operator can pull. */
  MAGAZINES: 'magazines',
  /** Operator actions can be carried out (simulator control API, or a person at the library). */
  OPERATOR: 'operator',
  /** Faults can be injected (simulator control API only). */
  FAULT_INJECTION: 'fault-injection',
  /** The SCSI link can be cut under test (in-process simulator). */
  LINK_DROP: 'link-drop',
  /** The changer is held against other initiators for the run (a persistent reservation; no path needs it). */
  HOLD: 'hold',
} as const;

export type CapabilityName = (typeof Capability)[keyof typeof Capability];

/** Where a capability's value comes from. */
export type CapabilitySource = 'probed' | 'declared' | 'target' | 'undeclared';

/** One capability as the run used it. */
export interface CapabilityFact {
  readonly name: CapabilityName;
  readonly present: boolean;
  readonly source: CapabilitySource;
  readonly fact: string;
}
