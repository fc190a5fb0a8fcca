/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS, and when the queued work moves the cleaner to the IE station the
 * changer answers that the destination is full (05/3B/0D, injected on the MOVE MEDIUM: the station filled between
 * the model's read and its move): the request ends FAILED with ERROR_IEPORT_FULL, nothing was opened, and the
 * cleaner is still in its reserved slot, over SCSI, in the RSM database and through GetNtmsObjectInformation.
 * Spec: docs/rsm-semantics.md 7.2 (failed: FAILED + dwErrorCode), 7.3 ("a port that is still full blocks reuse:
 * ERROR_IEPORT_FULL 4341"), D5 (move the cleaner to a free IE element), D10, D11; docs/smc-reference.md 1.7
 * (3B/0D medium destination element full); docs/rsm-model.md "Changer failures → dwErrorCode".
 */
import { Asc, SenseKey } from '../../scsi/codec/sense-codes.js';
import {
  armMoveSense,
  expectCleanerHome,
  expectFailedInQueue,
  expectStationNeverOpened,
  openWithCleaner,
} from '../harness/eject-steps.js';
import { startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedIePortFull',
  title:
    'START returns ERROR_SUCCESS; the move to the IE station finds it full: request FAILED with ERROR_IEPORT_FULL, cleaner still in its slot',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D5', 'D10', 'D11'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR, Capability.FAULT_INJECTION],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    await armMoveSense(
      t,
      'arm the changer to answer the next MOVE MEDIUM with ILLEGAL REQUEST 3B/0D (destination element full)',
      { key: SenseKey.ILLEGAL_REQUEST, ...Asc.MEDIUM_DESTINATION_ELEMENT_FULL },
    );
    const op = await startEject(t, h, cleaner);
    await expectFailedInQueue(
      t,
      'the request FAILED with ERROR_IEPORT_FULL without waiting for the operator: QUEUED → INPROCESS → FAILED',
      op,
      'ERROR_IEPORT_FULL',
      { noOperatorRequest: true },
    );
    await expectCleanerHome(t, cleaner, { handle: h, op, error: 'ERROR_IEPORT_FULL' });
    await expectStationNeverOpened(t);
  },
});
