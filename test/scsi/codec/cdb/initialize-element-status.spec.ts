/**
 * INITIALIZE ELEMENT STATUS (07h) vectors. Layout: SMC-3 clause 6 / docs/smc-reference.md 1.1: 6 bytes, 1-4
 * reserved, 5 CONTROL.
 */
import { expect } from 'chai';
import {
  decodeInitializeElementStatusCdb,
  encodeInitializeElementStatusCdb,
} from '../../../../scsi/codec/cdb/initialize-element-status.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb INITIALIZE ELEMENT STATUS', () => {
  checkVectors(encodeInitializeElementStatusCdb, decodeInitializeElementStatusCdb, [
    // 07h then reserved zeros; control 00 ("mtx inventory").
    { name: 'mtx inventory', hex: '07 00 00 00 00 00', fields: { control: 0 }, input: {} },
    // control 04h (NACA bit).
    { name: 'NACA control bit', hex: '07 00 00 00 00 04', fields: { control: 4 } },
  ]);

  it('encodes with no argument', () => {
    expect(encodeInitializeElementStatusCdb()).to.deep.equal(Buffer.from([7, 0, 0, 0, 0, 0]));
  });
});
