/**
 * Where a run's evidence comes from: changerbench's version (package.json) and git commit (`git rev-parse HEAD`
 * in the checkout the code runs from, "unknown" outside one), the Node version, the operating system and kernel,
 * and a model file's SHA-256. The facts are read by the functions here, given to the run by its entry point.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { arch, platform, release, type, version } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** changerbench itself. */
export interface ToolFacts {
  readonly name: string;
  readonly version: string;
  /** Git commit of the checkout (40 hex digits, "+dirty" when the work tree has changes), or "unknown". */
  readonly commit: string;
}

/** The machine the suite ran on. */
export interface HostFacts {
  readonly node: string;
  /** "Linux", "Darwin", "Windows_NT". */
  readonly os: string;
  /** Kernel release (uname -r). */
  readonly kernel: string;
  /** Kernel version string (uname -v). */
  readonly kernelVersion: string;
  readonly platform: string;
  readonly arch: string;
}

/**
 * The directory of the nearest package.json named "changerbench" above `moduleUrl`: the checkout's root both when
 * the sources run (conformance/report/) and when the build does (dist/conformance/report/, one level deeper).
 */
export function findPackageRoot(
  moduleUrl: string,
): { readonly dir: string; readonly name: string; readonly version: string } | undefined {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'changerbench') return { dir, name: pkg.name, version: pkg.version ?? 'unknown' };
    } catch {
      // no (readable) package.json here: look one level up
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const PACKAGE = findPackageRoot(import.meta.url);
const REPO_ROOT = PACKAGE?.dir ?? fileURLToPath(new URL('../../', import.meta.url));

function git(args: readonly string[]): string | undefined {
  const r = spawnSync('git', [...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Reads the tool's version and commit once per run. */
export function readToolFacts(): ToolFacts {
  const name = PACKAGE?.name ?? 'changerbench';
  const ver = PACKAGE?.version ?? 'unknown';
  const head = git(['rev-parse', 'HEAD']);
  const dirty = head !== undefined && (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  return { name, version: ver, commit: head === undefined ? 'unknown' : `${head}${dirty ? '+dirty' : ''}` };
}

/** The host's facts. */
export function readHostFacts(): HostFacts {
  return {
    node: process.version,
    os: type(),
    kernel: release(),
    kernelVersion: version(),
    platform: platform(),
    arch: arch(),
  };
}

/** SHA-256 of a file's bytes (hex). */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
