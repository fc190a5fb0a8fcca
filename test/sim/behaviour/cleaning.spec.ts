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
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';
const CLEANER = st(9);

async function descriptorAt(bench: Bench, address: number): Promise<ElementDescriptor | undefined> {
  const r = await bench.run(
    N,
    encodeReadElementStatusCdb({
      voltag: true,
      elementType: 0,
      startingAddress: 0,
      numberOfElements: 100,
      allocationLength: 100000,
    }),
  );
  expectGood(r);
  return decodeElementStatus(r.dataIn)
    .pages.flatMap((p) => p.descriptors)
    .find((d) => d.address === address);
}

const drive = (bench: Bench, address: number) => bench.control.status().drives.find((d) => d.address === address);
const cartridgeAt = (bench: Bench, address: number) =>
  bench.control.status().elements.find((e) => e.address === address)?.cartridge;

describe('sim cleaning', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
  });
  afterEach(() => bench.close());

  it('reports a cleaner with medium type 2 and, where the product does, 30/03 without EXCEPT', async () => {
    expect(await descriptorAt(bench, CLEANER)).to.include({
      mediumType: 2,
      asc: 0x30,
      ascq: 0x03,
      except: false,
      full: true,
    });
    expect(await descriptorAt(bench, st(0))).to.include({ mediumType: 1, asc: 0, except: false });
    const quiet = new Bench({
      ...TEST_PERSONALITY,
      cleaning: { ...TEST_PERSONALITY.cleaning, reportCleanerAsc: false },
    });
    await quiet.drainUnitAttentions(N);
    const r = await quiet.run(
      N,
      encodeReadElementStatusCdb({
        voltag: true,
        elementType: 2,
        startingAddress: CLEANER,
        numberOfElements: 1,
        allocationLength: 1000,
      }),
    );
    expect(decodeElementStatus(r.dataIn).pages[0]?.descriptors[0]).to.include({ mediumType: 2, asc: 0, except: false });
    quiet.close();
  });

  it('runs a cleaning cycle: one use counted, the drive flag cleared at the end, no move out meanwhile (02/04/07)', async () => {
    expect(bench.control.setDriveNeedsCleaning(A.DT0, true).ok).to.equal(true);
    expectGood(await bench.move(N, CLEANER, A.DT0));
    expect(drive(bench, A.DT0)).to.include({ cleaning: true, needsCleaning: true });
    expect(cartridgeAt(bench, A.DT0)).to.include({ usesRemaining: 1, spent: false });
    expectCheck(
      await bench.move(N, A.DT0, CLEANER),
      SenseKey.NOT_READY,
      Asc.LOGICAL_UNIT_NOT_READY_OPERATION_IN_PROGRESS,
    );
    await bench.clock.advanceBy(TEST_PERSONALITY.timing.cleaningMs);
    expect(drive(bench, A.DT0)).to.include({ cleaning: false, needsCleaning: false });
    expectGood(await bench.move(N, A.DT0, CLEANER));
    expect(await descriptorAt(bench, CLEANER)).to.include({ svalid: true, sourceAddress: CLEANER });
  });

  it('spends a cleaner at zero uses; a spent cleaner reports EXCEPT with 30/03 and cleans nothing', async () => {
    for (let i = 0; i < 2; i++) {
      expectGood(await bench.move(N, CLEANER, A.DT0));
      await bench.settle();
      expectGood(await bench.move(N, A.DT0, CLEANER));
    }
    expect(cartridgeAt(bench, CLEANER)).to.include({ usesRemaining: 0, spent: true });
    expect(await descriptorAt(bench, CLEANER)).to.include({ except: true, asc: 0x30, ascq: 0x03, mediumType: 2 });
    bench.control.setDriveNeedsCleaning(A.DT1, true);
    expectGood(await bench.move(N, CLEANER, A.DT1));
    expect(drive(bench, A.DT1)).to.include({ cleaning: false, needsCleaning: true });
    expectGood(await bench.move(N, A.DT1, CLEANER));
    expect(drive(bench, A.DT1)).to.include({ needsCleaning: true });
  });

  it('keeps hidden cleaning slots out of READ ELEMENT STATUS and page 1Dh', async () => {
    expect(bench.control.status().hiddenSlots[0]).to.include({ volumeTag: 'CLN900L1' });
    const r = await bench.run(
      N,
      encodeReadElementStatusCdb({
        voltag: true,
        elementType: 0,
        startingAddress: 0,
        numberOfElements: 0xffff,
        allocationLength: 100000,
      }),
    );
    const all = decodeElementStatus(r.dataIn).pages.flatMap((p) => p.descriptors);
    expect(all).to.have.length(15);
    expect(all.map((d) => d.primaryVolumeTag?.id)).not.to.include('CLN900L1');
    const m = decodeModeParameterList6(
      (await bench.run(N, encodeModeSense6Cdb({ dbd: true, pageCode: 0x1d, allocationLength: 255 }))).dataIn,
    );
    const page = m.pages[0];
    expect(page && 'page' in page && page.code === 0x1d ? page.page.numberOfStorage : -1).to.equal(10);
  });

  it('takes and puts cleaners in hidden slots through the operator API', () => {
    expect(bench.control.putIntoHiddenSlot(0, { volumeTag: 'CLN902L1' })).to.include({
      ok: false,
      code: 'ELEMENT_FULL',
    });
    expect(bench.control.putIntoHiddenSlot(1, { volumeTag: 'DATA01L8', kind: 'data' })).to.include({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    expect(bench.control.putIntoHiddenSlot(2, { volumeTag: 'CLN902L1' })).to.include({
      ok: false,
      code: 'NO_SUCH_ELEMENT',
    });
    const put = bench.control.putIntoHiddenSlot(1, { volumeTag: 'CLN902L1', usesRemaining: 3 });
    expect(put.ok && put.value).to.include({ kind: 'cleaning', usesRemaining: 3 });
    const taken = bench.control.takeFromHiddenSlot(0);
    expect(taken.ok && taken.value.volumeTag).to.equal('CLN900L1');
    expect(bench.control.status().hiddenSlots.map((c) => c?.volumeTag ?? null)).to.deep.equal([null, 'CLN902L1']);
  });

  it('auto-cleans an empty drive from a hidden slot where the product does; the drive reports empty meanwhile', async () => {
    const auto = new Bench({ ...TEST_PERSONALITY, cleaning: { ...TEST_PERSONALITY.cleaning, autoClean: true } });
    await auto.drainUnitAttentions(N);
    expect(auto.control.setDriveNeedsCleaning(A.DT1, true).ok).to.equal(true);
    await auto.clock.advanceBy(TEST_PERSONALITY.timing.moveMs + 1);
    expect(drive(auto, A.DT1)).to.include({ cleaning: true });
    expect(await descriptorAt(auto, A.DT1)).to.include({ full: false, access: true });
    await auto.settle();
    expect(drive(auto, A.DT1)).to.include({ cleaning: false, needsCleaning: false });
    expect(auto.control.status().hiddenSlots[0]).to.include({ usesRemaining: 4 });
    auto.close();
  });
});

describe('sim auto-clean readiness', () => {
  it('waits while the door is open and cleans once it is closed', async () => {
    const bench = new Bench({ ...TEST_PERSONALITY, cleaning: { ...TEST_PERSONALITY.cleaning, autoClean: true } });
    await bench.drainUnitAttentions(N);
    bench.control.openDoor();
    bench.control.setDriveNeedsCleaning(A.DT0, true);
    await bench.settle();
    expect(drive(bench, A.DT0)).to.include({ needsCleaning: true });
    bench.control.closeDoor();
    await bench.settle();
    expect(drive(bench, A.DT0)).to.include({ needsCleaning: false });
    bench.close();
  });
});
