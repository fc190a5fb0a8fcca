/**
 * A PTY pair made by socat for the serial tests, the transport contract and the serial bench: `socat -d -d pty,raw,echo=0,link=DIR/a pty,raw,echo=0,link=DIR/b`
 * in a fresh temporary directory, ready once both links exist and socat reports its transfer loop started. kill()
 * breaks the line for both ends (the contract's cut); stop() also removes the directory. Callers stop every pair
 * from an after-hook, so no socat outlives a failed test.
 * Spec: socat(1) (PTY address, -d -d notices: "starting data transfer loop"); docs/toolchain.md (bytes written
 * before the peer opens its end are lost: wait for the peer's ready signal).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why PTY pair tests cannot run here, or undefined when socat is installed. */
export function socatUnavailable(): string | undefined {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return probe.error || probe.status !== 0 ? 'socat is not installed (apt-get install -y socat)' : undefined;
}

/** One running socat with its two PTY links. */
export class PtyPair {
  private exited = false;
  private stderr = '';
  private readonly exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    /** The temporary directory holding the links. */
    readonly dir: string,
    /** One end (the initiator's). */
    readonly a: string,
    /** The other end (the target's). */
    readonly b: string,
  ) {
    this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exit.then(() => (this.exited = true));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /**
   * Starts socat and resolves once both links exist and socat has started its transfer loop. Given `dir`, the
   * links are made there again (a line that comes back at the same paths); otherwise in a new temporary directory.
   */
  static async start(
    dir: string = mkdtempSync(join(tmpdir(), 'changerbench-pty-')),
    limitMs = 10_000,
  ): Promise<PtyPair> {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const pair = new PtyPair(child, dir, a, b);
    child.once('error', () => undefined);
    for (let waited = 0; !pair.ready(); waited += 10) {
      if (pair.exited || waited > limitMs) {
        await pair.stop();
        throw new Error(`socat did not make a PTY pair in ${dir}: ${pair.stderr.trim() || 'no output'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return pair;
  }

  private ready(): boolean {
    return existsSync(this.a) && existsSync(this.b) && this.stderr.includes('starting data transfer loop');
  }

  /** Kills socat and waits until it has exited: both ends lose the line. Keeps the directory. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    await this.exit;
  }

  /** Kills socat and removes the directory; idempotent. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The same reason, worded for suite titles that skip PTY tests. */
export function socatMissingReason(): string | undefined {
  const missing = socatUnavailable();
  return missing ? `${missing}: PTY pair tests skipped` : undefined;
}

/** Polls `condition` every 10 ms until it holds; fails after `limitMs` (a hang guard, not a timing assertion). */
export async function waitFor(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
