import { expect } from 'chai';
import { SILENT_LOGGER } from '../../../../../common/logger.js';
import { LunGateway } from '../../../../../scsi/transport/iscsi/target/lun-gateway.js';
import type { BackendResult, ScsiTargetBackend } from '../../../../../scsi/transport/scsi-target-backend.js';
import { FakeBackend } from '../support/fake-backend.js';

const senseOf = (r: BackendResult) => [r.sense?.[2], r.sense?.[12], r.sense?.[13]];

/** A backend answering every CDB with a recognisable result, recording what it got. */
class EchoBackend implements ScsiTargetBackend {
  readonly seen: { lun: number; cdb: string }[] = [];
  luns = () => [2];
  execute(_nexus: string, lun: number, cdb: Uint8Array): Promise<BackendResult> {
    this.seen.push({ lun, cdb: Buffer.from(cdb).toString('hex') });
    return Promise.resolve({
      status: 2,
      sense: Buffer.from([0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0, 0, 0xc0, 0, 2]),
      dataIn: Buffer.alloc(0),
    });
  }
  taskManagement = () => undefined;
  nexusLost = () => undefined;
}

describe('iscsi/target LUN gateway (SAM-5 5.1, SPC-4 6.33)', () => {
  it('hands REPORT LUNS (bad SELECT REPORT, NACA set), absent LUNs and everything else to the backend unchanged (issue 16 defect 1)', async () => {
    const backend = new EchoBackend();
    const gateway = new LunGateway(backend, SILENT_LOGGER);
    const cdbs = ['a000ff000000000001000000', 'a00000000000000001000004', '120000002400', '000000000000'];
    for (const lun of [0, 2, 7]) {
      for (const hex of cdbs) {
        const r = await gateway.execute('n', lun, Buffer.from(hex, 'hex'), undefined);
        expect(r.sense?.toString('hex')).to.equal('700005000000000a00000000240000c00002');
      }
    }
    expect(backend.seen).to.have.length(12);
    expect(backend.seen.map((s) => s.cdb)).to.deep.equal([...cdbs, ...cdbs, ...cdbs]);
    expect(backend.seen.map((s) => s.lun)).to.deep.equal([0, 0, 0, 0, 2, 2, 2, 2, 7, 7, 7, 7]);
  });

  it('knows which LUNs have a logical unit (for task management)', () => {
    const gateway = new LunGateway(new FakeBackend([0, 3]), SILENT_LOGGER);
    expect([0, 1, 3].map((l) => gateway.hasLun(l))).to.deep.equal([true, false, true]);
  });

  it('turns a backend exception into HARDWARE ERROR, INTERNAL TARGET FAILURE', async () => {
    const broken: ScsiTargetBackend = {
      luns: () => [0],
      execute: () => Promise.reject(new Error('simulator bug')),
      taskManagement: () => undefined,
      nexusLost: () => undefined,
    };
    expect(
      senseOf(await new LunGateway(broken, SILENT_LOGGER).execute('n', 0, Buffer.alloc(6), undefined)),
    ).to.deep.equal([4, 0x44, 0]);
  });
});
