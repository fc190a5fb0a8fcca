/**
 * A scripted ScsiTransport in front of a FakeLibrary: decodes each CDB with the shared codecs and answers it
 * from the element table, the way a changer would (unit attentions first, then the command).
 * Spec: SMC-3 6.10 READ ELEMENT STATUS, MOVE MEDIUM, OPEN/CLOSE IMPORT/EXPORT ELEMENT; SPC-4 INQUIRY, MODE SENSE,
 * PREVENT ALLOW MEDIUM REMOVAL, TEST UNIT READY, REQUEST SENSE; docs/smc-reference.md 1.3, 1.6, 1.7.
 */
import {
  decodeInquiryCdb,
  decodeModeSense6Cdb,
  decodeMoveMediumCdb,
  decodeOpenCloseImportExportElementCdb,
  decodePreventAllowMediumRemovalCdb,
  decodeReadElementStatusCdb,
  encodeElementStatus,
  encodeFixedSense,
  encodeModePage,
  encodeModeParameterList6,
  encodeStandardInquiry,
  encodeUnitSerialNumberPage,
  Opcode,
  ScsiStatus,
  type ElementDescriptor,
  type ElementStatusPage,
  type SenseData,
} from '../../../scsi/codec/index.js';
import {
  TransportError,
  type ScsiCommand,
  type ScsiResult,
  type ScsiTransport,
} from '../../../scsi/transport/scsi-transport.js';
import { FakeLibrary, type FakeElement } from './fake-library.js';

const good = (dataIn: Buffer = Buffer.alloc(0)): ScsiResult => ({ status: ScsiStatus.GOOD, dataIn });
const sense = (key: number, asc: number, ascq: number): SenseData => ({ key, asc, ascq });

/** The transport. `library` is the state the test arranges and inspects. */
export class FakeChanger implements ScsiTransport {
  readonly description = 'fake-changer';
  readonly library: FakeLibrary;

  constructor(library: FakeLibrary = new FakeLibrary()) {
    this.library = library;
  }

  async close(): Promise<void> {
    this.library.linkDown = true;
  }

  private check(s: SenseData): ScsiResult {
    if (this.library.options.autosense)
      return { status: ScsiStatus.CHECK_CONDITION, senseData: encodeFixedSense(s), dataIn: Buffer.alloc(0) };
    this.library.deferredSense = s;
    return { status: ScsiStatus.CHECK_CONDITION, dataIn: Buffer.alloc(0) };
  }

  async execute(command: ScsiCommand): Promise<ScsiResult> {
    const lib = this.library;
    if (lib.linkDown) throw new TransportError('fake changer: connection lost', 'ECONNRESET');
    const op = command.cdb[0] ?? -1;
    lib.log.push(op.toString(16).padStart(2, '0'));
    if (op === Opcode.REQUEST_SENSE) {
      const s = lib.deferredSense ?? lib.unitAttentions.shift() ?? sense(0, 0, 0);
      lib.deferredSense = undefined;
      return good(encodeFixedSense(s).subarray(0, command.allocationLength));
    }
    if (op !== Opcode.INQUIRY) {
      const ua = lib.unitAttentions.shift();
      if (ua) return this.check(ua);
    }
    const failure = lib.failures.find((f) => f.opcode === op);
    if (failure && failure.skip > 0) failure.skip--;
    else if (failure) {
      lib.failures.splice(lib.failures.indexOf(failure), 1);
      failure.before?.();
      return this.check(failure.sense);
    }
    const r = this.answer(op, command);
    return r.dataIn.length > command.allocationLength
      ? { ...r, dataIn: r.dataIn.subarray(0, command.allocationLength) }
      : r;
  }

  private answer(op: number, command: ScsiCommand): ScsiResult {
    const lib = this.library;
    const o = lib.options;
    switch (op) {
      case Opcode.TEST_UNIT_READY:
        return lib.doorOpen ? this.check(sense(2, 0x04, 0x83)) : good();
      case Opcode.INQUIRY: {
        const d = decodeInquiryCdb(command.cdb);
        if (d.ok && d.value.evpd) return good(encodeUnitSerialNumberPage(8, o.serial));
        return good(
          encodeStandardInquiry({
            peripheralQualifier: 0,
            deviceType: 8,
            rmb: true,
            version: 5,
            normaca: false,
            hisup: false,
            responseDataFormat: 2,
            sccs: false,
            protect: false,
            encserv: false,
            multip: false,
            mchngr: false,
            cmdque: false,
            vendor: o.vendor,
            product: o.product,
            revision: '0100',
            versionDescriptors: [],
          }),
        );
      }
      case Opcode.MODE_SENSE_6: {
        const d = decodeModeSense6Cdb(command.cdb);
        if (!d.ok || d.value.pageCode !== 0x1d) return this.check(sense(5, 0x24, 0));
        const page = {
          ps: false,
          firstTransport: o.transport,
          numberOfTransports: 1,
          firstStorage: o.storage.first,
          numberOfStorage: o.storage.count,
          firstImportExport: o.importExport.first,
          numberOfImportExport: o.importExport.count,
          firstDataTransfer: o.drives.first,
          numberOfDataTransfer: o.drives.count,
        };
        return good(encodeModeParameterList6([encodeModePage({ code: 0x1d, page })]));
      }
      case Opcode.READ_ELEMENT_STATUS:
        return this.readElementStatus(command);
      case Opcode.MOVE_MEDIUM:
        return this.move(command);
      case Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT: {
        const d = decodeOpenCloseImportExportElementCdb(command.cdb);
        if (o.ieCommands === 'none') return this.check(sense(5, 0x20, 0));
        if (!d.ok || lib.elements.get(d.value.elementAddress)?.type !== 3) return this.check(sense(5, 0x21, 0x01));
        if (d.value.actionCode === 1 && o.ieCommands === 'open-only') return this.check(sense(5, 0x24, 0));
        lib.ieOpen = d.value.actionCode === 0;
        return good();
      }
      case Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL: {
        const d = decodePreventAllowMediumRemovalCdb(command.cdb);
        if (!o.prevent || !d.ok) return this.check(sense(5, 0x20, 0));
        lib.prevented = d.value.prevent === 1;
        return good();
      }
      default:
        return this.check(sense(5, 0x20, 0));
    }
  }

  private descriptor(e: FakeElement): ElementDescriptor {
    const lib = this.library;
    const access = e.type === 3 ? !lib.ieOpen : !e.notPresent && !e.inaccessible;
    const sensed = e.notPresent && lib.options.pulledMagazine === 'except-3b12';
    return {
      elementType: e.type,
      address: e.address,
      full: e.full && !e.notPresent,
      except: sensed,
      access,
      ...(e.type === 3 ? { impExp: false, inEnab: true, exEnab: true } : {}),
      asc: sensed ? 0x3b : 0,
      ascq: sensed ? 0x12 : 0,
      svalid: e.sourceAddress !== undefined,
      invert: false,
      ed: false,
      mediumType: e.full ? e.mediumType : 0,
      sourceAddress: e.sourceAddress ?? 0,
      ...(lib.options.voltag && e.full && e.barcode !== '' ? { primaryVolumeTag: { id: e.barcode, sequence: 0 } } : {}),
    };
  }

  private readElementStatus(command: ScsiCommand): ScsiResult {
    const d = decodeReadElementStatusCdb(command.cdb);
    if (!d.ok) return this.check(sense(5, 0x24, 0));
    const { elementType, startingAddress, numberOfElements, voltag, allocationLength } = d.value;
    const chosen = [...this.library.elements.values()]
      .filter((e) => (elementType === 0 || e.type === elementType) && e.address >= startingAddress)
      .sort((a, b) => a.address - b.address)
      .slice(0, numberOfElements);
    if (chosen.length === 0) return this.check(sense(5, 0x21, 0x01));
    const pages: ElementStatusPage[] = [];
    for (const type of [1, 2, 3, 4] as const) {
      const descriptors = chosen.filter((e) => e.type === type).map((e) => this.descriptor(e));
      if (descriptors.length)
        pages.push({ elementType: type, pvoltag: voltag && this.library.options.voltag, avoltag: false, descriptors });
    }
    return good(encodeElementStatus({ pages }, allocationLength));
  }

  private move(command: ScsiCommand): ScsiResult {
    const lib = this.library;
    const d = decodeMoveMediumCdb(command.cdb);
    if (!d.ok) return this.check(sense(5, 0x24, 0));
    if (lib.doorOpen) return this.check(sense(2, 0x04, 0x83));
    const src = lib.elements.get(d.value.sourceAddress);
    const dst = lib.elements.get(d.value.destinationAddress);
    if (!src || !dst || src.type === 1 || dst.type === 1) return this.check(sense(5, 0x21, 0x01));
    if (src.notPresent || dst.notPresent) return this.check(sense(5, 0x3b, 0x11));
    if ((src.type === 3 || dst.type === 3) && lib.ieOpen) return this.check(sense(2, 0x3a, 0x02));
    if (!src.full) return this.check(sense(5, 0x3b, 0x0e));
    if (dst.full) return this.check(sense(5, 0x3b, 0x0d));
    Object.assign(dst, {
      full: true,
      barcode: src.barcode,
      mediumType: src.mediumType,
      sourceAddress: src.type === 2 ? src.address : src.sourceAddress,
    });
    lib.clear(src.address);
    return good();
  }
}
