/**
 * An operator told what to do in instructions: each action becomes one Instruction (an id, the action, its
 * arguments, the text a person reads, the deadline) sent over an InstructionChannel (a person at the terminal,
 * prompt-channel.ts; a lab rig on JSON lines, exec-channel.ts), and the answer (done, skip, abort, refused)
 * becomes the action's outcome. Every instruction and answer goes into the run's OperatorJournal.
 * Design: docs/operator.md (the protocol, with examples).
 */
import {
  OperatorAbortError,
  OperatorRefusedError,
  OperatorSkippedError,
  type CartridgeToHandIn,
  type Locks,
  type MagazineInfo,
  type Operator,
  type OperatorHint,
  type OperatorJournal,
  type OperatorKind,
} from './operator.js';

/** The actions of the protocol (docs/operator.md 2). */
export type InstructionAction =
  | 'open-ie'
  | 'close-ie'
  | 'take-from-ie'
  | 'put-into-ie'
  | 'open-door'
  | 'close-door'
  | 'take-through-door'
  | 'put-through-door'
  | 'pull-magazine'
  | 'insert-magazine'
  | 'report-locks';

/** One instruction, as written to a rig (one JSON object on a line). */
export interface Instruction {
  readonly id: number;
  readonly action: InstructionAction;
  readonly args: Readonly<Record<string, unknown>>;
  /** What a person would be told. */
  readonly text: string;
  /** Seconds of wall time the library waits for this step (its library wait over the time scale); null: no limit. */
  readonly deadline: number | null;
}

/** The answer to one instruction. */
export interface Answer {
  readonly id: number;
  readonly result: 'done' | 'skip' | 'abort' | 'refused';
  /** take-*: the label of the cartridge taken. */
  readonly volumeTag?: string;
  /** report-locks: the opening asked about is locked against the operator. */
  readonly locked?: boolean;
  /** Why (skip, abort, refused) or anything the rig wants in the report. */
  readonly message?: string;
}

/** Carries instructions to whoever acts and brings back the answers. */
export interface InstructionChannel {
  readonly kind: Exclude<OperatorKind, 'sim'>;
  readonly description: string;
  ask(instruction: Instruction): Promise<Answer>;
  /** Gets ready before the first instruction (optional). */
  start?(): Promise<void>;
  close(): Promise<void>;
}

const tagText = (c: CartridgeToHandIn) =>
  `${c.kind === 'cleaning' ? 'cleaning cartridge' : 'data cartridge'} ${c.volumeTag}${c.usesRemaining !== undefined ? ` (${c.usesRemaining} cleanings left)` : ''}`;

/** The operator of `prompt` and `exec:`. */
export class InstructionOperator implements Operator {
  constructor(
    private readonly channel: InstructionChannel,
    private readonly journal: OperatorJournal,
    /** The library's time scale (1 on hardware): a library wait of N ms is N / timeScale ms of wall time. */
    private readonly timeScale: number,
  ) {}

  get kind(): Exclude<OperatorKind, 'sim'> {
    return this.channel.kind;
  }

  get description(): string {
    return this.channel.description;
  }

  /** Sends one instruction; resolves with a done answer, throws for skip, abort and refused. */
  private async instruct(
    action: InstructionAction,
    args: Record<string, unknown>,
    doWhat: string,
    hint: OperatorHint | undefined,
  ): Promise<Answer> {
    const parts = [doWhat];
    if (hint?.where) parts.push(`Where: ${hint.where}.`);
    if (hint?.next) parts.push(`Then the library ${hint.next}.`);
    if (hint?.waitsMs !== undefined)
      parts.push(`The library waits ${Math.round(hint.waitsMs / 1000)} s for this step.`);
    const text = parts.join(' ');
    const deadline = hint?.waitsMs === undefined ? null : Math.max(1, Math.round(hint.waitsMs / this.timeScale / 1000));
    const id = this.journal.nextId();
    let answer: Answer;
    try {
      answer = await this.channel.ask({ id, action, args, text, deadline });
    } catch (e) {
      this.journal.add({ action, args, text, result: 'failed', answer: { message: (e as Error).message } });
      throw e;
    }
    const { id: _id, result, ...rest } = answer;
    this.journal.add({ action, args, text, result, ...(Object.keys(rest).length > 0 ? { answer: rest } : {}) });
    if (result === 'skip') throw new OperatorSkippedError(doWhat, answer.message ?? '');
    if (result === 'abort') throw new OperatorAbortError(doWhat, answer.message ?? '');
    if (result === 'refused')
      throw new OperatorRefusedError(
        doWhat.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()),
        'operator-refused',
        answer.message ?? 'no reason given',
      );
    return answer;
  }

  private async take(
    action: 'take-from-ie' | 'take-through-door',
    address: number,
    doWhat: string,
    hint: OperatorHint | undefined,
  ): Promise<string> {
    const a = await this.instruct(
      action,
      { address, ...(hint?.volumeTag ? { volumeTag: hint.volumeTag } : {}) },
      doWhat,
      hint,
    );
    if (typeof a.volumeTag !== 'string')
      throw new OperatorRefusedError(doWhat, 'no-volume-tag', 'the answer names no volumeTag of the cartridge taken');
    return a.volumeTag;
  }

  async locks(what: { importExport: boolean; door: boolean }): Promise<Locks> {
    const ask = async (opening: 'importExport' | 'door', name: string): Promise<boolean> => {
      const a = await this.instruct(
        'report-locks',
        { opening },
        `Without opening it, tell whether ${name} is locked against you (answer locked or unlocked).`,
        undefined,
      );
      if (typeof a.locked !== 'boolean')
        throw new OperatorRefusedError(
          `tell whether ${name} is locked`,
          'no-lock-state',
          'the answer has no "locked": true or false',
        );
      return a.locked;
    };
    return {
      ...(what.importExport ? { importExport: await ask('importExport', 'the I/O station') } : {}),
      ...(what.door ? { door: await ask('door', 'the access door') } : {}),
    };
  }

  async openImportExport(hint?: OperatorHint): Promise<void> {
    await this.instruct('open-ie', {}, 'Open the I/O station (mail slot).', hint);
  }

  async closeImportExport(hint?: OperatorHint): Promise<void> {
    await this.instruct('close-ie', {}, 'Close the I/O station (mail slot).', hint);
  }

  takeFromImportExport(address: number, hint?: OperatorHint): Promise<string> {
    return this.take(
      'take-from-ie',
      address,
      `Take the cartridge${hint?.volumeTag ? ` ${hint.volumeTag}` : ''} out of I/O station element ${address} and keep it.`,
      hint,
    );
  }

  async putIntoImportExport(address: number, cartridge: CartridgeToHandIn, hint?: OperatorHint): Promise<void> {
    await this.instruct(
      'put-into-ie',
      { address, ...cartridge },
      `Put the ${tagText(cartridge)} into I/O station element ${address}.`,
      hint,
    );
  }

  async openDoor(hint?: OperatorHint): Promise<void> {
    await this.instruct('open-door', {}, "Open the library's access door.", hint);
  }

  async closeDoor(hint?: OperatorHint): Promise<void> {
    await this.instruct('close-door', {}, "Close the library's access door.", hint);
  }

  takeThroughDoor(address: number, hint?: OperatorHint): Promise<string> {
    return this.take(
      'take-through-door',
      address,
      `Through the open door, take the cartridge${hint?.volumeTag ? ` ${hint.volumeTag}` : ''} out of element ${address} and keep it.`,
      hint,
    );
  }

  async putThroughDoor(address: number, cartridge: CartridgeToHandIn, hint?: OperatorHint): Promise<void> {
    await this.instruct(
      'put-through-door',
      { address, ...cartridge },
      `Through the open door, put the ${tagText(cartridge)} into element ${address}.`,
      hint,
    );
  }

  async pullMagazine(m: MagazineInfo, hint?: OperatorHint): Promise<void> {
    await this.instruct(
      'pull-magazine',
      { magazine: m.id, name: m.name, storage: m.storage },
      `Pull out the magazine "${m.name}" (id ${m.id}, storage elements ${m.storage.join(', ')}) and keep it out.`,
      hint,
    );
  }

  async insertMagazine(m: MagazineInfo, hint?: OperatorHint): Promise<void> {
    await this.instruct(
      'insert-magazine',
      { magazine: m.id, name: m.name, storage: m.storage },
      `Put the magazine "${m.name}" (id ${m.id}) back in, with the cartridges it held.`,
      hint,
    );
  }

  async start(): Promise<void> {
    await this.channel.start?.();
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
