import { expect } from 'chai';
import { SILENT_LOGGER } from '../../../../../scsi/transport/iscsi/logger.js';
import { LunGateway, reportLunsData } from '../../../../../scsi/transport/iscsi/target/lun-gateway.js';
import type { BackendResult, ScsiTargetBackend } from '../../../../../scsi/transport/scsi-target-backend.js';
import { FakeBackend } from '../support/fake-backend.js';

const reportLuns = (alloc: number, select = 0) => Buffer.from([0xa0, 0, select, 0, 0, 0, (alloc >> 24) & 0xff, (alloc >> 16) & 0xff, (alloc >> 8) & 0xff, alloc & 0xff, 0, 0]);
const senseOf = (r: BackendResult) => [r.sense?.[2], r.sense?.[12], r.sense?.[13]];

describe('iscsi/target LUN gateway (SPC-4 6.33, 6.6.2)', () => {
  it('answers REPORT LUNS from the backend for any LUN, the changer at a configured LUN', async () => {
    const gateway = new LunGateway(new FakeBackend([2]), SILENT_LOGGER);
    for (const lun of [0, 2, 7]) {
      const r = await gateway.execute('n', lun, reportLuns(256), undefined);
      expect(r.status).to.equal(0);
      expect(r.dataIn.toString('hex')).to.equal('00000008' + '00000000' + '0002000000000000');
    }
  });

  it('cuts REPORT LUNS data to the allocation length and lists nothing for well-known-only', async () => {
    const gateway = new LunGateway(new FakeBackend([0, 1, 300]), SILENT_LOGGER);
    expect((await gateway.execute('n', 0, reportLuns(12), undefined)).dataIn.toString('hex')).to.equal('000000180000000000000000');
    expect((await gateway.execute('n', 0, reportLuns(64, 1), undefined)).dataIn.toString('hex')).to.equal('0000000000000000');
    expect(senseOf(await gateway.execute('n', 0, reportLuns(64, 9), undefined))).to.deep.equal([5, 0x24, 0]);
    expect(reportLunsData([300, 0], 100).subarray(8).toString('hex')).to.equal('0000000000000000412c000000000000');
  });

  it('answers INQUIRY for an absent LUN with peripheral qualifier 011b and device type 1Fh', async () => {
    const r = await new LunGateway(new FakeBackend([1]), SILENT_LOGGER).execute('n', 0, Buffer.from([0x12, 0, 0, 0, 36, 0]), undefined);
    expect(r.status).to.equal(0);
    expect(r.dataIn[0]).to.equal(0x7f);
    expect(r.dataIn).to.have.length(36);
  });

  it('reports LOGICAL UNIT NOT SUPPORTED for other commands to an absent LUN, in REQUEST SENSE data too', async () => {
    const gateway = new LunGateway(new FakeBackend([1]), SILENT_LOGGER);
    expect(senseOf(await gateway.execute('n', 0, Buffer.alloc(6), undefined))).to.deep.equal([5, 0x25, 0]);
    const rs = await gateway.execute('n', 0, Buffer.from([0x03, 0, 0, 0, 18, 0]), undefined);
    expect([rs.status, rs.dataIn[2], rs.dataIn[12]]).to.deep.equal([0, 5, 0x25]);
  });

  it('turns a backend exception into HARDWARE ERROR, INTERNAL TARGET FAILURE', async () => {
    const broken: ScsiTargetBackend = {
      luns: () => [0],
      execute: () => Promise.reject(new Error('simulator bug')),
      taskManagement: () => undefined,
      nexusLost: () => undefined,
    };
    expect(senseOf(await new LunGateway(broken, SILENT_LOGGER).execute('n', 0, Buffer.alloc(6), undefined))).to.deep.equal([4, 0x44, 0]);
  });
});
