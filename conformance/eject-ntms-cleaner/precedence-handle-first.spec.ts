/**
 * Precedence (D3): a closed handle together with a NULL lpLibrary and an invalid dwAction gives
 * ERROR_INVALID_HANDLE: the handle is checked before anything else. Spec: docs/rsm-semantics.md D3, 6 step 1.
 */
import { NtmsEjectOperation } from '../../rsm/index.js';
import { failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedenceHandleFirst',
  title: 'closed handle + NULL lpLibrary + invalid dwAction: the handle wins',
  returns: 'ERROR_INVALID_HANDLE',
  provenance: ['project decision'],
  decisions: ['D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    await openReady(t);
    const closed = await t.arrange('open a second session and close it', async () => {
      const h2 = await t.rsm.open();
      t.check.result('CloseNtmsSession', await t.rsm.call('closeNtmsSession', h2), 'ERROR_SUCCESS');
      return h2;
    });
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(closed handle, lpLibrary = NULL, dwAction = NTMS_EJECT_ASK_USER)',
      decidedBy: 'handle',
      expected: 'ERROR_INVALID_HANDLE',
      call: (op) => t.rsm.call('ejectNtmsCleaner', closed, null, op, NtmsEjectOperation.NTMS_EJECT_ASK_USER),
    });
  },
});
