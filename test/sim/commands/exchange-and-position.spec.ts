import { expect } from 'chai';
import { Asc, encodeExchangeMediumCdb, encodePositionToElementCdb, SenseKey } from '../../../scsi/codec/index.js';
import { loadPersonality } from '../../../sim/personality/load-personality.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';
const exchange = (
  s: number,
  d1: number,
  d2: number,
  extra: { invert1?: boolean; invert2?: boolean; transportAddress?: number } = {},
) =>
  encodeExchangeMediumCdb({
    transportAddress: extra.transportAddress ?? 0,
    sourceAddress: s,
    firstDestinationAddress: d1,
    secondDestinationAddress: d2,
    invert1: extra.invert1 ?? false,
    invert2: extra.invert2 ?? false,
  });

describe('sim EXCHANGE MEDIUM and POSITION TO ELEMENT', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
  });
  afterEach(() => bench.close());

  it('swaps two cartridges (second destination = source) in two move times', async () => {
    const t = bench.clock.now();
    expectGood(await bench.run(N, exchange(st(0), st(1), st(0))));
    expect(bench.clock.now() - t).to.equal(2 * TEST_PERSONALITY.timing.moveMs);
    expect([bench.contents().get(st(0)), bench.contents().get(st(1))]).to.deep.equal(['D00001L8', 'D00000L8']);
  });

  it('moves source to the first destination and that one to an empty second destination', async () => {
    expectGood(await bench.run(N, exchange(st(0), st(1), A.DT0)));
    expect([bench.contents().get(st(0)), bench.contents().get(st(1)), bench.contents().get(A.DT0)]).to.deep.equal([
      undefined,
      'D00000L8',
      'D00001L8',
    ]);
  });

  it('checks INV1/INV2, addresses, empty elements and a full second destination', async () => {
    expectCheck(
      await bench.run(N, exchange(st(0), st(1), st(0), { invert1: true })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 10, bit: 0 },
    );
    expectCheck(
      await bench.run(N, exchange(st(0), st(1), st(0), { invert2: true })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 10, bit: 1 },
    );
    expectCheck(
      await bench.run(N, exchange(st(0), st(1), 0x3000)),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      { cd: true, byte: 8 },
    );
    expectCheck(
      await bench.run(N, exchange(st(0), st(0), st(3))),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      { cd: true, byte: 6 },
    );
    expectCheck(
      await bench.run(N, exchange(st(0), st(3), st(4))),
      SenseKey.ILLEGAL_REQUEST,
      Asc.MEDIUM_SOURCE_ELEMENT_EMPTY,
    );
    expectCheck(
      await bench.run(N, exchange(st(0), st(1), st(2))),
      SenseKey.ILLEGAL_REQUEST,
      Asc.MEDIUM_DESTINATION_ELEMENT_FULL,
    );
  });

  it('is an unknown opcode (05/20/00) on a product without it', async () => {
    const b = new Bench(loadPersonality('ibm-ts3100'));
    await b.drainUnitAttentions(N);
    expectCheck(
      await b.run(N, exchange(4096, 4097, 4096)),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_COMMAND_OPERATION_CODE,
    );
    b.close();
  });

  it('positions the transport in the product time, with INVERT and address checks', async () => {
    const t = bench.clock.now();
    expectGood(await bench.run(N, encodePositionToElementCdb({ transportAddress: 0, destinationAddress: st(7) })));
    expect(bench.clock.now() - t).to.equal(TEST_PERSONALITY.timing.positionMs);
    expectCheck(
      await bench.run(N, encodePositionToElementCdb({ transportAddress: 0, destinationAddress: st(7), invert: true })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 8, bit: 0 },
    );
    expectCheck(
      await bench.run(N, encodePositionToElementCdb({ transportAddress: 5, destinationAddress: st(7) })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      { cd: true, byte: 2 },
    );
    expectCheck(
      await bench.run(N, encodePositionToElementCdb({ transportAddress: 0, destinationAddress: 0x4444 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      { cd: true, byte: 4 },
    );
    bench.control.pullMagazine('right');
    await bench.drainUnitAttentions(N);
    expectCheck(
      await bench.run(N, encodePositionToElementCdb({ transportAddress: 0, destinationAddress: st(7) })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.MEDIUM_MAGAZINE_NOT_ACCESSIBLE,
    );
  });
});
