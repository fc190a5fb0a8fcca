/**
 * What the rest of the target sees of a session: its public description, the I_T nexus string the backend gets,
 * and the hooks a session calls on the target.
 * Spec: RFC 7143 4.4 (a session is identified by initiator name and ISID, plus target name and TPGT);
 * docs/iscsi.md 7.3; SAM-5 (I_T nexus).
 * In our words: docs/scsi-model.md 3.
 */
import type { SessionParameters } from '../text/negotiation.js';
import type { LunGateway } from './lun-gateway.js';
import type { LoginResult } from './target-login.js';
import type { ResolvedTargetOptions } from './target-options.js';

/**
 * The parts of the target a session uses. `S` is the session type (TargetSession): a parameter, so this file
 * needs no import of the session's module.
 */
export interface SessionHost<S> {
  readonly options: ResolvedTargetOptions;
  readonly gateway: LunGateway;
  /** The session is over (logout, connection loss, reinstatement). */
  sessionEnded(session: S): void;
  /** TARGET COLD RESET: drop every session once this response is out. */
  coldReset(): void;
}

/** A public view of a session. */
export interface SessionInfo {
  readonly tsih: number;
  /** ISID as 12 hex digits. */
  readonly isid: string;
  readonly initiatorName: string;
  readonly sessionType: 'Normal' | 'Discovery';
  readonly nexus: string;
  readonly parameters: SessionParameters;
}

/** The I_T nexus string handed to the backend: initiator name, ISID, target name, TPGT (docs/iscsi.md "Nexus"). */
export function nexusString(initiatorName: string, isid: Buffer, targetName: string, tpgt: number): string {
  return `${initiatorName.toLowerCase()},i,0x${isid.toString('hex')},${targetName.toLowerCase()},t,0x${tpgt.toString(16).padStart(4, '0')}`;
}

/** The public view of the session a login made, on the target of `targetName` and `tpgt`. */
export function sessionInfoFor(login: LoginResult, targetName: string, tpgt: number): SessionInfo {
  return {
    tsih: login.tsih,
    isid: login.isid.toString('hex'),
    initiatorName: login.initiatorName,
    sessionType: login.sessionType,
    nexus: nexusString(login.initiatorName, login.isid, targetName, tpgt),
    parameters: login.parameters,
  };
}
