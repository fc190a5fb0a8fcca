/**
 * Operational key negotiation for both roles: answering offers (responder) and reading answers to our offers
 * (originator), then turning the outcomes into session parameters.
 * Spec: RFC 7143 6.2 (negotiation: list and simple-value rules, NotUnderstood, Irrelevant, Reject), 6.2.1, 6.2.2,
 * 13 (keys), 13.14 (FirstBurstLength Irrelevant when InitialR2T=Yes and ImmediateData=No, never above MaxBurstLength);
 * docs/iscsi.md 7.3.
 */
import {
  DigestName,
  ISCSI_KEYS,
  formatBoolean,
  parseBoolean,
  parseNumber,
  type DigestNameValue,
  type KeyDefinition,
} from './keys.js';
import { SpecialValue, type TextPair } from './text-codec.js';

/** One side's preferences. Lists are in preference order (the originator offers them in this order). */
export interface NegotiationPolicy {
  readonly headerDigest: readonly DigestNameValue[];
  readonly dataDigest: readonly DigestNameValue[];
  readonly initialR2T: boolean;
  readonly immediateData: boolean;
  /** What we can receive in one PDU (declared, not negotiated). */
  readonly maxRecvDataSegmentLength: number;
  readonly maxBurstLength: number;
  readonly firstBurstLength: number;
  readonly maxOutstandingR2T: number;
  readonly defaultTime2Wait: number;
  readonly defaultTime2Retain: number;
}

/** Defaults for changerbench's two roles: digests optional, unsolicited data allowed, 256 KiB segments. */
export const DEFAULT_NEGOTIATION_POLICY: NegotiationPolicy = Object.freeze({
  headerDigest: [DigestName.NONE, DigestName.CRC32C],
  dataDigest: [DigestName.NONE, DigestName.CRC32C],
  initialR2T: false,
  immediateData: true,
  maxRecvDataSegmentLength: 262144,
  maxBurstLength: 1048576,
  firstBurstLength: 65536,
  maxOutstandingR2T: 1,
  defaultTime2Wait: 0,
  defaultTime2Retain: 0,
});

/** Parameters in force for a session (full feature phase) once login completes. */
export interface SessionParameters {
  readonly headerDigest: boolean;
  readonly dataDigest: boolean;
  readonly initialR2T: boolean;
  readonly immediateData: boolean;
  readonly maxBurstLength: number;
  readonly firstBurstLength: number;
  readonly maxOutstandingR2T: number;
  readonly defaultTime2Wait: number;
  readonly defaultTime2Retain: number;
  readonly errorRecoveryLevel: number;
  readonly maxConnections: number;
  readonly dataPduInOrder: boolean;
  readonly dataSequenceInOrder: boolean;
  /** Ours: the largest data segment the peer may send us. */
  readonly maxRecvDataSegmentLength: number;
  /** The peer's: the largest data segment we may send. */
  readonly peerMaxRecvDataSegmentLength: number;
}

/** Where a negotiation stands: outcomes of negotiated keys and values the peer declared. */
export interface NegotiationState {
  readonly outcomes: Map<string, string>;
  readonly declared: Map<string, string>;
}

/** A fresh negotiation state. */
export function newNegotiationState(): NegotiationState {
  return { outcomes: new Map(), declared: new Map() };
}

function localValue(policy: NegotiationPolicy, key: string): string | number | boolean | readonly string[] | undefined {
  switch (key) {
    case 'HeaderDigest':
      return policy.headerDigest;
    case 'DataDigest':
      return policy.dataDigest;
    case 'InitialR2T':
      return policy.initialR2T;
    case 'ImmediateData':
      return policy.immediateData;
    case 'MaxBurstLength':
      return policy.maxBurstLength;
    case 'FirstBurstLength':
      return policy.firstBurstLength;
    case 'MaxOutstandingR2T':
      return policy.maxOutstandingR2T;
    case 'DefaultTime2Wait':
      return policy.defaultTime2Wait;
    case 'DefaultTime2Retain':
      return policy.defaultTime2Retain;
    case 'MaxConnections':
      return 1;
    case 'ErrorRecoveryLevel':
      return 0;
    case 'DataPDUInOrder':
      return true;
    case 'DataSequenceInOrder':
      return true;
    case 'IFMarker':
    case 'OFMarker':
      return false;
    default:
      return undefined;
  }
}

function inRange(def: KeyDefinition, n: number): boolean {
  return def.range === undefined || (n >= def.range[0] && n <= def.range[1]);
}

/**
 * The answer to one offered operational key, or undefined when none is due (declarations). Security keys
 * (AuthMethod, CHAP_*) are not handled here. Records outcomes and declarations in `state`.
 */
export function answerOffer(
  pair: TextPair,
  policy: NegotiationPolicy,
  state: NegotiationState,
  discovery: boolean,
): string | undefined {
  const { key, value } = pair;
  const def = ISCSI_KEYS[key];
  if (def === undefined || def.security) return SpecialValue.NOT_UNDERSTOOD;
  if (value === SpecialValue.NOT_UNDERSTOOD || value === SpecialValue.IRRELEVANT || value === SpecialValue.REJECT)
    return undefined;
  if (key === 'IFMarkInt' || key === 'OFMarkInt') return SpecialValue.IRRELEVANT;
  if (discovery && def.irrelevantInDiscovery) return SpecialValue.IRRELEVANT;
  const local = localValue(policy, key);
  switch (def.kind) {
    case 'declarative': {
      if (def.range !== undefined) {
        const n = parseNumber(value);
        if (n === undefined || !inRange(def, n)) return SpecialValue.REJECT;
      }
      state.declared.set(key, value);
      return undefined;
    }
    case 'list': {
      const acceptable = (local ?? []) as readonly string[];
      const chosen = value.split(',').find((v) => acceptable.includes(v));
      if (chosen === undefined) return SpecialValue.REJECT;
      state.outcomes.set(key, chosen);
      return chosen;
    }
    case 'min':
    case 'max': {
      const n = parseNumber(value);
      if (n === undefined || !inRange(def, n)) return SpecialValue.REJECT;
      const mine = local as number;
      const outcome = String(def.kind === 'min' ? Math.min(n, mine) : Math.max(n, mine));
      state.outcomes.set(key, outcome);
      return outcome;
    }
    case 'and':
    case 'or': {
      const b = parseBoolean(value);
      if (b === undefined) return SpecialValue.REJECT;
      const mine = local as boolean;
      const outcome = formatBoolean(def.kind === 'and' ? b && mine : b || mine);
      state.outcomes.set(key, outcome);
      return outcome;
    }
  }
}

/**
 * Answers every non-security key of one request (responder role). FirstBurstLength is answered Irrelevant when
 * the outcomes so far make it so.
 */
export function answerOffers(
  pairs: readonly TextPair[],
  policy: NegotiationPolicy,
  state: NegotiationState,
  discovery: boolean,
): TextPair[] {
  const answers: TextPair[] = [];
  for (const pair of pairs) {
    const answer = answerOffer(pair, policy, state, discovery);
    if (answer !== undefined) answers.push({ key: pair.key, value: answer });
  }
  if (state.outcomes.get('InitialR2T') === 'Yes' && state.outcomes.get('ImmediateData') === 'No') {
    for (let i = 0; i < answers.length; i++) {
      if (answers[i]?.key === 'FirstBurstLength')
        answers[i] = { key: 'FirstBurstLength', value: SpecialValue.IRRELEVANT };
    }
  }
  return answers;
}

/** The operational keys an originator offers for a session (discovery sessions offer only the relevant ones). */
export function buildOffers(policy: NegotiationPolicy, discovery: boolean): TextPair[] {
  const offers: TextPair[] = [
    { key: 'HeaderDigest', value: policy.headerDigest.join(',') },
    { key: 'DataDigest', value: policy.dataDigest.join(',') },
    { key: 'MaxRecvDataSegmentLength', value: String(policy.maxRecvDataSegmentLength) },
    { key: 'DefaultTime2Wait', value: String(policy.defaultTime2Wait) },
    { key: 'DefaultTime2Retain', value: String(policy.defaultTime2Retain) },
    { key: 'ErrorRecoveryLevel', value: '0' },
  ];
  if (!discovery) {
    offers.push(
      { key: 'MaxConnections', value: '1' },
      { key: 'InitialR2T', value: formatBoolean(policy.initialR2T) },
      { key: 'ImmediateData', value: formatBoolean(policy.immediateData) },
      { key: 'MaxBurstLength', value: String(policy.maxBurstLength) },
      { key: 'FirstBurstLength', value: String(policy.firstBurstLength) },
      { key: 'MaxOutstandingR2T', value: String(policy.maxOutstandingR2T) },
      { key: 'DataPDUInOrder', value: 'Yes' },
      { key: 'DataSequenceInOrder', value: 'Yes' },
    );
  }
  return offers;
}

/**
 * Reads the peer's answer to one of our offers (originator role) and records the outcome. Throws an Error when
 * the answer breaks the rules (a list value we did not offer, a number on the wrong side of ours).
 */
export function acceptAnswer(offer: TextPair, answer: string, state: NegotiationState): void {
  const def = ISCSI_KEYS[offer.key];
  if (def === undefined) return;
  if (def.kind === 'declarative') {
    state.declared.set(offer.key, answer);
    return;
  }
  if (answer === SpecialValue.REJECT || answer === SpecialValue.IRRELEVANT || answer === SpecialValue.NOT_UNDERSTOOD) {
    if (def.defaultValue !== undefined) state.outcomes.set(offer.key, def.defaultValue);
    return;
  }
  const bad = (why: string): never => {
    throw new Error(`target answered ${offer.key}=${answer} to ${offer.key}=${offer.value}: ${why}`);
  };
  switch (def.kind) {
    case 'list':
      if (!offer.value.split(',').includes(answer)) bad('not one of the offered values');
      state.outcomes.set(offer.key, answer);
      return;
    case 'min':
    case 'max': {
      const n = parseNumber(answer);
      const mine = parseNumber(offer.value) ?? 0;
      if (n === undefined || !inRange(def, n)) bad('not a number in range');
      else if (def.kind === 'min' ? n > mine : n < mine) bad(`the outcome must be the ${def.kind}imum`);
      state.outcomes.set(offer.key, String(n));
      return;
    }
    case 'and':
    case 'or': {
      const b = parseBoolean(answer);
      if (b === undefined) bad('not Yes or No');
      const mine = parseBoolean(offer.value) ?? false;
      state.outcomes.set(offer.key, formatBoolean(def.kind === 'and' ? mine && b === true : mine || b === true));
      return;
    }
  }
}

/**
 * Outcome of offers left unanswered when the peer ends the stage (RFC 7143 6.2.2, docs/iscsi.md 7.3: answers may be
 * omitted).
 */
export function settleUnanswered(offers: readonly TextPair[], state: NegotiationState): void {
  for (const offer of offers) {
    if (state.outcomes.has(offer.key)) continue;
    const def = ISCSI_KEYS[offer.key];
    if (def === undefined || def.kind === 'declarative') continue;
    if ((def.kind === 'and' && offer.value === 'No') || (def.kind === 'or' && offer.value === 'Yes'))
      state.outcomes.set(offer.key, offer.value);
    else if (def.defaultValue !== undefined) state.outcomes.set(offer.key, def.defaultValue);
  }
}

function numberOr(map: ReadonlyMap<string, string>, key: string): number {
  return parseNumber(map.get(key) ?? ISCSI_KEYS[key]?.defaultValue ?? '0') ?? 0;
}

function booleanOr(map: ReadonlyMap<string, string>, key: string): boolean {
  return parseBoolean(map.get(key) ?? ISCSI_KEYS[key]?.defaultValue ?? 'No') ?? false;
}

/** Session parameters from the outcomes (defaults for keys never negotiated, RFC 7143 13, docs/iscsi.md 7.3). */
export function resolveSessionParameters(
  state: NegotiationState,
  ourMaxRecvDataSegmentLength: number,
): SessionParameters {
  const o = state.outcomes;
  const maxBurstLength = numberOr(o, 'MaxBurstLength');
  return {
    headerDigest: o.get('HeaderDigest') === DigestName.CRC32C,
    dataDigest: o.get('DataDigest') === DigestName.CRC32C,
    initialR2T: booleanOr(o, 'InitialR2T'),
    immediateData: booleanOr(o, 'ImmediateData'),
    maxBurstLength,
    firstBurstLength: Math.min(numberOr(o, 'FirstBurstLength'), maxBurstLength),
    maxOutstandingR2T: numberOr(o, 'MaxOutstandingR2T'),
    defaultTime2Wait: numberOr(o, 'DefaultTime2Wait'),
    defaultTime2Retain: numberOr(o, 'DefaultTime2Retain'),
    errorRecoveryLevel: numberOr(o, 'ErrorRecoveryLevel'),
    maxConnections: numberOr(o, 'MaxConnections'),
    dataPduInOrder: booleanOr(o, 'DataPDUInOrder'),
    dataSequenceInOrder: booleanOr(o, 'DataSequenceInOrder'),
    maxRecvDataSegmentLength: ourMaxRecvDataSegmentLength,
    peerMaxRecvDataSegmentLength: numberOr(state.declared, 'MaxRecvDataSegmentLength'),
  };
}
