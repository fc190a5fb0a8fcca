/**
 * One job of a parallel conformance run, in a worker thread (started by run-jobs.ts): runs its share of the
 * matrix (job-share.ts) with the serial run's code (run-conformance.ts), its reports in its own directory, and
 * posts its titles, test lines and result to the parent (job-messages.ts). Design:
 * docs/architecture.md "Top level" (conformance/).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runConformance } from '../run-conformance.js';
import { shareOf } from '../../report/shard.js';
import { jobShare } from './job-share.js';
import type { JobData, JobMessage, ParentMessage } from './job-messages.js';

const port = parentPort;
if (!port) throw new Error('job-worker.ts runs in a worker thread started by run-jobs.ts');
const data = workerData as JobData;
const post = (m: JobMessage) => port.postMessage(m);
const controller = new AbortController();
port.on('message', (m: ParentMessage) => {
  if (m.kind === 'abort') controller.abort();
});
const wall = {
  elapsed: () => performance.now(),
  startedAt: () => new Date().toISOString(),
  now: () => new Date().toISOString(),
};

try {
  const result = await runConformance({
    target: data.target,
    reportsDir: data.reportsDir,
    grep: data.grep,
    profile: data.profile,
    fixturesDir: data.fixturesDir,
    pathsDir: data.pathsDir,
    timeoutMs: data.timeoutMs,
    operator: data.operator,
    shard: data.shard,
    runId: data.runId,
    operatorName: data.operatorName,
    facts: data.facts,
    wall,
    signal: controller.signal,
    allowAllSkipped: true,
    progress: (line) => post({ kind: 'progress', line }),
    job: {
      select: (titles) => {
        if (data.index === 0) post({ kind: 'titles', titles });
        const shard = shareOf(titles, data.shard);
        return jobShare(
          titles.filter((t) => shard.has(t)),
          data.index,
          data.count,
        );
      },
      onTestLine: (title, line) => post({ kind: 'line', title, line }),
    },
  });
  post({ kind: 'done', summary: result.summary, tests: result.tests, metaCheck: result.metaCheck });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({
    kind: 'error',
    error: { name: err.name, message: err.message, stack: err.stack, code: (err as Error & { code?: unknown }).code },
  });
} finally {
  port.close();
}
