/**
 * Builds soak/libiscsi/soak-client.c at soak time with gcc against Debian's libiscsi-dev (scripts/setup.sh
 * installs both), into a temporary directory. Returns the binary's path, or why it cannot be built (one line).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the C source lives, relative to the repository root (the working directory of npm scripts). */
export const LIBISCSI_CLIENT_SOURCE = 'soak/libiscsi/soak-client.c';

/** Compiles the client; `{ path }` on success, `{ reason }` otherwise. */
export function buildLibiscsiClient(
  outDir: string = mkdtempSync(join(tmpdir(), 'changerbench-soak-c-')),
): { path: string } | { reason: string } {
  if (!existsSync('/usr/include/iscsi/iscsi.h'))
    return {
      reason: 'libiscsi-dev is not installed (/usr/include/iscsi/iscsi.h missing; bash scripts/setup.sh installs it)',
    };
  const path = join(outDir, 'soak-client');
  const r = spawnSync('gcc', ['-O2', '-Wall', '-Werror', '-o', path, LIBISCSI_CLIENT_SOURCE, '-liscsi'], {
    encoding: 'utf8',
  });
  if (r.error) return { reason: `gcc could not be run (${r.error.message}; bash scripts/setup.sh installs it)` };
  if (r.status !== 0)
    return { reason: `gcc failed on ${LIBISCSI_CLIENT_SOURCE}: ${r.stderr.trim().split('\n')[0] ?? ''}` };
  return { path };
}
