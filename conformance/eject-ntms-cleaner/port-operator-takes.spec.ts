/**
 * EjectNtmsCleaner(START) through the IE port; the operator takes the cleaner: ERROR_SUCCESS, the request goes
 * QUEUED → INPROCESS → WAITING → PASSED, and the cleaner has left every library.
 * Spec: docs/rsm-semantics.md 3.6 (START ejects from the reserved slot through the IE port; returns when queued),
 * D5 (the port cycle; on PASSED the record is deleted, CLEANERPRESENT cleared, uses 0, reservation kept), D10.
 */
import { guidRef, NULL_GUID, NtmsEjectOperation, NtmsPortContent, NtmsSlotState } from '../../rsm/index.js';
import { checkObjectInfo } from '../harness/observation/object-info-checks.js';

import { Capability, returnPath } from '../harness/return-path.js';
import { OPERATOR_TIME_SECS } from '../harness/scenario.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PortOperatorTakes',
  title: 'START through the IE port, then the operator takes the cleaner',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'MS-RSMP', 'project decision'],
  decisions: ['D5', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it through the IE port', () =>
      t.scenario.readyCleaner(h),
    );
    const before = await t.arrange('take a snapshot of the library', () => t.observe.snapshot({ locks: true }));
    const op = guidRef(NULL_GUID);
    const rc = await t.act('EjectNtmsCleaner(START)', () =>
      t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
    );
    await t.expect(
      'ERROR_SUCCESS, and the operation GUID names a new eject-cleaner request for the reserved slot',
      () => {
        t.check.result('EjectNtmsCleaner(START)', rc, 'ERROR_SUCCESS');
        t.check.isEjectRequest(op, NULL_GUID, cleaner.id);
      },
    );
    let ie = 0;
    await t.expect('the request waits for the operator with the cleaner in an IE element', async () => {
      await t.scenario.waitForState(op.value, 'NTMS_LM_WAITING');
      const w = await t.observe.snapshot();
      ie = t.check.cartridgeAt(w, cleaner, 'ie');
      t.check.that(
        w.changer.at(cleaner.address)?.full === false,
        `the reserved slot ${cleaner.address} still reads full`,
      );
    });
    await t.act(`the operator takes the cleaner from IE element ${ie}`, async () => {
      const tag = await t.scenario.takeFromPort(ie, {
        volumeTag: cleaner.volumeTag,
        next: 'sees the station emptied and ends the eject request PASSED',
        waitsMs: OPERATOR_TIME_SECS * 1000,
      });
      t.check.that(tag === cleaner.volumeTag, `the operator took ${tag}, not ${cleaner.volumeTag}`);
    });
    await t.expect(
      'the request PASSED: QUEUED → INPROCESS → WAITING → PASSED, dwErrorCode 0, no operator request',
      async () => {
        await t.scenario.waitForEnd(op.value);
        const view = t.check.requestEnded(op.value, 'NTMS_LM_PASSED');
        t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_PASSED']);
        t.check.noOperatorRequest(view);
      },
    );
    await t.expect(
      'the cleaner is in no element and no library (the offline library included); the reservation stays; CLEANERPRESENT clear, uses 0',
      async () => {
        const after = await t.observe.snapshot();
        t.check.cartridgeGone(after, cleaner, ie);
        t.check.inNoLibrary(after, cleaner.mediaId, cleaner.volumeTag);
        t.check.reservation(after, cleaner.id);
        t.check.cleanerFlags(after, false, 0);
        t.check.that(
          after.changer.at(cleaner.address)?.full === false,
          `the reserved slot ${cleaner.address} reads full`,
        );
      },
    );
    await t.expect('the IE station is closed and locked as before the eject; RSM records the port empty', async () => {
      const after = await t.observe.snapshot({ locks: true });
      t.check.that(after.importExport?.open === false, 'the IE station is open');
      t.check.that(
        after.importExport?.locked === before.importExport?.locked,
        `the IE station is ${after.importExport?.locked ? 'locked' : 'unlocked'}; before the eject it was ${before.importExport?.locked ? 'locked' : 'unlocked'}`,
      );
      const port = after.library.iePorts.find((p) => p.address === ie);
      t.check.that(
        port?.content === NtmsPortContent.NTMS_PORTCONTENT_EMPTY,
        `RSM records IE port ${ie} content ${port?.content}; expected NTMS_PORTCONTENT_EMPTY`,
      );
    });
    await t.expect(
      'GetNtmsObjectInformation agrees: request PASSED (11, dwErrorCode 0), CLEANERPRESENT clear, uses 0, slot EMPTY, port EMPTY (D10)',
      () =>
        checkObjectInfo(t, h, {
          library: { cleanerSlot: cleaner.id, cleanerPresent: false, uses: 0 },
          request: { id: op.value, state: 'NTMS_LM_PASSED', error: 'ERROR_SUCCESS', slotId: cleaner.id },
          slot: { id: cleaner.id, state: NtmsSlotState.NTMS_SLOTSTATE_EMPTY },
          port: {
            id: t.rsm.library().iePorts.find((p) => p.address === ie)?.id ?? '',
            content: NtmsPortContent.NTMS_PORTCONTENT_EMPTY,
          },
        }),
    );
  },
});
