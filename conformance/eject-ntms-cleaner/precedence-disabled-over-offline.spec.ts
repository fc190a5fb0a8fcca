/**
 * Precedence (D3): a library that is both disabled and offline gives ERROR_RESOURCE_DISABLED: enabled is checked
 * before online. Spec: docs/rsm-semantics.md D3 ("disabled and offline at once gives 4309"), 3.6 (MS-RSMP rules 3
 * and 4), D12.
 */
import { arrangeUnavailable, ejectCall, failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedenceDisabledOverOffline',
  title: 'disabled + offline library: disabled wins',
  returns: 'ERROR_RESOURCE_DISABLED',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D3', 'D12'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    await arrangeUnavailable(t, h, 'disabled', 'offline');
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START) on the disabled, offline library',
      decidedBy: 'enabled',
      expected: 'ERROR_RESOURCE_DISABLED',
      call: ejectCall(t, h),
    });
  },
});
