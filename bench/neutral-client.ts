/**
 * The neutral client of the iSCSI comparison: bench/neutral/iscsi-load.c, a load generator on libiscsi (neither
 * the simulator's nor tgt's), compiled at bench time with gcc against Debian's libiscsi-dev and driven one round
 * at a time over its stdin (the protocol is described at the top of the C file). One process per target, logged
 * in once, so both targets see the same binary with the same options.
 * Spec: RFC 7143 (libiscsi); docs/iscsi.md 7; SMC-3 6.6, 6.10; SPC-4 6.47.
 * In our words: docs/smc-reference.md 1.2; docs/scsi-model.md 10.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./neutral/iscsi-load.c', import.meta.url));

/** What one timed round of the neutral client measured. */
export interface NeutralRound {
  /** Commands completed (GOOD). */
  readonly count: number;
  readonly ms: number;
  /** Commands answered other than GOOD (none expected: a row with errors is reported as such). */
  readonly errors: number;
  /** Data-in bytes of the last command. */
  readonly bytes: number;
  /** The first error's description, or ''. */
  readonly error: string;
}

/** A round's operation as the C program takes it. */
export type NeutralOp =
  | { readonly kind: 'tur' }
  | { readonly kind: 'res'; readonly start: number; readonly count: number; readonly allocationLength: number }
  /** MOVE MEDIUM pairs: lane i moves lanes[i].from to lanes[i].to and back; one lane per command in flight. */
  | {
      readonly kind: 'move';
      readonly transport: number;
      readonly lanes: readonly { readonly from: number; readonly to: number }[];
    };

/**
 * Why the neutral client cannot be built here (no gcc, no libiscsi headers), or undefined when it can.
 * `bash scripts/setup.sh` installs both (gcc, libiscsi-dev).
 */
export function neutralClientMissingReason(): string | undefined {
  if (!existsSync('/usr/include/iscsi/iscsi.h'))
    return 'libiscsi-dev is not installed (/usr/include/iscsi/iscsi.h missing; bash scripts/setup.sh installs it)';
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'gcc is not installed (bash scripts/setup.sh installs it)';
  }
  return undefined;
}

/** Compiles the load generator once per source version into the temporary directory; returns the binary's path. */
export function buildNeutralClient(): string {
  const source = readFileSync(SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'changerbench-bench');
  const binary = join(dir, `iscsi-load-${hash}`);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  execFileSync('gcc', ['-O2', '-Wall', '-Wextra', '-Werror', '-o', partial, SOURCE, '-liscsi'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  renameSync(partial, binary);
  return binary;
}

/** One neutral load process logged in to one target. */
export class NeutralClient {
  private readonly lines: AsyncIterator<string>;

  private constructor(
    private readonly child: ChildProcess,
    reader: Interface,
    private readonly url: string,
  ) {
    this.lines = reader[Symbol.asyncIterator]();
  }

  /** Starts the load generator `binary` for `url` and waits for its login. */
  static async open(binary: string, url: string): Promise<NeutralClient> {
    const child = spawn(binary, [url], { stdio: ['pipe', 'pipe', 'inherit'] });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    const client = new NeutralClient(child, createInterface({ input: child.stdout! }), url);
    const first = await client.next(30_000);
    if (!('ready' in first))
      throw new Error(`neutral client for ${url}: ${String(first.fatal ?? JSON.stringify(first))}`);
    return client;
  }

  /** Runs one round of `op` with `depth` commands in flight for `ms` milliseconds. */
  async round(op: NeutralOp, depth: number, ms: number): Promise<NeutralRound> {
    let request = `round ${op.kind} ${depth} ${ms}`;
    if (op.kind === 'res') request += ` ${op.start} ${op.count} ${op.allocationLength}`;
    if (op.kind === 'move') {
      if (op.lanes.length < depth)
        throw new Error(`MOVE rounds need one lane per command in flight: ${op.lanes.length} lanes for ${depth}`);
      request += ` ${op.transport} ${op.lanes
        .slice(0, depth)
        .map((l) => `${l.from}:${l.to}`)
        .join(' ')}`;
    }
    this.child.stdin!.write(`${request}\n`);
    const reply = await this.next(ms + 60_000);
    if ('fatal' in reply) throw new Error(`neutral client for ${this.url}: ${String(reply.fatal)}`);
    return reply as unknown as NeutralRound;
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    this.child.stdin!.end('quit\n');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  }

  private async next(timeoutMs: number): Promise<Record<string, unknown>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`neutral client for ${this.url} did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const line = await Promise.race([this.lines.next(), timeout]);
      if (line.done)
        throw new Error(`neutral client for ${this.url} exited (${this.child.exitCode ?? this.child.signalCode})`);
      return JSON.parse(line.value) as Record<string, unknown>;
    } finally {
      clearTimeout(timer);
    }
  }
}
