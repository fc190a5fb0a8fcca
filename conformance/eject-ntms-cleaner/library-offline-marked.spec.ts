/**
 * EjectNtmsCleaner(START) on a library an administrator marked offline: ERROR_LIBRARY_OFFLINE. Spec:
 * docs/rsm-semantics.md 3.6 (MS-RSMP rule 4), 7.5 (a library becomes offline when the client marks it so), D12, D3.
 */
import { arrangeUnavailable, ejectCall, failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.LibraryOfflineMarked',
  title: 'START on a library marked offline',
  returns: 'ERROR_LIBRARY_OFFLINE',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D12', 'D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    await arrangeUnavailable(t, h, 'offline');
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START)',
      expected: 'ERROR_LIBRARY_OFFLINE',
      decidedBy: 'online',
      call: ejectCall(t, h),
    });
  },
});
