/**
 * Shared harness for the CDB codec specs: every byte vector is checked three ways (decode the hex to the
 * expected fields, encode the fields to identical hex, round-trip), as docs/architecture.md style rule 5 asks.
 */
import { expect } from 'chai';
import type { Decoded } from '../../../../scsi/codec/cdb-decoded.js';

/** Bytes from hex written with optional spaces: "b8 12 10 00". */
export function hex(text: string): Buffer {
  const digits = text.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`bad hex vector: ${text}`);
  return Buffer.from(digits, 'hex');
}

/** Space-separated lower-case hex of bytes, for readable assertion failures. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

/** One hand-written CDB: its bytes, the fields they mean, and optionally an encoder input relying on defaults. */
export interface CdbVector<T, I> {
  /** What the vector shows. */
  readonly name: string;
  /** The CDB, hex, written by hand from the layout cited next to it. */
  readonly hex: string;
  /** The decoded fields. */
  readonly fields: T;
  /** A shorter encoder input (defaults omitted) that must give the same bytes. */
  readonly input?: I;
}

/** The value of a decode that must succeed; fails the test with the field error otherwise. */
export function decodedValue<T>(result: Decoded<T>): T {
  if (!result.ok)
    expect.fail(`expected a decode, got field error at byte ${result.error.byte}: ${result.error.reason}`);
  return result.value;
}

/** Declares the three-way tests (decode, encode, round-trip) for each vector of one command. */
export function checkVectors<I, T extends I & object>(
  encode: (input: I) => Buffer,
  decode: (cdb: Uint8Array) => Decoded<T>,
  vectors: readonly CdbVector<T, I>[],
): void {
  for (const v of vectors) {
    describe(v.name, () => {
      it('decodes the bytes to the fields', () => {
        expect(decodedValue(decode(hex(v.hex)))).to.deep.equal(v.fields);
      });
      it('encodes the fields to the same bytes', () => {
        expect(toHex(encode(v.fields))).to.equal(toHex(hex(v.hex)));
        if (v.input !== undefined) expect(toHex(encode(v.input))).to.equal(toHex(hex(v.hex)));
      });
      it('round-trips: encode(decode(bytes)) = bytes and decode(encode(fields)) = fields', () => {
        const again = encode(decodedValue(decode(hex(v.hex))));
        expect(toHex(again)).to.equal(toHex(hex(v.hex)));
        expect(decodedValue(decode(encode(v.fields)))).to.deep.equal(v.fields);
      });
    });
  }
}
