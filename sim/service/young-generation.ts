/**
 * The young generation of a `sim serve` process stays at V8's initial size (two 1 MiB semi-spaces) instead of
 * growing to Node's default maximum (two 16 MiB semi-spaces, nearly all of it resident once grown). Why: a
 * long-running simulator's answers allocate little that survives, so the larger young generation bought almost
 * nothing and cost about 25 MB of resident memory (issue 14: the 20,000-slot simulator under 100 MB while
 * serving 8 READ ELEMENT STATUS in flight). V8 reads the growth factor each time it considers growing the young
 * generation, so setting it at run time takes effect, but only before the young generation has grown: loading the
 * CLI's modules already grows it to 16 MiB, and V8 does not give it back. So the process entry
 * (cli/changerbench.ts) imports cli/early-flags.ts before it loads the rest. Only `sim serve` gets it: the
 * short-lived commands (a conformance run allocates fast) keep V8's defaults.
 * Figures: docs/iscsi.md section 5.
 */
import { setFlagsFromString } from 'node:v8';

/** True for the command lines that run a long-lived simulator (`sim serve ...`). */
export function servesSimulator(args: readonly string[]): boolean {
  return args[0] === 'sim' && args[1] === 'serve';
}

/**
 * Stops the young generation from growing beyond its initial size, for the rest of this process, and scavenges
 * it on the main thread: with a young generation this small, scavenges come every few milliseconds under load,
 * and on a busy 2-core machine a parallel one waited for its helper threads (scratch runs with 8 TEST UNIT
 * READYs in flight at load average 15: 1.5 to 3.1 ms per scavenge in parallel, 0.5 ms on the main thread, and
 * 9 against 12 to 22 µs of CPU per command).
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--no-parallel-scavenge');
}
