/**
 * Issue 16, defect 3, as reported: a valid snapshot whose "nextCartridgeId" is 1 and an empty journal; `sim serve
 * --state` (a child process) loads it, the operator puts a cartridge into the IE station, the simulator is killed
 * with SIGKILL and started again: every cartridge must still be there (before the fix the new cartridge got id c1,
 * the journal overwrote the first cartridge with it, and one cartridge was gone without a word). Also: a corrupted
 * state file makes `sim serve` exit with one line naming the file, and leaves the file as it was.
 * Design: docs/simulator.md "Persistence" (state file validation).
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpControlClient } from '../../../sim/control/control-http-client.js';

const ENTRY = 'cli/changerbench.ts';
const FIXTURE = 'ibm-ts3100';
const IE = 16;

/** One `sim serve` child and what it printed. */
class Serve {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly child: ChildProcess;

  constructor(statePath: string) {
    this.child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        ENTRY,
        'sim',
        'serve',
        '--fixture',
        FIXTURE,
        '--state',
        statePath,
        '--control',
        '127.0.0.1:0',
        '--start-ready',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The control URL once printed; rejects when the process ends first. */
  async control(): Promise<HttpControlClient> {
    for (;;) {
      const m = /^control (http:\/\/\S+)$/m.exec(this.stdout);
      if (m?.[1]) return new HttpControlClient(m[1]);
      const ended = await Promise.race([
        this.exited,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20)),
      ]);
      if (ended)
        throw new Error(
          `sim serve exited (${ended.code ?? ended.signal}) before printing its control URL:\n${this.stderr}`,
        );
    }
  }

  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    expect((await this.exited).signal).to.equal('SIGKILL');
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Volume tags of every cartridge in elements and hidden slots, sorted. */
async function allTags(client: HttpControlClient): Promise<string[]> {
  const s = await client.status();
  return [
    ...s.elements.flatMap((e) => (e.cartridge ? [e.cartridge.volumeTag] : [])),
    ...s.hiddenSlots.flatMap((h) => (h ? [h.volumeTag] : [])),
  ].sort();
}

describe('sim serve --state: a state file cannot make the simulator lose a cartridge (issue 16, defect 3)', function () {
  this.timeout(120_000);
  let dir: string;
  const children: Serve[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chb-sim-counter-'));
  });
  after(async () => {
    for (const c of children) c.kill();
    await Promise.all(children.map((c) => c.exited));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const serve = (statePath: string): Serve => {
    const s = new Serve(statePath);
    children.push(s);
    return s;
  };

  it('"nextCartridgeId": 1, a cartridge put into the IE station, kill -9, restart: every cartridge is present', async () => {
    const statePath = path.join(dir, 'lab.json');
    // a valid state file written by the simulator itself, then given the counter of the report
    const first = serve(statePath);
    const original = await allTags(await first.control());
    await first.kill9();
    const snapshot = JSON.parse(fs.readFileSync(statePath, 'utf8')) as {
      nextCartridgeId: number;
      cartridges: { id: string }[];
    };
    expect(snapshot.cartridges.map((c) => c.id)).to.include('c1');
    snapshot.nextCartridgeId = 1;
    fs.writeFileSync(statePath, JSON.stringify(snapshot));
    fs.writeFileSync(`${statePath}.journal`, '');

    const second = serve(statePath);
    const client = await second.control();
    expect(await allTags(client)).to.deep.equal(original);
    expect((await client.openImportExport()).ok).to.equal(true);
    const put = await client.putIntoImportExport(IE, { volumeTag: 'IMP001L5' });
    expect(put.ok, JSON.stringify(put)).to.equal(true);
    if (put.ok)
      expect(
        snapshot.cartridges.map((c) => c.id),
        'the new cartridge has an id of its own',
      ).not.to.include(put.value.id);
    await second.kill9();
    expect(second.stderr).to.match(/nextCartridgeId: expected a number above every cartridge id/);

    const third = serve(statePath);
    const restored = await allTags(await third.control());
    expect(restored, 'every cartridge is there, the new one too').to.deep.equal([...original, 'IMP001L5'].sort());
    await third.kill9();
  });

  it('a corrupted state file: sim serve says which file and field in one line, exits non-zero, and leaves the file as it was', async () => {
    const statePath = path.join(dir, 'corrupt.json');
    const first = serve(statePath);
    await first.control();
    await first.kill9();
    const snapshot = JSON.parse(fs.readFileSync(statePath, 'utf8')) as {
      cartridges: { usesRemaining: number; kind: string }[];
    };
    const data = snapshot.cartridges.find((c) => c.kind === 'data')!;
    data.usesRemaining = 9;
    fs.writeFileSync(statePath, JSON.stringify(snapshot));
    const bytes = fs.readFileSync(statePath);

    const second = serve(statePath);
    const { code } = await second.exited;
    expect(code).to.not.equal(0);
    expect(second.stdout).to.equal('');
    expect(second.stderr.trim().split('\n')).to.have.length(1);
    expect(second.stderr)
      .to.include(`state file ${statePath}: snapshot: cartridges.`)
      .and.to.match(/usesRemaining .*a data cartridge has no cleanings; expected 0, got 9/);
    expect(fs.readFileSync(statePath).equals(bytes)).to.equal(true);
  });
});
