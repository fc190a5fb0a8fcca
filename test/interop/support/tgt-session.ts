/**
 * Shared pieces of the tgt interop specs: one private tgt changer and one logged-in IscsiInitiator per describe
 * block (started in before, stopped in after even when a test fails), and small SCSI helpers that keep the specs
 * readable. Spec: SMC-3 6.10 (READ ELEMENT STATUS), 6.6 (MOVE MEDIUM); SPC-4 4.5 (sense data);
 * docs/tgt-quirks.md. See docs/smc-reference.md 1.2, docs/scsi-model.md 7.
 */
import { decodeSense, encodeMoveMediumCdb, encodeReadElementStatusCdb } from '../../../scsi/codec/index.js';
import { IscsiInitiator } from '../../../scsi/transport/iscsi/index.js';
import type { ScsiResult } from '../../../scsi/transport/scsi-transport.js';
import { startTgtChanger, tgtMissingReason, type TgtChanger, type TgtChangerOptions } from '../../support/tgt.js';

/** The changer every interop spec uses unless it says otherwise: MT 1, 24 slots at 1000, IE 10, drives 500-501. */
export const INTEROP_LAYOUT = {
  importExport: { start: 10, count: 1 },
  drives: { start: 500, count: 2 },
} as const satisfies TgtChangerOptions;

/** What a describe block gets from {@link useTgtChanger}. */
export interface TgtSession {
  tgt: TgtChanger;
  initiator: IscsiInitiator;
}

/**
 * Registers before/after hooks that start a tgt changer (skipping the block, with the reason logged, when tgt is
 * not installed) and log in once; the returned object is filled in before the first test runs.
 */
export function useTgtChanger(options: TgtChangerOptions): TgtSession {
  const session = {} as TgtSession;
  let tgt: TgtChanger | undefined;
  let initiator: IscsiInitiator | undefined;
  before(async function () {
    const reason = tgtMissingReason();
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    tgt = await startTgtChanger(options);
    session.tgt = tgt;
    initiator = await IscsiInitiator.connect(tgt.url);
    session.initiator = initiator;
  });
  after(async () => {
    await initiator?.close().catch(() => undefined);
    await tgt?.stop();
  });
  return session;
}

/** "KK/AA/QQ" of a CHECK CONDITION's sense, or "good" / "status NN" for other outcomes. */
export function outcome(r: ScsiResult): string {
  if (r.status === 0) return 'good';
  if (r.status !== 2 || r.senseData === undefined) return `status ${r.status.toString(16).padStart(2, '0')}`;
  const s = decodeSense(r.senseData);
  const h = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  return `${h(s.key)}/${h(s.asc)}/${h(s.ascq)}`;
}

/** The largest allocation length READ ELEMENT STATUS carries. */
export const MAX_ALLOCATION = 0xffffff;

/** Sends READ ELEMENT STATUS for one element type and returns the raw reply. */
export function readElementStatusRaw(
  session: TgtSession,
  elementType: number,
  options: { start?: number; count?: number; voltag?: boolean; dvcid?: boolean; allocationLength?: number } = {},
): Promise<ScsiResult> {
  const allocationLength = options.allocationLength ?? MAX_ALLOCATION;
  const cdb = encodeReadElementStatusCdb({
    voltag: options.voltag ?? true,
    elementType,
    startingAddress: options.start ?? 0,
    numberOfElements: options.count ?? 0xffff,
    curdata: false,
    dvcid: options.dvcid ?? false,
    allocationLength,
  });
  return session.initiator.execute({ lun: session.tgt.lun, cdb, allocationLength });
}

/** Sends MOVE MEDIUM (transport 1 unless given) and returns the outcome string. */
export async function move(
  session: TgtSession,
  source: number,
  destination: number,
  extra: { transport?: number; invert?: boolean } = {},
): Promise<string> {
  const cdb = encodeMoveMediumCdb({
    transportAddress: extra.transport ?? 1,
    sourceAddress: source,
    destinationAddress: destination,
    invert: extra.invert ?? false,
  });
  return outcome(await session.initiator.execute({ lun: session.tgt.lun, cdb, allocationLength: 0 }));
}
