/**
 * EjectNtmsCleaner(START) when the magazine holding the reserved slot has been pulled: ERROR_SLOT_NOT_PRESENT
 * (5006, ERROR_RESOURCE_NOT_AVAILABLE, in the default code profile), checked before "empty"; the reservation
 * survives, and once the magazine is back the slot is present again (START then gives ERROR_SLOT_EMPTY).
 * Spec: docs/rsm-semantics.md 3.6 ("at least one magazine missing"), 2.2, 6 step 10 (present before empty), 7.1
 * (RESERVED_NOT_PRESENT row), D1, D3, D4 (the slot is re-read at call time), D16.
 */
import { guidRef, NtmsEjectOperation, NtmsSlotState } from '../../rsm/index.js';
import { ejectCall, failsWithoutEffect, UNTOUCHED_GUID } from '../harness/path-steps.js';
import { pulledMagazineProblems } from '../harness/observation/magazine-checks.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.SlotNotPresent',
  title: 'START when the magazine holding the reserved slot is pulled',
  returns: 'ERROR_SLOT_NOT_PRESENT',
  provenance: ['C-API', 'project decision'],
  decisions: ['D16', 'D4', 'D3', 'D1'],
  needs: [Capability.EMPTY_SLOT, Capability.PORT_OR_DOOR, Capability.MAGAZINES, Capability.OPERATOR],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const slot = await t.arrange('reserve an empty slot in a removable magazine', () =>
      t.scenario.reservedEmptySlot(h, { inMagazine: true }),
    );
    const magazine = slot.magazine;
    if (!magazine) throw new Error('the chosen slot is in no magazine');
    await t.arrange(`the operator pulls magazine "${magazine.id}" (${magazine.name})`, () =>
      t.time.settle(
        t.operator.pullMagazine(magazine, {
          where: `storage elements ${magazine.storage.join(', ')}`,
          next: 'marks the slots of the magazine not present',
        }),
      ),
    );
    await t.expect(
      `READ ELEMENT STATUS shows magazine "${magazine.id}" pulled: ACCESS=0 and the product's EXCEPT, ED and ASC/ASCQ`,
      async () => {
        const model = t.session.model;
        if (!model) throw new Error('no library model says how this product reports a pulled magazine (give --model)');
        const problems = pulledMagazineProblems(
          await t.time.settle(t.changer.readAll()),
          magazine.storage,
          model.pulledMagazine,
        );
        t.check.that(problems.length === 0, problems.join('; '));
      },
    );
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_SLOT_NOT_PRESENT',
      decidedBy: 'slot-present',
      // D4: the call re-reads the reserved slot and records it NOTPRESENT (D16); nothing else changes.
      changes: [
        new RegExp(
          `^slot record ${slot.id} changed: address ${slot.address} state \\d+ -> address ${slot.address} state ${NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT}$`,
        ),
      ],
      call: ejectCall(t, h),
    });
    await t.expect('the reservation survives; RSM records the slot NOTPRESENT', () => {
      const lib = t.rsm.library();
      t.check.that(lib.cleanerSlot === slot.id, `CleanerSlot is ${lib.cleanerSlot}; expected ${slot.id}`);
      t.check.that(
        lib.reservedSlot?.state === NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT,
        `the reserved slot's state is ${lib.reservedSlot?.state}; expected NTMS_SLOTSTATE_NOTPRESENT (3)`,
      );
    });
    await t.act(`the operator puts magazine "${magazine.id}" back; the library inventories it`, async () => {
      await t.time.settle(t.operator.insertMagazine(magazine, { next: 'inventories the magazine' }));
      await t.time.waitFor(
        'the library to be ready after the magazine inventory',
        () => t.changer.ready(),
        30 * 60_000,
      );
    });
    await t.expect(
      'the slot is present again and the reservation still stands: START gives ERROR_SLOT_EMPTY',
      async () => {
        const op = guidRef(UNTOUCHED_GUID);
        const rc = await t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START);
        t.check.result('EjectNtmsCleaner(START) after the magazine is back', rc, 'ERROR_SLOT_EMPTY');
        t.check.guidUntouched(op, UNTOUCHED_GUID);
        t.check.that(t.rsm.library().cleanerSlot === slot.id, 'the reservation was lost');
      },
    );
  },
});
