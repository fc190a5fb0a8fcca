import { expect } from 'chai';
import {
  Asc,
  decodeElementStatus,
  encodeOpenCloseImportExportElementCdb,
  encodeReadElementStatusCdb,
  SenseKey,
  type ElementDescriptor,
} from '../../../scsi/codec/index.js';
import { loadPersonality } from '../../../sim/personality/load-personality.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';
const M = 'nexus-b';
const open = (address: number = A.IE0) =>
  encodeOpenCloseImportExportElementCdb({ elementAddress: address, actionCode: 0 });
const close = (address: number = A.IE0) =>
  encodeOpenCloseImportExportElementCdb({ elementAddress: address, actionCode: 1 });

async function ieDescriptors(bench: Bench): Promise<ElementDescriptor[]> {
  const r = await bench.run(
    N,
    encodeReadElementStatusCdb({
      voltag: true,
      elementType: 3,
      startingAddress: 0,
      numberOfElements: 10,
      allocationLength: 4096,
    }),
  );
  expectGood(r);
  return decodeElementStatus(r.dataIn).pages.flatMap((p) => p.descriptors);
}

describe('sim import/export station', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions(M);
  });
  afterEach(() => bench.close());

  it('reports INENAB/EXENAB and ACCESS=1 while closed', async () => {
    for (const d of await ieDescriptors(bench))
      expect(d).to.include({ inEnab: true, exEnab: true, access: true, oir: false, impExp: false, full: false });
  });

  it('opens under program control in the product time; ACCESS=0 while open, OIR=0 when the host can close it', async () => {
    const t0 = bench.clock.now();
    expectGood(await bench.run(N, open()));
    expect(bench.clock.now() - t0).to.equal(TEST_PERSONALITY.timing.ieOpenMs);
    for (const d of await ieDescriptors(bench)) expect(d).to.include({ access: false, oir: false });
    const t1 = bench.clock.now();
    expectGood(await bench.run(N, open(A.IE1)));
    expect(bench.clock.now(), 'opening an open station moves nothing').to.equal(t1);
    expectGood(await bench.run(N, close()));
    for (const d of await ieDescriptors(bench)) expect(d).to.include({ access: true });
    expectCheck(await bench.tur(M), SenseKey.UNIT_ATTENTION, Asc.IMPORT_OR_EXPORT_ELEMENT_ACCESSED);
    expectGood(await bench.tur(N));
  });

  it('sets OIR while open on a product whose station only the operator can close, and rejects CLOSE (05/24/00 byte 4 bit 4)', async () => {
    const b = new Bench({
      ...TEST_PERSONALITY,
      importExport: { ...TEST_PERSONALITY.importExport, closeCommand: false },
    });
    await b.drainUnitAttentions(N);
    expectCheck(await b.run(N, close()), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
      cd: true,
      byte: 4,
      bit: 4,
    });
    expectGood(await b.run(N, open()));
    const r = await b.run(
      N,
      encodeReadElementStatusCdb({
        voltag: false,
        elementType: 3,
        startingAddress: 0,
        numberOfElements: 10,
        allocationLength: 4096,
      }),
    );
    for (const d of decodeElementStatus(r.dataIn).pages.flatMap((p) => p.descriptors))
      expect(d).to.include({ access: false, oir: true });
    b.close();
  });

  it('rejects reserved action codes and non-IE addresses', async () => {
    const reserved = encodeOpenCloseImportExportElementCdb({ elementAddress: A.IE0, actionCode: 2 });
    expectCheck(await bench.run(N, reserved), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
      cd: true,
      byte: 4,
      bit: 4,
    });
    expectCheck(await bench.run(N, open(st(0))), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_ELEMENT_ADDRESS, {
      cd: true,
      byte: 2,
    });
    expectCheck(await bench.run(N, open(0x7777)), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_ELEMENT_ADDRESS, {
      cd: true,
      byte: 2,
    });
  });

  it('raises 06/28/01 for every nexus after the operator accessed the station; an imported cartridge has IMPEXP=1', async () => {
    expect(bench.control.putIntoImportExport(A.IE0, { volumeTag: 'IMP001L8' })).to.include({
      ok: false,
      code: 'STATION_CLOSED',
    });
    expect(bench.control.openImportExport().ok).to.equal(true);
    expect(bench.control.putIntoImportExport(A.IE0, { volumeTag: 'IMP001L8' }).ok).to.equal(true);
    expect(bench.control.putIntoImportExport(st(0), { volumeTag: 'X' })).to.include({
      ok: false,
      code: 'NO_SUCH_ELEMENT',
    });
    expect(bench.control.closeImportExport().ok).to.equal(true);
    expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.IMPORT_OR_EXPORT_ELEMENT_ACCESSED);
    expectCheck(await bench.tur(M), SenseKey.UNIT_ATTENTION, Asc.IMPORT_OR_EXPORT_ELEMENT_ACCESSED);
    await bench.settle();
    const [ie0] = await ieDescriptors(bench);
    expect(ie0).to.include({ full: true, impExp: true, access: true });
    expect(ie0?.primaryVolumeTag?.id).to.equal('IMP001L8');
    expectGood(await bench.move(N, A.IE0, st(3)));
    expectGood(await bench.move(N, st(3), A.IE1));
    const [, ie1] = await ieDescriptors(bench);
    expect(ie1).to.include({ full: true, impExp: false });
  });

  it('refuses OPEN while prevented with a full station where the product does (05/53/02), not with an empty one', async () => {
    expectGood(await bench.run(N, Buffer.from([0x1e, 0, 0, 0, 1, 0])));
    expectGood(await bench.run(N, open()));
    expectGood(await bench.run(N, close()));
    await bench.drainUnitAttentions(N);
    expect(bench.control.openImportExport()).to.include({ ok: false, code: 'PREVENTED' });
    expectGood(await bench.run(N, Buffer.from([0x1e, 0, 0, 0, 0, 0])));
    expectGood(await bench.move(N, st(0), A.IE0));
    expectGood(await bench.run(N, Buffer.from([0x1e, 0, 0, 0, 1, 0])));
    expectCheck(await bench.run(N, open()), SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_REMOVAL_PREVENTED);
  });

  it('is not there on a product without IE elements: 05/20/00 for OPEN/CLOSE, NO_STATION for the operator', async () => {
    const b = new Bench(loadPersonality('quantum-superloader3'));
    await b.drainUnitAttentions(N);
    expectCheck(await b.run(N, open(0)), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_COMMAND_OPERATION_CODE);
    expect(b.control.openImportExport()).to.include({ ok: false, code: 'NO_STATION' });
    b.close();
  });
});
