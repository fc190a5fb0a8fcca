/**
 * The operator's hands and the fault injector, in-process: every operation is a plain method with JSON
 * arguments and a JSON result ({ok, value} or {ok: false, code, message}), so HTTP and console front ends can
 * expose them unchanged. Refusals follow the personality: PREVENT held locks the door, magazines or IE station
 * as the product does (docs/smc-reference.md 1.6); the library keeps them locked while the robot moves.
 * Unit attentions: 06/28/00 after the door closes, 06/28/01 after the IE station closes, 06/3B/12 on magazine
 * removal, 06/3B/13 on insertion (docs/smc-reference.md 1.6, 1.7, 5.5). Design: docs/simulator.md.
 */
import { Asc } from '../../scsi/codec/sense-codes.js';
import type { ChangerCore } from '../changer/changer-core.js';
import { ElementKind, isInPulledMagazine, type ElementState, type MagazineState } from '../model/element.js';
import {
  create,
  forget,
  operatorPlace,
  setDoorOpen,
  setMagazinePresent,
  setNeedsCleaning,
  setStationOpen,
} from '../model/transitions.js';
import { cartridgeSpec, done, isIntIn, refuse } from './control-checks.js';
import {
  ControlError,
  type CartridgeInput,
  type CartridgeView,
  type ControlResult,
  type StatusView,
} from './control-types.js';
import { FaultControl } from './fault-control.js';
import { operatorMove } from './operator-move.js';
import { buildStatusView, cartridgeView } from './status-view.js';

/** Operator and fault operations on one simulated changer. */
export class ChangerControl extends FaultControl {
  constructor(core: ChangerCore) {
    super(core);
  }

  /** Everything the operator can see. */
  status(): StatusView {
    return buildStatusView(this.core);
  }

  private get prevented(): boolean {
    return this.core.nexuses.prevented;
  }

  private robotBusy(what: string): ControlResult<never> | undefined {
    if (!this.core.robot.busy) return undefined;
    return refuse(ControlError.ROBOT_BUSY, `the robot is moving; the library keeps the ${what} locked until it stops`);
  }

  private magazine(id: string): MagazineState | ControlResult<never> {
    const m = this.core.state.magazines.get(id);
    return m ?? refuse(ControlError.NO_SUCH_MAGAZINE, `no magazine "${id}" in ${this.core.personality.id}`);
  }

  private element(address: number): ElementState | ControlResult<never> {
    const e = isIntIn(address, 0, 0xffff) ? this.core.state.element(address) : undefined;
    return e ?? refuse(ControlError.NO_SUCH_ELEMENT, `no element at address ${String(address)}`);
  }

  /** Pulls a magazine out with its cartridges (06/3B/12 for every nexus). */
  pullMagazine(id: string): ControlResult {
    const m = this.magazine(id);
    if ('ok' in m) return m;
    if (!m.present) return refuse(ControlError.MAGAZINE_PULLED, `magazine "${id}" is already out`);
    if (this.prevented && this.core.personality.prevent.locksMagazines)
      return refuse(ControlError.PREVENTED, 'medium removal is prevented: the magazines are locked');
    const busy = this.robotBusy('magazines');
    if (busy) return busy;
    setMagazinePresent(this.core.state, m, false);
    this.core.raise(Asc.MEDIUM_MAGAZINE_REMOVED);
    this.core.commit();
    return done(null);
  }

  /** Puts a magazine back (06/3B/13 for every nexus; the library inventories it, NOT READY 04/01 meanwhile). */
  insertMagazine(id: string): ControlResult {
    const m = this.magazine(id);
    if ('ok' in m) return m;
    if (m.present) return refuse(ControlError.MAGAZINE_PRESENT, `magazine "${id}" is already in`);
    setMagazinePresent(this.core.state, m, true);
    this.core.raise(Asc.MEDIUM_MAGAZINE_INSERTED);
    this.core.startScan(`inventory magazine ${id}`, m.elements);
    this.core.commit();
    return done(null);
  }

  private pulledMagazineElement(id: string, address: number): ElementState | ControlResult<never> {
    const m = this.magazine(id);
    if ('ok' in m) return m;
    if (m.present) return refuse(ControlError.MAGAZINE_PRESENT, `magazine "${id}" is in the library; pull it first`);
    const e = m.elements.find((x) => x.address === address);
    return e ?? refuse(ControlError.NOT_IN_MAGAZINE, `address ${String(address)} is not in magazine "${id}"`);
  }

  /** Takes a cartridge out of a pulled magazine. */
  takeFromMagazine(id: string, address: number): ControlResult<CartridgeView> {
    const e = this.pulledMagazineElement(id, address);
    return 'ok' in e ? e : this.take(e);
  }

  /** Puts a cartridge into a pulled magazine. */
  putIntoMagazine(id: string, address: number, cartridge: CartridgeInput): ControlResult<CartridgeView> {
    const e = this.pulledMagazineElement(id, address);
    return 'ok' in e ? e : this.put(e, cartridge);
  }

  /** Opens the access door (motion commands and TEST UNIT READY then get the product's door-open sense). */
  openDoor(): ControlResult {
    const p = this.core.personality;
    if (!p.door.present) return refuse(ControlError.NO_DOOR, `${p.id} has no access door`);
    if (this.core.state.door.open) return done(null);
    if (this.prevented && p.prevent.locksDoor)
      return refuse(ControlError.PREVENTED, 'medium removal is prevented: the door is locked');
    const busy = this.robotBusy('door');
    if (busy) return busy;
    setDoorOpen(this.core.state, true);
    this.core.commit();
    return done(null);
  }

  /** Closes the door: 06/28/00 for every nexus and a full inventory (NOT READY 04/01 meanwhile). */
  closeDoor(): ControlResult {
    const p = this.core.personality;
    if (!p.door.present) return refuse(ControlError.NO_DOOR, `${p.id} has no access door`);
    if (!this.core.state.door.open) return done(null);
    setDoorOpen(this.core.state, false);
    this.core.raise(Asc.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
    this.core.startScan('inventory after door close', this.core.state.sorted(0));
    this.core.cleaning.retryAutoClean();
    this.core.commit();
    return done(null);
  }

  private doorElement(address: number): ElementState | ControlResult<never> {
    if (!this.core.personality.door.present)
      return refuse(ControlError.NO_DOOR, `${this.core.personality.id} has no access door`);
    if (!this.core.state.door.open) return refuse(ControlError.DOOR_CLOSED, 'open the door first');
    const e = this.element(address);
    if ('ok' in e) return e;
    if (isInPulledMagazine(e))
      return refuse(ControlError.MAGAZINE_PULLED, `element ${address} is in a pulled magazine`);
    return e;
  }

  /** Takes a cartridge from any reachable element through the open door. */
  takeThroughDoor(address: number): ControlResult<CartridgeView> {
    const e = this.doorElement(address);
    return 'ok' in e ? e : this.take(e);
  }

  /** Puts a cartridge into a storage, IE or drive element through the open door. */
  putThroughDoor(address: number, cartridge: CartridgeInput): ControlResult<CartridgeView> {
    const e = this.doorElement(address);
    if ('ok' in e) return e;
    if (e.type === ElementKind.TRANSPORT)
      return refuse(ControlError.INVALID_ARGUMENT, 'the operator cannot put a cartridge into the robot');
    return this.put(e, cartridge);
  }

  /** Opens the import/export station from the panel. */
  openImportExport(): ControlResult {
    const p = this.core.personality;
    if (this.core.state.importExport.length === 0)
      return refuse(ControlError.NO_STATION, `${p.id} reports no import/export element`);
    if (this.core.state.station.open) return done(null);
    if (this.prevented && p.prevent.locksImportExport)
      return refuse(ControlError.PREVENTED, 'medium removal is prevented: the I/O station is locked');
    const busy = this.robotBusy('I/O station');
    if (busy) return busy;
    setStationOpen(this.core.state, true);
    this.core.commit();
    return done(null);
  }

  /** The operator closes the station: 06/28/01 for every nexus and an inventory of the station. */
  closeImportExport(): ControlResult {
    const state = this.core.state;
    if (state.importExport.length === 0)
      return refuse(ControlError.NO_STATION, `${this.core.personality.id} reports no import/export element`);
    if (!state.station.open) return done(null);
    setStationOpen(state, false);
    this.core.raise(Asc.IMPORT_OR_EXPORT_ELEMENT_ACCESSED);
    this.core.startScan('inventory of the I/O station', state.importExport);
    this.core.commit();
    return done(null);
  }

  private stationElement(address: number): ElementState | ControlResult<never> {
    const state = this.core.state;
    if (state.importExport.length === 0)
      return refuse(ControlError.NO_STATION, `${this.core.personality.id} reports no import/export element`);
    if (!state.station.open) return refuse(ControlError.STATION_CLOSED, 'open the I/O station first');
    const e = this.element(address);
    if ('ok' in e) return e;
    if (e.type !== ElementKind.IMPORT_EXPORT)
      return refuse(ControlError.NO_SUCH_ELEMENT, `element ${address} is not an import/export element`);
    if (isInPulledMagazine(e))
      return refuse(ControlError.MAGAZINE_PULLED, `element ${address} is in a pulled magazine`);
    return e;
  }

  /** Takes a cartridge out of the open I/O station. */
  takeFromImportExport(address: number): ControlResult<CartridgeView> {
    const e = this.stationElement(address);
    return 'ok' in e ? e : this.take(e);
  }

  /** Puts a cartridge into the open I/O station (IMPEXP=1: imported by the operator). */
  putIntoImportExport(address: number, cartridge: CartridgeInput): ControlResult<CartridgeView> {
    const e = this.stationElement(address);
    return 'ok' in e ? e : this.put(e, cartridge);
  }

  /** Puts a cleaning cartridge into a hidden cleaning slot (0-based). */
  putIntoHiddenSlot(slot: number, cartridge: CartridgeInput): ControlResult<CartridgeView> {
    const state = this.core.state;
    if (!isIntIn(slot, 0, state.hidden.length - 1))
      return refuse(
        ControlError.NO_SUCH_ELEMENT,
        `${this.core.personality.id} has ${state.hidden.length} hidden cleaning slots`,
      );
    if (state.hidden[slot]) return refuse(ControlError.ELEMENT_FULL, `hidden slot ${slot} is full`);
    const spec = cartridgeSpec(state, { ...cartridge, kind: cartridge.kind ?? 'cleaning' });
    if (!spec.ok) return spec;
    if (spec.value.kind !== 'cleaning')
      return refuse(ControlError.INVALID_ARGUMENT, 'hidden slots hold cleaning cartridges only');
    const c = create(state, spec.value, { hiddenSlot: slot });
    this.core.commit();
    for (const d of state.drives) this.core.cleaning.maybeAutoClean(d);
    return done(cartridgeView(c));
  }

  /** Takes the cartridge out of a hidden cleaning slot. */
  takeFromHiddenSlot(slot: number): ControlResult<CartridgeView> {
    const state = this.core.state;
    if (!isIntIn(slot, 0, state.hidden.length - 1))
      return refuse(
        ControlError.NO_SUCH_ELEMENT,
        `${this.core.personality.id} has ${state.hidden.length} hidden cleaning slots`,
      );
    const c = state.hidden[slot];
    if (!c) return refuse(ControlError.ELEMENT_EMPTY, `hidden slot ${slot} is empty`);
    forget(state, c);
    this.core.commit();
    return done(cartridgeView(c));
  }

  /** Sets or clears a drive's needs-cleaning flag (an auto-cleaning product then cleans it by itself). */
  setDriveNeedsCleaning(address: number, on: boolean): ControlResult {
    const e = this.element(address);
    if ('ok' in e) return e;
    if (!e.drive) return refuse(ControlError.NO_SUCH_ELEMENT, `element ${address} is not a drive`);
    setNeedsCleaning(this.core.state, e.drive, on === true);
    this.core.commit();
    this.core.cleaning.maybeAutoClean(e.drive);
    return done(null);
  }

  /** The operator moves a cartridge with the robot from the panel (operator-move.ts); resolves when it is there. */
  moveMedium(source: number, destination: number): Promise<ControlResult<CartridgeView>> {
    return operatorMove(this.core, source, destination);
  }

  private take(e: ElementState): ControlResult<CartridgeView> {
    const c = e.cartridge;
    if (!c) return refuse(ControlError.ELEMENT_EMPTY, `element ${e.address} is empty`);
    if (e.drive) this.core.cleaning.stop(e.drive);
    forget(this.core.state, c);
    this.core.commit();
    if (e.drive) this.core.cleaning.maybeAutoClean(e.drive);
    return done(cartridgeView(c));
  }

  private put(e: ElementState, input: CartridgeInput): ControlResult<CartridgeView> {
    if (e.cartridge)
      return refuse(
        ControlError.ELEMENT_FULL,
        `element ${e.address} already holds ${e.cartridge.volumeTag || e.cartridge.id}`,
      );
    const spec = cartridgeSpec(this.core.state, input);
    if (!spec.ok) return spec;
    const c = operatorPlace(this.core.state, spec.value, e);
    if (e.drive) this.core.cleaning.placedInDrive(e.drive);
    this.core.commit();
    return done(cartridgeView(c));
  }
}
