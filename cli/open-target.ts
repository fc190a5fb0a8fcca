/**
 * Opens the changer a host command (`status`) talks to, from a target URL or a fixture name: an in-process
 * simulator on a virtual clock for `sim:<fixture>`, later an iSCSI or serial initiator.
 */
import { VirtualClock } from '../scsi/clock/clock.js';
import { ClockDrivenTransport } from '../scsi/transport/clock-driven-transport.js';
import { InMemoryTransport } from '../scsi/transport/in-memory-transport.js';
import type { ScsiTransport } from '../scsi/transport/scsi-transport.js';
import { parseTargetUrl } from '../scsi/transport/target-url.js';
import { localControlClient, type ControlClient } from '../sim/control/control-client.js';
import { loadPersonality } from '../sim/personality/index.js';
import { SimulatedChanger } from '../sim/simulated-changer.js';
import { SimulatedTarget } from '../sim/target.js';
import { CliError } from './cli-io.js';

/** An open connection to a changer, with its LUN and (for a simulator) the operator API. */
export interface OpenTarget {
  readonly transport: ScsiTransport;
  readonly lun: number;
  /** Name printed after "Storage Changer" (mtx prints the device path). */
  readonly device: string;
  readonly control?: ControlClient;
  close(): Promise<void>;
}

/** An in-process simulator of one fixture, read through a transport that drives its virtual clock. */
export function openSimulatorTarget(fixture: string): OpenTarget {
  const personality = loadPersonality(fixture);
  const clock = new VirtualClock();
  const changer = new SimulatedChanger(personality, { clock, startReady: true });
  const target = new SimulatedTarget(changer);
  const inner = new InMemoryTransport(target, { nexus: 'changerbench-status', description: `sim:${personality.id}` });
  return {
    transport: new ClockDrivenTransport(inner, clock),
    lun: target.lun,
    device: `sim:${personality.id}`,
    control: localControlClient(changer.control),
    close: async () => {
      await inner.close();
      changer.close();
    },
  };
}

/** Opens a target by URL (see scsi/transport/target-url.ts). */
export async function openTarget(url: string): Promise<OpenTarget> {
  const t = (() => {
    try {
      return parseTargetUrl(url);
    } catch (e) {
      throw new CliError((e as Error).message, 2);
    }
  })();
  switch (t.kind) {
    case 'sim': {
      if (t.fixtures.length !== 1) throw new CliError(`status needs exactly one fixture: sim:<fixture>, got "${url}"`, 2);
      return openSimulatorTarget(t.fixtures[0] ?? '');
    }
    default:
      throw new CliError(`${t.kind} targets are not supported by this build yet (use sim:<fixture>)`, 2);
  }
}
