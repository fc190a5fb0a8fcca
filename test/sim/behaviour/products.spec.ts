import { expect } from 'chai';
import {
  Asc,
  decodeElementStatus,
  decodeModeParameterList6,
  encodeModeSense6Cdb,
  encodeMoveMediumCdb,
  encodeOpenCloseImportExportElementCdb,
  encodeReadElementStatusCdb,
  SenseKey,
  type ElementDescriptor,
  type ModePage,
} from '../../../scsi/codec/index.js';
import { listFixtures, loadPersonality } from '../../../sim/personality/load-personality.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';

const N = 'nexus-a';
const SMALL = listFixtures()
  .map((f) => f.id)
  .filter((id) => id !== 'large-library-20k');

async function allDescriptors(bench: Bench): Promise<ElementDescriptor[]> {
  const r = await bench.run(
    N,
    encodeReadElementStatusCdb({
      voltag: bench.personality.capabilities.barcodeReader,
      elementType: 0,
      startingAddress: 0,
      numberOfElements: 0xffff,
      allocationLength: 0xffffff,
    }),
  );
  expectGood(r);
  return decodeElementStatus(r.dataIn).pages.flatMap((p) => p.descriptors);
}

async function addressPage(bench: Bench) {
  const pages: ModePage[] = decodeModeParameterList6(
    (await bench.run(N, encodeModeSense6Cdb({ dbd: true, pageCode: 0x1d, allocationLength: 255 }))).dataIn,
  ).pages;
  const p = pages[0];
  if (!p || !('page' in p) || p.code !== 0x1d) throw new Error('no page 1Dh');
  return p.page;
}

const hiddenTags = (p: Personality) =>
  p.inventory.filter((s) => typeof s.location === 'string').map((s) => s.volumeTag);

describe('sim per-product behaviour (every bundled fixture)', () => {
  for (const id of SMALL) {
    describe(id, () => {
      let bench: Bench;
      beforeEach(async () => {
        bench = new Bench(loadPersonality(id));
        await bench.drainUnitAttentions(N);
      });
      afterEach(() => bench.close());

      it('reports exactly the elements page 1Dh counts, without hidden cleaning slots', async () => {
        const page = await addressPage(bench);
        const all = await allDescriptors(bench);
        expect(all).to.have.length(
          page.numberOfTransports + page.numberOfStorage + page.numberOfImportExport + page.numberOfDataTransfer,
        );
        expect(page.numberOfStorage).to.equal(bench.personality.elements.storage.count);
        const visible = all.map((d) => d.primaryVolumeTag?.id);
        for (const tag of hiddenTags(bench.personality)) {
          expect(visible).not.to.include(tag);
          expect(bench.control.status().hiddenSlots.map((c) => c?.volumeTag)).to.include(tag);
        }
      });

      it("reports a pulled magazine in the product's style and refuses moves into it (05/3B/11)", async () => {
        const magazine =
          bench.personality.magazines.find((m) => m.storage.length > 0) ?? bench.personality.magazines[0];
        if (!magazine) {
          expect(bench.control.pullMagazine('any')).to.include({ ok: false, code: 'NO_SUCH_MAGAZINE' });
          return;
        }
        expect(bench.control.pullMagazine(magazine.id).ok).to.equal(true);
        expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.MEDIUM_MAGAZINE_REMOVED);
        const addresses = [...magazine.storage, ...magazine.importExport];
        const inMagazine = (await allDescriptors(bench)).filter((d) => addresses.includes(d.address));
        expect(inMagazine).to.have.length(addresses.length);
        const style = bench.personality.pulledMagazineStyle;
        for (const d of inMagazine) {
          expect(d.access).to.equal(false);
          expect(d.full).to.equal(false);
          expect(d.except).to.equal(style !== 'access-only');
          expect(d.ed).to.equal(style === 'ed-3b12');
        }
        const source = (await allDescriptors(bench)).find((d) => d.full && d.elementType === 2);
        if (source) {
          const r = await bench.run(
            N,
            encodeMoveMediumCdb({
              transportAddress: 0,
              sourceAddress: source.address,
              destinationAddress: addresses[0] as number,
            }),
          );
          expectCheck(r, SenseKey.ILLEGAL_REQUEST, Asc.MEDIUM_MAGAZINE_NOT_ACCESSIBLE);
        }
        expect(bench.control.insertMagazine(magazine.id).ok).to.equal(true);
        await bench.settle();
        expect(await bench.drainUnitAttentions(N)).to.deep.equal([Asc.MEDIUM_MAGAZINE_INSERTED]);
      });

      it('answers OPEN IMPORT/EXPORT ELEMENT as the product does', async () => {
        const p = bench.personality;
        const cdb = encodeOpenCloseImportExportElementCdb({
          elementAddress: p.elements.importExport.first,
          actionCode: 0,
        });
        const r = await bench.run(N, cdb);
        if (p.importExport.openCommand && p.elements.importExport.count > 0) {
          expectGood(r);
          expect(bench.control.status().importExport.open).to.equal(true);
          const close = await bench.run(
            N,
            encodeOpenCloseImportExportElementCdb({ elementAddress: p.elements.importExport.first, actionCode: 1 }),
          );
          if (p.importExport.closeCommand) expectGood(close);
          else expectCheck(close, SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, { cd: true, byte: 4, bit: 4 });
        } else {
          expectCheck(r, SenseKey.ILLEGAL_REQUEST, Asc.INVALID_COMMAND_OPERATION_CODE);
        }
      });

      it('gives the door-open sense of the product to TEST UNIT READY while the door is open', async () => {
        const p = bench.personality;
        if (!p.door.present) {
          expect(bench.control.openDoor()).to.include({ ok: false, code: 'NO_DOOR' });
          return;
        }
        expect(bench.control.openDoor().ok).to.equal(true);
        expectCheck(await bench.tur(N), p.door.openSense.key, p.door.openSense);
      });
    });
  }

  it('IBM TS3100: a move touching the open I/O station answers 05/3B/11 (openStationSense)', async () => {
    const bench = new Bench(loadPersonality('ibm-ts3100'));
    await bench.drainUnitAttentions(N);
    expect(bench.control.openImportExport().ok).to.equal(true);
    expectCheck(
      await bench.run(N, encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: 4096, destinationAddress: 16 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.MEDIUM_MAGAZINE_NOT_ACCESSIBLE,
    );
    bench.close();
  });
});
