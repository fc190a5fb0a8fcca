/**
 * What a library offers the suite, and where each fact comes from: probed from the changer over SCSI (IE elements
 * from MODE SENSE page 1Dh, storage slots the RSM model reads from READ ELEMENT STATUS), declared by the library
 * model (a door, removable magazines, host control of the IE station: what SCSI does not say; the fixture of a
 * `sim:` target, `--model` elsewhere), or given by the target (operator, link cutting). A fact nothing declares is
 * never assumed: the paths that need it skip saying so and naming `--model`. Each fact is a sentence, so a skipped
 * test states exactly why; the list goes into the run's report (run-evidence.ts).
 * Design: docs/architecture.md style rule 11 (guard: skip with a reason); docs/conformance.md "Library models".
 */
import { NtmsSlotState } from '../../../rsm/index.js';
import { Capability, type CapabilityFact, type CapabilityName, type CapabilitySource } from '../capability.js';
import type { ChangerProbe } from './changer-probe.js';
import type { RsmDriver } from '../rsm-driver.js';
import type { TargetSession } from '../target/target-session.js';

export type { CapabilityFact, CapabilitySource } from '../capability.js';

/** The capabilities of one library, each with the sentence that explains it. */
export interface Capabilities {
  readonly has: ReadonlySet<CapabilityName>;
  /** For every capability, present or not, why. */
  readonly facts: Readonly<Record<CapabilityName, string>>;
  /** The same, with where each came from (for summary.json). */
  readonly list: readonly CapabilityFact[];
  /** The library model the facts were declared by, if any. */
  readonly model?: { readonly id: string; readonly name: string; readonly file: string } | undefined;
}

/** The flag that declares what SCSI cannot say. */
export const MODEL_FLAG = '--model NAME|FILE';

const undeclared = (what: string) =>
  `undeclared: SCSI does not say ${what}, and no library model declares it (give ${MODEL_FLAG})`;

/** Probes a freshly opened session (the RSM driver has discovered the library). */
export async function probeCapabilities(
  session: TargetSession,
  probe: ChangerProbe,
  rsm: RsmDriver,
): Promise<Capabilities> {
  const map = await session.time.settle(probe.layout());
  const ie = map.numberOfImportExport;
  const model = session.model;
  const door = model?.door.present;
  const has = new Set<CapabilityName>();
  const facts = {} as Record<CapabilityName, string>;
  const list: CapabilityFact[] = [];
  const set = (name: CapabilityName, present: boolean, source: CapabilitySource, fact: string) => {
    if (present) has.add(name);
    facts[name] = fact;
    list.push({ name, present, source, fact });
  };
  const from = model ? `the library model ${model.id} (${model.file})` : '';
  const ieFact = `MODE SENSE page 1Dh reports ${ie} import/export element${ie === 1 ? '' : 's'}${ie > 0 ? ` from address ${map.firstImportExport}` : ''}`;
  const doorFact =
    door === undefined
      ? undeclared('whether the library has an operator access door')
      : `${from} declares ${door ? 'an access door' : 'no access door'}`;
  set(Capability.IE_PORT, ie > 0, 'probed', ieFact);
  if (ie === 0) set(Capability.IE_PORT_CLOSABLE, false, 'probed', ieFact);
  else if (!model)
    set(
      Capability.IE_PORT_CLOSABLE,
      false,
      'undeclared',
      undeclared('whether the host can open and close the IE station (OPEN/CLOSE IMPORT/EXPORT ELEMENT)'),
    );
  else {
    const { openByHost, closeByHost } = model.importExport;
    set(
      Capability.IE_PORT_CLOSABLE,
      !openByHost || closeByHost,
      'declared',
      openByHost
        ? closeByHost
          ? `${from} declares that the host opens and closes the IE station (OPEN/CLOSE IMPORT/EXPORT ELEMENT)`
          : `${from} declares that the host can open the IE station (CHANGER_OPEN_IEPORT) but not close it (no CHANGER_CLOSE_IEPORT): the model cannot close the port and put the cleaner back as docs/rsm-semantics.md D6 and D7 require until the operator closes it`
        : `${from} declares that the host never opens the IE station; the operator opens and closes it`,
    );
  }
  set(
    Capability.NO_IE_PORT,
    ie === 0,
    'probed',
    ie === 0
      ? ieFact
      : `${ieFact}; per docs/rsm-semantics.md D8 RSM ejects through the door only when there is no IE port`,
  );
  set(Capability.DOOR, door === true, door === undefined ? 'undeclared' : 'declared', doorFact);
  if (ie > 0) set(Capability.PORT_OR_DOOR, true, 'probed', ieFact);
  else
    set(
      Capability.PORT_OR_DOOR,
      door === true,
      door === undefined ? 'undeclared' : 'declared',
      door === undefined
        ? `${ieFact}; ${doorFact}`
        : door
          ? `${ieFact}; ${doorFact}`
          : `the library has neither an IE port nor a door, so EjectNtmsCleaner(START) stops at ERROR_RESOURCE_NOT_PRESENT before the slot checks (docs/rsm-semantics.md D3, D9)`,
    );
  if (ie > 0)
    set(
      Capability.NEITHER_PORT_NOR_DOOR,
      false,
      'probed',
      `${ieFact}; this path needs a library with neither (docs/rsm-semantics.md D9)`,
    );
  else
    set(
      Capability.NEITHER_PORT_NOR_DOOR,
      door === false,
      door === undefined ? 'undeclared' : 'declared',
      door === undefined
        ? `${ieFact}; ${doorFact}`
        : door
          ? `${doorFact}; this path needs a library with neither (docs/rsm-semantics.md D9)`
          : `${ieFact}; ${doorFact}`,
    );
  const slots = rsm.library().slots;
  const byState = new Map<string, number>();
  const stateName = (n: number) => Object.entries(NtmsSlotState).find(([, v]) => v === n)?.[0] ?? `state ${n}`;
  for (const sl of slots) byState.set(stateName(sl.state), (byState.get(stateName(sl.state)) ?? 0) + 1);
  const states = [...byState].map(([name, n]) => `${n} ${name}`).join(', ') || 'none';
  const empty = byState.get('NTMS_SLOTSTATE_EMPTY') ?? 0;
  set(
    Capability.EMPTY_SLOT,
    empty > 0,
    'probed',
    empty > 0
      ? `the RSM model knows ${empty} storage slots as empty`
      : `the RSM model knows no storage slot as empty, so no cleaner slot can be reserved (slots: ${states}; a slot reads NOTPRESENT when the changer shows its magazine removed, docs/rsm-model.md M2)`,
  );
  const withSlots = model?.magazines.filter((m) => m.storage.length > 0) ?? [];
  if (!model)
    set(Capability.MAGAZINES, false, 'undeclared', undeclared('which storage elements form a removable magazine'));
  else if (withSlots.length === 0)
    set(Capability.MAGAZINES, false, 'declared', `${from} declares no removable magazine holding storage slots`);
  else
    set(
      Capability.MAGAZINES,
      session.operator !== undefined,
      session.operator ? 'declared' : 'target',
      session.operator
        ? `${from} declares ${withSlots.length} removable magazine${withSlots.length === 1 ? '' : 's'} holding storage slots`
        : 'no operator can pull a magazine on this target',
    );
  set(
    Capability.OPERATOR,
    session.operator !== undefined,
    'target',
    session.operator
      ? `operator actions through the ${session.operator.description}`
      : 'no operator can act on this target (give --operator prompt or --operator exec:COMMAND)',
  );
  set(
    Capability.LINK_DROP,
    session.dropLink !== undefined,
    'target',
    session.dropLink ? 'the RSM nexus can be cut under test' : 'this target cannot cut the RSM nexus under test',
  );
  set(
    Capability.FAULT_INJECTION,
    session.faults !== undefined,
    'target',
    session.faults
      ? `faults are injected through the ${session.faults.description}`
      : "no fault can be injected on this target (only the simulator's control API can: a sim: target, or --operator sim with --control)",
  );
  return { has, facts, list, model: model ? { id: model.id, name: model.name, file: model.file } : undefined };
}

/**
 * `caps` with the operator withheld (an operator that is not the simulator's, without --allow-destructive): no
 * path asks it to move a cartridge, and host-only paths reserve a slot without injecting a cleaner.
 */
export function withoutOperator(caps: Capabilities, why: string): Capabilities {
  const has = new Set(caps.has);
  has.delete(Capability.OPERATOR);
  const list = caps.list.map((c) => (c.name === Capability.OPERATOR ? { ...c, present: false, fact: why } : c));
  return { ...caps, has, facts: { ...caps.facts, [Capability.OPERATOR]: why }, list };
}

/** `caps` with one more fact (or `fact` replacing the one of its name). */
export function withFact(caps: Capabilities, fact: CapabilityFact): Capabilities {
  const has = new Set(caps.has);
  if (fact.present) has.add(fact.name);
  else has.delete(fact.name);
  return {
    ...caps,
    has,
    facts: { ...caps.facts, [fact.name]: fact.fact },
    list: [...caps.list.filter((c) => c.name !== fact.name), fact],
  };
}

/** The skip reason for `needs` against `caps`, or undefined when every need is met. */
export function missingCapabilities(needs: readonly CapabilityName[], caps: Capabilities): string | undefined {
  const missing = needs.filter((n) => !caps.has.has(n));
  if (missing.length === 0) return undefined;
  return missing.map((n) => `needs ${n}: ${caps.facts[n]}`).join('; ');
}
