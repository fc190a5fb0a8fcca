/**
 * The shared setup of the SimulatorService specs: a temporary directory per test, services started on the
 * ibm-ts3100 fixture (virtual clock, ready at once) and closed after each test, and a start that must fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../../../common/clock/clock.js';
import { SimulatorService, type ServeOptions } from '../../../../sim/service/serve.js';

/** Any free port on the loopback address. */
export const LOOPBACK_0 = { host: '127.0.0.1', port: 0 };

/** Starts a service that must fail to start and returns its error (closing it when it did start). */
export async function startFails(options: ServeOptions): Promise<Error> {
  try {
    const s = await SimulatorService.start(options);
    await s.close();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected start to fail');
}

/** What a test reaches of the current rig; valid inside a test. */
export interface ServeRig {
  /** This test's temporary directory (removed after it). */
  readonly dir: string;
  /** The services started by this test; closed after it. */
  readonly services: SimulatorService[];
  /** Starts a service (ibm-ts3100, virtual clock, ready) with these options over the defaults. */
  start(options: Partial<ServeOptions>): Promise<SimulatorService>;
}

/** Registers beforeEach/afterEach in the calling describe: a fresh directory, and every started service closed. */
export function useServeRig(): ServeRig {
  const rig = { dir: '', services: [] as SimulatorService[] } as { dir: string } & ServeRig;
  rig.start = async (options: Partial<ServeOptions>): Promise<SimulatorService> => {
    const s = await SimulatorService.start({
      fixture: 'ibm-ts3100',
      clock: new VirtualClock(),
      startReady: true,
      ...options,
    });
    rig.services.push(s);
    return s;
  };

  beforeEach(() => {
    rig.dir = mkdtempSync(join(tmpdir(), 'changerbench-serve-'));
  });

  afterEach(async () => {
    await Promise.all(rig.services.splice(0).map((s) => s.close()));
    rmSync(rig.dir, { recursive: true, force: true });
  });
  return rig;
}
