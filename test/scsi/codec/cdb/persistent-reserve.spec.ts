/**
 * PERSISTENT RESERVE IN (5Eh) and OUT (5Fh) CDB vectors, and the parameter data of PR OUT, READ KEYS and READ
 * RESERVATION. Layouts: SPC-4 6.15, 6.16 / docs/smc-reference.md 1.8. PR IN: 1 bits 4-0 SERVICE ACTION, 7-8
 * ALLOCATION LENGTH, 9 CONTROL. PR OUT: 1 bits 4-0 SERVICE ACTION, 2 SCOPE (7-4) TYPE (3-0), 5-8 PARAMETER LIST
 * LENGTH, 9 CONTROL.
 */
import { expect } from 'chai';
import { CodecError } from '../../../../scsi/codec/codec-error.js';
import {
  decodePersistentReserveInCdb,
  encodePersistentReserveInCdb,
  PrInAction,
} from '../../../../scsi/codec/cdb/persistent-reserve-in.js';
import {
  decodePersistentReserveOutCdb,
  encodePersistentReserveOutCdb,
  PrOutAction,
  PrType,
} from '../../../../scsi/codec/cdb/persistent-reserve-out.js';
import {
  decodePrOutParameters,
  decodeReadKeysData,
  decodeReadReservationData,
  encodePrOutParameters,
  encodeReadKeysData,
  encodeReadReservationData,
} from '../../../../scsi/codec/persistent-reservation-data.js';
import { checkVectors, hex, toHex } from './cdb-vectors.js';

describe('scsi/codec/cdb PERSISTENT RESERVE IN/OUT', () => {
  checkVectors(encodePersistentReserveInCdb, decodePersistentReserveInCdb, [
    // 5Eh; SA 00h READ KEYS; 2-6 00; allocation 0400h; control 00.
    {
      name: 'READ KEYS, 1024 bytes',
      hex: '5e 00 00 00 00 00 00 04 00 00',
      fields: { serviceAction: PrInAction.READ_KEYS, allocationLength: 1024, control: 0 },
      input: { serviceAction: 0, allocationLength: 1024 },
    },
    // SA 01h READ RESERVATION; allocation 0018h (24).
    {
      name: 'READ RESERVATION, 24 bytes',
      hex: '5e 01 00 00 00 00 00 00 18 00',
      fields: { serviceAction: PrInAction.READ_RESERVATION, allocationLength: 24, control: 0 },
    },
  ]);

  checkVectors(encodePersistentReserveOutCdb, decodePersistentReserveOutCdb, [
    // 5Fh; SA 06h REGISTER AND IGNORE EXISTING KEY; scope/type 00; 3-4 00; length 00000018h; control 00.
    {
      name: 'REGISTER AND IGNORE EXISTING KEY',
      hex: '5f 06 00 00 00 00 00 00 18 00',
      fields: {
        serviceAction: PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY,
        scope: 0,
        type: 0,
        parameterListLength: 24,
        control: 0,
      },
      input: { serviceAction: 6 },
    },
    // SA 01h RESERVE; byte 2 = 06h: LU_SCOPE, Exclusive Access - Registrants Only.
    {
      name: 'RESERVE, Exclusive Access - Registrants Only',
      hex: '5f 01 06 00 00 00 00 00 18 00',
      fields: {
        serviceAction: PrOutAction.RESERVE,
        scope: 0,
        type: PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY,
        parameterListLength: 24,
        control: 0,
      },
    },
    // SA 03h CLEAR; byte 2 = 12h: scope 1 (obsolete in SPC-4, kept for the target to reject), type 2
    // (docs/smc-reference.md 1.8).
    {
      name: 'CLEAR with a scope and type a target must check',
      hex: '5f 03 12 00 00 00 00 00 18 00',
      fields: { serviceAction: PrOutAction.CLEAR, scope: 1, type: 2, parameterListLength: 24, control: 0 },
    },
  ]);

  it('encodes and decodes the basic PR OUT parameter list (keys at 0 and 8, APTPL at byte 20 bit 0)', () => {
    const bytes = '43 48 47 42 45 4e 43 48 00 00 00 00 00 00 00 01 00 00 00 00 01 00 00 00';
    expect(
      toHex(encodePrOutParameters({ reservationKey: 0x43484742454e4348n, serviceActionKey: 1n, aptpl: true })),
    ).to.equal(bytes);
    expect(decodePrOutParameters(hex(bytes))).to.deep.equal({
      reservationKey: 0x43484742454e4348n,
      serviceActionKey: 1n,
      specIPt: false,
      allTgPt: false,
      aptpl: true,
    });
    expect(decodePrOutParameters(hex('00'.repeat(20) + '0c 00 00 00'))).to.include({
      specIPt: true,
      allTgPt: true,
      aptpl: false,
    });
    expect(() => decodePrOutParameters(hex('00'.repeat(23)))).to.throw(CodecError, /needs 24 bytes, got 23/);
    expect(() => encodePrOutParameters({ reservationKey: 1n << 64n, serviceActionKey: 0n })).to.throw(
      RangeError,
      /reservationKey/,
    );
  });

  it('encodes and decodes READ KEYS data (generation, additional length, 8 bytes per key)', () => {
    const bytes = '00 00 00 05 00 00 00 10 00 00 00 00 00 00 00 2a ff ff ff ff ff ff ff ff';
    expect(toHex(encodeReadKeysData({ generation: 5, keys: [42n, 0xffff_ffff_ffff_ffffn] }))).to.equal(bytes);
    expect(decodeReadKeysData(hex(bytes))).to.deep.equal({ generation: 5, keys: [42n, 0xffff_ffff_ffff_ffffn] });
    // cut by the allocation length: only whole keys
    expect(decodeReadKeysData(hex(bytes).subarray(0, 20))).to.deep.equal({ generation: 5, keys: [42n] });
    expect(() => decodeReadKeysData(hex('00 00 00 00 00 00 00 07'))).to.throw(CodecError, /not a multiple of 8/);
  });

  it('encodes and decodes READ RESERVATION data with and without a reservation (scope/type at byte 21)', () => {
    expect(toHex(encodeReadReservationData({ generation: 2, reservation: undefined }))).to.equal(
      '00 00 00 02 00 00 00 00',
    );
    const bytes = '00 00 00 03 00 00 00 10 00 00 00 00 00 00 00 2a 00 00 00 00 00 06 00 00';
    expect(toHex(encodeReadReservationData({ generation: 3, reservation: { key: 42n, scope: 0, type: 6 } }))).to.equal(
      bytes,
    );
    expect(decodeReadReservationData(hex(bytes))).to.deep.equal({
      generation: 3,
      reservation: { key: 42n, scope: 0, type: 6 },
    });
    expect(decodeReadReservationData(hex('00 00 00 02 00 00 00 00'))).to.deep.equal({
      generation: 2,
      reservation: undefined,
    });
    expect(() => decodeReadReservationData(hex('00 00 00 02 00 00 00 08'))).to.throw(CodecError, /ADDITIONAL LENGTH 8/);
  });
});
