/**
 * EjectNtmsCleaner with a session handle that was closed: ERROR_INVALID_HANDLE. Spec: docs/rsm-semantics.md 3.2 (any
 * later use of a closed handle returns an error, presumably ERROR_INVALID_HANDLE), 3.6, D3.
 */
import { ejectCall, failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.InvalidHandleClosed',
  title: 'START with a handle closed by CloseNtmsSession',
  returns: 'ERROR_INVALID_HANDLE',
  provenance: ['C-API', 'MS-RSMP'],
  decisions: ['D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    await openReady(t);
    const closed = await t.arrange(
      'open a second session and close it (CloseNtmsSession returns ERROR_SUCCESS)',
      async () => {
        const h2 = await t.rsm.open();
        t.check.result('CloseNtmsSession', await t.rsm.call('closeNtmsSession', h2), 'ERROR_SUCCESS');
        return h2;
      },
    );
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START) with the closed handle',
      expected: 'ERROR_INVALID_HANDLE',
      decidedBy: 'handle',
      call: ejectCall(t, closed),
    });
  },
});
