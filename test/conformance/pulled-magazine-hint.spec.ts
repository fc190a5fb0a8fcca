/**
 * What the suite tells the RSM model about a product's pulled magazines, from the library model's reading.
 * Spec: docs/rsm-model.md M2 (ACCESS=0 alone makes a slot NOTPRESENT only on an "access-only" product);
 * docs/smc-reference.md 1.6 "Magazine removed".
 */
import { expect } from 'chai';
import { pulledMagazineHint } from '../../conformance/harness/rsm-driver.js';
import { loadLibraryModel } from '../../conformance/harness/target/sim-target.js';

describe('the pulled-magazine hint for the RSM model (docs/rsm-model.md M2)', () => {
  const cases: [string, string][] = [
    ['quantum-superloader3', 'access-only'],
    ['ibm-ts3100', 'sense'],
    ['quantum-scalar-i3', 'sense'],
    ['tandberg-magnum-224', 'sense'],
  ];
  for (const [fixture, hint] of cases) {
    it(`${fixture}: ${hint}`, () => expect(pulledMagazineHint(loadLibraryModel(fixture))).to.equal(hint));
  }

  it('without a library model the RSM model keeps its default (by sense code)', () => {
    expect(pulledMagazineHint(undefined)).to.equal(undefined);
  });
});
