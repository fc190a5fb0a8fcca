import { expect } from 'chai';
import {
  Asc,
  decodeAllSupportedCommands,
  decodeDeviceIdentificationPage,
  decodeOneSupportedCommand,
  decodeReportLunsData,
  decodeStandardInquiry,
  decodeSupportedVpdPages,
  decodeUnitSerialNumberPage,
  encodeInquiryCdb,
  encodeReportLunsCdb,
  encodeReportSupportedOperationCodesCdb,
  SenseKey,
} from '../../../scsi/codec/index.js';
import { COMMAND_HANDLERS } from '../../../sim/commands/registry.js';
import { loadPersonality } from '../../../sim/personality/load-personality.js';
import { Bench, expectCheck } from '../helpers/bench.js';

const N = 'nexus-a';

describe('sim INQUIRY, REPORT LUNS, REPORT SUPPORTED OPERATION CODES', () => {
  let bench: Bench;
  beforeEach(() => {
    bench = new Bench();
  });
  afterEach(() => bench.close());

  it('answers standard INQUIRY as a medium changer with the product strings', async () => {
    const d = decodeStandardInquiry((await bench.run(N, encodeInquiryCdb({ allocationLength: 96 }))).dataIn);
    expect(d).to.deep.include({
      peripheralQualifier: 0,
      deviceType: 8,
      rmb: true,
      vendor: 'CHBENCH',
      product: 'TESTLIB',
      revision: '0001',
      versionDescriptors: [0x0480, 0x0300],
    });
    expect((await bench.run(N, encodeInquiryCdb({ allocationLength: 5 }))).dataIn.length).to.equal(5);
  });

  it('serves VPD 00h, 80h and 83h and rejects other pages (05/24/00 byte 2)', async () => {
    const vpd = async (pageCode: number) =>
      (await bench.run(N, encodeInquiryCdb({ evpd: true, pageCode, allocationLength: 255 }))).dataIn;
    expect(decodeSupportedVpdPages(await vpd(0x00)).pages).to.deep.equal([0x00, 0x80, 0x83]);
    expect(decodeUnitSerialNumberPage(await vpd(0x80)).serial).to.equal('TL0000000001');
    const ids = decodeDeviceIdentificationPage(await vpd(0x83)).designators;
    expect(ids.map((i) => i.designatorType)).to.deep.equal([3, 1]);
    expect(ids[0]?.designator.toString('hex')).to.equal('5000000000000001');
    expect(ids[1]?.designator.toString('latin1')).to.equal('CHBENCH TESTLIB         TL0000000001');
    expectCheck(
      await bench.run(N, encodeInquiryCdb({ evpd: true, pageCode: 0xb0, allocationLength: 255 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 2 },
    );
  });

  it('reports LUN 0 and rejects reserved SELECT REPORT values', async () => {
    expect(
      decodeReportLunsData((await bench.run(N, encodeReportLunsCdb({ allocationLength: 64 }))).dataIn),
    ).to.deep.equal([0]);
    expect(
      decodeReportLunsData((await bench.run(N, encodeReportLunsCdb({ selectReport: 1, allocationLength: 64 }))).dataIn),
    ).to.deep.equal([]);
    expectCheck(
      await bench.run(N, encodeReportLunsCdb({ selectReport: 0x10, allocationLength: 64 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 2 },
    );
  });

  it('lists exactly the commands the product implements, generated from the registry', async () => {
    await bench.drainUnitAttentions(N);
    const cdb = encodeReportSupportedOperationCodesCdb({ reportingOptions: 0, allocationLength: 4096 });
    const listed = decodeAllSupportedCommands((await bench.run(N, cdb)).dataIn);
    expect(listed.map((c) => c.opcode)).to.deep.equal(COMMAND_HANDLERS.map((h) => h.opcode));
    expect(listed.find((c) => c.opcode === 0xa3)).to.include({ serviceAction: 0x0c, cdbLength: 12 });
    const sl3 = new Bench(loadPersonality('quantum-superloader3'));
    await sl3.drainUnitAttentions(N);
    const sl3Listed = decodeAllSupportedCommands((await sl3.run(N, cdb)).dataIn).map((c) => c.opcode);
    expect(sl3Listed).to.include.members([0xa5, 0xb8, 0x2b, 0x16]);
    expect(sl3Listed).not.to.include.members([0xa6, 0x37, 0x1b]);
    sl3.close();
  });

  it('answers one command (reporting options 001b/010b) and refuses the wrong form for service-action opcodes', async () => {
    await bench.drainUnitAttentions(N);
    const one = (reportingOptions: number, requestedOpcode: number, requestedServiceAction = 0) =>
      bench.run(
        N,
        encodeReportSupportedOperationCodesCdb({
          reportingOptions,
          requestedOpcode,
          requestedServiceAction,
          allocationLength: 64,
        }),
      );
    expect(decodeOneSupportedCommand((await one(1, 0xa5)).dataIn)).to.include({ support: 3, cdbLength: 12 });
    expect(decodeOneSupportedCommand((await one(1, 0x4d)).dataIn)).to.include({ support: 1 });
    expect(decodeOneSupportedCommand((await one(2, 0xa3, 0x0c)).dataIn)).to.include({ support: 3, cdbLength: 12 });
    expectCheck(await one(1, 0xa3), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, { cd: true, byte: 2, bit: 2 });
    expectCheck(await one(2, 0xa5), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, { cd: true, byte: 2, bit: 2 });
  });
});
