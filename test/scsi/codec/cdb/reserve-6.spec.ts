/**
 * RESERVE(6) (16h) vectors. Layout: SPC-2 RESERVE(6) and SCSI-2 clause 16 medium changer RESERVE (Table 343
 * in the SCSI-2 text): byte 1 bit 4 3RDPTY, bits 3-1 THIRD PARTY DEVICE ID, bit 0 ELEMENT; 2 RESERVATION
 * IDENTIFICATION; 3-4 ELEMENT LIST LENGTH; 5 CONTROL. See docs/scsi-model.md 12.
 */
import { expect } from 'chai';
import { decodeReserve6Cdb, encodeReserve6Cdb } from '../../../../scsi/codec/cdb/reserve-6.js';
import { checkVectors } from './cdb-vectors.js';

const unit = {
  thirdParty: false,
  thirdPartyDeviceId: 0,
  element: false,
  reservationId: 0,
  elementListLength: 0,
  control: 0,
};

describe('scsi/codec/cdb RESERVE(6)', () => {
  checkVectors(encodeReserve6Cdb, decodeReserve6Cdb, [
    // 16h then zeros: reserve the whole unit.
    { name: 'unit reservation', hex: '16 00 00 00 00 00', fields: unit, input: {} },
    // byte 1 = ELEMENT 01h; reservation id 05h; element list length 0008h.
    {
      name: 'element reservation 5 with an 8-byte list',
      hex: '16 01 05 00 08 00',
      fields: { ...unit, element: true, reservationId: 5, elementListLength: 8 },
    },
    // byte 1 = 3RDPTY 10h | id 7 << 1 = 0Eh -> 1Eh.
    {
      name: 'third-party reservation for device 7',
      hex: '16 1e 00 00 00 00',
      fields: { ...unit, thirdParty: true, thirdPartyDeviceId: 7 },
    },
  ]);

  it('range-checks the 3-bit third party device id', () => {
    expect(() => encodeReserve6Cdb({ thirdParty: true, thirdPartyDeviceId: 8 })).to.throw(
      RangeError,
      /thirdPartyDeviceId/,
    );
  });
});
