/**
 * The power, online and fault rows of the control operation table.
 * Design: docs/architecture.md 4 (a control operation); docs/simulator.md "Operator and fault API".
 */
import { z } from 'zod';
import { slowMotionProblem } from './fault-control.js';
import { fault, none, noArgs, op } from './operation-row.js';

/** Power, online and fault operations, in the order `GET /v1` and the console's help list them. */
export const FAULT_OPERATIONS = {
  powerCycle: op({
    args: none,
    params: [],
    help: 'power off and on (06/29/00, NOT READY while powering on)',
    console: [
      { syntax: 'power-cycle', help: 'power the library off and on', read: noArgs, done: () => 'power cycled' },
    ],
  }),
  setOnline: op({
    args: z.strictObject({ online: z.boolean() }),
    params: ['online'],
    help: 'takes the library offline (02/04/12) or back online',
    console: [
      { syntax: 'offline', help: 'take the library offline', read: () => ({ online: false }), done: () => 'offline' },
      { syntax: 'online', help: 'bring it back online', read: () => ({ online: true }), done: () => 'online' },
    ],
  }),
  failNextCommand: op({
    args: z.strictObject({ fault }),
    params: ['fault'],
    help: 'fails the next command (of one opcode, if given) with the given sense',
    console: [
      {
        syntax: 'fault command KEY/ASC/ASCQ [OPCODE]',
        help: 'fail the next command (of OPCODE) with this sense (hex)',
        read: (w) => {
          const parts = (w.next() ?? '').split('/');
          if (parts.length !== 3)
            return w.fail('usage: fault command KEY/ASC/ASCQ [OPCODE], e.g. fault command 4/15/01 a5');
          const [key, asc, ascq] = parts.map((p, i) => w.hexByte(['sense key', 'ASC', 'ASCQ'][i] ?? 'byte', p)) as [
            number,
            number,
            number,
          ];
          const opcode = w.next();
          return {
            fault: { key, asc, ascq, ...(opcode !== undefined ? { opcode: w.hexByte('opcode', opcode) } : {}) },
          };
        },
        done: () => 'next command fails',
      },
    ],
  }),
  failNextMove: op({
    args: z.strictObject({ kind: z.enum(['positioning', 'changer']).optional() }),
    params: ['kind'],
    help: 'makes the next MOVE or EXCHANGE MEDIUM fail mechanically (4/15/01 positioning, 4/3B/16 changer)',
    console: [
      {
        syntax: 'fault move [positioning|changer]',
        help: 'make the next move fail mechanically',
        read: (w) => {
          const kind = w.next() ?? 'positioning';
          if (kind !== 'positioning' && kind !== 'changer') return w.fail('usage: fault move [positioning|changer]');
          return { kind } as const;
        },
        done: (a) => `next move fails (${a.kind ?? 'positioning'})`,
      },
    ],
  }),
  clearFaults: op({
    args: none,
    params: [],
    help: 'disarms every armed fault',
    console: [{ syntax: 'fault clear', help: 'disarm every fault', read: noArgs, done: () => 'faults cleared' }],
  }),
  setSlowMotion: op({
    args: z.strictObject({ factor: z.number() }),
    params: ['factor'],
    help: 'slows (factor > 1) or speeds up (< 1) every mechanical duration from now on',
    console: [
      {
        syntax: 'slow FACTOR',
        help: 'slow all motion down by FACTOR (1 = normal)',
        read: (w) => {
          const word = w.next();
          const factor = Number(word);
          const problem = word === undefined || word.trim() === '' ? 'factor missing' : slowMotionProblem(factor);
          return problem === undefined ? { factor } : w.fail(`slow: ${problem}`);
        },
        done: (a) => `motion slowed x${a.factor}`,
      },
    ],
  }),
} as const;
