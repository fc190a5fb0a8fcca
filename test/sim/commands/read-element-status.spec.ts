import { expect } from 'chai';
import { Asc, decodeElementStatus, encodeReadElementStatusCdb, SenseKey } from '../../../scsi/codec/index.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';

function res(fields: {
  type?: 0 | 1 | 2 | 3 | 4;
  start?: number;
  count?: number;
  voltag?: boolean;
  dvcid?: boolean;
  alloc?: number;
}) {
  return encodeReadElementStatusCdb({
    voltag: fields.voltag ?? false,
    elementType: fields.type ?? 0,
    startingAddress: fields.start ?? 0,
    numberOfElements: fields.count ?? 0xffff,
    dvcid: fields.dvcid ?? false,
    allocationLength: fields.alloc ?? 0xffff,
  });
}

describe('sim READ ELEMENT STATUS', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
  });
  afterEach(() => bench.close());

  it('reports every element in address order, one page per type (MT, IE, DT, ST for this map)', async () => {
    const r = await bench.run(N, res({}));
    expectGood(r);
    const d = decodeElementStatus(r.dataIn);
    expect(d.pages.map((p) => p.elementType)).to.deep.equal([1, 3, 4, 2]);
    expect(d.numberOfElements).to.equal(15);
    expect(d.firstElementAddress).to.equal(A.MT);
    expect(d.truncated).to.equal(false);
  });

  it('starts at the first element of the type at or above the start address and caps at NUMBER OF ELEMENTS', async () => {
    const d = decodeElementStatus((await bench.run(N, res({ type: 2, start: st(3), count: 4 }))).dataIn);
    expect(d.firstElementAddress).to.equal(st(3));
    expect(d.pages[0]?.descriptors.map((x) => x.address)).to.deep.equal([st(3), st(4), st(5), st(6)]);
    const between = decodeElementStatus((await bench.run(N, res({ type: 4, start: 0x20, count: 10 }))).dataIn);
    expect(between.firstElementAddress).to.equal(A.DT0);
    expect(between.pages[0]?.descriptors.map((x) => x.address)).to.deep.equal([A.DT0, A.DT1]);
    const mixed = decodeElementStatus((await bench.run(N, res({ type: 0, start: A.IE1, count: 3 }))).dataIn);
    expect(mixed.pages.map((p) => [p.elementType, p.descriptors.map((x) => x.address)])).to.deep.equal([
      [3, [A.IE1]],
      [4, [A.DT0, A.DT1]],
    ]);
  });

  it('answers 05/21/01 pointing at byte 2 when no element of the type is at or above the start', async () => {
    expectCheck(
      await bench.run(N, res({ type: 3, start: 0x12 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      { cd: true, byte: 2 },
    );
    expectCheck(
      await bench.run(N, res({ type: 0, start: 0x2000 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      { cd: true, byte: 2 },
    );
  });

  it('rejects a reserved element type code with 05/24/00 at byte 1', async () => {
    const cdb = res({});
    cdb[1] = 0x05;
    expectCheck(await bench.run(N, cdb), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
      cd: true,
      byte: 1,
      bit: 3,
    });
  });

  it('sends volume tags with VOLTAG and SVALID with the last storage source', async () => {
    expectGood(await bench.move(N, st(1), A.DT1));
    const d = decodeElementStatus((await bench.run(N, res({ voltag: true }))).dataIn);
    const all = d.pages.flatMap((p) => p.descriptors);
    expect(d.pages.every((p) => p.pvoltag)).to.equal(true);
    expect(all.find((x) => x.address === A.DT1)).to.deep.include({
      full: true,
      svalid: true,
      sourceAddress: st(1),
      primaryVolumeTag: { id: 'D00001L8', sequence: 0 },
    });
    expect(all.find((x) => x.address === st(3))?.primaryVolumeTag).to.equal(undefined);
    expect(all.find((x) => x.address === st(0))).to.include({ svalid: false, mediumType: 1 });
  });

  it('sends drive identifiers with DVCID (T10 vendor id: vendor, product, serial)', async () => {
    const d = decodeElementStatus((await bench.run(N, res({ type: 4, dvcid: true }))).dataIn);
    const id = d.pages[0]?.descriptors[0]?.identifier;
    expect(id?.codeSet).to.equal(2);
    expect(id?.identifierType).to.equal(1);
    expect(id?.identifier.toString('latin1')).to.equal('IBM     ULT3580-HH5     1000000001');
    const plain = decodeElementStatus((await bench.run(N, res({ type: 4 }))).dataIn);
    expect(plain.pages[0]?.descriptors[0]?.identifier?.identifier.length ?? 0).to.equal(0);
  });

  it('truncates to whole descriptors under a short allocation length, keeping the full counts', async () => {
    const full = (await bench.run(N, res({ type: 2, voltag: true }))).dataIn;
    const descriptorLength = full.readUInt16BE(8 + 2);
    expect(descriptorLength).to.equal(52);
    const alloc = 8 + 8 + 3 * descriptorLength + 20;
    const r = await bench.run(N, res({ type: 2, voltag: true, alloc }));
    expectGood(r);
    expect(r.dataIn.length).to.equal(8 + 8 + 3 * descriptorLength);
    const d = decodeElementStatus(r.dataIn);
    expect(d.truncated).to.equal(true);
    expect(d.numberOfElements).to.equal(10);
    expect(d.byteCountAvailable).to.equal(8 + 10 * descriptorLength);
    expect(d.pages[0]?.descriptors).to.have.length(3);
    const header = await bench.run(N, res({ type: 2, voltag: true, alloc: 8 }));
    expect(header.dataIn.readUIntBE(5, 3)).to.equal(8 + 10 * descriptorLength);
  });

  it('answers NUMBER OF ELEMENTS 0 with a header only', async () => {
    const r = await bench.run(N, res({ type: 2, count: 0 }));
    expectGood(r);
    expect(r.dataIn.length).to.equal(8);
    expect(decodeElementStatus(r.dataIn).numberOfElements).to.equal(0);
  });

  it('rejects VOLTAG on a product without a barcode reader (05/24/00 byte 1 bit 4)', async () => {
    const b = new Bench({
      ...TEST_PERSONALITY,
      capabilities: { ...TEST_PERSONALITY.capabilities, barcodeReader: false },
    });
    await b.drainUnitAttentions(N);
    expectCheck(await b.run(N, res({ voltag: true })), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
      cd: true,
      byte: 1,
      bit: 4,
    });
    b.close();
  });

  it('answers at once while the robot moves (no queueing behind motion)', async () => {
    const moving = bench.start(N, Buffer.from([0xa5, 0, 0, 0, 0x10, 0x00, 0x10, 0x03, 0, 0, 0, 0]));
    await bench.clock.advanceBy(1);
    const t = bench.clock.now();
    const r = await bench.changer.execute('nexus-b', res({ type: 1, voltag: true }));
    expect(bench.clock.now()).to.equal(t);
    expect(r.status).to.equal(2);
    await bench.drainUnitAttentions('nexus-b');
    const d = decodeElementStatus((await bench.changer.execute('nexus-b', res({ type: 1, voltag: true }))).dataIn);
    expect(d.pages[0]?.descriptors[0]).to.deep.include({
      full: true,
      primaryVolumeTag: { id: 'D00000L8', sequence: 0 },
    });
    expectGood((await bench.clock.runUntil(moving))!);
  });
});
