/**
 * EXCHANGE MEDIUM (A6h) vectors. Layout: SMC-3 clause 6 / docs/smc-reference.md 1.2: 2-3 transport, 4-5 source,
 * 6-7 first destination, 8-9 second destination, 10 bit 1 INV2, bit 0 INV1, 11 CONTROL.
 */
import { expect } from 'chai';
import { decodeExchangeMediumCdb, encodeExchangeMediumCdb } from '../../../../scsi/codec/cdb/exchange-medium.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb EXCHANGE MEDIUM', () => {
  checkVectors(encodeExchangeMediumCdb, decodeExchangeMediumCdb, [
    {
      // A6h; transport 0000h; source 1000h; first dest 0100h; second dest 1001h; byte 10 00; control 00.
      name: 'exchange without inversion',
      hex: 'a6 00 00 00 10 00 01 00 10 01 00 00',
      fields: {
        transportAddress: 0,
        sourceAddress: 4096,
        firstDestinationAddress: 256,
        secondDestinationAddress: 4097,
        invert1: false,
        invert2: false,
        control: 0,
      },
      input: { transportAddress: 0, sourceAddress: 4096, firstDestinationAddress: 256, secondDestinationAddress: 4097 },
    },
    {
      // byte 10 = 02h: INV2 only (bit 1); the bit pyscsi swaps.
      name: 'INV2 alone is byte 10 bit 1',
      hex: 'a6 00 00 00 10 00 01 00 10 00 02 00',
      fields: {
        transportAddress: 0,
        sourceAddress: 4096,
        firstDestinationAddress: 256,
        secondDestinationAddress: 4096,
        invert1: false,
        invert2: true,
        control: 0,
      },
    },
    {
      // byte 10 = 01h: INV1 only (bit 0), not in byte 1 as mtx puts it; transport 0002h.
      name: 'INV1 alone is byte 10 bit 0',
      hex: 'a6 00 00 02 00 20 00 21 00 22 01 00',
      fields: {
        transportAddress: 2,
        sourceAddress: 32,
        firstDestinationAddress: 33,
        secondDestinationAddress: 34,
        invert1: true,
        invert2: false,
        control: 0,
      },
    },
  ]);

  it('range-checks addresses', () => {
    expect(() =>
      encodeExchangeMediumCdb({
        transportAddress: 0,
        sourceAddress: 0,
        firstDestinationAddress: 1,
        secondDestinationAddress: 0x10000,
      }),
    ).to.throw(RangeError, /secondDestinationAddress/);
  });
});
