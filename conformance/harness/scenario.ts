/**
 * Arrangements return paths share: choosing an empty storage slot (in a removable magazine when asked),
 * reserving it as the cleaner slot, injecting a cleaning cartridge through the IE port or the door with the
 * operator's help, and the operator's routines at the port and the door. Every arrangement goes through the
 * RSM model's public calls or the operator; the changer is read back to pick slots, and each door cycle is seen over
 * SCSI (the model's door-open NOT READY while open, 06/28/00 after the close: observe.ts).
 * Spec: docs/rsm-semantics.md 3.3 (Reserve: present and empty slot), 3.5 (Inject: IE port, else door), 7.1 (the
 * cleaner-slot states), D5 and D8 (port and door cycles), D11 (one cleaner per library).
 */
import { guidRef, NtmsLmState, NtmsPortPosition, NtmsSlotState, type Guid, type NtmsHandle } from '../../rsm/index.js';
import type { ChangerProbe } from './observation/changer-probe.js';
import type { LibraryModel } from './target/library-model.js';
import { expectDoorClosedSeen, expectDoorOpenSeen, importExportOpen, magazinesOf } from './observation/observe.js';
import type { CartridgeToHandIn, MagazineInfo, Operator, OperatorHint } from './operator/operator.js';
import type { RsmDriver } from './rsm-driver.js';
import type { TimeControl } from './target/time-control.js';

/** The cleaning cartridge the operator brings for a test, and the count InjectNtmsCleaner is given. */
export const TEST_CLEANER = {
  volumeTag: 'CLN900L1',
  kind: 'cleaning',
  usesRemaining: 25,
} as const satisfies CartridgeToHandIn;

/** Longest an arrangement waits for the RSM model (clock time). */
const ARRANGE_LIMIT_MS = 60 * 60_000;

/**
 * MaxExtendSecs and MaxOpenSecs an arrangement gives the operator (an hour): long enough for a person walking to
 * the library, for a lab rig over a scaled clock (3.6 s of wall time at --time-scale 1000), and for any bundled
 * library's IE or door inventory after the operator closes it (large-library-20k needs over a minute).
 */
export const OPERATOR_TIME_SECS = 3600;

/** A storage slot the suite picked. */
export interface SlotChoice {
  readonly address: number;
  /** The RSM slot object's GUID. */
  readonly id: Guid;
  /** The removable magazine holding it, if any. */
  readonly magazine: MagazineInfo | undefined;
}

/** The library's cleaner, injected into its reserved slot. */
export interface CleanerInSlot extends SlotChoice {
  readonly volumeTag: string;
  readonly uses: number;
  /** The cleaner's physical-media GUID in the RSM database. */
  readonly mediaId: Guid;
}

/** Arrangements for one test. */
export class Scenario {
  constructor(
    private readonly rsm: RsmDriver,
    private readonly probe: ChangerProbe,
    private readonly operatorOf: () => Operator,
    private readonly time: TimeControl,
    private readonly model: LibraryModel | undefined,
  ) {}

  /** The IE station reads open over SCSI (its elements ACCESS=0). */
  private async stationOpen(): Promise<boolean> {
    return importExportOpen(await this.time.settle(this.probe.readAll()), this.model) === true;
  }

  /** An empty, accessible storage slot the RSM database knows as EMPTY; in a removable magazine if asked. */
  async emptySlot(options: { inMagazine?: boolean } = {}): Promise<SlotChoice> {
    const contents = await this.time.settle(this.probe.readAll());
    const known = new Map(this.rsm.library().slots.map((s) => [s.address, s]));
    const magazines = options.inMagazine ? magazinesOf(contents, this.model) : [];
    const magazineOf = (address: number) => magazines.find((m) => m.present && m.storage.includes(address));
    // A changer that sets ACCESS on no storage element (tgt, docs/tgt-quirks.md TGT-R5) says nothing with it.
    const accessKnown = contents.elements.some((e) => e.kind === 'storage' && e.access);
    const slot = contents.elements.find((e) => {
      const rec = known.get(e.address);
      return (
        e.kind === 'storage' &&
        !e.full &&
        (e.access || !accessKnown) &&
        !e.except &&
        !e.disabled &&
        rec?.state === NtmsSlotState.NTMS_SLOTSTATE_EMPTY &&
        (!options.inMagazine || magazineOf(e.address))
      );
    });
    const rec = slot && known.get(slot.address);
    if (!slot || !rec)
      throw new Error(
        `the changer has no empty, accessible storage slot${options.inMagazine ? ' in a removable magazine' : ''} that RSM knows as empty`,
      );
    return { address: slot.address, id: rec.id, magazine: magazineOf(slot.address) };
  }

  /** ReserveNtmsCleanerSlot on `slot`; throws unless it returns ERROR_SUCCESS. */
  async reserve(handle: NtmsHandle, slot: SlotChoice): Promise<void> {
    const rc = await this.rsm.call('reserveNtmsCleanerSlot', handle, this.rsm.libraryRef(), guidRef(slot.id));
    if (rc !== 0)
      throw new Error(`ReserveNtmsCleanerSlot(slot ${slot.address}) returned ${this.rsm.results.label(rc)}`);
  }

  /** Picks an empty slot and reserves it. */
  async reservedEmptySlot(handle: NtmsHandle, options: { inMagazine?: boolean } = {}): Promise<SlotChoice> {
    const slot = await this.emptySlot(options);
    await this.reserve(handle, slot);
    return slot;
  }

  /** Waits until the library request reaches `state` (an NtmsLmState name). */
  async waitForState(id: Guid, state: keyof typeof NtmsLmState, limitMs = ARRANGE_LIMIT_MS): Promise<void> {
    await this.time.waitFor(
      `library request ${id} to reach ${state}`,
      () => this.rsm.request(id)?.stateName === state,
      limitMs,
    );
  }

  /** Waits until the library request has ended (PASSED, FAILED, CANCELLED or STOPPED). */
  async waitForEnd(id: Guid, limitMs = ARRANGE_LIMIT_MS): Promise<void> {
    const ended = ['NTMS_LM_PASSED', 'NTMS_LM_FAILED', 'NTMS_LM_CANCELLED', 'NTMS_LM_STOPPED'];
    await this.time.waitFor(
      `library request ${id} to end`,
      () => ended.includes(this.rsm.request(id)?.stateName ?? ''),
      limitMs,
    );
  }

  /** The IE element the RSM model opened for the operator (its port object EXTENDED), else the first IE element. */
  openedIeElement(): number {
    const ports = this.rsm.library().iePorts;
    const port = ports.find((p) => p.position === NtmsPortPosition.NTMS_PORTPOSITION_EXTENDED) ?? ports[0];
    if (!port) throw new Error('the library has no IE port');
    return port.address;
  }

  /** The operator hands `cartridge` in at IE element `address` (opening the station first if needed) and closes it. */
  async handIntoPort(address: number, cartridge: CartridgeToHandIn, hint: OperatorHint = {}): Promise<void> {
    const op = this.operatorOf();
    if (!(await this.stationOpen()))
      await this.time.settle(op.openImportExport({ where: `the I/O station, element ${address}` }));
    await this.time.settle(
      op.putIntoImportExport(address, cartridge, { where: `the I/O station, element ${address}`, ...hint }),
    );
    await this.time.settle(op.closeImportExport({ next: hint.next ?? 'inventories the I/O station' }));
  }

  /** The operator takes the cartridge from IE element `address` (opening the station if needed) and closes it. */
  async takeFromPort(address: number, hint: OperatorHint = {}): Promise<string> {
    const op = this.operatorOf();
    if (!(await this.stationOpen()))
      await this.time.settle(op.openImportExport({ where: `the I/O station, element ${address}` }));
    const tag = await this.time.settle(
      op.takeFromImportExport(address, { where: `the I/O station, element ${address}`, ...hint }),
    );
    await this.time.settle(op.closeImportExport({ next: hint.next ?? 'inventories the I/O station' }));
    return tag;
  }

  /** The operator opens the door, puts `cartridge` into element `address`, and closes the door. */
  async handThroughDoor(address: number, cartridge: CartridgeToHandIn, hint: OperatorHint = {}): Promise<void> {
    const op = this.operatorOf();
    await this.time.settle(op.openDoor({ where: 'the access door' }));
    await this.time.settle(expectDoorOpenSeen(this.probe, this.model));
    await this.time.settle(
      op.putThroughDoor(address, cartridge, { where: `element ${address} behind the door`, ...hint }),
    );
    await this.time.settle(op.closeDoor({ next: hint.next ?? 'inventories after the door closes' }));
    await this.time.settle(expectDoorClosedSeen(this.probe));
  }

  /** The operator opens the door, takes the cartridge from element `address`, and closes the door. */
  async takeThroughDoor(address: number, hint: OperatorHint = {}): Promise<string> {
    const op = this.operatorOf();
    await this.time.settle(op.openDoor({ where: 'the access door' }));
    await this.time.settle(expectDoorOpenSeen(this.probe, this.model));
    const tag = await this.time.settle(
      op.takeThroughDoor(address, { where: `element ${address} behind the door`, ...hint }),
    );
    await this.time.settle(op.closeDoor({ next: hint.next ?? 'inventories after the door closes' }));
    await this.time.settle(expectDoorClosedSeen(this.probe));
    return tag;
  }

  /**
   * InjectNtmsCleaner(START) into the reserved `slot`, with the operator handing `cartridge` in at the IE port
   * the model opens, or through the door when there is no port; waits until the request PASSED.
   */
  async injectCleaner(
    handle: NtmsHandle,
    slot: SlotChoice,
    cartridge: CartridgeToHandIn = TEST_CLEANER,
  ): Promise<CleanerInSlot> {
    const uses = cartridge.usesRemaining ?? 0;
    const op = guidRef();
    const rc = await this.rsm.call('injectNtmsCleaner', handle, this.rsm.libraryRef(), op, uses, 0);
    if (rc !== 0) throw new Error(`InjectNtmsCleaner(START) returned ${this.rsm.results.label(rc)}`);
    await this.waitForState(op.value, 'NTMS_LM_WAITING');
    const hint = {
      next: `moves ${cartridge.volumeTag} to its reserved slot ${slot.address} and ends the inject request`,
      waitsMs: OPERATOR_TIME_SECS * 1000,
    };
    if (this.rsm.library().iePorts.length > 0) await this.handIntoPort(this.openedIeElement(), cartridge, hint);
    else await this.handThroughDoor(slot.address, cartridge, hint);
    await this.waitForEnd(op.value);
    const request = this.rsm.request(op.value);
    if (request?.stateName !== 'NTMS_LM_PASSED') {
      throw new Error(
        `the inject request ended ${request ? `${request.stateName} with ${request.errorLabel}: ${request.history.map((h) => `${h.stateName} (${h.note})`).join(', ')}` : 'nowhere'}`,
      );
    }
    const cleaner = this.rsm.service.inspect.cleanerOf(this.rsm.libraryId);
    if (!cleaner)
      throw new Error(
        `the inject request PASSED but the library records no cleaner (CLEANERPRESENT ${this.rsm.library().cleanerPresent ? 'set' : 'clear'})`,
      );
    return { ...slot, volumeTag: cartridge.volumeTag, uses, mediaId: cleaner.id };
  }

  /**
   * Gives the operator {@link OPERATOR_TIME_SECS} at the IE port and the door (SetNtmsObjectInformation, as an
   * administrator sets the library's door and port time-out, docs/rsm-semantics.md 9).
   */
  async operatorTime(handle: NtmsHandle, secs = OPERATOR_TIME_SECS): Promise<void> {
    const lib = this.rsm.library();
    if (lib.iePorts.length > 0) {
      const rc = await this.rsm.setMaxExtendSecs(handle, secs);
      if (rc !== 0)
        throw new Error(`SetNtmsObjectInformation(MaxExtendSecs ${secs}) returned ${this.rsm.results.label(rc)}`);
    }
    if (lib.doors.length > 0) {
      const rc = await this.rsm.setMaxOpenSecs(handle, secs);
      if (rc !== 0)
        throw new Error(`SetNtmsObjectInformation(MaxOpenSecs ${secs}) returned ${this.rsm.results.label(rc)}`);
    }
  }

  /** Reserves an empty slot, gives the operator time, and injects the test cleaner: where every eject starts. */
  async readyCleaner(handle: NtmsHandle, options: { inMagazine?: boolean } = {}): Promise<CleanerInSlot> {
    const slot = await this.reservedEmptySlot(handle, options);
    await this.operatorTime(handle);
    return this.injectCleaner(handle, slot);
  }
}
