/**
 * EjectNtmsCleaner(START) through the door of a library without an IE port: ERROR_SUCCESS; the door is
 * unlocked, the operator opens it, takes the cleaner from its slot and closes it; on the door close the model
 * re-reads the slot, ends the request PASSED and relocks the door; the cleaner has left every library.
 * Spec: docs/rsm-semantics.md 3.6 (without an IE port the door is used), D8 (door cycle, close seen as 28/00, slot
 * re-read, relocked), D5 (record deleted, CLEANERPRESENT cleared, uses 0, reservation kept), D10.
 */
import { guidRef, NULL_GUID, NtmsEjectOperation, NtmsSlotState } from '../../rsm/index.js';
import { checkObjectInfo } from '../harness/observation/object-info-checks.js';
import { Capability, returnPath } from '../harness/return-path.js';
import { OPERATOR_TIME_SECS } from '../harness/scenario.js';

export default returnPath({
  id: 'EjectNtmsCleaner.DoorOperatorTakes',
  title: 'START through the door (no IE port): the operator opens the door, takes the cleaner, closes the door',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D8', 'D5', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.DOOR, Capability.NO_IE_PORT, Capability.OPERATOR],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange(
      'reserve an empty slot and have the operator put a cleaner into it through the door',
      () => t.scenario.readyCleaner(h),
    );
    const before = await t.arrange(
      'take a snapshot of the library (the operator tells whether the door is locked)',
      () => t.observe.snapshot({ locks: true }),
    );
    const op = guidRef(NULL_GUID);
    const rc = await t.act('EjectNtmsCleaner(START)', () =>
      t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
    );
    await t.expect('ERROR_SUCCESS and a new eject-cleaner request', () => {
      t.check.result('EjectNtmsCleaner(START)', rc, 'ERROR_SUCCESS');
      t.check.isEjectRequest(op, NULL_GUID, cleaner.id);
    });
    await t.expect(
      'the request waits for the operator; the door is unlocked; the cleaner is still in its slot',
      async () => {
        await t.scenario.waitForState(op.value, 'NTMS_LM_WAITING');
        const w = await t.observe.snapshot({ locks: true });
        t.check.that(w.door?.locked === false, 'the door is still locked');
        t.check.cartridgeAt(w, cleaner, 'storage', cleaner.address);
      },
    );
    await t.act(
      `the operator opens the door, takes the cleaner from slot ${cleaner.address}, and closes the door`,
      async () => {
        const tag = await t.scenario.takeThroughDoor(cleaner.address, {
          volumeTag: cleaner.volumeTag,
          next: 'sees the door closed (28/00), re-reads the slot and ends the eject request PASSED',
          waitsMs: OPERATOR_TIME_SECS * 1000,
        });
        t.check.that(tag === cleaner.volumeTag, `the operator took ${tag}, not ${cleaner.volumeTag}`);
      },
    );
    await t.expect('the request PASSED: QUEUED → INPROCESS → WAITING → PASSED, dwErrorCode 0', async () => {
      await t.scenario.waitForEnd(op.value);
      const view = t.check.requestEnded(op.value, 'NTMS_LM_PASSED');
      t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_PASSED']);
      t.check.noOperatorRequest(view);
    });
    await t.expect(
      'the cleaner is in no element and no library (the offline library included); the reservation stays; CLEANERPRESENT clear, uses 0',
      async () => {
        const after = await t.observe.snapshot();
        t.check.cartridgeGone(after, cleaner);
        t.check.inNoLibrary(after, cleaner.mediaId, cleaner.volumeTag);
        t.check.reservation(after, cleaner.id);
        t.check.cleanerFlags(after, false, 0);
      },
    );
    await t.expect('the door is closed and locked as before the eject', async () => {
      const after = await t.observe.snapshot({ locks: true });
      t.check.that(after.door?.open === false, 'the door is open');
      t.check.that(
        after.door?.locked === before.door?.locked,
        `the door is ${after.door?.locked ? 'locked' : 'unlocked'}; before the eject it was ${before.door?.locked ? 'locked' : 'unlocked'}`,
      );
    });
    await t.expect(
      'GetNtmsObjectInformation agrees: request PASSED (11, dwErrorCode 0), CLEANERPRESENT clear, uses 0, slot EMPTY (D10)',
      () =>
        checkObjectInfo(t, h, {
          library: { cleanerSlot: cleaner.id, cleanerPresent: false, uses: 0 },
          request: { id: op.value, state: 'NTMS_LM_PASSED', error: 'ERROR_SUCCESS', slotId: cleaner.id },
          slot: { id: cleaner.id, state: NtmsSlotState.NTMS_SLOTSTATE_EMPTY },
        }),
    );
  },
});
