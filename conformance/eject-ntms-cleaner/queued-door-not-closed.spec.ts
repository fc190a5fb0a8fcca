/**
 * EjectNtmsCleaner(START) through the door returns ERROR_SUCCESS; the operator opens the door and leaves it open
 * without taking the cleaner, past the door's MaxOpenSecs: the model raises an operator request and ends the
 * request FAILED with ERROR_TIMEOUT. The cleaner is still in its reserved slot, over SCSI and in the database.
 * Spec: docs/rsm-semantics.md 1.7 and 4 (MaxOpenSecs: longest the door may stay open before an operator request),
 * 7.4 (door cycle), 8 (the door stayed open longer than MaxOpenSecs), D8 (door path; time-out as D6 with
 * MaxOpenSecs), D6 ("fail" policy: FAILED ERROR_TIMEOUT), D10, D11.
 */
import { cleanerHome, startEject } from '../harness/queued-failure.js';
import { openWithCleaner } from '../harness/eject-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

/** The door time-out the test sets: five minutes. */
const MAX_OPEN_SECS = 300;

/** How long after MaxOpenSecs (and the poll that sees the door open) the request may take to end: the relock. */
const END_SLACK_SECS = 180;

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedDoorNotClosed',
  title:
    'START through the door; the door stays open past MaxOpenSecs: operator request, request FAILED with ERROR_TIMEOUT, cleaner in its slot',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D8', 'D6', 'D10', 'D11'],
  needs: [Capability.EMPTY_SLOT, Capability.NO_IE_PORT, Capability.DOOR, Capability.OPERATOR],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t, 'the door');
    await t.arrange(`set the door's MaxOpenSecs to ${MAX_OPEN_SECS} (SetNtmsObjectInformation)`, async () => {
      t.check.result('SetNtmsObjectInformation', await t.rsm.setMaxOpenSecs(h, MAX_OPEN_SECS), 'ERROR_SUCCESS');
    });
    const op = await startEject(t, h, cleaner);
    let waitingAt = 0;
    await t.arrange('wait until the request waits for the operator (door unlocked)', async () => {
      await t.scenario.waitForState(op, 'NTMS_LM_WAITING');
      waitingAt = t.rsm.request(op)?.history.find((x) => x.stateName === 'NTMS_LM_WAITING')?.at ?? t.time.now();
    });
    let openedAt = 0;
    await t.act('the operator opens the door and leaves it open without taking the cleaner', async () => {
      await t.time.settle(
        t.operator.openDoor({
          where: 'the access door',
          next: `raises an operator request after ${MAX_OPEN_SECS} s and fails the eject`,
        }),
      );
      openedAt = t.time.now();
    });
    await t.expect(
      `the request FAILED with ERROR_TIMEOUT at least ${MAX_OPEN_SECS} s into the wait; an operator request was raised`,
      async () => {
        await t.scenario.waitForEnd(op, (MAX_OPEN_SECS + 600) * 1000);
        const view = t.check.requestEnded(op, 'NTMS_LM_FAILED', 'ERROR_TIMEOUT');
        t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_FAILED']);
        const waited = ((view.timeCompleted ?? 0) - waitingAt) / 1000;
        t.check.that(
          waited >= MAX_OPEN_SECS,
          `the request ended ${waited} s after it began waiting; MaxOpenSecs is ${MAX_OPEN_SECS}`,
        );
        // MaxOpenSecs counts from the poll that first sees the door open (docs/rsm-model.md M3): at most one poll
        // after the opening, then the relock.
        const open = ((view.timeCompleted ?? 0) - openedAt) / 1000;
        const limit = MAX_OPEN_SECS + (t.rsm.service.policies.pollIntervalMs + t.time.slackMs) / 1000 + END_SLACK_SECS;
        t.check.that(
          open <= limit,
          `the request ended ${open} s after the door was opened; MaxOpenSecs is ${MAX_OPEN_SECS}, so it should end within ${limit} s`,
        );
        t.check.operatorRequestRaised(view);
      },
    );
    await t.expect(
      'the cleaner is in its reserved slot over SCSI, in the RSM database and through GetNtmsObjectInformation; reservation, CLEANERPRESENT and uses unchanged',
      () => cleanerHome(t, cleaner, { handle: h, op, error: 'ERROR_TIMEOUT' }),
    );
    await t.expect('the door still reads open over SCSI (nobody closed it)', async () => {
      const after = await t.observe.snapshot();
      t.check.that(
        after.door?.open === true,
        `the door reads ${after.door?.open === undefined ? 'unknown' : 'closed'}`,
      );
    });
  },
});
