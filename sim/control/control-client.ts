/**
 * The operator and fault API as an asynchronous interface, so the console (and the conformance harness) can work
 * the same against the in-process ChangerControl and, later, against the HTTP control endpoint of a simulator in
 * another process. Design: docs/architecture.md "Control".
 */
import type { ChangerControl } from './changer-control.js';
import type { CartridgeInput, CartridgeView, ControlResult, StatusView } from './control-types.js';
import type { CommandFaultInput } from './fault-control.js';
import type { MoveFaultKind } from './fault-injector.js';

/** Every operator and fault operation; each resolves to a ControlResult (refusals are values, not errors). */
export interface ControlClient {
  status(): Promise<StatusView>;
  pullMagazine(id: string): Promise<ControlResult>;
  insertMagazine(id: string): Promise<ControlResult>;
  takeFromMagazine(id: string, address: number): Promise<ControlResult<CartridgeView>>;
  putIntoMagazine(id: string, address: number, cartridge: CartridgeInput): Promise<ControlResult<CartridgeView>>;
  openDoor(): Promise<ControlResult>;
  closeDoor(): Promise<ControlResult>;
  takeThroughDoor(address: number): Promise<ControlResult<CartridgeView>>;
  putThroughDoor(address: number, cartridge: CartridgeInput): Promise<ControlResult<CartridgeView>>;
  openImportExport(): Promise<ControlResult>;
  closeImportExport(): Promise<ControlResult>;
  takeFromImportExport(address: number): Promise<ControlResult<CartridgeView>>;
  putIntoImportExport(address: number, cartridge: CartridgeInput): Promise<ControlResult<CartridgeView>>;
  putIntoHiddenSlot(slot: number, cartridge: CartridgeInput): Promise<ControlResult<CartridgeView>>;
  takeFromHiddenSlot(slot: number): Promise<ControlResult<CartridgeView>>;
  setDriveNeedsCleaning(address: number, on: boolean): Promise<ControlResult>;
  /** The operator moves a cartridge with the robot from the panel; resolves when it is there. */
  moveMedium(source: number, destination: number): Promise<ControlResult<CartridgeView>>;
  powerCycle(): Promise<ControlResult>;
  setOnline(online: boolean): Promise<ControlResult>;
  failNextCommand(fault: CommandFaultInput): Promise<ControlResult>;
  failNextMove(kind?: MoveFaultKind): Promise<ControlResult>;
  clearFaults(): Promise<ControlResult>;
  setSlowMotion(factor: number): Promise<ControlResult>;
}

/** The names of the operations, for dispatch by name (HTTP endpoint, console). */
export const CONTROL_OPERATIONS = [
  'status',
  'pullMagazine',
  'insertMagazine',
  'takeFromMagazine',
  'putIntoMagazine',
  'openDoor',
  'closeDoor',
  'takeThroughDoor',
  'putThroughDoor',
  'openImportExport',
  'closeImportExport',
  'takeFromImportExport',
  'putIntoImportExport',
  'putIntoHiddenSlot',
  'takeFromHiddenSlot',
  'setDriveNeedsCleaning',
  'moveMedium',
  'powerCycle',
  'setOnline',
  'failNextCommand',
  'failNextMove',
  'clearFaults',
  'setSlowMotion',
] as const satisfies readonly (keyof ControlClient)[];

/** Wraps the in-process control API as a ControlClient. */
export function localControlClient(control: ChangerControl): ControlClient {
  return {
    status: async () => control.status(),
    pullMagazine: async (id) => control.pullMagazine(id),
    insertMagazine: async (id) => control.insertMagazine(id),
    takeFromMagazine: async (id, a) => control.takeFromMagazine(id, a),
    putIntoMagazine: async (id, a, c) => control.putIntoMagazine(id, a, c),
    openDoor: async () => control.openDoor(),
    closeDoor: async () => control.closeDoor(),
    takeThroughDoor: async (a) => control.takeThroughDoor(a),
    putThroughDoor: async (a, c) => control.putThroughDoor(a, c),
    openImportExport: async () => control.openImportExport(),
    closeImportExport: async () => control.closeImportExport(),
    takeFromImportExport: async (a) => control.takeFromImportExport(a),
    putIntoImportExport: async (a, c) => control.putIntoImportExport(a, c),
    putIntoHiddenSlot: async (s, c) => control.putIntoHiddenSlot(s, c),
    takeFromHiddenSlot: async (s) => control.takeFromHiddenSlot(s),
    setDriveNeedsCleaning: async (a, on) => control.setDriveNeedsCleaning(a, on),
    moveMedium: (s, d) => control.moveMedium(s, d),
    powerCycle: async () => control.powerCycle(),
    setOnline: async (on) => control.setOnline(on),
    failNextCommand: async (f) => control.failNextCommand(f),
    failNextMove: async (k) => control.failNextMove(k),
    clearFaults: async () => control.clearFaults(),
    setSlowMotion: async (f) => control.setSlowMotion(f),
  };
}
