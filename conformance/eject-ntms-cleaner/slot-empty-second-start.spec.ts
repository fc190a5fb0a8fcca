/**
 * A second EjectNtmsCleaner(START) while the first eject of the same cleaner is outstanding: ERROR_SLOT_EMPTY,
 * because queuing the first marked the cleaner as leaving; no second request is queued and the first one goes
 * on to PASSED when the operator takes the cleaner. Spec: docs/rsm-semantics.md D11 (one cleaner, one eject; requests
 * of one library run one at a time), 11.10, D1, D5, D8.
 */
import { guidRef, NULL_GUID, NtmsEjectOperation, NtmsLmOperation } from '../../rsm/index.js';
import { decidedProblem, operationArgumentProblem, UNTOUCHED_GUID } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.SlotEmptySecondStart',
  title: 'a second START while the first eject is outstanding',
  returns: 'ERROR_SLOT_EMPTY',
  provenance: ['project decision'],
  decisions: ['D11', 'D1'],
  needs: [Capability.EMPTY_SLOT, Capability.PORT_OR_DOOR, Capability.OPERATOR],
  // Not host-only: while the first request is still QUEUED the second START re-reads the reserved slot (D4).
  hostOnly: false,
  destructive: true,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it', () =>
      t.scenario.readyCleaner(h),
    );
    const first = guidRef(NULL_GUID);
    await t.arrange('the first EjectNtmsCleaner(START) returns ERROR_SUCCESS', async () => {
      t.check.result(
        'EjectNtmsCleaner(START)',
        await t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), first, NtmsEjectOperation.NTMS_EJECT_START),
        'ERROR_SUCCESS',
      );
      t.check.isEjectRequest(first, NULL_GUID, cleaner.id);
    });
    await t.arrange('the first eject is outstanding', () => {
      const state = t.rsm.request(first.value)?.stateName ?? '';
      t.check.that(
        ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING'].includes(state),
        `the first eject is ${state}`,
      );
    });
    const changer = await t.arrange('read the changer before the second START', () => t.observe.snapshot());
    const before = {
      ...t.observe.rsmSide(),
      changer: changer.changer,
      importExport: changer.importExport,
      door: changer.door,
    };
    const second = guidRef(UNTOUCHED_GUID);
    const from = t.rsm.calls.length;
    const rc = await t.act('a second EjectNtmsCleaner(START)', () =>
      t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), second, NtmsEjectOperation.NTMS_EJECT_START),
    );
    const after = { ...before, ...t.observe.rsmSide(), at: before.at };
    const decided = t.rsm.service.lastCheck;
    await t.expect(
      `ERROR_SLOT_EMPTY (${t.check.code('ERROR_SLOT_EMPTY')}), decided by the "slot-has-cleaner" check (D3, D11)`,
      () => {
        t.check.result('the second EjectNtmsCleaner(START)', rc, 'ERROR_SLOT_EMPTY');
        const problem = decidedProblem(decided, 'slot-has-cleaner');
        t.check.that(problem === undefined, problem ?? '');
      },
    );
    await t.expect(
      'lpEjectOperation not written (D10); no request queued or changed, reservation, flags and records as before',
      () => {
        const problem = operationArgumentProblem(t.rsm.calls.slice(from), second);
        t.check.that(problem === undefined, problem ?? '');
        t.check.guidUntouched(second, UNTOUCHED_GUID);
        t.check.unchanged(before, after);
      },
    );
    let ie: number | undefined;
    await t.act('the operator takes the cleaner the first eject offers', async () => {
      await t.scenario.waitForState(first.value, 'NTMS_LM_WAITING');
      if (t.rsm.library().iePorts.length > 0) {
        const w = await t.observe.snapshot();
        ie = t.check.cartridgeAt(w, cleaner, 'ie');
        await t.scenario.takeFromPort(ie, { volumeTag: cleaner.volumeTag });
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
    await t.expect(
      "the first eject's cleaner is gone: in no element and no library; CLEANERPRESENT clear, uses 0; the reservation stays",
      async () => {
        const end = await t.observe.snapshot();
        t.check.cartridgeGone(end, cleaner, ie);
        t.check.inNoLibrary(end, cleaner.mediaId, cleaner.volumeTag);
        t.check.cleanerFlags(end, false, 0);
        t.check.reservation(end, cleaner.id);
      },
    );
  },
});
