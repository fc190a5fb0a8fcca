/** The shortest whole path: reserve, cleaner in, eject, operator takes it. Spec: docs/rsm-semantics.md D5. */
import { expect } from 'chai';
import { makeFixture, startEject, withCleaner } from './support/rsm-fixture.js';

describe('rsm smoke', () => {
  it('ejects a cleaner through the IE port when the operator takes it (per docs/rsm-semantics.md D5)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    const { rc, op } = await startEject(f);
    expect(rc).to.equal(0);
    await f.clock.runUntil(() => f.service.inspect.libraryRequest(op.value)?.stateName === 'NTMS_LM_WAITING');
    f.fake.operatorTakeFromStation(16);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(op.value));
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_PASSED',
    ]);
  });
});
