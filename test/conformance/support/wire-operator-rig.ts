/**
 * The shared setup of the wire-operator specs (the suite as on real hardware, each run in a child process against
 * `changerbench sim serve` over iSCSI): the rig script and fixtures, the conformance run in a child process
 * (conformance-run.ts), and a temporary directory and child list per describe, the children killed after it.
 * Spec: docs/conformance.md "On real hardware"; docs/operator.md.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpControlClient } from '../../../sim/control/control-http-client.js';
import { killChildren, REPO_ROOT } from './child.js';

export { CONFORMANCE_ENTRY, conformanceRun, failures, verdict, type Summary } from './conformance-run.js';

/** The rig script (`--operator exec:node RIG CONTROL_URL`) that alone knows the simulator's control endpoint. */
export const RIG = join(REPO_ROOT, 'test/conformance/fixtures/sim-rig.mjs');
/** A door-only autoloader fixture (no I/O station). */
export const DOOR_ONLY = join(REPO_ROOT, 'test/conformance/fixtures/door-only-autoloader.json');

/** Every element of the served library as "ADDRESS:VOLUMETAG" (the state to find it in again). */
export const elementsOf = async (client: HttpControlClient) =>
  (await client.status()).elements.map((e) => `${e.address}:${e.cartridge?.volumeTag ?? ''}`);

/** What the tests of a describe share: its temporary directory and the children they started. */
export interface ChildRig {
  readonly dir: string;
  readonly children: ChildProcess[];
}

/** What a describe's after-hook does besides killing the children and removing the directory. */
export interface RigCleanup {
  /** Before the children are killed (close initiator links while their target still answers). */
  readonly beforeKill?: () => Promise<unknown>;
  /** After the children have exited (stop the pseudo-terminals they used). */
  readonly afterKill?: () => Promise<unknown>;
}

/**
 * Registers before/after in the calling describe: a temporary directory named from `prefix`, and every child
 * killed and awaited after (with `cleanup` around it).
 */
export function useChildRig(prefix = 'cb-wire-op-', cleanup: RigCleanup = {}): ChildRig {
  const rig = { dir: '', children: [] as ChildProcess[] };
  before(() => {
    rig.dir = mkdtempSync(join(tmpdir(), prefix));
  });

  after(async () => {
    // Whatever a clean-up step throws, the children are killed and the directory removed.
    try {
      await cleanup.beforeKill?.();
    } finally {
      try {
        await killChildren(rig.children);
        await cleanup.afterKill?.();
      } finally {
        rmSync(rig.dir, { recursive: true, force: true });
      }
    }
  });
  return rig;
}
