/**
 * `--operator prompt` in a real pseudo-terminal (util-linux `script -q -c`): the suite runs against `sim serve`
 * over iSCSI, and this test plays the person at the keyboard side: it reads each printed step, carries it out on
 * the simulator's control endpoint (which the suite is not given) and types the answer. A second run is aborted at
 * the first step: the run stops cleanly and still writes its reports. Children are killed in after-hooks.
 * Spec: docs/operator.md "The prompt operator"; conformance/harness/operator/prompt-channel.ts.
 */
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvidence } from '../../conformance/harness/reporting/run-evidence.js';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { killChildren, readReport, REPO_ROOT } from './support/child.js';
import { serveFixture } from './support/sim-serve.js';
import { elementsOf } from './support/wire-operator-rig.js';
import { CONFORMANCE_ENTRY } from './support/conformance-run.js';

const ENTRY = CONFORMANCE_ENTRY;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** What the person does for one printed step; resolves with the line to type. */
async function act(text: string, control: HttpControlClient): Promise<string> {
  const ok = async (p: Promise<{ ok: boolean; message?: string }>) => {
    const r = await p;
    if (!r.ok) throw new Error(`the person could not: ${text}: ${r.message ?? ''}`);
  };
  if (/^Without opening it, tell whether the I\/O station/.test(text))
    return (await control.status()).importExport.locked ? 'locked' : 'unlocked';
  if (/^Open the I\/O station/.test(text)) return ok(control.openImportExport()).then(() => 'done');
  if (/^Close the I\/O station/.test(text)) return ok(control.closeImportExport()).then(() => 'done');
  const put = /^Put the cleaning cartridge (\S+) \((\d+) cleanings left\) into I\/O station element (\d+)/.exec(text);
  if (put)
    return ok(
      control.putIntoImportExport(Number(put[3]), {
        volumeTag: put[1] ?? '',
        kind: 'cleaning',
        usesRemaining: Number(put[2]),
      }),
    ).then(() => 'done');
  const take = /^Take the cartridge (\S+) out of I\/O station element (\d+)/.exec(text);
  if (take) return ok(control.takeFromImportExport(Number(take[2]))).then(() => 'done');
  throw new Error(`the person does not understand: ${text}`);
}

/** Runs the suite under `script`, answering every step with `answer`; resolves with the exit code and the terminal text. */
function runInTerminal(
  args: readonly string[],
  answer: (text: string) => Promise<string>,
  children: ChildProcess[],
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, '--import', 'tsx', ENTRY, 'conformance', 'run', ...args].map(quote).join(' ');
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let screen = '';
  const handled = new Set<number>();
  let queue = Promise.resolve();
  child.stdout?.on('data', (d: Buffer) => {
    screen += d.toString();
    for (const m of screen.matchAll(/\[operator step (\d+)\] ([^\r\n]+)[\s\S]*?> /g)) {
      const id = Number(m[1]);
      if (handled.has(id)) continue;
      handled.add(id);
      queue = queue
        .then(async () => void child.stdin?.write(`${await answer(m[2] ?? '')}\r`))
        .catch((e: unknown) => void child.stdin?.write(`abort ${(e as Error).message}\r`));
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen })));
}

describe('conformance --operator prompt in a pseudo-terminal (child processes)', function () {
  this.timeout(600_000);
  let dir: string;
  const children: ChildProcess[] = [];

  before(function () {
    if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) {
      console.log('      skipped: util-linux script is not installed (apt-get install -y bsdutils)');
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'cb-prompt-'));
  });

  after(async () => {
    await killChildren(children);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a person answers every step from the keyboard; the path passes and the library is as it was', async () => {
    const { iscsi, control } = await serveFixture('oracle-sl150', children);
    const client = new HttpControlClient(control);
    const before = await elementsOf(client);
    const reports = join(dir, 'person');
    const r = await runInTerminal(
      [
        '--target',
        iscsi,
        '--model',
        'oracle-sl150',
        '--operator',
        'prompt',
        '--allow-destructive',
        '--time-scale',
        '1000',
        '--grep',
        'PortOperatorTakes',
        '--reports',
        reports,
      ],
      (text) => act(text, client),
      children,
    );
    expect(r.screen).to.match(
      /\[operator step \d+\] Take the cartridge CLN900L1 out of I\/O station element 1\d and keep it\. Where: the I\/O station, element 1\d\. Then the library sees the station emptied and ends the eject request PASSED\. The library waits 3600 s for this step\./,
    );
    expect(r.code, r.screen.slice(-3000)).to.equal(0);
    const summary = readReport<RunSummary & { evidence: RunEvidence }>(reports);
    expect(summary.cells.map((c) => `${c.pathId}: ${c.outcome}`)).to.deep.equal([
      'EjectNtmsCleaner.PortOperatorTakes: passed',
    ]);
    expect(summary.evidence.operator.kind).to.equal('prompt');
    expect(summary.evidence.operator.actions.map((a) => a.action)).to.include.members([
      'open-ie',
      'put-into-ie',
      'close-ie',
      'report-locks',
      'take-from-ie',
    ]);
    expect(await elementsOf(client)).to.deep.equal(before);
  });

  it('abort at the first step stops the run cleanly and writes the reports', async () => {
    const { iscsi } = await serveFixture('oracle-sl150', children);
    const reports = join(dir, 'abort');
    const r = await runInTerminal(
      [
        '--target',
        iscsi,
        '--model',
        'oracle-sl150',
        '--operator',
        'prompt',
        '--allow-destructive',
        '--time-scale',
        '1000',
        '--grep',
        'PortOperatorTakes|DoorOperatorTakes|SlotEmpty$',
        '--reports',
        reports,
      ],
      async () => 'abort lunch break',
      children,
    );
    expect(r.code).to.equal(1);
    expect(existsSync(join(reports, 'summary.json'))).to.equal(true);
    const summary = readReport<RunSummary & { evidence: RunEvidence }>(reports);
    expect(summary.evidence.aborted).to.match(/the operator aborted the run at: .*lunch break/);
    expect(summary.totals.failed).to.equal(0);
    expect(r.screen).to.match(/the operator aborted the run/);
  });
});
