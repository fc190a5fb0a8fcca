/**
 * The targets under the neutral client (neutral-bench.ts): each one's libiscsi load process, its element map read
 * once with our initiator, the MOVE lanes it offers, and closing them.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS (docs/smc-reference.md 1.3); docs/iscsi.md 5.1 (The neutral client);
 * docs/tgt-quirks.md.
 */
import { ElementType } from '../scsi/codec/index.js';
import { readElementAddressAssignment, readElements } from '../scsi/host/read-inventory.js';
import { IscsiInitiator } from '../scsi/transport/iscsi/index.js';
import { startTgt } from './bench-targets.js';
import { NeutralClient } from './neutral-client.js';

/** A target under the neutral client: its process, its element map, its load process. */
export interface Target {
  readonly name: string;
  readonly client: NeutralClient;
  readonly pid: number | undefined;
  readonly firstStorage: number;
  readonly storageCount: number;
  /** Full and empty storage slot pairs for MOVE lanes (cleaning cartridges and exceptions left out). */
  readonly lanes: readonly { readonly from: number; readonly to: number }[];
  close(): Promise<void>;
}

/** Opens the neutral client on a started target, after reading its element map once with our initiator (set-up only). */
export async function openTarget(
  name: string,
  binary: string,
  started: { url: string; stop: () => Promise<void>; pid?: number | undefined },
): Promise<Target> {
  try {
    const setup = await IscsiInitiator.connect(started.url);
    let map: Awaited<ReturnType<typeof readElementAddressAssignment>>;
    let lanes: { from: number; to: number }[];
    try {
      await setup.execute({ lun: setup.lun, cdb: Buffer.from([0, 0, 0, 0, 0, 0]), allocationLength: 0 });
      map = await readElementAddressAssignment(setup, setup.lun);
      const storage = await readElements(
        setup,
        ElementType.STORAGE,
        map.firstStorage,
        Math.min(map.numberOfStorage, 64),
        { lun: setup.lun },
      );
      const usable = storage.filter((d) => !d.ed && d.mediumType !== 2);
      const full = usable.filter((d) => d.full).map((d) => d.address);
      const empty = usable.filter((d) => !d.full).map((d) => d.address);
      lanes = full.slice(0, Math.min(full.length, empty.length, 8)).map((from, i) => ({ from, to: empty[i]! }));
    } finally {
      await setup.close();
    }
    const client = await NeutralClient.open(binary, started.url);
    return {
      name,
      client,
      pid: started.pid,
      firstStorage: map.firstStorage,
      storageCount: map.numberOfStorage,
      lanes,
      close: async () => {
        await client.close();
        await started.stop();
      },
    };
  } catch (e) {
    await started.stop();
    throw e;
  }
}

/** A tgt changer of `storageCount` slots (one in 20 full past 24), shaped for openTarget. */
export async function startTgtTarget(
  storageCount: number,
): Promise<{ url: string; stop: () => Promise<void>; pid?: number | undefined }> {
  const t = await startTgt(storageCount, 20);
  return { url: t.url, stop: () => t.stop(), pid: t.pid };
}

/** Closes `targets`, last opened first; a failure to close one is printed, not thrown. */
export async function closeAll(targets: Target[]): Promise<void> {
  for (const t of targets.reverse())
    await t
      .close()
      .catch((e: unknown) =>
        console.error(`neutral bench: closing ${t.name}: ${e instanceof Error ? e.message : String(e)}`),
      );
}
