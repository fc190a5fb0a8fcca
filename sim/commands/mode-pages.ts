/**
 * The mode pages the simulated changer has, as current, changeable and default values: control (0Ah, D_SENSE
 * changeable), element address assignment (1Dh, from the current addresses; changeable only where the product
 * allows re-addressing), transport geometry (1Eh) and device capabilities (1Fh). No page is saveable (PS=0).
 * Spec: SPC-4 7.5.8 control mode page, 6.13 MODE SENSE(6) (page control 00b-10b); SMC-3 7.3; docs/smc-reference.md 1.4
 * (counts include removed magazines; StorMT=0 on real libraries).
 */
import {
  encodeModePage,
  ModePageCode,
  type ControlModePage,
  type DeviceCapabilitiesPage,
  type ElementAddressAssignmentPage,
  type ElementTypeFlags,
} from '../../scsi/codec/index.js';
import type { ChangerCore } from '../changer/changer-core.js';
import type { AddressAssignment } from '../model/library-state.js';

/** PAGE CONTROL values a handler serves (11b saved is rejected before). */
export const PageControl = { CURRENT: 0, CHANGEABLE: 1, DEFAULT: 2, SAVED: 3 } as const;

/** Page codes in the order MODE SENSE returns them for page 3Fh. */
export const MODE_PAGE_CODES = [
  ModePageCode.CONTROL,
  ModePageCode.ELEMENT_ADDRESS_ASSIGNMENT,
  ModePageCode.TRANSPORT_GEOMETRY,
  ModePageCode.DEVICE_CAPABILITIES,
] as const;

/** The control mode page with D_SENSE as given. */
export function controlPage(dSense: boolean): ControlModePage {
  return {
    ps: false,
    tst: 0,
    dSense,
    gltsd: false,
    queueAlgorithmModifier: 0,
    qErr: 0,
    swp: false,
    busyTimeoutPeriod: 0,
  };
}

/** Page 1Dh for an address assignment and the product's counts. */
export function elementAddressPage(core: ChangerCore, a: AddressAssignment): ElementAddressAssignmentPage {
  const s = core.state;
  return {
    ps: false,
    firstTransport: a.transport,
    numberOfTransports: s.transports.length,
    firstStorage: a.storage,
    numberOfStorage: s.storage.length,
    firstImportExport: a.importExport,
    numberOfImportExport: s.importExport.length,
    firstDataTransfer: a.dataTransfer,
    numberOfDataTransfer: s.dataTransfer.length,
  };
}

const flags = (mt: boolean, st: boolean, ie: boolean, dt: boolean): ElementTypeFlags => ({ mt, st, ie, dt });

/** Page 1Fh: storage, IE (when present) and drives hold cartridges; any of them to any of them (not to MT). */
export function deviceCapabilitiesPage(core: ChangerCore): DeviceCapabilitiesPage {
  const p = core.personality;
  const ie = core.state.importExport.length > 0;
  const to = flags(false, true, ie, true);
  const none = flags(false, false, false, false);
  const exchange = p.capabilities.exchangeMedium ? to : none;
  return {
    ps: false,
    stor: flags(false, true, ie, true),
    ace: p.cleaning.autoClean,
    vtrp: p.capabilities.barcodeReader,
    s2c: true,
    moveFrom: { mt: none, st: to, ie: ie ? to : none, dt: to },
    exchangeFrom: { mt: none, st: exchange, ie: ie ? exchange : none, dt: exchange },
  };
}

const zeroAssignment: AddressAssignment = { transport: 0, storage: 0, importExport: 0, dataTransfer: 0 };
const allOnes: AddressAssignment = { transport: 0xffff, storage: 0xffff, importExport: 0xffff, dataTransfer: 0xffff };

/** One page's bytes for a page control value (0-2). */
export function modePageBytes(core: ChangerCore, code: number, pc: number): Buffer | undefined {
  const changeable = pc === PageControl.CHANGEABLE;
  switch (code) {
    case ModePageCode.CONTROL:
      return encodeModePage({ code, page: controlPage(pc === PageControl.CURRENT ? core.dSense : changeable) });
    case ModePageCode.ELEMENT_ADDRESS_ASSIGNMENT: {
      if (!changeable)
        return encodeModePage({
          code,
          page: elementAddressPage(
            core,
            pc === PageControl.CURRENT ? core.state.addressAssignment() : core.state.homeAssignment(),
          ),
        });
      const mask = core.personality.capabilities.modeSelectElementAddress ? allOnes : zeroAssignment;
      const page = {
        ...elementAddressPage(core, mask),
        numberOfTransports: 0,
        numberOfStorage: 0,
        numberOfImportExport: 0,
        numberOfDataTransfer: 0,
      };
      return encodeModePage({ code, page });
    }
    case ModePageCode.TRANSPORT_GEOMETRY:
      return encodeModePage({
        code,
        page: {
          ps: false,
          transports: core.state.transports.map((_, i) => ({ rotate: false, memberNumber: changeable ? 0 : i })),
        },
      });
    case ModePageCode.DEVICE_CAPABILITIES: {
      if (!changeable) return encodeModePage({ code, page: deviceCapabilitiesPage(core) });
      const none = flags(false, false, false, false);
      const matrix = { mt: none, st: none, ie: none, dt: none };
      return encodeModePage({
        code,
        page: { ps: false, stor: none, ace: false, vtrp: false, s2c: false, moveFrom: matrix, exchangeFrom: matrix },
      });
    }
    default:
      return undefined;
  }
}
