/**
 * Mode pages a media changer reports, as values.
 * Spec: SPC-4 7.5.8 Control mode page (0Ah); SMC-3 7.3 mode parameters: Element address assignment (1Dh),
 * Transport geometry parameters (1Eh), Device capabilities (1Fh); docs/smc-reference.md 1.4.
 */

/** PAGE CODE values. */
export const ModePageCode = {
  CONTROL: 0x0a,
  ELEMENT_ADDRESS_ASSIGNMENT: 0x1d,
  TRANSPORT_GEOMETRY: 0x1e,
  DEVICE_CAPABILITIES: 0x1f,
  /** MODE SENSE only: return all pages. */
  ALL: 0x3f,
} as const;

/** Control mode page (0Ah), 12 bytes, page length 0Ah. Fields not listed here are encoded as 0. */
export interface ControlModePage {
  /** PS: parameters saveable (MODE SENSE only). */
  ps: boolean;
  /** TST (byte 2 bits 7-5): 0 one task set per LU, 1 one per I_T nexus. */
  tst: number;
  /** D_SENSE (byte 2 bit 2): report sense data in descriptor format. */
  dSense: boolean;
  /** GLTSD (byte 2 bit 1). */
  gltsd: boolean;
  /** QUEUE ALGORITHM MODIFIER (byte 3 bits 7-4). */
  queueAlgorithmModifier: number;
  /** QERR (byte 3 bits 2-1). */
  qErr: number;
  /** SWP (byte 4 bit 3): software write protect. */
  swp: boolean;
  /** BUSY TIMEOUT PERIOD (bytes 8-9), in 100 ms units; FFFFh unlimited. */
  busyTimeoutPeriod: number;
}

/** Element address assignment page (1Dh), 20 bytes, page length 12h: first address and count per type. */
export interface ElementAddressAssignmentPage {
  ps: boolean;
  firstTransport: number;
  numberOfTransports: number;
  firstStorage: number;
  numberOfStorage: number;
  firstImportExport: number;
  numberOfImportExport: number;
  firstDataTransfer: number;
  numberOfDataTransfer: number;
}

/** One medium transport element's geometry: 2 bytes (ROTATE, member number in the transport element set). */
export interface TransportGeometry {
  rotate: boolean;
  memberNumber: number;
}

/** Transport geometry parameters page (1Eh): page length 2 per transport. */
export interface TransportGeometryPage {
  ps: boolean;
  transports: TransportGeometry[];
}

/** One bit per element type: MT (bit 0), ST (bit 1), IE (bit 2), DT (bit 3). */
export interface ElementTypeFlags {
  mt: boolean;
  st: boolean;
  ie: boolean;
  dt: boolean;
}

/** A row per source element type of a move or exchange matrix. */
export interface ElementTypeMatrix {
  mt: ElementTypeFlags;
  st: ElementTypeFlags;
  ie: ElementTypeFlags;
  dt: ElementTypeFlags;
}

/** Device capabilities page (1Fh), 20 bytes, page length 12h (SMC-2/3, docs/smc-reference.md 1.4). */
export interface DeviceCapabilitiesPage {
  ps: boolean;
  /** Byte 2: which element types can hold a cartridge. */
  stor: ElementTypeFlags;
  /** Byte 3 bit 2: auto-clean enabled. */
  ace: boolean;
  /** Byte 3 bit 1: volume tag reader (barcode reader) present. */
  vtrp: boolean;
  /** Byte 3 bit 0: the page has the SMC-2 fields (S2C, docs/smc-reference.md 1.4). */
  s2c: boolean;
  /** Bytes 4-7: MOVE MEDIUM from each type (row) to each type (flags). */
  moveFrom: ElementTypeMatrix;
  /** Bytes 12-15: EXCHANGE MEDIUM from each type to each type. */
  exchangeFrom: ElementTypeMatrix;
}

/**
 * A decoded or to-be-encoded mode page. Pages this codec does not know, sub-pages (SPF=1), and known pages
 * too short for their fields are kept raw: `raw` holds the whole page, header included.
 */
export type ModePage =
  | { code: 0x0a; page: ControlModePage }
  | { code: 0x1d; page: ElementAddressAssignmentPage }
  | { code: 0x1e; page: TransportGeometryPage }
  | { code: 0x1f; page: DeviceCapabilitiesPage }
  | { code: number; raw: Buffer };

/** The fields of the mode parameter header an encoder may set (block descriptors are never sent). */
export interface ModeHeaderFields {
  mediumType?: number;
  deviceSpecific?: number;
}

/** A decoded mode parameter list (MODE SENSE data or MODE SELECT parameter list). */
export interface ModeParameterList {
  mediumType: number;
  deviceSpecific: number;
  /** The block descriptors, undecoded (changers normally have none). */
  blockDescriptors: Buffer;
  pages: ModePage[];
}
