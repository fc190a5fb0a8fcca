/**
 * The host's one READ ELEMENT STATUS reader (scsi/host/read-element-status.ts): tgt's short replies zero-filled
 * (byte vectors), a library larger than the allocation length read in chunks (the CDBs byte for byte), DVCID and
 * VOLTAG dropped when rejected, the end of the type found by ILLEGAL REQUEST, and a failure handed back with its
 * command. Both users read through it: scsi/host/read-inventory.ts over a ScsiTransport and the RSM model's
 * rsm/changer/changer-commands.ts over a ChangerLink (test/rsm/changer/changer-commands.spec.ts).
 * Spec: SMC-3 6.10; docs/smc-reference.md 1.3; docs/tgt-quirks.md.
 */
import { expect } from 'chai';
import {
  decodeElementStatus,
  encodeElementStatus,
  ElementType,
  SenseKey,
  type ElementDescriptor,
} from '../../../scsi/codec/index.js';
import { ElementStatusMemo } from '../../../scsi/host/element-status-memo.js';
import {
  readElementStatus,
  zeroFillShortReport,
  type ElementStatusExecutor,
  type ElementStatusOutcome,
} from '../../../scsi/host/read-element-status.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** One full, accessible storage element at 1000h, no volume tag: header, page header, 12-byte descriptor. */
const FULL_REPORT = '1000 0001 00 000014' + '02 00 000c 00 00000c' + '1000 09 00 0000 000000 00 0000';
/** tgt's reply to it: the data header's 8 bytes counted instead of the page header's, so 8 bytes short. */
const TGT_REPLY = '1000 0001 00 000014' + '02 00 000c 00 00000c' + '1000 09 00';

function storage(address: number): ElementDescriptor {
  return {
    elementType: ElementType.STORAGE,
    address,
    full: true,
    except: false,
    access: true,
    asc: 0,
    ascq: 0,
    svalid: false,
    invert: false,
    ed: false,
    mediumType: 0,
    sourceAddress: 0,
  };
}

/** A changer with storage elements 1000h.. (`total` of them) that sends only the whole descriptors that fit. */
function storageChanger(
  total: number,
  cdbs: Buffer[],
  reject: (cdb: Buffer) => boolean = () => false,
): ElementStatusExecutor {
  const illegal: ElementStatusOutcome = {
    ok: false,
    status: 2,
    sense: { key: SenseKey.ILLEGAL_REQUEST, asc: 0x24, ascq: 0 },
  };
  return async (cdb, allocationLength) => {
    cdbs.push(cdb);
    if (reject(cdb)) return illegal;
    const start = cdb.readUInt16BE(2);
    const end = Math.min(start + cdb.readUInt16BE(4), 0x1000 + total);
    if (start < 0x1000 || start >= end) return illegal;
    const descriptors = Array.from({ length: end - start }, (_, i) => storage(start + i));
    return {
      ok: true,
      dataIn: encodeElementStatus(
        { pages: [{ elementType: ElementType.STORAGE, pvoltag: false, avoltag: false, descriptors }] },
        allocationLength,
      ),
    };
  };
}

describe('scsi/host READ ELEMENT STATUS reader', () => {
  describe('zeroFillShortReport', () => {
    it("pads tgt's reply, 8 bytes short of its own byte count, with zeros so its last descriptor decodes", () => {
      const filled = zeroFillShortReport(hex(TGT_REPLY), 0xffff);
      expect(filled.toString('hex')).to.equal(hex(TGT_REPLY + '00000000 00000000').toString('hex'));
      expect(decodeElementStatus(filled).pages[0]?.descriptors.map((d) => [d.address, d.full, d.access])).to.deep.equal(
        [[0x1000, true, true]],
      );
    });

    it('returns complete replies, replies cut by the allocation length and replies more than 8 bytes short as they are', () => {
      const full = hex(FULL_REPORT);
      expect(zeroFillShortReport(full, 0xffff)).to.equal(full);
      const cut = hex(TGT_REPLY);
      expect(zeroFillShortReport(cut, cut.length), 'the allocation length cut it').to.equal(cut);
      const short = hex('1000 0001 00 000014' + '02 00 000c 00');
      expect(zeroFillShortReport(short, 0xffff), '15 bytes short').to.equal(short);
    });

    it("leaves tgt's empty reply (the bare data header claiming 8 bytes more) alone, so it decodes to no page", () => {
      const empty = hex('0000 0000 00 000008');
      expect(zeroFillShortReport(empty, 0xffff)).to.equal(empty);
      expect(decodeElementStatus(zeroFillShortReport(empty, 0xffff)).pages).to.deep.equal([]);
    });
  });

  it('reads a library larger than the allocation length in chunks, each from after the last address reported', async () => {
    const cdbs: Buffer[] = [];
    const read = await readElementStatus(storageChanger(10, cdbs), ElementType.STORAGE, 0x1000, 10, {
      voltag: false,
      allocationLength: 8 + 8 + 3 * 12,
    });
    expect(read.ok && read.descriptors.map((d) => d.address)).to.deep.equal(
      Array.from({ length: 10 }, (_, i) => 0x1000 + i),
    );
    expect(cdbs.map((c) => c.toString('hex'))).to.deep.equal([
      'b8021000000a000000340000',
      'b80210030007000000340000',
      'b80210060004000000340000',
      'b80210090001000000340000',
    ]);
  });

  it('with a memo, a reply byte for byte as last time gives the same descriptors; a changed one is decoded', async () => {
    const cdbs: Buffer[] = [];
    let changer = storageChanger(10, cdbs);
    const memo = new ElementStatusMemo();
    const execute: ElementStatusExecutor = (cdb, n) => changer(cdb, n);
    const read = async () => {
      const r = await readElementStatus(execute, ElementType.STORAGE, 0x1000, 10, { voltag: false, memo });
      if (!r.ok) throw new Error('read failed');
      return r.descriptors;
    };
    const first = await read();
    const again = await read();
    expect(cdbs, 'every read still sends its command').to.have.length(2);
    expect(again).to.deep.equal(first);
    expect(
      again.every((d, i) => d === first[i]),
      'the same descriptor objects',
    ).to.equal(true);
    changer = storageChanger(9, cdbs); // element 1009h now reported missing: different bytes
    const changed = await read();
    expect(changed.map((d) => d.address)).to.deep.equal(Array.from({ length: 9 }, (_, i) => 0x1000 + i));
    expect(changed[0]).to.not.equal(first[0]);
  });

  it('drops DVCID, then VOLTAG, when the changer rejects them with ILLEGAL REQUEST', async () => {
    const cdbs: Buffer[] = [];
    const rejectFlags = (cdb: Buffer) => (cdb[6] ?? 0) & 0x01 || (cdb[1] ?? 0) & 0x10;
    const read = await readElementStatus(
      storageChanger(2, cdbs, (c) => rejectFlags(c) !== 0),
      ElementType.STORAGE,
      0x1000,
      2,
      { dvcid: true },
    );
    expect(read.ok && read.descriptors.length).to.equal(2);
    expect(cdbs.map((c) => [(c[1] ?? 0) & 0x10, (c[6] ?? 0) & 0x01])).to.deep.equal([
      [0x10, 1],
      [0x10, 0],
      [0, 0],
    ]);
  });

  it('stops at ILLEGAL REQUEST once it has descriptors (past the last element of the type)', async () => {
    const cdbs: Buffer[] = [];
    const read = await readElementStatus(storageChanger(4, cdbs), ElementType.STORAGE, 0x1000, 6, {
      allocationLength: 8 + 8 + 2 * 12,
      voltag: false,
    });
    expect(read.ok && read.descriptors.map((d) => d.address)).to.deep.equal([0x1000, 0x1001, 0x1002, 0x1003]);
    expect(cdbs.map((c) => c.readUInt16BE(2))).to.deep.equal([0x1000, 0x1002, 0x1004]);
  });

  it('hands a failure back with the command and its outcome', async () => {
    const busy: ElementStatusOutcome = { ok: false, status: 0x08, sense: undefined };
    const read = await readElementStatus(async () => busy, ElementType.DATA_TRANSFER, 0x100, 2);
    expect(read).to.deep.equal({ ok: false, command: 'READ ELEMENT STATUS type 4 from 256 count 2', outcome: busy });
  });

  it('asks for nothing when the count is 0', async () => {
    const cdbs: Buffer[] = [];
    expect(await readElementStatus(storageChanger(1, cdbs), ElementType.STORAGE, 0x1000, 0)).to.deep.equal({
      ok: true,
      descriptors: [],
    });
    expect(cdbs).to.deep.equal([]);
  });
});
