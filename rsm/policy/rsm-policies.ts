/**
 * The RSM model's switchable behaviours in one object, so a report can print which ones a run used.
 * Spec: docs/rsm-semantics.md D1 (code profile), D6 (eject time-out: fail, or operator request only), D14 (access
 * policy "2003+" or "2000/XP"; NTMS_CONTROL_ACCESS 4 per the SDK or 3 per MS-RSMP, 2.3 and 10.5).
 */
import { DEFAULT_CODE_PROFILE, type CodeProfile } from '../results/code-profile.js';
import { ResultTable } from '../results/result-table.js';

/** What happens when MaxExtendSecs (door: MaxOpenSecs) passes with the operator not done (docs/rsm-semantics.md D6). */
export type TimeoutPolicy =
  /** Raise an operator request, close and relock, put the cleaner back, request FAILED with ERROR_TIMEOUT. */
  | 'fail'
  /** Raise an operator request only; the request stays WAITING. */
  | 'operator-request-only';

/** Whose rights count (docs/rsm-semantics.md D14, 5). */
export type AccessPolicy =
  /** Windows Server 2003, Vista, 2008: BUILTIN\Administrators pass every check. */
  | '2003+'
  /** Windows 2000/XP: administrators are checked against the ACL like everyone else. */
  | '2000/XP';

/** The policy values. Every field has a default (see {@link DEFAULT_POLICIES}). */
export interface RsmPolicies {
  /** Numbers behind the pseudo-names (docs/rsm-semantics.md D1). */
  readonly codeProfile: CodeProfile;
  /** docs/rsm-semantics.md D6. */
  readonly timeoutPolicy: TimeoutPolicy;
  /** docs/rsm-semantics.md D14. */
  readonly accessPolicy: AccessPolicy;
  /** The NTMS_CONTROL_ACCESS bit value: 4 (SDK, default per D14) or 3 (MS-RSMP IDL): docs/rsm-semantics.md 1.6. */
  readonly controlAccessValue: 4 | 3;
  /** How often a waiting request polls the changer, in clock milliseconds. */
  readonly pollIntervalMs: number;
  /** MaxExtendSecs given to a newly discovered IE port. */
  readonly defaultMaxExtendSecs: number;
  /** MaxOpenSecs given to a newly discovered door. */
  readonly defaultMaxOpenSecs: number;
  /** How long CleanNtmsDrive waits for the drive to finish and release the cleaner, in seconds. */
  readonly driveCleanTimeoutSecs: number;
  /**
   * dwCleanerUsesRemaining recorded for a cleaner the model finds in the reserved slot without having injected
   * it (its count is unknown). Default 0xFFFFFFFF: "ignore the count".
   */
  readonly foundCleanerUses: number;
  /** Principal of sessions opened without naming one. */
  readonly defaultPrincipal: string;
  /** Unit attentions a command may meet before the model gives up retrying it. */
  readonly unitAttentionRetries: number;
  /**
   * An idle library (no request running) is polled with TEST UNIT READY every pollIntervalMs, so a lost link
   * takes it offline before the next call (docs/rsm-model.md "The changer link"). Off by default: the poll never
   * ends, so a VirtualClock driven until nothing is scheduled would never stop; the conformance suite turns it on.
   * Read when a changer is attached.
   */
  readonly idleLinkCheck: boolean;
}

/** The defaults: D1 profile, D6 "fail", D14 "2003+" with CONTROL = 4, polling every 2 s of clock time. */
export const DEFAULT_POLICIES: RsmPolicies = Object.freeze({
  codeProfile: DEFAULT_CODE_PROFILE,
  timeoutPolicy: 'fail',
  accessPolicy: '2003+',
  controlAccessValue: 4,
  pollIntervalMs: 2000,
  defaultMaxExtendSecs: 60,
  defaultMaxOpenSecs: 300,
  driveCleanTimeoutSecs: 600,
  foundCleanerUses: 0xffffffff,
  defaultPrincipal: 'Administrator',
  unitAttentionRetries: 8,
  idleLinkCheck: false,
});

/** Defaults overlaid with `overrides`; throws RangeError on values out of range. */
export function resolvePolicies(
  overrides: Partial<RsmPolicies> = {},
  base: RsmPolicies = DEFAULT_POLICIES,
): RsmPolicies {
  const p: RsmPolicies = { ...base, ...overrides };
  if (p.timeoutPolicy !== 'fail' && p.timeoutPolicy !== 'operator-request-only')
    throw new RangeError(`unknown timeoutPolicy ${String(p.timeoutPolicy)}`);
  if (p.accessPolicy !== '2003+' && p.accessPolicy !== '2000/XP')
    throw new RangeError(`unknown accessPolicy ${String(p.accessPolicy)}`);
  if (p.controlAccessValue !== 4 && p.controlAccessValue !== 3)
    throw new RangeError(`controlAccessValue must be 4 or 3`);
  if (!(p.pollIntervalMs > 0)) throw new RangeError(`pollIntervalMs must be positive`);
  for (const k of ['defaultMaxExtendSecs', 'defaultMaxOpenSecs'] as const) {
    if (!Number.isInteger(p[k]) || p[k] < 0 || p[k] > 0xffff) throw new RangeError(`${k} must be a WORD (0-65535)`);
  }
  return Object.freeze(p);
}

/** One line of the policy report. */
export interface PolicyLine {
  readonly policy: string;
  readonly value: string;
  readonly decision: string;
}

/** The current values, as a report prints them (the pseudo-name numbers included, per docs/rsm-semantics.md D1). */
export function describePolicies(p: RsmPolicies): PolicyLine[] {
  const table = new ResultTable(p.codeProfile);
  const lines: PolicyLine[] = [
    { policy: 'code profile', value: p.codeProfile.name, decision: 'D1' },
    ...table.pseudoRows().map((r) => ({
      policy: `  ${r.name}`,
      value: `${r.code}${r.realName ? ` (${r.realName})` : ''}, confidence ${r.confidence}`,
      decision: 'D1',
    })),
    { policy: 'eject time-out', value: p.timeoutPolicy, decision: 'D6' },
    { policy: 'access policy', value: p.accessPolicy, decision: 'D14' },
    { policy: 'NTMS_CONTROL_ACCESS', value: String(p.controlAccessValue), decision: 'D14' },
    { policy: 'poll interval', value: `${p.pollIntervalMs} ms`, decision: 'D5/D8' },
    {
      policy: 'idle link check',
      value: p.idleLinkCheck ? `TEST UNIT READY every ${p.pollIntervalMs} ms while idle` : 'off',
      decision: 'D12',
    },
    { policy: 'default MaxExtendSecs', value: String(p.defaultMaxExtendSecs), decision: 'D6' },
    { policy: 'default MaxOpenSecs', value: String(p.defaultMaxOpenSecs), decision: 'D6/D8' },
  ];
  return lines;
}

/** The policy report as text, one "name: value [decision]" line each. */
export function formatPolicies(p: RsmPolicies): string {
  return describePolicies(p)
    .map((l) => `${l.policy}: ${l.value} [${l.decision}]`)
    .join('\n');
}
