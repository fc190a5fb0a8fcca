/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS; while the request waits for the operator (the cleaner in the open
 * IE station, or the door unlocked) the library is powered off and on. The model's next poll meets the power-on
 * unit attention (29/00) and NOT READY 04/01 while the library comes up, waits it out, and keeps waiting: the
 * cleaner is still where the work put it (the database agrees), the operator takes it, and the request PASSED.
 * Spec: docs/rsm-semantics.md D5 (WAITING: poll until the IE element reads empty), 7.2, D10; docs/smc-reference.md 1.5
 * (power-on: 06/29/00, PREVENT cleared) and 1.7; docs/rsm-model.md "The changer link" (unit attentions retried,
 * 04/01 waited out on the clock) and "Changer failures → dwErrorCode" (NOT READY while polling is tolerated).
 */
import { openWithCleaner } from '../harness/eject-steps.js';
import { cleanerAgrees, faultsOf, operatorTakesAndPasses, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedPowerCycle',
  title:
    'START returns ERROR_SUCCESS; the library is power-cycled while the request waits (port or door); the wait goes on and the eject PASSED',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D5', 'D8', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.PORT_OR_DOOR, Capability.OPERATOR, Capability.FAULT_INJECTION],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    const before = await t.arrange('take a snapshot of the library with its locks', () =>
      t.observe.snapshot({ locks: true }),
    );
    const op = await startEject(t, h, cleaner);
    await t.arrange('wait until the request waits for the operator', () =>
      t.scenario.waitForState(op, 'NTMS_LM_WAITING'),
    );
    const cycledAt = t.time.now();
    await t.act('power the library off and on', () => faultsOf(t).powerCycle());
    await t.expect(
      'the model meets the power-on unit attention (29/xx) at its next poll and the request still waits',
      async () => {
        await t.time.waitFor(
          'the RSM model to meet the power-on unit attention',
          () => t.rsm.service.inspect.unitAttentions(t.rsm.libraryId).some((u) => u.at >= cycledAt && u.asc === 0x29),
          600_000,
        );
        const view = t.rsm.request(op);
        t.check.that(
          view?.stateName === 'NTMS_LM_WAITING',
          `the request is ${view?.stateName ?? 'gone'} after the power cycle; expected NTMS_LM_WAITING`,
        );
      },
    );
    const relocked = () =>
      t.expect(
        'the station and the door are locked as before the eject (the model relocks after the power-on cleared PREVENT)',
        async () => {
          const after = await t.observe.snapshot({ locks: true });
          if (after.importExport)
            t.check.that(
              after.importExport.open === false && after.importExport.locked === before.importExport?.locked,
              `the IE station is ${after.importExport.open ? 'open' : 'closed'} and ${after.importExport.locked ? 'locked' : 'unlocked'}; before the eject it was ${before.importExport?.locked ? 'locked' : 'unlocked'}`,
            );
          if (after.door)
            t.check.that(
              after.door.locked === before.door?.locked,
              `the door is ${after.door.locked ? 'locked' : 'unlocked'}; before the eject it was ${before.door?.locked ? 'locked' : 'unlocked'}`,
            );
        },
      );
    if (t.rsm.library().iePorts.length > 0) {
      await operatorTakesAndPasses(t, op, cleaner);
      return relocked();
    }
    await t.expect(
      'the cleaner is still in its reserved slot over SCSI and in the RSM database',
      async () => void cleanerAgrees(t, await t.observe.snapshot(), cleaner, 'storage', cleaner.address),
    );
    await t.act('the operator opens the door, takes the cleaner, and closes the door', async () => {
      const tag = await t.scenario.takeThroughDoor(cleaner.address, {
        volumeTag: cleaner.volumeTag,
        next: 're-reads the cleaner slot and ends the eject request PASSED',
      });
      t.check.that(tag === cleaner.volumeTag, `the operator took ${tag}, not ${cleaner.volumeTag}`);
    });
    await t.expect(
      'the request PASSED: QUEUED → INPROCESS → WAITING → PASSED; the cleaner is in no element and no library',
      async () => {
        await t.scenario.waitForEnd(op);
        t.check.visited(t.check.requestEnded(op, 'NTMS_LM_PASSED'), [
          'NTMS_LM_QUEUED',
          'NTMS_LM_INPROCESS',
          'NTMS_LM_WAITING',
          'NTMS_LM_PASSED',
        ]);
        const after = await t.observe.snapshot();
        t.check.cartridgeGone(after, cleaner);
        t.check.inNoLibrary(after, cleaner.mediaId, cleaner.volumeTag);
      },
    );
    await relocked();
  },
});
