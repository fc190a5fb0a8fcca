/**
 * EjectNtmsCleaner(START) on a library with neither an IE port nor a door: ERROR_RESOURCE_NOT_PRESENT,
 * synchronously, even with a reserved slot. Spec: docs/rsm-semantics.md D9, 11.9, D3 (after the STOP rules, before
 * the slot checks), 3.10 (AccessNtmsLibraryDoor's 4316 for a library without a door).
 */
import { ejectCall, failsWithoutEffect } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.ResourceNotPresent',
  title: 'START on a library with neither an IE port nor a door',
  returns: 'ERROR_RESOURCE_NOT_PRESENT',
  provenance: ['project decision'],
  decisions: ['D9', 'D3'],
  needs: [Capability.EMPTY_SLOT, Capability.NEITHER_PORT_NOR_DOOR],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await t.arrange('reserve an empty slot', () => t.scenario.reservedEmptySlot(h));
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_RESOURCE_NOT_PRESENT',
      decidedBy: 'port-or-door',
      call: ejectCall(t, h),
    });
  },
});
