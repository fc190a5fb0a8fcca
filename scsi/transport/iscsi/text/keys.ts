/**
 * The login and text keys changerbench knows, with their type and result function.
 * Spec: RFC 7143 6.2.1 (list negotiation), 6.2.2 (simple-value negotiation: numerical min/max, Boolean AND/OR),
 * 13.1-13.26 (each key: range, default, scope), 13.26 (obsoleted marker keys), RFC 7144 (iSCSIProtocolLevel);
 * docs/iscsi.md 7.3.
 */

/** How a key's outcome is computed from the offer and the answer. */
export type KeyKind =
  /** The answer is the first offered value the responder supports. */
  | 'list'
  /** Numerical, outcome is the smaller value. */
  | 'min'
  /** Numerical, outcome is the larger value. */
  | 'max'
  /** Boolean, outcome is offer AND local. */
  | 'and'
  /** Boolean, outcome is offer OR local. */
  | 'or'
  /** Declared by one side; no answer expected. */
  | 'declarative';

/** One key's rules. */
export interface KeyDefinition {
  readonly kind: KeyKind;
  /** Inclusive range for numerical keys. */
  readonly range?: readonly [number, number];
  /** Value assumed when the key is never negotiated. */
  readonly defaultValue?: string;
  /**
   * Answered "Irrelevant" in a discovery session (RFC 7143 13.x "Irrelevant when: SessionType=Discovery";
   * docs/iscsi.md 7.3).
   */
  readonly irrelevantInDiscovery?: boolean;
  /** Only valid in the security negotiation stage. */
  readonly security?: boolean;
}

const MAX_24 = 0xffffff;

/** The keys changerbench negotiates or accepts. Anything else is answered NotUnderstood. */
export const ISCSI_KEYS: Readonly<Record<string, KeyDefinition>> = Object.freeze({
  HeaderDigest: { kind: 'list', defaultValue: 'None' },
  DataDigest: { kind: 'list', defaultValue: 'None' },
  MaxConnections: { kind: 'min', range: [1, 65535], defaultValue: '1', irrelevantInDiscovery: true },
  SendTargets: { kind: 'declarative' },
  TargetName: { kind: 'declarative' },
  InitiatorName: { kind: 'declarative' },
  TargetAlias: { kind: 'declarative' },
  InitiatorAlias: { kind: 'declarative' },
  TargetAddress: { kind: 'declarative' },
  TargetPortalGroupTag: { kind: 'declarative', range: [0, 65535] },
  InitialR2T: { kind: 'or', defaultValue: 'Yes', irrelevantInDiscovery: true },
  ImmediateData: { kind: 'and', defaultValue: 'Yes', irrelevantInDiscovery: true },
  MaxRecvDataSegmentLength: { kind: 'declarative', range: [512, MAX_24], defaultValue: '8192' },
  MaxBurstLength: { kind: 'min', range: [512, MAX_24], defaultValue: '262144', irrelevantInDiscovery: true },
  FirstBurstLength: { kind: 'min', range: [512, MAX_24], defaultValue: '65536', irrelevantInDiscovery: true },
  DefaultTime2Wait: { kind: 'max', range: [0, 3600], defaultValue: '2' },
  DefaultTime2Retain: { kind: 'min', range: [0, 3600], defaultValue: '20' },
  MaxOutstandingR2T: { kind: 'min', range: [1, 65535], defaultValue: '1', irrelevantInDiscovery: true },
  DataPDUInOrder: { kind: 'or', defaultValue: 'Yes', irrelevantInDiscovery: true },
  DataSequenceInOrder: { kind: 'or', defaultValue: 'Yes', irrelevantInDiscovery: true },
  ErrorRecoveryLevel: { kind: 'min', range: [0, 2], defaultValue: '0' },
  SessionType: { kind: 'declarative', defaultValue: 'Normal' },
  AuthMethod: { kind: 'list', security: true },
  CHAP_A: { kind: 'list', security: true },
  CHAP_I: { kind: 'declarative', security: true },
  CHAP_C: { kind: 'declarative', security: true },
  CHAP_N: { kind: 'declarative', security: true },
  CHAP_R: { kind: 'declarative', security: true },
  // Obsoleted by RFC 7143 13.26, docs/iscsi.md 7.3: answered "No" (markers) and "Irrelevant" (intervals), never
  // NotUnderstood.
  IFMarker: { kind: 'and', defaultValue: 'No' },
  OFMarker: { kind: 'and', defaultValue: 'No' },
  IFMarkInt: { kind: 'declarative' },
  OFMarkInt: { kind: 'declarative' },
});

/** Digest names (RFC 7143 13.1, docs/iscsi.md 7.1). */
export const DigestName = { NONE: 'None', CRC32C: 'CRC32C' } as const;
export type DigestNameValue = (typeof DigestName)[keyof typeof DigestName];

/** Parses a decimal numerical value (RFC 7143 6.1, docs/iscsi.md 7.3: decimal, or 0x hex); undefined when malformed. */
export function parseNumber(value: string): number | undefined {
  if (/^[0-9]{1,10}$/.test(value)) return Number(value);
  if (/^0[xX][0-9a-fA-F]{1,8}$/.test(value)) return Number.parseInt(value.slice(2), 16);
  return undefined;
}

/** Parses Yes/No; undefined when neither. */
export function parseBoolean(value: string): boolean | undefined {
  if (value === 'Yes') return true;
  if (value === 'No') return false;
  return undefined;
}

/** Yes or No. */
export function formatBoolean(value: boolean): string {
  return value ? 'Yes' : 'No';
}
