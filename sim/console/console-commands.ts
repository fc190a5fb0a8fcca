/**
 * The operator console's command language: one line, one operation of the control API. The lines, their help
 * and what each prints come from the operation table (sim/control/operation-table.ts, the `console` forms of each
 * row); the console adds only its own views of two operations: `status [all]` (a formatted status) and the
 * mtx-numbered moves `move`, `load`, `unload` (move-commands.ts), which carry moveMedium out. Scriptable by piping
 * lines in; `help` lists everything. Parsing is pure (line → operation or a usage error).
 * Design: docs/architecture.md 4 (a control operation); docs/simulator.md "Operator and fault API".
 */
import {
  CONTROL_OPERATIONS,
  runOperation,
  type ControlClient,
  type ControlOperation,
} from '../control/control-client.js';
import { OPERATION_TABLE, type ConsoleWords } from '../control/operation-table.js';
import { ConsoleUsageError, LineWords } from './console-words.js';
import { ElementReferenceError, runLoad, runMove, runUnload } from './move-commands.js';

export { ConsoleUsageError } from './console-words.js';

/** A parsed console line: a function of the control client that returns text, or a request to quit. */
export type ConsoleAction =
  { kind: 'run'; run: (c: ControlClient) => Promise<string> } | { kind: 'quit' } | { kind: 'help' } | { kind: 'empty' };

/** Formats the status view for `status [all]` (run-console.ts gives it). */
export type FormatStatus = (c: ControlClient, all: boolean) => Promise<string>;

/** One console line of the table, with the operation it carries out. */
interface TableLine {
  readonly operation: ControlOperation;
  readonly syntax: string;
  readonly help: string;
  /** The leading literal words ("magazine", "take"). */
  readonly literals: readonly string[];
  readonly read: (w: ConsoleWords) => Record<string, unknown>;
  readonly done: (a: Record<string, unknown>) => string;
}

/** A console command of the console's own, with the operation it carries out. */
interface OwnCommand {
  readonly operation: ControlOperation;
  readonly verb: string;
  readonly syntax: string;
  readonly help: string;
  /** `rest`: the words after the verb. */
  readonly parse: (rest: readonly string[], formatStatus: FormatStatus) => ConsoleAction;
}

const TABLE_LINES: readonly TableLine[] = CONTROL_OPERATIONS.flatMap((operation) =>
  (OPERATION_TABLE[operation].console as readonly Omit<TableLine, 'operation' | 'literals'>[]).map((form) => ({
    ...form,
    operation,
    literals: form.syntax.split(' ').filter((_, i, all) => all.slice(0, i + 1).every((w) => /^[a-z][a-z-]*$/.test(w))),
  })),
);

/** A word that names no element becomes a usage error at run time (the numbering needs the library's status). */
async function refusedReference(fn: () => Promise<string>): Promise<string> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ElementReferenceError) throw new ConsoleUsageError(e.message);
    throw e;
  }
}

const OWN_COMMANDS: readonly OwnCommand[] = [
  {
    operation: 'status',
    verb: 'status',
    syntax: 'status [all]',
    help: 'library state and cartridges (all: list empty slots too)',
    parse: (rest, formatStatus) => ({ kind: 'run', run: (c) => formatStatus(c, rest[0] === 'all') }),
  },
  {
    operation: 'moveMedium',
    verb: 'move',
    syntax: 'move FROM TO',
    help: 'the robot moves a cartridge (addresses; sN mtx slot N, dN mtx drive N)',
    parse: ([from, to, extra]) => {
      if (from === undefined || to === undefined || extra !== undefined) {
        throw new ConsoleUsageError('usage: move FROM TO (element addresses, sN for mtx slot N, dN for mtx drive N)');
      }
      return { kind: 'run', run: (c) => refusedReference(() => runMove(c, from, to)) };
    },
  },
  {
    operation: 'moveMedium',
    verb: 'load',
    syntax: 'load SLOT DRIVE',
    help: 'as mtx load: mtx slot and drive numbers (or @ADDR)',
    parse: ([slot, drive, extra]) => {
      if (slot === undefined || drive === undefined || extra !== undefined) {
        throw new ConsoleUsageError('usage: load SLOT DRIVE (mtx numbers, or @ADDR for an element address)');
      }
      return { kind: 'run', run: (c) => refusedReference(() => runLoad(c, slot, drive)) };
    },
  },
  {
    operation: 'moveMedium',
    verb: 'unload',
    syntax: 'unload DRIVE [SLOT]',
    help: 'as mtx unload: back to its source slot unless SLOT is given',
    parse: ([drive, slot, extra]) => {
      if (drive === undefined || extra !== undefined) {
        throw new ConsoleUsageError('usage: unload DRIVE [SLOT] (mtx numbers, or @ADDR for an element address)');
      }
      return { kind: 'run', run: (c) => refusedReference(() => runUnload(c, drive, slot)) };
    },
  },
];

/** The console lines that carry `operation` out (syntax and help), table lines and the console's own. */
export function consoleLinesFor(
  operation: ControlOperation,
): readonly { readonly syntax: string; readonly help: string }[] {
  return [...OWN_COMMANDS, ...TABLE_LINES]
    .filter((l) => l.operation === operation)
    .map(({ syntax, help }) => ({ syntax, help }));
}

/** Every console line in table order, with `help | quit` last. */
export const CONSOLE_HELP = [
  'Commands (one per line; # starts a comment):',
  ...CONTROL_OPERATIONS.flatMap((op) => consoleLinesFor(op)).map((l) => `  ${l.syntax.padEnd(36)}${l.help}`),
  '  help | quit',
].join('\n');

type Result = { ok: true; value: unknown } | { ok: false; code: string; message: string };

function report(what: string, r: Result): string {
  if (!r.ok) return `refused (${r.code}): ${r.message}`;
  const v = r.value as { volumeTag?: string } | null;
  return v && typeof v === 'object' && 'volumeTag' in v ? `${what}: ${v.volumeTag || '(no label)'}` : `${what}: ok`;
}

/** The table line whose literal words begin `words`, the longest such. */
function matchTableLine(words: readonly string[]): TableLine | undefined {
  let best: TableLine | undefined;
  for (const l of TABLE_LINES) {
    if (l.literals.every((w, i) => words[i] === w) && l.literals.length > (best?.literals.length ?? 0)) best = l;
  }
  return best;
}

/** Parses one console line. Throws ConsoleUsageError for a line it cannot carry out. */
export function parseConsoleLine(line: string, formatStatus: FormatStatus): ConsoleAction {
  const words = line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
  const verb = words[0];
  if (verb === undefined) return { kind: 'empty' };
  if (verb === 'help' || verb === '?') return { kind: 'help' };
  if (verb === 'quit' || verb === 'exit') return { kind: 'quit' };
  const own = OWN_COMMANDS.find((c) => c.verb === verb);
  if (own) return own.parse(words.slice(1), formatStatus);
  const form = matchTableLine(words);
  if (!form) {
    const same = TABLE_LINES.filter((l) => l.literals[0] === verb);
    if (same.length > 0) throw new ConsoleUsageError(`usage: ${same.map((l) => l.syntax).join(' | ')}`);
    throw new ConsoleUsageError(`unknown command "${verb}" (type help)`);
  }
  const args = form.read(new LineWords(words.slice(form.literals.length)));
  const what = form.done(args);
  return { kind: 'run', run: async (c) => report(what, (await runOperation(c, form.operation, args)) as Result) };
}
