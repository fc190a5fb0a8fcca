/**
 * Runs one return path against one library of the in-process simulator, outside a conformance run, and says how
 * it ended: for tests that break the model (sinon) or the observation and see a check fail. Applies the path's
 * hostOnly/destructive declarations as the runner does.
 */
import { DEFAULT_CODE_PROFILE, type CodeProfile } from '../../../rsm/index.js';
import { missingCapabilities } from '../../../conformance/harness/observation/capabilities.js';
import { openPathTest, probeLibrary, seedOf } from '../../../conformance/harness/path-context.js';
import type { ReturnPath } from '../../../conformance/harness/return-path.js';
import { resolveTarget } from '../../../conformance/harness/target/targets.js';

/** How a path ended: passed, or the error its failing step threw. */
export type PathOutcome = { readonly passed: true } | { readonly passed: false; readonly error: Error };

/** Options of {@link runPath}. */
export interface RunPathOptions {
  readonly profile?: CodeProfile;
  readonly fixturesDir?: string;
}

/** Runs `path` on `sim:<label>`; throws when the library lacks what the path needs (the test is wrong then). */
export async function runPath(path: ReturnPath, label: string, options: RunPathOptions = {}): Promise<PathOutcome> {
  const profile = options.profile ?? DEFAULT_CODE_PROFILE;
  const [library] = resolveTarget(`sim:${label}`, { fixturesDir: options.fixturesDir }).libraries;
  if (!library) throw new Error(`sim:${label} resolved to no library`);
  const caps = await probeLibrary(library, profile);
  const missing = missingCapabilities(path.needs, caps);
  if (missing !== undefined) throw new Error(`${path.id} cannot run on ${label}: ${missing}`);
  const open = await openPathTest(library, caps, {
    codeProfile: profile,
    seed: seedOf(`${path.id} on ${label}`),
    reporting: false,
    rules: { hostOnly: path.hostOnly, destructive: path.destructive },
  });
  try {
    await path.run(open.test);
    return { passed: true };
  } catch (e) {
    return { passed: false, error: e instanceof Error ? e : new Error(String(e)) };
  } finally {
    await open.close();
  }
}

/** The message of a failed outcome; throws when the path passed (the check under test did not fail). */
export function failure(outcome: PathOutcome): string {
  if (outcome.passed) throw new Error('the path passed; the check was expected to fail');
  return outcome.error.message;
}
