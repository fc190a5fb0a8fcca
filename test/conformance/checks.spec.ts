/**
 * Tests of the shared expectations' messages: results are named with their numbers under the run's code profile,
 * and an unwritten lpEjectOperation is checked exactly. Spec: conformance/harness/observation/checks.ts; docs/rsm-semantics.md D1, D10.
 */
import { expect } from 'chai';
import { guidRef, ResultTable, RESOURCE_NOT_PRESENT_PROFILE, DEFAULT_CODE_PROFILE } from '../../rsm/index.js';
import { Checks } from '../../conformance/harness/observation/checks.js';
import type { RsmDriver } from '../../conformance/harness/rsm-driver.js';

const driver = (profile = DEFAULT_CODE_PROFILE) => ({ results: new ResultTable(profile) }) as unknown as RsmDriver;

describe('conformance/harness/observation/checks', () => {
  it('accepts the number a result name has under the profile, and names both on a mismatch', () => {
    const check = new Checks(driver());
    check.result('EjectNtmsCleaner(START)', 4306, 'ERROR_SLOT_EMPTY');
    expect(() => check.result('EjectNtmsCleaner(START)', 4306, 'ERROR_SLOT_NOT_PRESENT')).to.throw(
      'EjectNtmsCleaner(START) returned ERROR_EMPTY/ERROR_SLOT_EMPTY (4306); expected ERROR_SLOT_NOT_PRESENT (5006)',
    );
  });

  it('follows the code profile (ERROR_SLOT_NOT_PRESENT is 4316 in resource-not-present)', () => {
    const check = new Checks(driver(RESOURCE_NOT_PRESENT_PROFILE));
    check.result('call', 4316, 'ERROR_SLOT_NOT_PRESENT');
    expect(() => check.result('call', 5006, 'ERROR_SLOT_NOT_PRESENT')).to.throw(
      /expected ERROR_SLOT_NOT_PRESENT \(4316\)/,
    );
  });

  it('an lpEjectOperation written by a failed call is caught (D10)', () => {
    const check = new Checks(driver());
    const ref = guidRef('5e1f0000-0000-4000-8000-00000000c1ea');
    check.guidUntouched(ref, ref.value);
    check.guidUntouched(null, ref.value);
    ref.value = '00000000-0000-0000-0000-000000000000';
    expect(() => check.guidUntouched(ref, '5e1f0000-0000-4000-8000-00000000c1ea')).to.throw(
      /lpEjectOperation was written .* although the call failed \(D10\)/,
    );
  });
});
