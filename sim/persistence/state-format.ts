/**
 * The simulator's state file format: a JSON snapshot (`<path>`) plus an append-only journal of JSON lines
 * (`<path>.journal`), each line the new value of every part that one command or operator action changed.
 * Locations are personality (home) addresses, so re-addressing through MODE SELECT never invalidates a file.
 * Design: docs/simulator.md "Persistence".
 */
import { z } from 'zod';
import { MAX_USES_REMAINING } from '../model/element.js';

/** Value of the snapshot's `format` field. */
export const STATE_FORMAT = 'changerbench-sim-state';
/** Version this code writes and reads. */
export const STATE_VERSION = 1;

const hiddenLocation = z.string().regex(/^hidden:\d+$/, 'a location is an element address or "hidden:N"');
const address = z.number().int().min(0).max(0xffff);

/** One cartridge as stored. */
export const cartridgeRecordSchema = z.strictObject({
  id: z.string().min(1),
  volumeTag: z
    .string()
    .max(32)
    .regex(/^[\x20-\x7e]*$/, 'a volume tag is at most 32 printable ASCII characters'),
  kind: z.enum(['data', 'cleaning']),
  usesRemaining: z.number().int().min(0).max(MAX_USES_REMAINING),
  spent: z.boolean(),
  location: z.union([address, hiddenLocation]),
  lastStorage: address.optional(),
  pickedFrom: address.optional(),
  placedByOperator: z.boolean().optional(),
});
/** A stored cartridge. */
export type CartridgeRecord = z.infer<typeof cartridgeRecordSchema>;

const magazineRecord = z.strictObject({ present: z.boolean() });
const driveRecord = z.strictObject({ needsCleaning: z.boolean() });
const openRecord = z.strictObject({ open: z.boolean() });

/** The whole state at one journal sequence number. */
export const snapshotSchema = z.strictObject({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  personality: z.string().min(1),
  /** Journal records with seq at or below this are already in the snapshot. */
  seq: z.number().int().min(0),
  nextCartridgeId: z.number().int().min(1),
  door: openRecord,
  importExport: openRecord,
  magazines: z.record(z.string(), magazineRecord),
  drives: z.record(z.string().regex(/^\d+$/), driveRecord),
  cartridges: z.array(cartridgeRecordSchema),
});
/** A stored snapshot. */
export type StateSnapshot = z.infer<typeof snapshotSchema>;

/** One journal line: the new value of what changed (a null cartridge left the library). */
export const journalRecordSchema = z.strictObject({
  seq: z.number().int().min(1),
  nextCartridgeId: z.number().int().min(1),
  cartridges: z.record(z.string(), cartridgeRecordSchema.nullable()).optional(),
  magazines: z.record(z.string(), magazineRecord).optional(),
  drives: z.record(z.string().regex(/^\d+$/), driveRecord).optional(),
  door: openRecord.optional(),
  importExport: openRecord.optional(),
});
/** A stored journal line. */
export type JournalRecord = z.infer<typeof journalRecordSchema>;

/** A state file that cannot be used; names the file and what is wrong. The file is left untouched. */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`state file ${file}: ${problem}`);
    this.name = 'StateFileError';
  }
}

/** One line per zod issue, with its path ("cartridges.3.location: ..."). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`).join('; ');
}
