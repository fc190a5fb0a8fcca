/**
 * A READ ELEMENT STATUS reply (VOLTAG=1, DVCID=1, element type 0) for a tiny TS3100-like library, written by
 * hand from docs/smc-reference.md 1.3: 1 MT at 1, 2 ST at 4096-4097 (4096 full, tag "A00001L8"), 1 IE at 16
 * (empty, INENAB|EXENAB|ACCESS = 38h), 1 DT at 256 with a DVCID identifier (code set 2 ASCII, type 1 T10
 * vendor id: 8-byte vendor, 16-byte product, 10-byte serial = 22h bytes). Descriptor lengths: 12 + 36 + 4 =
 * 52 (34h), DT 52 + 34 = 86 (56h). Page byte counts: 34h, 68h, 34h, 56h; report byte count 3 * 8 + 52 + 104
 * + 52 + 86 = 326 (146h).
 */
import type { ElementStatusReport } from '../../../../scsi/codec/element-status/index.js';
import { a, hex, z } from '../hex.js';

export const TS3100_DT_IDENTIFIER = 'IBM     ULT3580-HH8     10WT012345';

export const ts3100Bytes = hex(`
  00 01 00 05 00 00 01 46
  01 80 00 34 00 00 00 34
  00 01 00 00 00 00 00 00 00 00 00 00 ${z(36)} ${z(4)}
  02 80 00 34 00 00 00 68
  10 00 09 00 00 00 00 00 00 01 00 00 ${a('A00001L8')} ${'20 '.repeat(24)} 00 00 00 00 ${z(4)}
  10 01 08 00 00 00 00 00 00 00 00 00 ${z(36)} ${z(4)}
  03 80 00 34 00 00 00 34
  00 10 38 00 00 00 00 00 00 00 00 00 ${z(36)} ${z(4)}
  04 80 00 56 00 00 00 56
  01 00 08 00 00 00 00 00 00 00 00 00 ${z(36)} 02 01 00 22 ${a(TS3100_DT_IDENTIFIER)}
`);

const empty = {
  except: false,
  asc: 0,
  ascq: 0,
  svalid: false,
  invert: false,
  ed: false,
  mediumType: 0,
  sourceAddress: 0,
} as const;

export const ts3100Report: ElementStatusReport = {
  pages: [
    {
      elementType: 1,
      pvoltag: true,
      avoltag: false,
      dvcid: true,
      descriptors: [{ elementType: 1, address: 1, full: false, access: false, ...empty }],
    },
    {
      elementType: 2,
      pvoltag: true,
      avoltag: false,
      dvcid: true,
      descriptors: [
        {
          elementType: 2,
          address: 4096,
          full: true,
          access: true,
          ...empty,
          mediumType: 1,
          primaryVolumeTag: { id: 'A00001L8', sequence: 0 },
        },
        { elementType: 2, address: 4097, full: false, access: true, ...empty },
      ],
    },
    {
      elementType: 3,
      pvoltag: true,
      avoltag: false,
      dvcid: true,
      descriptors: [
        {
          elementType: 3,
          address: 16,
          full: false,
          access: true,
          impExp: false,
          inEnab: true,
          exEnab: true,
          oir: false,
          cmc: false,
          ...empty,
        },
      ],
    },
    {
      elementType: 4,
      pvoltag: true,
      avoltag: false,
      dvcid: true,
      descriptors: [
        {
          elementType: 4,
          address: 256,
          full: false,
          access: true,
          notBus: false,
          idValid: false,
          luValid: false,
          lun: 0,
          scsiBusAddress: 0,
          ...empty,
          identifier: { codeSet: 2, identifierType: 1, identifier: Buffer.from(TS3100_DT_IDENTIFIER, 'latin1') },
        },
      ],
    },
  ],
};
