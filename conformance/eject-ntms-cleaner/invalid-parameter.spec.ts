/**
 * EjectNtmsCleaner with a NULL lpLibrary, a NULL lpEjectOperation, or a dwAction that is neither START nor
 * STOP: ERROR_INVALID_PARAMETER, returned at once. Spec: docs/rsm-semantics.md 3.6 (MS-RSMP rule 1), 1.4, 2.3
 * (NtmsEjectOperation values), D3 (parameters after handle and connection, before the library lookup).
 */
import { NtmsEjectOperation, type Guid, type GuidRef } from '../../rsm/index.js';
import { failsWithoutEffect, openReady, UNTOUCHED_GUID } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';
import type { PathTest } from '../harness/path-test.js';

interface Variant {
  readonly name: string;
  readonly library: (t: PathTest) => GuidRef | null;
  /** lpEjectOperation's initial value: a GUID, or null for a NULL pointer (D10 cannot be observed then). */
  readonly op: Guid | null;
  readonly action: number;
}

const VARIANTS: readonly Variant[] = [
  { name: 'lpLibrary = NULL', library: () => null, op: UNTOUCHED_GUID, action: NtmsEjectOperation.NTMS_EJECT_START },
  {
    name: 'lpEjectOperation = NULL',
    library: (t) => t.rsm.libraryRef(),
    op: null,
    action: NtmsEjectOperation.NTMS_EJECT_START,
  },
  {
    name: 'dwAction = NTMS_EJECT_QUEUE (2)',
    library: (t) => t.rsm.libraryRef(),
    op: UNTOUCHED_GUID,
    action: NtmsEjectOperation.NTMS_EJECT_QUEUE,
  },
  { name: 'dwAction = 0xFFFFFFFF', library: (t) => t.rsm.libraryRef(), op: UNTOUCHED_GUID, action: 0xffffffff },
];

export default returnPath({
  id: 'EjectNtmsCleaner.InvalidParameter',
  title: 'NULL lpLibrary, NULL lpEjectOperation, or dwAction other than START and STOP',
  returns: 'ERROR_INVALID_PARAMETER',
  provenance: ['MS-RSMP'],
  decisions: ['D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    for (const v of VARIANTS) {
      await failsWithoutEffect(t, {
        act: `EjectNtmsCleaner with ${v.name}`,
        expected: 'ERROR_INVALID_PARAMETER',
        decidedBy: 'parameters',
        operation: v.op,
        call: (op) => t.rsm.call('ejectNtmsCleaner', h, v.library(t), op, v.action),
      });
    }
  },
});
