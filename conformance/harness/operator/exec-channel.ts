/**
 * `--operator exec:COMMAND`: the lab's own rig (a robot, a relay on the door, a test script) as the operator. The
 * command runs once per run under `sh -c`; each instruction goes to its stdin as one JSON object on a line, and
 * it answers each with one JSON line on stdout ({"id":N,"result":"done"|"skip"|"abort"|"refused",...}). Lines
 * that are not JSON objects are ignored (a rig may log to stdout), a malformed answer or the command's exit fails
 * the instruction with a message naming the line. Its stderr goes to ours. Design: docs/operator.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Answer, Instruction, InstructionChannel } from './instruction-operator.js';

const RESULTS = new Set(['done', 'skip', 'abort', 'refused']);

/** Why a line is not a valid answer, or undefined. */
export function answerProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v['id'] !== 'number') return '"id" must be the number of the instruction answered';
  if (typeof v['result'] !== 'string' || !RESULTS.has(v['result']))
    return '"result" must be one of done, skip, abort, refused';
  if (v['volumeTag'] !== undefined && typeof v['volumeTag'] !== 'string') return '"volumeTag" must be a string';
  if (v['message'] !== undefined && typeof v['message'] !== 'string') return '"message" must be a string';
  if (v['locked'] !== undefined && typeof v['locked'] !== 'boolean') return '"locked" must be true or false';
  return undefined;
}

/** An operator command speaking JSON lines. */
export class ExecChannel implements InstructionChannel {
  readonly kind = 'exec';
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private ended: string | undefined;

  constructor(
    private readonly command: string,
    private readonly stderr: (text: string) => void,
  ) {}

  get description(): string {
    return `exec: ${this.command}`;
  }

  /** Starts the command (before the first test, so its start-up is not spent in a test's wait). */
  async start(): Promise<void> {
    this.spawned();
  }

  private spawned(): ChildProcess {
    if (this.child) return this.child;
    const child = spawn('sh', ['-c', this.command], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (d: Buffer) => this.stderr(d.toString()));
    child.stdin?.on('error', () => undefined);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => this.onLine(line));
    const fail = (why: string) => {
      this.ended = why;
      for (const [, p] of this.pending)
        p.reject(new Error(`the operator command (${this.command}) ${why} before answering`));
      this.pending.clear();
    };
    child.on('error', (e) => fail(`could not start: ${e.message}`));
    child.on('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
    return child;
  }

  private onLine(line: string): void {
    const text = line.trim();
    if (!text.startsWith('{')) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return;
    }
    const problem = answerProblem(value);
    const id = (value as { id?: unknown }).id;
    const waiting = typeof id === 'number' ? this.pending.get(id) : [...this.pending.values()][0];
    if (!waiting) return;
    this.pending.delete(typeof id === 'number' ? id : ([...this.pending.keys()][0] ?? -1));
    if (problem)
      waiting.reject(
        new Error(`the operator command answered ${JSON.stringify(text.slice(0, 200))}: ${problem} (docs/operator.md)`),
      );
    else waiting.resolve(value as Answer);
  }

  ask(instruction: Instruction): Promise<Answer> {
    const child = this.spawned();
    if (this.ended) return Promise.reject(new Error(`the operator command (${this.command}) ${this.ended}`));
    return new Promise((resolve, reject) => {
      this.pending.set(instruction.id, { resolve, reject });
      child.stdin?.write(`${JSON.stringify(instruction)}\n`);
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.ended) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGTERM'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
