/**
 * A `changerbench sim serve` child process for the campaigns: started with the endpoints asked for on ephemeral
 * ports, ready once it has printed one line per endpoint (sim/service/endpoints.ts), killed with SIGKILL or ended
 * with SIGTERM, its pid sampled from /proc. The entry is the compiled CLI (dist/, what `npm run soak` builds) or
 * the TypeScript source through tsx (what the mocha spec uses, so it tests the tree as it is).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How to start the changerbench command. */
export interface SimEntry {
  readonly command: string;
  readonly args: readonly string[];
}

/** The compiled CLI. */
export const DIST_ENTRY: SimEntry = { command: process.execPath, args: ['dist/cli/changerbench.js'] };
/** The sources through tsx. */
export const TSX_ENTRY: SimEntry = { command: process.execPath, args: ['--import', 'tsx', 'cli/changerbench.ts'] };

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir: string, suffix: string): number {
  let newest = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p, suffix));
    else if (e.name.endsWith(suffix)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The compiled CLI when dist/ is newer than every source it is built from (it starts in a fraction of tsx's
 * time, which matters for a campaign that restarts the simulator hundreds of times), else the sources: a test
 * never runs stale code.
 */
export function freshestEntry(): SimEntry {
  const built = newestMtime('dist', '.js');
  const sources = Math.max(
    ...['scsi', 'sim', 'cli', 'fixtures'].map((d) => newestMtime(d, d === 'fixtures' ? '.json' : '.ts')),
  );
  return built > 0 && built >= sources ? DIST_ENTRY : TSX_ENTRY;
}

/** What `sim serve` should open. */
export interface SimServeOptions {
  readonly entry: SimEntry;
  readonly fixture: string;
  readonly statePath?: string | undefined;
  readonly iscsi?: boolean | undefined;
  readonly serialPaths?: readonly string[] | undefined;
  readonly control?: boolean | undefined;
  readonly timeScale?: number | undefined;
  readonly logLevel?: string | undefined;
  /** Give up waiting for the endpoint lines after this long (default 60 s). */
  readonly readyMs?: number | undefined;
}

/** A running `sim serve`. */
export class SimProcess {
  stdout = '';
  stderr = '';
  /** Bytes written to stderr (logs), kept even though only the tail is kept as text. */
  stderrBytes = 0;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => {
      this.stderrBytes += d.length;
      this.stderr = (this.stderr + d.toString()).slice(-20_000);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts `sim serve` and resolves once every endpoint has printed its line. */
  static async start(o: SimServeOptions): Promise<SimProcess> {
    const p = SimProcess.launch(o);
    await p.ready(o);
    return p;
  }

  /** Starts `sim serve` without waiting for it. */
  static launch(o: SimServeOptions): SimProcess {
    const args = [
      ...o.entry.args,
      'sim',
      'serve',
      '--fixture',
      o.fixture,
      '--start-ready',
      '--log-level',
      o.logLevel ?? 'warn',
      '--time-scale',
      String(o.timeScale ?? 1000),
    ];
    if (o.statePath) args.push('--state', o.statePath);
    if (o.iscsi) args.push('--iscsi', '127.0.0.1:0', '--iscsi-busy-poll', '0');
    for (const p of o.serialPaths ?? []) args.push('--serial', p);
    if (o.control) args.push('--control', '127.0.0.1:0');
    return new SimProcess(spawn(o.entry.command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Resolves once every endpoint of `o` has printed its line; rejects if the child ends first. */
  async ready(o: SimServeOptions): Promise<void> {
    const want = (o.iscsi ? 1 : 0) + (o.serialPaths?.length ?? 0) + (o.control ? 1 : 0);
    const deadline = Date.now() + (o.readyMs ?? 60_000);
    while (this.stdout.split('\n').filter((l) => /^(iscsi|serial|control) /.test(l)).length < want) {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`sim serve exited before it was ready: ${this.stderr.trim().slice(-2000)}`);
      if (Date.now() > deadline) {
        this.kill();
        throw new Error(
          `sim serve printed no endpoint lines within ${o.readyMs ?? 60_000} ms: ${this.stderr.trim().slice(-2000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** host, port and target name of the iSCSI endpoint. */
  get iscsi(): { host: string; port: number; targetName: string } {
    const m = /^iscsi (\S+):(\d+) (\S+)$/m.exec(this.stdout);
    if (!m) throw new Error('sim serve has no iSCSI endpoint');
    return { host: m[1] as string, port: Number(m[2]), targetName: m[3] as string };
  }

  /** The control endpoint's URL. */
  get controlUrl(): string {
    const m = /^control (\S+)$/m.exec(this.stdout);
    if (!m) throw new Error('sim serve has no control endpoint');
    return m[1] as string;
  }

  /** SIGKILL, without waiting. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const t = setTimeout(() => this.kill(), graceMs);
    await this.exited;
    clearTimeout(t);
  }
}
