/**
 * A second EjectNtmsCleaner(START) while the first eject of the same cleaner is outstanding: ERROR_SLOT_EMPTY,
 * because queuing the first marked the cleaner as leaving; no second request is queued and the first one goes
 * on to PASSED when the operator takes the cleaner. Spec: docs/rsm-semantics.md D11 (one cleaner, one eject; requests
 * of one library run one at a time), 11.10, D1, D5, D8.
 */
import { guidRef, NULL_GUID, NtmsEjectOperation, NtmsLmOperation } from '../../rsm/index.js';
import { UNTOUCHED_GUID } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.SlotEmptySecondStart',
  title: 'a second START while the first eject is outstanding',
  returns: 'ERROR_SLOT_EMPTY',
  provenance: ['project decision'],
  decisions: ['D11', 'D1'],
  needs: [Capability.EMPTY_SLOT, Capability.PORT_OR_DOOR, Capability.OPERATOR],
  hostOnly: true,
  destructive: true,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it', () => t.scenario.readyCleaner(h));
    const first = guidRef(NULL_GUID);
    await t.arrange('the first EjectNtmsCleaner(START) returns ERROR_SUCCESS', async () => {
      t.check.result('EjectNtmsCleaner(START)', await t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), first, NtmsEjectOperation.NTMS_EJECT_START), 'ERROR_SUCCESS');
      t.check.isEjectRequest(first, NULL_GUID, cleaner.id);
    });
    await t.arrange('the first eject is outstanding', () => {
      const state = t.rsm.request(first.value)?.stateName ?? '';
      t.check.that(['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING'].includes(state), `the first eject is ${state}`);
    });
    const requestsBefore = t.rsm.requests().length;
    const second = guidRef(UNTOUCHED_GUID);
    const rc = await t.act('a second EjectNtmsCleaner(START)', () => t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), second, NtmsEjectOperation.NTMS_EJECT_START));
    await t.expect(`ERROR_SLOT_EMPTY (${t.results.code('ERROR_SLOT_EMPTY')})`, () => t.check.result('the second EjectNtmsCleaner(START)', rc, 'ERROR_SLOT_EMPTY'));
    await t.expect('lpEjectOperation not written (D10); no second request queued; the reservation and CLEANERPRESENT unchanged', () => {
      t.check.guidUntouched(second, UNTOUCHED_GUID);
      t.check.that(t.rsm.requests().length === requestsBefore, `${t.rsm.requests().length - requestsBefore} new library requests`);
      const lib = t.rsm.library();
      t.check.that(lib.cleanerSlot === cleaner.id && lib.cleanerPresent && lib.cleanerUsesRemaining === cleaner.uses, 'the reservation or the cleaner flags changed');
    });
    await t.act('the operator takes the cleaner the first eject offers', async () => {
      await t.scenario.waitForState(first.value, 'NTMS_LM_WAITING');
      if (t.rsm.library().iePorts.length > 0) {
        const w = await t.observe.snapshot();
        await t.scenario.takeFromPort(t.check.cartridgeAt(w, cleaner.volumeTag, 'ie'), { volumeTag: cleaner.volumeTag });
      } else {
        await t.scenario.takeThroughDoor(cleaner.address, { volumeTag: cleaner.volumeTag });
      }
      await t.scenario.waitForEnd(first.value);
    });
    await t.expect('the first eject PASSED and it was the only eject-cleaner request', () => {
      t.check.requestEnded(first.value, 'NTMS_LM_PASSED');
      const ejects = t.rsm.requests().filter((r) => r.operation === NtmsLmOperation.NTMS_LM_EJECTCLEANER);
      t.check.that(ejects.length === 1, `${ejects.length} eject-cleaner requests exist; expected 1`);
    });
  },
});
