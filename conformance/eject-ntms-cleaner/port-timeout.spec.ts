/**
 * EjectNtmsCleaner(START) through the IE port, and nobody takes the cleaner: START returns ERROR_SUCCESS; when
 * the port's MaxExtendSecs pass the model raises an operator request, closes and relocks the port, puts the
 * cleaner back, and ends the request FAILED with dwErrorCode ERROR_TIMEOUT. Five minutes of time-out cost
 * milliseconds of wall time on the simulator.
 * Spec: docs/rsm-semantics.md 1.7 and 4 (MaxExtendSecs: longest the port may stay open before an operator request,
 * writable), D6 (the default "fail" policy), D10.
 */
import {
  expectBackInSlot,
  expectPortReadBack,
  expectStationRelocked,
  expectWaitingInPort,
  openWithCleaner,
} from '../harness/eject-steps.js';
import { operatorClosesStationWhenAsked, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

/** The port time-out the test sets: five minutes. */
const MAX_EXTEND_SECS = 300;

/**
 * How long after MaxExtendSecs the request may take to end: the poll that notices the time-out, closing and
 * relocking the station and moving the cleaner back (one move, plus the inventory some changers run when their
 * station closes). Longer means the time-out was not what ended the wait.
 */
const END_SLACK_SECS = 180;

export default returnPath({
  id: 'EjectNtmsCleaner.PortTimeout',
  title:
    'START through the IE port, then the time-out: operator request, cleaner back, request FAILED with ERROR_TIMEOUT',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D6', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    await t.arrange(`set the IE port's MaxExtendSecs to ${MAX_EXTEND_SECS} (SetNtmsObjectInformation)`, async () => {
      const rc = await t.rsm.setMaxExtendSecs(h, MAX_EXTEND_SECS);
      t.check.result('SetNtmsObjectInformation', rc, 'ERROR_SUCCESS');
    });
    const before = await t.arrange('take a snapshot of the library', () => t.observe.snapshot({ locks: true }));
    const op = await startEject(t, h, cleaner, 'ERROR_SUCCESS and a new eject-cleaner request');
    let waitingAt = 0;
    const ie = await expectWaitingInPort(t, op, cleaner, () => {
      // When the request entered WAITING by its own history (a poll on a real clock notices it a moment later).
      waitingAt = t.rsm.request(op)?.history.find((x) => x.stateName === 'NTMS_LM_WAITING')?.at ?? t.time.now();
    });
    await t.act(`nobody takes the cleaner; ${MAX_EXTEND_SECS} s pass`, async () => {
      if (t.caps.has.has(Capability.IE_PORT_CLOSABLE)) await t.scenario.waitForEnd(op, (MAX_EXTEND_SECS + 600) * 1000);
    });
    // Where the operator closes the station on a real clock, the request's end follows the operator's close, and
    // the operator's own time (wall time times a --time-scale) is not the model's: the upper bound then counts from
    // the close. On virtual time the operator acts in no clock time, and the bound from MaxExtendSecs stands.
    const closedByOperator = await operatorClosesStationWhenAsked(t, op, 1);
    const endBoundFrom = closedByOperator && !t.time.virtual ? t.time.now() : undefined;
    await t.scenario.waitForEnd(op, (MAX_EXTEND_SECS + 600) * 1000);
    await t.expect(
      'the request FAILED with ERROR_TIMEOUT after MaxExtendSecs: QUEUED → INPROCESS → WAITING → FAILED',
      () => {
        const view = t.check.requestEnded(op, 'NTMS_LM_FAILED', 'ERROR_TIMEOUT');
        t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_FAILED']);
        const waited = ((view.timeCompleted ?? 0) - waitingAt) / 1000;
        t.check.that(
          waited >= MAX_EXTEND_SECS,
          `the request ended ${waited} s after it began waiting; MaxExtendSecs is ${MAX_EXTEND_SECS}`,
        );
        if (endBoundFrom === undefined) {
          t.check.that(
            waited <= MAX_EXTEND_SECS + END_SLACK_SECS,
            `the request ended ${waited} s after it began waiting; MaxExtendSecs is ${MAX_EXTEND_SECS}, so it should end within ${MAX_EXTEND_SECS + END_SLACK_SECS} s`,
          );
        } else {
          const afterClose = ((view.timeCompleted ?? 0) - endBoundFrom) / 1000;
          const limit = END_SLACK_SECS + t.time.slackMs / 1000;
          t.check.that(
            afterClose <= limit,
            `the request ended ${afterClose} s after the operator closed the IE station; it should end within ${limit} s of the close`,
          );
        }
      },
    );
    await t.expect('an operator request was raised when the time-out passed', () => {
      const view = t.rsm.request(op);
      const raised = view ? t.check.operatorRequestRaised(view) : undefined;
      const poll = t.rsm.service.policies.pollIntervalMs;
      const into = raised ? raised.timeSubmitted - waitingAt : Number.NaN;
      const late = 2 * poll + t.time.slackMs;
      const inTime = into >= MAX_EXTEND_SECS * 1000 && into <= MAX_EXTEND_SECS * 1000 + late;
      t.check.that(
        raised !== undefined && inTime,
        `the operator request was raised ${into / 1000} s into the wait; expected at ${MAX_EXTEND_SECS} s (within two polls of ${poll / 1000} s and the clock's slack of ${t.time.slackMs / 1000} s)`,
      );
    });
    await expectBackInSlot(t, cleaner);
    await expectStationRelocked(t, before);
    await expectPortReadBack(
      t,
      h,
      cleaner,
      'GetNtmsObjectInformation agrees: request FAILED (11, ERROR_TIMEOUT), CLEANERPRESENT set, uses unchanged, slot FULL, port EMPTY (D10)',
      { op, ie, state: 'NTMS_LM_FAILED', error: 'ERROR_TIMEOUT', taken: false },
    );
  },
});
