/**
 * The initiator's login conversation: the security stage with CHAP (one-way or mutual) when credentials are set,
 * the operational stage with our offers (answering any key the target offers), and the final response that
 * opens the full feature phase.
 * Spec: RFC 7143 6.3 (stages; a leading PDU may go straight to the full feature phase), 6.2 (negotiation),
 * 12.1.3 (CHAP_A, CHAP_I/CHAP_C, CHAP_N/CHAP_R, mutual CHAP), 11.12 / 11.13 (Login PDUs), 13.9 (TPGT);
 * docs/iscsi.md 7.3.
 */
import { TransportError } from '../../scsi-transport.js';
import {
  CHAP_CHALLENGE_LENGTH,
  ChapAlgorithm,
  chapResponse,
  decodeBinaryValue,
  encodeBinaryValue,
  parseChapIdentifier,
  verifyChapResponse,
} from '../chap.js';
import { Iscsi, IscsiOpcode, LoginStage, LoginStatus } from '../constants.js';
import { IscsiLoginError } from '../errors.js';
import { decodeLoginResponse, encodeLoginRequest } from '../pdu/login.js';
import { pduOpcode } from '../pdu/pdu.js';
import { serialAdd } from '../serial-number.js';
import { ISCSI_KEYS, parseNumber } from '../text/keys.js';
import {
  acceptAnswer,
  answerOffer,
  buildOffers,
  newNegotiationState,
  resolveSessionParameters,
  settleUnanswered,
  type SessionParameters,
} from '../text/negotiation.js';
import { decodeTextData, encodeTextData, type TextPair } from '../text/text-codec.js';
import type { ResolvedInitiatorOptions } from './initiator-options.js';
import type { LoginLink } from './login-link.js';

/** What a successful login establishes. */
export interface InitiatorLoginResult {
  readonly tsih: number;
  readonly parameters: SessionParameters;
  /** StatSN of the last login response + 1. */
  readonly expStatSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly targetPortalGroupTag: number | undefined;
  readonly targetAlias: string | undefined;
}

type ChapPhase = 'offer' | 'algorithm' | 'response' | 'awaiting-transit' | 'none';

const MAX_EXCHANGES = 32;
const SECURITY_KEYS = new Set(['AuthMethod', 'CHAP_A', 'CHAP_I', 'CHAP_C', 'CHAP_N', 'CHAP_R']);

function fail(message: string, status: number = LoginStatus.AUTHENTICATION_FAILURE): never {
  throw new IscsiLoginError(message, status);
}

/** Runs a login on `link`. `discovery` selects SessionType=Discovery (no TargetName). */
export async function performLogin(
  link: LoginLink,
  o: ResolvedInitiatorOptions,
  discovery: boolean,
  cmdSN: number,
): Promise<InitiatorLoginResult> {
  const identity: TextPair[] = [{ key: 'InitiatorName', value: o.initiatorName }];
  if (o.initiatorAlias !== undefined) identity.push({ key: 'InitiatorAlias', value: o.initiatorAlias });
  if (!discovery) identity.push({ key: 'TargetName', value: o.targetName });
  identity.push({ key: 'SessionType', value: discovery ? 'Discovery' : 'Normal' });
  const offers = buildOffers(o.policy, discovery);
  const offered = new Map(offers.map((p) => [p.key, p]));
  const state = newNegotiationState();
  const secure = o.chap !== undefined || o.loginFlow === 'staged';
  let stage: number = secure ? LoginStage.SECURITY_NEGOTIATION : LoginStage.OPERATIONAL_NEGOTIATION;
  let chapPhase: ChapPhase = secure ? 'offer' : 'none';
  let ourChallenge: Buffer = Buffer.alloc(0);
  let ourIdentifier = 0;
  let mutualVerified = false;
  let first = true;
  let offersSent = false;
  let pending: TextPair[] = [];
  let expStatSN = 0;

  for (let exchange = 0; exchange < MAX_EXCHANGES; exchange++) {
    const keys: TextPair[] = first ? [...identity] : [];
    let transit = true;
    let nextStage: number = LoginStage.FULL_FEATURE_PHASE;
    if (stage === LoginStage.SECURITY_NEGOTIATION) {
      nextStage = LoginStage.OPERATIONAL_NEGOTIATION;
      if (chapPhase === 'offer') {
        keys.push({
          key: 'AuthMethod',
          value: o.chap === undefined ? 'None' : o.mutualChap === undefined ? 'CHAP,None' : 'CHAP',
        });
      } else if (chapPhase === 'algorithm') {
        keys.push({ key: 'CHAP_A', value: String(ChapAlgorithm.MD5) });
        transit = false;
      }
    } else if (!offersSent) {
      keys.push(...offers);
      offersSent = true;
    }
    keys.push(...pending);
    pending = [];
    link.send(
      encodeLoginRequest({
        transit,
        continue: false,
        currentStage: stage,
        nextStage,
        versionMax: Iscsi.VERSION,
        versionMin: Iscsi.VERSION,
        isid: o.isid,
        tsih: 0,
        initiatorTaskTag: 0,
        cid: 0,
        cmdSN,
        expStatSN,
        data: encodeTextData(keys),
      }),
    );
    first = false;

    // Collect one response (joining continuation PDUs).
    const parts: Buffer[] = [];
    let response;
    for (;;) {
      const pdu = await link.receive();
      if (pduOpcode(pdu.bhs) !== IscsiOpcode.LOGIN_RESPONSE)
        throw new TransportError(`unexpected opcode ${pduOpcode(pdu.bhs).toString(16)}h during login`, 'ETRANSPORT');
      response = decodeLoginResponse(pdu);
      const status = (response.statusClass << 8) | response.statusDetail;
      if (status !== LoginStatus.SUCCESS) fail('target refused the login', status);
      expStatSN = serialAdd(response.statSN, 1);
      parts.push(response.data);
      if (!response.continue) break;
      link.send(
        encodeLoginRequest({
          transit: false,
          continue: false,
          currentStage: stage,
          nextStage: 0,
          versionMax: 0,
          versionMin: 0,
          isid: o.isid,
          tsih: 0,
          initiatorTaskTag: 0,
          cid: 0,
          cmdSN,
          expStatSN,
          data: Buffer.alloc(0),
        }),
      );
    }
    let pairs: TextPair[];
    try {
      pairs = decodeTextData(Buffer.concat(parts));
    } catch (err) {
      throw new TransportError(`malformed login text from the target: ${String(err)}`, 'ETRANSPORT');
    }

    for (const pair of pairs) {
      if (SECURITY_KEYS.has(pair.key)) continue;
      const ours = offered.get(pair.key);
      if (ours !== undefined) {
        try {
          acceptAnswer(ours, pair.value, state);
        } catch (err) {
          throw new TransportError(String(err instanceof Error ? err.message : err), 'ETRANSPORT');
        }
      } else if (ISCSI_KEYS[pair.key]?.kind === 'declarative') {
        state.declared.set(pair.key, pair.value);
      } else {
        const answer = answerOffer(pair, o.policy, state, discovery);
        if (answer !== undefined) pending.push({ key: pair.key, value: answer });
      }
    }

    if (stage === LoginStage.SECURITY_NEGOTIATION) {
      const get = (key: string) => pairs.find((p) => p.key === key)?.value;
      const method = get('AuthMethod');
      if (method !== undefined) {
        if (method === 'CHAP' && o.chap !== undefined) chapPhase = 'algorithm';
        else if (method === 'None' && o.mutualChap === undefined) chapPhase = 'awaiting-transit';
        else fail(`target chose AuthMethod=${method}`);
      }
      if (get('CHAP_C') !== undefined) {
        const chap = o.chap ?? fail('target sent a CHAP challenge but no credentials are set');
        if (get('CHAP_A') !== String(ChapAlgorithm.MD5)) fail(`unsupported CHAP_A=${get('CHAP_A') ?? ''}`);
        const identifier = parseChapIdentifier(get('CHAP_I') ?? '') ?? fail('bad CHAP_I from the target');
        const challenge = decodeBinaryValue(get('CHAP_C') ?? '');
        pending.push(
          { key: 'CHAP_N', value: chap.user },
          { key: 'CHAP_R', value: encodeBinaryValue(chapResponse(identifier, chap.secret, challenge)) },
        );
        if (o.mutualChap !== undefined) {
          ourIdentifier = (o.randomBytes(1)[0] ?? 0) & 0xff;
          do ourChallenge = o.randomBytes(CHAP_CHALLENGE_LENGTH);
          while (ourChallenge.equals(challenge));
          pending.push(
            { key: 'CHAP_I', value: String(ourIdentifier) },
            { key: 'CHAP_C', value: encodeBinaryValue(ourChallenge) },
          );
        }
        chapPhase = 'response';
      }
      if (get('CHAP_R') !== undefined) {
        const mutual = o.mutualChap ?? fail('target sent CHAP_R unasked');
        if (
          get('CHAP_N') !== mutual.user ||
          !verifyChapResponse(ourIdentifier, mutual.secret, ourChallenge, decodeBinaryValue(get('CHAP_R') ?? ''))
        ) {
          fail('the target failed mutual CHAP authentication');
        }
        mutualVerified = true;
      }
    }

    if (!response.transit) continue;
    if (stage === LoginStage.SECURITY_NEGOTIATION && o.mutualChap !== undefined && !mutualVerified)
      fail('target ended the security stage without proving itself (mutual CHAP)');
    if (
      stage === LoginStage.SECURITY_NEGOTIATION &&
      o.chap !== undefined &&
      chapPhase !== 'response' &&
      chapPhase !== 'awaiting-transit'
    ) {
      fail('target ended the security stage before CHAP completed');
    }
    stage = response.nextStage;
    if (stage !== LoginStage.FULL_FEATURE_PHASE) continue;
    settleUnanswered(offers, state);
    const tpgt = parseNumber(state.declared.get('TargetPortalGroupTag') ?? '');
    return {
      tsih: response.tsih,
      parameters: resolveSessionParameters(state, o.policy.maxRecvDataSegmentLength),
      expStatSN,
      expCmdSN: response.expCmdSN,
      maxCmdSN: response.maxCmdSN,
      targetPortalGroupTag: tpgt,
      targetAlias: state.declared.get('TargetAlias'),
    };
  }
  throw new TransportError(`login did not complete in ${MAX_EXCHANGES} exchanges`, 'ETRANSPORT');
}
