/**
 * `changerbench report merge DIR...`: joins the reports of the shards of one run (`conformance run --shard I/N`,
 * one CI job each) into one reports directory: summary.json and summary.md (cells of every shard, totals
 * recounted), evidence.json, junit.xml (rewritten from the evidence), and allure-results (every shard's result
 * files copied, the environment rewritten). It refuses shards of different runs (run id, configuration hash),
 * of different changerbench versions or commits, a shard given twice and a missing shard, naming them.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { totals, type MatrixCell, type RunSummary } from '../harness/reporting/summary.js';
import { replaceDirectory } from './atomic-write.js';
import type { TestEvidence } from './evidence.js';
import { reportFilesOf, writeReports, type EvidenceFile } from './write-reports.js';

/** Shards that cannot be merged; the message says which and why (exit 2). */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

interface ShardReport {
  readonly dir: string;
  readonly summary: RunSummary;
  readonly evidence: EvidenceFile;
}

function readShard(dir: string): ShardReport {
  const files = reportFilesOf(dir);
  const read = <T>(file: string): T => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (e) {
      throw new MergeError(
        `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (is this a reports directory of conformance run?)' : (e as Error).message}`,
      );
    }
  };
  const summary = read<RunSummary>(files.summaryJson);
  if (!summary.provenance)
    throw new MergeError(`${files.summaryJson} has no provenance (written by an older changerbench)`);
  return { dir, summary, evidence: read<EvidenceFile>(files.evidence) };
}

function checkSameRun(shards: readonly ShardReport[]): void {
  const first = shards[0];
  if (!first?.summary.provenance) throw new MergeError('give at least one reports directory');
  const p0 = first.summary.provenance;
  for (const s of shards.slice(1)) {
    const p = s.summary.provenance;
    if (!p) continue;
    const differs = (what: string, a: string, b: string) => {
      if (a !== b)
        throw new MergeError(`${s.dir} is not a shard of the same run as ${first.dir}: ${what} ${b} vs ${a}`);
    };
    differs('changerbench version', p0.tool.version, p.tool.version);
    differs('commit', p0.tool.commit, p.tool.commit);
    differs('run id', p0.runId, p.runId);
    differs('configuration hash', p0.configHash, p.configHash);
  }
  const count = p0.shard?.count;
  if (count === undefined) {
    if (shards.length > 1)
      throw new MergeError(`${first.dir} is not a shard (run without --shard); there is nothing to merge it with`);
    return;
  }
  const seen = new Map<number, string>();
  for (const s of shards) {
    const i = s.summary.provenance?.shard?.index ?? 0;
    const twice = seen.get(i);
    if (twice !== undefined) throw new MergeError(`shard ${i}/${count} given twice: ${twice} and ${s.dir}`);
    seen.set(i, s.dir);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new MergeError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give every shard's reports directory`,
    );
}

const byCell = (
  a: { pathId: string; library: string },
  b: { pathId: string; library: string },
  libs: readonly string[],
) => (a.pathId === b.pathId ? libs.indexOf(a.library) - libs.indexOf(b.library) : a.pathId < b.pathId ? -1 : 1);

/** Merges `dirs` into `outDir`; returns the merged summary and a line saying what was merged. */
export function mergeReports(dirs: readonly string[], outDir: string): { summary: RunSummary; line: string } {
  const shards = dirs.map(readShard);
  checkSameRun(shards);
  const first = shards[0] as ShardReport;
  const p0 = first.summary.provenance as NonNullable<RunSummary['provenance']>;
  const libs = first.summary.libraries;
  const cells: MatrixCell[] = shards.flatMap((s) => s.summary.cells).sort((a, b) => byCell(a, b, libs));
  const tests: TestEvidence[] = shards.flatMap((s) => s.evidence.tests).sort((a, b) => byCell(a, b, libs));
  const paths = [...new Map(shards.flatMap((s) => s.summary.paths).map((p) => [p.id, p])).values()].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
  const starts = shards.map((s) => s.summary.provenance?.startedAt ?? '').sort();
  const ends = shards.map((s) => s.summary.provenance?.endedAt ?? '').sort();
  const interrupted = shards.some((s) => s.summary.provenance?.interrupted);
  const { shard: _shard, ...rest } = p0;
  const summary: RunSummary = {
    ...first.summary,
    startedAt: starts[0] ?? first.summary.startedAt,
    paths,
    cells,
    totals: totals(cells),
    wallMs: Math.max(...shards.map((s) => s.summary.wallMs)),
    simulatedMs: cells.reduce((n, c) => n + (c.simulatedMs ?? 0), 0),
    provenance: {
      ...rest,
      startedAt: starts[0] ?? p0.startedAt,
      endedAt: ends[ends.length - 1] ?? p0.endedAt,
      mergedShards: shards.length,
      ...(interrupted ? { interrupted: true } : {}),
    },
  };
  const files = reportFilesOf(outDir);
  mkdirSync(outDir, { recursive: true });
  const fresh = `${files.allureResults}.tmp-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  for (const s of shards) {
    const from = reportFilesOf(s.dir).allureResults;
    let names: string[] = [];
    try {
      names = readdirSync(from);
    } catch {
      throw new MergeError(`${from}: no Allure results in this shard`);
    }
    for (const name of names)
      if (name !== 'environment.properties' && name !== 'executor.json')
        copyFileSync(join(from, name), join(fresh, name));
  }
  writeReports(files, summary, tests, fresh);
  replaceDirectory(files.allureResults, fresh);
  return {
    summary,
    line: `merged ${shards.length} shard${shards.length === 1 ? '' : 's'} of run ${p0.runId.slice(0, 16)} into ${outDir}: ${cells.length} cells`,
  };
}
