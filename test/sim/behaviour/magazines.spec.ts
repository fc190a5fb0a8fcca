import { expect } from 'chai';
import {
  Asc,
  decodeElementStatus,
  decodeModeParameterList6,
  encodeModeSense6Cdb,
  encodeReadElementStatusCdb,
  SenseKey,
  type ElementDescriptor,
} from '../../../scsi/codec/index.js';
import type { PulledMagazineStyle } from '../../../sim/personality/personality.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, testPersonality } from '../helpers/test-personality.js';

const N = 'nexus-a';

async function storageDescriptors(bench: Bench): Promise<ElementDescriptor[]> {
  const r = await bench.run(
    N,
    encodeReadElementStatusCdb({
      voltag: true,
      elementType: 2,
      startingAddress: 0,
      numberOfElements: 100,
      allocationLength: 10000,
    }),
  );
  expectGood(r);
  return decodeElementStatus(r.dataIn).pages.flatMap((p) => p.descriptors);
}

const STYLES: Record<PulledMagazineStyle, { except: boolean; ed: boolean; asc: number; ascq: number }> = {
  'access-only': { except: false, ed: false, asc: 0, ascq: 0 },
  'except-3b12': { except: true, ed: false, asc: 0x3b, ascq: 0x12 },
  'ed-3b12': { except: true, ed: true, asc: 0x3b, ascq: 0x12 },
  'vendor-8302': { except: true, ed: false, asc: 0x83, ascq: 0x02 },
};

describe('sim magazines', () => {
  for (const [style, expected] of Object.entries(STYLES) as [
    PulledMagazineStyle,
    (typeof STYLES)[PulledMagazineStyle],
  ][]) {
    it(`reports a pulled magazine's elements in the ${style} style, FULL=0, no tag`, async () => {
      const bench = new Bench(testPersonality({ pulledMagazineStyle: style }));
      await bench.drainUnitAttentions(N);
      expect(bench.control.pullMagazine('right').ok).to.equal(true);
      await bench.drainUnitAttentions(N);
      const all = await storageDescriptors(bench);
      expect(all).to.have.length(10);
      for (const d of all.filter((x) => x.address >= st(5))) {
        expect(
          { full: d.full, access: d.access, except: d.except, ed: d.ed, asc: d.asc, ascq: d.ascq },
          `element ${d.address}`,
        ).to.deep.equal({ full: false, access: false, ...expected });
        expect(d.primaryVolumeTag).to.equal(undefined);
      }
      const present = all.find((x) => x.address === st(0));
      expect(present).to.include({ full: true, access: true, except: false, ed: false });
      bench.close();
    });
  }

  it('raises 06/3B/12 on removal and 06/3B/13 on insertion for every nexus, and inventories the magazine', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions('nexus-b');
    bench.control.pullMagazine('left');
    expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.MEDIUM_MAGAZINE_REMOVED);
    expectGood(await bench.tur(N));
    bench.control.insertMagazine('left');
    expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.MEDIUM_MAGAZINE_INSERTED);
    expectCheck(await bench.tur(N), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY);
    await bench.settle();
    expectGood(await bench.tur(N));
    expect(await bench.drainUnitAttentions('nexus-b')).to.deep.equal([
      Asc.MEDIUM_MAGAZINE_REMOVED,
      Asc.MEDIUM_MAGAZINE_INSERTED,
    ]);
    bench.close();
  });

  it('keeps page 1Dh counts while a magazine is out', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    bench.control.pullMagazine('left');
    bench.control.pullMagazine('right');
    await bench.drainUnitAttentions(N);
    const r = await bench.run(N, encodeModeSense6Cdb({ dbd: true, pageCode: 0x1d, allocationLength: 255 }));
    const page = decodeModeParameterList6(r.dataIn).pages[0];
    expect(page && 'page' in page && page.code === 0x1d ? page.page.numberOfStorage : -1).to.equal(10);
    bench.close();
  });

  it('refuses MOVE MEDIUM into or out of a pulled magazine with 05/3B/11', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    bench.control.pullMagazine('right');
    await bench.drainUnitAttentions(N);
    expectCheck(await bench.move(N, st(0), st(6)), SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_MAGAZINE_NOT_ACCESSIBLE);
    expectCheck(await bench.move(N, st(5), A.DT0), SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_MAGAZINE_NOT_ACCESSIBLE);
    bench.close();
  });

  it('lets the operator take and put cartridges in a pulled magazine; they return with it', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    expect(bench.control.takeFromMagazine('right', st(5))).to.include({ ok: false, code: 'MAGAZINE_PRESENT' });
    bench.control.pullMagazine('right');
    const taken = bench.control.takeFromMagazine('right', st(5));
    expect(taken.ok && taken.value.volumeTag).to.equal('D00005L8');
    expect(bench.control.putIntoMagazine('right', st(6), { volumeTag: 'NEW001L8' }).ok).to.equal(true);
    expect(bench.control.putIntoMagazine('right', st(0), { volumeTag: 'X' })).to.include({
      ok: false,
      code: 'NOT_IN_MAGAZINE',
    });
    expect(bench.control.putIntoMagazine('right', st(9), { volumeTag: 'X' })).to.include({
      ok: false,
      code: 'ELEMENT_FULL',
    });
    bench.control.insertMagazine('right');
    await bench.settle();
    await bench.drainUnitAttentions(N);
    const tags = new Map((await storageDescriptors(bench)).map((d) => [d.address, d.primaryVolumeTag?.id]));
    expect(tags.get(st(5))).to.equal(undefined);
    expect(tags.get(st(6))).to.equal('NEW001L8');
    expect(tags.get(st(9))).to.equal('CLN001L1');
    bench.close();
  });

  it('refuses pulling a magazine while prevented where the product locks magazines, and while the robot moves', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    expectGood(await bench.run(N, Buffer.from([0x1e, 0, 0, 0, 1, 0])));
    expect(bench.control.pullMagazine('left')).to.include({ ok: false, code: 'PREVENTED' });
    expect(bench.control.status().magazines.every((m) => m.locked)).to.equal(true);
    expectGood(await bench.run(N, Buffer.from([0x1e, 0, 0, 0, 0, 0])));
    const moving = bench.start(N, Buffer.from([0xa5, 0, 0, 0, 0x10, 0x00, 0x10, 0x03, 0, 0, 0, 0]));
    await bench.clock.advanceBy(1);
    expect(bench.control.pullMagazine('left')).to.include({ ok: false, code: 'ROBOT_BUSY' });
    expectGood((await bench.clock.runUntil(moving))!);
    expect(bench.control.pullMagazine('left').ok).to.equal(true);
    expect(bench.control.pullMagazine('left')).to.include({ ok: false, code: 'MAGAZINE_PULLED' });
    expect(bench.control.pullMagazine('nope')).to.include({ ok: false, code: 'NO_SUCH_MAGAZINE' });
    bench.close();
  });
});
