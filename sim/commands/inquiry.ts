/**
 * INQUIRY: standard data (peripheral device type 08h medium changer, RMB per product, vendor/product/revision,
 * version descriptors) and the VPD pages 00h (supported pages), 80h (unit serial number) and 83h (device
 * identification: the product's NAA designator and a T10 vendor ID designator). Answered whatever the unit
 * attention or readiness; allocation length cuts the data.
 * Spec: SPC-4 6.6 INQUIRY, 7.8.16 (VPD 00h), 7.8.18 (80h), 7.8.6 (83h); SAM-5 (INQUIRY does not report or
 * clear a unit attention); docs/smc-reference.md 1.5.
 */
import {
  decodeInquiryCdb,
  encodeDeviceIdentificationPage,
  encodeStandardInquiry,
  encodeSupportedVpdPages,
  encodeUnitSerialNumberPage,
  naaDesignator,
  PeripheralDeviceType,
  SenseKey,
  t10VendorIdDesignator,
  VersionDescriptor,
  VpdPageCode,
  type Designator,
} from '../../scsi/codec/index.js';
import type { Personality } from '../personality/personality.js';
import { ALWAYS, type CommandHandler } from './command-handler.js';
import { cut } from './cut.js';
import { cdbField, fail, failField, good } from './outcome.js';

/** Peripheral qualifier 011b: no logical unit at this LUN (SPC-4 6.6.2, docs/scsi-model.md 8). */
export const PQ_NO_UNIT = 0b011;

/**
 * Standard INQUIRY data of the product; `present` false gives the answer for a LUN without a logical unit
 * (peripheral qualifier 011b, device type 1Fh).
 */
export function standardInquiryData(p: Personality, present = true): Buffer {
  const spc4 = p.inquiry.versionDescriptors.includes(VersionDescriptor.SPC_4);
  return encodeStandardInquiry({
    peripheralQualifier: present ? 0 : PQ_NO_UNIT,
    deviceType: present ? PeripheralDeviceType.MEDIUM_CHANGER : PeripheralDeviceType.UNKNOWN,
    rmb: present && p.inquiry.removable,
    version: spc4 ? 0x06 : 0x05,
    normaca: false,
    hisup: false,
    responseDataFormat: 2,
    sccs: false,
    protect: false,
    encserv: false,
    multip: false,
    mchngr: false,
    cmdque: true,
    vendor: p.inquiry.vendor,
    product: p.inquiry.product,
    revision: p.inquiry.revision,
    versionDescriptors: present ? [...p.inquiry.versionDescriptors] : [],
  });
}

function designators(p: Personality): Designator[] {
  const list: Designator[] = [];
  if (/^[0-9a-fA-F]{16}$|^[0-9a-fA-F]{32}$/.test(p.inquiry.naa)) list.push(naaDesignator(p.inquiry.naa));
  list.push(t10VendorIdDesignator(p.inquiry.vendor, `${p.inquiry.product.padEnd(16, ' ')}${p.inquiry.serial}`));
  return list;
}

function vpdPage(p: Personality, pageCode: number): Buffer | undefined {
  const type = PeripheralDeviceType.MEDIUM_CHANGER;
  switch (pageCode) {
    case VpdPageCode.SUPPORTED_PAGES:
      return encodeSupportedVpdPages(type, [
        VpdPageCode.SUPPORTED_PAGES,
        VpdPageCode.UNIT_SERIAL_NUMBER,
        VpdPageCode.DEVICE_IDENTIFICATION,
      ]);
    case VpdPageCode.UNIT_SERIAL_NUMBER:
      return encodeUnitSerialNumberPage(type, p.inquiry.serial);
    case VpdPageCode.DEVICE_IDENTIFICATION:
      return encodeDeviceIdentificationPage(type, designators(p));
    default:
      return undefined;
  }
}

/** The INQUIRY handler (registered in registry.ts; behaviour in the header above). */
export const inquiry: CommandHandler = {
  name: 'INQUIRY',
  opcode: 0x12,
  cdbLength: 6,
  ready: 'none',
  unitAttentionExempt: true,
  reservationExempt: ALWAYS,
  execute({ core, cdb }) {
    const d = decodeInquiryCdb(cdb);
    if (!d.ok) return failField(d.error);
    const { evpd, pageCode, allocationLength } = d.value;
    if (!evpd) return good(cut(standardInquiryData(core.personality), allocationLength));
    const page = vpdPage(core.personality, pageCode);
    if (!page) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(2));
    return good(cut(page, allocationLength));
  },
};
