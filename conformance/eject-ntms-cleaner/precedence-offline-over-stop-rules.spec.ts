/**
 * Precedence (D3): STOP naming an unknown operation on an offline library gives ERROR_LIBRARY_OFFLINE: the
 * library must be online before the STOP rules apply. Spec: docs/rsm-semantics.md D3, 3.6 (MS-RSMP rules 4 and 5), D7,
 * D12.
 */
import {
  arrangeUnavailable,
  ejectCall,
  failsWithoutEffect,
  openReady,
  UNKNOWN_OPERATION,
} from '../harness/path-steps.js';
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
    const h = await openReady(t);
    await arrangeUnavailable(t, h, 'offline');
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(STOP) naming ${UNKNOWN_OPERATION} on the offline library`,
      decidedBy: 'online',
      expected: 'ERROR_LIBRARY_OFFLINE',
      operation: UNKNOWN_OPERATION,
      call: ejectCall(t, h, 'STOP'),
    });
  },
});
