/**
 * The control API's operations by name with their named arguments: one zod schema per operation (what the HTTP
 * endpoint accepts as a JSON body) and how each is carried out on a ControlClient. The HTTP server and client
 * share this table, so both sides name the same arguments. Argument types are checked here; values (addresses,
 * sense bytes, labels) are checked by the control API itself, which refuses with INVALID_ARGUMENT and the like.
 * Design: docs/architecture.md "Control"; docs: README "Control endpoint".
 */
import { z } from 'zod';
import { CONTROL_OPERATIONS, type ControlClient } from '../control/control-client.js';

/** The name of one control operation ("pullMagazine"). */
export type ControlOperation = (typeof CONTROL_OPERATIONS)[number];

const address = z.int().describe('element address');
const cartridge = z.strictObject({
  volumeTag: z.string(),
  kind: z.enum(['data', 'cleaning']).optional(),
  usesRemaining: z.int().optional(),
});
const fault = z.strictObject({
  opcode: z.int().optional(),
  key: z.int(),
  asc: z.int(),
  ascq: z.int(),
  deferred: z.boolean().optional(),
});
const none = z.strictObject({});

/** One operation: its argument schema and how to run it. */
export interface OperationSpec<S extends z.ZodType = z.ZodType> {
  readonly args: S;
  /** Argument names in the order the ControlClient method takes them. */
  readonly params: readonly string[];
  /** Carries the operation out (method syntax: the table holds specs of every argument type). */
  run(client: ControlClient, args: z.output<S>): Promise<unknown>;
}

function op<S extends z.ZodType>(args: S, params: readonly string[], run: (client: ControlClient, args: z.output<S>) => Promise<unknown>): OperationSpec<S> {
  return { args, params, run };
}

/** Every control operation with its named arguments. */
export const OPERATION_SPECS: { readonly [K in ControlOperation]: OperationSpec } = {
  status: op(none, [], (c) => c.status()),
  pullMagazine: op(z.strictObject({ id: z.string() }), ['id'], (c, a) => c.pullMagazine(a.id)),
  insertMagazine: op(z.strictObject({ id: z.string() }), ['id'], (c, a) => c.insertMagazine(a.id)),
  takeFromMagazine: op(z.strictObject({ id: z.string(), address }), ['id', 'address'], (c, a) => c.takeFromMagazine(a.id, a.address)),
  putIntoMagazine: op(z.strictObject({ id: z.string(), address, cartridge }), ['id', 'address', 'cartridge'], (c, a) => c.putIntoMagazine(a.id, a.address, a.cartridge)),
  openDoor: op(none, [], (c) => c.openDoor()),
  closeDoor: op(none, [], (c) => c.closeDoor()),
  takeThroughDoor: op(z.strictObject({ address }), ['address'], (c, a) => c.takeThroughDoor(a.address)),
  putThroughDoor: op(z.strictObject({ address, cartridge }), ['address', 'cartridge'], (c, a) => c.putThroughDoor(a.address, a.cartridge)),
  openImportExport: op(none, [], (c) => c.openImportExport()),
  closeImportExport: op(none, [], (c) => c.closeImportExport()),
  takeFromImportExport: op(z.strictObject({ address }), ['address'], (c, a) => c.takeFromImportExport(a.address)),
  putIntoImportExport: op(z.strictObject({ address, cartridge }), ['address', 'cartridge'], (c, a) => c.putIntoImportExport(a.address, a.cartridge)),
  putIntoHiddenSlot: op(z.strictObject({ slot: z.int(), cartridge }), ['slot', 'cartridge'], (c, a) => c.putIntoHiddenSlot(a.slot, a.cartridge)),
  takeFromHiddenSlot: op(z.strictObject({ slot: z.int() }), ['slot'], (c, a) => c.takeFromHiddenSlot(a.slot)),
  setDriveNeedsCleaning: op(z.strictObject({ address, on: z.boolean() }), ['address', 'on'], (c, a) => c.setDriveNeedsCleaning(a.address, a.on)),
  moveMedium: op(z.strictObject({ source: address, destination: address }), ['source', 'destination'], (c, a) => c.moveMedium(a.source, a.destination)),
  powerCycle: op(none, [], (c) => c.powerCycle()),
  setOnline: op(z.strictObject({ online: z.boolean() }), ['online'], (c, a) => c.setOnline(a.online)),
  failNextCommand: op(z.strictObject({ fault }), ['fault'], (c, a) => c.failNextCommand(a.fault)),
  failNextMove: op(z.strictObject({ kind: z.enum(['positioning', 'changer']).optional() }), ['kind'], (c, a) => c.failNextMove(a.kind)),
  clearFaults: op(none, [], (c) => c.clearFaults()),
  setSlowMotion: op(z.strictObject({ factor: z.number() }), ['factor'], (c, a) => c.setSlowMotion(a.factor)),
};

/** True when `name` is a control operation (own property of the table, so "toString" is not one). */
export function isControlOperation(name: string): name is ControlOperation {
  return Object.prototype.hasOwnProperty.call(OPERATION_SPECS, name);
}

/** The outcome of checking a request body against an operation's schema. */
export type ParsedArguments = { readonly ok: true; readonly args: unknown } | { readonly ok: false; readonly message: string };

/** Checks named arguments; the message lists every problem with its path, one per line. */
export function parseArguments(operation: ControlOperation, body: unknown): ParsedArguments {
  const parsed = OPERATION_SPECS[operation].args.safeParse(body);
  if (parsed.success) return { ok: true, args: parsed.data };
  const lines = parsed.error.issues.map((i) => `${[operation, ...i.path.map(String)].join('.')}: ${i.message}`);
  return { ok: false, message: `${lines.join('\n')}\n(${operation} takes ${describeParams(operation)})` };
}

function describeParams(operation: ControlOperation): string {
  const params = OPERATION_SPECS[operation].params;
  return params.length === 0 ? 'no arguments: send {}' : `{ ${params.join(', ')} }`;
}

/** Runs an operation whose arguments {@link parseArguments} accepted. */
export function runOperation(client: ControlClient, operation: ControlOperation, args: unknown): Promise<unknown> {
  return OPERATION_SPECS[operation].run(client, args);
}
