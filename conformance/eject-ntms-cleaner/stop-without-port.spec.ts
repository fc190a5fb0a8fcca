/**
 * EjectNtmsCleaner(STOP) on a library without an IE port: ERROR_INVALID_OPERATION, at once, whatever GUID it
 * names. Spec: docs/rsm-semantics.md 3.6 (STOP is for IE-port libraries; MS-RSMP rule 5), D7, D3 (STOP rules after
 * online, before the port-or-door check).
 */
import { ejectCall, failsWithoutEffect, openReady, UNKNOWN_OPERATION } from '../harness/path-steps.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.StopWithoutPort',
  title: 'STOP on a library without an IE port',
  returns: 'ERROR_INVALID_OPERATION',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D7', 'D3'],
  needs: [Capability.NO_IE_PORT],
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
