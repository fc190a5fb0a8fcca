/**
 * The results EjectNtmsCleaner is documented to return, where each is documented, and the ones the suite
 * cannot provoke with the reason why. The meta-check (meta-check.ts) fails when a documented result has no
 * return path file. Spec: docs/rsm-semantics.md 3.6 (the C-API list and the MS-RSMP table), D9 (neither port nor
 * door: ERROR_RESOURCE_NOT_PRESENT), D1 (pseudo-names kept as the public names).
 */
import type { ResultName } from '../../rsm/index.js';
import type { Provenance } from './return-path.js';

/** One documented result. */
export interface DocumentedResult {
  readonly name: ResultName;
  readonly documentedBy: readonly Provenance[];
  /** Where to read about it. */
  readonly where: string;
  /** Why no return path provokes it, when none can. */
  readonly waiver?: string;
}

/** EjectNtmsCleaner's documented results, in the order reports list them. */
export const EJECT_NTMS_CLEANER_RESULTS: readonly DocumentedResult[] = [
  { name: 'ERROR_SUCCESS', documentedBy: ['C-API', 'MS-RSMP'], where: 'docs/rsm-semantics.md 3.6; D5-D8' },
  { name: 'ERROR_ACCESS_DENIED', documentedBy: ['C-API', 'MS-RSMP'], where: 'docs/rsm-semantics.md 3.6, 5; D14' },
  { name: 'ERROR_INVALID_HANDLE', documentedBy: ['C-API', 'MS-RSMP'], where: 'docs/rsm-semantics.md 3.6, 3.2; D13' },
  { name: 'ERROR_INVALID_LIBRARY', documentedBy: ['C-API', 'MS-RSMP'], where: 'docs/rsm-semantics.md 3.6; D3' },
  { name: 'ERROR_NO_SLOT_SET', documentedBy: ['C-API'], where: 'docs/rsm-semantics.md 3.6, 2.2; D1' },
  { name: 'ERROR_NOT_CONNECTED', documentedBy: ['C-API', 'MS-RSMP'], where: 'docs/rsm-semantics.md 3.6; D13' },
  { name: 'ERROR_SLOT_EMPTY', documentedBy: ['C-API'], where: 'docs/rsm-semantics.md 3.6, 2.2; D1, D11' },
  { name: 'ERROR_SLOT_NOT_PRESENT', documentedBy: ['C-API'], where: 'docs/rsm-semantics.md 3.6, 2.2; D1, D16' },
  {
    name: 'ERROR_INVALID_PARAMETER',
    documentedBy: ['MS-RSMP'],
    where: 'docs/rsm-semantics.md 3.6 (MS-RSMP rule 1); D3',
  },
  {
    name: 'ERROR_RESOURCE_DISABLED',
    documentedBy: ['MS-RSMP'],
    where: 'docs/rsm-semantics.md 3.6 (MS-RSMP rule 3); D12',
  },
  {
    name: 'ERROR_LIBRARY_OFFLINE',
    documentedBy: ['MS-RSMP'],
    where: 'docs/rsm-semantics.md 3.6 (MS-RSMP rule 4); D12',
  },
  {
    name: 'ERROR_INVALID_OPERATION',
    documentedBy: ['MS-RSMP'],
    where: 'docs/rsm-semantics.md 3.6 (MS-RSMP rule 5 and table); D7',
  },
  { name: 'ERROR_RESOURCE_NOT_PRESENT', documentedBy: ['project decision'], where: 'docs/rsm-semantics.md D9, 11.9' },
  {
    name: 'ERROR_NOT_ENOUGH_MEMORY',
    documentedBy: ['MS-RSMP'],
    where: 'docs/rsm-semantics.md 3.6 (MS-RSMP table), 6 step 11',
    waiver:
      'an allocation failure inside the RSM service; neither the model nor a target can be made to run out of memory on demand, so no return path provokes it',
  },
];

/** The documented results no return path is expected to provoke (with their waivers). */
export function waivedResults(results: readonly DocumentedResult[] = EJECT_NTMS_CLEANER_RESULTS): DocumentedResult[] {
  return results.filter((r) => r.waiver !== undefined);
}
