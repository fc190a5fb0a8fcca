/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS, and the queued work's MOVE MEDIUM is answered NOT READY, BECOMING
 * READY (02/04/01: the changer inventories, e.g. after someone closed a door mid-cycle). The model waits on its
 * clock and sends the MOVE again (about every second, for up to two minutes); the eject goes on, the operator takes
 * the cleaner and the request PASSED. A NOT READY that is not transient (02/04/12, offline: someone took the library
 * offline at its panel) is not retried: a second eject ends FAILED with ERROR_NOT_READY, the cleaner in its slot.
 * Spec: docs/rsm-semantics.md D5 (the port cycle), 7.2, D10; SPC-4 6.47 (04/01: retry later; docs/scsi-model.md 10);
 * docs/smc-reference.md 1.7; docs/rsm-model.md "The changer link" (NOT READY, BECOMING READY retried every second
 * of clock time for up to two minutes).
 */
import { Asc, SenseKey } from '../../scsi/codec/sense-codes.js';
import {
  armMoveSense,
  checkMoveRetried,
  expectCleanerHome,
  expectFailedInQueue,
  openWithCleaner,
} from '../harness/eject-steps.js';
import { FAULT_OPCODES } from '../harness/target/fault-injection.js';
import { faultsOf, operatorTakesAndPasses, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedNotReady',
  title:
    'START returns ERROR_SUCCESS; the move mid-cycle is answered NOT READY, becoming ready: the model waits and retries; the eject PASSED',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D5', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR, Capability.FAULT_INJECTION],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    const armedAt = t.time.now();
    await armMoveSense(t, 'arm the changer to answer the next MOVE MEDIUM with NOT READY 04/01 (becoming ready)', {
      key: SenseKey.NOT_READY,
      ...Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY,
    });
    const op = await startEject(t, h, cleaner);
    await operatorTakesAndPasses(t, op, cleaner);
    await t.expect(
      'the model met NOT READY 04/01 on its MOVE MEDIUM, waited at least a second of clock time, and sent the MOVE again (GOOD)',
      async () => {
        const { first, second } = await checkMoveRetried(t, armedAt, '04/01');
        const gap = (second?.at ?? 0) - (first?.at ?? 0);
        t.check.that(
          gap >= 1000,
          `the model sent the MOVE again ${gap} ms after NOT READY 04/01; expected a wait of at least 1000 ms of clock time`,
        );
      },
    );
    const again = await t.arrange(
      'hand the cleaner back in, and arm NOT READY 04/12 (offline) for the next MOVE MEDIUM',
      async () => {
        const back = await t.scenario.injectCleaner(h, cleaner);
        await faultsOf(t).failNextCommand({
          opcode: FAULT_OPCODES.MOVE_MEDIUM,
          sense: { key: SenseKey.NOT_READY, ...Asc.LOGICAL_UNIT_NOT_READY_OFFLINE },
        });
        return back;
      },
    );
    const offline = await startEject(t, h, again);
    await expectFailedInQueue(
      t,
      'NOT READY 04/12 is not retried: the request FAILED with ERROR_NOT_READY, QUEUED → INPROCESS → FAILED',
      offline,
      'ERROR_NOT_READY',
      { noOperatorRequest: false },
    );
    await expectCleanerHome(
      t,
      again,
      { handle: h, op: offline, error: 'ERROR_NOT_READY' },
      'the cleaner is in its reserved slot over SCSI, in the RSM database and through GetNtmsObjectInformation',
    );
  },
});
