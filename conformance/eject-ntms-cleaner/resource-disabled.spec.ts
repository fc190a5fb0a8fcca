/**
 * EjectNtmsCleaner on a disabled library (DisableNtmsObject): ERROR_RESOURCE_DISABLED. Spec:
 * docs/rsm-semantics.md 3.6 (MS-RSMP rule 3), 11.11 (4309 rather than 4319), D12, D3 (enabled after access, before
 * online).
 */
import { arrangeUnavailable, ejectCall, failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.ResourceDisabled',
  title: 'START on a disabled library',
  returns: 'ERROR_RESOURCE_DISABLED',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D12', 'D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    await arrangeUnavailable(t, h, 'disabled');
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_RESOURCE_DISABLED',
      decidedBy: 'enabled',
      call: ejectCall(t, h),
    });
  },
});
