/**
 * mhVTL's library_contents.NN: one element per line, `Drive N:` (old files add the drive's serial), `Picker N:`,
 * `MAP N: [BARCODE]`, `Slot N: [BARCODE]`; `#` comments, blank lines and a `VERSION: N` head. Numbers start at
 * 1; a gap in the numbering is filled with empty elements, as vtllibrary does; a number given twice is an error.
 * A barcode is at most 16 characters (vtllibrary's limit; the man page says 12); `NOBAR...` stands for a
 * cartridge without a label. Any other line is an error naming the file and line. Pure.
 * Spec: mhVTL library_contents(5); docs/smc-reference.md 2a "Config".
 */
import { MhvtlFormatError } from './mhvtl-format-error.js';

/** One kind of element line. */
export type ContentsKind = 'Drive' | 'Picker' | 'MAP' | 'Slot';

/** A numbered element with what it holds. */
export interface ContentsEntry {
  /** 1-based. */
  readonly number: number;
  /** The barcode (Slot, MAP), the serial (old Drive lines), or null. */
  readonly value: string | null;
  /** Line in the file, or null for an element filled in for a gap. */
  readonly line: number | null;
}

/** The parsed file. */
export interface LibraryContents {
  readonly drives: ContentsEntry[];
  readonly pickers: ContentsEntry[];
  readonly maps: ContentsEntry[];
  readonly slots: ContentsEntry[];
}

/** Longest barcode vtllibrary reads. */
export const MAX_BARCODE = 16;

/** Highest element number: SMC element addresses are 16 bits (docs/smc-reference.md 2a "Config"). */
const MAX_NUMBER = 0xffff;

const LINE = /^(Drive|Picker|MAP|Slot)\s+(\d+)\s*:\s*(\S*)\s*$/i;
const NAMES: Readonly<Record<string, ContentsKind>> = { drive: 'Drive', picker: 'Picker', map: 'MAP', slot: 'Slot' };

function filled(entries: Map<number, ContentsEntry>): ContentsEntry[] {
  const top = Math.max(0, ...entries.keys());
  return Array.from({ length: top }, (_, i) => entries.get(i + 1) ?? { number: i + 1, value: null, line: null });
}

/** Parses library_contents text; `file` names it in errors. */
export function parseLibraryContents(text: string, file: string): LibraryContents {
  const byKind: Record<ContentsKind, Map<number, ContentsEntry>> = {
    Drive: new Map(),
    Picker: new Map(),
    MAP: new Map(),
    Slot: new Map(),
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^VERSION:\s*\d+$/i.test(line)) return;
    const m = LINE.exec(line);
    if (!m)
      throw new MhvtlFormatError(
        file,
        n,
        `expected "Drive N:", "Picker N:", "MAP N: [BARCODE]" or "Slot N: [BARCODE]", got "${line}"`,
      );
    const kind = NAMES[(m[1] ?? '').toLowerCase()] as ContentsKind;
    const number = Number(m[2]);
    const value = m[3] === '' ? null : (m[3] ?? null);
    if (number < 1) throw new MhvtlFormatError(file, n, `${kind} numbers start at 1, got ${number}`);
    // A gap is filled element by element: a number no 16-bit element address can reach is refused here.
    if (number > MAX_NUMBER)
      throw new MhvtlFormatError(
        file,
        n,
        `${kind} ${m[2] ?? ''} is beyond what SMC's 16-bit element addresses allow (at most ${MAX_NUMBER})`,
      );
    if (byKind[kind].has(number))
      throw new MhvtlFormatError(
        file,
        n,
        `${kind} ${number} is listed twice (first on line ${byKind[kind].get(number)?.line ?? '?'})`,
      );
    if (value !== null && (kind === 'Slot' || kind === 'MAP')) {
      if (value.length > MAX_BARCODE)
        throw new MhvtlFormatError(file, n, `barcode "${value}" is longer than ${MAX_BARCODE} characters`);
      if (!/^[\x21-\x7e]+$/.test(value))
        throw new MhvtlFormatError(
          file,
          n,
          `barcode "${value}" has characters a volume tag cannot hold (printable ASCII only)`,
        );
    }
    if (value !== null && kind === 'Picker')
      throw new MhvtlFormatError(file, n, `a picker holds nothing; got "${value}" after "Picker ${number}:"`);
    byKind[kind].set(number, { number, value, line: n });
  });
  const contents = {
    drives: filled(byKind.Drive),
    pickers: filled(byKind.Picker),
    maps: filled(byKind.MAP),
    slots: filled(byKind.Slot),
  };
  if (contents.slots.length === 0)
    throw new MhvtlFormatError(file, undefined, 'no "Slot N:" lines: a library needs storage slots');
  return contents;
}
