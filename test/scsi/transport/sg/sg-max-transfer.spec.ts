/**
 * The data-in buffer of an SG_IO never exceeds the node's largest transfer (SgDriver.maxTransferLength): found
 * through a real kernel (test/kernel/sg-guest.spec.ts), where READ ELEMENT STATUS with the 24-bit maximum
 * allocation length (16 MB) failed with ENOMEM, because sg builds its buffer from SG_GET_SG_TABLESIZE elements of
 * scatter_elem_sz bytes (254 x 32 KB under QEMU's virtio-scsi). Over the fake kernel, no kernel needed.
 * Spec: Linux drivers/scsi/sg.c (sg_build_indirect: ENOMEM when the elements run out; SG_GET_SG_TABLESIZE,
 * BLKSECTGET); scsi/transport/sg/sg-transport.ts.
 */
import { expect } from 'chai';
import { decodeElementStatus, ElementType, encodeReadElementStatusCdb, ScsiStatus } from '../../../../scsi/codec/index.js';
import { openSgTransport } from '../../../../scsi/transport/sg/index.js';
import { FakeSgKernel } from '../../../support/fake-sg-kernel.js';
import { createSimulatedBackend } from '../contract/contract-harness.js';
import { takeUnitAttentions } from '../contract/contract-commands.js';

/** A fake kernel whose nodes move at most `limit` bytes per command. */
class LimitedKernel extends FakeSgKernel {
  limit: number | undefined = 8192;
  maxTransferLength(): number | undefined {
    return this.limit;
  }
}

const readAll = encodeReadElementStatusCdb({ elementType: ElementType.ALL, startingAddress: 0, numberOfElements: 0xffff, voltag: true, allocationLength: 0xffffff });

describe('sg: data-in buffers capped at the node largest transfer', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('carries an allocation length beyond the limit as a buffer of the limit, and the answer whole when it fits', async () => {
    const { changer, target } = createSimulatedBackend('ibm-ts3100');
    closers.push(() => changer.close());
    const kernel = new LimitedKernel();
    kernel.addSgNode('/dev/sg1', target);
    const transport = await openSgTransport('sg:/dev/sg1', { driver: kernel });
    closers.push(() => transport.close());
    await takeUnitAttentions(transport);
    const r = await transport.execute({ lun: 0, cdb: readAll, allocationLength: 0xffffff });
    expect(r.status).to.equal(ScsiStatus.GOOD);
    expect(kernel.seen.at(-1)?.dxferLen, 'dxfer_len handed to the kernel').to.equal(8192);
    const decoded = decodeElementStatus(r.dataIn);
    expect(decoded.truncated).to.equal(false);
    expect(decoded.numberOfElements).to.equal(changer.control.status().elements.length);
  });

  it('truncates at the limit an answer larger than it, and leaves the buffer alone when the limit is unknown', async () => {
    const { changer, target } = createSimulatedBackend('ibm-ts3100');
    closers.push(() => changer.close());
    const kernel = new LimitedKernel();
    kernel.limit = 512;
    kernel.addSgNode('/dev/sg1', target);
    const small = await openSgTransport('sg:/dev/sg1', { driver: kernel });
    closers.push(() => small.close());
    await takeUnitAttentions(small);
    const r = await small.execute({ lun: 0, cdb: readAll, allocationLength: 0xffffff });
    expect(r.status).to.equal(ScsiStatus.GOOD);
    expect(r.dataIn.length).to.be.at.most(512);
    expect(decodeElementStatus(r.dataIn).truncated).to.equal(true);

    kernel.limit = undefined;
    const unlimited = await openSgTransport('sg:/dev/sg1', { driver: kernel });
    closers.push(() => unlimited.close());
    await unlimited.execute({ lun: 0, cdb: readAll, allocationLength: 0xffffff });
    expect(kernel.seen.at(-1)?.dxferLen).to.equal(0xffffff);
  });
});
