import { expect } from 'chai';
import { Asc, encodeMoveMediumCdb, SenseKey } from '../../../scsi/codec/index.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, testPersonality, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';

describe('sim MOVE MEDIUM', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
  });
  afterEach(() => bench.close());

  it('moves a cartridge and takes the personality move time', async () => {
    const t0 = bench.clock.now();
    expectGood(await bench.move(N, st(0), A.DT0));
    expect(bench.clock.now() - t0).to.equal(TEST_PERSONALITY.timing.moveMs);
    expect(bench.contents().get(A.DT0)).to.equal('D00000L8');
    expect(bench.contents().has(st(0))).to.equal(false);
  });

  it('holds the cartridge in the transport element while moving', async () => {
    const pending = bench.start(
      N,
      encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: st(0), destinationAddress: st(3) }),
    );
    await bench.clock.advanceBy(1);
    expect(bench.contents().get(A.MT)).to.equal('D00000L8');
    expect(bench.contents().has(st(0))).to.equal(false);
    expectGood((await bench.clock.runUntil(pending))!);
    expect(bench.contents().get(st(3))).to.equal('D00000L8');
  });

  it('rejects INVERT with 05/24/00 pointing at byte 10 bit 0', async () => {
    const r = await bench.run(
      N,
      encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: st(0), destinationAddress: st(3), invert: true }),
    );
    expectCheck(r, SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, { cd: true, byte: 10, bit: 0 });
  });

  for (const [what, fields, byte] of [
    ['transport', { transportAddress: 0x99, sourceAddress: st(0), destinationAddress: st(3) }, 2],
    ['transport that is a slot', { transportAddress: st(4), sourceAddress: st(0), destinationAddress: st(3) }, 2],
    ['source', { transportAddress: 0, sourceAddress: 0x2000, destinationAddress: st(3) }, 4],
    ['source that is the transport', { transportAddress: 0, sourceAddress: A.MT, destinationAddress: st(3) }, 4],
    ['destination', { transportAddress: 0, sourceAddress: st(0), destinationAddress: 0x2000 }, 6],
  ] as const) {
    it(`rejects an invalid ${what} address with 05/21/01 pointing at byte ${byte}`, async () => {
      const r = await bench.run(N, encodeMoveMediumCdb(fields));
      expectCheck(r, SenseKey.ILLEGAL_REQUEST, Asc.INVALID_ELEMENT_ADDRESS, { cd: true, byte });
    });
  }

  it('accepts the transport by its own address', async () => {
    expectGood(await bench.move(N, st(0), st(3), A.MT));
  });

  it('reports an empty source 05/3B/0E and a full destination 05/3B/0D', async () => {
    expectCheck(await bench.move(N, st(3), st(4)), SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_SOURCE_ELEMENT_EMPTY);
    expectCheck(await bench.move(N, st(0), st(1)), SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_DESTINATION_ELEMENT_FULL);
    expect(bench.contents().get(st(0))).to.equal('D00000L8');
  });

  it('reports the product sense for a move touching an open IE station', async () => {
    expectGood(await bench.move(N, st(0), A.IE0));
    expect(bench.control.openImportExport().ok).to.equal(true);
    expectCheck(await bench.move(N, A.IE0, st(0)), SenseKey.NOT_READY, Asc.MEDIUM_NOT_PRESENT_TRAY_OPEN);
    expectCheck(await bench.move(N, st(1), A.IE1), SenseKey.NOT_READY, Asc.MEDIUM_NOT_PRESENT_TRAY_OPEN);
  });

  it('refuses a move to an IE element while prevented where the product does (05/53/02)', async () => {
    expectGood(await bench.run(N, Buffer.from([0x1e, 0, 0, 0, 1, 0])));
    expectCheck(await bench.move(N, st(0), A.IE0), SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_REMOVAL_PREVENTED);
    expectGood(await bench.move(N, st(0), st(3)));
  });

  it('allows a move to an IE element while prevented where the product does not block it', async () => {
    const b = new Bench(testPersonality({ prevent: { ...TEST_PERSONALITY.prevent, blocksMoveToImportExport: false } }));
    await b.drainUnitAttentions(N);
    expectGood(await b.run(N, Buffer.from([0x1e, 0, 0, 0, 1, 0])));
    expectGood(await b.move(N, st(0), A.IE0));
    b.close();
  });

  it('fails a move with an armed mechanical fault and leaves the cartridge in its source', async () => {
    expect(bench.control.failNextMove('positioning').ok).to.equal(true);
    expectCheck(await bench.move(N, st(0), st(3)), SenseKey.HARDWARE_ERROR, Asc.MECHANICAL_POSITIONING_ERROR);
    expect(bench.contents().get(st(0))).to.equal('D00000L8');
    bench.control.failNextMove('changer');
    expectCheck(
      await bench.move(N, st(0), st(3)),
      SenseKey.HARDWARE_ERROR,
      Asc.MECHANICAL_POSITIONING_OR_CHANGER_ERROR,
    );
    expectGood(await bench.move(N, st(0), st(3)));
  });
});
