/**
 * Contract cases on one nexus: INQUIRY of a changer and TEST UNIT READY, the power-on unit attention of a new
 * nexus, CHECK CONDITION with autosense for a bad CDB field and an invalid element address, allocation length
 * truncation (whole descriptors, header counts unchanged, residual overflow where the transport reports it), and
 * execute() after close().
 * Spec: SPC-4 6.6.2 (standard INQUIRY data: peripheral device type 08h), 6.47 TEST UNIT READY, 4.2.5.6
 * (allocation length), 4.5.2.4 (field pointer); SAM-5 (unit attention on a new I_T nexus: 29/00);
 * SMC-3 6.10 (READ ELEMENT STATUS: 21/01 for an address of no element of the type); RFC 7143 11.4.5.1
 * (residual overflow); docs/iscsi.md 7.5; scsi/transport/scsi-transport.ts (ECLOSED after close()).
 * In our words: docs/scsi-model.md 8, 10, 6, 7.2 and 4; docs/smc-reference.md 1.3.
 */
import { expect } from 'chai';
import {
  Asc,
  decodeElementStatus,
  decodeStandardInquiry,
  ElementType,
  SenseKey,
} from '../../../../scsi/codec/index.js';
import {
  Cdb,
  expectCheck,
  expectGood,
  expectTransportError,
  expectUnitAttention,
  MAX_ELEMENT_STATUS_ALLOCATION,
  run,
  takeUnitAttentions,
} from './contract-commands.js';
import type { ContractContext } from './contract-harness.js';

/** The small library of the quick cases. */
export const SMALL_FIXTURE = 'ibm-ts3100';

/** Registers the single-nexus cases. */
export function registerBasicCases(context: ContractContext): void {
  it('answers INQUIRY as a medium changer (device type 08h) and TEST UNIT READY with GOOD', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const { transport } = await h.open();
    const inquiry = await run(transport, Cdb.inquiry(96), 96);
    expectGood(inquiry, 'INQUIRY (exempt from unit attentions)');
    const data = decodeStandardInquiry(inquiry.dataIn);
    expect([data.peripheralQualifier, data.deviceType]).to.deep.equal([0, 0x08]);
    expect(data.vendor.trim()).to.equal(h.changer.personality.inquiry.vendor.trim());
    expect(data.product.trim()).to.equal(h.changer.personality.inquiry.product.trim());
    await takeUnitAttentions(transport);
    expectGood(await run(transport, Cdb.testUnitReady()), 'TEST UNIT READY');
    expect(transport.description).to.be.a('string').and.not.equal('');
  });

  it('reports UNIT ATTENTION 29/00 on the first command of each new nexus, and not on the second', async () => {
    const h = await context.start(SMALL_FIXTURE);
    for (const which of ['first', 'second']) {
      const { transport } = await h.open();
      expectUnitAttention(
        await run(transport, Cdb.testUnitReady()),
        Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED,
        `${which} nexus, first command`,
      );
      expectGood(await run(transport, Cdb.testUnitReady()), `${which} nexus, second command`);
    }
  });

  it('returns CHECK CONDITION ILLEGAL REQUEST 24/00 with a field pointer for a bad CDB field', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const { transport } = await h.open();
    await takeUnitAttentions(transport);
    const r = await run(transport, Cdb.inquiryWithPageCodeButNoEvpd(), 36);
    expectCheck(r, SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, 'INQUIRY with a page code but no EVPD', {
      cd: true,
      byte: 2,
    });
    expectGood(await run(transport, Cdb.testUnitReady()), 'the next command after a CHECK CONDITION');
  });

  it('returns CHECK CONDITION ILLEGAL REQUEST 21/01 for an invalid element address', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const { transport } = await h.open();
    await takeUnitAttentions(transport);
    const beyond = Math.max(...h.changer.control.status().elements.map((e) => e.address)) + 1;
    const r = await run(transport, Cdb.readElementStatus(ElementType.STORAGE, beyond, 1, 1024), 1024);
    expectCheck(
      r,
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      `READ ELEMENT STATUS of storage from ${beyond}`,
      { cd: true, byte: 2 },
    );
  });

  it('truncates READ ELEMENT STATUS to whole descriptors at a short allocation length, header counts unchanged', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const { transport } = await h.open();
    await takeUnitAttentions(transport);
    const all = Cdb.readElementStatus(ElementType.STORAGE, 0, 0xffff, MAX_ELEMENT_STATUS_ALLOCATION);
    const full = await run(transport, all, MAX_ELEMENT_STATUS_ALLOCATION);
    expectGood(full, 'READ ELEMENT STATUS of every storage element');
    const whole = decodeElementStatus(full.dataIn);
    const page = whole.pages[0];
    if (page === undefined) return expect.fail('no storage page');
    expect(page.descriptors.length).to.be.at.least(3);
    // room for the headers, two descriptors and half of the third
    const short = 8 + 8 + 2 * page.descriptorLength + Math.floor(page.descriptorLength / 2);
    const cut = await run(transport, Cdb.readElementStatus(ElementType.STORAGE, 0, 0xffff, short), short);
    expectGood(cut, 'READ ELEMENT STATUS at a short allocation length');
    expect(cut.dataIn.length, 'whole descriptors only').to.equal(8 + 8 + 2 * page.descriptorLength);
    expect(cut.residualOverflow ?? 0, 'the target sent less than allowed: no overflow').to.equal(0);
    const partial = decodeElementStatus(cut.dataIn);
    expect(partial.truncated).to.equal(true);
    expect([partial.numberOfElements, partial.byteCountAvailable, partial.pages[0]?.byteCount]).to.deep.equal([
      whole.numberOfElements,
      whole.byteCountAvailable,
      page.byteCount,
    ]);
    expect(partial.pages[0]?.descriptors).to.deep.equal(page.descriptors.slice(0, 2));
    expect(cut.dataIn.equals(full.dataIn.subarray(0, cut.dataIn.length))).to.equal(true);
  });

  it('cuts data-in at the transport allocation length and reports the residual overflow when it can', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const { transport } = await h.open();
    const full = await run(transport, Cdb.inquiry(96), 96);
    expectGood(full, 'INQUIRY');
    const cut = await run(transport, Cdb.inquiry(96), 8);
    expectGood(cut, 'INQUIRY into 8 bytes');
    expect(cut.dataIn.equals(full.dataIn.subarray(0, 8)), 'the first 8 bytes').to.equal(true);
    if (h.traits.reportsResidualOverflow) expect(cut.residualOverflow).to.equal(full.dataIn.length - 8);
    else expect(cut.residualOverflow ?? full.dataIn.length - 8).to.equal(full.dataIn.length - 8);
    const none = await run(transport, Cdb.inquiry(96), 0);
    expectGood(none, 'INQUIRY into 0 bytes');
    expect(none.dataIn.length).to.equal(0);
  });

  it('rejects every execute() after close() with ECLOSED', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const { transport } = await h.open();
    await takeUnitAttentions(transport);
    await transport.close();
    await expectTransportError(run(transport, Cdb.testUnitReady()), ['ECLOSED'], 'TEST UNIT READY after close()');
    await transport.close(); // idempotent
  });
}
