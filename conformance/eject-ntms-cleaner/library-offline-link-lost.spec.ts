/**
 * EjectNtmsCleaner(START) after the changer link was lost (the cable pulled): ERROR_LIBRARY_OFFLINE; the model
 * finds the link gone at its idle TEST UNIT READY poll (within one poll interval), takes the library offline, and
 * the call stops at the online step, before the port-or-door step (so a library with neither, the SuperLoader 3,
 * answers 4305 too), queueing nothing.
 * Spec: docs/rsm-semantics.md 3.6 (MS-RSMP rule 4), 7.5 (a library disconnected from the server is offline), D12,
 * D5/D8 (the poll interval), D3 (online before port-or-door); docs/rsm-model.md "The changer link" (idle link check).
 */
import { ejectCall, failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

/** How long a transport may take to fail a command on a cut link (sg:'s quick-command time-out is 20 s, twice). */
const LINK_FAILURE_ALLOWANCE_MS = 60_000;

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
    const h = await openReady(t);
    const sentBefore = t.session.trace.entries('rsm').length;
    const cutAt = t.time.now();
    await t.arrange("cut the RSM model's link to the changer", () => {
      const drop = t.session.dropLink;
      if (!drop) throw new Error('this target cannot cut the link');
      drop();
    });
    await t.arrange(
      'the model learns of the lost link at its idle TEST UNIT READY poll, within one poll interval',
      async () => {
        const every = t.rsm.service.policies.pollIntervalMs;
        // The poll is sent within one interval; how long the dead link takes to fail it is the transport's (its
        // command time-out on sg:, a reset on iSCSI), so the wait for offline allows for that.
        await t.time.waitFor(
          'the library to go offline',
          () => !t.rsm.library().online,
          every * 2 + LINK_FAILURE_ALLOWANCE_MS,
        );
        // A poll sent as the link was cut may still be answered (the close is not instant on every transport);
        // the one that fails must follow the last answered one (or the cut) within one interval.
        const polls = t.session.trace
          .entries('rsm')
          .slice(sentBefore)
          .filter((e) => e.command.startsWith('TEST UNIT READY'));
        const failed = polls.find((e) => e.fault !== undefined);
        t.check.that(
          failed !== undefined,
          `no idle TEST UNIT READY after the cut failed on the transport (${polls.length} sent, all answered)`,
        );
        const answered = polls.filter((e) => e.fault === undefined && (e.at ?? 0) <= (failed?.at ?? 0)).pop();
        const from = Math.max(cutAt, answered?.at ?? cutAt);
        const sentAfter = (failed?.at ?? from) - from;
        const bound = every + t.time.slackMs;
        t.check.that(
          sentAfter <= bound,
          `the failing idle TEST UNIT READY went out ${sentAfter} ms after ${answered ? 'the last answered poll' : 'the cut'}; the poll interval is ${every} ms (and the clock's slack ${t.time.slackMs} ms)`,
        );
      },
    );
    const before = await t.arrange('take a snapshot of the library and the RSM database', () => t.observe.snapshot());
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_LIBRARY_OFFLINE',
      // The idle poll took the library offline before the call (the snapshot above was taken after it), so the
      // online step decides and the call itself changes nothing.
      decidedBy: 'online',
      before,
      call: ejectCall(t, h),
    });
    await t.expect('the library is offline because its link was lost', () => {
      const lib = t.rsm.library();
      t.check.that(
        !lib.online && lib.offlineReason === 'link-lost',
        `the library is ${lib.online ? 'online' : `offline (${lib.offlineReason})`}; expected offline (link-lost)`,
      );
    });
  },
});
