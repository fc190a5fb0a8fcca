/**
 * The control operation table reaches every consumer: for each row, ChangerControl has the method, the local and
 * HTTP clients have it, the HTTP endpoint routes it and lists it at GET /v1 with its arguments and help, the lab
 * view's /api/ accepts its name, and the console has a line for it that parses into that operation with arguments
 * its schema accepts and that `help` lists. A row added to the table without one of these fails here (or, for
 * ChangerControl's argument types, at compile time: ChangerControlFitsTable in sim/control/control-client.ts).
 * Design: docs/architecture.md 4 (a control operation).
 */
import { expect } from 'chai';
import { ChangerControl } from '../../../sim/control/changer-control.js';
import {
  bindOperations,
  CONTROL_OPERATIONS,
  isControlOperation,
  localControlClient,
  namedArguments,
  parseArguments,
  type ControlOperation,
} from '../../../sim/control/control-client.js';
import { HttpControlClient } from '../../../sim/control/control-http-client.js';
import { OPERATION_TABLE } from '../../../sim/control/operation-table.js';
import { CONSOLE_HELP, consoleLinesFor, parseConsoleLine } from '../../../sim/console/console-commands.js';
import { ControlHttpServer } from '../../../sim/service/control-http-server.js';
import { Bench } from '../helpers/bench.js';

/** A value for each placeholder of a console syntax. */
const SAMPLE: Record<string, string> = {
  ID: 'left',
  ADDR: '4097',
  TAG: 'ABC123L8',
  SLOT: '0',
  'KEY/ASC/ASCQ': '4/15/01',
  FACTOR: '2',
};

/** A console line for `syntax`: placeholders filled in, optional parts left out, the first of alternatives. */
function sampleLine(syntax: string): string {
  return syntax
    .split(' ')
    .filter((w) => !w.startsWith('['))
    .map((w) => {
      if (w.includes('|')) return w.split('|')[0] ?? w;
      if (/^[a-z][a-z-]*$/.test(w)) return w;
      const value = SAMPLE[w];
      if (value === undefined) throw new Error(`no sample value for the console placeholder ${w} (add one to SAMPLE)`);
      return value;
    })
    .join(' ');
}

function recordingClient(calls: { name: ControlOperation; args: readonly unknown[] }[]) {
  return bindOperations(async (name, args) => {
    calls.push({ name, args });
    return name === 'status' ? { elements: [] } : { ok: true, value: null };
  });
}

describe('sim control operation table', () => {
  it('lists the operations once, in table order', () => {
    expect(CONTROL_OPERATIONS).to.deep.equal(Object.keys(OPERATION_TABLE));
    expect(new Set(CONTROL_OPERATIONS).size).to.equal(CONTROL_OPERATIONS.length);
    expect(isControlOperation('toString'), 'not an inherited name').to.equal(false);
  });

  for (const name of CONTROL_OPERATIONS) {
    describe(name, () => {
      const row = OPERATION_TABLE[name];

      it('has help text and argument names its schema knows', () => {
        expect(row.help).to.match(/^\S.{8,}/);
        const shape = Object.keys(row.args.shape);
        expect([...row.params].sort()).to.deep.equal(shape.sort());
      });

      it('is carried out by ChangerControl and offered by the local and HTTP clients', () => {
        expect(ChangerControl.prototype[name], 'ChangerControl method').to.be.a('function');
        const bench = new Bench();
        try {
          expect(localControlClient(bench.control)[name]).to.be.a('function');
        } finally {
          bench.close();
        }
        expect(new HttpControlClient('http://127.0.0.1:1')[name]).to.be.a('function');
        expect(isControlOperation(name)).to.equal(true);
      });

      it('has a console line, listed by help, that parses into this operation with arguments its schema accepts', async () => {
        const lines = consoleLinesFor(name);
        expect(lines.length, 'console lines').to.be.above(0);
        for (const l of lines) expect(CONSOLE_HELP, 'help').to.contain(l.syntax);
        for (const form of row.console) {
          const calls: { name: ControlOperation; args: readonly unknown[] }[] = [];
          const action = parseConsoleLine(sampleLine(form.syntax), async () => 'status');
          if (action.kind !== 'run') throw new Error(`${form.syntax}: parsed as ${action.kind}`);
          await action.run(recordingClient(calls));
          expect(
            calls.map((c) => c.name),
            form.syntax,
          ).to.deep.equal([name]);
          const parsed = parseArguments(name, namedArguments(name, calls[0]?.args ?? []));
          expect(parsed, `${form.syntax}: ${parsed.ok ? '' : parsed.message}`).to.include({ ok: true });
        }
      });
    });
  }

  it('GET /v1 lists every row with its method, arguments and help, and routes each name', async () => {
    const bench = new Bench();
    const server = await ControlHttpServer.listen({ control: localControlClient(bench.control) });
    try {
      const index = (await (await fetch(`${server.url}/v1`)).json()) as {
        operations: { name: string; method: string; arguments: string[]; help: string }[];
      };
      expect(index.operations).to.deep.equal(
        CONTROL_OPERATIONS.map((name) => {
          const row = OPERATION_TABLE[name];
          return {
            name,
            method: 'reads' in row ? 'GET' : 'POST',
            path: `/v1/${name}`,
            arguments: [...row.params],
            help: row.help,
          };
        }),
      );
      for (const name of CONTROL_OPERATIONS) {
        const r = await fetch(`${server.url}/v1/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"no-such-argument":1}',
        });
        expect(r.status, name).to.equal(400);
        expect(((await r.json()) as { error: { code: string } }).error.code, name).to.equal('BAD_ARGUMENTS');
      }
    } finally {
      await server.close();
      bench.close();
    }
  });
});
