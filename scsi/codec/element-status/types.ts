/**
 * READ ELEMENT STATUS parameter data: the types shared by the encoder and the decoder.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS (element status data header, element status page, element
 * descriptors for the four element types); docs/smc-reference.md 1.3.
 */

/** ELEMENT TYPE CODE values (0 = all types, in the CDB only). */
export const ElementType = {
  ALL: 0,
  MEDIUM_TRANSPORT: 1,
  STORAGE: 2,
  IMPORT_EXPORT: 3,
  DATA_TRANSFER: 4,
} as const;

/** An element type that a page or descriptor can have (not ALL). */
export type ElementTypeCode = 1 | 2 | 3 | 4;

/** MEDIUM TYPE values (descriptor byte 9 bits 2-0); 5-7 reserved. */
export const MediumType = {
  UNSPECIFIED: 0,
  DATA: 1,
  CLEANING: 2,
  DIAGNOSTIC: 3,
  WORM: 4,
} as const;

/** Descriptor byte 2 flag bits; which ones an element type uses: docs/smc-reference.md 1.3 table "Byte 2 flags". */
export const ElementFlag = {
  FULL: 0x01,
  IMPEXP: 0x02,
  EXCEPT: 0x04,
  ACCESS: 0x08,
  EXENAB: 0x10,
  INENAB: 0x20,
  CMC: 0x40,
  OIR: 0x80,
} as const;

/** Sizes in bytes of the fixed parts of the data. */
export const ElementStatusSize = {
  HEADER: 8,
  PAGE_HEADER: 8,
  DESCRIPTOR_BASE: 12,
  VOLUME_TAG: 36,
  VOLUME_IDENTIFIER: 32,
  IDENTIFIER_HEADER: 4,
  /** Largest value of the 24-bit byte count and allocation length fields. */
  MAX_BYTE_COUNT: 0xffffff,
} as const;

/** A volume tag: 32-byte identifier (left-aligned, space padded), 2 reserved bytes, 2-byte sequence number. */
export interface VolumeTag {
  /** Volume identifier, printable ASCII, at most 32 characters; trailing spaces are padding. */
  id: string;
  sequence: number;
}

/** A device identifier (DVCID): 4-byte header (code set, identifier type, reserved, length) and the identifier. */
export interface DeviceIdentifier {
  /** CODE SET (0-15): 1 binary, 2 ASCII. */
  codeSet: number;
  /** IDENTIFIER TYPE (0-15): 0 vendor specific, 1 T10 vendor id (vendor + product + serial). */
  identifierType: number;
  /** At most 255 bytes. */
  identifier: Buffer;
}

/** One element as a READ ELEMENT STATUS descriptor reports it. */
export interface ElementDescriptor {
  elementType: ElementTypeCode;
  address: number;
  full: boolean;
  except: boolean;
  /** ACCESS: ST, IE, DT (for MT the bit is reserved: encoded as 0). */
  access: boolean;
  /** IE only. */
  impExp?: boolean;
  inEnab?: boolean;
  exEnab?: boolean;
  oir?: boolean;
  cmc?: boolean;
  /** Additional sense code and qualifier (meaningful when EXCEPT=1; vendors also use them informationally). */
  asc: number;
  ascq: number;
  /** DT only: byte 6 NOT BUS, ID VALID, LU VALID, LUN (bits 2-0); byte 7 SCSI BUS ADDRESS. */
  notBus?: boolean;
  idValid?: boolean;
  luValid?: boolean;
  lun?: number;
  scsiBusAddress?: number;
  svalid: boolean;
  invert: boolean;
  /** ED: element disabled (SMC-3, docs/smc-reference.md 1.3). */
  ed: boolean;
  /** MEDIUM TYPE (0-7), see MediumType. */
  mediumType: number;
  /** SOURCE STORAGE ELEMENT ADDRESS (meaningful when svalid). */
  sourceAddress: number;
  /** Sent when the page has PVOLTAG; absent encodes as 36 zero bytes (and 36 zero bytes decode as absent). */
  primaryVolumeTag?: VolumeTag;
  alternateVolumeTag?: VolumeTag;
  /** DVCID (DT); when a page has dvcid, descriptors without one get a zero-length id (all-zero header). */
  identifier?: DeviceIdentifier;
}

/** An element status page: one element type, one descriptor length. */
export interface ElementStatusPage {
  elementType: ElementTypeCode;
  pvoltag: boolean;
  avoltag: boolean;
  /**
   * Every descriptor carries the 4-byte identification header (SMC-3 layout, docs/smc-reference.md 1.3), even without
   * identifiers: set it for a READ ELEMENT STATUS with DVCID=1, or to mimic libraries that always send the header
   * (52-byte descriptors with a volume tag, 16 without). The header is also present whenever any
   * descriptor of the page has an identifier.
   */
  dvcid?: boolean;
  descriptors: ElementDescriptor[];
}

/** What a target reports: pages in the order to send them. Empty pages are omitted by the encoder. */
export interface ElementStatusReport {
  pages: ElementStatusPage[];
  /** FIRST ELEMENT ADDRESS REPORTED; defaults to the lowest address reported, 0 when there is none. */
  firstElementAddress?: number;
}

/** A decoded page: its descriptor length and byte count as the target sent them. */
export type DecodedElementStatusPage = ElementStatusPage & {
  /** Always set by the decoder. */
  dvcid: boolean;
  descriptorLength: number;
  /** BYTE COUNT OF DESCRIPTOR DATA AVAILABLE (may exceed what was transferred). */
  byteCount: number;
};

/** A decoded READ ELEMENT STATUS reply. */
export interface DecodedElementStatus {
  firstElementAddress: number;
  numberOfElements: number;
  /** BYTE COUNT OF REPORT AVAILABLE: all pages with their headers, without the 8-byte data header. */
  byteCountAvailable: number;
  pages: DecodedElementStatusPage[];
  /** The data ended before byteCountAvailable (short allocation length). */
  truncated: boolean;
}
