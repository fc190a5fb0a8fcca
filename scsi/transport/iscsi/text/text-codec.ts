/**
 * The key=value text of Login and Text PDUs: each pair is UTF-8 `key=value` ended by a NUL byte.
 * Spec: RFC 7143 6.1 (text format: key names, value lengths), 6.2 (special values), 13 (key list); docs/iscsi.md 7.3.
 */
import { RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';

/** One key=value pair, in the order it appeared. */
export interface TextPair {
  readonly key: string;
  readonly value: string;
}

/** Special answer values every key may take (RFC 7143 6.2, docs/iscsi.md 7.3). */
export const SpecialValue = {
  NOT_UNDERSTOOD: 'NotUnderstood',
  IRRELEVANT: 'Irrelevant',
  REJECT: 'Reject',
} as const;

/** Longest key name (RFC 7143 6.1, docs/iscsi.md 7.3: 63 bytes). */
export const MAX_KEY_LENGTH = 63;
/**
 * Longest value accepted (large binary values such as CHAP_C may reach 8192 bytes, RFC 7143 6.1, docs/iscsi.md 7.3).
 */
export const MAX_VALUE_LENGTH = 8192;

const KEY_PATTERN = /^[A-Za-z0-9.\-+@_]+$/;
/** Stateless (no streaming): decoding throws on any byte sequence that is not UTF-8. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a complete text data segment (all continuation PDUs joined). Empty strings between NULs are skipped;
 * text not ended by a NUL, bytes that are not UTF-8 (RFC 7143 6.1, docs/iscsi.md 7.3: keys and values are UTF-8; an
 * InitiatorName of other bytes was read as U+FFFD until issue 16), a pair without `=`, a bad key name or an over-long
 * value throws IscsiProtocolError.
 */
export function decodeTextData(data: Uint8Array): TextPair[] {
  const pairs: TextPair[] = [];
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0, start);
    if (end < 0) throw new IscsiProtocolError('text data does not end with a NUL byte', RejectReason.PROTOCOL_ERROR);
    if (end > start) {
      let item: string;
      try {
        item = STRICT_UTF8.decode(bytes.subarray(start, end));
      } catch {
        throw new IscsiProtocolError(`text item at byte ${start} is not UTF-8`, RejectReason.PROTOCOL_ERROR);
      }
      const eq = item.indexOf('=');
      if (eq < 0)
        throw new IscsiProtocolError(`text item "${item.slice(0, 64)}" has no "="`, RejectReason.PROTOCOL_ERROR);
      const key = item.slice(0, eq);
      const value = item.slice(eq + 1);
      if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
        throw new IscsiProtocolError(`bad key name "${key.slice(0, 64)}"`, RejectReason.PROTOCOL_ERROR);
      }
      if (Buffer.byteLength(value) > MAX_VALUE_LENGTH)
        throw new IscsiProtocolError(`value of ${key} is too long`, RejectReason.PROTOCOL_ERROR);
      pairs.push({ key, value });
    }
    start = end + 1;
  }
  return pairs;
}

/** Encodes pairs as `key=value\0...`. */
export function encodeTextData(pairs: readonly TextPair[]): Buffer {
  if (pairs.length === 0) return Buffer.alloc(0);
  return Buffer.from(pairs.map((p) => `${p.key}=${p.value}\0`).join(''), 'utf8');
}

/** The value of `key` (first occurrence), if present. */
export function findValue(pairs: readonly TextPair[], key: string): string | undefined {
  return pairs.find((p) => p.key === key)?.value;
}

/** Encodes a pair list from an object, in property order (convenience for callers and tests). */
export function pairsOf(record: Readonly<Record<string, string>>): TextPair[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}
