/**
 * EjectNtmsCleaner with a handle opened before the RSM service restarted: ERROR_INVALID_HANDLE (the new
 * incarnation does not know it), while a new session works. Spec: docs/rsm-semantics.md D13 (after a service restart
 * old handles are unknown and return 6), D3.
 */
import { guidRef, NtmsEjectOperation, NtmsObjectType } from '../../rsm/index.js';
import { decidedProblem, ejectCall, failsWithoutEffect, openReady, UNTOUCHED_GUID } from '../harness/path-steps.js';
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
    const h = await openReady(t);
    await t.arrange('restart the RSM service (stop, start: the library is rediscovered)', () => t.rsm.restart());
    await failsWithoutEffect(t, {
      act: 'EjectNtmsCleaner(START) with the handle from before the restart',
      expected: 'ERROR_INVALID_HANDLE',
      decidedBy: 'handle',
      call: ejectCall(t, h),
    });
    await t.expect('a session opened after the restart is accepted: its handle passes the handle check', async () => {
      const fresh = await t.rsm.open();
      t.check.that(fresh !== h, 'the new session got the old handle back');
      const { code, info } = await t.rsm.objectInfo(fresh, t.rsm.libraryId, NtmsObjectType.NTMS_LIBRARY);
      t.check.result('GetNtmsObjectInformation(library) with the new handle', code, 'ERROR_SUCCESS');
      t.check.that(
        info.ObjectGuid === t.rsm.libraryId,
        `GetNtmsObjectInformation named ${info.ObjectGuid}; expected the library ${t.rsm.libraryId}`,
      );
      const rc = await t.rsm.call(
        'ejectNtmsCleaner',
        fresh,
        t.rsm.libraryRef(),
        guidRef(UNTOUCHED_GUID),
        NtmsEjectOperation.NTMS_EJECT_QUEUE,
      );
      t.check.result('EjectNtmsCleaner(dwAction 2) with the new handle', rc, 'ERROR_INVALID_PARAMETER');
      const problem = decidedProblem(t.rsm.service.lastCheck, 'parameters');
      t.check.that(problem === undefined, `with the new handle: ${problem ?? ''}`);
    });
  },
});
