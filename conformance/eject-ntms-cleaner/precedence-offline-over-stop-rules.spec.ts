/**
 * Precedence (D3): STOP naming an unknown operation on an offline library gives ERROR_LIBRARY_OFFLINE: the
 * library must be online before the STOP rules apply. Spec: docs/rsm-semantics.md D3, 3.6 (MS-RSMP rules 4 and 5), D7,
 * D12.
 */
import { NtmsEjectOperation } from '../../rsm/index.js';
import { UNKNOWN_OPERATION, arrangeReady, failsWithoutEffect } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedenceOfflineOverStopRules',
  title: 'offline library + STOP naming an unknown operation: offline wins',
  returns: 'ERROR_LIBRARY_OFFLINE',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D3', 'D7', 'D12'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await arrangeReady(t, h);
    await t.arrange('an administrator marks the library offline', () => t.rsm.markOffline());
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(STOP) naming ${UNKNOWN_OPERATION} on the offline library`,
      decidedBy: 'online',
      expected: 'ERROR_LIBRARY_OFFLINE',
      operation: UNKNOWN_OPERATION,
      call: (op) => t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_STOP),
    });
  },
});
