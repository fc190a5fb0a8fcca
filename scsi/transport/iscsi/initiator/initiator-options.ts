/**
 * Options of the iSCSI initiator and their defaults.
 * Spec: RFC 7143 11.12.5 (ISID: type 10b "random"), 13 (negotiated keys), 12.1.3 (CHAP); libiscsi's URL form for
 * the same settings (docs/iscsi.md "Initiator").
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { ScaledClock, type Clock } from '../../../../common/clock/clock.js';
import { MAX_BUSY_POLL_MICROS } from '../busy-poll.js';
import { checkChapConfiguration, type ChapCredentials } from '../chap.js';
import { Iscsi } from '../constants.js';
import { SILENT_LOGGER, type Logger } from '../../../../common/logger.js';
import { nonNegativeInteger } from '../option-range.js';
import type { DigestNameValue } from '../text/keys.js';
import { DEFAULT_NEGOTIATION_POLICY, type NegotiationPolicy } from '../text/negotiation.js';

/** How the login walks the stages when no CHAP is configured. */
export type LoginFlow =
  /** One leading PDU from the operational stage straight to the full feature phase (libiscsi, QEMU). */
  | 'direct'
  /** A security stage with AuthMethod=None first, then the operational stage (the Linux initiator). */
  | 'staged';

/** Where and how to connect. */
export interface IscsiInitiatorOptions {
  readonly host: string;
  /** Default 3260. */
  readonly port?: number;
  readonly targetName: string;
  /** The LUN this transport is for (informational: each command names its LUN). Default 0. */
  readonly lun?: number;
  /** Default iqn.2026-01.org.changerbench:initiator. */
  readonly initiatorName?: string;
  readonly initiatorAlias?: string;
  /** One-way CHAP: the initiator proves itself with these. */
  readonly chap?: ChapCredentials;
  /** Mutual CHAP: the target must prove itself with these. */
  readonly mutualChap?: ChapCredentials;
  /** HeaderDigest values to offer, in preference order. Default None,CRC32C. */
  readonly headerDigest?: readonly DigestNameValue[];
  /** DataDigest values to offer, in preference order. Default None,CRC32C. */
  readonly dataDigest?: readonly DigestNameValue[];
  /** Other negotiation preferences (ImmediateData, InitialR2T, lengths). */
  readonly negotiation?: Partial<NegotiationPolicy>;
  readonly loginFlow?: LoginFlow;
  /** 6-byte ISID; default type 10b (random) from `randomBytes`. */
  readonly isid?: Buffer;
  /** Connect plus login must finish within this time. Default 10 s. */
  readonly loginTimeoutMs?: number;
  /** Default time limit for each command (0: none, the default: changer moves can take minutes). */
  readonly commandTimeoutMs?: number;
  /**
   * Keep the event loop polling for this many microseconds after sending a command and after each PDU received
   * while commands are outstanding, instead of sleeping until the answer comes (busy-poll.ts). 0, the default,
   * turns it off. For a load generator such as `npm run bench`: answers are then read without the wake-up of a
   * sleeping process, which otherwise becomes part of what is measured. Costs up to one core while commands run.
   */
  readonly busyPollMicros?: number;
  readonly logger?: Logger;
  readonly randomBytes?: (size: number) => Buffer;
  readonly clock?: Clock;
}

/** Options with every default filled in. */
export interface ResolvedInitiatorOptions {
  readonly host: string;
  readonly port: number;
  readonly targetName: string;
  readonly lun: number;
  readonly initiatorName: string;
  readonly initiatorAlias: string | undefined;
  readonly chap: ChapCredentials | undefined;
  readonly mutualChap: ChapCredentials | undefined;
  readonly policy: NegotiationPolicy;
  readonly loginFlow: LoginFlow;
  readonly isid: Buffer;
  readonly loginTimeoutMs: number;
  readonly commandTimeoutMs: number;
  readonly busyPollMicros: number;
  readonly logger: Logger;
  readonly randomBytes: (size: number) => Buffer;
  readonly clock: Clock;
}

/** The initiator name used when none is given. */
export const DEFAULT_INITIATOR_NAME = 'iqn.2026-01.org.changerbench:initiator';

/** A random-format ISID (RFC 7143 11.12.5, docs/iscsi.md 7.3: T=10b, 24 random bits, qualifier 0). */
export function randomIsid(randomBytes: (size: number) => Buffer): Buffer {
  const r = randomBytes(3);
  return Buffer.from([0x80, r[0] ?? 0, r[1] ?? 0, r[2] ?? 0, 0x00, 0x00]);
}

/** Fills in defaults and checks values; throws RangeError on nonsense. */
export function resolveInitiatorOptions(options: IscsiInitiatorOptions): ResolvedInitiatorOptions {
  if (!options.host) throw new RangeError('host is required');
  if (!options.targetName) throw new RangeError('targetName is required');
  checkChapConfiguration(options.chap, options.mutualChap);
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;
  const isid = options.isid ?? randomIsid(randomBytes);
  if (isid.length !== 6) throw new RangeError('isid must be 6 bytes');
  const policy: NegotiationPolicy = {
    ...DEFAULT_NEGOTIATION_POLICY,
    ...options.negotiation,
    ...(options.headerDigest === undefined ? {} : { headerDigest: options.headerDigest }),
    ...(options.dataDigest === undefined ? {} : { dataDigest: options.dataDigest }),
  };
  if (policy.headerDigest.length === 0 || policy.dataDigest.length === 0)
    throw new RangeError('digest lists must not be empty');
  if (policy.maxRecvDataSegmentLength < 512 || policy.maxRecvDataSegmentLength > Iscsi.MAX_DATA_SEGMENT_LENGTH) {
    throw new RangeError('maxRecvDataSegmentLength must be 512 to 16777215');
  }
  const busyPollMicros = nonNegativeInteger(options.busyPollMicros ?? 0, 'busyPollMicros', MAX_BUSY_POLL_MICROS);
  const lun = options.lun ?? 0;
  if (!Number.isInteger(lun) || lun < 0 || lun > 0x3fff) throw new RangeError('lun must be 0 to 16383');
  return {
    host: options.host,
    port: options.port ?? Iscsi.DEFAULT_PORT,
    targetName: options.targetName,
    lun,
    initiatorName: options.initiatorName ?? DEFAULT_INITIATOR_NAME,
    initiatorAlias: options.initiatorAlias,
    chap: options.chap,
    mutualChap: options.mutualChap,
    policy,
    loginFlow: options.loginFlow ?? 'direct',
    isid,
    loginTimeoutMs: options.loginTimeoutMs ?? 10_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 0,
    busyPollMicros,
    logger: options.logger ?? SILENT_LOGGER,
    randomBytes,
    clock: options.clock ?? new ScaledClock(),
  };
}
