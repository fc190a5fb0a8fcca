/**
 * `--operator prompt`: a person at the terminal. Each instruction is printed with what to do, where, what the
 * library does next and how long it waits; the person answers on one line: `done` (for a take, `done` or `done
 * LABEL` when the cartridge carried another label than the one shown), `locked` / `unlocked` when asked about a
 * lock, `skip [why]` (the test skips) or `abort [why]` (the run stops and writes its reports). Anything else is
 * asked again. The CLI refuses it on a stdin that is not a terminal (conformance/cli.ts).
 * Design: docs/operator.md "The prompt operator".
 */
import { createInterface, type Interface } from 'node:readline';
import type { Answer, Instruction, InstructionChannel } from './instruction-operator.js';

/** Parses a person's line for `instruction`; undefined when it is not an answer. */
export function parsePromptAnswer(instruction: Instruction, line: string): Answer | undefined {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const tail = rest.join(' ');
  const id = instruction.id;
  switch (word.toLowerCase()) {
    case 'skip':
    case 's':
      return { id, result: 'skip', ...(tail ? { message: tail } : {}) };
    case 'abort':
    case 'a':
      return { id, result: 'abort', ...(tail ? { message: tail } : {}) };
    case 'locked':
    case 'unlocked':
      return instruction.action === 'report-locks'
        ? { id, result: 'done', locked: word.toLowerCase() === 'locked' }
        : undefined;
    case 'done':
    case 'd': {
      if (instruction.action === 'report-locks') return undefined;
      if (instruction.action === 'take-from-ie' || instruction.action === 'take-through-door') {
        const tag = tail || (typeof instruction.args['volumeTag'] === 'string' ? instruction.args['volumeTag'] : '');
        return tag ? { id, result: 'done', volumeTag: tag } : undefined;
      }
      return { id, result: 'done' };
    }
    default:
      return undefined;
  }
}

/** What to type, for the prompt line. */
function choices(instruction: Instruction): string {
  if (instruction.action === 'report-locks') return 'locked | unlocked | skip | abort';
  if (instruction.action === 'take-from-ie' || instruction.action === 'take-through-door')
    return typeof instruction.args['volumeTag'] === 'string'
      ? 'done [LABEL] | skip | abort'
      : 'done LABEL | skip | abort';
  return 'done | skip | abort';
}

/** A person answering on a terminal. */
export class PromptChannel implements InstructionChannel {
  readonly kind = 'prompt';
  readonly description = 'a person at the terminal';
  private lines: Interface | undefined;
  private readonly queue: string[] = [];
  private waiter: ((line: string | undefined) => void) | undefined;
  private closed = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {}

  private nextLine(): Promise<string | undefined> {
    if (!this.lines) {
      this.lines = createInterface({ input: this.input, terminal: false });
      this.lines.on('line', (l) => (this.waiter ? (this.waiter(l), (this.waiter = undefined)) : this.queue.push(l)));
      this.lines.on('close', () => {
        this.closed = true;
        this.waiter?.(undefined);
        this.waiter = undefined;
      });
    }
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  async ask(instruction: Instruction): Promise<Answer> {
    const limit = instruction.deadline === null ? '' : ` (answer within ${instruction.deadline} s)`;
    this.output.write(`\n[operator step ${instruction.id}] ${instruction.text}\n`);
    for (;;) {
      this.output.write(`  ${choices(instruction)}${limit} > `);
      const line = await this.nextLine();
      if (line === undefined)
        return { id: instruction.id, result: 'abort', message: 'the terminal closed (end of input)' };
      const answer = parsePromptAnswer(instruction, line);
      if (answer) return answer;
      this.output.write(`  "${line.trim()}" is not an answer here.\n`);
    }
  }

  async close(): Promise<void> {
    this.lines?.close();
  }
}
