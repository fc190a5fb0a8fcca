/**
 * The `sim` command group in-process: help at every level, option validation with clear messages, `sim console`
 * on an in-process simulator and attached over HTTP (scripted through stdin), `sim serve` until its shutdown
 * signal.
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../../common/command-error.js';
import { localControlClient } from '../../sim/control/control-client.js';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { ControlHttpServer } from '../../sim/service/control-http-server.js';
import { Bench } from './helpers/bench.js';
import { A, st } from './helpers/test-personality.js';
import { runSimCli } from './service/support/run-sim-cli.js';

describe('sim/cli', () => {
  describe('help', () => {
    for (const args of [
      ['sim', '--help'],
      ['sim', 'serve', '--help'],
      ['sim', 'console', '--help'],
    ]) {
      it(`${args.join(' ')} prints usage`, async () => {
        const r = await runSimCli(args);
        expect(r.error).to.equal(undefined);
        expect(r.yargsOutput).to.contain('changerbench sim');
      });
    }

    it('sim serve --help lists every endpoint option', async () => {
      const r = await runSimCli(['sim', 'serve', '--help']);
      for (const o of ['--fixture', '--state', '--iscsi', '--serial', '--control', '--time-scale', '--log-level'])
        expect(r.yargsOutput).to.contain(o);
    });
  });

  describe('validation', () => {
    const cases: [string[], RegExp][] = [
      [['sim'], /choose a sim command/],
      [['sim', 'serve', '--fixture', 'ibm-ts3100'], /nothing to serve/],
      [['sim', 'serve', '--control', '127.0.0.1:0'], /fixture/],
      [['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', 'localhost'], /--control: expected HOST:PORT/],
      [
        ['sim', 'serve', '--fixture', 'ibm-ts3100', '--iscsi', '127.0.0.1:99999'],
        /--iscsi: the port must be from 0 to 65535/,
      ],
      [
        ['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0', '--time-scale', 'abc'],
        /--time-scale: expected a number greater than 0/,
      ],
      [['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0', '--time-scale', '0'], /--time-scale/],
      [
        ['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0', '--serial-baud', '9600'],
        /--serial-baud needs --serial/,
      ],
      [
        ['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0', '--iscsi-busy-poll', '50'],
        /--iscsi-busy-poll needs --iscsi/,
      ],
      [
        ['sim', 'serve', '--fixture', 'ibm-ts3100', '--iscsi', '127.0.0.1:0', '--iscsi-busy-poll', '10001'],
        /--iscsi-busy-poll: expected a whole number from 0 to 10000/,
      ],
      [
        ['sim', 'serve', '--fixture', 'ibm-ts3100', '--iscsi', '127.0.0.1:0', '--iscsi-busy-poll', '-1'],
        /--iscsi-busy-poll: expected a whole number from 0 to 10000/,
      ],
      [
        ['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0', '--serial', '/dev/x', '--serial-baud', '96.5'],
        /--serial-baud: expected a whole number/,
      ],
      [['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0', '--bogus'], /Unknown argument/i],
      [['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0', '--log-level', 'loud'], /Invalid values|choices/i],
      [
        ['sim', 'serve', '--fixture', 'no-such-fixture', '--control', '0'],
        /no such fixture file; known fixtures: .*ibm-ts3100/,
      ],
      [['sim', 'serve', '--fixture', 'ibm-ts3100', '--control', '0.0.0.0:0'], /loopback/],
      [['sim', 'console'], /give --fixture NAME .* or --control URL/],
      [
        ['sim', 'console', '--fixture', 'ibm-ts3100', '--control', 'http://127.0.0.1:1'],
        /mutually exclusive|conflict/i,
      ],
      [['sim', 'console', '--control', 'https://127.0.0.1:1'], /bad control URL/],
    ];
    for (const [args, message] of cases) {
      it(`${args.join(' ')}: ${String(message)}`, async () => {
        const r = await runSimCli(args);
        expect(r.error, 'an error').to.be.instanceOf(Error);
        expect(r.error?.message).to.match(message);
      });
    }

    it('a control URL that is no URL: a usage error (exit 2), said once', async () => {
      const r = await runSimCli(['sim', 'console', '--control', 'notaurl'], { stdin: ['status'] });
      expect(r.error).to.be.instanceOf(CommandError);
      expect((r.error as { exitCode?: number }).exitCode).to.equal(2);
      expect(r.error?.message).to.equal(
        'bad control URL "notaurl": expected http://HOST:PORT, HOST:PORT or a port number (e.g. http://127.0.0.1:8080)',
      );
      const port = await runSimCli(['sim', 'console', '--control', 'http://127.0.0.1:99999'], { stdin: ['status'] });
      expect(port.error?.message).to.equal(
        'bad control URL "http://127.0.0.1:99999": the port must be from 0 to 65535 (e.g. http://127.0.0.1:8080)',
      );
    });

    it('a state file in a directory that does not exist: the file and the missing directory named, nothing created', async () => {
      const dir = join(tmpdir(), `changerbench-no-such-dir-${process.pid}`);
      const r = await runSimCli([
        'sim',
        'serve',
        '--fixture',
        'ibm-ts3100',
        '--control',
        '127.0.0.1:0',
        '--state',
        join(dir, 'lab.state'),
      ]);
      expect(r.error).to.be.instanceOf(CommandError);
      expect(r.error?.message).to.equal(
        `state file ${join(dir, 'lab.state')}: cannot be created: the directory ${dir} does not exist`,
      );
      expect(existsSync(dir)).to.equal(false);
    });

    it('a control endpoint nobody serves: a clear error before the console starts', async () => {
      const bench = new Bench();
      const server = await ControlHttpServer.listen({ control: localControlClient(bench.control) });
      const url = server.url;
      await server.close();
      bench.close();
      const r = await runSimCli(['sim', 'console', '--control', url], { stdin: ['status'] });
      expect(r.error).to.be.instanceOf(CommandError);
      expect(r.error?.message).to.contain('connection refused');
      expect(r.out).to.equal('');
    });
  });

  describe('sim console --fixture (in-process)', () => {
    it('runs a piped script and exits 0 when every line succeeds', async () => {
      const r = await runSimCli(['sim', 'console', '--fixture', 'quantum-superloader3', '--time-scale', '1000'], {
        stdin: ['status', 'magazine pull left', 'magazine insert left', '# a comment', ''],
      });
      expect(r.error).to.equal(undefined);
      expect(r.out).to.contain('Library quantum-superloader3');
      expect(r.out).to.contain('magazine left pulled: ok');
      expect(r.out).to.contain('magazine left inserted: ok');
      expect(r.exitCode).to.equal(0);
    });

    it('exits 1 when a line is refused or does not parse, and goes on after it', async () => {
      const r = await runSimCli(['sim', 'console', '--fixture', 'quantum-superloader3'], {
        stdin: ['magazine pull nope', 'frobnicate', 'help', 'quit', 'status'],
      });
      expect(r.out).to.contain('refused (NO_SUCH_MAGAZINE)');
      expect(r.out).to.contain('error: unknown command "frobnicate"');
      expect(r.out).to.contain('Commands (one per line');
      expect(r.out, 'nothing after quit').to.not.contain('Library quantum-superloader3');
      expect(r.exitCode).to.equal(1);
    });
  });

  describe('sim console --control (over HTTP)', () => {
    let bench: Bench;
    let server: ControlHttpServer;

    beforeEach(async () => {
      bench = new Bench();
      server = await ControlHttpServer.listen({ control: localControlClient(bench.control) });
    });

    afterEach(async () => {
      await server.close();
      bench.close();
    });

    it('carries the script out on the remote simulator', async () => {
      const script = [
        'status',
        'magazine pull right',
        `magazine take right ${st(5)}`,
        `magazine put right ${st(6)} NEW006L8`,
        'ie open',
        `ie put ${A.IE1} CLN555L1 cleaning 4`,
        'fault move changer',
        'drive 256 needs-cleaning on',
        'slow 3',
      ];
      const r = await runSimCli(['sim', 'console', '--control', server.url], { stdin: script });
      expect(r.error).to.equal(undefined);
      expect(r.out).to.contain('Library test-library');
      expect(r.out).to.contain(`taken from magazine right element ${st(5)}: D00005L8`);
      expect(r.out).to.contain(`put into IE element ${A.IE1}: CLN555L1`);
      expect(r.exitCode, r.out).to.equal(0);
      const s = bench.control.status();
      expect(s.magazines.find((m) => m.id === 'right')?.present).to.equal(false);
      expect(s.elements.find((e) => e.address === st(6))?.cartridge?.volumeTag).to.equal('NEW006L8');
      expect(s.elements.find((e) => e.address === A.IE1)?.cartridge).to.include({
        volumeTag: 'CLN555L1',
        kind: 'cleaning',
        usesRemaining: 4,
      });
      expect(s.faults.moves).to.equal(1);
      expect(s.drives[0]?.needsCleaning).to.equal(true);
      expect(s.slowFactor).to.equal(3);
    });

    it('reports refusals from the remote simulator and exits 1', async () => {
      const r = await runSimCli(['sim', 'console', '--control', server.url], {
        stdin: [`door take ${st(0)}`, 'ie take 16'],
      });
      expect(r.out).to.contain('refused (DOOR_CLOSED)');
      expect(r.out).to.contain('refused (STATION_CLOSED)');
      expect(r.exitCode).to.equal(1);
    });
  });

  describe('sim serve (in-process)', () => {
    it('prints the control line, serves until the shutdown signal, then exits 0', async () => {
      let stop: (signal: string) => void = () => undefined;
      const signal = new Promise<string>((resolve) => (stop = resolve));
      let resolveLine: (url: string) => void = () => undefined;
      const line = new Promise<string>((resolve) => (resolveLine = resolve));
      const running = runSimCli(
        [
          'sim',
          'serve',
          '--fixture',
          'quantum-superloader3',
          '--control',
          '127.0.0.1:0',
          '--start-ready',
          '--time-scale',
          '1000',
        ],
        {
          shutdownSignal: () => signal,
          onOut: (t) => {
            const m = /^control (http:\/\/\S+)$/m.exec(t);
            if (m?.[1]) resolveLine(m[1]);
          },
        },
      );
      const url = await Promise.race([
        line,
        running.then((r) => Promise.reject(r.error ?? new Error(`serve ended early: ${r.out}`))),
      ]);
      try {
        const client = new HttpControlClient(url);
        expect((await client.status()).personality).to.equal('quantum-superloader3');
        expect(await client.pullMagazine('left')).to.deep.equal({ ok: true, value: null });
      } finally {
        stop('SIGTERM');
      }
      const r = await running;
      expect(r.error).to.equal(undefined);
      expect(r.exitCode).to.equal(0);
      const messages = r.logs.map((l) => (l as { msg: string }).msg);
      expect(messages).to.include.members([
        'simulator started',
        'control: pullMagazine',
        'shutting down',
        'simulator stopped',
      ]);
    });
  });
});
