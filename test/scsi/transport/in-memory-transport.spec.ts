import { expect } from 'chai';
import { InMemoryTransport } from '../../../scsi/transport/in-memory-transport.js';
import type {
  BackendResult,
  ScsiTargetBackend,
  TaskManagementFunction,
} from '../../../scsi/transport/scsi-target-backend.js';
import { TransportError } from '../../../scsi/transport/scsi-transport.js';

class RecordingBackend implements ScsiTargetBackend {
  readonly calls: { nexus: string; lun: number; cdb: number[] }[] = [];
  readonly lost: string[] = [];
  hold: Promise<void> | undefined;
  async execute(nexus: string, lun: number, cdb: Uint8Array): Promise<BackendResult> {
    this.calls.push({ nexus, lun, cdb: [...cdb] });
    if (this.hold) await this.hold;
    return { status: 0, dataIn: Buffer.alloc(64, 0xab) };
  }
  luns(): number[] {
    return [0];
  }
  taskManagement(_n: string, _f: TaskManagementFunction): void {}
  nexusLost(nexus: string): void {
    this.lost.push(nexus);
  }
}

async function rejection(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    return e as TransportError;
  }
  throw new Error('expected a rejection');
}

describe('InMemoryTransport', () => {
  it('passes the nexus and LUN to the backend and cuts data-in to the allocation length', async () => {
    const backend = new RecordingBackend();
    const t = new InMemoryTransport(backend, { nexus: 'host-a' });
    const r = await t.execute({ lun: 0, cdb: Uint8Array.of(0x12, 0, 0, 0, 36, 0), allocationLength: 36 });
    expect(r.dataIn.length).to.equal(36);
    expect(r.residualOverflow).to.equal(28);
    expect(backend.calls[0]).to.deep.equal({ nexus: 'host-a', lun: 0, cdb: [0x12, 0, 0, 0, 36, 0] });
  });

  it('rejects pending and later commands with ECONNRESET after a disconnect, and tells the target', async () => {
    const backend = new RecordingBackend();
    let release!: () => void;
    backend.hold = new Promise((r) => (release = r));
    const t = new InMemoryTransport(backend, { nexus: 'host-b' });
    const pending = t.execute({ lun: 0, cdb: new Uint8Array(6), allocationLength: 0 });
    t.disconnect();
    const err = await rejection(pending);
    expect(err).to.be.instanceOf(TransportError);
    expect(err.code).to.equal('ECONNRESET');
    expect((await rejection(t.execute({ lun: 0, cdb: new Uint8Array(6), allocationLength: 0 }))).code).to.equal(
      'ECONNRESET',
    );
    expect(backend.lost).to.deep.equal(['host-b']);
    release();
  });

  it('rejects with ECLOSED after close()', async () => {
    const backend = new RecordingBackend();
    const t = new InMemoryTransport(backend, { nexus: 'host-c' });
    await t.close();
    expect((await rejection(t.execute({ lun: 0, cdb: new Uint8Array(6), allocationLength: 0 }))).code).to.equal(
      'ECLOSED',
    );
    expect(backend.lost).to.deep.equal(['host-c']);
  });
});
