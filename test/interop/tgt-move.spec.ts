/**
 * Interop: MOVE MEDIUM and the commands tgt's changer rejects, through our IscsiInitiator (a private tgtd,
 * test/support/tgt.ts). Moves between slots, into and out of drives mapped to tape LUs and drives that are not,
 * the sense codes of failed moves, and the 05/20/00 answers to PREVENT ALLOW MEDIUM REMOVAL and OPEN/CLOSE
 * IMPORT/EXPORT ELEMENT. Each test leaves the library as it found it.
 * Spec: SMC-3 6.6 MOVE MEDIUM, 6.10 READ ELEMENT STATUS (SVALID, SOURCE STORAGE ELEMENT ADDRESS), OPEN/CLOSE
 * IMPORT/EXPORT ELEMENT, PREVENT ALLOW MEDIUM REMOVAL; docs/smc-reference.md 2b; docs/tgt-quirks.md.
 */
import { expect } from 'chai';
import {
  ElementType,
  encodeInitializeElementStatusCdb,
  encodeOpenCloseImportExportElementCdb,
  encodePreventAllowMediumRemovalCdb,
  encodeTestUnitReadyCdb,
} from '../../scsi/codec/index.js';
import type { ElementDescriptor } from '../../scsi/codec/index.js';
import { formatMtxStatus } from '../../scsi/host/mtx-status.js';
import { readElements, readInventory } from '../../scsi/host/read-inventory.js';
import { INTEROP_LAYOUT, move, outcome, useTgtChanger, type TgtSession } from './support/tgt-session.js';

async function element(s: TgtSession, type: number, address: number): Promise<ElementDescriptor> {
  const all = await readElements(s.initiator, type, 0, 0xffff, { lun: s.tgt.lun });
  const d = all.find((e) => e.address === address);
  if (d === undefined) throw new Error(`element ${address} of type ${type} not reported`);
  return d;
}

const slot = (s: TgtSession, address: number) => element(s, ElementType.STORAGE, address);
const drive = (s: TgtSession, address: number) => element(s, ElementType.DATA_TRANSFER, address);

async function command(s: TgtSession, cdb: Buffer): Promise<string> {
  return outcome(await s.initiator.execute({ lun: s.tgt.lun, cdb, allocationLength: 0 }));
}

describe('tgt interop: MOVE MEDIUM and rejected commands (docs/tgt-quirks.md)', function () {
  this.timeout(60_000);
  const s = useTgtChanger({ name: 'interop-move', ...INTEROP_LAYOUT });

  before(async () => {
    // Consume the power-on unit attention of this nexus.
    expect(await command(s, encodeTestUnitReadyCdb())).to.equal('06/29/00');
  });

  it('MOVE MEDIUM slot to slot is visible in the following READ ELEMENT STATUS (tag, SVALID and source follow), and back', async () => {
    expect(await move(s, 1000, 1011)).to.equal('good');
    expect(await slot(s, 1000)).to.deep.include({ full: false, svalid: false });
    const moved = await slot(s, 1011);
    expect(moved).to.deep.include({ full: true, svalid: true, sourceAddress: 1000 });
    expect(moved.primaryVolumeTag?.id).to.equal('TG1000L8');
    expect(await move(s, 1011, 1000)).to.equal('good');
    const back = await slot(s, 1000);
    expect(back).to.deep.include({ full: true, svalid: true, sourceAddress: 1011 });
    expect(back.primaryVolumeTag?.id).to.equal('TG1000L8');
  });

  it('moves into and out of the import/export element and the medium transport element like any slot', async () => {
    expect(await move(s, 1001, 10)).to.equal('good');
    expect((await element(s, ElementType.IMPORT_EXPORT, 10)).full).to.equal(true);
    expect(await move(s, 10, 1)).to.equal('good');
    expect((await element(s, ElementType.MEDIUM_TRANSPORT, 1)).full).to.equal(true);
    expect(await move(s, 1, 1001)).to.equal('good');
    expect((await slot(s, 1001)).primaryVolumeTag?.id).to.equal('TG1001L8');
  });

  it('failed moves: source empty 05/3B/0E, destination full 05/3B/0D, unknown address 05/24/00 (not 05/21/01)', async () => {
    expect(await move(s, 1003, 1011)).to.equal('05/3B/0E');
    expect(await move(s, 1000, 1001)).to.equal('05/3B/0D');
    expect(await move(s, 1000, 9999)).to.equal('05/24/00');
    expect(await move(s, 9999, 1011)).to.equal('05/24/00');
    expect(await move(s, 1000, 1000), 'source = destination, full').to.equal('05/3B/0D');
  });

  it('does not check the transport address or INVERT (single-sided media turn over without complaint)', async () => {
    expect(await move(s, 1000, 1011, { transport: 77 })).to.equal('good');
    expect(await move(s, 1011, 1000, { invert: true })).to.equal('good');
    expect((await slot(s, 1000)).invert).to.equal(false);
  });

  it('MOVE MEDIUM into a drive loads its tape LU; mtx status shows the drive full from its slot; then back', async () => {
    expect(await move(s, 1002, 500)).to.equal('good');
    const loaded = await drive(s, 500);
    expect(loaded).to.deep.include({ full: true, svalid: true, sourceAddress: 1002 });
    expect(loaded.primaryVolumeTag?.id).to.equal('TG1002L8');
    const text = formatMtxStatus(await readInventory(s.initiator, s.tgt.lun), 'tgt');
    expect(text).to.contain('Data Transfer Element 0:Full (Storage Element 3 Loaded):VolumeTag = TG1002L8\n');
    expect(text).to.contain('      Storage Element 3:Empty\n');
    expect(await move(s, 1006, 500), 'drive already full').to.equal('05/3B/0D');
    expect(await move(s, 500, 1002)).to.equal('good');
    expect(await slot(s, 1002), 'source after an unload: the drive, not a storage element').to.deep.include({
      full: true,
      svalid: true,
      sourceAddress: 500,
    });
    expect((await drive(s, 500)).full).to.equal(false);
  });

  it('a cartridge without a barcode cannot be loaded (no tape image to open): 04/15/01, the drive stays empty', async () => {
    expect(await move(s, 1010, 501)).to.equal('04/15/01');
    expect((await drive(s, 501)).full).to.equal(false);
    expect((await slot(s, 1010)).full).to.equal(true);
  });

  it('PREVENT ALLOW MEDIUM REMOVAL (prevent and allow) is rejected with 05/20/00', async () => {
    expect(await command(s, encodePreventAllowMediumRemovalCdb({ prevent: 1 }))).to.equal('05/20/00');
    expect(await command(s, encodePreventAllowMediumRemovalCdb({ prevent: 0 }))).to.equal('05/20/00');
  });

  it('OPEN/CLOSE IMPORT/EXPORT ELEMENT (open and close) is rejected with 05/20/00', async () => {
    expect(await command(s, encodeOpenCloseImportExportElementCdb({ elementAddress: 10, actionCode: 0 }))).to.equal(
      '05/20/00',
    );
    expect(await command(s, encodeOpenCloseImportExportElementCdb({ elementAddress: 10, actionCode: 1 }))).to.equal(
      '05/20/00',
    );
  });

  it('INITIALIZE ELEMENT STATUS is accepted and changes nothing', async () => {
    const before = formatMtxStatus(await readInventory(s.initiator, s.tgt.lun), 'tgt');
    expect(await command(s, encodeInitializeElementStatusCdb())).to.equal('good');
    expect(formatMtxStatus(await readInventory(s.initiator, s.tgt.lun), 'tgt')).to.equal(before);
  });
});

describe('tgt interop: drive elements not mapped to a tape LU (docs/tgt-quirks.md)', function () {
  this.timeout(60_000);
  const s = useTgtChanger({ name: 'interop-unmapped', ...INTEROP_LAYOUT, tapeDrives: false });

  it('report ASC/ASCQ 04/02 without EXCEPT, refuse loads with 04/15/01 and stay empty', async () => {
    expect(await command(s, encodeTestUnitReadyCdb())).to.equal('06/29/00');
    const d = await drive(s, 500);
    expect(d).to.deep.include({ full: false, except: false, asc: 0x04, ascq: 0x02 });
    expect(d.identifier, 'no tape LU, no identifier').to.equal(undefined);
    expect(await move(s, 1000, 500)).to.equal('04/15/01');
    expect((await drive(s, 500)).full).to.equal(false);
    expect((await slot(s, 1000)).full).to.equal(true);
  });
});
