/**
 * The idle link check: TEST UNIT READY every pollIntervalMs while no request runs, so a lost link takes the library
 * offline before the next call (a library with neither port nor door answers 4305, not 4316). Spec:
 * docs/rsm-model.md "The changer link"; docs/rsm-semantics.md D12, D3, D5/D8 (poll interval).
 */
import { expect } from 'chai';
import { guidRef, NtmsEjectOperation, Win32 } from '../../../rsm/index.js';
import { makeFixture } from '../support/rsm-fixture.js';

const start = (f: Awaited<ReturnType<typeof makeFixture>>) =>
  f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(), NtmsEjectOperation.NTMS_EJECT_START);

describe('the idle link check (docs/rsm-model.md "The changer link", D12)', () => {
  it('takes an idle library offline within one poll interval of the link loss; EjectNtmsCleaner then gives 4305 before D9', async () => {
    const f = await makeFixture({
      library: { importExport: { first: 16, count: 0 } },
      hints: { door: false },
      policies: { idleLinkCheck: true, pollIntervalMs: 2000 },
    });
    expect(await start(f)).to.equal(Win32.ERROR_RESOURCE_NOT_PRESENT);
    f.fake.linkDown = true;
    await f.clock.advanceBy(1999);
    expect(f.service.inspect.library(f.libraryId)?.online).to.equal(true);
    await f.clock.advanceBy(1);
    expect(f.service.inspect.library(f.libraryId)).to.deep.include({ online: false, offlineReason: 'link-lost' });
    expect(await start(f)).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
    await f.service.stop();
  });

  it('is off by default: the idle library stays online until a command meets the lost link', async () => {
    const f = await makeFixture({ library: { importExport: { first: 16, count: 0 } }, hints: { door: false } });
    f.fake.linkDown = true;
    await f.clock.advanceBy(60_000);
    expect(f.service.inspect.library(f.libraryId)?.online).to.equal(true);
    expect(await start(f)).to.equal(Win32.ERROR_RESOURCE_NOT_PRESENT);
    await f.service.stop();
  });
});
