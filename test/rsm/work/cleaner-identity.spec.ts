/**
 * Which cartridge is a cleaner: the one the element's descriptor identifies (medium type, else a CLN volume
 * tag). A data cartridge in the reserved slot never becomes the cleaner and is never ejected as one; an inject
 * refuses one. Spec: docs/rsm-model.md "Model decisions" M5; docs/rsm-semantics.md 3.5 ("exactly one cleaner should
 * be inserted"), 3.6, 7.1, 9 (CLN barcodes, RECOGNIZECLEANERBARCODE), 2.1 (ERROR_INVALID_CLEANER 4310);
 * docs/smc-reference.md 1.3 (medium type 2 = cleaning), 1.6 "Cleaning cartridges".
 */
import { expect } from 'chai';
import { guidRef, Win32 } from '../../../rsm/index.js';
import type { ElementDescriptor } from '../../../scsi/codec/index.js';
import { cleanerIdentity } from '../../../rsm/changer/element-state.js';
import { makeFixture, reserve, startEject, stateOf, type RsmFixture } from '../support/rsm-fixture.js';

const full: ElementDescriptor = {
  elementType: 2,
  address: 4100,
  full: true,
  access: true,
  except: false,
  ed: false,
  asc: 0,
  ascq: 0,
  svalid: false,
  invert: false,
  mediumType: 0,
  sourceAddress: 0,
};
const tag = (id: string) => ({ primaryVolumeTag: { id, sequence: 0 } });

async function inject(f: RsmFixture): Promise<string> {
  const op = guidRef();
  expect(await f.service.injectNtmsCleaner(f.handle, guidRef(f.libraryId), op, 10, 0)).to.equal(0);
  await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
  return op.value;
}

describe('what the model takes for a cleaner (docs/rsm-model.md M5)', () => {
  const cases: [string, Partial<ElementDescriptor>, string][] = [
    ['medium type 2 (cleaning)', { mediumType: 2, ...tag('A00001L8') }, 'cleaner'],
    ['medium type 1 (data), even with a CLN tag', { mediumType: 1, ...tag('CLN001') }, 'data'],
    ['no medium type, CLN tag', tag('CLN002L1'), 'cleaner'],
    ['no medium type, another tag', tag('A00002L8'), 'data'],
    ['no medium type, no tag', {}, 'unknown'],
  ];
  for (const [what, fields, expected] of cases) {
    it(`${what}: ${expected}`, () => expect(cleanerIdentity({ ...full, ...fields })).to.equal(expected));
  }

  it('a data cartridge found in the reserved slot does not become the cleaner; START gives ERROR_SLOT_EMPTY and ejects nothing', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    f.fake.place(4100, 'A00001L8');
    const { rc, op } = await startEject(f);
    expect(rc).to.equal(f.service.results.code('ERROR_SLOT_EMPTY'));
    expect(op.value).to.equal('00000000-0000-0000-0000-000000000000');
    expect(f.service.inspect.libraryRequests()).to.have.length(0);
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(false);
    expect(f.service.inspect.cartridges(f.libraryId).find((c) => c.barcode === 'A00001L8')?.kind).to.equal('data');
    expect(f.fake.element(4100).full).to.equal(true);
  });

  it('an unidentified cartridge (no medium type, no volume tag) found there is not taken for the cleaner either', async () => {
    const f = await makeFixture({ library: { voltag: false } });
    await reserve(f, 4100);
    f.fake.place(4100, 'A00003L8');
    f.fake.element(4100).mediumType = 0;
    expect((await startEject(f)).rc).to.equal(f.service.results.code('ERROR_SLOT_EMPTY'));
  });

  it('a cartridge with a CLN tag and no medium type found there is the cleaner', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    f.fake.place(4100, 'CLN004');
    f.fake.element(4100).mediumType = 0;
    expect((await startEject(f)).rc).to.equal(0);
  });

  it('InjectNtmsCleaner through the IE port refuses a data cartridge: FAILED 4310, left in the IE element, no cleaner', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    const id = await inject(f);
    f.fake.operatorPutInStation(16, 'A00005L8', false);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view).to.deep.include({ stateName: 'NTMS_LM_FAILED', dwErrorCode: Win32.ERROR_INVALID_CLEANER });
    expect(f.fake.element(4100).full).to.equal(false);
    expect(f.fake.element(16)).to.include({ full: true, barcode: 'A00005L8' });
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(false);
    expect(f.service.inspect.cartridges(f.libraryId).find((c) => c.barcode === 'A00005L8')).to.deep.include({
      kind: 'data',
      location: { kind: 'ieport', address: 16 },
    });
  });

  it('InjectNtmsCleaner through the door refuses a data cartridge put in the reserved slot; EjectNtmsCleaner then ejects nothing', async () => {
    const f = await makeFixture({ library: { importExport: { first: 16, count: 0 } } });
    await reserve(f, 4100);
    const id = await inject(f);
    f.fake.operatorOpenDoor();
    f.fake.place(4100, 'A00006L8');
    f.fake.operatorCloseDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view).to.deep.include({ stateName: 'NTMS_LM_FAILED', dwErrorCode: Win32.ERROR_INVALID_CLEANER });
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(false);
    expect((await startEject(f)).rc).to.equal(f.service.results.code('ERROR_SLOT_EMPTY'));
    expect(
      f.service.inspect.libraryRequests(f.libraryId).filter((r) => r.operationName === 'NTMS_LM_EJECTCLEANER'),
    ).to.have.length(0);
  });

  it('InjectNtmsCleaner accepts an unidentified cartridge (the operator was asked for a cleaner)', async () => {
    const f = await makeFixture({ library: { voltag: false } });
    await reserve(f, 4100);
    const id = await inject(f);
    f.fake.operatorPutInStation(16, '', true);
    f.fake.element(16).mediumType = 0;
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(true);
  });
});
