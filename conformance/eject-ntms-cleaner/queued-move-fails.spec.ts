/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS, and the queued work's MOVE MEDIUM to the IE station fails
 * mechanically, once with each hardware sense the simulator gives (04/15/01 mechanical positioning error, 04/3B/16
 * mechanical positioning or changer error): each request ends FAILED with ERROR_IO_DEVICE, nothing was opened, and
 * the cleaner is still in its reserved slot (the changer leaves it in its source), over SCSI and in the database.
 * Spec: docs/rsm-semantics.md 7.2 (failed: FAILED + dwErrorCode, "device error"), D5, D10, D11 (the leaving mark
 * ends with the request, so a second START finds the cleaner); docs/smc-reference.md 1.7 (4/15/01, 4/3B/16);
 * docs/rsm-model.md "Changer failures → dwErrorCode" (HARDWARE ERROR on a move: 1117).
 */
import {
  expectCleanerHome,
  expectFailedInQueue,
  expectStationNeverOpened,
  openWithCleaner,
} from '../harness/eject-steps.js';
import { faultsOf, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedMoveFails',
  title:
    'START returns ERROR_SUCCESS; the move to the IE station fails mechanically: request FAILED with ERROR_IO_DEVICE, cleaner still in its slot',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D5', 'D10', 'D11'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR, Capability.FAULT_INJECTION],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    for (const kind of ['positioning', 'changer'] as const) {
      const sense = kind === 'positioning' ? '04/15/01' : '04/3B/16';
      await t.arrange(`arm a mechanical failure (${sense}) of the next MOVE MEDIUM`, () =>
        faultsOf(t).failNextMove(kind),
      );
      const op = await startEject(t, h, cleaner);
      await expectFailedInQueue(
        t,
        `the request FAILED with ERROR_IO_DEVICE (${sense}): QUEUED → INPROCESS → FAILED, no operator request`,
        op,
        'ERROR_IO_DEVICE',
        { noOperatorRequest: true },
      );
      await expectCleanerHome(t, cleaner, { handle: h, op, error: 'ERROR_IO_DEVICE' });
    }
    await expectStationNeverOpened(t);
  },
});
