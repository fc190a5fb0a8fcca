/**
 * Precedence (D3): with the client cut off from the service, a call with a valid handle and a NULL
 * lpEjectOperation gives ERROR_NOT_CONNECTED, not ERROR_INVALID_PARAMETER: the connection is checked before the
 * parameters. Spec: docs/rsm-semantics.md D3, D13 (link cut), 6 steps 2 and 4.
 */
import { ejectCall, failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedenceConnectionOverParameters',
  title: 'service unreachable + NULL lpEjectOperation: the connection wins',
  returns: 'ERROR_NOT_CONNECTED',
  provenance: ['project decision'],
  decisions: ['D3', 'D13'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    const before = await t.arrange('take a snapshot of the library and the RSM database', () => t.observe.snapshot());
    await t.arrange("cut the client's connection to the RSM service", () => t.rsm.setReachable(false));
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START) with lpEjectOperation = NULL while the service is unreachable',
      decidedBy: 'connection',
      expected: 'ERROR_NOT_CONNECTED',
      before,
      operation: null,
      call: ejectCall(t, h),
    });
  },
});
