/**
 * The iSCSI bench's load generator for one target, run in a worker thread of its own (iscsi-load-worker.mjs):
 * an IscsiInitiator logged in to the target, the target's element map, and timed rounds of one operation with
 * a given number of commands in flight. Each target gets its own worker, hence its own V8 isolate. Measured on
 * the project's 2-core machine with one isolate for both: after rounds against tgt's changer, the rounds against
 * the simulator ran at 82,000 instead of 127,000 TEST UNIT READYs per second, the initiator's CPU per command rose
 * from 7.2 to 11.3 µs, and `--trace-deopt` showed Node's socket write functions deoptimized ("wrong map") as the
 * tgt traffic began; tgt's rounds lost about 10% the same way. With a worker each, neither target's figures depend
 * on the other's traffic.
 * Spec: SMC-3 6.6 (MOVE MEDIUM), 6.10 (READ ELEMENT STATUS); SPC-4 6.47 (TEST UNIT READY).
 * See docs/smc-reference.md 1.2 (MOVE MEDIUM, READ ELEMENT STATUS), docs/scsi-model.md 10 (TEST UNIT READY).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import {
  ElementType,
  encodeMoveMediumCdb,
  encodeReadElementStatusCdb,
  encodeTestUnitReadyCdb,
  ScsiStatus,
} from '../scsi/codec/index.js';
import { executeChecked } from '../scsi/host/execute-checked.js';
import { readElementAddressAssignment, readElements } from '../scsi/host/read-inventory.js';
import { IscsiInitiator } from '../scsi/transport/iscsi/index.js';

/** What the bench asks of a load worker. */
export interface LoadSettings {
  readonly url: string;
  /** The initiator's busy-poll window in µs (0: it sleeps between answers). */
  readonly busyPollMicros: number;
}

/** The operations a row can time. `move` is a pair: slot to slot and back. */
export type LoadOp = 'tur' | 'res' | 'move';

/** Messages to a load worker. */
export type LoadRequest =
  | { readonly kind: 'round'; readonly op: LoadOp; readonly depth: number; readonly ms: number }
  | { readonly kind: 'close' };

/** A timed round's result. */
export interface RoundResult {
  /** Operations per second over the round. */
  readonly rate: number;
  /** Data-in bytes of the last operation. */
  readonly bytes: number;
  readonly count: number;
}

/** Messages from a load worker. */
export type LoadReply =
  | { readonly kind: 'ready'; readonly full: number; readonly empty: number }
  | { readonly kind: 'round'; readonly result: RoundResult }
  | { readonly kind: 'closed' }
  | { readonly kind: 'error'; readonly message: string };

type Op = (worker: number) => Promise<number>;

async function expectGood(initiator: IscsiInitiator, cdb: Buffer, allocationLength: number): Promise<number> {
  const r = await initiator.execute({ lun: initiator.lun, cdb, allocationLength });
  if (r.status !== ScsiStatus.GOOD) throw new Error(`command ${cdb[0]?.toString(16)}h answered status ${r.status}`);
  return r.dataIn.length;
}

/** Logs in, reads the element map and the storage slots (tolerant of tgt's short replies), and builds the operations. */
async function open(
  settings: LoadSettings,
): Promise<{ initiator: IscsiInitiator; ops: Record<LoadOp, Op>; full: number; empty: number }> {
  const initiator = await IscsiInitiator.connect(settings.url, { busyPollMicros: settings.busyPollMicros });
  try {
    const lun = initiator.lun;
    await executeChecked(initiator, { lun, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 });
    const map = await readElementAddressAssignment(initiator, lun);
    const storage = await readElements(initiator, ElementType.STORAGE, map.firstStorage, map.numberOfStorage, { lun });
    const usable = storage.filter((d) => !d.ed && d.mediumType !== 2);
    const full = usable.filter((d) => d.full).map((d) => d.address);
    const empty = usable.filter((d) => !d.full).map((d) => d.address);
    const tur = encodeTestUnitReadyCdb();
    const res = encodeReadElementStatusCdb({
      voltag: true,
      elementType: ElementType.STORAGE,
      startingAddress: map.firstStorage,
      numberOfElements: map.numberOfStorage,
      curdata: false,
      dvcid: false,
      allocationLength: 0xffffff,
    });
    const pairs = Array.from({ length: 8 }, (_, i) => ({ from: full[i], to: empty[i] }));
    const move: Op = async (worker) => {
      const p = pairs[worker];
      if (p?.from === undefined || p.to === undefined)
        throw new Error(`MOVE pairs need 8 full and 8 empty slots, have ${full.length} and ${empty.length}`);
      await expectGood(
        initiator,
        encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: p.from, destinationAddress: p.to }),
        0,
      );
      await expectGood(
        initiator,
        encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: p.to, destinationAddress: p.from }),
        0,
      );
      return 0;
    };
    return {
      initiator,
      ops: { tur: () => expectGood(initiator, tur, 0), res: () => expectGood(initiator, res, 0xffffff), move },
      full: full.length,
      empty: empty.length,
    };
  } catch (e) {
    await initiator.close().catch(() => undefined);
    throw e;
  }
}

/** `depth` workers repeat `op` until `ms` have passed. */
async function round(op: Op, depth: number, ms: number): Promise<RoundResult> {
  let bytes = 0;
  let count = 0;
  const t0 = performance.now();
  const until = t0 + ms;
  await Promise.all(
    Array.from({ length: depth }, async (_, worker) => {
      while (performance.now() < until) {
        bytes = await op(worker);
        count++;
      }
    }),
  );
  return { rate: (count * 1000) / (performance.now() - t0), bytes, count };
}

const port = parentPort;
if (port !== null) {
  const reply = (m: LoadReply) => port.postMessage(m);
  const failed = (e: unknown) => reply({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  try {
    const system = await open(workerData as LoadSettings);
    port.on('message', (m: LoadRequest) => {
      if (m.kind === 'close') {
        void system.initiator
          .close()
          .catch(() => undefined)
          .then(() => reply({ kind: 'closed' }));
        return;
      }
      round(system.ops[m.op], m.depth, m.ms).then((result) => reply({ kind: 'round', result }), failed);
    });
    reply({ kind: 'ready', full: system.full, empty: system.empty });
  } catch (e) {
    failed(e);
  }
}
