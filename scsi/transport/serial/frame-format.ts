/**
 * Constants of the serial frame: start marker, field offsets, sizes, frame types and flags.
 * Spec: docs/serial-framing.md section 3 (frame layout) and section 4 (frame types).
 */

/** Byte layout of a frame (section 3.1). All multi-byte fields are big-endian. */
export const FrameLayout = {
  /** First byte of the start marker. Never valid in UTF-8, not ASCII, not an idle-line value (00h/FFh). */
  MARKER_0: 0xf5,
  /** Second byte of the start marker; differs from the first so the marker cannot overlap itself. */
  MARKER_1: 0xa3,
  TYPE_OFFSET: 2,
  FLAGS_OFFSET: 3,
  SEQ_OFFSET: 4,
  LENGTH_OFFSET: 6,
  HEADER_CHECK_OFFSET: 8,
  /** Marker, type, flags, sequence number, payload length, header check. */
  HEADER_LENGTH: 10,
  /** The CRC-32C after the payload. */
  TRAILER_LENGTH: 4,
  /** Header plus trailer: the bytes a frame adds to its payload. */
  OVERHEAD: 14,
  /** Largest payload of one frame (2 KiB); longer messages are fragmented (section 5). */
  MAX_PAYLOAD: 2048,
} as const;

/** Largest encoded frame: header, the largest payload, trailer. */
export const MAX_FRAME_LENGTH = FrameLayout.HEADER_LENGTH + FrameLayout.MAX_PAYLOAD + FrameLayout.TRAILER_LENGTH;

/** Frame types (section 4). */
export const FrameType = {
  /** Initiator asks for a session and names itself (unsequenced). */
  HELLO: 0x01,
  /** Target accepts a HELLO and names the nexus (unsequenced). */
  WELCOME: 0x02,
  /** Target announces that its port is open and it has no session (unsequenced). */
  READY: 0x03,
  /** Either side ends the session, with a reason (unsequenced). */
  RESET: 0x04,
  /** A fragment of a COMMAND message (sequenced). */
  COMMAND: 0x10,
  /** A fragment of a RESPONSE message (sequenced). */
  RESPONSE: 0x11,
  /** Empty sequenced frame that only asks for an acknowledgement (liveness). */
  KEEPALIVE: 0x12,
  /** Cumulative acknowledgement: every sequenced frame up to and including `seq` arrived (unsequenced). */
  ACK: 0x20,
  /** Negative acknowledgement: `seq` is the next frame expected; resend from there (unsequenced). */
  NAK: 0x21,
} as const;

/** One of the values of {@link FrameType}. */
export type FrameTypeCode = (typeof FrameType)[keyof typeof FrameType];

/** Bits of the flags byte (section 3.3). */
export const FrameFlag = {
  /** Another fragment of the same message follows. */
  MORE: 0x01,
} as const;

/** Sequence numbers are 16-bit and wrap (section 6.1). */
export const SEQ_MODULO = 0x10000;

/** True for the frame types that carry a sequence number and are acknowledged (section 6). */
export function isSequencedType(type: number): boolean {
  return type === FrameType.COMMAND || type === FrameType.RESPONSE || type === FrameType.KEEPALIVE;
}

/** The two ends of a line (section 1): the initiator sends commands, the target executes them. */
export type LinkRole = 'initiator' | 'target';

/**
 * Which end receives each frame type: section 4's direction column, one row per type. A frame of a type its
 * receiver never accepts is ignored whole (section 7.4): no ACK, no NAK, no sequence number consumed.
 */
export const FRAME_RECEIVERS: Readonly<Record<FrameTypeCode, readonly LinkRole[]>> = {
  [FrameType.HELLO]: ['target'],
  [FrameType.WELCOME]: ['initiator'],
  [FrameType.READY]: ['initiator'],
  [FrameType.RESET]: ['initiator', 'target'],
  [FrameType.COMMAND]: ['target'],
  [FrameType.RESPONSE]: ['initiator'],
  [FrameType.KEEPALIVE]: ['initiator', 'target'],
  [FrameType.ACK]: ['initiator', 'target'],
  [FrameType.NAK]: ['initiator', 'target'],
};

/** Whether a frame type is known (section 4); unknown ones are counted and ignored (section 3.5). */
export function isKnownType(type: number): type is FrameTypeCode {
  return Object.hasOwn(FRAME_RECEIVERS, type);
}

/** Whether `role` ever receives frames of a known `type` (a target never receives a RESPONSE). */
export function receives(role: LinkRole, type: FrameTypeCode): boolean {
  return FRAME_RECEIVERS[type].includes(role);
}

/** The name of a frame type for logs ("COMMAND"); unknown types print as hex. */
export function frameTypeName(type: number): string {
  for (const [name, value] of Object.entries(FrameType)) if (value === type) return name;
  return `TYPE 0x${type.toString(16).padStart(2, '0')}`;
}

/** One frame, decoded or to encode. */
export interface Frame {
  /** A {@link FrameType} value; decoders also pass unknown types through for the link to ignore. */
  readonly type: number;
  /** Flags byte ({@link FrameFlag}). */
  readonly flags: number;
  /** Sequence number (sequenced types), acknowledged number (ACK), expected number (NAK), else 0. */
  readonly seq: number;
  /** At most {@link FrameLayout.MAX_PAYLOAD} bytes. */
  readonly payload: Buffer;
}
