/**
 * EjectNtmsCleaner with a handle opened before the RSM service restarted: ERROR_INVALID_HANDLE (the new
 * incarnation does not know it), while a new session works. Spec: docs/rsm-semantics.md D13 (after a service restart
 * old handles are unknown and return 6), D3.
 */
import { NtmsEjectOperation } from '../../rsm/index.js';
import { arrangeReady, failsWithoutEffect } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.InvalidHandleAfterRestart',
  title: 'START with a handle from before a service restart',
  returns: 'ERROR_INVALID_HANDLE',
  provenance: ['C-API', 'project decision'],
  decisions: ['D13', 'D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await arrangeReady(t, h);
    await t.arrange('restart the RSM service (stop, start: the library is rediscovered)', () => t.rsm.restart());
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START) with the handle from before the restart',
      expected: 'ERROR_INVALID_HANDLE',
      call: (op) => t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
    });
    await t.expect('a session opened after the restart is accepted', async () => {
      const fresh = await t.rsm.open();
      t.check.that(fresh !== h, 'the new session got the old handle back');
    });
  },
});
