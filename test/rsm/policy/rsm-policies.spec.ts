/** The policy object and its report. Spec: docs/rsm-semantics.md D1, D6, D14. */
import { expect } from 'chai';
import {
  DEFAULT_POLICIES,
  describePolicies,
  formatPolicies,
  RESOURCE_NOT_PRESENT_PROFILE,
  resolvePolicies,
} from '../../../rsm/index.js';

describe('rsm policies', () => {
  it('defaults to the D1 profile, the D6 "fail" time-out and the D14 "2003+" policy with CONTROL = 4', () => {
    expect(DEFAULT_POLICIES.codeProfile.name).to.equal('D1-default');
    expect(DEFAULT_POLICIES.timeoutPolicy).to.equal('fail');
    expect(DEFAULT_POLICIES.accessPolicy).to.equal('2003+');
    expect(DEFAULT_POLICIES.controlAccessValue).to.equal(4);
    expect(DEFAULT_POLICIES.pollIntervalMs).to.equal(2000);
  });

  it('prints the values a run used, with the decision each implements', () => {
    const p = resolvePolicies({
      timeoutPolicy: 'operator-request-only',
      codeProfile: RESOURCE_NOT_PRESENT_PROFILE,
      controlAccessValue: 3,
    });
    const lines = describePolicies(p);
    expect(lines.find((l) => l.policy === 'eject time-out')).to.deep.equal({
      policy: 'eject time-out',
      value: 'operator-request-only',
      decision: 'D6',
    });
    expect(lines.find((l) => l.policy === 'NTMS_CONTROL_ACCESS')?.value).to.equal('3');
    const text = formatPolicies(p);
    expect(text).to.contain('code profile: resource-not-present [D1]');
    expect(text).to.contain('ERROR_SLOT_NOT_PRESENT: 4316 (ERROR_RESOURCE_NOT_PRESENT), confidence low [D1]');
  });

  it('rejects values out of range', () => {
    expect(() => resolvePolicies({ defaultMaxExtendSecs: 70000 })).to.throw(RangeError, /WORD/);
    expect(() => resolvePolicies({ pollIntervalMs: 0 })).to.throw(RangeError);
    expect(() => resolvePolicies({ controlAccessValue: 5 as 4 })).to.throw(RangeError);
  });
});
