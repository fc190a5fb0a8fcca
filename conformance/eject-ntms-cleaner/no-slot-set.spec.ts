/**
 * EjectNtmsCleaner(START) on a library with no reserved cleaner slot: ERROR_NO_SLOT_SET (4332,
 * ERROR_CLEANER_SLOT_NOT_SET, in the default code profile). Spec: docs/rsm-semantics.md 3.6, 2.2 (the pseudo-name and
 * its high-confidence number), 7.1 (UNSET row), D1, D3.
 */
import { NULL_GUID } from '../../rsm/index.js';
import { ejectCall, failsWithoutEffect } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.NoSlotSet',
  title: 'START on a library without a reserved cleaner slot',
  returns: 'ERROR_NO_SLOT_SET',
  provenance: ['C-API', 'project decision'],
  decisions: ['D1', 'D3'],
  needs: [Capability.PORT_OR_DOOR],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await t.arrange('the library has no reserved cleaner slot (CleanerSlot is the NULL GUID)', () =>
      t.check.that(t.rsm.library().cleanerSlot === NULL_GUID, `CleanerSlot is ${t.rsm.library().cleanerSlot}`),
    );
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_NO_SLOT_SET',
      decidedBy: 'reserved',
      call: ejectCall(t, h),
    });
  },
});
