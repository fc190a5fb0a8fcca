/**
 * Precedence (D3): a caller without CONTROL access naming an unknown library gets ERROR_INVALID_LIBRARY: the
 * library must be found before its ACL can be checked. Spec: docs/rsm-semantics.md D3, 6 step 5, 11.3.
 */
import { guidRef, NtmsEjectOperation } from '../../rsm/index.js';
import { UNKNOWN_LIBRARY, arrangeReady, failsWithoutEffect } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';
import { NON_ADMIN_PRINCIPAL } from '../harness/rsm-driver.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedenceLibraryOverAccess',
  title: 'no CONTROL access + unknown library: the library lookup wins',
  returns: 'ERROR_INVALID_LIBRARY',
  provenance: ['project decision'],
  decisions: ['D3', 'D14'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const admin = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await arrangeReady(t, admin);
    const user = await t.arrange(`open a session as ${NON_ADMIN_PRINCIPAL} (no CONTROL access)`, () =>
      t.rsm.open(NON_ADMIN_PRINCIPAL),
    );
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(START) as ${NON_ADMIN_PRINCIPAL} with lpLibrary = ${UNKNOWN_LIBRARY}`,
      decidedBy: 'library',
      expected: 'ERROR_INVALID_LIBRARY',
      call: (op) =>
        t.rsm.call('ejectNtmsCleaner', user, guidRef(UNKNOWN_LIBRARY), op, NtmsEjectOperation.NTMS_EJECT_START),
    });
  },
});
