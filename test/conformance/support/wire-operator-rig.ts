/**
 * The shared setup of the wire-operator specs (the suite as on real hardware, each run in a child process against
 * `changerbench sim serve` over iSCSI): the rig script and fixtures, a conformance run in a child process read back
 * from its summary.json, and a temporary directory and child list per describe, the children killed after it.
 * Spec: docs/conformance.md "On real hardware"; docs/operator.md.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvidence } from '../../../conformance/harness/reporting/run-evidence.js';
import type { RunSummary } from '../../../conformance/harness/reporting/summary.js';
import type { HttpControlClient } from '../../../sim/control/control-http-client.js';
import { REPO_ROOT, runTsChild } from './child.js';

/** The conformance entry the children run. */
export const CONFORMANCE_ENTRY = 'test/conformance/support/conformance-entry.ts';
/** The rig script (`--operator exec:node RIG CONTROL_URL`) that alone knows the simulator's control endpoint. */
export const RIG = join(REPO_ROOT, 'test/conformance/fixtures/sim-rig.mjs');
/** A door-only autoloader fixture (no I/O station). */
export const DOOR_ONLY = join(REPO_ROOT, 'test/conformance/fixtures/door-only-autoloader.json');

/** A run's summary.json with its evidence. */
export type Summary = RunSummary & { evidence: RunEvidence };
type Cell = RunSummary['cells'][number];
/** "PATH: OUTCOME" of a cell. */
export const verdict = (c: Cell) => `${c.pathId}: ${c.outcome}`;
/** The failed cells with their reasons, one a line (an assertion message). */
export const failures = (s: RunSummary) =>
  s.cells
    .filter((c) => c.outcome === 'failed')
    .map((c) => `${c.pathId}: ${c.reason ?? ''}`)
    .join('\n');

/** Runs `conformance run --reports REPORTS ...args` in a child process; throws when it wrote no summary. */
export async function conformanceRun(
  reports: string,
  args: readonly string[],
): Promise<{ code: number | null; summary: Summary; stdout: string; stderr: string }> {
  const r = await runTsChild(CONFORMANCE_ENTRY, ['conformance', 'run', '--reports', reports, ...args], 480_000);
  if (!existsSync(join(reports, 'summary.json')))
    throw new Error(`no summary (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return {
    code: r.code,
    summary: JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/** Every element of the served library as "ADDRESS:VOLUMETAG" (the state to find it in again). */
export const elementsOf = async (client: HttpControlClient) =>
  (await client.status()).elements.map((e) => `${e.address}:${e.cartridge?.volumeTag ?? ''}`);

/** What the tests of a describe share: its temporary directory and the children they started. */
export interface ChildRig {
  readonly dir: string;
  readonly children: ChildProcess[];
}

/** Registers before/after in the calling describe: a temporary directory, and every child killed and awaited after. */
export function useChildRig(): ChildRig {
  const rig = { dir: '', children: [] as ChildProcess[] };
  before(() => {
    rig.dir = mkdtempSync(join(tmpdir(), 'cb-wire-op-'));
  });

  after(async () => {
    const children = rig.children;
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null ? new Promise((resolve) => c.once('exit', resolve)) : undefined,
      ),
    );
    rmSync(rig.dir, { recursive: true, force: true });
  });
  return rig;
}
