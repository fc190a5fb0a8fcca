/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS; while the request waits for the operator the RSM model's link to
 * the changer is lost (the cable pulled): at its next poll the model takes the library offline and ends the request
 * FAILED with ERROR_LIBRARY_OFFLINE. The cleaner stays where the work had put it (the IE element on a port
 * library, its slot behind an unlocked door), and the database records it there, as the suite's own nexus reads.
 * Spec: docs/rsm-semantics.md 7.5 (a library disconnected from the server is offline), D12 (a lost link: offline,
 * 4305), D5 and D8 (the port and door cycles; polling while WAITING), D10, D11; docs/rsm-model.md "Changer failures
 * → dwErrorCode" (transport fault: FAILED 4305, offlineReason link-lost).
 */
import { cleanerAgrees, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedLinkLost',
  title:
    'START returns ERROR_SUCCESS; the link is lost while the request waits: library offline, request FAILED with ERROR_LIBRARY_OFFLINE',
  returns: 'ERROR_SUCCESS',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D12', 'D5', 'D8', 'D10', 'D11'],
  needs: [Capability.EMPTY_SLOT, Capability.PORT_OR_DOOR, Capability.OPERATOR, Capability.LINK_DROP],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it', () =>
      t.scenario.readyCleaner(h),
    );
    const throughPort = t.rsm.library().iePorts.length > 0;
    const op = await startEject(t, h, cleaner);
    await t.arrange(
      `wait until the request waits for the operator (${throughPort ? 'cleaner in the IE station' : 'door unlocked'})`,
      () => t.scenario.waitForState(op, 'NTMS_LM_WAITING'),
    );
    await t.act("cut the RSM model's link to the changer", () => {
      const drop = t.session.dropLink;
      if (!drop) throw new Error('this target cannot cut the link');
      drop();
    });
    await t.expect('the request FAILED with ERROR_LIBRARY_OFFLINE: QUEUED → INPROCESS → WAITING → FAILED', async () => {
      await t.scenario.waitForEnd(op);
      const view = t.check.requestEnded(op, 'NTMS_LM_FAILED', 'ERROR_LIBRARY_OFFLINE');
      t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_FAILED']);
    });
    await t.expect('the library is offline because its link was lost (D12)', () => {
      const lib = t.rsm.library();
      t.check.that(
        !lib.online && lib.offlineReason === 'link-lost',
        `the library is ${lib.online ? 'online' : `offline (${lib.offlineReason})`}; expected offline (link-lost)`,
      );
    });
    await t.expect(
      `the cleaner is ${throughPort ? 'in the IE element the work moved it to' : 'in its reserved slot'} over SCSI and in the RSM database; reservation and CLEANERPRESENT kept`,
      async () => {
        const after = await t.observe.snapshot();
        if (throughPort) cleanerAgrees(t, after, cleaner, 'ie');
        else cleanerAgrees(t, after, cleaner, 'storage', cleaner.address);
        t.check.reservation(after, cleaner.id);
        t.check.cleanerFlags(after, true, cleaner.uses);
      },
    );
  },
});
