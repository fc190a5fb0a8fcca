/**
 * The leaf types of the library fixture format (addresses, ranges, counts, sense triples, strings), each
 * with one "expected ..." message used for every way a value can fail, so that a validation problem reads
 * "field: expected X, got Y". Element addresses are 16-bit (SMC-3 / docs/smc-reference.md 1.2, 1.4 page 1Dh).
 */
import { z } from 'zod';

/** The schema-level error option for one expectation ("expected a positive integer"). */
export function expecting(expectation: string): { error: string } {
  return { error: `expected ${expectation}` };
}

/** Printable ASCII without control characters (INQUIRY fields, volume tags: SPC-4 4.3.1, docs/scsi-model.md 6). */
const PRINTABLE = /^[\x20-\x7e]*$/;

/** A positive integer (at least 1). */
export function positiveInt(expectation = 'a positive integer') {
  const e = expecting(expectation);
  return z.int(e).min(1, e);
}

/** How many elements or items: a positive integer, at most 65536 (element addresses are 16-bit). */
export function elementCount(min: 0 | 1 = 1) {
  const e = expecting(min === 1 ? 'a positive integer' : 'a non-negative integer');
  return z.int(e).min(min, e).max(0x10000, expecting('at most 65536 (element addresses are 16-bit)'));
}

/** A non-negative integer (0 allowed). */
export function nonNegativeInt(expectation = 'a non-negative integer') {
  const e = expecting(expectation);
  return z.int(e).min(0, e);
}

/** A duration in milliseconds of simulated time. */
export const durationMs = nonNegativeInt('a duration in milliseconds (a non-negative integer)');

const ADDRESS_TEXT = 'an element address: an integer 0-65535 or a hex string such as "0x1000"';

/** A 16-bit value written as a JSON integer or as a "0x..." hex string. */
function sixteenBit(expectation: string) {
  const e = expecting(expectation);
  return z.union([z.int(e).min(0, e).max(0xffff, e), z.string(e).regex(/^0x[0-9a-fA-F]{1,4}$/, e)], e);
}

/** An element address (0-65535), as an integer or a hex string "0x1000". */
export const address = sixteenBit(ADDRESS_TEXT);

/** A 16-bit code such as an INQUIRY version descriptor ("0x0480"). */
export const uint16 = sixteenBit('a 16-bit value: an integer 0-65535 or a hex string such as "0x0480"');

/** A range of element addresses: first address and count (count may be 0 only where the caller says). */
export function addressRange(countSchema: z.ZodType<number> = elementCount()) {
  return z.strictObject(
    { first: address, count: countSchema },
    expecting('an address range {"first": address, "count": n}'),
  );
}

/** An address list item: one address, or a range of addresses. */
export const addressItem = z.union(
  [address, addressRange()],
  expecting(`${ADDRESS_TEXT}, or an address range {"first", "count"}`),
);

/** A list of addresses and address ranges. */
export const addressList = z.array(addressItem, expecting('a list of element addresses and address ranges'));

/** An element address or `hidden:N`, the N-th hidden cleaning slot. */
export const location = z.union(
  [address, z.string(expecting('a location')).regex(/^hidden:\d{1,4}$/, expecting('a location'))],
  expecting(`a location: ${ADDRESS_TEXT}, or "hidden:N" for hidden cleaning slot N`),
);

/** A sense key with ASC and ASCQ written as hex "KK/AA/QQ" (docs/smc-reference.md notation). */
export const senseText = z
  .string(expecting('a sense triple "KK/AA/QQ" in hex, such as "02/04/83"'))
  .regex(
    /^0[0-9a-fA-F]\/[0-9a-fA-F]{2}\/[0-9a-fA-F]{2}$/,
    expecting('a sense triple "KK/AA/QQ" in hex, such as "02/04/83"'),
  );

/** A non-empty printable ASCII string of at most `max` characters. */
export function asciiText(max: number, what = 'text') {
  const e = expecting(`${what} of 1-${max} printable ASCII characters`);
  return z.string(e).min(1, e).max(max, e).regex(PRINTABLE, e);
}

/** A non-empty string (names, descriptions). */
export function nonEmptyText(expectation = 'a non-empty string') {
  const e = expecting(expectation);
  return z.string(e).min(1, e);
}

/** A boolean flag. */
export const flag = z.boolean(expecting('true or false'));

/** A volume tag (barcode label): up to 32 printable ASCII characters, no outer spaces; "" = no label. */
export const volumeTag = z
  .string(expecting('a volume tag of up to 32 printable ASCII characters without leading or trailing spaces'))
  .regex(
    /^(?:[\x21-\x7e](?:[\x20-\x7e]{0,30}[\x21-\x7e])?)?$/,
    expecting('a volume tag of up to 32 printable ASCII characters without leading or trailing spaces'),
  );

/** A template with one counter placeholder, `{n}` or zero-padded `{n:05}` ("A{n:05}L8"). */
export function template(what: string) {
  const e = expecting(`${what} template with one placeholder {n} or {n:0W}, such as "A{n:05}L8"`);
  return z
    .string(e)
    .regex(/^[\x20-\x7e]*$/, e)
    .regex(/^[^{}]*\{n(?::0\d)?\}[^{}]*$/, e);
}

/** What a cartridge is. */
export const cartridgeKind = z.enum(['data', 'cleaning'], expecting('"data" or "cleaning"'));

/** How a product reports the elements of a pulled magazine (personality.ts PulledMagazineStyle). */
export const pulledMagazineStyle = z.enum(
  ['access-only', 'except-3b12', 'ed-3b12', 'vendor-8302'],
  expecting('one of "access-only", "except-3b12", "ed-3b12", "vendor-8302"'),
);

/** NAA identifier in hex: 16 digits starting with 5 (NAA 5) or 32 starting with 6 (NAA 6). */
export const naa = z
  .string(expecting('an NAA identifier: 16 hex digits starting with 5, or 32 starting with 6'))
  .regex(
    /^(?:5[0-9a-fA-F]{15}|6[0-9a-fA-F]{31})$/,
    expecting('an NAA identifier: 16 hex digits starting with 5, or 32 starting with 6'),
  );

/** A citation: names a docs/smc-reference.md section (with manual and page), or starts with "[I]" when inferred. */
export const citation = z
  .string(expecting('a citation string'))
  .regex(
    /smc-reference|^\[I\]/,
    expecting(
      'a citation naming a docs/smc-reference.md section (and the manual page), or starting with "[I]" when inferred',
    ),
  );
