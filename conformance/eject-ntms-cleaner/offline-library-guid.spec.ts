/**
 * EjectNtmsCleaner(START) naming the fixed offline library (the container of media in no library):
 * ERROR_LIBRARY_OFFLINE. Spec: docs/rsm-semantics.md 7.5 (the offline library, NTMS_LIBRARYFLAG_FIXEDOFFLINE),
 * 11.14, D12 ("the fixed offline library's GUID also gives 4305"), D3.
 */
import { guidRef, NtmsEjectOperation } from '../../rsm/index.js';
import { failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.OfflineLibraryGuid',
  title: "START naming the offline library's GUID",
  returns: 'ERROR_LIBRARY_OFFLINE',
  provenance: ['project decision'],
  decisions: ['D12', 'D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    const offline = t.rsm.service.inspect.offlineLibraryId;
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(START) with lpLibrary = the offline library ${offline}`,
      expected: 'ERROR_LIBRARY_OFFLINE',
      decidedBy: 'online',
      call: (op) => t.rsm.call('ejectNtmsCleaner', h, guidRef(offline), op, NtmsEjectOperation.NTMS_EJECT_START),
    });
  },
});
