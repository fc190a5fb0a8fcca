/**
 * EjectNtmsCleaner(STOP) naming an eject that has already ended, once STOPPED (the cleaner back in its slot) and
 * once PASSED (the operator took the cleaner): ERROR_INVALID_OPERATION both times; the request keeps its final
 * state. On a library whose host cannot close the IE station the operator closes it when the model asks.
 * Spec: docs/rsm-semantics.md 11.6 (is STOP refused once the operation completed?), D7 ("STOP naming no
 * outstanding eject-cleaner request ... returns 4317"), D5 (PASSED); docs/rsm-model.md "Stations the host cannot
 * close".
 */
import { guidRef, NULL_GUID, NtmsEjectOperation } from '../../rsm/index.js';
import { ejectCall, failsWithoutEffect } from '../harness/path-steps.js';
import { operatorClosesStationWhenAsked } from '../harness/queued-failure.js';
import { openWithCleaner } from '../harness/eject-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.StopAfterEnd',
  title: 'STOP naming an eject that has already ended (STOPPED, then PASSED)',
  returns: 'ERROR_INVALID_OPERATION',
  provenance: ['project decision'],
  decisions: ['D7'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR],
  hostOnly: true,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    const op = guidRef(NULL_GUID);
    await t.arrange('EjectNtmsCleaner(START), wait until it waits for the operator, then STOP it', async () => {
      t.check.result(
        'EjectNtmsCleaner(START)',
        await t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
        'ERROR_SUCCESS',
      );
      await t.scenario.waitForState(op.value, 'NTMS_LM_WAITING');
      t.check.result(
        'EjectNtmsCleaner(STOP)',
        await t.rsm.call(
          'ejectNtmsCleaner',
          h,
          t.rsm.libraryRef(),
          guidRef(op.value),
          NtmsEjectOperation.NTMS_EJECT_STOP,
        ),
        'ERROR_SUCCESS',
      );
      await operatorClosesStationWhenAsked(t, op.value, 0);
      await t.scenario.waitForEnd(op.value);
      t.check.requestEnded(op.value, 'NTMS_LM_STOPPED');
    });
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(STOP) naming the ended operation again',
      expected: 'ERROR_INVALID_OPERATION',
      decidedBy: 'stop-rules',
      operation: op.value,
      call: ejectCall(t, h, 'STOP'),
    });
    await t.expect('the request is still STOPPED', () => void t.check.requestEnded(op.value, 'NTMS_LM_STOPPED'));
    const passed = guidRef(NULL_GUID);
    await t.arrange(
      'EjectNtmsCleaner(START) again; the operator takes the cleaner, so the request PASSED',
      async () => {
        t.check.result(
          'EjectNtmsCleaner(START)',
          await t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), passed, NtmsEjectOperation.NTMS_EJECT_START),
          'ERROR_SUCCESS',
        );
        await t.scenario.waitForState(passed.value, 'NTMS_LM_WAITING');
        await t.scenario.takeFromPort(t.scenario.openedIeElement(), {
          volumeTag: cleaner.volumeTag,
          next: 'sees the station emptied and ends the eject request PASSED',
        });
        await t.scenario.waitForEnd(passed.value);
        t.check.requestEnded(passed.value, 'NTMS_LM_PASSED');
      },
    );
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(STOP) naming the PASSED operation',
      expected: 'ERROR_INVALID_OPERATION',
      decidedBy: 'stop-rules',
      operation: passed.value,
      call: ejectCall(t, h, 'STOP'),
    });
    await t.expect('the request is still PASSED', () => void t.check.requestEnded(passed.value, 'NTMS_LM_PASSED'));
  },
});
