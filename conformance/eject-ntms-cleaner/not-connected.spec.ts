/**
 * EjectNtmsCleaner with a once-valid handle while the RSM service is stopped: ERROR_NOT_CONNECTED, and nothing
 * happens at the library. Spec: docs/rsm-semantics.md 3.6 (ERROR_NOT_CONNECTED: unable to connect to the RSM
 * service), D13 (2250 while the service is unreachable: stopped, crashed, link cut), D3.
 */
import { ejectCall, failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.NotConnected',
  title: 'START with a valid handle while the RSM service is stopped',
  returns: 'ERROR_NOT_CONNECTED',
  provenance: ['C-API', 'MS-RSMP', 'project decision'],
  decisions: ['D13', 'D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    const before = await t.arrange('take a snapshot of the library and the RSM database', () => t.observe.snapshot());
    await t.arrange('stop the RSM service', () => t.rsm.stop());
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START) while the service is stopped',
      expected: 'ERROR_NOT_CONNECTED',
      decidedBy: 'connection',
      before,
      call: ejectCall(t, h),
    });
  },
});
