/**
 * RELEASE(6) (17h) vectors. Layout: SPC-2 RELEASE(6) and SCSI-2 clause 16 medium changer RELEASE: byte 1 bit
 * 4 3RDPTY, bits 3-1 THIRD PARTY DEVICE ID, bit 0 ELEMENT; 2 RESERVATION IDENTIFICATION; 3-4 reserved; 5 CONTROL.
 * See docs/scsi-model.md 12.
 */
import { expect } from 'chai';
import { decodeRelease6Cdb, encodeRelease6Cdb } from '../../../../scsi/codec/cdb/release-6.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb RELEASE(6)', () => {
  checkVectors(encodeRelease6Cdb, decodeRelease6Cdb, [
    // 17h then zeros.
    {
      name: 'unit release',
      hex: '17 00 00 00 00 00',
      fields: { thirdParty: false, thirdPartyDeviceId: 0, element: false, reservationId: 0, control: 0 },
      input: {},
    },
    // byte 1 = 3RDPTY 10h | id 5 << 1 = 0Ah | ELEMENT 01h = 1Bh; reservation id 09h.
    {
      name: 'third-party element release 9 for device 5',
      hex: '17 1b 09 00 00 00',
      fields: { thirdParty: true, thirdPartyDeviceId: 5, element: true, reservationId: 9, control: 0 },
    },
  ]);

  it('range-checks the reservation id', () => {
    expect(() => encodeRelease6Cdb({ reservationId: 256 })).to.throw(RangeError, /reservationId/);
  });
});
