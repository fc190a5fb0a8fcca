/**
 * POSITION TO ELEMENT (2Bh) vectors. Layout: SMC-3 clause 6 / docs/smc-reference.md 1.2: 2-3 transport,
 * 4-5 destination, 6-7 reserved, 8 bit 0 INVERT, 9 CONTROL.
 */
import { expect } from 'chai';
import {
  decodePositionToElementCdb,
  encodePositionToElementCdb,
} from '../../../../scsi/codec/cdb/position-to-element.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb POSITION TO ELEMENT', () => {
  checkVectors(encodePositionToElementCdb, decodePositionToElementCdb, [
    {
      // 2Bh; byte 1 00; transport 0000h; dest 100Ah (4106); 6-7 00; byte 8 00; control 00.
      name: 'position the default transport at slot 4106',
      hex: '2b 00 00 00 10 0a 00 00 00 00',
      fields: { transportAddress: 0, destinationAddress: 4106, invert: false, control: 0 },
      input: { transportAddress: 0, destinationAddress: 4106 },
    },
    {
      // transport 0001h; dest 0010h (16); byte 8 = INVERT 01h.
      name: 'INVERT is byte 8 bit 0',
      hex: '2b 00 00 01 00 10 00 00 01 00',
      fields: { transportAddress: 1, destinationAddress: 16, invert: true, control: 0 },
    },
  ]);

  it('range-checks addresses', () => {
    expect(() => encodePositionToElementCdb({ transportAddress: 0, destinationAddress: 70000 })).to.throw(
      RangeError,
      /destinationAddress/,
    );
  });
});
