import { expect } from 'chai';
import {
  Asc,
  decodeSense,
  encodeInquiryCdb,
  encodeMoveMediumCdb,
  encodeReadElementStatusCdb,
  encodeReportLunsCdb,
  encodeRequestSenseCdb,
  encodeTestUnitReadyCdb,
  ScsiStatus,
  SenseKey,
} from '../../../scsi/codec/index.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';
const M = 'nexus-b';

describe('sim dispatcher', () => {
  let bench: Bench;
  beforeEach(() => {
    bench = new Bench();
  });
  afterEach(() => bench.close());

  describe('CDB checks', () => {
    it('rejects an empty CDB with 05/20/00', async () => {
      expectCheck(await bench.run(N, Buffer.alloc(0)), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_COMMAND_OPERATION_CODE);
    });

    it('rejects a CDB shorter than its opcode needs with 05/24/00 at byte 0', async () => {
      expectCheck(
        await bench.run(N, Buffer.from([0xa5, 0, 0, 0])),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_FIELD_IN_CDB,
        { cd: true, byte: 0 },
      );
    });

    it('accepts a CDB longer than needed (iSCSI pads to 16 bytes)', async () => {
      await bench.drainUnitAttentions(N);
      const cdb = Buffer.alloc(16);
      expectGood(await bench.run(N, cdb));
    });

    it('rejects NACA with 05/24/00 pointing at the control byte bit 2', async () => {
      expectCheck(
        await bench.run(N, encodeTestUnitReadyCdb({ control: 0x04 })),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_FIELD_IN_CDB,
        { cd: true, byte: 5, bit: 2 },
      );
      const move = encodeMoveMediumCdb({
        transportAddress: 0,
        sourceAddress: st(0),
        destinationAddress: st(3),
        control: 0x04,
      });
      expectCheck(await bench.run(N, move), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
        cd: true,
        byte: 11,
        bit: 2,
      });
    });

    it('rejects LINK with 05/24/00 pointing at the control byte bit 0', async () => {
      expectCheck(
        await bench.run(N, encodeTestUnitReadyCdb({ control: 0x01 })),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_FIELD_IN_CDB,
        { cd: true, byte: 5, bit: 0 },
      );
    });

    it('accepts the vendor-specific control bits 7-6 of MOVE MEDIUM (IE extend/retract)', async () => {
      await bench.drainUnitAttentions(N);
      expectGood(
        await bench.run(
          N,
          encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: st(0), destinationAddress: st(3), control: 0xc0 }),
        ),
      );
    });

    it('rejects an unknown opcode with 05/20/00', async () => {
      expectCheck(
        await bench.run(N, Buffer.from([0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_COMMAND_OPERATION_CODE,
      );
      expectCheck(
        await bench.run(N, Buffer.from([0xe7, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_COMMAND_OPERATION_CODE,
      );
    });

    it('treats commands the product lacks as unknown (05/20/00)', async () => {
      const caps = {
        ...TEST_PERSONALITY.capabilities,
        exchangeMedium: false,
        positionToElement: false,
        initializeElementStatusWithRange: false,
        reserveRelease: false,
      };
      const b = new Bench({
        ...TEST_PERSONALITY,
        capabilities: caps,
        importExport: { ...TEST_PERSONALITY.importExport, openCommand: false },
      });
      await b.drainUnitAttentions(N);
      for (const opcode of [0x16, 0x17, 0x2b, 0x37, 0xa6, 0x1b]) {
        const cdb = Buffer.alloc(opcode < 0x20 ? 6 : opcode < 0xa0 ? 10 : 12);
        cdb[0] = opcode;
        expectCheck(await b.run(N, cdb), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_COMMAND_OPERATION_CODE);
      }
      b.close();
    });

    it('rejects an unknown MAINTENANCE IN service action with 05/24/00 at byte 1 bit 4', async () => {
      const cdb = Buffer.from([0xa3, 0x05, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
      expectCheck(await bench.run(N, cdb), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
        cd: true,
        byte: 1,
        bit: 4,
      });
    });

    it('does not consume a unit attention when it rejects a malformed CDB', async () => {
      await bench.run(N, encodeTestUnitReadyCdb({ control: 0x01 }));
      expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    });
  });

  describe('unit attention', () => {
    it('greets a new nexus with 06/29/00 once', async () => {
      expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
      expectGood(await bench.tur(N));
      expectCheck(await bench.tur(M), SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    });

    it('answers INQUIRY and REPORT LUNS without reporting or clearing it', async () => {
      expectGood(await bench.run(N, encodeInquiryCdb({ allocationLength: 96 })));
      expectGood(await bench.run(N, encodeReportLunsCdb({ allocationLength: 64 })));
      expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    });

    it('returns it as data to REQUEST SENSE and clears it', async () => {
      const r = await bench.run(N, encodeRequestSenseCdb({ allocationLength: 252 }));
      expectGood(r);
      const s = decodeSense(r.dataIn);
      expect([s.key, s.asc, s.ascq]).to.deep.equal([SenseKey.UNIT_ATTENTION, 0x29, 0x00]);
      expectGood(await bench.tur(N));
      const again = decodeSense((await bench.run(N, encodeRequestSenseCdb({ allocationLength: 252 }))).dataIn);
      expect([again.key, again.asc, again.ascq]).to.deep.equal([SenseKey.NO_SENSE, 0, 0]);
    });

    it('reports queued conditions in FIFO order, one per command', async () => {
      await bench.drainUnitAttentions(N);
      bench.control.pullMagazine('right');
      bench.control.insertMagazine('right');
      await bench.settle();
      expect(await bench.drainUnitAttentions(N)).to.deep.equal([
        Asc.MEDIUM_MAGAZINE_REMOVED,
        Asc.MEDIUM_MAGAZINE_INSERTED,
      ]);
    });
  });

  describe('reservations', () => {
    beforeEach(async () => {
      await bench.drainUnitAttentions(N);
      await bench.drainUnitAttentions(M);
      expectGood(await bench.run(N, Buffer.from([0x16, 0, 0, 0, 0, 0])));
    });

    it('gives other nexuses RESERVATION CONFLICT (18h, no sense) for non-exempt commands', async () => {
      const r = await bench.move(M, st(0), st(3));
      expect(r.status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
      expect(r.sense).to.equal(undefined);
      expect((await bench.run(M, Buffer.from([0x16, 0, 0, 0, 0, 0]))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
      expect(
        (
          await bench.run(
            M,
            encodeReadElementStatusCdb({
              voltag: false,
              elementType: 0,
              startingAddress: 0,
              numberOfElements: 5,
              allocationLength: 1000,
            }),
          )
        ).status,
      ).to.equal(ScsiStatus.RESERVATION_CONFLICT);
    });

    it('lets the exempt commands through (INQUIRY, TUR, REQUEST SENSE, REPORT LUNS, PREVENT, RES with CURDATA, RELEASE)', async () => {
      expectGood(await bench.run(M, encodeInquiryCdb({ allocationLength: 96 })));
      expectGood(await bench.tur(M));
      expectGood(await bench.run(M, encodeRequestSenseCdb({ allocationLength: 18 })));
      expectGood(await bench.run(M, encodeReportLunsCdb({ allocationLength: 64 })));
      expectGood(await bench.run(M, Buffer.from([0x1e, 0, 0, 0, 0, 0])));
      expectGood(
        await bench.run(
          M,
          encodeReadElementStatusCdb({
            voltag: false,
            elementType: 0,
            startingAddress: 0,
            numberOfElements: 5,
            curdata: true,
            allocationLength: 1000,
          }),
        ),
      );
      expectGood(await bench.run(M, Buffer.from([0x17, 0, 0, 0, 0, 0])));
      expect(bench.control.status().reservation).to.equal(N);
    });

    it('lets the holder work, and ends with RELEASE, a reset or the holder leaving', async () => {
      expectGood(await bench.move(N, st(0), st(3)));
      expectGood(await bench.run(N, Buffer.from([0x17, 0, 0, 0, 0, 0])));
      expectGood(await bench.move(M, st(3), st(0)));
      expectGood(await bench.run(N, Buffer.from([0x16, 0, 0, 0, 0, 0])));
      bench.changer.nexusLost(N);
      expectGood(await bench.move(M, st(0), st(3)));
      expectGood(await bench.run(M, Buffer.from([0x16, 0, 0, 0, 0, 0])));
      bench.changer.reset('logical-unit');
      expect(bench.control.status().reservation).to.equal(null);
    });

    it('rejects third-party and element reservations with field pointers', async () => {
      expectCheck(
        await bench.run(N, Buffer.from([0x16, 0x10, 0, 0, 0, 0])),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_FIELD_IN_CDB,
        { cd: true, byte: 1, bit: 4 },
      );
      expectCheck(
        await bench.run(N, Buffer.from([0x16, 0x01, 0, 0, 0, 0])),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_FIELD_IN_CDB,
        { cd: true, byte: 1, bit: 0 },
      );
    });
  });

  describe('injected command faults', () => {
    beforeEach(() => bench.drainUnitAttentions(N));

    it('fails the next command of the given opcode once, with the given sense', async () => {
      expect(bench.control.failNextCommand({ opcode: 0xa5, key: 4, asc: 0x44, ascq: 0 }).ok).to.equal(true);
      expectGood(await bench.tur(N));
      expectCheck(await bench.move(N, st(0), st(3)), 4, Asc.INTERNAL_TARGET_FAILURE);
      expectGood(await bench.move(N, st(0), st(3)));
    });

    it('reports a deferred fault on the next command and via REQUEST SENSE', async () => {
      bench.control.failNextCommand({ key: 3, asc: 0x15, ascq: 0x01, deferred: true });
      expectGood(await bench.tur(N));
      const s = expectCheck(await bench.tur(N), 3, Asc.MECHANICAL_POSITIONING_ERROR);
      expect(s.deferred).to.equal(true);
      expectGood(await bench.tur(N));
      bench.control.failNextCommand({ key: 3, asc: 0x15, ascq: 0x01, deferred: true });
      expectGood(await bench.tur(N));
      const data = decodeSense((await bench.run(N, encodeRequestSenseCdb({ allocationLength: 18 }))).dataIn);
      expect([data.key, data.asc, data.ascq, data.deferred]).to.deep.equal([3, 0x15, 0x01, true]);
    });

    it('refuses malformed faults', () => {
      expect(bench.control.failNextCommand({ key: 16, asc: 0, ascq: 0 })).to.include({
        ok: false,
        code: 'INVALID_ARGUMENT',
      });
      expect(bench.control.failNextCommand({ key: 4, asc: 256, ascq: 0 })).to.include({
        ok: false,
        code: 'INVALID_ARGUMENT',
      });
    });
  });

  describe('descriptor-format sense', () => {
    it('answers with 72h sense once D_SENSE is set', async () => {
      await bench.drainUnitAttentions(N);
      const page = Buffer.from([0, 0, 0, 0, 0x0a, 0x0a, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expectGood(await bench.run(N, Buffer.from([0x15, 0x10, 0, 0, page.length, 0]), page));
      const r = await bench.move(N, st(3), st(4));
      expect(r.sense?.[0]).to.equal(0x72);
      expectCheck(r, SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_SOURCE_ELEMENT_EMPTY);
    });
  });
});
