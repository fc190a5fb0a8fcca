/**
 * Shared parts of the target login specs: a login state machine on a fake backend and Login Request builders.
 * Spec: RFC 7143 6 (login phase), 11.12, 11.13; docs/iscsi.md 7.3.
 */
import { decodeLoginResponse, type LoginRequestPdu } from '../../../../../scsi/transport/iscsi/pdu/login.js';
import { decodeTextData, encodeTextData, pairsOf } from '../../../../../scsi/transport/iscsi/text/text-codec.js';
import { TargetLogin, type LoginStep } from '../../../../../scsi/transport/iscsi/target/target-login.js';
import {
  resolveTargetOptions,
  type IscsiTargetOptions,
} from '../../../../../scsi/transport/iscsi/target/target-options.js';
import { FakeBackend } from './fake-backend.js';

/** The target and initiator names and the ISID of every login here. */
export const TARGET = 'iqn.2026-01.org.changerbench:t';
export const INITIATOR = 'iqn.2026-01.org.changerbench:i';
export const ISID = Buffer.from('80aabbcc0000', 'hex');

/** A target-side login state machine on a fake backend, with fixed random bytes and TSIHs from 1. */
export function login(over: Partial<IscsiTargetOptions> = {}): TargetLogin {
  const options = resolveTargetOptions({
    targetName: TARGET,
    backend: new FakeBackend(),
    randomBytes: (n) => Buffer.alloc(n, 0x11),
    ...over,
  });
  let tsih = 0;
  return new TargetLogin(options, { sessionExists: (t) => t === 42, allocateTsih: () => ++tsih }, 1000);
}

/** A Login Request PDU from stage csg to nsg with the given keys (or raw data). */
export function request(
  csg: number,
  nsg: number,
  transit: boolean,
  keys: Record<string, string> | Buffer,
  more: Partial<LoginRequestPdu> = {},
): LoginRequestPdu {
  return {
    transit,
    continue: false,
    currentStage: csg,
    nextStage: nsg,
    versionMax: 0,
    versionMin: 0,
    isid: ISID,
    tsih: 0,
    initiatorTaskTag: 7,
    cid: 0,
    cmdSN: 500,
    expStatSN: 0,
    data: Buffer.isBuffer(keys) ? keys : encodeTextData(pairsOf(keys)),
    ...more,
  };
}

/** The keys of a normal session's first request. */
export const identity = { InitiatorName: INITIATOR, TargetName: TARGET, SessionType: 'Normal' };
/** The decoded Login Response of a step. */
export const response = (step: LoginStep) => decodeLoginResponse(step.response);
/** The text keys of a step's response. */
export const keys = (step: LoginStep) =>
  Object.fromEntries(decodeTextData(step.response.data).map((p) => [p.key, p.value]));
/** Status class and detail of a step's response, as one number (0x0201: class 2, detail 1). */
export const status = (step: LoginStep) => (response(step).statusClass << 8) | response(step).statusDetail;
