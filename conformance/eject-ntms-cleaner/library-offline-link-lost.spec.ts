/**
 * EjectNtmsCleaner(START) after the changer link was lost (the cable pulled): ERROR_LIBRARY_OFFLINE; the model
 * finds the link gone at its idle TEST UNIT READY poll (within one poll interval), takes the library offline, and
 * the call stops at the online step, before the port-or-door step (so a library with neither, the SuperLoader 3,
 * answers 4305 too), queueing nothing.
 * Spec: docs/rsm-semantics.md 3.6 (MS-RSMP rule 4), 7.5 (a library disconnected from the server is offline), D12,
 * D5/D8 (the poll interval), D3 (online before port-or-door); docs/rsm-model.md "The changer link" (idle link check).
 */
import { NtmsEjectOperation } from '../../rsm/index.js';
import { arrangeReady, failsWithoutEffect } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.LibraryOfflineLinkLost',
  title: 'START after the link to the changer was lost',
  returns: 'ERROR_LIBRARY_OFFLINE',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D12', 'D3', 'D5', 'D8'],
  needs: [Capability.EMPTY_SLOT, Capability.LINK_DROP],
  hostOnly: false,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await arrangeReady(t, h);
    let cutAt = 0;
    let from = 0;
    await t.arrange("cut the RSM model's link to the changer", () => {
      const drop = t.session.dropLink;
      if (!drop) throw new Error('this target cannot cut the link');
      cutAt = t.time.now();
      from = t.session.trace.entries('rsm').length;
      drop();
    });
    await t.arrange('the model learns of the lost link at its idle TEST UNIT READY poll, within one poll interval', async () => {
      const every = t.rsm.service.policies.pollIntervalMs;
      // On a real clock the suite's own probing (and, at a --time-scale, timer jitter times the scale) would be
      // measured too: the wait is longer there and the moment comes from the trace, not from when the wait noticed.
      await t.time.waitFor('the library to go offline', () => !t.rsm.library().online, every * (t.time.virtual ? 2 : 10));
      // A command already under way when the cut began (a wire link closes asynchronously) may still answer.
      const after = t.session.trace.entries('rsm').slice(from);
      const first = after.find((e) => e.fault !== undefined);
      const shown = after.map((e) => `${e.command} (${e.fault ?? e.status ?? '?'})`).join(', ') || 'none';
      t.check.that(first !== undefined && first.cdb.replace(/\s/g, '').startsWith('00'), `the RSM nexus's commands after the cut: ${shown}; expected the idle poll's TEST UNIT READY to be the first to meet the lost link`);
      const learnedAt = first?.at ?? t.time.now();
      if (t.time.virtual) {
        t.check.that(learnedAt - cutAt <= every, `the poll that met the lost link ran ${learnedAt - cutAt} ms after the cut; the poll interval is ${every} ms`);
      } else {
        await t.note(`the poll that met the lost link ran ${Math.round(learnedAt - cutAt)} ms of clock time after the cut (poll interval ${every} ms; on a real clock the interval is bounded only by the wait)`);
      }
    });
    const before = await t.arrange('take a snapshot of the library and the RSM database', () => t.observe.snapshot());
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_LIBRARY_OFFLINE',
      // The idle poll took the library offline before the call (the snapshot above was taken after it), so the
      // online step decides and the call itself changes nothing.
      decidedBy: 'online',
      before,
      call: (op) => t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
    });
    await t.expect('the library is offline because its link was lost', () => {
      const lib = t.rsm.library();
      t.check.that(!lib.online && lib.offlineReason === 'link-lost', `the library is ${lib.online ? 'online' : `offline (${lib.offlineReason})`}; expected offline (link-lost)`);
    });
  },
});
