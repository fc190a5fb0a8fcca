/**
 * The meta-test: every documented result of EjectNtmsCleaner has a return path file (the same check runs as the
 * first test of `conformance run`), and the check itself catches what it must. Spec:
 * conformance/harness/meta-check.ts, documented-results.ts; docs/architecture.md style rule 10.
 */
import { expect } from 'chai';
import { EJECT_NTMS_CLEANER_RESULTS } from '../../conformance/harness/documented-results.js';
import { loadReturnPaths } from '../../conformance/harness/load-paths.js';
import { coverageProblems } from '../../conformance/harness/meta-check.js';
import { returnPath, type ReturnPath } from '../../conformance/harness/return-path.js';

const path = (id: string, returns: string, extra: Partial<ReturnPath> = {}): ReturnPath =>
  returnPath({
    id,
    title: id,
    returns,
    provenance: ['C-API'],
    decisions: ['D3'],
    needs: [],
    hostOnly: true,
    destructive: false,
    run: async () => undefined,
    ...extra,
  });

describe('conformance meta-check', () => {
  let paths: ReturnPath[];
  before(async () => {
    paths = await loadReturnPaths();
  });

  it('every documented EjectNtmsCleaner result has a return path file', () => {
    expect(coverageProblems(paths)).to.deep.equal([]);
  });

  it('covers the cases the issue lists, each by its own file', () => {
    const ids = paths.map((p) => p.id);
    for (const id of [
      'PortOperatorTakes',
      'PortStop',
      'PortTimeout',
      'DoorOperatorTakes',
      'AccessDenied',
      'InvalidHandleNeverOpened',
      'InvalidHandleClosed',
      'InvalidHandleAfterRestart',
      'InvalidLibrary',
      'NoSlotSet',
      'NotConnected',
      'SlotEmpty',
      'SlotEmptySecondStart',
      'SlotNotPresent',
      'InvalidParameter',
      'ResourceDisabled',
      'LibraryOfflineLinkLost',
      'StopWithoutPort',
      'StopUnknownGuid',
      'ResourceNotPresent',
      'PrecedenceDisabledOverOffline',
    ]) {
      expect(ids, id).to.include(`EjectNtmsCleaner.${id}`);
    }
  });

  it('fails when a documented result loses its file', () => {
    const without = paths.filter((p) => p.returns !== 'ERROR_SLOT_NOT_PRESENT');
    const problems = coverageProblems(without);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^ERROR_SLOT_NOT_PRESENT is documented .* but no return path file expects it$/);
  });

  it('fails on duplicate ids, undocumented results, unknown decisions and capabilities', () => {
    const problems = coverageProblems([
      ...paths,
      path('EjectNtmsCleaner.AccessDenied', 'ERROR_ACCESS_DENIED'),
      path('EjectNtmsCleaner.Odd', 'ERROR_BUSY', { decisions: ['D17'], needs: ['teleport' as never] }),
    ]);
    expect(problems.join('\n')).to.match(/EjectNtmsCleaner.AccessDenied: two return path files have this id/);
    expect(problems.join('\n')).to.match(/expects ERROR_BUSY, which no source documents/);
    expect(problems.join('\n')).to.match(/decision "D17" is not one of D1-D16/);
    expect(problems.join('\n')).to.match(/unknown capability "teleport"/);
  });

  it('a waived result needs no file, and a waiver that a file contradicts is reported', () => {
    const waived = EJECT_NTMS_CLEANER_RESULTS.filter((d) => d.waiver !== undefined);
    expect(waived.map((d) => d.name)).to.deep.equal(['ERROR_NOT_ENOUGH_MEMORY']);
    expect(coverageProblems([...paths, path('EjectNtmsCleaner.Oom', 'ERROR_NOT_ENOUGH_MEMORY')])).to.have.length(1);
  });

  it('rejects ids that do not look like Function.Case', () => {
    expect(() => path('ejectCleaner', 'ERROR_SUCCESS')).to.throw(/Function\.Case/);
  });
});
