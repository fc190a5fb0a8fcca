/**
 * What a run with a rig (`--operator exec:`) should give, from the in-process run of the same library: the same
 * verdict on every path, except those that need the simulator's fault injection (conformance/harness/target/
 * fault-injection.ts), which only `--operator sim` offers: they skip, saying so. Spec: docs/operator.md,
 * docs/conformance.md (capabilities).
 */
import { expect } from 'chai';
import { loadReturnPaths } from '../../../conformance/harness/load-paths.js';
import { Capability } from '../../../conformance/harness/return-path.js';

interface Cell {
  readonly pathId: string;
  readonly outcome: string;
  readonly reason?: string | undefined;
}

/** Ids of the return paths that need fault injection. */
export async function faultInjectionPaths(): Promise<Set<string>> {
  return new Set(
    (await loadReturnPaths()).filter((p) => p.needs.includes(Capability.FAULT_INJECTION)).map((p) => p.id),
  );
}

/** Checks a rig run's cells against the in-process run's: same order and verdicts, fault-injection paths skipped. */
export async function expectRigVerdicts(rig: readonly Cell[], local: readonly Cell[]): Promise<void> {
  const faults = await faultInjectionPaths();
  expect(faults.size, 'return paths that need fault injection').to.be.greaterThan(0);
  const expected = local.map((c) => `${c.pathId}: ${faults.has(c.pathId) ? 'skipped' : c.outcome}`);
  expect(rig.map((c) => `${c.pathId}: ${c.outcome}`)).to.deep.equal(expected);
  for (const c of rig.filter((x) => faults.has(x.pathId)))
    expect(c.reason ?? '', c.pathId).to.include('fault-injection');
}
