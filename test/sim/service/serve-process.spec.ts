/**
 * `changerbench sim serve` as a real process: it prints its control URL, serves status and changes over HTTP,
 * exits 0 on SIGTERM and on SIGINT with the change in its state file, and a restart restores it. Uses the
 * project entry when it registers the sim commands, else the stand-in entry (support/sim-entry.ts). Children are
 * killed and the temporary directory removed in after-hooks, even when a test fails.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpControlClient } from '../../../sim/control/control-http-client.js';

const ENTRY =
  existsSync('cli/build-cli.ts') && readFileSync('cli/build-cli.ts', 'utf8').includes('registerSimCommands')
    ? 'cli/changerbench.ts'
    : 'test/sim/service/support/sim-entry.ts';

/** A `sim serve` child with its output. */
class ServeProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(args: readonly string[], env: Record<string, string> = {}): ServeProcess {
    return new ServeProcess(
      spawn(process.execPath, ['--import', 'tsx', ENTRY, 'sim', 'serve', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      }),
    );
  }

  /** Resolves with the control URL once printed; rejects if the process ends first. */
  controlUrl(): Promise<string> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const m = /^control (http:\/\/\S+)$/m.exec(this.stdout);
        if (m?.[1]) {
          this.child.stdout?.off('data', look);
          resolve(m[1]);
        }
      };
      this.child.stdout?.on('data', look);
      look();
      void this.exited.then(({ code }) =>
        reject(new Error(`sim serve exited (${code}) before printing its control URL:\n${this.stderr}`)),
      );
    });
  }

  /** Sends a signal and resolves with the exit code. */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    this.child.kill(signal);
    return (await this.exited).code;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

describe('sim serve (child process)', function () {
  this.timeout(60_000);
  let dir: string;
  const children: ServeProcess[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'changerbench-serve-process-'));
  });

  after(async () => {
    for (const c of children) c.kill();
    await Promise.all(children.map((c) => c.exited));
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = (args: readonly string[], env: Record<string, string> = {}): ServeProcess => {
    const p = ServeProcess.start(args, env);
    children.push(p);
    return p;
  };

  it('serves over HTTP, exits 0 on SIGTERM and SIGINT, and a restart restores the state file', async () => {
    const statePath = join(dir, 'lab.json');
    const args = [
      '--fixture',
      'quantum-superloader3',
      '--control',
      '127.0.0.1:0',
      '--state',
      statePath,
      '--start-ready',
      '--time-scale',
      '100',
      '--log-level',
      'debug',
    ];

    const first = serve(args);
    const client = new HttpControlClient(await first.controlUrl());
    expect(first.stdout.trim().split('\n'), 'stdout holds only the endpoint lines').to.have.length(1);
    const status = await client.status();
    expect(status.personality).to.equal('quantum-superloader3');
    expect(status.magazines.find((m) => m.id === 'left')?.present).to.equal(true);
    expect(await client.pullMagazine('left')).to.deep.equal({ ok: true, value: null });
    const taken = await client.takeFromMagazine(
      'left',
      status.magazines.find((m) => m.id === 'left')?.addresses[0] ?? -1,
    );
    expect(await first.stop('SIGTERM'), first.stderr).to.equal(0);
    const logs = first.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(logs.map((l) => l.msg)).to.include.members([
      'simulator started',
      'control: pullMagazine',
      'shutting down',
      'simulator stopped',
    ]);

    const second = serve(args);
    const client2 = new HttpControlClient(await second.controlUrl());
    const restored = await client2.status();
    expect(restored.magazines.find((m) => m.id === 'left')?.present, 'the magazine is still out').to.equal(false);
    if (taken.ok)
      expect(
        restored.elements.some((e) => e.cartridge?.volumeTag === taken.value.volumeTag),
        'the taken cartridge is gone',
      ).to.equal(false);
    expect(await second.stop('SIGINT'), second.stderr).to.equal(0);
  });

  it('exits non-zero with one clear line on stderr when it cannot start', async () => {
    const p = serve(['--fixture', 'no-such-library', '--control', '127.0.0.1:0']);
    const { code } = await p.exited;
    expect(code).to.not.equal(0);
    expect(p.stdout).to.equal('');
    expect(p.stderr).to.match(/no such fixture file/);
  });

  it('refuses a CHAP secret shorter than 12 bytes, one-way or mutual: one line, exit 2 (RFC 7143 12.1.3; issue 16 defect 5)', async () => {
    const iscsi = ['--fixture', 'ibm-ts3100', '--iscsi', '127.0.0.1:0', '--iscsi-chap-user', 'alice'];
    const cases = [
      {
        args: iscsi,
        env: { CHANGERBENCH_ISCSI_CHAP_SECRET: 'a' },
        said: /\$CHANGERBENCH_ISCSI_CHAP_SECRET is 1 byte long; a CHAP secret needs at least 12 bytes/,
      },
      {
        args: [...iscsi, '--iscsi-mutual-chap-user', 'changer'],
        env: {
          CHANGERBENCH_ISCSI_CHAP_SECRET: 'alice-secret-12',
          CHANGERBENCH_ISCSI_MUTUAL_CHAP_SECRET: 'elevenbytes',
        },
        said: /\$CHANGERBENCH_ISCSI_MUTUAL_CHAP_SECRET is 11 bytes long/,
      },
    ];
    for (const c of cases) {
      const p = serve(c.args, c.env);
      const { code } = await p.exited;
      expect(code, p.stderr).to.equal(2);
      expect(p.stdout).to.equal('');
      expect(p.stderr.trim().split('\n'), p.stderr).to.have.length(1);
      expect(p.stderr).to.match(c.said);
    }
  });
});
