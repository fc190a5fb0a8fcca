/**
 * Contract case for a large data-in transfer: READ ELEMENT STATUS of every element of the 20,000-slot library
 * with VOLTAG (about 1 MB in one command) arrives whole and decodes to every element, byte for byte what the
 * simulator answers in-process.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS (element type code 0: all types; 24-bit allocation length),
 * docs/smc-reference.md 1.2, 1.3; fixtures/libraries/large-library-20k.json; RFC 7143 11.7 (Data-In sequences),
 * docs/iscsi.md 7.5; docs/serial-framing.md 5 (fragmentation).
 */
import { expect } from 'chai';
import { decodeElementStatus, ScsiStatus, SenseKey, decodeSense } from '../../../../scsi/codec/index.js';
import type { BackendResult } from '../../../../scsi/transport/scsi-target-backend.js';
import type { SimulatedTarget } from '../../../../sim/changer/simulated-target.js';
import { Cdb, expectGood, LUN, MAX_ELEMENT_STATUS_ALLOCATION, run, takeUnitAttentions } from './contract-commands.js';
import type { ContractContext } from './contract-harness.js';

/** The fixture of the one large case. */
export const LARGE_FIXTURE = 'large-library-20k';

/** What the simulator answers in-process to `cdb` on a nexus of its own (unit attentions taken first). */
async function answerInProcess(target: SimulatedTarget, cdb: Buffer): Promise<BackendResult> {
  for (let i = 0; i < 8; i++) {
    const r = await target.execute('contract-reference', LUN, cdb);
    if (
      r.status !== ScsiStatus.CHECK_CONDITION ||
      r.sense === undefined ||
      decodeSense(r.sense).key !== SenseKey.UNIT_ATTENTION
    )
      return r;
  }
  throw new Error('the reference nexus saw more than eight unit attentions');
}

/** Registers the large transfer case. */
export function registerLargeTransferCases(context: ContractContext): void {
  it('carries READ ELEMENT STATUS of all elements of large-library-20k with VOLTAG (about 1 MB) whole', async () => {
    const h = await context.start(LARGE_FIXTURE);
    const { transport } = await h.open();
    await takeUnitAttentions(transport);
    const cdb = Cdb.readElementStatus(0, 0, 0xffff, MAX_ELEMENT_STATUS_ALLOCATION);
    const r = await run(transport, cdb, MAX_ELEMENT_STATUS_ALLOCATION);
    expectGood(r, 'READ ELEMENT STATUS of every element');
    expect(r.dataIn.length, 'about a megabyte').to.be.within(1_000_000, 2_000_000);
    expect(r.residualOverflow ?? 0).to.equal(0);

    const decoded = decodeElementStatus(r.dataIn);
    expect(decoded.truncated).to.equal(false);
    const descriptors = decoded.pages.flatMap((p) => p.descriptors);
    const elements = h.changer.control.status().elements;
    expect(descriptors.length, 'one descriptor per element').to.equal(elements.length);
    expect(decoded.numberOfElements).to.equal(elements.length);
    expect(descriptors.map((d) => d.address)).to.deep.equal(elements.map((e) => e.address).sort((a, b) => a - b));
    const tagged = new Map(
      elements.filter((e) => e.cartridge !== null).map((e) => [e.address, e.cartridge?.volumeTag]),
    );
    const reported = new Map(descriptors.filter((d) => d.full).map((d) => [d.address, d.primaryVolumeTag?.id.trim()]));
    expect(reported.size, 'full elements').to.equal(tagged.size);
    expect(reported).to.deep.equal(tagged);

    const reference = await answerInProcess(h.target, cdb);
    expect(r.dataIn.equals(reference.dataIn), 'byte for byte what the simulator answers in-process').to.equal(true);
  });
}
