/**
 * What a library offers the suite, probed from the target itself: IE elements from MODE SENSE page 1Dh, the
 * door from the RSM library record (the host's knowledge, rsm-semantics 4: dwNumberOfDoors), magazines from the
 * operator's view, operator hands and link cutting from the target session. Each fact is a sentence, so a
 * skipped test states exactly why. Design: ARCHITECTURE.md style rule 11 (guard: skip with a reason).
 */
import { NtmsSlotState } from '../../rsm/index.js';
import { Capability, type CapabilityName } from './return-path.js';
import type { ChangerProbe } from './changer-probe.js';
import type { RsmDriver } from './rsm-driver.js';
import type { TargetSession } from './target-session.js';

/** The probed capabilities of one library, each with the sentence that explains it. */
export interface Capabilities {
  readonly has: ReadonlySet<CapabilityName>;
  /** For every capability, present or not, why. */
  readonly facts: Readonly<Record<CapabilityName, string>>;
}

/** Probes a freshly opened session (the RSM driver has discovered the library). */
export async function probeCapabilities(session: TargetSession, probe: ChangerProbe, rsm: RsmDriver): Promise<Capabilities> {
  const map = await session.time.settle(probe.layout());
  const ie = map.numberOfImportExport;
  const door = rsm.library().doors.length > 0;
  const magazines = session.operator ? await session.time.settle(session.operator.magazines()) : [];
  const has = new Set<CapabilityName>();
  const facts = {} as Record<CapabilityName, string>;
  const set = (cap: CapabilityName, present: boolean, yes: string, no: string) => {
    if (present) has.add(cap);
    facts[cap] = present ? yes : no;
  };
  const ieFact = `MODE SENSE page 1Dh reports ${ie} import/export element${ie === 1 ? '' : 's'}${ie > 0 ? ` from address ${map.firstImportExport}` : ''}`;
  const doorFact = door ? 'the RSM library record has an access door' : 'the RSM library record has no access door (the host was told the library has none)';
  set(Capability.IE_PORT, ie > 0, ieFact, ieFact);
  const { ieOpenByHost, ieCloseByHost } = session.hints;
  set(
    Capability.IE_PORT_CLOSABLE,
    ie > 0 && (!ieOpenByHost || ieCloseByHost),
    ieOpenByHost ? 'the host opens and closes the IE station (OPEN/CLOSE IMPORT/EXPORT ELEMENT)' : 'the host never opens the IE station; the operator opens and closes it',
    ie === 0 ? ieFact : 'the host can open the IE station (CHANGER_OPEN_IEPORT) but not close it (no CHANGER_CLOSE_IEPORT): the model cannot close the port and put the cleaner back as rsm-semantics D6 and D7 require until the operator closes it',
  );
  set(Capability.NO_IE_PORT, ie === 0, ieFact, `${ieFact}; per rsm-semantics D8 RSM ejects through the door only when there is no IE port`);
  set(Capability.DOOR, door, doorFact, doorFact);
  set(Capability.PORT_OR_DOOR, ie > 0 || door, `${ieFact}; ${doorFact}`, `the library has neither an IE port nor a door, so EjectNtmsCleaner(START) stops at ERROR_RESOURCE_NOT_PRESENT before the slot checks (rsm-semantics D3, D9)`);
  set(Capability.NEITHER_PORT_NOR_DOOR, ie === 0 && !door, `${ieFact}; ${doorFact}`, `the library has ${ie > 0 ? 'an IE port' : 'a door'}; this path needs one with neither (rsm-semantics D9)`);
  const slots = rsm.library().slots;
  const byState = new Map<string, number>();
  const stateName = (n: number) => Object.entries(NtmsSlotState).find(([, v]) => v === n)?.[0] ?? `state ${n}`;
  for (const sl of slots) byState.set(stateName(sl.state), (byState.get(stateName(sl.state)) ?? 0) + 1);
  const states = [...byState].map(([name, n]) => `${n} ${name}`).join(', ') || 'none';
  set(
    Capability.EMPTY_SLOT,
    (byState.get('NTMS_SLOTSTATE_EMPTY') ?? 0) > 0,
    `the RSM model knows ${byState.get('NTMS_SLOTSTATE_EMPTY') ?? 0} storage slots as empty`,
    `the RSM model knows no storage slot as empty, so no cleaner slot can be reserved (slots: ${states}; a slot the changer reports without ACCESS reads NOTPRESENT, rsm-semantics D16)`,
  );
  const withSlots = magazines.filter((m) => m.storage.length > 0);
  set(
    Capability.MAGAZINES,
    withSlots.length > 0,
    `${withSlots.length} removable magazine${withSlots.length === 1 ? '' : 's'} hold storage slots`,
    session.operator ? 'the library has no removable magazine holding storage slots' : 'no operator can pull a magazine on this target',
  );
  set(Capability.OPERATOR, session.operator !== undefined, `operator actions through the ${session.operator?.description ?? ''}`, 'no operator can act on this target');
  set(Capability.LINK_DROP, session.dropLink !== undefined, 'the RSM nexus can be cut under test', 'this target cannot cut the RSM nexus under test');
  set(Capability.FAULT_INJECTION, false, '', 'fault injection is not used by the suite yet');
  return { has, facts };
}

/** The skip reason for `needs` against `caps`, or undefined when every need is met. */
export function missingCapabilities(needs: readonly CapabilityName[], caps: Capabilities): string | undefined {
  const missing = needs.filter((n) => !caps.has.has(n));
  if (missing.length === 0) return undefined;
  return missing.map((n) => `needs ${n}: ${caps.facts[n]}`).join('; ');
}
