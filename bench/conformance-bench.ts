/**
 * `npm run bench` section "conformance": the whole conformance matrix (every return path against every bundled
 * fixture) on the in-process simulator, without the reporters: wall time, the simulated time it covered, and
 * the ratio, per library and in total. Targets (the issue): the whole matrix in under 10 s on a 2-core machine,
 * at least 1,000 times faster than the simulated time it covers. Figures only, never pass/fail.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_CODE_PROFILE } from '../rsm/index.js';
import { missingCapabilities } from '../conformance/harness/observation/capabilities.js';
import { loadReturnPaths } from '../conformance/harness/load-paths.js';
import { openPathTest, probeLibrary, seedOf } from '../conformance/harness/path-context.js';
import { resolveTarget } from '../conformance/harness/target/targets.js';
import type { Row } from './measure.js';

interface Tally {
  wallMs: number;
  simulatedMs: number;
  passed: number;
  failed: number;
  skipped: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (t: Tally) => (t.wallMs > 0 ? `${Math.round(t.simulatedMs / t.wallMs)}x` : '-');

/** Runs the matrix once and returns the figure rows. */
export async function benchConformanceMatrix(target = 'sim:'): Promise<Row[]> {
  const paths = await loadReturnPaths();
  const libraries = resolveTarget(target).libraries;
  const total: Tally = { wallMs: 0, simulatedMs: 0, passed: 0, failed: 0, skipped: 0 };
  const rows: Row[] = [];
  for (const library of libraries) {
    const tally: Tally = { wallMs: 0, simulatedMs: 0, passed: 0, failed: 0, skipped: 0 };
    const t0 = performance.now();
    const caps = await probeLibrary(library, DEFAULT_CODE_PROFILE);
    for (const path of paths) {
      if (missingCapabilities(path.needs, caps) !== undefined) {
        tally.skipped++;
        continue;
      }
      const open = await openPathTest(library, caps, {
        codeProfile: DEFAULT_CODE_PROFILE,
        seed: seedOf(`${path.id} on ${library.label}`),
        reporting: false,
      });
      try {
        await path.run(open.test);
        tally.passed++;
      } catch {
        tally.failed++;
      } finally {
        tally.simulatedMs += open.session.time.elapsed();
        await open.close();
      }
    }
    tally.wallMs = performance.now() - t0;
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += tally[k];
    rows.push({
      group: 'conformance',
      name: `matrix on ${library.label}`,
      value: `${seconds(tally.wallMs)} wall, ${seconds(tally.simulatedMs)} simulated (${ratio(tally)})`,
      note: `${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`,
    });
  }
  rows.push({
    group: 'conformance',
    name: `whole matrix: ${paths.length} paths x ${libraries.length} libraries`,
    value: `${seconds(total.wallMs)} wall`,
    target: '< 10 s',
    note: `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`,
  });
  rows.push({
    group: 'conformance',
    name: 'simulated time covered',
    value: `${seconds(total.simulatedMs)} (${ratio(total)} wall)`,
    target: '>= 1000x',
  });
  return rows;
}
