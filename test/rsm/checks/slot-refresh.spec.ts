/**
 * The D4 refresh of the reserved slot when the changer cannot report it, and what makes a slot NOTPRESENT.
 * Spec: docs/rsm-model.md "Model decisions" M1 (a NOT READY read of the slot gives ERROR_SLOT_NOT_PRESENT) and M2
 * (only the product's "magazine removed" indication makes a slot NOTPRESENT); docs/rsm-semantics.md D4, D16, 7.1;
 * docs/smc-reference.md 1.6 "Magazine removed" and 1.7 (02/3B/12 Dell TL, 02/04/03 SuperLoader bay open).
 */
import { expect } from 'chai';
import { guidRef, NtmsSlotState } from '../../../rsm/index.js';
import type { ElementDescriptor } from '../../../scsi/codec/index.js';
import { isNotPresent } from '../../../rsm/changer/element-state.js';
import { makeFixture, reserve, slotId, startEject, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

const RES = 0xb8;
const slotState = (f: RsmFixture, address: number) =>
  f.service.inspect.library(f.libraryId)?.slots.find((s) => s.address === address)?.state;

describe('D4 refresh when the changer answers NOT READY (docs/rsm-model.md M1)', () => {
  it('Dell TL 02/3B/12 while the magazine is out: EjectNtmsCleaner gives ERROR_SLOT_NOT_PRESENT, not a stale ERROR_SLOT_EMPTY', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    expect(slotState(f, 4100)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_EMPTY);
    f.fake.failNext(RES, 2, 0x3b, 0x12);
    const { rc, op } = await startEject(f);
    expect(rc).to.equal(f.service.results.code('ERROR_SLOT_NOT_PRESENT'));
    expect(f.service.lastCheck?.step).to.equal('slot-present');
    expect(op.value).to.equal('00000000-0000-0000-0000-000000000000');
    expect(slotState(f, 4100)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT);
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot?.address).to.equal(4100);
    expect(f.service.inspect.libraryRequests()).to.have.length(0);
  });

  it('SuperLoader 02/04/03 while a bay is open: ReleaseNtmsCleanerSlot gives ERROR_SLOT_NOT_PRESENT and keeps the reservation', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    f.fake.failNext(RES, 2, 0x04, 0x03);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, guidRef(f.libraryId))).to.equal(
      f.service.results.code('ERROR_SLOT_NOT_PRESENT'),
    );
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot?.address).to.equal(4100);
  });

  it('ReserveNtmsCleanerSlot of a slot the changer cannot report gives ERROR_SLOT_NOT_PRESENT and reserves nothing', async () => {
    const f = await makeFixture();
    f.fake.failNext(RES, 2, 0x3b, 0x12);
    expect(await f.service.reserveNtmsCleanerSlot(f.handle, guidRef(f.libraryId), guidRef(slotId(f, 4101)))).to.equal(
      f.service.results.code('ERROR_SLOT_NOT_PRESENT'),
    );
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot).to.equal(null);
  });

  it('the next read that answers makes the slot present again (a cleaner there is ejected)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    f.fake.failNext(RES, 2, 0x3b, 0x12);
    expect((await startEject(f)).rc).to.equal(f.service.results.code('ERROR_SLOT_NOT_PRESENT'));
    const { rc } = await startEject(f);
    expect(rc).to.equal(0);
    expect(slotState(f, 4100)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_FULL);
  });

  it('still waits out NOT READY, BECOMING READY (04/01) and then uses the answer', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    f.fake.failNext(RES, 2, 0x04, 0x01);
    const call = startEject(f);
    expect((await f.clock.runUntil(call))?.rc).to.equal(0);
  });
});

describe('what makes a storage slot NOTPRESENT (docs/rsm-model.md M2)', () => {
  const base: ElementDescriptor = {
    elementType: 2,
    address: 4100,
    full: false,
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
  const cases: [string, Partial<ElementDescriptor>, 'sense' | 'access-only', boolean][] = [
    ['EXCEPT + 3B/12 (Quantum i-series)', { access: false, except: true, asc: 0x3b, ascq: 0x12 }, 'sense', true],
    [
      'ED + EXCEPT + 3B/12 (Dell TL, IBM TS3100/3200)',
      { access: false, except: true, ed: true, asc: 0x3b, ascq: 0x12 },
      'sense',
      true,
    ],
    ['EXCEPT + 83/02 (Tandberg, Exabyte)', { access: false, except: true, asc: 0x83, ascq: 0x02 }, 'sense', true],
    ['EXCEPT + 3B/11 (magazine not accessible)', { access: false, except: true, asc: 0x3b, ascq: 0x11 }, 'sense', true],
    ['ACCESS=0 alone on a product that shows a pulled magazine by sense', { access: false }, 'sense', false],
    [
      'ACCESS=0 alone on a product whose pulled magazine shows only that (SuperLoader 3)',
      { access: false },
      'access-only',
      true,
    ],
    ['ED alone (element disabled)', { ed: true, access: false }, 'sense', false],
    ['EXCEPT with another sense (30/03 cleaner)', { except: true, asc: 0x30, ascq: 0x03, full: true }, 'sense', false],
    ['accessible and plain', {}, 'access-only', false],
  ];
  for (const [what, fields, indication, expected] of cases) {
    it(`${what}: ${expected ? 'NOTPRESENT' : 'present'}`, () => {
      expect(isNotPresent({ ...base, ...fields }, indication)).to.equal(expected);
    });
  }

  it('a reserved slot that reads ACCESS=0 without a magazine indication is present: START queues the eject', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    f.fake.element(4100).inaccessible = true;
    const { rc } = await startEject(f);
    expect(rc).to.equal(0);
    expect(slotState(f, 4100)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_FULL);
  });

  it('on a product told its pulled magazine reads ACCESS=0 alone, that reading gives ERROR_SLOT_NOT_PRESENT', async () => {
    const f = await makeFixture({
      library: { pulledMagazine: 'access-only' },
      hints: { pulledMagazine: 'access-only' },
    });
    await withCleaner(f);
    f.fake.setMagazine([4100, 4101], false);
    expect((await startEject(f)).rc).to.equal(f.service.results.code('ERROR_SLOT_NOT_PRESENT'));
    expect(slotState(f, 4100)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT);
  });
});
