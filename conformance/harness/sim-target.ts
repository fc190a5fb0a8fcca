/**
 * `sim:` targets: for each test a fresh in-process simulated changer (SimulatedChanger on its own VirtualClock,
 * behind a SimulatedTarget), reached only through two InMemoryTransports (the RSM model's I_T nexus and the
 * suite's), and the operator's hands through the simulator's control API (a ControlClient). Also the operator
 * and restorer of a simulator in another process (RemoteSimulatorControl, for wire-target.ts). One of the two
 * harness files allowed to import sim/ (eslint.config.js). Design: ARCHITECTURE.md "ScsiTransport", "Control".
 */
import { ScaledClock, VirtualClock } from '../../scsi/clock/clock.js';
import { InMemoryTransport } from '../../scsi/transport/in-memory-transport.js';
import { localControlClient, type ControlClient } from '../../sim/control/control-client.js';
import type { CartridgeView, ControlResult, StatusView } from '../../sim/control/control-types.js';
import { loadPersonality, type Personality } from '../../sim/personality/index.js';
import { SimulatedChanger } from '../../sim/simulated-changer.js';
import { SimulatedTarget } from '../../sim/target.js';
import { OperatorRefusedError, type CartridgeToHandIn, type MagazineInfo, type Operator, type OpeningState } from './operator.js';
import type { LibraryTarget, TargetSession } from './target-session.js';
import { realTime, virtualTime } from './time-control.js';
import { TraceLog } from './trace-log.js';
import { SUITE_INITIATOR_PREFIX, type WireControl } from './wire-target.js';

/** Resolves a refusal into OperatorRefusedError; returns the value otherwise. */
async function carryOut<T>(action: string, result: Promise<ControlResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new OperatorRefusedError(action, r.code, r.message);
  return r.value;
}

const handIn = (c: CartridgeToHandIn) => ({ volumeTag: c.volumeTag, kind: c.kind, ...(c.usesRemaining !== undefined ? { usesRemaining: c.usesRemaining } : {}) });

/** The operator's hands over the simulator's control API. */
export class SimulatorOperator implements Operator {
  readonly description = 'simulator control API';

  constructor(
    private readonly control: ControlClient,
    private readonly personality: Personality,
  ) {}

  async importExportState(): Promise<OpeningState> {
    const s = (await this.control.status()).importExport;
    return { present: s.present, open: s.open, locked: s.locked };
  }

  async doorState(): Promise<OpeningState> {
    const s = (await this.control.status()).door;
    return { present: s.present, open: s.open, locked: s.locked };
  }

  async magazines(): Promise<readonly MagazineInfo[]> {
    if (this.personality.magazines.length === 0) return [];
    const present = new Map((await this.control.status()).magazines.map((m) => [m.id, m.present]));
    return this.personality.magazines.map((m) => ({ id: m.id, name: m.name, storage: m.storage, present: present.get(m.id) ?? false }));
  }

  async openImportExport(): Promise<void> {
    await carryOut('open the I/O station', this.control.openImportExport());
  }

  async closeImportExport(): Promise<void> {
    await carryOut('close the I/O station', this.control.closeImportExport());
  }

  async takeFromImportExport(address: number): Promise<string> {
    return (await carryOut(`take the cartridge from IE element ${address}`, this.control.takeFromImportExport(address))).volumeTag;
  }

  async putIntoImportExport(address: number, cartridge: CartridgeToHandIn): Promise<void> {
    await carryOut(`put ${cartridge.volumeTag} into IE element ${address}`, this.control.putIntoImportExport(address, handIn(cartridge)));
  }

  async openDoor(): Promise<void> {
    await carryOut('open the door', this.control.openDoor());
  }

  async closeDoor(): Promise<void> {
    await carryOut('close the door', this.control.closeDoor());
  }

  async takeThroughDoor(address: number): Promise<string> {
    return (await carryOut(`take the cartridge from element ${address} through the door`, this.control.takeThroughDoor(address))).volumeTag;
  }

  async putThroughDoor(address: number, cartridge: CartridgeToHandIn): Promise<void> {
    await carryOut(`put ${cartridge.volumeTag} into element ${address} through the door`, this.control.putThroughDoor(address, handIn(cartridge)));
  }

  async pullMagazine(id: string): Promise<void> {
    await carryOut(`pull magazine ${id}`, this.control.pullMagazine(id));
  }

  async insertMagazine(id: string): Promise<void> {
    await carryOut(`insert magazine ${id}`, this.control.insertMagazine(id));
  }
}

/** One fixture as a library of a `sim:` target. The personality is loaded once, on the first open. */
export class SimLibraryTarget implements LibraryTarget {
  private personality: Personality | undefined;

  constructor(
    readonly label: string,
    readonly name: string,
    private readonly fixturesDir?: string,
  ) {}

  private load(): Personality {
    this.personality ??= loadPersonality(this.label, this.fixturesDir);
    return this.personality;
  }

  async open(): Promise<TargetSession> {
    const personality = this.load();
    const clock = new VirtualClock();
    const time = virtualTime(clock);
    const changer = new SimulatedChanger(personality, { clock, startReady: true });
    const target = new SimulatedTarget(changer);
    const trace = new TraceLog(() => clock.now());
    const rsmLink = new InMemoryTransport(target, { nexus: 'changerbench-rsm', description: `sim:${this.label} (RSM nexus)` });
    const probeLink = new InMemoryTransport(target, { nexus: 'changerbench-suite', description: `sim:${this.label} (suite nexus)` });
    return {
      label: this.label,
      description: `sim:${this.label} (in-process simulator, virtual time)`,
      time,
      trace,
      rsmTransport: trace.wrap('rsm', rsmLink),
      probeTransport: trace.wrap('suite', probeLink),
      hints: { name: personality.name, door: personality.door.present, lun: 0, ieOpenByHost: personality.importExport.openCommand, ieCloseByHost: personality.importExport.closeCommand },
      operator: new SimulatorOperator(localControlClient(changer.control), personality),
      dropLink: () => rsmLink.disconnect(),
      async close() {
        await rsmLink.close();
        await probeLink.close();
        changer.close();
      },
    };
  }
}

/** A cartridge as recorded: where it must be after each test. */
type Recorded = ReadonlyMap<number, CartridgeView | null>;

const asInput = (c: CartridgeView): CartridgeToHandIn => ({ volumeTag: c.volumeTag, kind: c.kind, ...(c.kind === 'cleaning' ? { usesRemaining: c.usesRemaining } : {}) });

/**
 * A simulator in another process (`changerbench sim serve --control ...`) as the operator and the restorer of a
 * wire target: the fixture is named by the endpoint's status, the operator acts through its HTTP control API, and
 * after each test (once the simulator has seen the test's nexuses end) every cartridge out of its recorded place is taken out and put back through the door, the IE
 * station or a pulled magazine, as a person would. Cleaning cartridges come back with their recorded uses.
 */
export class RemoteSimulatorControl implements WireControl {
  private personality: Personality | undefined;
  private recorded: Recorded | undefined;

  constructor(
    private readonly control: ControlClient,
    readonly description: string,
    private readonly timeScale: number,
    private readonly fixturesDir?: string,
  ) {}

  async identify(): Promise<{ label: string; name: string; hints: { name: string; door: boolean; ieOpenByHost: boolean; ieCloseByHost: boolean } }> {
    const id = (await this.control.status()).personality;
    this.personality ??= loadPersonality(id, this.fixturesDir);
    const p = this.personality;
    return { label: p.id, name: p.name, hints: { name: p.name, door: p.door.present, ieOpenByHost: p.importExport.openCommand, ieCloseByHost: p.importExport.closeCommand } };
  }

  operator(): Operator {
    if (!this.personality) throw new Error('the remote simulator was not identified');
    return new SimulatorOperator(this.control, this.personality);
  }

  /**
   * Records where every cartridge is, as the state to restore after each test. The I/O station must start empty:
   * the suite hands cleaners in through it, so a cartridge left there would make every inject time out.
   */
  async record(): Promise<void> {
    await this.settled();
    const status = await this.control.status();
    const occupied = status.elements.filter((e) => e.type === 'importExport' && e.cartridge);
    if (occupied.length > 0) {
      const what = occupied.map((e) => `${e.cartridge?.volumeTag ?? '(no label)'} in IE element ${e.address}`).join(', ');
      throw new Error(
        `the library behind ${this.description} does not start with an empty I/O station (${what}); the suite hands cleaners in through it. Take them out first (changerbench sim console --control ${this.description}: "ie open", "ie take ADDRESS", "ie close") or restart sim serve on a fresh state`,
      );
    }
    this.recorded = new Map(status.elements.map((e) => [e.address, e.cartridge]));
  }

  async restore(): Promise<void> {
    const recorded = this.recorded;
    if (!recorded) return;
    await this.settled();
    let status = await this.control.status();
    for (const m of status.magazines) if (!m.present) await carryOut(`insert magazine ${m.id}`, this.control.insertMagazine(m.id));
    if (status.importExport.open) await carryOut('close the I/O station', this.control.closeImportExport());
    if (status.door.open) await carryOut('close the door', this.control.closeDoor());
    await this.settled();
    status = await this.control.status();
    const wrong = status.elements.filter((e) => (e.cartridge?.volumeTag ?? null) !== (recorded.get(e.address)?.volumeTag ?? null));
    if (wrong.length === 0) return;
    const ie = wrong.filter((e) => e.type === 'importExport');
    const inside = wrong.filter((e) => e.type !== 'importExport');
    if (ie.length > 0) {
      await carryOut('open the I/O station', this.control.openImportExport());
      for (const e of ie) if (e.cartridge) await carryOut(`take from IE element ${e.address}`, this.control.takeFromImportExport(e.address));
      for (const e of ie) {
        const want = recorded.get(e.address);
        if (want) await carryOut(`put ${want.volumeTag} into IE element ${e.address}`, this.control.putIntoImportExport(e.address, asInput(want)));
      }
      await carryOut('close the I/O station', this.control.closeImportExport());
    }
    if (inside.length > 0) {
      if (!status.door.present) throw new Error(`cannot restore the library: elements ${inside.map((e) => e.address).join(', ')} hold other cartridges than at the start, and it has no door to reach them`);
      await carryOut('open the door', this.control.openDoor());
      for (const e of inside) if (e.cartridge) await carryOut(`take from element ${e.address}`, this.control.takeThroughDoor(e.address));
      for (const e of inside) {
        const want = recorded.get(e.address);
        if (want) await carryOut(`put ${want.volumeTag} into element ${e.address}`, this.control.putThroughDoor(e.address, asInput(want)));
      }
      await carryOut('close the door', this.control.closeDoor());
    }
    await this.settled();
  }

  /**
   * Waits (wall time, scaled) until the library is powered on, not scanning, the robot idle, and the simulator has
   * seen every nexus of the suite's last test end (their PREVENT and reservations released: the target notices a
   * logout a moment after the initiator).
   */
  private async settled(): Promise<void> {
    const clock = new ScaledClock(this.timeScale);
    const idle = (s: StatusView) => !s.poweringOn && !s.scanning && !s.robot.busy && s.robot.queued === 0 && !s.nexuses.some((n) => n.includes(SUITE_INITIATOR_PREFIX));
    await realTime(clock, Math.max(500, this.timeScale * 5)).waitFor('the remote simulator to settle (power-on, inventory, robot, the suite\'s nexuses gone)', async () => idle(await this.control.status()), 30 * 60_000);
  }
}
