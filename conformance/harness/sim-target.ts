/**
 * `sim:` targets: for each test a fresh in-process simulated changer (SimulatedChanger on its own VirtualClock,
 * behind a SimulatedTarget), reached only through two InMemoryTransports (the RSM model's I_T nexus and the
 * suite's), and the operator's hands through the simulator's control API (a ControlClient). One of the two
 * harness files allowed to import sim/ (eslint.config.js). Design: ARCHITECTURE.md "ScsiTransport", "Control".
 */
import { VirtualClock } from '../../scsi/clock/clock.js';
import { InMemoryTransport } from '../../scsi/transport/in-memory-transport.js';
import { localControlClient, type ControlClient } from '../../sim/control/control-client.js';
import type { ControlResult } from '../../sim/control/control-types.js';
import { loadPersonality, type Personality } from '../../sim/personality/index.js';
import { SimulatedChanger } from '../../sim/simulated-changer.js';
import { SimulatedTarget } from '../../sim/target.js';
import { OperatorRefusedError, type CartridgeToHandIn, type MagazineInfo, type Operator, type OpeningState } from './operator.js';
import type { LibraryTarget, TargetSession } from './target-session.js';
import { virtualTime } from './time-control.js';
import { TraceLog } from './trace-log.js';

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
