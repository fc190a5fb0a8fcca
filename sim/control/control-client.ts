/**
 * The operator and fault API as an asynchronous interface, derived from the operation table (operation-table.ts),
 * so the console, the lab view and the conformance harness work the same against the in-process ChangerControl
 * and against the HTTP control endpoint of a simulator in another process (control-http-client.ts). A method's
 * arguments are the table's named arguments in its `params` order; its result is what ChangerControl's method of
 * the same name returns. Design: docs/architecture.md 2 ("Control") and 4.
 */
import type { z } from 'zod';
import type { ChangerControl } from './changer-control.js';
import { OPERATION_TABLE } from './operation-table.js';

type Table = typeof OPERATION_TABLE;

/** The name of one control operation ("pullMagazine"). */
export type ControlOperation = keyof Table;

/** The named arguments of an operation, as its schema outputs them. */
export type NamedArguments<K extends ControlOperation> = z.output<Table[K]['args']>;

/** Named arguments in `params` order as a tuple; an argument that may be undefined is optional. */
type Positional<P extends readonly unknown[], O> = P extends readonly [infer H extends keyof O, ...infer R]
  ? undefined extends O[H]
    ? [arg?: O[H], ...Positional<R, O>]
    : [O[H], ...Positional<R, O>]
  : [];

/** The arguments of an operation's client method. */
export type OperationArguments<K extends ControlOperation> = Positional<Table[K]['params'], NamedArguments<K>>;

/** What an operation resolves to (refusals are ControlResult values, not errors). */
export type OperationResult<K extends ControlOperation> = Awaited<ReturnType<ChangerControl[K]>>;

/** Every operator and fault operation of the table, as an asynchronous method. */
export type ControlClient = {
  [K in ControlOperation]: (...args: OperationArguments<K>) => Promise<OperationResult<K>>;
};

/** Compile-time check: ChangerControl takes every operation's arguments as the table names them. */
type Assert<T extends true> = T;
export type ChangerControlFitsTable = Assert<
  {
    [K in ControlOperation]: OperationArguments<K> extends Parameters<ChangerControl[K]> ? true : false;
  }[ControlOperation]
>;

/** The names of the operations, in table order (HTTP endpoint, `GET /v1`, console help). */
export const CONTROL_OPERATIONS = Object.keys(OPERATION_TABLE) as readonly ControlOperation[];

/** True when `name` is a control operation (own property of the table, so "toString" is not one). */
export function isControlOperation(name: string): name is ControlOperation {
  return Object.prototype.hasOwnProperty.call(OPERATION_TABLE, name);
}

/** Carries one operation out, given its positional arguments. */
export type InvokeOperation = (operation: ControlOperation, args: readonly unknown[]) => Promise<unknown>;

/** A ControlClient whose every method calls `invoke` with its operation's name and arguments. */
export function bindOperations(invoke: InvokeOperation): ControlClient {
  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of CONTROL_OPERATIONS) client[name] = (...args) => invoke(name, args);
  return client as unknown as ControlClient;
}

/** Wraps the in-process control API as a ControlClient. */
export function localControlClient(control: ChangerControl): ControlClient {
  return bindOperations(async (name, args) =>
    (control[name] as (...a: unknown[]) => unknown).apply(control, [...args]),
  );
}

/** Positional arguments → named ones (undefined ones left out, as JSON leaves them out). */
export function namedArguments(operation: ControlOperation, args: readonly unknown[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  OPERATION_TABLE[operation].params.forEach((p: string, i) => {
    if (args[i] !== undefined) named[p] = args[i];
  });
  return named;
}

/** The outcome of checking a request body against an operation's schema. */
export type ParsedArguments =
  { readonly ok: true; readonly args: unknown } | { readonly ok: false; readonly message: string };

/** Checks named arguments; the message lists every problem with its path, one per line. */
export function parseArguments(operation: ControlOperation, body: unknown): ParsedArguments {
  const parsed = OPERATION_TABLE[operation].args.safeParse(body);
  if (parsed.success) return { ok: true, args: parsed.data };
  const lines = parsed.error.issues.map((i) => `${[operation, ...i.path.map(String)].join('.')}: ${i.message}`);
  const params: readonly string[] = OPERATION_TABLE[operation].params;
  const takes = params.length === 0 ? 'no arguments: send {}' : `{ ${params.join(', ')} }`;
  return { ok: false, message: `${lines.join('\n')}\n(${operation} takes ${takes})` };
}

/** Runs an operation with named arguments that {@link parseArguments} accepted (or the console read). */
export function runOperation(client: ControlClient, operation: ControlOperation, args: unknown): Promise<unknown> {
  const named = args as Record<string, unknown>;
  const positional = OPERATION_TABLE[operation].params.map((p: string) => named[p]);
  return (client[operation] as (...a: unknown[]) => Promise<unknown>)(...positional);
}
