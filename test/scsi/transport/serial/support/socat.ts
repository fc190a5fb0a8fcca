/**
 * Test support: a PTY pair made by socat (`socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`), started in a
 * fresh temporary directory, waited for until both links exist, and stopped (process killed, directory removed)
 * by stop(), which tests call from after-hooks so it happens even when a test fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why PTY tests are skipped, or undefined when socat can run. */
export function socatMissingReason(): string | undefined {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return probe.error || probe.status !== 0 ? 'socat is not installed (apt-get install -y socat): PTY pair tests skipped' : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A running socat PTY pair. */
export class PtyPair {
  private exited = false;
  private readonly exit: Promise<void>;
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
    readonly a: string,
    readonly b: string,
  ) {
    this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exit.then(() => (this.exited = true));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  /** Starts socat (in `dir`, or a new temporary directory) and waits until both PTY links exist. */
  static async start(dir?: string): Promise<PtyPair> {
    const where = dir ?? mkdtempSync(join(tmpdir(), 'changerbench-serial-'));
    const a = join(where, 'initiator');
    const b = join(where, 'target');
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    const pair = new PtyPair(child, where, a, b);
    for (let waited = 0; !(existsSync(a) && existsSync(b)); waited += 10) {
      if (pair.exited || waited > 5000) {
        await pair.stop();
        throw new Error(`socat did not create the PTY links: ${pair.stderr}`);
      }
      await sleep(10);
    }
    return pair;
  }

  /** Whether socat is still running. */
  get running(): boolean {
    return !this.exited;
  }

  /** Kills socat (the line breaks for both ends) and waits for it to exit. Keeps the directory. */
  async kill(): Promise<void> {
    if (!this.exited) {
      this.child.kill('SIGTERM');
      await this.exit;
    }
  }

  /** Kills socat and removes the directory. Idempotent. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls `condition` every 10 ms until it holds; fails after `limitMs` (a hang guard, not a timing assertion). */
export async function waitFor(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > limitMs) throw new Error(`gave up waiting for ${what}`);
    await sleep(10);
  }
}
