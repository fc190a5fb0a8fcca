/**
 * What a transport's spec file hands the contract suite: a simulated changer served behind that transport, and
 * ways to open initiator-side transports (one I_T nexus each), to cut one of their links, and to stop it all.
 * Spec: SAM-5 (I_T nexus, Execute Command); docs/architecture.md style rule 8 (one transport interface,
 * several implementations, one contract suite); scsi/transport/scsi-transport.ts (the ScsiTransport contract).
 * See docs/scsi-model.md 3 and 1.
 */
import { VirtualClock } from '../../../../common/clock/clock.js';
import type { ScsiTransport } from '../../../../scsi/transport/scsi-transport.js';
import { loadPersonality } from '../../../../sim/personality/index.js';
import { SimulatedChanger } from '../../../../sim/changer/simulated-changer.js';
import { SimulatedTarget } from '../../../../sim/changer/simulated-target.js';
import { createInProcessTarget } from '../../../../sim/changer/in-process-target.js';

/** One initiator-side transport opened by a harness, with the means to cut its link as a pulled cable would. */
export interface ContractInitiator {
  /** The host's transport (its own I_T nexus for its lifetime). */
  readonly transport: ScsiTransport;
  /**
   * Breaks this link only, from outside the transport (the in-memory link drops, the TCP connection is reset, the
   * PTY pair disappears). Resolves once the break has been made; the host side finds out by itself.
   */
  cut(): Promise<void>;
}

/** A simulator behind one transport, as the contract suite drives it. */
export interface ContractHarness {
  /** The simulated changer (its `control` is the operator's hands and the status that must keep answering). */
  readonly changer: SimulatedChanger;
  /** The target every transport serves (ScsiTargetBackend). */
  readonly target: SimulatedTarget;
  /** The simulator's mechanical time: it stands still until a test advances it. */
  readonly clock: VirtualClock;
  /** What this transport does where the contract leaves a choice. */
  readonly traits: ContractTraits;
  /** Opens one more initiator: a new I_T nexus, independent of the others. */
  open(): Promise<ContractInitiator>;
  /** Closes every initiator, link and target and releases the simulator; idempotent, never rejects. */
  teardown(): Promise<void>;
}

/** What varies between transports in ways the ScsiTransport contract allows. */
export interface ContractTraits {
  /**
   * Whether ScsiResult.residualOverflow is reported when the target had more data than allocationLength allows
   * (the interface makes it optional: "if known").
   */
  readonly reportsResidualOverflow: boolean;
}

/** Starts a simulator of `fixture` behind the transport under test. */
export type ContractFactory = (fixture: string) => Promise<ContractHarness>;

/** A simulated changer and its target, ready at once (no power-on delay), on a virtual clock. */
export interface SimulatedBackend {
  readonly changer: SimulatedChanger;
  readonly target: SimulatedTarget;
  readonly clock: VirtualClock;
}

/**
 * Builds the simulator every factory serves: the fixture's personality on a VirtualClock, ready at once, at LUN 0
 * (internal target failures still reach stderr). Close it with `changer.close()`.
 */
export function createSimulatedBackend(fixture: string): SimulatedBackend {
  const clock = new VirtualClock();
  return createInProcessTarget(loadPersonality(fixture), { clock, startReady: true });
}

/** What each case file gets: a way to start a simulator behind the transport, stopped after the test. */
export interface ContractContext {
  /** Starts a simulator of `fixture` behind the transport under test; torn down after the current test. */
  start(fixture: string): Promise<ContractHarness>;
}
