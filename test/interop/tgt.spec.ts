/**
 * Interop: our IscsiInitiator and host tooling against tgt's SMC changer (a private tgtd, test/support/tgt.ts):
 * login and discovery, INQUIRY, REPORT LUNS, MODE SENSE page 1Dh, READ ELEMENT STATUS as tgt really sends it, and
 * the mtx-style status of the whole library. Moves and rejected commands: tgt-move.spec.ts.
 * Spec: RFC 7143 (login, SendTargets: docs/iscsi.md 7.3, 7.9);
 * SPC-4 6.6 INQUIRY, 6.33 REPORT LUNS, 6.13 MODE SENSE(6); SMC-3 6.10, 7.3;
 * docs/smc-reference.md 2b, 2c; every deviation asserted here is listed in docs/tgt-quirks.md.
 */
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { runCli } from '../../cli/build-cli.js';
import {
  CodecError,
  decodeElementStatus,
  decodeReportLunsData,
  encodeReadElementStatusCdb,
  encodeReportLunsCdb,
  encodeTestUnitReadyCdb,
  ElementType,
} from '../../scsi/codec/index.js';
import { executeChecked } from '../../scsi/host/execute-checked.js';
import { formatElementConditions, formatMtxStatus } from '../../scsi/host/mtx-status.js';
import {
  readElementAddressAssignment,
  readElements,
  readInquiry,
  readInventory,
} from '../../scsi/host/read-inventory.js';
import { IscsiInitiator } from '../../scsi/transport/iscsi/index.js';
import { INTEROP_LAYOUT, outcome, readElementStatusRaw, useTgtChanger } from './support/tgt-session.js';

/** `mtx status` of the default tgt changer (test/support/tgt.ts defaultCartridges) with INTEROP_LAYOUT. */
export function expectedMtxStatus(device: string): string {
  const lines = [
    `  Storage Changer ${device}:2 Drives, 25 Slots ( 1 Import/Export )`,
    'Data Transfer Element 0:Empty',
    'Data Transfer Element 1:Empty',
  ];
  for (let i = 0; i < 24; i++) {
    const address = 1000 + i;
    if (i < 10 && i !== 3) lines.push(`      Storage Element ${i + 1}:Full :VolumeTag=TG${address}L8`);
    else if (i === 10) lines.push(`      Storage Element ${i + 1}:Full `);
    else lines.push(`      Storage Element ${i + 1}:Empty`);
  }
  lines.push('      Storage Element 25 IMPORT/EXPORT:Empty');
  return lines.join('\n') + '\n';
}

describe('tgt interop: session, identity, element map and READ ELEMENT STATUS (docs/tgt-quirks.md)', function () {
  this.timeout(60_000);
  const s = useTgtChanger({ name: 'interop', ...INTEROP_LAYOUT });

  it('logs in; SendTargets lists the target on its loopback portal; the first command meets 06/29/00, then GOOD', async () => {
    expect(s.initiator.tsih).to.be.greaterThan(0);
    expect(s.initiator.targetName).to.equal(s.tgt.targetName);
    const found = await IscsiInitiator.discover(`iscsi://127.0.0.1:${s.tgt.portal.port}`);
    const ours = found.find((t) => t.targetName === s.tgt.targetName);
    expect(ours, JSON.stringify(found)).to.not.equal(undefined);
    expect(ours?.portals).to.deep.equal([{ host: '127.0.0.1', port: s.tgt.portal.port, tpgt: 1 }]);
    const first = await s.initiator.execute({ lun: s.tgt.lun, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 });
    expect(outcome(first)).to.equal('06/29/00');
    const second = await s.initiator.execute({ lun: s.tgt.lun, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 });
    expect(outcome(second)).to.equal('good');
  });

  it('INQUIRY: a removable medium changer (device type 08h), vendor IET, product VIRTUAL-CHANGER, SPC-3', async () => {
    const inq = await readInquiry(s.initiator, s.tgt.lun);
    expect({
      q: inq.peripheralQualifier,
      type: inq.deviceType,
      rmb: inq.rmb,
      vendor: inq.vendor,
      product: inq.product,
      version: inq.version,
    }).to.deep.equal({
      q: 0,
      type: 0x08,
      rmb: true,
      vendor: 'IET',
      product: 'VIRTUAL-CHANGER',
      version: 5,
    });
    expect(inq.versionDescriptors).to.deep.equal([0x0480, 0x0960, 0x0300]);
  });

  it("REPORT LUNS: tgt's own controller LU 0, the changer at 1 and one tape LU per drive", async () => {
    const r = await executeChecked(s.initiator, {
      lun: s.tgt.lun,
      cdb: encodeReportLunsCdb({ selectReport: 0, allocationLength: 4096 }),
      allocationLength: 4096,
    });
    expect(outcome(r)).to.equal('good');
    expect(decodeReportLunsData(r.dataIn)).to.deep.equal([0, 1, 2, 3]);
  });

  it('MODE SENSE(6) page 1Dh: the element map as configured', async () => {
    const map = await readElementAddressAssignment(s.initiator, s.tgt.lun);
    expect(map).to.deep.include({
      firstTransport: 1,
      numberOfTransports: 1,
      firstStorage: 1000,
      numberOfStorage: 24,
      firstImportExport: 10,
      numberOfImportExport: 1,
      firstDataTransfer: 500,
      numberOfDataTransfer: 2,
    });
  });

  it('READ ELEMENT STATUS of one type: the reply ends 8 bytes before its byte count; the strict decoder drops the last descriptor, readElements zero-fills it back', async () => {
    const cases = [
      { type: ElementType.MEDIUM_TRANSPORT, voltag: false, dvcid: false, count: 1, length: 16 },
      { type: ElementType.STORAGE, voltag: true, dvcid: false, count: 24, length: 52 },
      { type: ElementType.IMPORT_EXPORT, voltag: true, dvcid: false, count: 1, length: 52 },
      { type: ElementType.DATA_TRANSFER, voltag: true, dvcid: true, count: 2, length: 86 },
    ];
    for (const c of cases) {
      const r = await readElementStatusRaw(s, c.type, { voltag: c.voltag, dvcid: c.dvcid });
      expect(outcome(r)).to.equal('good');
      const byteCount = r.dataIn.readUIntBE(5, 3);
      // Header byte count = 8 + descriptors (tgt counts the data header, not the page header); 8 bytes go missing.
      expect(byteCount, `type ${c.type}`).to.equal(8 + c.count * c.length);
      expect(r.dataIn.length, `type ${c.type}`).to.equal(byteCount);
      const strict = decodeElementStatus(r.dataIn);
      expect(strict.truncated).to.equal(true);
      expect(strict.pages[0]?.descriptorLength).to.equal(c.length);
      expect(strict.pages[0]?.descriptors.length, `type ${c.type}`).to.equal(c.count - 1);
      const tolerant = await readElements(s.initiator, c.type, 0, c.count, {
        lun: s.tgt.lun,
        voltag: c.voltag,
        dvcid: c.dvcid,
      });
      expect(tolerant.map((d) => d.elementType)).to.deep.equal(new Array<number>(c.count).fill(c.type));
    }
  });

  it('READ ELEMENT STATUS ignores NUMBER OF ELEMENTS, reports FULL only (never ACCESS or IE flags) and a wrong first address for the transport page', async () => {
    const two = decodeElementStatus(
      Buffer.concat([
        (await readElementStatusRaw(s, ElementType.STORAGE, { start: 1000, count: 2 })).dataIn,
        Buffer.alloc(8),
      ]),
    );
    expect(two.numberOfElements).to.equal(24);
    const storage = two.pages[0]?.descriptors ?? [];
    expect(storage.filter((d) => d.full).map((d) => d.address)).to.deep.equal([
      1000, 1001, 1002, 1004, 1005, 1006, 1007, 1008, 1009, 1010,
    ]);
    expect(storage.some((d) => d.access || d.except || d.svalid)).to.equal(false);
    expect(storage[0]?.primaryVolumeTag?.id).to.equal('TG1000L8');
    expect(storage[3]?.primaryVolumeTag?.id, 'an empty slot has a tag of 32 spaces').to.equal('');
    const [ie] = await readElements(s.initiator, ElementType.IMPORT_EXPORT, 10, 1, { lun: s.tgt.lun });
    expect(ie).to.deep.include({ access: false, impExp: false, inEnab: false, exEnab: false, oir: false });
    const mt = await readElementStatusRaw(s, ElementType.MEDIUM_TRANSPORT, { voltag: false });
    expect(mt.dataIn.readUInt16BE(0), "FIRST ELEMENT ADDRESS REPORTED: the last element in tgt's list").to.equal(501);
  });

  it("DVCID: drives identify themselves with code set 2 and identifier type = the tape LU's device type (1)", async () => {
    const [first] = await readElements(s.initiator, ElementType.DATA_TRANSFER, 500, 2, { lun: s.tgt.lun, dvcid: true });
    expect(first?.identifier?.codeSet).to.equal(2);
    expect(first?.identifier?.identifierType).to.equal(1);
    expect(first?.identifier?.identifier.toString('latin1', 0, 24)).to.equal('IET     VIRTUAL-TAPE    ');
    expect(first?.asc, 'a mapped drive has no ASC').to.equal(0);
  });

  it('READ ELEMENT STATUS of all types (element type 0) is malformed: the strict decoder rejects it', async () => {
    const r = await readElementStatusRaw(s, ElementType.ALL);
    expect(outcome(r)).to.equal('good');
    expect(r.dataIn.readUInt16BE(2), 'NUMBER OF ELEMENTS AVAILABLE').to.equal(1 + 24 + 1 + 2);
    expect(() => decodeElementStatus(r.dataIn)).to.throw(CodecError);
  });

  it("a CHECK CONDITION on a data-in command comes with Data-In of the whole expected length (a second nexus's first RES meets 06/29/00)", async () => {
    const other = await IscsiInitiator.connect(s.tgt.url);
    try {
      const cdb = encodeReadElementStatusCdb({
        voltag: true,
        elementType: ElementType.STORAGE,
        startingAddress: 0,
        numberOfElements: 24,
        curdata: false,
        dvcid: false,
        allocationLength: 4096,
      });
      const r = await other.execute({ lun: s.tgt.lun, cdb, allocationLength: 4096 });
      expect(outcome(r)).to.equal('06/29/00');
      expect(r.dataIn.length).to.equal(4096);
    } finally {
      await other.close();
    }
  });

  it('readInventory and formatMtxStatus give the mtx status of tgt\'s changer; every element reads "not accessible"', async () => {
    const inv = await readInventory(s.initiator, s.tgt.lun);
    expect(formatMtxStatus(inv, 'tgt')).to.equal(expectedMtxStatus('tgt'));
    const conditions = formatElementConditions(inv).split('\n').filter(Boolean);
    expect(conditions.filter((l) => l.endsWith('not accessible'))).to.have.length(2 + 25);
    expect(conditions).to.include('Import/Export 0 (address 10): no flags');
  });

  it("changerbench status --target iscsi://… prints the mtx-style inventory of tgt's changer", async () => {
    let out = '';
    let err = '';
    const io = {
      out: (t: string) => void (out += t),
      err: (t: string) => void (err += t),
      stdin: Readable.from([]),
      exitCode: 0,
    };
    const code = await runCli(['status', '--target', s.tgt.url], io);
    expect(code, err).to.equal(0);
    const header = out.split('\n')[0] ?? '';
    const device = header.replace(/^ {2}Storage Changer (.*):2 Drives.*$/, '$1');
    expect(out.startsWith(expectedMtxStatus(device)), out).to.equal(true);
  });
});
