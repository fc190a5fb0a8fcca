/**
 * EjectNtmsCleaner naming a library GUID the database does not hold: ERROR_INVALID_LIBRARY. Spec:
 * docs/rsm-semantics.md 3.6 (C returns: library definition not in the database), 6 step 5, D3 (library lookup after
 * the parameters, before access).
 */
import { guidRef, NtmsEjectOperation } from '../../rsm/index.js';
import { failsWithoutEffect, openReady, UNKNOWN_LIBRARY } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.InvalidLibrary',
  title: 'START naming a library GUID that is not in the database',
  returns: 'ERROR_INVALID_LIBRARY',
  provenance: ['C-API', 'MS-RSMP'],
  decisions: ['D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(START) with lpLibrary = ${UNKNOWN_LIBRARY}`,
      expected: 'ERROR_INVALID_LIBRARY',
      decidedBy: 'library',
      call: (op) =>
        t.rsm.call('ejectNtmsCleaner', h, guidRef(UNKNOWN_LIBRARY), op, NtmsEjectOperation.NTMS_EJECT_START),
    });
  },
});
