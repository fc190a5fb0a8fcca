/**
 * EjectNtmsCleaner(START) after the changer link was lost (the cable pulled): ERROR_LIBRARY_OFFLINE; the model
 * finds the link gone when it re-reads the reserved slot, takes the library offline, and queues nothing.
 * Spec: docs/rsm-semantics.md 3.6 (MS-RSMP rule 4), 7.5 (a library disconnected from the server is offline), D12,
 * D4 (the slot is re-read at call time), D3.
 */
import { NtmsEjectOperation } from '../../rsm/index.js';
import { arrangeReady, failsWithoutEffect } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.LibraryOfflineLinkLost',
  title: 'START after the link to the changer was lost',
  returns: 'ERROR_LIBRARY_OFFLINE',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D12', 'D4', 'D3'],
  needs: [Capability.EMPTY_SLOT, Capability.LINK_DROP, Capability.PORT_OR_DOOR],
  hostOnly: false,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await arrangeReady(t, h);
    const before = await t.arrange('take a snapshot of the library and the RSM database', () => t.observe.snapshot());
    await t.arrange("cut the RSM model's link to the changer", () => {
      const drop = t.session.dropLink;
      if (!drop) throw new Error('this target cannot cut the link');
      drop();
    });
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_LIBRARY_OFFLINE',
      decidedBy: 'refresh-slot',
      // D12: the lost link takes the library offline; nothing else changes.
      changes: [/^library online changed: true -> false$/, /^library offline reason changed: .* -> link-lost$/],
      before,
      call: (op) => t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
    });
    await t.expect('the library is offline because its link was lost', () => {
      const lib = t.rsm.library();
      t.check.that(!lib.online && lib.offlineReason === 'link-lost', `the library is ${lib.online ? 'online' : `offline (${lib.offlineReason})`}; expected offline (link-lost)`);
    });
  },
});
