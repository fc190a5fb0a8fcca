/**
 * mhVTL's device.conf: records separated by blank lines, each starting in column 1 with `Library: ID CHANNEL: c
 * TARGET: t LUN: l` or `Drive: ID CHANNEL: ...`, followed by indented `Key: value` lines (Vendor identification,
 * Product identification, Product revision level, Unit serial number, NAA, and for drives `Library ID: L Slot:
 * N`). `#` starts a comment, `VERSION: N` heads the file. Keys this importer does not use (Home directory, fifo,
 * PERSIST, Backoff, Compression...) are accepted and ignored; a line that is neither is an error naming the file
 * and line. Pure: text in, records out.
 * Spec: mhVTL device.conf(5); docs/smc-reference.md 2a "Config".
 */
import { MhvtlFormatError } from './mhvtl-format-error.js';

/** The fields of a Library or Drive record this importer uses. */
export interface DeviceRecord {
  readonly kind: 'Library' | 'Drive';
  readonly id: number;
  /** Line of the record's first line (1-based). */
  readonly line: number;
  readonly vendor?: string | undefined;
  readonly product?: string | undefined;
  readonly revision?: string | undefined;
  readonly serial?: string | undefined;
  /** As written: "10:22:33:44:ab:00:00:00". */
  readonly naa?: string | undefined;
  /** Drives: the library and the drive's position in it (1-based). */
  readonly libraryId?: number | undefined;
  readonly slot?: number | undefined;
}

const HEAD = /^(Library|Drive):\s*(\d+)(?:\s+CHANNEL:\s*\d+\s+TARGET:\s*\d+\s+LUN:\s*\d+)?\s*$/;
const FIELDS: Readonly<Record<string, keyof DeviceRecord>> = {
  'vendor identification': 'vendor',
  'product identification': 'product',
  'product revision level': 'revision',
  'unit serial number': 'serial',
  naa: 'naa',
};

/** Parses device.conf text; `file` names it in errors. */
export function parseDeviceConf(text: string, file: string): DeviceRecord[] {
  const records: DeviceRecord[] = [];
  let current: { -readonly [K in keyof DeviceRecord]: DeviceRecord[K] } | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      current = undefined;
      return;
    }
    if (line.trimStart().startsWith('#')) return;
    if (/^VERSION:\s*\d+$/.test(line)) return;
    if (!/^\s/.test(line)) {
      const m = HEAD.exec(line);
      if (!m)
        throw new MhvtlFormatError(
          file,
          n,
          `expected a record head "Library: ID CHANNEL: c TARGET: t LUN: l" or "Drive: ID ...", got "${line}"`,
        );
      current = { kind: m[1] as 'Library' | 'Drive', id: Number(m[2]), line: n };
      if (records.some((r) => r.kind === current?.kind && r.id === current.id))
        throw new MhvtlFormatError(file, n, `${m[1]} ${m[2]} is defined twice`);
      records.push(current);
      return;
    }
    if (current === undefined)
      throw new MhvtlFormatError(
        file,
        n,
        'an indented line outside a record (records start in column 1 and end at a blank line)',
      );
    const body = line.trim();
    const where = /^Library ID:\s*(\d+)\s+Slot:\s*(\d+)$/.exec(body);
    if (where) {
      current.libraryId = Number(where[1]);
      current.slot = Number(where[2]);
      return;
    }
    const kv = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(body);
    if (!kv) throw new MhvtlFormatError(file, n, `expected "Key: value", got "${body}"`);
    const field = FIELDS[(kv[1] ?? '').toLowerCase()];
    if (field !== undefined) (current as Record<string, unknown>)[field] = (kv[2] ?? '').trim();
  });
  return records;
}
