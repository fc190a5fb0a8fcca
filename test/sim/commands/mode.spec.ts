import { expect } from 'chai';
import {
  Asc,
  decodeModeParameterList10,
  decodeModeParameterList6,
  encodeModePage,
  encodeModeParameterList6,
  encodeModeSelect10Cdb,
  encodeModeSelect6Cdb,
  encodeModeSense10Cdb,
  encodeModeSense6Cdb,
  encodePcPageByte,
  SenseKey,
  type ModePage,
} from '../../../scsi/codec/index.js';
import { loadPersonality } from '../../../sim/personality/load-personality.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st } from '../helpers/test-personality.js';

const N = 'nexus-a';
const M = 'nexus-b';

function sense6(pageCode: number, pageControl = 0, subpageCode = 0): Buffer {
  const cdb = encodeModeSense6Cdb({ dbd: true, pageCode, subpageCode, allocationLength: 255 });
  cdb[2] = encodePcPageByte(pageControl, pageCode);
  return cdb;
}

type PageOf<C extends number> = Extract<ModePage, { code: C; page: unknown }>['page'];

function page<C extends 0x0a | 0x1d | 0x1e | 0x1f>(pages: ModePage[], code: C): PageOf<C> {
  const p = pages.find((x) => x.code === code);
  if (!p || !('page' in p)) throw new Error(`page ${code} missing`);
  return p.page as PageOf<C>;
}

describe('sim MODE SENSE / MODE SELECT', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions(M);
  });
  afterEach(() => bench.close());

  it('returns pages 0Ah, 1Dh, 1Eh, 1Fh for 3Fh, without block descriptors, in (6) and (10) form', async () => {
    const six = decodeModeParameterList6((await bench.run(N, sense6(0x3f))).dataIn);
    expect(six.blockDescriptors.length).to.equal(0);
    expect(six.pages.map((p) => p.code)).to.deep.equal([0x0a, 0x1d, 0x1e, 0x1f]);
    const ten = decodeModeParameterList10(
      (await bench.run(N, encodeModeSense10Cdb({ pageCode: 0x3f, allocationLength: 1024 }))).dataIn,
    );
    expect(ten.pages.map((p) => p.code)).to.deep.equal([0x0a, 0x1d, 0x1e, 0x1f]);
    const all = decodeModeParameterList6((await bench.run(N, sense6(0x3f, 0, 0xff))).dataIn);
    expect(all.pages).to.have.length(4);
  });

  it('reports the element address assignment and capabilities of the product', async () => {
    const pages = decodeModeParameterList6((await bench.run(N, sense6(0x3f))).dataIn).pages;
    expect(page(pages, 0x1d)).to.deep.include({
      firstTransport: A.MT,
      numberOfTransports: 1,
      firstStorage: st(0),
      numberOfStorage: 10,
      firstImportExport: A.IE0,
      numberOfImportExport: 2,
      firstDataTransfer: A.DT0,
      numberOfDataTransfer: 2,
    });
    const caps = page(pages, 0x1f);
    expect(caps.stor).to.deep.equal({ mt: false, st: true, ie: true, dt: true });
    expect(caps.moveFrom.st).to.deep.equal({ mt: false, st: true, ie: true, dt: true });
    expect(caps.vtrp).to.equal(true);
    expect(page(pages, 0x1e).transports).to.deep.equal([{ rotate: false, memberNumber: 0 }]);
  });

  it('cuts the data at the allocation length', async () => {
    const cdb = encodeModeSense6Cdb({ dbd: true, pageCode: 0x3f, allocationLength: 10 });
    expect((await bench.run(N, cdb)).dataIn.length).to.equal(10);
  });

  it('shows D_SENSE (and the 1Dh addresses where re-addressing is allowed) as changeable', async () => {
    const pages = decodeModeParameterList6((await bench.run(N, sense6(0x3f, 1))).dataIn).pages;
    expect(page(pages, 0x0a).dSense).to.equal(true);
    expect(page(pages, 0x1d)).to.deep.include({ firstStorage: 0xffff, numberOfStorage: 0 });
  });

  it('answers saved values with 05/39/00 and unknown pages or subpages with 05/24/00', async () => {
    expectCheck(await bench.run(N, sense6(0x1d, 3)), SenseKey.ILLEGAL_REQUEST, Asc.SAVING_PARAMETERS_NOT_SUPPORTED);
    expectCheck(await bench.run(N, sense6(0x08)), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
      cd: true,
      byte: 2,
      bit: 5,
    });
    expectCheck(await bench.run(N, sense6(0x1d, 0, 1)), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
      cd: true,
      byte: 3,
    });
  });

  it('re-addresses elements through page 1Dh where allowed and raises 06/2A/01 for the other nexuses', async () => {
    const pages = decodeModeParameterList6((await bench.run(N, sense6(0x1d))).dataIn).pages;
    const current = page(pages, 0x1d);
    const list = encodeModeParameterList6([
      encodeModePage({ code: 0x1d, page: { ...current, ps: false, firstStorage: 0x2000 } }),
    ]);
    list[0] = 0;
    expectGood(await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: list.length }), list));
    expectGood(await bench.move(N, 0x2000, 0x2003));
    expect(bench.contents().get(0x2003)).to.equal('D00000L8');
    expectCheck(await bench.move(N, st(1), st(4)), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_ELEMENT_ADDRESS, {
      cd: true,
      byte: 4,
    });
    expectCheck(await bench.tur(M), SenseKey.UNIT_ATTENTION, Asc.MODE_PARAMETERS_CHANGED);
    expectGood(await bench.tur(N));
  });

  it('refuses overlapping ranges and changed counts with 05/26/00 and a parameter-list field pointer', async () => {
    const current = page(decodeModeParameterList6((await bench.run(N, sense6(0x1d))).dataIn).pages, 0x1d);
    // Storage moved onto the drives' range: the pointer names the later range in page order (first DT address).
    const overlap = encodeModeParameterList6([
      encodeModePage({ code: 0x1d, page: { ...current, firstStorage: A.DT0 } }),
    ]);
    overlap[0] = 0;
    expectCheck(
      await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: overlap.length }), overlap),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_PARAMETER_LIST,
      { cd: false, byte: 4 + 14 },
    );
    const count = encodeModeParameterList6([encodeModePage({ code: 0x1d, page: { ...current, numberOfStorage: 5 } })]);
    count[0] = 0;
    expectCheck(
      await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: count.length }), count),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_PARAMETER_LIST,
      { cd: false, byte: 4 + 8 },
    );
    expect(bench.contents().get(st(0))).to.equal('D00000L8');
  });

  it('refuses page 1Dh on a product that does not allow re-addressing (05/26/00 at the page code, C/D=0)', async () => {
    const b = new Bench(loadPersonality('ibm-ts3100'));
    await b.drainUnitAttentions(N);
    const current = page(decodeModeParameterList6((await b.run(N, sense6(0x1d))).dataIn).pages, 0x1d);
    const list = encodeModeParameterList6([
      encodeModePage({
        code: 0x0a,
        page: {
          ps: false,
          tst: 0,
          dSense: false,
          gltsd: false,
          queueAlgorithmModifier: 0,
          qErr: 0,
          swp: false,
          busyTimeoutPeriod: 0,
        },
      }),
      encodeModePage({ code: 0x1d, page: current }),
    ]);
    list[0] = 0;
    expectCheck(
      await b.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: list.length }), list),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_PARAMETER_LIST,
      { cd: false, byte: 4 + 12, bit: 5 },
    );
    b.close();
  });

  it('switches descriptor-format sense with D_SENSE through MODE SELECT(10), refusing other control page changes', async () => {
    const control = (dSense: boolean, qErr = 0) =>
      encodeModePage({
        code: 0x0a,
        page: {
          ps: false,
          tst: 0,
          dSense,
          gltsd: false,
          queueAlgorithmModifier: 0,
          qErr,
          swp: false,
          busyTimeoutPeriod: 0,
        },
      });
    const header = Buffer.alloc(8);
    const on = Buffer.concat([header, control(true)]);
    expectGood(await bench.run(N, encodeModeSelect10Cdb({ pf: true, parameterListLength: on.length }), on));
    expect(page(decodeModeParameterList6((await bench.run(N, sense6(0x0a))).dataIn).pages, 0x0a).dSense).to.equal(true);
    const bad = Buffer.concat([header, control(true, 1)]);
    const r = await bench.run(N, encodeModeSelect10Cdb({ pf: true, parameterListLength: bad.length }), bad);
    expect(r.sense?.[0]).to.equal(0x72);
    expectCheck(r, SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_PARAMETER_LIST, { cd: false, byte: 8 + 3, bit: 1 });
  });

  it('rejects SP=1 (05/24/00 byte 1 bit 0), short parameter lists (05/1A/00) and block descriptors (05/26/00)', async () => {
    expectCheck(
      await bench.run(N, encodeModeSelect6Cdb({ pf: true, sp: true, parameterListLength: 4 }), Buffer.alloc(4)),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 1, bit: 0 },
    );
    expectCheck(
      await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: 16 }), Buffer.alloc(8)),
      SenseKey.ILLEGAL_REQUEST,
      Asc.PARAMETER_LIST_LENGTH_ERROR,
    );
    const withBd = Buffer.from([0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0]);
    expectCheck(
      await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: withBd.length }), withBd),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_PARAMETER_LIST,
      { cd: false, byte: 3 },
    );
    const unknown = Buffer.from([0, 0, 0, 0, 0x08, 0x02, 0, 0]);
    expectCheck(
      await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: unknown.length }), unknown),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_PARAMETER_LIST,
      { cd: false, byte: 4, bit: 5 },
    );
    expectGood(await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: 0 })));
  });

  it('reverts mode parameters at power-on', async () => {
    const on = Buffer.concat([
      Buffer.alloc(4),
      encodeModePage({
        code: 0x0a,
        page: {
          ps: false,
          tst: 0,
          dSense: true,
          gltsd: false,
          queueAlgorithmModifier: 0,
          qErr: 0,
          swp: false,
          busyTimeoutPeriod: 0,
        },
      }),
    ]);
    expectGood(await bench.run(N, encodeModeSelect6Cdb({ pf: true, parameterListLength: on.length }), on));
    bench.control.powerCycle();
    await bench.settle();
    await bench.drainUnitAttentions(N);
    expect(page(decodeModeParameterList6((await bench.run(N, sense6(0x0a))).dataIn).pages, 0x0a).dSense).to.equal(
      false,
    );
  });
});
