import { expect } from 'chai';
import { decodeDataIn } from '../../../../../scsi/transport/iscsi/pdu/data-in.js';
import { pduOpcode, type Pdu } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';
import { decodeScsiResponse } from '../../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import {
  buildCommandResponse,
  type ResponseContext,
} from '../../../../../scsi/transport/iscsi/target/command-response.js';

function context(segmentLength: number, maxBurstLength = 1 << 20): ResponseContext & { statSNs: number[] } {
  let sn = 100;
  const statSNs: number[] = [];
  return {
    statSNs,
    nextStatSN: () => {
      statSNs.push(sn);
      return sn++;
    },
    expCmdSN: 7,
    maxCmdSN: 38,
    segmentLength,
    maxBurstLength,
  };
}

const data = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff));
const dataIns = (pdus: Pdu[]) => pdus.filter((p) => pduOpcode(p.bhs) === 0x25).map(decodeDataIn);

describe('iscsi/target command response (RFC 7143 11.7, 11.4)', () => {
  it('splits read data at MaxRecvDataSegmentLength and collapses GOOD status into the last Data-In', () => {
    const ctx = context(8192);
    const pdus = buildCommandResponse(
      { initiatorTaskTag: 9, expectedLength: 20000, read: true },
      { status: 0, dataIn: data(20000) },
      ctx,
    );
    const ins = dataIns(pdus);
    expect(pdus).to.have.length(3);
    expect(ins.map((d) => [d.bufferOffset, d.data.length, d.dataSN])).to.deep.equal([
      [0, 8192, 0],
      [8192, 8192, 1],
      [16384, 3616, 2],
    ]);
    expect(ins.map((d) => d.statusPresent)).to.deep.equal([false, false, true]);
    expect(ins[2]).to.include({ final: true, status: 0, statSN: 100, underflow: false, overflow: false });
    expect(Buffer.concat(ins.map((d) => d.data))).to.deep.equal(data(20000));
    expect(ctx.statSNs).to.deep.equal([100]);
  });

  it('ends each MaxBurstLength sequence with the F bit', () => {
    const ins = dataIns(
      buildCommandResponse(
        { initiatorTaskTag: 1, expectedLength: 6000, read: true },
        { status: 0, dataIn: data(6000) },
        context(1000, 2048),
      ),
    );
    expect(ins.map((d) => d.data.length)).to.deep.equal([1000, 1000, 48, 1000, 1000, 48, 1000, 904]);
    expect(ins.map((d) => d.final)).to.deep.equal([false, false, true, false, false, true, false, true]);
  });

  it('reports underflow with the residual when the target has less than expected', () => {
    const ins = dataIns(
      buildCommandResponse(
        { initiatorTaskTag: 2, expectedLength: 255, read: true },
        { status: 0, dataIn: data(96) },
        context(8192),
      ),
    );
    expect(ins).to.have.length(1);
    expect(ins[0]).to.include({ statusPresent: true, underflow: true, overflow: false, residualCount: 159 });
  });

  it('sends only the expected length and reports overflow when the target has more', () => {
    const ins = dataIns(
      buildCommandResponse(
        { initiatorTaskTag: 3, expectedLength: 100, read: true },
        { status: 0, dataIn: data(4096) },
        context(8192),
      ),
    );
    expect(ins[0]?.data.length).to.equal(100);
    expect(ins[0]).to.include({ overflow: true, residualCount: 3996 });
  });

  it('sends CHECK CONDITION with sense in a SCSI Response, after any data, with ExpDataSN', () => {
    const sense = Buffer.from('700005000000000a00000000240000000000', 'hex');
    const pdus = buildCommandResponse(
      { initiatorTaskTag: 4, expectedLength: 64, read: true },
      { status: 2, sense, dataIn: data(16) },
      context(8192),
    );
    expect(pdus.map((p) => pduOpcode(p.bhs))).to.deep.equal([0x25, 0x21]);
    expect(dataIns(pdus)[0]?.statusPresent).to.equal(false);
    const response = decodeScsiResponse(pdus[1]!);
    expect(response).to.include({ status: 2, expDataSN: 1, underflow: true, residualCount: 48, statSN: 100 });
    expect(response.senseData).to.deep.equal(sense);
  });

  it('answers a command without data with a single SCSI Response', () => {
    const pdus = buildCommandResponse(
      { initiatorTaskTag: 5, expectedLength: 0, read: false },
      { status: 0, dataIn: Buffer.alloc(0) },
      context(8192),
    );
    expect(pdus).to.have.length(1);
    expect(decodeScsiResponse(pdus[0]!)).to.include({ status: 0, underflow: false, residualCount: 0, expDataSN: 0 });
  });
});
