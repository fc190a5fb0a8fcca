/**
 * Profiling aid for the RSM host model on the 20,000-slot simulated library: start a service, attach the
 * changer (discovery), reserve the slot holding a cleaner, eject it through the IE port while the operator takes
 * it, then restart the service on the same store (journal replay and rediscovery). Prints the wall time of each
 * phase and the SCSI commands the model sent. Run under the profiler with
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/rsm-large-library.ts [fixture] [db-file]`.
 * Figures only, never pass/fail. Spec: docs/rsm-semantics.md D4 (one READ ELEMENT STATUS of the reserved slot), D5.
 */
import { performance } from 'node:perf_hooks';
import {
  FileDbStore,
  guidRef,
  MemoryDbStore,
  newObjectInformation,
  NtmsObjectType,
  NtmsPortPosition,
  NtmsSlotState,
  RsmService,
  seededRandomSource,
  type DbStore,
} from '../rsm/index.js';
import { VirtualClock } from '../common/clock/clock.js';
import type { ScsiTransport } from '../scsi/transport/scsi-transport.js';
import { InMemoryTransport } from '../scsi/transport/in-memory-transport.js';
import { loadPersonality } from '../sim/personality/index.js';
import { SILENT_LOGGER } from '../common/logger.js';
import { createInProcessTarget } from '../sim/changer/in-process-target.js';

/** Counts the CDBs (by opcode) a transport is asked to send. */
function counting(inner: ScsiTransport, counts: Map<number, number>): ScsiTransport {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (prop !== 'execute' || typeof v !== 'function') return typeof v === 'function' ? v.bind(target) : v;
      return (req: { cdb: Uint8Array }, ...rest: unknown[]) => {
        const op = req.cdb[0] ?? -1;
        counts.set(op, (counts.get(op) ?? 0) + 1);
        return (v as (...a: unknown[]) => unknown).call(target, req, ...rest);
      };
    },
  });
}

const summary = (counts: Map<number, number>) =>
  Object.fromEntries([...counts].map(([k, v]) => [`0x${k.toString(16)}`, v]));
const fixture = process.argv[2] ?? 'large-library-20k';
const dbFile = process.argv[3];

/**
 * Settles `p` on the virtual clock; with the file store real I/O is pending too, so when no timer is due the
 * bench waits a real millisecond for it instead of declaring a deadlock (as VirtualClock.runUntil would).
 */
async function settle<T>(clock: VirtualClock, p: Promise<T>): Promise<T> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await Promise.resolve();
  while (!done) {
    const due = clock.nextDue();
    if (due !== undefined) await clock.advanceBy(Math.max(0, due - clock.now()));
    else await new Promise((r) => setTimeout(r, 1));
  }
  return p;
}

/** Resolves once `predicate` holds, checking every real millisecond (settle() runs the clock meanwhile). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 0));
}

async function main(): Promise<void> {
  const lap = (() => {
    let t = performance.now();
    return (what: string) => {
      const now = performance.now();
      console.log(`${what.padEnd(34)} ${(now - t).toFixed(0).padStart(6)} ms`);
      t = now;
    };
  })();
  const clock = new VirtualClock();
  const { changer: sim, target } = createInProcessTarget(loadPersonality(fixture), {
    clock,
    startReady: true,
    logger: {
      ...SILENT_LOGGER,
      error: (_f, m) => {
        throw new Error(m);
      },
    },
  });
  const counts = new Map<number, number>();
  const transport = counting(new InMemoryTransport(target, { nexus: 'rsm-host' }), counts);
  const store: DbStore = dbFile ? new FileDbStore(dbFile) : new MemoryDbStore();
  lap('simulator built');
  const service = new RsmService({ clock, random: seededRandomSource(1), store });
  await settle(clock, service.start());
  lap('service started');
  const libraryId = await settle(clock, service.attachChanger(transport, { door: true }));
  lap('changer attached (discovery)');
  const { handle } = await service.openNtmsSession(null, 'bench', 0);
  const slot = service.inspect.library(libraryId)?.slots.find((s) => s.state === NtmsSlotState.NTMS_SLOTSTATE_EMPTY);
  if (!slot) throw new Error('no empty slot');
  lap(`library view (slot ${slot.address})`);
  counts.clear();
  const rc = await settle(clock, service.reserveNtmsCleanerSlot(handle, guidRef(libraryId), guidRef(slot.id)));
  lap(`reserve (rc ${rc}, ${[...counts.values()].reduce((a, b) => a + b, 0)} commands)`);
  // MaxExtendSecs 900: the station's inventory after the operator closes it takes over a minute on 20,000 slots.
  const portId = service.inspect.library(libraryId)?.iePorts[0]?.id ?? '';
  const info = newObjectInformation(NtmsObjectType.NTMS_IEPORT);
  info.Info = { IEPort: { Number: 0, Content: 0, Position: 0, MaxExtendSecs: 900, Library: libraryId } };
  await settle(clock, service.setNtmsObjectInformation(handle, guidRef(portId), info));
  counts.clear();
  const inject = guidRef();
  const irc = await settle(clock, service.injectNtmsCleaner(handle, guidRef(libraryId), inject, 25, 0));
  await settle(
    clock,
    until(() => service.inspect.libraryRequest(inject.value)?.stateName === 'NTMS_LM_WAITING'),
  );
  const opened =
    service.inspect.library(libraryId)?.iePorts.find((p) => p.position === NtmsPortPosition.NTMS_PORTPOSITION_EXTENDED)
      ?.address ?? -1;
  if (!sim.control.putIntoImportExport(opened, { volumeTag: 'CLN777L1', kind: 'cleaning' }).ok)
    throw new Error(`the operator could not hand in at ${opened}`);
  sim.control.closeImportExport();
  const injected = await settle(clock, service.awaitLibraryRequest(inject.value));
  lap(`inject (rc ${irc}) ${injected.stateName}`);
  console.log('commands during the inject:', summary(counts));
  counts.clear();
  const op = guidRef();
  const erc = await settle(clock, service.ejectNtmsCleaner(handle, guidRef(libraryId), op, 0));
  lap(`eject START (rc ${erc})`);
  await settle(
    clock,
    until(() => service.inspect.libraryRequest(op.value)?.stateName === 'NTMS_LM_WAITING'),
  );
  lap('eject WAITING');
  const port = service.inspect.cleanerOf(libraryId)?.location?.address ?? -1;
  const took = sim.control.takeFromImportExport(port);
  if (!took.ok) throw new Error(`operator could not take the cleaner from ${port}`);
  sim.control.closeImportExport();
  const view = await settle(clock, service.awaitLibraryRequest(op.value));
  lap(`eject ${view.stateName}`);
  console.log('commands during the eject:', summary(counts));
  await settle(clock, service.restart());
  lap('restart (load + rediscovery)');
  await settle(clock, service.stop());
  lap('stop');
}

await main();
