/**
 * The operator console's command language: one line, one operation of the control API. Scriptable by piping
 * lines in; `help` lists everything. Parsing is pure (line → operation or a usage error).
 */
import type { CartridgeInput } from '../control/control-types.js';
import type { ControlClient } from '../control/control-client.js';
import { slowMotionProblem } from '../control/fault-control.js';
import { ElementReferenceError, runLoad, runMove, runUnload } from './move-commands.js';

/** A parsed console line: a function of the control client that returns text, or a request to quit. */
export type ConsoleAction = { kind: 'run'; run: (c: ControlClient) => Promise<string> } | { kind: 'quit' } | { kind: 'help' } | { kind: 'empty' };

/** A line the console cannot carry out, with the usage that would. */
export class ConsoleUsageError extends Error {}

export const CONSOLE_HELP = `Commands (one per line; # starts a comment):
  status [all]                      library state and cartridges (all: list empty slots too)
  magazine pull ID | insert ID      pull or reinsert a magazine (its cartridges go with it)
  magazine take ID ADDR             take a cartridge out of a pulled magazine
  magazine put ID ADDR TAG [K] [N]  put a cartridge into a pulled magazine (K data|cleaning, N uses)
  door open | close                 open or close the access door
  door take ADDR | put ADDR TAG [K] [N]   reach into the open library
  ie open | close                   open or close the import/export station
  ie take ADDR | put ADDR TAG [K] [N]     take from or put into an IE element (station open)
  hidden put SLOT TAG [N] | take SLOT     a hidden cleaning slot (0-based)
  move FROM TO                      the robot moves a cartridge (addresses; sN mtx slot N, dN mtx drive N)
  load SLOT DRIVE                   as mtx load: mtx slot and drive numbers (or @ADDR)
  unload DRIVE [SLOT]               as mtx unload: back to its source slot unless SLOT is given
  drive ADDR needs-cleaning on|off  set a drive's cleaning request
  power-cycle | offline | online
  fault command KEY/ASC/ASCQ [OPCODE]     fail the next command (of OPCODE) with this sense (hex)
  fault move [positioning|changer]  make the next move fail mechanically
  fault clear                       disarm every fault
  slow FACTOR                       slow all motion down by FACTOR (1 = normal)
  help | quit`;

function int(word: string | undefined, what: string): number {
  if (word === undefined) throw new ConsoleUsageError(`missing ${what}`);
  const n = /^0x[0-9a-f]+$/i.test(word) ? Number.parseInt(word, 16) : /^[0-9]+h$/i.test(word) ? Number.parseInt(word.slice(0, -1), 16) : Number(word);
  if (!Number.isInteger(n) || n < 0) throw new ConsoleUsageError(`${what}: expected a non-negative integer, got "${word}"`);
  return n;
}

function hexByte(word: string | undefined, what: string): number {
  if (word === undefined || !/^(0x)?[0-9a-f]{1,2}h?$/i.test(word)) throw new ConsoleUsageError(`${what}: expected a hex byte, got "${word ?? ''}"`);
  return Number.parseInt(word.replace(/^0x/i, '').replace(/h$/i, ''), 16);
}

function cartridge(words: string[], at: number): CartridgeInput {
  const volumeTag = words[at];
  if (volumeTag === undefined) throw new ConsoleUsageError('missing volume tag');
  const kind = words[at + 1];
  if (kind !== undefined && kind !== 'data' && kind !== 'cleaning') throw new ConsoleUsageError(`kind: expected data or cleaning, got "${kind}"`);
  const uses = words[at + 2] === undefined ? undefined : int(words[at + 2], 'uses');
  return { volumeTag, ...(kind ? { kind } : {}), ...(uses !== undefined ? { usesRemaining: uses } : {}) };
}

type Result = { ok: true; value: unknown } | { ok: false; code: string; message: string };

function report(what: string, r: Result): string {
  if (!r.ok) return `refused (${r.code}): ${r.message}`;
  const v = r.value as { volumeTag?: string } | null;
  return v && typeof v === 'object' && 'volumeTag' in v ? `${what}: ${v.volumeTag || '(no label)'}` : `${what}: ok`;
}

const run = (what: string, op: (c: ControlClient) => Promise<Result>): ConsoleAction => ({ kind: 'run', run: async (c) => report(what, await op(c)) });

/** A word that names no element becomes a usage error at run time (the numbering needs the library's status). */
async function refusedReference(fn: () => Promise<string>): Promise<string> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ElementReferenceError) throw new ConsoleUsageError(e.message);
    throw e;
  }
}

/** Parses one console line. Throws ConsoleUsageError for a line it cannot carry out. */
export function parseConsoleLine(line: string, formatStatus: (c: ControlClient, all: boolean) => Promise<string>): ConsoleAction {
  const words = line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
  const [verb, sub, a1, a2] = words;
  switch (verb) {
    case undefined:
      return { kind: 'empty' };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    case 'status':
      return { kind: 'run', run: (c) => formatStatus(c, sub === 'all') };
    case 'magazine': {
      const id = a1;
      if (id === undefined) throw new ConsoleUsageError('usage: magazine pull|insert|take|put ID ...');
      if (sub === 'pull') return run(`magazine ${id} pulled`, (c) => c.pullMagazine(id));
      if (sub === 'insert') return run(`magazine ${id} inserted`, (c) => c.insertMagazine(id));
      if (sub === 'take') {
        const addr = int(a2, 'address');
        return run(`taken from magazine ${id} element ${addr}`, (c) => c.takeFromMagazine(id, addr));
      }
      if (sub === 'put') {
        const addr = int(a2, 'address');
        const cart = cartridge(words, 4);
        return run(`put into magazine ${id} element ${addr}`, (c) => c.putIntoMagazine(id, addr, cart));
      }
      throw new ConsoleUsageError('usage: magazine pull|insert|take|put ID ...');
    }
    case 'door': {
      if (sub === 'open') return run('door opened', (c) => c.openDoor());
      if (sub === 'close') return run('door closed', (c) => c.closeDoor());
      if (sub === 'take') {
        const addr = int(a1, 'address');
        return run(`taken from element ${addr}`, (c) => c.takeThroughDoor(addr));
      }
      if (sub === 'put') {
        const addr = int(a1, 'address');
        const cart = cartridge(words, 3);
        return run(`put into element ${addr}`, (c) => c.putThroughDoor(addr, cart));
      }
      throw new ConsoleUsageError('usage: door open|close|take ADDR|put ADDR TAG [KIND] [USES]');
    }
    case 'ie': {
      if (sub === 'open') return run('import/export station opened', (c) => c.openImportExport());
      if (sub === 'close') return run('import/export station closed', (c) => c.closeImportExport());
      if (sub === 'take') {
        const addr = int(a1, 'address');
        return run(`taken from IE element ${addr}`, (c) => c.takeFromImportExport(addr));
      }
      if (sub === 'put') {
        const addr = int(a1, 'address');
        const cart = cartridge(words, 3);
        return run(`put into IE element ${addr}`, (c) => c.putIntoImportExport(addr, cart));
      }
      throw new ConsoleUsageError('usage: ie open|close|take ADDR|put ADDR TAG [KIND] [USES]');
    }
    case 'hidden': {
      const slot = int(a1, 'hidden slot');
      if (sub === 'take') return run(`taken from hidden slot ${slot}`, (c) => c.takeFromHiddenSlot(slot));
      if (sub === 'put') {
        const tag = a2;
        if (tag === undefined) throw new ConsoleUsageError('missing volume tag');
        const uses = words[4] === undefined ? undefined : int(words[4], 'uses');
        return run(`put into hidden slot ${slot}`, (c) => c.putIntoHiddenSlot(slot, { volumeTag: tag, kind: 'cleaning', ...(uses !== undefined ? { usesRemaining: uses } : {}) }));
      }
      throw new ConsoleUsageError('usage: hidden put SLOT TAG [USES] | hidden take SLOT');
    }
    case 'drive': {
      const addr = int(sub, 'drive address');
      if (a1 !== 'needs-cleaning' || (a2 !== 'on' && a2 !== 'off')) throw new ConsoleUsageError('usage: drive ADDR needs-cleaning on|off');
      const on = a2 === 'on';
      return run(`drive ${addr} needs cleaning ${a2}`, (c) => c.setDriveNeedsCleaning(addr, on));
    }
    case 'move':
      if (sub === undefined || a1 === undefined || a2 !== undefined) throw new ConsoleUsageError('usage: move FROM TO (element addresses, sN for mtx slot N, dN for mtx drive N)');
      return { kind: 'run', run: (c) => refusedReference(() => runMove(c, sub, a1)) };
    case 'load':
      if (sub === undefined || a1 === undefined || a2 !== undefined) throw new ConsoleUsageError('usage: load SLOT DRIVE (mtx numbers, or @ADDR for an element address)');
      return { kind: 'run', run: (c) => refusedReference(() => runLoad(c, sub, a1)) };
    case 'unload':
      if (sub === undefined || a2 !== undefined) throw new ConsoleUsageError('usage: unload DRIVE [SLOT] (mtx numbers, or @ADDR for an element address)');
      return { kind: 'run', run: (c) => refusedReference(() => runUnload(c, sub, a1)) };
    case 'power-cycle':
      return run('power cycled', (c) => c.powerCycle());
    case 'offline':
      return run('offline', (c) => c.setOnline(false));
    case 'online':
      return run('online', (c) => c.setOnline(true));
    case 'fault': {
      if (sub === 'clear') return run('faults cleared', (c) => c.clearFaults());
      if (sub === 'move') {
        const kind = a1 ?? 'positioning';
        if (kind !== 'positioning' && kind !== 'changer') throw new ConsoleUsageError('usage: fault move [positioning|changer]');
        return run(`next move fails (${kind})`, (c) => c.failNextMove(kind));
      }
      if (sub === 'command') {
        const parts = (a1 ?? '').split('/');
        if (parts.length !== 3) throw new ConsoleUsageError('usage: fault command KEY/ASC/ASCQ [OPCODE], e.g. fault command 4/15/01 a5');
        const [key, asc, ascq] = parts.map((p, i) => hexByte(p, ['sense key', 'ASC', 'ASCQ'][i] ?? 'byte')) as [number, number, number];
        const opcode = a2 === undefined ? undefined : hexByte(a2, 'opcode');
        return run('next command fails', (c) => c.failNextCommand({ key, asc, ascq, ...(opcode !== undefined ? { opcode } : {}) }));
      }
      throw new ConsoleUsageError('usage: fault command KEY/ASC/ASCQ [OPCODE] | fault move [KIND] | fault clear');
    }
    case 'slow': {
      const factor = Number(sub);
      const problem = sub === undefined || sub.trim() === '' ? 'factor missing' : slowMotionProblem(factor);
      if (problem !== undefined) throw new ConsoleUsageError(`slow: ${problem}`);
      return run(`motion slowed x${factor}`, (c) => c.setSlowMotion(factor));
    }
    default:
      throw new ConsoleUsageError(`unknown command "${verb}" (type help)`);
  }
}
