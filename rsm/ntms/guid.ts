/**
 * NTMS_GUIDs: object ids of the RSM database, made from an injected random source (no hidden randomness,
 * docs/architecture.md style rule 9), and the out-parameter reference that models ntmsapi's LPNTMS_GUID.
 * Spec: docs/rsm-semantics.md 3 (LPNTMS_GUID parameters, NULL pointers give ERROR_INVALID_PARAMETER) and 4
 * ("CleanerSlot is the NULL GUID when no cleaner slot is reserved"); RFC 9562 4.1 and 5.4 (version 4 layout).
 */
import { randomFillSync } from 'node:crypto';

/** A GUID in its lower-case 8-4-4-4-12 hex form. */
export type Guid = string;

/**
 * An LPNTMS_GUID: a small mutable box the callee may read and write. `null` in its place models a NULL pointer.
 */
export interface GuidRef {
  value: Guid;
}

/** The NULL GUID (all zeros): "unset" in NTMS structures. */
export const NULL_GUID: Guid = '00000000-0000-0000-0000-000000000000';

/** Fills and returns `length` random bytes. Inject one: tests a seeded source, production crypto. */
export type RandomSource = (length: number) => Uint8Array;

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "00".."ff" by byte value (a constant table: formatting a GUID is a discovery's commonest operation). */
const HEX: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')));

/** True when `s` is a GUID in the model's form. */
export function isGuid(s: unknown): s is Guid {
  return typeof s === 'string' && GUID_PATTERN.test(s);
}

/** A reference holding `value` (NULL GUID by default), for passing as an LPNTMS_GUID. */
export function guidRef(value: Guid = NULL_GUID): GuidRef {
  return { value };
}

/** Two hex digits of byte `i` of `b`, with the bits of `keep` kept and those of `set` set. */
function hexByte(b: Uint8Array, i: number, set = 0, keep = 0xff): string {
  return HEX[(((b[i] ?? 0) & keep) | set) & 0xff] ?? '00';
}

/** A new version-4 GUID from `random`. */
export function newGuid(random: RandomSource): Guid {
  const b = random(16);
  if (b.length !== 16) throw new RangeError(`random source returned ${b.length} bytes, wanted 16`);
  return (
    `${hexByte(b, 0)}${hexByte(b, 1)}${hexByte(b, 2)}${hexByte(b, 3)}-${hexByte(b, 4)}${hexByte(b, 5)}-` +
    `${hexByte(b, 6, 0x40, 0x0f)}${hexByte(b, 7)}-${hexByte(b, 8, 0x80, 0x3f)}${hexByte(b, 9)}-` +
    `${hexByte(b, 10)}${hexByte(b, 11)}${hexByte(b, 12)}${hexByte(b, 13)}${hexByte(b, 14)}${hexByte(b, 15)}`
  );
}

/** A random source backed by the operating system (node:crypto). */
export function cryptoRandomSource(): RandomSource {
  return (length) => randomFillSync(new Uint8Array(length));
}

/**
 * A deterministic random source (the mulberry32 generator) for tests and reproducible runs: the same seed
 * gives the same GUIDs.
 */
export function seededRandomSource(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const word = next();
      for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return out;
  };
}
