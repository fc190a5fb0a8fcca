/**
 * The console's reader of one line's words (the ConsoleWords of sim/control/operation-table.ts): numbers in
 * decimal or hex, hex bytes of sense data, cartridges as `TAG [KIND] [USES]`. Every problem is a
 * ConsoleUsageError naming the word and what was expected. Design: docs/simulator.md "Operator and fault API".
 */
import type { CartridgeInput } from '../control/control-types.js';
import type { ConsoleWords } from '../control/operation-table.js';

/** A line the console cannot carry out, with the usage that would. */
export class ConsoleUsageError extends Error {}

/** A non-negative integer: 12, 0x0c or 0ch. */
export function parseCount(word: string | undefined, what: string): number {
  if (word === undefined) throw new ConsoleUsageError(`missing ${what}`);
  const n = /^0x[0-9a-f]+$/i.test(word)
    ? Number.parseInt(word, 16)
    : /^[0-9]+h$/i.test(word)
      ? Number.parseInt(word.slice(0, -1), 16)
      : Number(word);
  if (!Number.isInteger(n) || n < 0)
    throw new ConsoleUsageError(`${what}: expected a non-negative integer, got "${word}"`);
  return n;
}

function parseHexByte(word: string | undefined, what: string): number {
  if (word === undefined || !/^(0x)?[0-9a-f]{1,2}h?$/i.test(word))
    throw new ConsoleUsageError(`${what}: expected a hex byte, got "${word ?? ''}"`);
  return Number.parseInt(word.replace(/^0x/i, '').replace(/h$/i, ''), 16);
}

/** Reads `words` from the front. */
export class LineWords implements ConsoleWords {
  private at = 0;

  constructor(private readonly words: readonly string[]) {}

  next(): string | undefined {
    return this.words[this.at++];
  }

  word(what: string): string {
    const w = this.next();
    if (w === undefined) throw new ConsoleUsageError(`missing ${what}`);
    return w;
  }

  int(what: string): number {
    return parseCount(this.next(), what);
  }

  hexByte(what: string, word?: string): number {
    return parseHexByte(word ?? this.next(), what);
  }

  cartridge(kind?: 'cleaning'): CartridgeInput {
    const volumeTag = this.next();
    if (volumeTag === undefined) throw new ConsoleUsageError('missing volume tag');
    const k = kind ?? this.next();
    if (k !== undefined && k !== 'data' && k !== 'cleaning')
      throw new ConsoleUsageError(`kind: expected data or cleaning, got "${k}"`);
    const usesWord = this.next();
    const uses = usesWord === undefined ? undefined : parseCount(usesWord, 'uses');
    return { volumeTag, ...(k ? { kind: k } : {}), ...(uses !== undefined ? { usesRemaining: uses } : {}) };
  }

  fail(message: string): never {
    throw new ConsoleUsageError(message);
  }
}
