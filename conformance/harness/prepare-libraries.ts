/**
 * The preparation phase of `conformance run`, before any test: the target's own preparation, each library's
 * inventory recorded (the state to leave it in), and each library's capabilities probed. A refusal at any step is
 * TargetUnusableError (exit 2): no test ran and no report changed. Design: docs/architecture.md "Top level"
 * (conformance/).
 */
import { TargetUnusableError } from '../report/preflight.js';
import { withFact, withoutOperator, type Capabilities, type CapabilityFact } from './observation/capabilities.js';
import { probeLibrary } from './path-context.js';
import type { EvidenceLog } from './reporting/run-evidence.js';
import type { CodeProfile } from '../../rsm/index.js';
import { UnusableLibraryError, type LibraryTarget, type ResolvedTarget } from './target/target-session.js';
import type { ConformanceRunOptions } from './run-options.js';

/** The message of an error, or the thrown value as text. */
export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The target's preparation; a refusal is TargetUnusableError (exit 2). */
export async function prepareTarget(options: ConformanceRunOptions, target: ResolvedTarget): Promise<void> {
  try {
    await target.prepare?.();
  } catch (e) {
    // A transport's own refusal already names the target (sg: nodes do): said once.
    const message = messageOf(e);
    throw new TargetUnusableError(
      message.startsWith(options.target) ? message : `target "${options.target}" cannot be used: ${message}`,
    );
  }
}

/** Records each identified library's inventory (the state to leave it in); a refusal stops the run with exit 2. */
export async function recordLibraries(
  options: ConformanceRunOptions,
  libraries: readonly LibraryTarget[],
): Promise<void> {
  for (const lib of libraries) {
    try {
      await lib.record?.();
    } catch (e) {
      if (e instanceof UnusableLibraryError) throw e;
      throw new TargetUnusableError(
        `target "${options.target}", library ${lib.label}: its inventory could not be read: ${messageOf(e)}`,
      );
    }
  }
}

/**
 * Probes each library's capabilities, withholds the operator from a destructive-only operator without
 * --allow-destructive, adds the hold fact, and records them in the run's evidence; a failure is TargetUnusableError.
 */
export async function probeLibraries(
  options: ConformanceRunOptions,
  libraries: readonly LibraryTarget[],
  profile: CodeProfile,
  operatorKind: ResolvedTarget['operatorKind'],
  holds: ReadonlyMap<string, CapabilityFact>,
  evidence: EvidenceLog,
): Promise<Map<string, Capabilities>> {
  const probed = new Map<string, Capabilities>();
  for (const lib of libraries) {
    try {
      const probedCaps = await probeLibrary(lib, profile);
      const withheld =
        operatorKind !== undefined &&
        operatorKind !== 'sim' &&
        !options.allowDestructive &&
        probedCaps.has.has('operator');
      const operated = withheld
        ? withoutOperator(
            probedCaps,
            `the operator (${operatorKind}) acts only with --allow-destructive: its steps move cartridges in the library`,
          )
        : probedCaps;
      const held = holds.get(lib.label);
      const caps = held ? withFact(operated, held) : operated;
      probed.set(lib.label, caps);
      evidence.capabilities[lib.label] = caps.list;
      evidence.models[lib.label] = caps.model ?? null;
    } catch (e) {
      throw new TargetUnusableError(
        `target "${options.target}", library ${lib.label}: its capabilities could not be probed: ${messageOf(e)}`,
      );
    }
  }
  return probed;
}
