/**
 * Payloads of the session frames HELLO, WELCOME, READY and RESET.
 * Spec: docs/serial-framing.md section 4.1 (payload layouts) and section 7 (session).
 */
import { malformed, parsed, type Parsed } from './parsed.js';

/** Protocol constants of the session layer (section 4.1). */
export const SessionProtocol = {
  /** The protocol version this implementation speaks. */
  VERSION: 1,
  /** HELLO, WELCOME and RESET: a byte (version or reason), reserved, nonce. */
  FIXED_LENGTH: 6,
  /** Longest initiator name in a HELLO, in UTF-8 bytes. */
  MAX_NAME_BYTES: 200,
  /** Longest nexus id in a WELCOME and longest RESET text, in UTF-8 bytes. */
  MAX_TEXT_BYTES: 1024,
} as const;

/** Why a session ended (RESET payload byte 0). */
export const ResetReason = {
  /** The sender is closing the session normally. */
  CLOSED: 0x00,
  /** The target received sequenced frames but has no session: send HELLO first. */
  NO_SESSION: 0x01,
  /** The HELLO asked for a protocol version the target does not speak. */
  UNSUPPORTED_VERSION: 0x02,
  /** The HELLO was malformed (bad name). */
  MALFORMED_HELLO: 0x03,
} as const;

/** A HELLO: an initiator's request for a session. */
export interface Hello {
  readonly version: number;
  /** Chosen afresh for every session by the initiator; its retransmitted HELLOs repeat it. */
  readonly nonce: number;
  /** The initiator port name (1..200 bytes UTF-8, no control characters). */
  readonly initiatorName: string;
}

/** A WELCOME: the target's acceptance of the HELLO with the same nonce. */
export interface Welcome {
  readonly version: number;
  readonly nonce: number;
  /** The I_T nexus id the target gave this session. */
  readonly nexus: string;
}

/** A RESET: the end of a session, or the refusal of a HELLO. */
export interface Reset {
  readonly reason: number;
  /** The nonce of the HELLO this RESET refuses; 0 when it answers no HELLO (initiators never use nonce 0). */
  readonly nonce: number;
  readonly text: string;
}

const utf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

const hasControlCharacter = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

function encodeVersionNonceText(version: number, nonce: number, text: string, max: number): Buffer {
  const body = Buffer.from(text, 'utf8');
  if (body.length > max) throw new RangeError(`text of ${body.length} bytes exceeds ${max}`);
  const out = Buffer.alloc(SessionProtocol.FIXED_LENGTH + body.length);
  out[0] = version;
  out.writeUInt32BE(nonce >>> 0, 2);
  body.copy(out, SessionProtocol.FIXED_LENGTH);
  return out;
}

/** Encodes a HELLO payload. Throws RangeError for a name the peer would refuse. */
export function encodeHello(hello: Hello): Buffer {
  if (hello.initiatorName.length === 0 || hasControlCharacter(hello.initiatorName)) {
    throw new RangeError(
      `initiator name ${JSON.stringify(hello.initiatorName)} must be non-empty without control characters`,
    );
  }
  return encodeVersionNonceText(hello.version, hello.nonce, hello.initiatorName, SessionProtocol.MAX_NAME_BYTES);
}

/** Decodes a HELLO payload; a target answers a failure with RESET MALFORMED_HELLO. */
export function decodeHello(payload: Uint8Array): Parsed<Hello> {
  if (payload.length < SessionProtocol.FIXED_LENGTH + 1)
    return malformed(`HELLO of ${payload.length} bytes is too short`);
  const nameBytes = payload.subarray(SessionProtocol.FIXED_LENGTH);
  if (nameBytes.length > SessionProtocol.MAX_NAME_BYTES)
    return malformed(`initiator name of ${nameBytes.length} bytes is too long`);
  const name = utf8(nameBytes);
  if (name === undefined || hasControlCharacter(name)) return malformed('initiator name is not UTF-8 text');
  const view = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return parsed({ version: payload[0] as number, nonce: view.readUInt32BE(2), initiatorName: name });
}

/** Encodes a WELCOME payload. */
export function encodeWelcome(welcome: Welcome): Buffer {
  return encodeVersionNonceText(welcome.version, welcome.nonce, welcome.nexus, SessionProtocol.MAX_TEXT_BYTES);
}

/** Decodes a WELCOME payload. */
export function decodeWelcome(payload: Uint8Array): Parsed<Welcome> {
  if (payload.length < SessionProtocol.FIXED_LENGTH)
    return malformed(`WELCOME of ${payload.length} bytes is too short`);
  const nexus = utf8(payload.subarray(SessionProtocol.FIXED_LENGTH));
  if (nexus === undefined) return malformed('nexus id is not UTF-8 text');
  const view = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return parsed({ version: payload[0] as number, nonce: view.readUInt32BE(2), nexus });
}

/** Encodes a READY payload: the protocol version the target speaks. */
export function encodeReady(version: number = SessionProtocol.VERSION): Buffer {
  return Buffer.from([version]);
}

/** Encodes a RESET payload (reason, reserved, nonce, text). Text over the limit is cut at a character boundary. */
export function encodeReset(reset: Reset): Buffer {
  let text = reset.text;
  while (Buffer.byteLength(text, 'utf8') > SessionProtocol.MAX_TEXT_BYTES) text = text.slice(0, -1);
  const head = Buffer.alloc(SessionProtocol.FIXED_LENGTH);
  head[0] = reset.reason;
  head.writeUInt32BE(reset.nonce >>> 0, 2);
  return Buffer.concat([head, Buffer.from(text, 'utf8')]);
}

/**
 * Decodes a RESET payload; never throws. An empty payload means CLOSED; a payload too short for the nonce has
 * nonce 0; undecodable text is replaced.
 */
export function decodeReset(payload: Uint8Array): Reset {
  const reason = payload.length > 0 ? (payload[0] as number) : ResetReason.CLOSED;
  if (payload.length < SessionProtocol.FIXED_LENGTH) return { reason, nonce: 0, text: '' };
  const view = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return { reason, nonce: view.readUInt32BE(2), text: view.subarray(SessionProtocol.FIXED_LENGTH).toString('utf8') };
}

/** The name of a RESET reason for logs and error messages. */
export function resetReasonName(reason: number): string {
  for (const [name, value] of Object.entries(ResetReason)) if (value === reason) return name.replace(/_/g, ' ');
  return `REASON 0x${reason.toString(16).padStart(2, '0')}`;
}
