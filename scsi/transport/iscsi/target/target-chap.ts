/**
 * The target's side of the security negotiation stage: AuthMethod selection and CHAP, one-way or mutual.
 * Spec: RFC 7143 12.1.3 (CHAP exchange: CHAP_A, then CHAP_I and CHAP_C, then CHAP_N and CHAP_R, with CHAP_I and
 * CHAP_C from the initiator for mutual authentication; reflected challenges refused), RFC 1994 4.1; docs/iscsi.md 7.4.
 */
import { LoginStatus } from '../constants.js';
import {
  CHAP_CHALLENGE_LENGTH,
  ChapAlgorithm,
  MAX_CHAP_CHALLENGE_LENGTH,
  chapResponse,
  decodeBinaryValue,
  encodeBinaryValue,
  parseChapIdentifier,
  verifyChapResponse,
  type ChapCredentials,
} from '../chap.js';
import { findValue, type TextPair } from '../text/text-codec.js';
import { LoginRefusal } from './login-refusal.js';

type ChapState = 'auth-method' | 'chap-algorithm' | 'chap-response' | 'done';

/** Keys of the security stage handled here. */
export const SECURITY_KEYS: ReadonlySet<string> = new Set([
  'AuthMethod',
  'CHAP_A',
  'CHAP_I',
  'CHAP_C',
  'CHAP_N',
  'CHAP_R',
]);

/** Authenticates one login. Throws LoginRefusal (AUTHENTICATION FAILURE or INITIATOR ERROR) on any misstep. */
export class TargetChap {
  private state: ChapState = 'auth-method';
  private identifier = 0;
  private challenge: Buffer = Buffer.alloc(0);
  /** The CHAP name the initiator authenticated as, once done. */
  authenticatedUser: string | undefined;

  constructor(
    private readonly chap: ChapCredentials | undefined,
    private readonly mutual: ChapCredentials | undefined,
    private readonly randomBytes: (size: number) => Buffer,
  ) {}

  /** Whether the security stage may end: always without CHAP, after a verified CHAP_R with it. */
  get complete(): boolean {
    return this.chap === undefined || this.state === 'done';
  }

  /** True when CHAP is configured, so the security stage cannot be skipped. */
  get required(): boolean {
    return this.chap !== undefined;
  }

  /** Processes the security keys of one Login Request and returns the answers. */
  handle(pairs: readonly TextPair[]): TextPair[] {
    const authMethod = findValue(pairs, 'AuthMethod');
    const chapA = findValue(pairs, 'CHAP_A');
    const chapN = findValue(pairs, 'CHAP_N');
    const chapR = findValue(pairs, 'CHAP_R');
    const answers: TextPair[] = [];
    if (authMethod !== undefined) {
      if (this.state !== 'auth-method') throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'AuthMethod offered twice');
      answers.push({ key: 'AuthMethod', value: this.chooseAuthMethod(authMethod) });
    }
    if (chapA !== undefined) {
      if (this.state !== 'chap-algorithm')
        throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'CHAP_A out of sequence');
      answers.push(...this.startChallenge(chapA));
    }
    if (chapN !== undefined || chapR !== undefined) {
      if (this.state !== 'chap-response')
        throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'CHAP_N/CHAP_R out of sequence');
      answers.push(...this.checkResponse(pairs, chapN, chapR));
    } else if (findValue(pairs, 'CHAP_I') !== undefined || findValue(pairs, 'CHAP_C') !== undefined) {
      throw new LoginRefusal(LoginStatus.INITIATOR_ERROR, 'CHAP_I/CHAP_C without CHAP_N and CHAP_R');
    }
    return answers;
  }

  private chooseAuthMethod(offer: string): string {
    const methods = offer.split(',');
    if (this.chap !== undefined) {
      if (!methods.includes('CHAP'))
        throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, `CHAP required, initiator offered ${offer}`);
      this.state = 'chap-algorithm';
      return 'CHAP';
    }
    if (!methods.includes('None'))
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, `no CHAP configured, initiator offered ${offer}`);
    this.state = 'done';
    return 'None';
  }

  private startChallenge(offer: string): TextPair[] {
    if (!offer.split(',').includes(String(ChapAlgorithm.MD5))) {
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, `no supported CHAP algorithm in CHAP_A=${offer}`);
    }
    this.identifier = (this.randomBytes(1)[0] as number) & 0xff;
    this.challenge = this.randomBytes(CHAP_CHALLENGE_LENGTH);
    this.state = 'chap-response';
    return [
      { key: 'CHAP_A', value: String(ChapAlgorithm.MD5) },
      { key: 'CHAP_I', value: String(this.identifier) },
      { key: 'CHAP_C', value: encodeBinaryValue(this.challenge) },
    ];
  }

  private checkResponse(
    pairs: readonly TextPair[],
    name: string | undefined,
    response: string | undefined,
  ): TextPair[] {
    const chap = this.chap;
    if (chap === undefined || name === undefined || response === undefined) {
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, 'CHAP_N and CHAP_R must come together');
    }
    let responseBytes: Buffer;
    try {
      responseBytes = decodeBinaryValue(response);
    } catch {
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, 'malformed CHAP_R');
    }
    if (name !== chap.user || !verifyChapResponse(this.identifier, chap.secret, this.challenge, responseBytes)) {
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, `CHAP response for "${name}" does not verify`);
    }
    this.authenticatedUser = name;
    this.state = 'done';
    const theirI = findValue(pairs, 'CHAP_I');
    const theirC = findValue(pairs, 'CHAP_C');
    if (theirI === undefined && theirC === undefined) return [];
    return this.answerMutual(theirI, theirC);
  }

  private answerMutual(identifierText: string | undefined, challengeText: string | undefined): TextPair[] {
    const mutual = this.mutual;
    if (mutual === undefined)
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, 'initiator asked for mutual CHAP, none configured');
    const identifier = identifierText === undefined ? undefined : parseChapIdentifier(identifierText);
    if (identifier === undefined || challengeText === undefined)
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, 'mutual CHAP needs CHAP_I and CHAP_C');
    let challenge: Buffer;
    try {
      challenge = decodeBinaryValue(challengeText);
    } catch {
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, 'malformed CHAP_C');
    }
    if (challenge.length === 0 || challenge.length > MAX_CHAP_CHALLENGE_LENGTH) {
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, `CHAP_C of ${challenge.length} bytes`);
    }
    if (challenge.equals(this.challenge))
      throw new LoginRefusal(LoginStatus.AUTHENTICATION_FAILURE, 'reflected CHAP challenge');
    return [
      { key: 'CHAP_N', value: mutual.user },
      { key: 'CHAP_R', value: encodeBinaryValue(chapResponse(identifier, mutual.secret, challenge)) },
    ];
  }
}
