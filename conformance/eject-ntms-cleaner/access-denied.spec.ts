/**
 * EjectNtmsCleaner as a principal without NTMS_CONTROL_ACCESS on the library: ERROR_ACCESS_DENIED, nothing
 * queued. The caller is a member of BUILTIN\Users only (USE on the library), because on Windows Server 2003 and
 * later administrators pass every check. Spec: docs/rsm-semantics.md 3.6 (Access: CONTROL on the library), 5 (rights
 * table; BUILTIN\Administrators pass on 2003+), D3 (access after the library lookup), D14.
 */
import { arrangeReady, ejectCall, failsWithoutEffect } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';
import { NON_ADMIN_PRINCIPAL } from '../harness/rsm-driver.js';

export default returnPath({
  id: 'EjectNtmsCleaner.AccessDenied',
  title: 'START as a user without CONTROL access on the library',
  returns: 'ERROR_ACCESS_DENIED',
  provenance: ['C-API', 'MS-RSMP', 'project decision'],
  decisions: ['D3', 'D14'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const admin = await t.arrange('open a session as an administrator', () => t.rsm.open());
    await arrangeReady(t, admin);
    const user = await t.arrange(
      `open a session as ${NON_ADMIN_PRINCIPAL} (BUILTIN\\Users: USE on the library, not CONTROL)`,
      () => t.rsm.open(NON_ADMIN_PRINCIPAL),
    );
    await t.note(
      `access policy ${t.rsm.service.policies.accessPolicy}, NTMS_CONTROL_ACCESS = ${t.rsm.service.policies.controlAccessValue} (D14)`,
    );
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(START) as ${NON_ADMIN_PRINCIPAL}`,
      expected: 'ERROR_ACCESS_DENIED',
      decidedBy: 'access',
      call: ejectCall(t, user),
    });
  },
});
