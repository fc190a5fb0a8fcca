/**
 * Precedence (D3): a caller without CONTROL access on a disabled library gets ERROR_ACCESS_DENIED: access is
 * checked before the enabled state. Spec: docs/rsm-semantics.md D3, 3.6 (MS-RSMP rules 2 and 3), D14.
 */
import { arrangeReady, ejectCall, failsWithoutEffect } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';
import { NON_ADMIN_PRINCIPAL } from '../harness/rsm-driver.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedenceAccessOverDisabled',
  title: 'no CONTROL access + disabled library: access wins',
  returns: 'ERROR_ACCESS_DENIED',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D3', 'D14', 'D12'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const admin = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await arrangeReady(t, admin);
    await t.arrange('disable the library (DisableNtmsObject)', () => t.rsm.disableLibrary(admin));
    const user = await t.arrange(`open a session as ${NON_ADMIN_PRINCIPAL} (no CONTROL access)`, () =>
      t.rsm.open(NON_ADMIN_PRINCIPAL),
    );
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(START) as ${NON_ADMIN_PRINCIPAL} on the disabled library`,
      decidedBy: 'access',
      expected: 'ERROR_ACCESS_DENIED',
      call: ejectCall(t, user),
    });
  },
});
