/**
 * Holding the changer for a run over the wire, so that backup software on the same SAN cannot move cartridges
 * under the test: a persistent reservation of type Exclusive Access - Registrants Only with one key registered from
 * each of the suite's two I_T nexuses (the RSM model's and the suite's read-back). Both keep every command; any other
 * initiator gets RESERVATION CONFLICT for all but the exempt commands. The nexus ids stay the same from test to
 * test (fixed initiator names, and over iSCSI fixed ISIDs), and registrations outlive a session, so the keys are
 * registered once. Whether the product has persistent reservations is the model's `hold.persistentReservation`;
 * undeclared (or declared), PERSISTENT RESERVE IN is tried first: any answer but GOOD means the run goes unheld, and the
 * capability list says what the changer answered (RESERVATION CONFLICT: another nexus's RESERVE(6), refused). RESERVE(6) is
 * never used (it would shut out the suite's second nexus), nor PREVENT MEDIUM REMOVAL (it guards against hands at
 * the library, not other initiators, and would lock out the operator the paths need). The hold ends with RELEASE and
 * the suite's keys unregistered, never CLEAR (which would drop other initiators' keys too).
 * Spec: docs/smc-reference.md 1.8 (persistent reservations); docs/conformance.md "Holding the changer".
 */
import {
  decodeReadReservationData,
  encodePersistentReserveInCdb,
  encodePersistentReserveOutCdb,
  encodePrOutParameters,
  PrInAction,
  PrOutAction,
  PrType,
  ScsiStatus,
  SenseKey,
  describeSense,
} from '../../../scsi/codec/index.js';
import { executeChecked, type CheckedResult } from '../../../scsi/host/execute-checked.js';
import type { ScsiTransport } from '../../../scsi/transport/scsi-transport.js';
import type { CapabilityFact } from '../observation/capabilities.js';
import type { LibraryModel } from './library-model.js';
import { Capability } from '../return-path.js';
import { UnusableLibraryError, type LibraryTarget } from './target-session.js';

/** The suite's reservation key: "CHGBENCH" in ASCII, so an administrator reading the keys knows whose it is. */
export const HOLD_KEY = 0x43484742454e4348n;

/** The reservation type the suite takes. */
export const HOLD_TYPE = PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY;

/** Whether the run holds the changer, and why; its `fact` goes into the capability list. */
export type HoldFact = CapabilityFact & { readonly name: typeof Capability.HOLD };

const hold = (present: boolean, source: CapabilityFact['source'], fact: string): HoldFact => ({
  name: Capability.HOLD,
  present,
  source,
  fact,
});

function prOut(
  link: ScsiTransport,
  lun: number,
  serviceAction: number,
  key: bigint,
  saKey: bigint,
  type = 0,
): Promise<CheckedResult> {
  const cdb = encodePersistentReserveOutCdb({ serviceAction, type });
  return executeChecked(link, {
    lun,
    cdb,
    dataOut: encodePrOutParameters({ reservationKey: key, serviceActionKey: saKey }),
    allocationLength: 0,
  });
}

const answer = (r: CheckedResult) =>
  r.sense
    ? describeSense(r.sense)
    : `status ${r.status === ScsiStatus.RESERVATION_CONFLICT ? 'RESERVATION CONFLICT' : `0x${r.status.toString(16)}`}`;

function expectGood(r: CheckedResult, what: string): void {
  if (r.status !== ScsiStatus.GOOD) throw new Error(`${what} answered ${answer(r)}`);
}

/** PERSISTENT RESERVE IN READ RESERVATION (24 bytes: the header and one reservation descriptor). */
function readReservation(link: ScsiTransport, lun: number): Promise<CheckedResult> {
  const allocationLength = 24;
  const cdb = encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_RESERVATION, allocationLength });
  return executeChecked(link, { lun, cdb, allocationLength });
}

/** Registers HOLD_KEY from both of the suite's nexuses (REGISTER AND IGNORE EXISTING KEY: harmless when registered). */
async function registerBoth(rsm: ScsiTransport, suite: ScsiTransport, lun: number): Promise<void> {
  for (const [name, link] of [
    ["the RSM model's", rsm],
    ["the suite's", suite],
  ] as const) {
    expectGood(
      await prOut(link, lun, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0n, HOLD_KEY),
      `PERSISTENT RESERVE OUT REGISTER AND IGNORE EXISTING KEY on ${name} nexus`,
    );
  }
}

/**
 * Takes the hold through the suite's two nexuses (`rsm`, `suite`): decides from the model or a PERSISTENT RESERVE IN,
 * refuses a changer another initiator has reserved, registers HOLD_KEY from both and reserves from `suite` (adopting
 * the suite's own reservation left by a run that did not end). Throws UnusableLibraryError (exit 2) when another key holds it.
 */
export async function takeHold(
  rsm: ScsiTransport,
  suite: ScsiTransport,
  lun: number,
  model: LibraryModel | undefined,
): Promise<HoldFact> {
  const declared = model?.hold.persistentReservation;
  const from = model ? `the library model ${model.id}` : '';
  if (declared === false)
    return hold(
      false,
      'declared',
      `not held: ${from} declares no persistent reservations, so other initiators can move cartridges during the run (RESERVE(6) would shut out the suite's second nexus)`,
    );
  const read = await readReservation(suite, lun);
  if (read.status === ScsiStatus.RESERVATION_CONFLICT) {
    throw new UnusableLibraryError(
      'the changer is reserved by another initiator (PERSISTENT RESERVE IN answered RESERVATION CONFLICT: a RESERVE(6) of another nexus): the suite would not be able to use it; release it there first',
    );
  }
  if (read.status !== ScsiStatus.GOOD) {
    const none =
      read.sense?.key === SenseKey.ILLEGAL_REQUEST
        ? 'so the changer has no persistent reservations'
        : 'so the suite does not rely on them';
    const despite = declared ? ` although ${from} declares persistent reservations` : '';
    return hold(
      false,
      'probed',
      `not held: PERSISTENT RESERVE IN answered ${answer(read)}${despite}, ${none}, and other initiators can move cartridges during the run`,
    );
  }
  const current = decodeReadReservationData(read.dataIn).reservation;
  if (current && !(current.key === HOLD_KEY && current.type === HOLD_TYPE)) {
    throw new UnusableLibraryError(
      `the changer is reserved by another initiator (persistent reservation key 0x${current.key.toString(16).padStart(16, '0')}, type ${current.type}): the suite would not be able to use it; release it there first`,
    );
  }
  await registerBoth(rsm, suite, lun);
  if (!current)
    expectGood(await prOut(suite, lun, PrOutAction.RESERVE, HOLD_KEY, 0n, HOLD_TYPE), 'PERSISTENT RESERVE OUT RESERVE');
  const how = declared ? `${from} declares persistent reservations` : 'PERSISTENT RESERVE IN answered GOOD';
  const adopted = current
    ? ' (the reservation of an earlier run that did not end was still in place and is reused)'
    : '';
  return hold(
    true,
    declared ? 'declared' : 'probed',
    `held: ${how}; both nexuses of the suite registered key CHGBENCH and it holds an Exclusive Access - Registrants Only reservation, so other initiators get RESERVATION CONFLICT until the run ends${adopted}`,
  );
}

/**
 * Takes the hold again after a test that ended it (a power cycle or a reset of the changer clears registrations
 * and the reservation, SPC-4 5.13, docs/smc-reference.md 1.8): registers HOLD_KEY from both nexuses again (REGISTER AND
 * IGNORE EXISTING KEY is harmless when still registered) and reserves when no reservation is left. Resolves with what
 * went wrong, or undefined.
 */
export async function renewHold(rsm: ScsiTransport, suite: ScsiTransport, lun: number): Promise<string | undefined> {
  try {
    await registerBoth(rsm, suite, lun);
    const read = await readReservation(suite, lun);
    expectGood(read, 'PERSISTENT RESERVE IN READ RESERVATION');
    if (!decodeReadReservationData(read.dataIn).reservation)
      expectGood(
        await prOut(suite, lun, PrOutAction.RESERVE, HOLD_KEY, 0n, HOLD_TYPE),
        'PERSISTENT RESERVE OUT RESERVE',
      );
    return undefined;
  } catch (e) {
    return `the hold could not be taken again after the test: ${(e as Error).message}`;
  }
}

/**
 * Ends the hold and leaves the keys of other initiators as they were: registers HOLD_KEY from the suite's nexus
 * again (a test's power cycle may have dropped it), RELEASEs the reservation when it is the suite's, then
 * unregisters both of the suite's nexuses (REGISTER AND IGNORE EXISTING KEY with key 0; the holder unregistering
 * ends the reservation too, SPC-4 5.13.11, docs/smc-reference.md 1.8). CLEAR is not used: it would also remove the
 * registrations of other initiators (backup software's keys) that were there before the run. Resolves with what went
 * wrong, or undefined.
 */
export async function releaseHold(rsm: ScsiTransport, suite: ScsiTransport, lun: number): Promise<string | undefined> {
  const cannot = (what: string, r: CheckedResult) =>
    `the persistent reservation could not be released: PERSISTENT RESERVE OUT ${what} answered ${answer(r)}`;
  const registered = await prOut(suite, lun, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0n, HOLD_KEY);
  if (registered.status !== ScsiStatus.GOOD) return cannot('REGISTER AND IGNORE EXISTING KEY', registered);
  const before = await currentReservation(suite, lun);
  if (typeof before === 'string') return before;
  if (before && before.key === HOLD_KEY && before.type === HOLD_TYPE) {
    const released = await prOut(suite, lun, PrOutAction.RELEASE, HOLD_KEY, 0n, HOLD_TYPE);
    if (released.status !== ScsiStatus.GOOD) return cannot('RELEASE', released);
  }
  for (const [name, link] of [
    ["the suite's", suite],
    ["the RSM model's", rsm],
  ] as const) {
    const r = await prOut(link, lun, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0n, 0n);
    if (r.status !== ScsiStatus.GOOD)
      return cannot(`REGISTER AND IGNORE EXISTING KEY (unregister) on ${name} nexus`, r);
  }
  const after = await currentReservation(suite, lun);
  if (typeof after === 'string') return after;
  return after?.key === HOLD_KEY
    ? `the persistent reservation with key CHGBENCH is still in place after the suite released it and unregistered (type ${after.type})`
    : undefined;
}

/** The reservation in place (undefined: none), or why it could not be read. */
async function currentReservation(
  link: ScsiTransport,
  lun: number,
): Promise<{ key: bigint; type: number } | undefined | string> {
  const read = await readReservation(link, lun);
  if (read.status !== ScsiStatus.GOOD)
    return `the persistent reservation could not be checked: PERSISTENT RESERVE IN READ RESERVATION answered ${answer(read)}`;
  return decodeReadReservationData(read.dataIn).reservation;
}

/**
 * Holds each library of a run (after its inventory is recorded), per label; a library without `hold` (in-process)
 * gets the fact that it needs none. Rejects with "library LABEL: why" when one cannot be held.
 */
export async function holdLibraries(libraries: readonly LibraryTarget[]): Promise<Map<string, CapabilityFact>> {
  const facts = new Map<string, CapabilityFact>();
  for (const lib of libraries) {
    if (!lib.hold) {
      facts.set(
        lib.label,
        hold(
          false,
          'target',
          'not needed: each test gets its own in-process simulator, which no other initiator can reach',
        ),
      );
      continue;
    }
    if (lib.unavailable !== undefined) continue;
    try {
      facts.set(lib.label, await lib.hold());
    } catch (e) {
      const why =
        e instanceof UnusableLibraryError
          ? e.message
          : `the changer could not be held for the run: ${(e as Error).message}`;
      throw new Error(`library ${lib.label}: ${why}`);
    }
  }
  return facts;
}
