/** GUIDs from an injected random source and LPNTMS_GUID boxes. Spec: RFC 9562 5.4; docs/rsm-semantics.md 3 (NULL pointers), 4 (NULL GUID). */
import { expect } from 'chai';
import fc from 'fast-check';
import { cryptoRandomSource, guidRef, isGuid, newGuid, NULL_GUID, seededRandomSource } from '../../../rsm/index.js';

describe('rsm GUIDs', () => {
  it('makes version-4 GUIDs from the injected source', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const g = newGuid(() => bytes);
        return isGuid(g) && g[14] === '4' && '89ab'.includes(g[19] ?? '');
      }),
    );
  });

  it('repeats the same GUIDs for the same seed, and differs for another', () => {
    const a = seededRandomSource(1);
    const b = seededRandomSource(1);
    const c = seededRandomSource(2);
    const first = [newGuid(a), newGuid(a)];
    expect([newGuid(b), newGuid(b)]).to.deep.equal(first);
    expect(newGuid(c)).to.not.equal(first[0]);
    expect(first[0]).to.not.equal(first[1]);
  });

  it('models LPNTMS_GUID as a box holding the NULL GUID by default', () => {
    expect(guidRef()).to.deep.equal({ value: NULL_GUID });
    expect(isGuid(NULL_GUID)).to.equal(true);
    expect(isGuid('not-a-guid')).to.equal(false);
    expect(isGuid(newGuid(cryptoRandomSource()))).to.equal(true);
  });
});
