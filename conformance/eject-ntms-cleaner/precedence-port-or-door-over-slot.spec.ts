/**
 * Precedence (D3): a library with neither an IE port nor a door and no reserved slot gives
 * ERROR_RESOURCE_NOT_PRESENT, not ERROR_NO_SLOT_SET: the way out is checked before the reservation.
 * Spec: docs/rsm-semantics.md D3, D9.
 */
import { NULL_GUID } from '../../rsm/index.js';
import { ejectCall, failsWithoutEffect } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedencePortOrDoorOverSlot',
  title: 'neither port nor door + no reserved slot: the missing way out wins',
  returns: 'ERROR_RESOURCE_NOT_PRESENT',
  provenance: ['project decision'],
  decisions: ['D3', 'D9'],
  needs: [Capability.NEITHER_PORT_NOR_DOOR],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await t.arrange('the library has no reserved cleaner slot', () =>
      t.check.that(t.rsm.library().cleanerSlot === NULL_GUID, `CleanerSlot is ${t.rsm.library().cleanerSlot}`),
    );
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      decidedBy: 'port-or-door',
      expected: 'ERROR_RESOURCE_NOT_PRESENT',
      call: ejectCall(t, h),
    });
  },
});
