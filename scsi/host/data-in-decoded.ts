/**
 * Data-in of the commands a changer trace holds, decoded for people (the evidence shows it beside the hex):
 * standard INQUIRY and VPD pages 00h/80h/83h, MODE SENSE(6)/(10) pages 1Dh and 1Fh (others by code), READ
 * ELEMENT STATUS descriptors (type, address, FULL/ACCESS/EXCEPT, volume tag), REPORT LUNS and REQUEST SENSE.
 * Data it cannot decode is said so, never thrown. Spec: SPC-4 6.6, 7.8.16, 7.8.18, 7.8.6, 6.13, 6.14, 6.33,
 * 6.39; SMC-3 6.10 READ ELEMENT STATUS, 7.3.2, 7.3 (page 1Dh).
 * See docs/scsi-model.md 8 (INQUIRY, VPD), 9, 11; docs/smc-reference.md 1.3, 1.4.
 */
import {
  decodeDeviceIdentificationPage,
  decodeElementStatusHead,
  decodeModeParameterList10,
  decodeModeParameterList6,
  decodeReportLunsData,
  decodeSense,
  decodeStandardInquiry,
  decodeSupportedVpdPages,
  decodeUnitSerialNumberPage,
  describeSense,
  Opcode,
  type DeviceCapabilitiesPage,
  type ElementAddressAssignmentPage,
  type ModeParameterList,
} from '../codec/index.js';
import { describeCapabilities, formatCapabilities, formatElementMap } from './read-identity.js';

/** Descriptors shown per READ ELEMENT STATUS before "and N more". */
const MAX_DESCRIPTORS = 24;
const TYPE = ['all', 'transport', 'storage', 'import/export', 'drive'];
const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

function inquiry(cdb: Uint8Array, data: Uint8Array): string {
  if (((cdb[1] ?? 0) & 1) === 0) {
    const d = decodeStandardInquiry(data);
    return `device type ${d.deviceType}, vendor "${d.vendor}", product "${d.product}", revision "${d.revision}"`;
  }
  switch (cdb[2]) {
    case 0x00:
      return `supported VPD pages: ${decodeSupportedVpdPages(data)
        .pages.map((p) => `${hex2(p)}h`)
        .join(', ')}`;
    case 0x80:
      return `unit serial number "${decodeUnitSerialNumberPage(data).serial}"`;
    case 0x83:
      return `designators: ${decodeDeviceIdentificationPage(data)
        .designators.map(
          (d) =>
            `type ${d.designatorType} assoc ${d.association} ${d.codeSet === 1 ? d.designator.toString('hex') : JSON.stringify(d.designator.toString('latin1'))}`,
        )
        .join('; ')}`;
    default:
      return `VPD page ${hex2(cdb[2] ?? 0)}h`;
  }
}

function modePages(list: ModeParameterList): string {
  return (
    list.pages
      .map((p) => {
        if (p.code === 0x1d && 'page' in p)
          return `page 1Dh: ${formatElementMap(p.page as ElementAddressAssignmentPage)}`;
        if (p.code === 0x1f && 'page' in p)
          return `page 1Fh: ${formatCapabilities(describeCapabilities(p.page as DeviceCapabilitiesPage))}`;
        return `page ${hex2(p.code)}h`;
      })
      .join('; ') || 'no mode pages'
  );
}

function elementStatus(data: Uint8Array): string {
  // only the descriptors shown are decoded, the others counted: a 20,000-element reply builds 24 descriptors, not all
  const { status: d, descriptorCount } = decodeElementStatusHead(data, MAX_DESCRIPTORS);
  const all = d.pages.flatMap((p) => p.descriptors);
  const shown = all.slice(0, MAX_DESCRIPTORS).map((e) => {
    const flags = [
      e.full ? 'full' : 'empty',
      e.access ? '' : 'no-access',
      e.except ? `except ${hex2(e.asc)}/${hex2(e.ascq)}` : '',
      e.ed ? 'disabled' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const tag = e.primaryVolumeTag?.id.trim();
    return `${TYPE[e.elementType] ?? `type ${e.elementType}`} ${e.address} ${flags}${tag ? ` "${tag}"` : ''}`;
  });
  const more = descriptorCount > MAX_DESCRIPTORS ? `; and ${descriptorCount - MAX_DESCRIPTORS} more` : '';
  return `${descriptorCount} element${descriptorCount === 1 ? '' : 's'}${d.truncated ? ' (cut by the allocation length)' : ''}: ${shown.join('; ')}${more}`;
}

/** The data-in of the command `cdb`, decoded; undefined for commands it does not decode or no data. */
export function describeDataIn(cdb: Uint8Array, data: Uint8Array): string | undefined {
  if (data.length === 0) return undefined;
  try {
    switch (cdb[0]) {
      case Opcode.INQUIRY:
        return inquiry(cdb, data);
      case Opcode.MODE_SENSE_6:
        return modePages(decodeModeParameterList6(data));
      case Opcode.MODE_SENSE_10:
        return modePages(decodeModeParameterList10(data));
      case Opcode.READ_ELEMENT_STATUS:
        return elementStatus(data);
      case Opcode.REPORT_LUNS:
        return `LUNs ${decodeReportLunsData(data).join(', ')}`;
      case Opcode.REQUEST_SENSE:
        return describeSense(decodeSense(data));
      default:
        return undefined;
    }
  } catch (e) {
    return `cannot be decoded: ${(e as Error).message}`;
  }
}
