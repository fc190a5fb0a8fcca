/**
 * One row of the control operation table (operation-table.ts): its shape, its console forms and the argument
 * schemas the rows share.
 * Design: docs/architecture.md 4 (a control operation); docs/simulator.md "Operator and fault API".
 */
import { z } from 'zod';
import type { CartridgeInput } from './control-types.js';

/** How a console form reads its words (implemented by sim/console/console-words.ts). */
export interface ConsoleWords {
  /** The next word, if any. */
  next(): string | undefined;
  /** The next word; a usage error "missing WHAT" when there is none. */
  word(what: string): string;
  /** A non-negative integer (decimal, 0x.. or ..h). */
  int(what: string): number;
  /** A hex byte (`4`, `3a`, `0x3a`, `3ah`), taken from `word` when given, else the next word. */
  hexByte(what: string, word?: string): number;
  /** `TAG [KIND] [USES]`, or `TAG [USES]` of a cleaning cartridge when `kind` is given. */
  cartridge(kind?: 'cleaning'): CartridgeInput;
  /** Stops with a usage error. */
  fail(message: string): never;
}

/** One console line that carries an operation out. */
export interface ConsoleForm<A> {
  /** Literal lower-case words first, then placeholders: "magazine take ID ADDR". */
  readonly syntax: string;
  readonly help: string;
  /** Reads the named arguments from the words after the literal ones. */
  readonly read: (w: ConsoleWords) => A;
  /** What the console prints when the operation was done. */
  readonly done: (a: A) => string;
}

/** One row of the table. */
export interface OperationRow<S extends z.ZodObject = z.ZodObject, P extends readonly string[] = readonly string[]> {
  readonly args: S;
  /** Argument names in the order a ControlClient method takes them. */
  readonly params: P;
  readonly help: string;
  /** Only reads (the status view): the endpoint serves it on GET too. */
  readonly reads?: true;
  /** The console's lines for it; [] when the console has its own commands for it (status, move). */
  readonly console: readonly ConsoleForm<z.output<S>>[];
}

/** Types one row, keeping its argument names for the ControlClient type. */
export function op<S extends z.ZodObject, const P extends readonly (keyof z.output<S> & string)[]>(
  row: OperationRow<S, P>,
): OperationRow<S, P> {
  return row;
}

/** Argument schemas the rows share. */
export const id = z.string().describe('magazine id');
export const address = z.int().describe('element address');
export const cartridge = z.strictObject({
  volumeTag: z.string(),
  kind: z.enum(['data', 'cleaning']).optional(),
  usesRemaining: z.int().optional(),
});
export const fault = z.strictObject({
  opcode: z.int().optional(),
  key: z.int(),
  asc: z.int(),
  ascq: z.int(),
  deferred: z.boolean().optional(),
});
export const none = z.strictObject({});
export const noArgs = () => ({});
