/**
 * EjectNtmsCleaner(STOP) naming a GUID that is no eject-cleaner request of this library: ERROR_INVALID_OPERATION,
 * and nothing is stopped or moved. Spec: docs/rsm-semantics.md 3.6 (MS-RSMP table: STOP on an invalid operation id),
 * D7, D3.
 */
import { ejectCall, failsWithoutEffect, openReady, UNKNOWN_OPERATION } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.StopUnknownGuid',
  title: 'STOP naming an operation GUID that no eject of this library has',
  returns: 'ERROR_INVALID_OPERATION',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D7', 'D3'],
  needs: [Capability.IE_PORT],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(STOP) naming ${UNKNOWN_OPERATION}`,
      expected: 'ERROR_INVALID_OPERATION',
      decidedBy: 'stop-rules',
      operation: UNKNOWN_OPERATION,
      call: ejectCall(t, h, 'STOP'),
    });
  },
});
