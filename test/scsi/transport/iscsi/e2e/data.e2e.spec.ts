import { expect } from 'chai';
import { decodeDataIn } from '../../../../../scsi/transport/iscsi/pdu/data-in.js';
import { encodeDataOut } from '../../../../../scsi/transport/iscsi/pdu/data-out.js';
import { pduOpcode } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';
import { decodeR2t } from '../../../../../scsi/transport/iscsi/pdu/r2t.js';
import { encodeScsiCommand } from '../../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import { decodeScsiResponse } from '../../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import { bigPattern } from '../support/fake-backend.js';
import { RawSession } from '../support/raw-session.js';
import { Cdb, TargetFixture } from '../support/target-fixture.js';

describe('iscsi end to end: data-in, data-out, residuals, sense, pipelining', function () {
  let fixture: TargetFixture;
  afterEach(async () => fixture.close());

  it('splits a 1 MiB READ ELEMENT STATUS reply into Data-In PDUs of the initiator MaxRecvDataSegmentLength (8192)', async () => {
    fixture = await TargetFixture.start();
    const raw = await RawSession.connect(fixture.port);
    try {
      expect((await raw.login({ MaxRecvDataSegmentLength: '8192' })).statusClass).to.equal(0);
      const size = 1 << 20;
      raw.send(
        encodeScsiCommand({
          immediate: false,
          final: true,
          read: true,
          write: false,
          lun: 0,
          initiatorTaskTag: 1,
          expectedDataTransferLength: size,
          cmdSN: raw.cmdSN,
          expStatSN: raw.expStatSN,
          cdb: Cdb.readElementStatus(size),
        }),
      );
      const parts: Buffer[] = [];
      for (;;) {
        const pdu = await raw.next();
        expect(pdu && pduOpcode(pdu.bhs)).to.equal(0x25);
        const d = decodeDataIn(pdu!);
        expect(d.data.length).to.be.at.most(8192);
        expect(d.dataSN).to.equal(parts.length);
        expect(d.bufferOffset).to.equal(parts.length * 8192);
        parts.push(Buffer.from(d.data));
        if (d.statusPresent) {
          expect(d).to.include({ status: 0, underflow: false, overflow: false });
          break;
        }
      }
      expect(parts).to.have.length(128);
      expect(Buffer.concat(parts).equals(bigPattern(size))).to.equal(true);
    } finally {
      raw.close();
    }
  });

  it('reassembles a large reply through the initiator at MaxRecvDataSegmentLength 8192', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect({ negotiation: { maxRecvDataSegmentLength: 8192 } });
    expect(fixture.target.sessions()[0]?.parameters.peerMaxRecvDataSegmentLength).to.equal(8192);
    const result = await initiator.execute({ lun: 0, cdb: Cdb.readElementStatus(1 << 20), allocationLength: 1 << 20 });
    expect(result.status).to.equal(0);
    expect(result.dataIn.equals(bigPattern(1 << 20))).to.equal(true);
    expect(result.residualOverflow).to.equal(undefined);
  });

  it('returns less than asked without error when the target has less (residual underflow)', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    const result = await initiator.execute({ lun: 0, cdb: Cdb.inquiry(255), allocationLength: 255 });
    expect(result.status).to.equal(0);
    expect(result.dataIn).to.have.length(96);
  });

  it('cuts data at allocationLength and reports the residual overflow', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    const result = await initiator.execute({ lun: 0, cdb: Cdb.readElementStatus(4096), allocationLength: 100 });
    expect(result.dataIn).to.deep.equal(bigPattern(100));
    expect(result.residualOverflow).to.equal(3996);
  });

  it('returns CHECK CONDITION with its sense data as a result, not an exception', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    const result = await initiator.execute({ lun: 0, cdb: Buffer.from([0xee, 0, 0, 0, 0, 0]), allocationLength: 0 });
    expect(result.status).to.equal(2);
    expect([result.senseData?.[2], result.senseData?.[12], result.senseData?.[13]]).to.deep.equal([5, 0x20, 0]);
    const vpd = await initiator.execute({ lun: 0, cdb: Cdb.inquiry(64, true, 0xb1), allocationLength: 64 });
    expect([vpd.status, vpd.senseData?.[12]]).to.deep.equal([2, 0x24]);
  });

  const writeCases: [string, Record<string, unknown>, number][] = [
    ['ImmediateData=No (all data by R2T)', { immediateData: false }, 12],
    ['InitialR2T=Yes (immediate data, rest by R2T)', { initialR2T: true, firstBurstLength: 1024 }, 5000],
    [
      'unsolicited Data-Out then R2T (InitialR2T=No, FirstBurstLength 4096)',
      { initialR2T: false, firstBurstLength: 4096, maxRecvDataSegmentLength: 1024 },
      20000,
    ],
    [
      'several R2T bursts (MaxBurstLength 8192, ImmediateData=No)',
      { immediateData: false, maxBurstLength: 8192 },
      60000,
    ],
  ];
  for (const [name, negotiation, length] of writeCases) {
    it(`delivers MODE SELECT parameter data with ${name}`, async () => {
      fixture = await TargetFixture.start({ negotiation: { maxRecvDataSegmentLength: 2048 } });
      const initiator = await fixture.connect({ negotiation });
      const data = bigPattern(length);
      const cdb = length <= 255 ? Cdb.modeSelect6(length) : Cdb.modeSelect10(length);
      const result = await initiator.execute({ lun: 0, cdb, dataOut: data, allocationLength: 0 });
      expect(result.status).to.equal(0);
      expect(fixture.backend.calls.at(-1)?.dataOut?.equals(data)).to.equal(true);
    });
  }

  it('solicits write data with R2T and takes Data-Out PDUs in response', async () => {
    fixture = await TargetFixture.start({ negotiation: { maxBurstLength: 4096 } });
    const raw = await RawSession.connect(fixture.port);
    try {
      await raw.login({ ImmediateData: 'No', InitialR2T: 'Yes', MaxBurstLength: '4096' });
      const data = bigPattern(10000);
      raw.send(
        encodeScsiCommand({
          immediate: false,
          final: true,
          read: false,
          write: true,
          lun: 0,
          initiatorTaskTag: 5,
          expectedDataTransferLength: data.length,
          cmdSN: raw.cmdSN,
          expStatSN: raw.expStatSN,
          cdb: Cdb.modeSelect10(data.length),
        }),
      );
      const r2ts: [number, number, number][] = [];
      for (;;) {
        const pdu = await raw.next();
        if (pdu === undefined) expect.fail('connection closed');
        if (pduOpcode(pdu.bhs) === 0x21) {
          expect(decodeScsiResponse(pdu).status).to.equal(0);
          break;
        }
        const r2t = decodeR2t(pdu);
        r2ts.push([r2t.r2tSN, r2t.bufferOffset, r2t.desiredDataTransferLength]);
        raw.send(
          encodeDataOut({
            final: true,
            lunField: Buffer.alloc(8),
            initiatorTaskTag: 5,
            targetTransferTag: r2t.targetTransferTag,
            expStatSN: raw.expStatSN,
            dataSN: 0,
            bufferOffset: r2t.bufferOffset,
            data: data.subarray(r2t.bufferOffset, r2t.bufferOffset + r2t.desiredDataTransferLength),
          }),
        );
      }
      expect(r2ts).to.deep.equal([
        [0, 0, 4096],
        [1, 4096, 4096],
        [2, 8192, 1808],
      ]);
      expect(fixture.backend.calls.at(-1)?.dataOut?.equals(data)).to.equal(true);
    } finally {
      raw.close();
    }
  });

  it('keeps many commands in flight, within a small command window', async () => {
    fixture = await TargetFixture.start({ commandWindow: 4 });
    const initiator = await fixture.connect();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? initiator.execute({ lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 })
          : initiator.execute({ lun: 0, cdb: Cdb.readElementStatus(1000 + i), allocationLength: 1000 + i }),
      ),
    );
    results.forEach((r, i) => {
      expect(r.status).to.equal(0);
      expect(r.dataIn.length).to.equal(i % 2 === 0 ? 0 : 1000 + i);
    });
  });
});
