/**
 * The operator's rows of the control operation table: status, magazines, the door, the import/export station,
 * hidden cleaning slots, a drive's cleaning request and a move from the panel.
 * Design: docs/architecture.md 4 (a control operation); docs/simulator.md "Operator and fault API".
 */
import { z } from 'zod';
import { address, cartridge, id, none, noArgs, op } from './operation-row.js';

/** The operator operations, in the order `GET /v1` and the console's help list them. */
export const OPERATOR_OPERATIONS = {
  status: op({
    args: none,
    params: [],
    reads: true,
    help: 'everything the operator can see of the library',
    console: [],
  }),
  pullMagazine: op({
    args: z.strictObject({ id }),
    params: ['id'],
    help: 'pulls a magazine out with its cartridges (06/3B/12)',
    console: [
      {
        syntax: 'magazine pull ID',
        help: 'pull a magazine (its cartridges go with it)',
        read: (w) => ({ id: w.word('ID') }),
        done: (a) => `magazine ${a.id} pulled`,
      },
    ],
  }),
  insertMagazine: op({
    args: z.strictObject({ id }),
    params: ['id'],
    help: 'puts a magazine back (06/3B/13, then an inventory)',
    console: [
      {
        syntax: 'magazine insert ID',
        help: 'reinsert a pulled magazine',
        read: (w) => ({ id: w.word('ID') }),
        done: (a) => `magazine ${a.id} inserted`,
      },
    ],
  }),
  takeFromMagazine: op({
    args: z.strictObject({ id, address }),
    params: ['id', 'address'],
    help: 'takes a cartridge out of a pulled magazine',
    console: [
      {
        syntax: 'magazine take ID ADDR',
        help: 'take a cartridge out of a pulled magazine',
        read: (w) => ({ id: w.word('ID'), address: w.int('address') }),
        done: (a) => `taken from magazine ${a.id} element ${a.address}`,
      },
    ],
  }),
  putIntoMagazine: op({
    args: z.strictObject({ id, address, cartridge }),
    params: ['id', 'address', 'cartridge'],
    help: 'puts a cartridge into a pulled magazine',
    console: [
      {
        syntax: 'magazine put ID ADDR TAG [K] [N]',
        help: 'put a cartridge into a pulled magazine (K data|cleaning, N uses)',
        read: (w) => ({ id: w.word('ID'), address: w.int('address'), cartridge: w.cartridge() }),
        done: (a) => `put into magazine ${a.id} element ${a.address}`,
      },
    ],
  }),
  openDoor: op({
    args: none,
    params: [],
    help: 'opens the access door',
    console: [{ syntax: 'door open', help: 'open the access door', read: noArgs, done: () => 'door opened' }],
  }),
  closeDoor: op({
    args: none,
    params: [],
    help: 'closes the door (06/28/00, then a full inventory)',
    console: [{ syntax: 'door close', help: 'close the access door', read: noArgs, done: () => 'door closed' }],
  }),
  takeThroughDoor: op({
    args: z.strictObject({ address }),
    params: ['address'],
    help: 'takes a cartridge from any reachable element through the open door',
    console: [
      {
        syntax: 'door take ADDR',
        help: 'reach into the open library and take a cartridge',
        read: (w) => ({ address: w.int('address') }),
        done: (a) => `taken from element ${a.address}`,
      },
    ],
  }),
  putThroughDoor: op({
    args: z.strictObject({ address, cartridge }),
    params: ['address', 'cartridge'],
    help: 'puts a cartridge into an element through the open door',
    console: [
      {
        syntax: 'door put ADDR TAG [K] [N]',
        help: 'reach into the open library and put a cartridge',
        read: (w) => ({ address: w.int('address'), cartridge: w.cartridge() }),
        done: (a) => `put into element ${a.address}`,
      },
    ],
  }),
  openImportExport: op({
    args: none,
    params: [],
    help: 'opens the import/export station from the panel',
    console: [
      {
        syntax: 'ie open',
        help: 'open the import/export station',
        read: noArgs,
        done: () => 'import/export station opened',
      },
    ],
  }),
  closeImportExport: op({
    args: none,
    params: [],
    help: 'closes the import/export station (06/28/01, then an inventory of it)',
    console: [
      {
        syntax: 'ie close',
        help: 'close the import/export station',
        read: noArgs,
        done: () => 'import/export station closed',
      },
    ],
  }),
  takeFromImportExport: op({
    args: z.strictObject({ address }),
    params: ['address'],
    help: 'takes a cartridge out of the open I/O station',
    console: [
      {
        syntax: 'ie take ADDR',
        help: 'take from an IE element (station open)',
        read: (w) => ({ address: w.int('address') }),
        done: (a) => `taken from IE element ${a.address}`,
      },
    ],
  }),
  putIntoImportExport: op({
    args: z.strictObject({ address, cartridge }),
    params: ['address', 'cartridge'],
    help: 'puts a cartridge into the open I/O station',
    console: [
      {
        syntax: 'ie put ADDR TAG [K] [N]',
        help: 'put into an IE element (station open)',
        read: (w) => ({ address: w.int('address'), cartridge: w.cartridge() }),
        done: (a) => `put into IE element ${a.address}`,
      },
    ],
  }),
  putIntoHiddenSlot: op({
    args: z.strictObject({ slot: z.int(), cartridge }),
    params: ['slot', 'cartridge'],
    help: 'puts a cleaning cartridge into a hidden cleaning slot (0-based)',
    console: [
      {
        syntax: 'hidden put SLOT TAG [N]',
        help: 'put a cleaning cartridge into a hidden slot (0-based)',
        read: (w) => ({ slot: w.int('hidden slot'), cartridge: w.cartridge('cleaning') }),
        done: (a) => `put into hidden slot ${a.slot}`,
      },
    ],
  }),
  takeFromHiddenSlot: op({
    args: z.strictObject({ slot: z.int() }),
    params: ['slot'],
    help: 'takes the cartridge out of a hidden cleaning slot',
    console: [
      {
        syntax: 'hidden take SLOT',
        help: 'take the cartridge out of a hidden slot',
        read: (w) => ({ slot: w.int('hidden slot') }),
        done: (a) => `taken from hidden slot ${a.slot}`,
      },
    ],
  }),
  setDriveNeedsCleaning: op({
    args: z.strictObject({ address, on: z.boolean() }),
    params: ['address', 'on'],
    help: "sets or clears a drive's needs-cleaning flag",
    console: [
      {
        syntax: 'drive ADDR needs-cleaning on|off',
        help: "set a drive's cleaning request",
        read: (w) => {
          const a = w.int('drive address');
          const flag = w.next() === 'needs-cleaning' ? w.next() : undefined;
          if (flag !== 'on' && flag !== 'off') return w.fail('usage: drive ADDR needs-cleaning on|off');
          return { address: a, on: flag === 'on' };
        },
        done: (a) => `drive ${a.address} needs cleaning ${a.on ? 'on' : 'off'}`,
      },
    ],
  }),
  moveMedium: op({
    args: z.strictObject({ source: address, destination: address }),
    params: ['source', 'destination'],
    help: 'the operator moves a cartridge with the robot from the panel; answers when it is there',
    console: [],
  }),
} as const;
