/**
 * The suite's own view of the changer, read over its own I_T nexus: the element map (MODE SENSE page 1Dh) and
 * the element status (READ ELEMENT STATUS with volume tags), so a test can say where a cartridge physically is
 * without trusting the RSM model under test. Spec: SMC-3 6.10 READ ELEMENT STATUS, 7.3 page 1Dh;
 * docs/smc-reference.md 1.3 (descriptor flags: FULL, ACCESS, EXCEPT, ED, IE flags), 1.6 (pulled magazines).
 */
import {
  Asc,
  ElementType,
  encodeMoveMediumCdb,
  encodeTestUnitReadyCdb,
  MediumType,
  ScsiStatus,
  SenseKey,
  type ElementAddressAssignmentPage,
  type ElementDescriptor,
  type SenseData,
} from '../../../scsi/codec/index.js';
import { ElementStatusMemo } from '../../../scsi/host/element-status-memo.js';
import { CommandFailedError, executeChecked } from '../../../scsi/host/execute-checked.js';
import { readElementAddressAssignment, readElements } from '../../../scsi/host/read-inventory.js';
import { waitUntilReady } from '../../../scsi/host/wait-until-ready.js';
import type { ScsiTransport } from '../../../scsi/transport/scsi-transport.js';

/** An element's kind, as the suite names it. */
export type ElementKindName = 'transport' | 'storage' | 'ie' | 'drive';

/** One element as READ ELEMENT STATUS reported it. */
export interface ElementReading {
  readonly kind: ElementKindName;
  readonly address: number;
  readonly full: boolean;
  readonly access: boolean;
  readonly except: boolean;
  /** Element disabled (SMC-3 ED, docs/smc-reference.md 1.3). */
  readonly disabled: boolean;
  readonly asc: number;
  readonly ascq: number;
  /** Primary volume tag, trimmed ("" when none). */
  readonly volumeTag: string;
  /** IE only: placed by the operator (IMPEXP). */
  readonly impExp?: boolean;
  /** The medium type reads cleaning cartridge (SMC-3 6.10, medium type 2; docs/smc-reference.md 1.3). */
  readonly cleaning: boolean;
  /**
   * SOURCE STORAGE ELEMENT ADDRESS, when SVALID is set (where the cartridge came from, SMC-3 6.10,
   * docs/smc-reference.md 1.3).
   */
  readonly sourceAddress?: number;
}

/** What TEST UNIT READY answered: GOOD, or the sense of its CHECK CONDITION; with the unit attentions met. */
export interface ReadinessReading {
  readonly ready: boolean;
  readonly sense: SenseData | undefined;
  readonly unitAttentions: readonly SenseData[];
}

/** Everything the changer reported in one read. */
export interface ChangerContents {
  readonly elements: readonly ElementReading[];
  /**
   * Some full element reads a volume tag. False where the changer reads without VOLTAG (no barcode reader; the
   * read is retried without it) or no cartridge is labelled: a cartridge can then be told only by where it is and
   * by its SVALID source address.
   */
  readonly labelled: boolean;
  /** The element holding `volumeTag`, if any. */
  find(volumeTag: string): ElementReading | undefined;
  at(address: number): ElementReading | undefined;
  /** "storage 4106" and the like, for messages. */
  describe(address: number): string;
}

const KIND_OF: Record<number, ElementKindName> = {
  [ElementType.MEDIUM_TRANSPORT]: 'transport',
  [ElementType.STORAGE]: 'storage',
  [ElementType.IMPORT_EXPORT]: 'ie',
  [ElementType.DATA_TRANSFER]: 'drive',
};

function reading(d: ElementDescriptor): ElementReading {
  const base = {
    kind: KIND_OF[d.elementType] ?? 'storage',
    address: d.address,
    full: d.full,
    access: d.access,
    except: d.except,
    disabled: d.ed,
    asc: d.asc,
    ascq: d.ascq,
    volumeTag: d.primaryVolumeTag?.id.trim() ?? '',
    cleaning: d.mediumType === MediumType.CLEANING,
    ...(d.full && d.svalid ? { sourceAddress: d.sourceAddress } : {}),
  };
  return d.impExp === undefined ? base : { ...base, impExp: d.impExp };
}

function contents(elements: ElementReading[]): ChangerContents {
  const byAddress = new Map(elements.map((e) => [e.address, e]));
  return {
    elements,
    labelled: elements.some((e) => e.full && e.volumeTag !== ''),
    find: (tag) => elements.find((e) => e.full && e.volumeTag === tag),
    at: (address) => byAddress.get(address),
    describe: (address) => {
      const e = byAddress.get(address);
      return e ? `${e.kind} element ${address}` : `element ${address}`;
    },
  };
}

/** True for a CommandFailedError whose sense is NOT READY, BECOMING READY (02/04/01). */
function becomingReady(e: unknown): boolean {
  if (!(e instanceof CommandFailedError)) return false;
  const s = e.result.sense;
  const code = Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY;
  return s !== undefined && s.key === SenseKey.NOT_READY && s.asc === code.asc && s.ascq === code.ascq;
}

/** How long a read-back waits for a changer that is inventorying (a large library's full scan takes minutes). */
const READY_LIMIT_MS = 30 * 60_000;

/**
 * Read-back over the suite's nexus. A read that meets NOT READY 04/01 (the changer inventories after an
 * operator closed its door or IE station, or put a magazine back) waits with TEST UNIT READY on the session's
 * clock until the changer is ready, then reads again, as any initiator does (SPC-4 6.47, docs/scsi-model.md 10): the
 * operator's action over a control endpoint returns before the changer's scan ends.
 */
export class ChangerProbe {
  private map: ElementAddressAssignmentPage | undefined;
  /**
   * A large library is read whole before and after every call, mostly unchanged: replies byte for byte as last
   * time reuse their descriptors (the commands are still sent and their replies compared), and a read that gave
   * the very same descriptors as the last one returns the last contents.
   */
  private readonly memo = new ElementStatusMemo();
  private last: { readonly descriptors: readonly ElementDescriptor[]; readonly contents: ChangerContents } | undefined;

  constructor(
    private readonly transport: ScsiTransport,
    private readonly lun = 0,
    /** The session clock's sleep (virtual or scaled time); without it a 04/01 answer fails the read. */
    private readonly sleep?: (ms: number) => Promise<void>,
  ) {}

  /** Runs `read`; after a 04/01 answer waits until the changer is ready and runs it once more. */
  private async whenReady<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (!becomingReady(e) || !this.sleep) throw e;
      await waitUntilReady(this.transport, { sleep: this.sleep, lun: this.lun, limitMs: READY_LIMIT_MS });
      return read();
    }
  }

  /** Page 1Dh (read once; element counts include removed magazines, docs/smc-reference.md 1.4). */
  async layout(): Promise<ElementAddressAssignmentPage> {
    this.map ??= await this.whenReady(() => readElementAddressAssignment(this.transport, this.lun));
    return this.map;
  }

  /** Storage, IE and drive elements (and transports), with volume tags. */
  readAll(): Promise<ChangerContents> {
    return this.whenReady(() => this.readAllNow());
  }

  /** The contents of `descriptors`: the last contents when they are the very same descriptors in the same order. */
  private contentsOf(descriptors: readonly ElementDescriptor[]): ChangerContents {
    const last = this.last;
    if (last?.descriptors.length === descriptors.length && last.descriptors.every((d, i) => d === descriptors[i]))
      return last.contents;
    this.last = { descriptors, contents: contents(descriptors.map(reading)) };
    return this.last.contents;
  }

  private async readAllNow(): Promise<ChangerContents> {
    const m = await this.layout();
    const opts = { lun: this.lun, memo: this.memo };
    const all = [
      ...(await readElements(this.transport, ElementType.STORAGE, m.firstStorage, m.numberOfStorage, opts)),
      ...(await readElements(
        this.transport,
        ElementType.IMPORT_EXPORT,
        m.firstImportExport,
        m.numberOfImportExport,
        opts,
      )),
      ...(await readElements(
        this.transport,
        ElementType.DATA_TRANSFER,
        m.firstDataTransfer,
        m.numberOfDataTransfer,
        opts,
      )),
      ...(await readElements(this.transport, ElementType.MEDIUM_TRANSPORT, m.firstTransport, m.numberOfTransports, {
        ...opts,
        voltag: false,
      })),
    ];
    return this.contentsOf(all);
  }

  /** The IE elements only. */
  async readImportExport(): Promise<ChangerContents> {
    const m = await this.layout();
    return this.whenReady(async () =>
      contents(
        (
          await readElements(this.transport, ElementType.IMPORT_EXPORT, m.firstImportExport, m.numberOfImportExport, {
            lun: this.lun,
          })
        ).map(reading),
      ),
    );
  }

  /** TEST UNIT READY answers GOOD (after any unit attentions). */
  async ready(): Promise<boolean> {
    const r = await executeChecked(this.transport, {
      lun: this.lun,
      cdb: encodeTestUnitReadyCdb(),
      allocationLength: 0,
    });
    return r.status === ScsiStatus.GOOD;
  }

  /** TEST UNIT READY with its sense (the door-open NOT READY of the product, 28/00 after a close). */
  async readiness(): Promise<ReadinessReading> {
    const r = await executeChecked(this.transport, {
      lun: this.lun,
      cdb: encodeTestUnitReadyCdb(),
      allocationLength: 0,
    });
    return { ready: r.status === ScsiStatus.GOOD, sense: r.sense, unitAttentions: r.unitAttentions };
  }

  /**
   * MOVE MEDIUM from `source` to `destination` with the first transport element (SMC-3 6.6, docs/smc-reference.md 1.2);
   * after NOT READY (inventory, robot busy) or a removal still prevented by a nexus that just ended, waits and tries
   * again up to `attempts` times. Throws CommandFailedError with the last sense otherwise.
   */
  async move(source: number, destination: number, attempts = 12): Promise<void> {
    const m = await this.layout();
    const cdb = encodeMoveMediumCdb({
      transportAddress: m.firstTransport,
      sourceAddress: source,
      destinationAddress: destination,
      invert: false,
      control: 0,
    });
    for (let i = 1; ; i++) {
      const r = await executeChecked(this.transport, { lun: this.lun, cdb, allocationLength: 0 });
      if (r.status === ScsiStatus.GOOD) return;
      const code = Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY;
      if (this.sleep && r.sense?.key === SenseKey.NOT_READY && r.sense.asc === code.asc && r.sense.ascq === code.ascq) {
        // Inventorying (after a station or door closed): wait for it as any initiator does; not an attempt spent.
        const waited = await waitUntilReady(this.transport, {
          sleep: this.sleep,
          lun: this.lun,
          limitMs: READY_LIMIT_MS,
        });
        if (!waited.ready)
          throw new CommandFailedError(`MOVE MEDIUM ${source} -> ${destination} (the changer stayed NOT READY)`, r);
        i--;
        continue;
      }
      const retry =
        r.status === ScsiStatus.BUSY ||
        r.sense?.key === SenseKey.NOT_READY ||
        (r.sense?.asc === Asc.MEDIUM_REMOVAL_PREVENTED.asc && r.sense.ascq === Asc.MEDIUM_REMOVAL_PREVENTED.ascq);
      if (!retry || i >= attempts || !this.sleep)
        throw new CommandFailedError(`MOVE MEDIUM ${source} -> ${destination}`, r);
      await this.sleep(Math.min(30_000, 1000 * i));
    }
  }

  /** One storage element. */
  async readSlot(address: number): Promise<ElementReading | undefined> {
    const [d] = await this.whenReady(() =>
      readElements(this.transport, ElementType.STORAGE, address, 1, { lun: this.lun }),
    );
    return d && d.address === address ? reading(d) : undefined;
  }
}
