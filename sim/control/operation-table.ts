/**
 * The control API in one table: every operator and fault operation with its named arguments (a zod schema: what
 * the HTTP endpoint and the lab view accept as a JSON body), their order in a client call, its help text, whether
 * it only reads (GET allowed), and its console forms. The ControlClient type, the in-process and HTTP clients, the
 * HTTP routes, `GET /v1` and the console's parser and help are all derived from it (control-client.ts,
 * control-http-client.ts, sim/service/control-http-server.ts, sim/console/console-commands.ts); ChangerControl
 * (changer-control.ts, fault-control.ts) carries each one out under the same name. Argument types are checked
 * here; values (addresses, sense bytes, labels) are checked by the control API itself, which refuses with
 * INVALID_ARGUMENT and the like. To add an operation: a method on ChangerControl and a row here.
 * Design: docs/architecture.md 4 (a control operation); docs/simulator.md "Operator and fault API".
 */
import { z } from 'zod';
import type { CartridgeInput } from './control-types.js';
import { slowMotionProblem } from './fault-control.js';

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

function op<S extends z.ZodObject, const P extends readonly (keyof z.output<S> & string)[]>(row: OperationRow<S, P>): OperationRow<S, P> {
  return row;
}

const id = z.string().describe('magazine id');
const address = z.int().describe('element address');
const cartridge = z.strictObject({ volumeTag: z.string(), kind: z.enum(['data', 'cleaning']).optional(), usesRemaining: z.int().optional() });
const fault = z.strictObject({ opcode: z.int().optional(), key: z.int(), asc: z.int(), ascq: z.int(), deferred: z.boolean().optional() });
const none = z.strictObject({});
const noArgs = () => ({});

/** Every control operation, in the order `GET /v1` and the console's help list them. */
export const OPERATION_TABLE = {
  status: op({ args: none, params: [], reads: true, help: 'everything the operator can see of the library', console: [] }),
  pullMagazine: op({
    args: z.strictObject({ id }), params: ['id'], help: 'pulls a magazine out with its cartridges (06/3B/12)',
    console: [{
      syntax: 'magazine pull ID', help: 'pull a magazine (its cartridges go with it)',
      read: (w) => ({ id: w.word('ID') }), done: (a) => `magazine ${a.id} pulled`,
    }],
  }),
  insertMagazine: op({
    args: z.strictObject({ id }), params: ['id'], help: 'puts a magazine back (06/3B/13, then an inventory)',
    console: [{
      syntax: 'magazine insert ID', help: 'reinsert a pulled magazine',
      read: (w) => ({ id: w.word('ID') }), done: (a) => `magazine ${a.id} inserted`,
    }],
  }),
  takeFromMagazine: op({
    args: z.strictObject({ id, address }), params: ['id', 'address'], help: 'takes a cartridge out of a pulled magazine',
    console: [{
      syntax: 'magazine take ID ADDR', help: 'take a cartridge out of a pulled magazine',
      read: (w) => ({ id: w.word('ID'), address: w.int('address') }), done: (a) => `taken from magazine ${a.id} element ${a.address}`,
    }],
  }),
  putIntoMagazine: op({
    args: z.strictObject({ id, address, cartridge }), params: ['id', 'address', 'cartridge'], help: 'puts a cartridge into a pulled magazine',
    console: [{
      syntax: 'magazine put ID ADDR TAG [K] [N]', help: 'put a cartridge into a pulled magazine (K data|cleaning, N uses)',
      read: (w) => ({ id: w.word('ID'), address: w.int('address'), cartridge: w.cartridge() }), done: (a) => `put into magazine ${a.id} element ${a.address}`,
    }],
  }),
  openDoor: op({
    args: none, params: [], help: 'opens the access door',
    console: [{ syntax: 'door open', help: 'open the access door', read: noArgs, done: () => 'door opened' }],
  }),
  closeDoor: op({
    args: none, params: [], help: 'closes the door (06/28/00, then a full inventory)',
    console: [{ syntax: 'door close', help: 'close the access door', read: noArgs, done: () => 'door closed' }],
  }),
  takeThroughDoor: op({
    args: z.strictObject({ address }), params: ['address'], help: 'takes a cartridge from any reachable element through the open door',
    console: [{
      syntax: 'door take ADDR', help: 'reach into the open library and take a cartridge',
      read: (w) => ({ address: w.int('address') }), done: (a) => `taken from element ${a.address}`,
    }],
  }),
  putThroughDoor: op({
    args: z.strictObject({ address, cartridge }), params: ['address', 'cartridge'], help: 'puts a cartridge into an element through the open door',
    console: [{
      syntax: 'door put ADDR TAG [K] [N]', help: 'reach into the open library and put a cartridge',
      read: (w) => ({ address: w.int('address'), cartridge: w.cartridge() }), done: (a) => `put into element ${a.address}`,
    }],
  }),
  openImportExport: op({
    args: none, params: [], help: 'opens the import/export station from the panel',
    console: [{ syntax: 'ie open', help: 'open the import/export station', read: noArgs, done: () => 'import/export station opened' }],
  }),
  closeImportExport: op({
    args: none, params: [], help: 'closes the import/export station (06/28/01, then an inventory of it)',
    console: [{ syntax: 'ie close', help: 'close the import/export station', read: noArgs, done: () => 'import/export station closed' }],
  }),
  takeFromImportExport: op({
    args: z.strictObject({ address }), params: ['address'], help: 'takes a cartridge out of the open I/O station',
    console: [{
      syntax: 'ie take ADDR', help: 'take from an IE element (station open)',
      read: (w) => ({ address: w.int('address') }), done: (a) => `taken from IE element ${a.address}`,
    }],
  }),
  putIntoImportExport: op({
    args: z.strictObject({ address, cartridge }), params: ['address', 'cartridge'], help: 'puts a cartridge into the open I/O station',
    console: [{
      syntax: 'ie put ADDR TAG [K] [N]', help: 'put into an IE element (station open)',
      read: (w) => ({ address: w.int('address'), cartridge: w.cartridge() }), done: (a) => `put into IE element ${a.address}`,
    }],
  }),
  putIntoHiddenSlot: op({
    args: z.strictObject({ slot: z.int(), cartridge }), params: ['slot', 'cartridge'], help: 'puts a cleaning cartridge into a hidden cleaning slot (0-based)',
    console: [{
      syntax: 'hidden put SLOT TAG [N]', help: 'put a cleaning cartridge into a hidden slot (0-based)',
      read: (w) => ({ slot: w.int('hidden slot'), cartridge: w.cartridge('cleaning') }), done: (a) => `put into hidden slot ${a.slot}`,
    }],
  }),
  takeFromHiddenSlot: op({
    args: z.strictObject({ slot: z.int() }), params: ['slot'], help: 'takes the cartridge out of a hidden cleaning slot',
    console: [{
      syntax: 'hidden take SLOT', help: 'take the cartridge out of a hidden slot',
      read: (w) => ({ slot: w.int('hidden slot') }), done: (a) => `taken from hidden slot ${a.slot}`,
    }],
  }),
  setDriveNeedsCleaning: op({
    args: z.strictObject({ address, on: z.boolean() }), params: ['address', 'on'], help: "sets or clears a drive's needs-cleaning flag",
    console: [{
      syntax: 'drive ADDR needs-cleaning on|off', help: "set a drive's cleaning request",
      read: (w) => {
        const a = w.int('drive address');
        const flag = w.next() === 'needs-cleaning' ? w.next() : undefined;
        if (flag !== 'on' && flag !== 'off') return w.fail('usage: drive ADDR needs-cleaning on|off');
        return { address: a, on: flag === 'on' };
      },
      done: (a) => `drive ${a.address} needs cleaning ${a.on ? 'on' : 'off'}`,
    }],
  }),
  moveMedium: op({
    args: z.strictObject({ source: address, destination: address }), params: ['source', 'destination'],
    help: 'the operator moves a cartridge with the robot from the panel; answers when it is there', console: [],
  }),
  powerCycle: op({
    args: none, params: [], help: 'power off and on (06/29/00, NOT READY while powering on)',
    console: [{ syntax: 'power-cycle', help: 'power the library off and on', read: noArgs, done: () => 'power cycled' }],
  }),
  setOnline: op({
    args: z.strictObject({ online: z.boolean() }), params: ['online'], help: 'takes the library offline (02/04/12) or back online',
    console: [
      { syntax: 'offline', help: 'take the library offline', read: () => ({ online: false }), done: () => 'offline' },
      { syntax: 'online', help: 'bring it back online', read: () => ({ online: true }), done: () => 'online' },
    ],
  }),
  failNextCommand: op({
    args: z.strictObject({ fault }), params: ['fault'], help: 'fails the next command (of one opcode, if given) with the given sense',
    console: [{
      syntax: 'fault command KEY/ASC/ASCQ [OPCODE]', help: 'fail the next command (of OPCODE) with this sense (hex)',
      read: (w) => {
        const parts = (w.next() ?? '').split('/');
        if (parts.length !== 3) return w.fail('usage: fault command KEY/ASC/ASCQ [OPCODE], e.g. fault command 4/15/01 a5');
        const [key, asc, ascq] = parts.map((p, i) => w.hexByte(['sense key', 'ASC', 'ASCQ'][i] ?? 'byte', p)) as [number, number, number];
        const opcode = w.next();
        return { fault: { key, asc, ascq, ...(opcode !== undefined ? { opcode: w.hexByte('opcode', opcode) } : {}) } };
      },
      done: () => 'next command fails',
    }],
  }),
  failNextMove: op({
    args: z.strictObject({ kind: z.enum(['positioning', 'changer']).optional() }), params: ['kind'],
    help: 'makes the next MOVE or EXCHANGE MEDIUM fail mechanically (4/15/01 positioning, 4/3B/16 changer)',
    console: [{
      syntax: 'fault move [positioning|changer]', help: 'make the next move fail mechanically',
      read: (w) => {
        const kind = w.next() ?? 'positioning';
        if (kind !== 'positioning' && kind !== 'changer') return w.fail('usage: fault move [positioning|changer]');
        return { kind } as const;
      },
      done: (a) => `next move fails (${a.kind ?? 'positioning'})`,
    }],
  }),
  clearFaults: op({
    args: none, params: [], help: 'disarms every armed fault',
    console: [{ syntax: 'fault clear', help: 'disarm every fault', read: noArgs, done: () => 'faults cleared' }],
  }),
  setSlowMotion: op({
    args: z.strictObject({ factor: z.number() }), params: ['factor'], help: 'slows (factor > 1) or speeds up (< 1) every mechanical duration from now on',
    console: [{
      syntax: 'slow FACTOR', help: 'slow all motion down by FACTOR (1 = normal)',
      read: (w) => {
        const word = w.next();
        const factor = Number(word);
        const problem = word === undefined || word.trim() === '' ? 'factor missing' : slowMotionProblem(factor);
        return problem === undefined ? { factor } : w.fail(`slow: ${problem}`);
      },
      done: (a) => `motion slowed x${a.factor}`,
    }],
  }),
} as const;
