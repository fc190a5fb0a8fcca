/**
 * Contract cases with two initiators: prevent state and unit attentions belong to each I_T nexus (a PREVENT on
 * one nexus holds the magazines until that nexus allows; an operator event reaches both nexuses, each once),
 * and two initiators issuing commands at the same time each get their own answers.
 * Spec: SAM-5 (I_T nexus; the unit attention condition, per I_T nexus); SMC-3 PREVENT ALLOW MEDIUM
 * REMOVAL (prevention ends when every nexus that prevented has allowed); docs/smc-reference.md 1.6 (magazine locks),
 * 1.7 (06/3B/12 MEDIUM MAGAZINE REMOVED); sim/control/changer-control.ts (pullMagazine).
 */
import { expect } from 'chai';
import { Asc, decodeElementStatus, ElementType } from '../../../../scsi/codec/index.js';
import type { ScsiResult, ScsiTransport } from '../../../../scsi/transport/scsi-transport.js';
import { Cdb, expectGood, expectUnitAttention, run, takeUnitAttentions } from './contract-commands.js';
import { SMALL_FIXTURE } from './contract-basic-cases.js';
import type { ContractContext } from './contract-harness.js';

/** Registers the two-initiator cases. */
export function registerNexusCases(context: ContractContext): void {
  it('keeps PREVENT and unit attentions per nexus: an operator event reaches both nexuses, each once', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const a = (await h.open()).transport;
    const b = (await h.open()).transport;
    await takeUnitAttentions(a);
    await takeUnitAttentions(b);
    const control = h.changer.control;
    const magazine = control.status().magazines[0]?.id ?? expect.fail('the fixture has magazines');

    expectGood(await run(a, Cdb.preventRemoval(true)), 'PREVENT from A');
    expect(control.status().prevent.holders).to.have.length(1);
    expect(control.pullMagazine(magazine)).to.include({ ok: false, code: 'PREVENTED' });
    expectGood(await run(b, Cdb.preventRemoval(false)), 'ALLOW from B (it never prevented)');
    expect(control.pullMagazine(magazine), 'still held by A').to.include({ ok: false, code: 'PREVENTED' });
    expectGood(await run(b, Cdb.testUnitReady()), 'B: a refused operator action raises no unit attention');
    expectGood(await run(a, Cdb.preventRemoval(false)), 'ALLOW from A');
    expect(control.status().prevent.holders).to.deep.equal([]);

    expect(control.pullMagazine(magazine)).to.deep.equal({ ok: true, value: null });
    for (const [name, t] of [
      ['A', a],
      ['B', b],
    ] as const) {
      expectUnitAttention(
        await run(t, Cdb.testUnitReady()),
        Asc.MEDIUM_MAGAZINE_REMOVED,
        `${name}: the magazine removal`,
      );
      expectGood(await run(t, Cdb.testUnitReady()), `${name}: reported once`);
    }
  });

  it('serves two initiators issuing commands concurrently, each getting its own answers', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const a = (await h.open()).transport;
    const b = (await h.open()).transport;
    await Promise.all([takeUnitAttentions(a), takeUnitAttentions(b)]);
    const storage = h.changer.control
      .status()
      .elements.filter((e) => e.type === 'storage')
      .map((e) => e.address);
    const first = Math.min(...storage);
    // each request asks for a different number of elements, so a crossed answer cannot go unnoticed
    const ask = (t: ScsiTransport, count: number): Promise<[number, ScsiResult]> =>
      run(t, Cdb.readElementStatus(ElementType.STORAGE, first, count, 0xffff), 0xffff).then((r) => [count, r]);
    const rounds = 8;
    const pending: Promise<[number, ScsiResult]>[] = [];
    for (let i = 1; i <= rounds; i++) {
      pending.push(ask(a, i), ask(b, rounds + i));
      pending.push(run(i % 2 ? a : b, Cdb.testUnitReady()).then((r) => [0, r]));
    }
    const answers = await Promise.all(pending);
    for (const [count, r] of answers) {
      expectGood(r, count === 0 ? 'TEST UNIT READY' : `READ ELEMENT STATUS of ${count} elements`);
      if (count === 0) {
        expect(r.dataIn.length).to.equal(0);
        continue;
      }
      const decoded = decodeElementStatus(r.dataIn);
      expect(decoded.numberOfElements, 'the answer to this request').to.equal(count);
      expect(decoded.pages.flatMap((p) => p.descriptors).map((d) => d.address)).to.deep.equal(
        [...storage].sort((x, y) => x - y).slice(0, count),
      );
    }
  });
}
