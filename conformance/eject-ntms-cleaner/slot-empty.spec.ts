/**
 * EjectNtmsCleaner(START) when the reserved cleaner slot is present and empty: ERROR_SLOT_EMPTY (4306,
 * ERROR_EMPTY, low confidence, in the default code profile). The model re-reads the slot from the changer
 * first. Spec: docs/rsm-semantics.md 3.6, 2.2, 7.1 (RESERVED_EMPTY row), D1, D3, D4.
 */
import { ejectCall, failsWithoutEffect } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.SlotEmpty',
  title: 'START when the reserved slot is empty',
  returns: 'ERROR_SLOT_EMPTY',
  provenance: ['C-API', 'project decision'],
  decisions: ['D1', 'D3', 'D4'],
  needs: [Capability.EMPTY_SLOT, Capability.PORT_OR_DOOR],
  hostOnly: false,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const slot = await t.arrange('reserve an empty slot', () => t.scenario.reservedEmptySlot(h));
    await t.arrange(`READ ELEMENT STATUS shows slot ${slot.address} empty`, async () => {
      const e = await t.time.settle(t.changer.readSlot(slot.address));
      t.check.that(e?.full === false, `slot ${slot.address} reads ${e ? 'full' : 'unreported'}`);
    });
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_SLOT_EMPTY',
      decidedBy: 'slot-has-cleaner',
      call: ejectCall(t, h),
    });
  },
});
