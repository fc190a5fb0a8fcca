/**
 * The target's login phase for one connection: stages, text continuation, identity checks, security (CHAP) and
 * operational negotiation, and the final response that opens the full feature phase.
 * Spec: RFC 7143 6 (login and text negotiation), 6.3 (login phase stages; the leading PDU may go straight to the
 * full feature phase), 11.12 / 11.13 (Login Request / Response), 13.9 (TargetPortalGroupTag in the first response),
 * 4.2.2.1 (the login CmdSN becomes ExpCmdSN), 11.12.2 (T and C never both set), 6.1 (text is UTF-8); docs/iscsi.md 7.3.
 */
import { Iscsi, LoginStage, LoginStatus } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { encodeLoginResponse, type LoginRequestPdu } from '../pdu/login.js';
import type { Pdu } from '../pdu/pdu.js';
import { serialAdd } from '../serial-number.js';
import {
  answerOffers,
  newNegotiationState,
  resolveSessionParameters,
  type SessionParameters,
} from '../text/negotiation.js';
import { decodeTextData, encodeTextData, findValue, type TextPair } from '../text/text-codec.js';
import { LoginRefusal } from './login-refusal.js';
import { SECURITY_KEYS, TargetChap } from './target-chap.js';
import type { ResolvedTargetOptions } from './target-options.js';

/** What a completed login hands to the session. */
export interface LoginResult {
  readonly initiatorName: string;
  readonly initiatorAlias: string | undefined;
  readonly isid: Buffer;
  readonly tsih: number;
  readonly cid: number;
  readonly sessionType: 'Normal' | 'Discovery';
  readonly parameters: SessionParameters;
  /** ExpCmdSN for the full feature phase (the login's CmdSN). */
  readonly expCmdSN: number;
  /** StatSN for the first full-feature status. */
  readonly nextStatSN: number;
  /** The CHAP name the initiator proved, when CHAP was used. */
  readonly chapUser: string | undefined;
}

/** Outcome of one Login Request: the response to send, and whether login ended. */
export interface LoginStep {
  readonly response: Pdu;
  readonly done?: LoginResult;
  readonly refused?: LoginRefusal;
}

/** Registry hooks the login needs from the target. */
export interface LoginRegistry {
  /** True when a session with this TSIH exists. */
  sessionExists(tsih: number): boolean;
  /** Reserves a TSIH for a new session (never 0). */
  allocateTsih(): number;
}

const MAX_LOGIN_PDUS = 64;
const MAX_LOGIN_TEXT = 65536;
const IDENTITY_KEYS = ['InitiatorName', 'InitiatorAlias', 'TargetName', 'SessionType'] as const;

/** One connection's login conversation. */
export class TargetLogin {
  private stage: number | undefined;
  private isid: Buffer = Buffer.alloc(6);
  private tsih = 0;
  private cid = 0;
  private cmdSN = 0;
  private statSN: number;
  private pdus = 0;
  private readonly pending: Buffer[] = [];
  private pendingLength = 0;
  private readonly seen = new Set<string>();
  private readonly negotiation = newNegotiationState();
  private readonly chap: TargetChap;
  private initiator = '';
  private initiatorAlias: string | undefined;
  private sessionType: 'Normal' | 'Discovery' = 'Normal';
  private declaredMrdsl = false;

  constructor(
    private readonly options: ResolvedTargetOptions,
    private readonly registry: LoginRegistry,
    initialStatSN: number,
  ) {
    this.statSN = initialStatSN >>> 0;
    this.chap = new TargetChap(options.chap, options.mutualChap, options.randomBytes);
  }

  /** The InitiatorName the peer gave, once its first Login Request was read. */
  get initiatorName(): string | undefined {
    return this.initiator === '' ? undefined : this.initiator;
  }

  /** Whether CHAP is configured and the initiator has proved the secret. */
  get authenticated(): boolean {
    return this.chap.required && this.chap.complete;
  }

  /** Handles one Login Request. */
  handle(request: LoginRequestPdu): LoginStep {
    try {
      return this.process(request);
    } catch (err) {
      const refusal =
        err instanceof LoginRefusal
          ? err
          : new LoginRefusal(
              LoginStatus.INITIATOR_ERROR,
              err instanceof IscsiProtocolError ? err.message : `unexpected: ${String(err)}`,
            );
      return { response: this.respond(request, [], false, 0, refusal.status), refused: refusal };
    }
  }

  private process(request: LoginRequestPdu): LoginStep {
    if (++this.pdus > MAX_LOGIN_PDUS) throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'too many login PDUs');
    // RFC 7143 11.12.2, docs/iscsi.md 7.3: a Login Request with the C bit set must have the T bit clear.
    if (request.transit && request.continue)
      throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'T and C bits both set');
    const first = this.stage === undefined;
    if (first) this.begin(request);
    else if (!request.isid.equals(this.isid) || request.tsih !== this.tsih || request.cid !== this.cid) {
      throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'ISID, TSIH or CID changed during login');
    }
    const csg = request.currentStage;
    if (csg !== LoginStage.SECURITY_NEGOTIATION && csg !== LoginStage.OPERATIONAL_NEGOTIATION) {
      throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, `CSG ${csg} is not a login stage`);
    }
    if (csg !== this.stage)
      throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, `CSG ${csg} while in stage ${this.stage}`);

    this.pendingLength += request.data.length;
    if (this.pendingLength > MAX_LOGIN_TEXT) throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'login text too long');
    this.pending.push(request.data);
    if (request.continue) return { response: this.respond(request, [], false, 0, LoginStatus.SUCCESS) };
    const pairs = decodeTextData(Buffer.concat(this.pending));
    this.pending.length = 0;
    this.pendingLength = 0;
    this.checkRepeats(pairs);
    if (first) this.identify(pairs, csg);

    const security = pairs.filter((p) => SECURITY_KEYS.has(p.key));
    const operational = pairs.filter((p) => !SECURITY_KEYS.has(p.key));
    const answers: TextPair[] = [];
    if (security.length > 0) {
      if (csg !== LoginStage.SECURITY_NEGOTIATION)
        throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'security keys outside the security stage');
      answers.push(...this.chap.handle(security));
    }
    answers.push(...answerOffers(operational, this.options.policy, this.negotiation, this.sessionType === 'Discovery'));
    if (first && this.sessionType === 'Normal') {
      answers.push({ key: 'TargetPortalGroupTag', value: String(this.options.tpgt) });
      if (this.options.targetAlias !== undefined) answers.push({ key: 'TargetAlias', value: this.options.targetAlias });
    }

    let transit = false;
    const nsg = request.nextStage;
    if (request.transit) {
      if (nsg <= csg || nsg === 2) throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, `NSG ${nsg} after CSG ${csg}`);
      if (csg === LoginStage.SECURITY_NEGOTIATION && !this.chap.complete) {
        if (security.length === 0)
          throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, 'security stage ended without authentication');
      } else {
        transit = true;
      }
    }
    const final = transit && nsg === LoginStage.FULL_FEATURE_PHASE;
    if (!this.declaredMrdsl && (csg === LoginStage.OPERATIONAL_NEGOTIATION || final)) {
      answers.push({ key: 'MaxRecvDataSegmentLength', value: String(this.options.policy.maxRecvDataSegmentLength) });
      this.declaredMrdsl = true;
    }
    if (!final) {
      const response = this.respond(request, answers, transit, nsg, LoginStatus.SUCCESS);
      if (transit) this.stage = nsg;
      return { response };
    }
    this.tsih = this.registry.allocateTsih();
    const nextStatSN = serialAdd(this.statSN, 1);
    const response = this.respond(request, answers, true, nsg, LoginStatus.SUCCESS);
    this.stage = LoginStage.FULL_FEATURE_PHASE;
    return {
      response,
      done: {
        initiatorName: this.initiator,
        initiatorAlias: this.initiatorAlias,
        isid: this.isid,
        tsih: this.tsih,
        cid: this.cid,
        sessionType: this.sessionType,
        parameters: resolveSessionParameters(this.negotiation, this.options.policy.maxRecvDataSegmentLength),
        expCmdSN: this.cmdSN,
        nextStatSN,
        chapUser: this.chap.authenticatedUser,
      },
    };
  }

  private begin(request: LoginRequestPdu): void {
    this.stage = request.currentStage;
    this.isid = request.isid;
    this.tsih = request.tsih;
    this.cid = request.cid;
    this.cmdSN = request.cmdSN;
    if (request.versionMin > Iscsi.VERSION)
      throw new LoginRefusal(LoginStatus.UNSUPPORTED_VERSION, `Version-min ${request.versionMin}`);
    if (request.tsih !== 0) {
      const status = this.registry.sessionExists(request.tsih)
        ? LoginStatus.TOO_MANY_CONNECTIONS
        : LoginStatus.SESSION_DOES_NOT_EXIST;
      throw new LoginRefusal(status, `login to existing session TSIH ${request.tsih} (MaxConnections=1)`);
    }
  }

  private checkRepeats(pairs: readonly TextPair[]): void {
    for (const { key } of pairs) {
      if (this.seen.has(key)) throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, `key ${key} negotiated twice`);
      this.seen.add(key);
    }
  }

  private identify(pairs: readonly TextPair[], csg: number): void {
    const values = Object.fromEntries(IDENTITY_KEYS.map((k) => [k, findValue(pairs, k)]));
    const initiatorName = values['InitiatorName'];
    if (initiatorName === undefined || initiatorName.length === 0)
      throw new LoginRefusal(LoginStatus.MISSING_PARAMETER, 'no InitiatorName');
    this.initiator = initiatorName;
    this.initiatorAlias = values['InitiatorAlias'];
    const sessionType = values['SessionType'] ?? 'Normal';
    if (sessionType !== 'Normal' && sessionType !== 'Discovery')
      throw new LoginRefusal(LoginStatus.SESSION_TYPE_NOT_SUPPORTED, `SessionType=${sessionType}`);
    this.sessionType = sessionType;
    const allowed = this.options.allowedInitiators;
    if (allowed !== undefined && !allowed.has(initiatorName.toLowerCase())) {
      throw new LoginRefusal(LoginStatus.AUTHORIZATION_FAILURE, `initiator ${initiatorName} is not allowed`);
    }
    if (sessionType === 'Normal') {
      const targetName = values['TargetName'];
      if (targetName === undefined)
        throw new LoginRefusal(LoginStatus.MISSING_PARAMETER, 'no TargetName in a normal session');
      if (targetName.toLowerCase() !== this.options.targetName.toLowerCase())
        throw new LoginRefusal(LoginStatus.NOT_FOUND, `no target ${targetName}`);
    }
    if (csg !== LoginStage.SECURITY_NEGOTIATION && this.chap.required) {
      throw new LoginRefusal(
        LoginStatus.AUTHENTICATION_FAILURE,
        'CHAP required but the initiator skipped the security stage',
      );
    }
  }

  private respond(
    request: LoginRequestPdu,
    answers: readonly TextPair[],
    transit: boolean,
    nsg: number,
    status: number,
  ): Pdu {
    const statSN = this.statSN;
    this.statSN = serialAdd(this.statSN, 1);
    return encodeLoginResponse({
      transit,
      continue: false,
      currentStage: request.currentStage,
      nextStage: transit ? nsg : 0,
      versionMax: Iscsi.VERSION,
      versionActive: Iscsi.VERSION,
      isid: request.isid.length === 6 ? request.isid : Buffer.alloc(6),
      tsih: transit && nsg === LoginStage.FULL_FEATURE_PHASE ? this.tsih : 0,
      initiatorTaskTag: request.initiatorTaskTag,
      statSN,
      expCmdSN: request.cmdSN,
      maxCmdSN: serialAdd(request.cmdSN, this.options.commandWindow - 1),
      statusClass: status >> 8,
      statusDetail: status & 0xff,
      data: encodeTextData(answers),
    });
  }
}
