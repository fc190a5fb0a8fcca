/**
 * The journal next to the database file: one JSON line per commit (the records it inserted or changed and the
 * keys it deleted), after a header line naming the generation of the database file it follows. Reading it back
 * checks every complete line against the record schemas; the bytes after the last newline are a write cut short
 * by a crash (never acknowledged) and are ignored. A journal of another generation is left over from a
 * compaction cut short and is ignored as a whole. Spec: POSIX write(2)/fsync(2) (an append is durable once
 * fdatasync returns; a crash may leave a prefix of it); docs/rsm-model.md "Persistence".
 */
import { z } from 'zod';
import type { DbChanges } from './change-log.js';
import { RsmDatabaseError } from './durable-store.js';
import { TABLE_SCHEMAS } from './records.js';

/** Format marker of the journal's header line. */
export const JOURNAL_FORMAT = 'changerbench-rsm-journal' as const;

const headerSchema = z.object({
  format: z.literal(JOURNAL_FORMAT),
  version: z.literal(1),
  generation: z.number().int().min(0),
});

const key = z.string().min(1);
const T = TABLE_SCHEMAS;
const entrySchema = z.object({
  at: z.number(),
  put: z.strictObject({
    libraries: z.array(T.libraries).optional(),
    slots: z.array(T.slots).optional(),
    iePorts: z.array(T.iePorts).optional(),
    doors: z.array(T.doors).optional(),
    drives: z.array(T.drives).optional(),
    cartridges: z.array(T.cartridges).optional(),
    libRequests: z.array(T.libRequests).optional(),
    opRequests: z.array(T.opRequests).optional(),
    principals: z.array(T.principals).optional(),
  }),
  del: z.strictObject({
    libraries: z.array(key).optional(),
    slots: z.array(key).optional(),
    iePorts: z.array(key).optional(),
    doors: z.array(key).optional(),
    drives: z.array(key).optional(),
    cartridges: z.array(key).optional(),
    libRequests: z.array(key).optional(),
    opRequests: z.array(key).optional(),
    principals: z.array(key).optional(),
  }),
});

/** One commit read back from the journal. */
export interface JournalEntry extends DbChanges {
  /** Clock time of the commit. */
  readonly at: number;
}

/** The header line of a journal following database file generation `generation`. */
export function journalHeader(generation: number): string {
  return `${JSON.stringify({ format: JOURNAL_FORMAT, version: 1, generation })}\n`;
}

/** The line one commit appends. */
export function journalLine(at: number, changes: DbChanges): string {
  return `${JSON.stringify({ at, put: changes.put, del: changes.del })}\n`;
}

/** What a journal holds for a database file of some generation. */
export interface JournalContents {
  /** False when the journal does not follow that database file (no header, another generation): ignore it. */
  readonly follows: boolean;
  /** The commits, oldest first (empty unless `follows`). */
  readonly entries: readonly JournalEntry[];
  /** Length in bytes of the complete lines; anything after them is a torn write. */
  readonly goodBytes: number;
  /** True when bytes follow the last complete line. */
  readonly torn: boolean;
}

function problem(e: z.ZodError): string {
  return z.prettifyError(e);
}

/**
 * Reads a journal for database file generation `generation`; throws RsmDatabaseError naming `where` and the line
 * when a complete line is not a journal entry.
 */
export function readJournal(bytes: Uint8Array, generation: number, where: string): JournalContents {
  const end = bytes.lastIndexOf(0x0a) + 1;
  const torn = end < bytes.length;
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8').split('\n');
  lines.pop(); // the empty string after the last newline
  const [first, ...rest] = lines;
  if (first === undefined) return { follows: false, entries: [], goodBytes: end, torn };
  let header: unknown;
  try {
    header = JSON.parse(first);
  } catch {
    throw new RsmDatabaseError(where, 'line 1 is not a journal header (not JSON)');
  }
  const h = headerSchema.safeParse(header);
  if (!h.success) throw new RsmDatabaseError(where, `line 1 is not a journal header:\n${problem(h.error)}`);
  if (h.data.generation !== generation) return { follows: false, entries: [], goodBytes: end, torn };
  const entries = rest.map((line, i) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw new RsmDatabaseError(where, `line ${i + 2} is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success)
      throw new RsmDatabaseError(where, `line ${i + 2} is not a valid journal entry:\n${problem(parsed.error)}`);
    return parsed.data;
  });
  return { follows: true, entries, goodBytes: end, torn };
}
