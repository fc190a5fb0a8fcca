/**
 * EjectNtmsCleaner with a session handle that was never opened (NULL, INVALID_HANDLE_VALUE, a value the
 * service never issued): ERROR_INVALID_HANDLE before any other check. Spec: docs/rsm-semantics.md 3.6 (C returns:
 * ERROR_INVALID_HANDLE), 6 step 1 (the handle is checked first, client side), D3.
 */
import { INVALID_HANDLE_VALUE, NtmsEjectOperation, type NtmsHandle } from '../../rsm/index.js';
import { failsWithoutEffect, openReady } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

const HANDLES: readonly { readonly name: string; readonly handle: NtmsHandle | null }[] = [
  { name: 'NULL', handle: null },
  { name: 'INVALID_HANDLE_VALUE', handle: INVALID_HANDLE_VALUE },
  { name: 'a handle the service never issued (0x7777)', handle: 0x7777 },
];

export default returnPath({
  id: 'EjectNtmsCleaner.InvalidHandleNeverOpened',
  title: 'START with a handle that was never opened (NULL, INVALID_HANDLE_VALUE, never issued)',
  returns: 'ERROR_INVALID_HANDLE',
  provenance: ['C-API', 'MS-RSMP'],
  decisions: ['D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    await openReady(t);
    for (const { name, handle } of HANDLES) {
      await failsWithoutEffect(t, {
        act: `EjectNtmsCleaner(START) with hSession = ${name}`,
        expected: 'ERROR_INVALID_HANDLE',
        decidedBy: 'handle',
        call: (op) =>
          t.rsm.call('ejectNtmsCleaner', handle, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
      });
    }
  },
});
