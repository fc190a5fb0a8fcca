/**
 * Hand-written READ ELEMENT STATUS vectors: every descriptor flag once, and primary with alternate volume tags.
 * Layouts: docs/smc-reference.md 1.3, SMC-3 6.10.
 */
import type { ElementStatusReport } from '../../../../scsi/codec/element-status/index.js';
import { hex } from '../hex.js';

/*
 * Every flag once, no volume tags, no identification header (SCSI-2 style 12-byte descriptors):
 * ST 1000h: FULL|EXCEPT (05h), ASC/ASCQ 3B/12, byte 9 SVALID|INVERT|ED|medium type 2 = CAh, source 1005h.
 * IE 0010h: OIR|CMC|INENAB|EXENAB|IMPEXP|FULL = F3h.
 * DT 0100h: ACCESS|FULL (09h), byte 6 NOT BUS|ID VALID|LU VALID|LUN 5 = B5h, byte 7 bus address 3, medium type 4.
 * Header: first address 0010h (lowest), 3 elements, byte count 3 * (8 + 12) = 60 (3Ch).
 */
export const flagsBytes = hex(`
  00 10 00 03 00 00 00 3c
  02 00 00 0c 00 00 00 0c
  10 00 05 00 3b 12 00 00 00 ca 10 05
  03 00 00 0c 00 00 00 0c
  00 10 f3 00 00 00 00 00 00 00 00 00
  04 00 00 0c 00 00 00 0c
  01 00 09 00 00 00 b5 03 00 04 00 00
`);

export const flagsReport: ElementStatusReport = {
  pages: [
    {
      elementType: 2,
      pvoltag: false,
      avoltag: false,
      descriptors: [
        {
          elementType: 2,
          address: 0x1000,
          full: true,
          except: true,
          access: false,
          asc: 0x3b,
          ascq: 0x12,
          svalid: true,
          invert: true,
          ed: true,
          mediumType: 2,
          sourceAddress: 0x1005,
        },
      ],
    },
    {
      elementType: 3,
      pvoltag: false,
      avoltag: false,
      descriptors: [
        {
          elementType: 3,
          address: 0x10,
          full: true,
          except: false,
          access: false,
          impExp: true,
          inEnab: true,
          exEnab: true,
          oir: true,
          cmc: true,
          asc: 0,
          ascq: 0,
          svalid: false,
          invert: false,
          ed: false,
          mediumType: 0,
          sourceAddress: 0,
        },
      ],
    },
    {
      elementType: 4,
      pvoltag: false,
      avoltag: false,
      descriptors: [
        {
          elementType: 4,
          address: 0x100,
          full: true,
          except: false,
          access: true,
          notBus: true,
          idValid: true,
          luValid: true,
          lun: 5,
          scsiBusAddress: 3,
          asc: 0,
          ascq: 0,
          svalid: false,
          invert: false,
          ed: false,
          mediumType: 4,
          sourceAddress: 0,
        },
      ],
    },
  ],
};

/*
 * Alternate volume tag and sequence numbers (PVOLTAG|AVOLTAG = C0h, descriptor length 12 + 72 = 84 = 54h),
 * empty tag written as 32 spaces (tgt style) reads as id ''.
 */
export const tagsBytes = hex(`
  10 01 00 01 00 00 00 5c
  02 c0 00 54 00 00 00 54
  10 01 09 00 00 00 00 00 00 01 00 00
  ${Buffer.from('CLN001L1'.padEnd(32, ' ')).toString('hex')} 00 00 00 07
  ${'20 '.repeat(32)} 00 00 00 00
`);

export const tagsReport: ElementStatusReport = {
  pages: [
    {
      elementType: 2,
      pvoltag: true,
      avoltag: true,
      descriptors: [
        {
          elementType: 2,
          address: 0x1001,
          full: true,
          except: false,
          access: true,
          asc: 0,
          ascq: 0,
          svalid: false,
          invert: false,
          ed: false,
          mediumType: 1,
          sourceAddress: 0,
          primaryVolumeTag: { id: 'CLN001L1', sequence: 7 },
          alternateVolumeTag: { id: '', sequence: 0 },
        },
      ],
    },
  ],
};
