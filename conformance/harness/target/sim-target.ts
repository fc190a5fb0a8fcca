/**
 * `sim:` targets: for each test a fresh in-process simulated changer (SimulatedChanger on its own VirtualClock,
 * behind a SimulatedTarget), reached only through two InMemoryTransports (the RSM model's I_T nexus and the
 * suite's), the fixture as the library model, and the operator's hands through the simulator's control API (a
 * ControlClient; also `--operator sim` with `--control` for a simulator in another process). The library model
 * loader for `--model` (the simulator's fixture format, read by sim/personality). One of the two harness files
 * allowed to import sim/ (eslint.config.js). Design: docs/architecture.md "ScsiTransport", "Control".
 */
import { VirtualClock } from '../../../common/clock/clock.js';
import { InMemoryTransport } from '../../../scsi/transport/in-memory-transport.js';
import { localControlClient, type ControlClient } from '../../../sim/control/control-client.js';
import type { CartridgeView, ControlResult } from '../../../sim/control/control-types.js';
import { loadPersonality, type Personality } from '../../../sim/personality/index.js';
import type { CommandFault, FaultInjection } from './fault-injection.js';
import { PULLED_MAGAZINE_READINGS, type LibraryModel, type PulledMagazineReading } from './library-model.js';
import {
  OperatorRefusedError,
  type CartridgeToHandIn,
  type Locks,
  type MagazineInfo,
  type Operator,
  type OperatorJournal,
} from '../operator/operator.js';
import type { LibraryTarget, TargetSession } from './target-session.js';
import { virtualTime } from './time-control.js';
import { TraceLog } from '../observation/trace-log.js';
import { createInProcessTarget } from '../../../sim/changer/in-process-target.js';

/** The operator's hands over the simulator's control API (`--operator sim`). */
export class SimulatorOperator implements Operator {
  readonly kind = 'sim';
  readonly description = 'simulator control API';
  /** Cartridges taken out, by label: put back with the cleanings they had. */
  private readonly pocket = new Map<string, CartridgeView>();

  constructor(
    private readonly control: ControlClient,
    private readonly journal?: OperatorJournal,
  ) {}

  private async act<T>(action: string, args: Record<string, unknown>, result: Promise<ControlResult<T>>): Promise<T> {
    const r = await result;
    this.journal?.add({
      action,
      args,
      text: `${action} through the simulator's control API`,
      result: r.ok ? 'done' : 'refused',
      ...(r.ok ? {} : { answer: { code: r.code, message: r.message } }),
    });
    if (!r.ok) throw new OperatorRefusedError(action, r.code, r.message);
    return r.value;
  }

  private keep(c: CartridgeView): string {
    this.pocket.set(c.volumeTag, c);
    return c.volumeTag;
  }

  private handIn(c: CartridgeToHandIn) {
    const kept = this.pocket.get(c.volumeTag);
    const uses = c.usesRemaining ?? (kept?.kind === 'cleaning' ? kept.usesRemaining : undefined);
    return { volumeTag: c.volumeTag, kind: c.kind, ...(uses !== undefined ? { usesRemaining: uses } : {}) };
  }

  async locks(what: { importExport: boolean; door: boolean }): Promise<Locks> {
    const s = await this.control.status();
    this.journal?.add({
      action: 'report-locks',
      args: what,
      text: "read the locks from the simulator's status",
      result: 'done',
      answer: { importExport: s.importExport.locked, door: s.door.locked },
    });
    return {
      ...(what.importExport ? { importExport: s.importExport.locked } : {}),
      ...(what.door ? { door: s.door.locked } : {}),
    };
  }

  async openImportExport(): Promise<void> {
    await this.act('open-ie', {}, this.control.openImportExport());
  }

  async closeImportExport(): Promise<void> {
    await this.act('close-ie', {}, this.control.closeImportExport());
  }

  async takeFromImportExport(address: number): Promise<string> {
    return this.keep(await this.act('take-from-ie', { address }, this.control.takeFromImportExport(address)));
  }

  async putIntoImportExport(address: number, cartridge: CartridgeToHandIn): Promise<void> {
    await this.act(
      'put-into-ie',
      { address, ...cartridge },
      this.control.putIntoImportExport(address, this.handIn(cartridge)),
    );
  }

  async openDoor(): Promise<void> {
    await this.act('open-door', {}, this.control.openDoor());
  }

  async closeDoor(): Promise<void> {
    await this.act('close-door', {}, this.control.closeDoor());
  }

  async takeThroughDoor(address: number): Promise<string> {
    return this.keep(await this.act('take-through-door', { address }, this.control.takeThroughDoor(address)));
  }

  async putThroughDoor(address: number, cartridge: CartridgeToHandIn): Promise<void> {
    await this.act(
      'put-through-door',
      { address, ...cartridge },
      this.control.putThroughDoor(address, this.handIn(cartridge)),
    );
  }

  async pullMagazine(m: MagazineInfo): Promise<void> {
    await this.act('pull-magazine', { magazine: m.id }, this.control.pullMagazine(m.id));
  }

  async insertMagazine(m: MagazineInfo): Promise<void> {
    await this.act('insert-magazine', { magazine: m.id }, this.control.insertMagazine(m.id));
  }
}

/** The product's pulled-magazine style as the suite reads it. */
function pulledReading(style: string): PulledMagazineReading {
  const r = PULLED_MAGAZINE_READINGS[style];
  if (!r) throw new Error(`no pulled-magazine reading for the style "${style}" (conformance/harness/library-model.ts)`);
  return r;
}

/** Faults through the simulator's control API (the `sim` operator's other hand), journalled as operator actions. */
export class SimulatorFaults implements FaultInjection {
  readonly description = 'simulator control API';

  constructor(
    private readonly control: ControlClient,
    private readonly journal?: OperatorJournal,
  ) {}

  private async act(action: string, args: Record<string, unknown>, result: Promise<ControlResult>): Promise<void> {
    const r = await result;
    this.journal?.add({
      action,
      args,
      text: `${action} through the simulator's control API (fault injection)`,
      result: r.ok ? 'done' : 'refused',
      ...(r.ok ? {} : { answer: { code: r.code, message: r.message } }),
    });
    if (!r.ok) throw new OperatorRefusedError(action, r.code, r.message);
  }

  failNextCommand(fault: CommandFault): Promise<void> {
    const input = { ...(fault.opcode !== undefined ? { opcode: fault.opcode } : {}), ...fault.sense };
    return this.act('fail-next-command', input, this.control.failNextCommand(input));
  }

  failNextMove(kind: 'positioning' | 'changer' = 'positioning'): Promise<void> {
    return this.act('fail-next-move', { kind }, this.control.failNextMove(kind));
  }

  powerCycle(): Promise<void> {
    return this.act('power-cycle', {}, this.control.powerCycle());
  }

  async pending(): Promise<number> {
    const f = (await this.control.status()).faults;
    return f.commands + f.moves;
  }

  clear(): Promise<void> {
    return this.act('clear-faults', {}, this.control.clearFaults());
  }
}

/** The host's model of a fixture (what SCSI does not say), from the simulator's own personality. */
export function modelOfPersonality(p: Personality): LibraryModel {
  return {
    id: p.id,
    name: p.name,
    file: p.file,
    door: { present: p.door.present, openSense: p.door.openSense },
    magazines: p.magazines.map((m) => ({ id: m.id, name: m.name, storage: m.storage, importExport: m.importExport })),
    pulledMagazine: pulledReading(p.pulledMagazineStyle),
    importExport: { openByHost: p.importExport.openCommand, closeByHost: p.importExport.closeCommand },
    hold: {
      persistentReservation: p.capabilities.persistentReservation,
      reserveRelease: p.capabilities.reserveRelease,
      preventLocksDoor: p.prevent.locksDoor,
      preventLocksImportExport: p.prevent.locksImportExport,
    },
    timing: p.timing,
  };
}

/** Loads a model by bundled fixture name or file path (`--model`); throws FixtureError naming the file and field. */
export function loadLibraryModel(nameOrFile: string, fixturesDir?: string): LibraryModel {
  return modelOfPersonality(loadPersonality(nameOrFile, fixturesDir));
}

/** One fixture as a library of a `sim:` target. The personality is loaded once, on the first open. */
export class SimLibraryTarget implements LibraryTarget {
  private personality: Personality | undefined;

  constructor(
    readonly label: string,
    readonly name: string,
    private readonly fixturesDir?: string,
    private readonly journal?: OperatorJournal,
  ) {}

  private load(): Personality {
    this.personality ??= loadPersonality(this.label, this.fixturesDir);
    return this.personality;
  }

  async open(): Promise<TargetSession> {
    const personality = this.load();
    const clock = new VirtualClock();
    const time = virtualTime(clock);
    const { changer, target } = createInProcessTarget(personality, { clock, startReady: true });
    const trace = new TraceLog(() => clock.now());
    const rsmLink = new InMemoryTransport(target, {
      nexus: 'changerbench-rsm',
      description: `sim:${this.label} (RSM nexus)`,
    });
    const probeLink = new InMemoryTransport(target, {
      nexus: 'changerbench-suite',
      description: `sim:${this.label} (suite nexus)`,
    });
    const control = localControlClient(changer.control);
    return {
      label: this.label,
      description: `sim:${this.label} (in-process simulator, virtual time)`,
      time,
      trace,
      rsmTransport: trace.wrap('rsm', rsmLink),
      probeTransport: trace.wrap('suite', probeLink),
      hints: { name: personality.name, door: personality.door.present, lun: 0 },
      model: modelOfPersonality(personality),
      operator: new SimulatorOperator(control, this.journal),
      faults: new SimulatorFaults(control, this.journal),
      dropLink: () => rsmLink.disconnect(),
      async close() {
        await rsmLink.close();
        await probeLink.close();
        changer.close();
      },
    };
  }
}

/** The fixture id a simulator's control endpoint serves (`--operator sim` with `--control` and no `--model`). */
export async function servedFixture(control: ControlClient): Promise<string> {
  return (await control.status()).personality;
}
