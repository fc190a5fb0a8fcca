/**
 * INITIALIZE ELEMENT STATUS WITH RANGE (37h) vectors. Layout: SMC-3 clause 6 / docs/smc-reference.md 1.2: byte 1
 * bit 1 FAST, bit 0 RANGE; 2-3 starting element address; 4-5 reserved; 6-7 number of elements; 8 reserved;
 * 9 CONTROL.
 */
import { expect } from 'chai';
import {
  decodeInitializeElementStatusWithRangeCdb,
  encodeInitializeElementStatusWithRangeCdb,
} from '../../../../scsi/codec/cdb/initialize-element-status-with-range.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb INITIALIZE ELEMENT STATUS WITH RANGE', () => {
  checkVectors(encodeInitializeElementStatusWithRangeCdb, decodeInitializeElementStatusWithRangeCdb, [
    {
      // 37h; byte 1 00 (whole library); all zero.
      name: 'whole library',
      hex: '37 00 00 00 00 00 00 00 00 00',
      fields: { fast: false, range: false, startingAddress: 0, numberOfElements: 0, control: 0 },
      input: {},
    },
    {
      // byte 1 = FAST 02h | RANGE 01h = 03h; start 1000h (4096); 4-5 00; count 000Ah (10); 8 00; control 00.
      name: 'FAST scan of 10 elements from 4096',
      hex: '37 03 10 00 00 00 00 0a 00 00',
      fields: { fast: true, range: true, startingAddress: 4096, numberOfElements: 10, control: 0 },
      input: { fast: true, range: true, startingAddress: 4096, numberOfElements: 10 },
    },
  ]);

  it('range-checks the encoder input', () => {
    expect(() => encodeInitializeElementStatusWithRangeCdb({ numberOfElements: 70000 })).to.throw(
      RangeError,
      /numberOfElements/,
    );
  });
});
