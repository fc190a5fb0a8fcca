/**
 * CHAP for iSCSI login: MD5 responses, binary value encodings, and the checks RFC 7143 adds (no reflected
 * challenges, distinct secrets for the two directions).
 * Spec: RFC 1994 4.1 (Response = MD5(Identifier || secret || Challenge)), RFC 7143 12.1.3 (CHAP keys CHAP_A,
 * CHAP_I, CHAP_C, CHAP_N, CHAP_R; mutual CHAP), 6.1 (hex "0x" and base64 "0b" binary values); docs/iscsi.md 7.4.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { RejectReason } from './constants.js';
import { IscsiProtocolError } from './errors.js';

/** CHAP algorithm numbers (RFC 7143 12.1.3, docs/iscsi.md 7.4; 5 is MD5, the only one changerbench implements). */
export const ChapAlgorithm = { MD5: 5 } as const;

/** A CHAP name and secret. */
export interface ChapCredentials {
  /** CHAP_N: the name the authenticating side presents. */
  readonly user: string;
  /** The shared secret (RFC 7143 12.1.3 asks for at least 12 bytes without IPsec; docs/iscsi.md 7.4). */
  readonly secret: string;
}

/** Challenge length changerbench generates (bytes). */
export const CHAP_CHALLENGE_LENGTH = 16;
/** Longest challenge accepted (RFC 7143 12.1.3 caps binary values; 1024 bytes is generous; docs/iscsi.md 7.4). */
export const MAX_CHAP_CHALLENGE_LENGTH = 1024;

/** MD5(identifier || secret || challenge), RFC 1994 4.1, docs/iscsi.md 7.4. */
export function chapResponse(identifier: number, secret: string | Buffer, challenge: Uint8Array): Buffer {
  return createHash('md5')
    .update(Buffer.of(identifier & 0xff))
    .update(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret)
    .update(challenge)
    .digest();
}

/** Whether `response` is the right answer, compared in constant time. */
export function verifyChapResponse(
  identifier: number,
  secret: string,
  challenge: Uint8Array,
  response: Buffer,
): boolean {
  const expected = chapResponse(identifier, secret, challenge);
  return response.length === expected.length && timingSafeEqual(response, expected);
}

/** Encodes binary as an iSCSI hex constant ("0x..."), the form libiscsi and Linux parse. */
export function encodeBinaryValue(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

/** Decodes an iSCSI binary value: "0x"/"0X" hex (odd digit counts get a leading zero) or "0b"/"0B" base64. */
export function decodeBinaryValue(value: string): Buffer {
  const prefix = value.slice(0, 2);
  const body = value.slice(2);
  if ((prefix === '0x' || prefix === '0X') && /^[0-9a-fA-F]+$/.test(body)) {
    return Buffer.from(body.length % 2 === 1 ? `0${body}` : body, 'hex');
  }
  if ((prefix === '0b' || prefix === '0B') && /^[A-Za-z0-9+/]+={0,2}$/.test(body) && body.length % 4 === 0) {
    return Buffer.from(body, 'base64');
  }
  throw new IscsiProtocolError(`malformed binary value "${value.slice(0, 32)}"`, RejectReason.PROTOCOL_ERROR);
}

/** Parses CHAP_I (a decimal 0-255, or hex). */
export function parseChapIdentifier(value: string): number | undefined {
  const n = /^[0-9]{1,3}$/.test(value)
    ? Number(value)
    : /^0[xX][0-9a-fA-F]{1,2}$/.test(value)
      ? Number.parseInt(value.slice(2), 16)
      : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}

/**
 * Checks a pair of credential sets before use: RFC 7143 12.1.3 forbids using one secret for both directions
 * (docs/iscsi.md 7.4). Throws RangeError.
 */
export function checkChapConfiguration(chap: ChapCredentials | undefined, mutual: ChapCredentials | undefined): void {
  for (const c of [chap, mutual]) {
    if (c !== undefined && (c.user.length === 0 || c.secret.length === 0))
      throw new RangeError('CHAP user and secret must not be empty');
  }
  if (mutual !== undefined && chap === undefined)
    throw new RangeError('mutual CHAP needs one-way CHAP credentials as well');
  if (chap !== undefined && mutual !== undefined && chap.secret === mutual.secret) {
    throw new RangeError('the mutual CHAP secret must differ from the initiator CHAP secret (RFC 7143 12.1.3)');
  }
}

/**
 * The shortest CHAP secret a target accepts: 12 bytes (96 bits). RFC 7143 12.1.3 lets a CHAP response be sent
 * with a shorter secret only over IPsec, which changerbench does not do (docs/iscsi.md 7.4).
 */
export const MIN_CHAP_SECRET_BYTES = 12;

/**
 * Checks that each secret given has at least MIN_CHAP_SECRET_BYTES bytes (UTF-8); `names` says what to call each
 * in the message (an environment variable, an option). Throws RangeError.
 */
export function checkChapSecretLengths(
  secrets: readonly { readonly secret: string | undefined; readonly name: string }[],
): void {
  for (const { secret, name } of secrets) {
    if (secret === undefined) continue;
    const bytes = Buffer.byteLength(secret, 'utf8');
    if (bytes < MIN_CHAP_SECRET_BYTES) {
      throw new RangeError(
        `${name} is ${bytes} byte${bytes === 1 ? '' : 's'} long; a CHAP secret needs at least ${MIN_CHAP_SECRET_BYTES} bytes (96 bits) without IPsec (RFC 7143 12.1.3)`,
      );
    }
  }
}
