/**
 * Reads what identifies a changer, the way a host inventories a device it finds: standard INQUIRY (vendor,
 * product, revision), the Unit Serial Number VPD page (80h), the Device Identification VPD page (83h, each
 * designator as text or hex), and MODE SENSE(6) pages 1Dh (element address assignment) and 1Fh (device
 * capabilities). A page the device rejects is recorded with the reason instead of failing the whole read.
 * Spec: SPC-4 6.6 INQUIRY, 7.8.6 Device Identification, 7.8.18 Unit Serial Number, 6.13 MODE SENSE(6);
 * SMC-3 7.3 page 1Dh, 7.3.2 page 1Fh; docs/smc-reference.md 1.5 (hosts read 00h/80h/83h).
 */
import {
  CodeSet,
  decodeDeviceIdentificationPage,
  decodeModeParameterList6,
  decodeUnitSerialNumberPage,
  describeSense,
  encodeInquiryCdb,
  encodeModeSense6Cdb,
  ScsiStatus,
  statusName,
  VpdPageCode,
  type DeviceCapabilitiesPage,
  type ElementAddressAssignmentPage,
  type ElementTypeFlags,
  type ElementTypeMatrix,
} from '../codec/index.js';
import type { ScsiTransport } from '../transport/scsi-transport.js';
import { executeChecked } from './execute-checked.js';
import { readInquiry } from './read-inventory.js';

/** A value read from the device, or why it could not be. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** One VPD 83h designator, decoded for people. */
export interface DesignatorView {
  /** "NAA", "T10 vendor ID", "SCSI name string", ... */
  readonly type: string;
  /** "logical unit", "target port", "target device". */
  readonly association: string;
  /** ASCII/UTF-8 designators as text, binary ones as hex digits. */
  readonly value: string;
}

/** MODE SENSE page 1Fh in words: which element types store media, and which moves/exchanges are possible. */
export interface CapabilitiesView {
  readonly storesMediaIn: readonly string[];
  readonly moveFrom: Readonly<Record<string, readonly string[]>>;
  readonly exchangeFrom: Readonly<Record<string, readonly string[]>>;
  readonly autoClean: boolean;
  readonly barcodeReader: boolean;
}

/** What {@link readDeviceIdentity} found. */
export interface DeviceIdentity {
  readonly vendor: string;
  readonly product: string;
  readonly revision: string;
  /** Peripheral device type (8: medium changer). */
  readonly deviceType: number;
  readonly serial: Read<string>;
  readonly designators: Read<readonly DesignatorView[]>;
  readonly elementMap: Read<ElementAddressAssignmentPage>;
  readonly capabilities: Read<CapabilitiesView>;
}

const DESIGNATOR_TYPES = [
  'vendor specific',
  'T10 vendor ID',
  'EUI-64',
  'NAA',
  'relative target port',
  'target port group',
  'logical unit group',
  'MD5 logical unit',
  'SCSI name string',
];
const ASSOCIATIONS = ['logical unit', 'target port', 'target device'];
const TYPE_NAMES: readonly (keyof ElementTypeFlags)[] = ['mt', 'st', 'ie', 'dt'];
const TYPE_WORDS: Record<keyof ElementTypeFlags, string> = {
  mt: 'transport',
  st: 'storage',
  ie: 'import/export',
  dt: 'drive',
};

const flags = (f: ElementTypeFlags) => TYPE_NAMES.filter((k) => f[k]).map((k) => TYPE_WORDS[k]);
const matrix = (m: ElementTypeMatrix) => Object.fromEntries(TYPE_NAMES.map((k) => [TYPE_WORDS[k], flags(m[k])]));

/** Page 1Fh in words. */
export function describeCapabilities(p: DeviceCapabilitiesPage): CapabilitiesView {
  return {
    storesMediaIn: flags(p.stor),
    moveFrom: matrix(p.moveFrom),
    exchangeFrom: matrix(p.exchangeFrom),
    autoClean: p.ace,
    barcodeReader: p.vtrp,
  };
}

async function dataIn(
  transport: ScsiTransport,
  lun: number,
  cdb: Buffer,
  allocationLength: number,
  what: string,
): Promise<Read<Buffer>> {
  try {
    const r = await executeChecked(transport, { lun, cdb, allocationLength });
    if (r.status === ScsiStatus.GOOD) return { ok: true, value: r.dataIn };
    return { ok: false, reason: `${what}: ${statusName(r.status)}${r.sense ? ` ${describeSense(r.sense)}` : ''}` };
  } catch (e) {
    return { ok: false, reason: `${what}: ${(e as Error).message}` };
  }
}

function decoded<T>(raw: Read<Buffer>, what: string, decode: (b: Buffer) => T): Read<T> {
  if (!raw.ok) return raw;
  try {
    return { ok: true, value: decode(raw.value) };
  } catch (e) {
    return { ok: false, reason: `${what}: ${(e as Error).message}` };
  }
}

function modePage(transport: ScsiTransport, lun: number, code: number): Promise<Read<Buffer>> {
  const cdb = encodeModeSense6Cdb({ dbd: true, pageControl: 0, pageCode: code, subpageCode: 0, allocationLength: 255 });
  return dataIn(transport, lun, cdb, 255, `MODE SENSE(6) page ${code.toString(16).toUpperCase()}h`);
}

function pageOf<T>(list: Buffer, code: number): T {
  for (const p of decodeModeParameterList6(list).pages) if (p.code === code && 'page' in p) return p.page as T;
  throw new Error(`page ${code.toString(16).toUpperCase()}h missing from the reply`);
}

function designatorView(d: {
  codeSet: number;
  association: number;
  designatorType: number;
  designator: Buffer;
}): DesignatorView {
  const text = d.codeSet === CodeSet.ASCII || d.codeSet === CodeSet.UTF8;
  return {
    type: DESIGNATOR_TYPES[d.designatorType] ?? `type ${d.designatorType}`,
    association: ASSOCIATIONS[d.association] ?? `association ${d.association}`,
    value: text
      ? d.designator.toString(d.codeSet === CodeSet.UTF8 ? 'utf8' : 'latin1').replace(/\0+$/, '')
      : d.designator.toString('hex'),
  };
}

/**
 * One VPD page, whole: asked for with 255 bytes first, then again with the length its header gives when the page
 * is longer (PAGE LENGTH, bytes 2-3, SPC-4 7.8.2; the INQUIRY allocation length has 16 bits, SPC-4 6.6.1), so that
 * no designator of a long 83h page is cut off. See docs/scsi-model.md 8.
 */
async function readVpdPage(transport: ScsiTransport, lun: number, page: number): Promise<Read<Buffer>> {
  const what = `INQUIRY VPD page ${page.toString(16).toUpperCase()}h`;
  const ask = (allocationLength: number) =>
    dataIn(transport, lun, encodeInquiryCdb({ evpd: true, pageCode: page, allocationLength }), allocationLength, what);
  const first = await ask(255);
  if (!first.ok || first.value.length < 4) return first;
  const whole = Math.min(0xffff, 4 + first.value.readUInt16BE(2));
  return whole > first.value.length && whole > 255 ? ask(whole) : first;
}

/** Reads the identity of the device at `lun`. Throws only when standard INQUIRY itself fails. */
export async function readDeviceIdentity(transport: ScsiTransport, lun = 0): Promise<DeviceIdentity> {
  const inquiry = await readInquiry(transport, lun);
  const vpd = (page: number) => readVpdPage(transport, lun, page);
  const serial = decoded(
    await vpd(VpdPageCode.UNIT_SERIAL_NUMBER),
    'VPD 80h',
    (b) => decodeUnitSerialNumberPage(b).serial,
  );
  const designators = decoded(await vpd(VpdPageCode.DEVICE_IDENTIFICATION), 'VPD 83h', (b) =>
    decodeDeviceIdentificationPage(b).designators.map(designatorView),
  );
  const elementMap = decoded(await modePage(transport, lun, 0x1d), 'page 1Dh', (b) =>
    pageOf<ElementAddressAssignmentPage>(b, 0x1d),
  );
  const capabilities = decoded(await modePage(transport, lun, 0x1f), 'page 1Fh', (b) =>
    describeCapabilities(pageOf<DeviceCapabilitiesPage>(b, 0x1f)),
  );
  return {
    vendor: inquiry.vendor,
    product: inquiry.product,
    revision: inquiry.revision,
    deviceType: inquiry.deviceType,
    serial,
    designators,
    elementMap,
    capabilities,
  };
}

/** Page 1Dh in one line. */
export function formatElementMap(m: {
  firstTransport: number;
  numberOfTransports: number;
  firstStorage: number;
  numberOfStorage: number;
  firstImportExport: number;
  numberOfImportExport: number;
  firstDataTransfer: number;
  numberOfDataTransfer: number;
}): string {
  const r = (n: number, first: number) => (n === 0 ? '0' : `${n} from ${first}`);
  return `transports ${r(m.numberOfTransports, m.firstTransport)}, storage ${r(m.numberOfStorage, m.firstStorage)}, import/export ${r(m.numberOfImportExport, m.firstImportExport)}, drives ${r(m.numberOfDataTransfer, m.firstDataTransfer)}`;
}

/** Page 1Fh in one line. */
export function formatCapabilities(c: {
  storesMediaIn: readonly string[];
  moveFrom: Readonly<Record<string, readonly string[]>>;
  autoClean: boolean;
  barcodeReader: boolean;
}): string {
  const moves = Object.entries(c.moveFrom)
    .map(([from, to]) => `${from}->${to.join('/') || 'none'}`)
    .join(' ');
  return `stores media in ${c.storesMediaIn.join('/') || 'none'}; move ${moves}; barcode reader ${c.barcodeReader ? 'yes' : 'no'}; auto-clean ${c.autoClean ? 'yes' : 'no'}`;
}
