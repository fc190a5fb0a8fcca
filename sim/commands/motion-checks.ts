/**
 * Checks shared by the robot commands (MOVE MEDIUM, EXCHANGE MEDIUM, POSITION TO ELEMENT): element addresses
 * with their field pointers, and the state checks made when the robot gets to the command.
 * Spec: SMC-3 6.6 MOVE MEDIUM, EXCHANGE MEDIUM, POSITION TO ELEMENT; docs/smc-reference.md 2a (mhVTL field
 * pointers: 2 transport, 4 source, 6 destination, 10 invert), 1.6 (05/3B/11 for a move touching a removed
 * magazine; MOVE to/from an open mail slot: product sense; 05/53/02 move to the mail slot while prevented), 1.7.
 */
import { SenseKey } from '../../scsi/codec/index.js';
import type { ChangerCore } from '../changer/changer-core.js';
import { ElementKind, isInPulledMagazine, type ElementState } from '../model/element.js';
import { cdbField, fail, failWith, type Outcome } from './outcome.js';

/** True for a handler outcome (as opposed to a resolved element). */
export function isOutcome(x: ElementState | Outcome): x is Outcome {
  return 'kind' in x;
}

/** The transport element named by `address` (0 = the first one), or 05/21/01 pointing at `byte`. */
export function transportAt(core: ChangerCore, address: number, byte: number): ElementState | Outcome {
  const e = address === 0 ? core.state.transports[0] : core.state.element(address);
  if (!e || e.type !== ElementKind.TRANSPORT)
    return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_ELEMENT_ADDRESS', cdbField(byte));
  return e;
}

/** A storage, IE or drive element at `address`, or 05/21/01 pointing at `byte`. */
export function holderAt(core: ChangerCore, address: number, byte: number): ElementState | Outcome {
  const e = core.state.element(address);
  if (!e || e.type === ElementKind.TRANSPORT)
    return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_ELEMENT_ADDRESS', cdbField(byte));
  return e;
}

/**
 * What stops the robot from touching these elements now: not ready (re-checked when a queued command starts),
 * a pulled magazine (05/3B/11), an open IE station (the product's openStationSense).
 */
export function reachCheck(core: ChangerCore, elements: readonly ElementState[]): Outcome | undefined {
  const nr = core.notReadyForRobot();
  if (nr) return failWith(nr);
  if (elements.some(isInPulledMagazine)) return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_MAGAZINE_NOT_ACCESSIBLE');
  if (core.state.station.open && elements.some((e) => e.type === ElementKind.IMPORT_EXPORT))
    return failWith(core.personality.importExport.openStationSense);
  return undefined;
}

/** A cartridge cannot leave a drive during a cleaning cycle: NOT READY 02/04/07 (docs/simulator.md). */
export function cleaningCheck(sources: readonly ElementState[]): Outcome | undefined {
  if (sources.some((e) => e.drive?.cleaning === true && e.cartridge !== undefined))
    return fail(SenseKey.NOT_READY, 'LOGICAL_UNIT_NOT_READY_OPERATION_IN_PROGRESS');
  return undefined;
}

/** MOVE to an IE element while prevented, on products that forbid it (SuperLoader 3): 05/53/02. */
export function preventCheck(core: ChangerCore, destinations: readonly ElementState[]): Outcome | undefined {
  if (!core.personality.prevent.blocksMoveToImportExport || !core.nexuses.prevented) return undefined;
  if (destinations.some((e) => e.type === ElementKind.IMPORT_EXPORT))
    return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_REMOVAL_PREVENTED');
  return undefined;
}

/** After the robot put a cartridge down: a cleaner in a drive starts cleaning; an emptied drive may auto-clean. */
export function afterMotion(
  core: ChangerCore,
  emptied: readonly ElementState[],
  filled: readonly ElementState[],
): void {
  for (const e of filled) if (e.drive) core.cleaning.placedInDrive(e.drive);
  for (const e of emptied) if (e.drive && !e.cartridge) core.cleaning.maybeAutoClean(e.drive);
}
