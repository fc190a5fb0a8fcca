/**
 * Runs `runConformance` in a child process with options given as JSON (argv[2]), so tests can point it at their
 * own path files and fixtures without nesting mocha runs in one process.
 */
import { runConformance, type ConformanceRunOptions } from '../../../conformance/harness/run-conformance.js';

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<ConformanceRunOptions, 'wall'>;
const result = await runConformance({
  ...options,
  wall: { elapsed: () => performance.now(), startedAt: () => new Date(0).toISOString() },
});
process.exitCode = result.exitCode;
