/** summarizeCdb: the SCSI log's CDB words, from byte-exact CDBs. */
import { expect } from 'chai';
import { summarizeCdb } from '../../../../scsi/codec/index.js';

const bytes = (hex: string): Uint8Array =>
  Uint8Array.from(
    hex
      .split(/\s+/)
      .filter(Boolean)
      .map((h) => Number.parseInt(h, 16)),
  );

describe('scsi/codec/cdb/summarize-cdb', () => {
  it('names READ ELEMENT STATUS by type, start+count and flags', () => {
    // B8h, VOLTAG=1 type 2, start 1000h (4096), count 0017h (23), alloc FFFFh
    expect(summarizeCdb(bytes('B8 12 10 00 00 17 00 00 FF FF 00 00'))).to.equal(
      'READ ELEMENT STATUS storage 4096+23 VOLTAG',
    );
    expect(summarizeCdb(bytes('B8 04 01 00 00 02 01 00 FF FF 00 00'))).to.equal(
      'READ ELEMENT STATUS drive 256+2 DVCID',
    );
  });

  it('shows MOVE MEDIUM as source → destination, EXCHANGE MEDIUM with both destinations', () => {
    expect(summarizeCdb(bytes('A5 00 00 00 10 04 01 00 00 00 00 00'))).to.equal('MOVE MEDIUM 4100 → 256');
    expect(summarizeCdb(bytes('A6 00 00 00 10 00 01 00 10 01 00 00'))).to.equal('EXCHANGE MEDIUM 4096 → 256 → 4097');
  });

  it('words PREVENT/ALLOW, OPEN/CLOSE IMPORT/EXPORT, INQUIRY and MODE SENSE', () => {
    expect(summarizeCdb(bytes('1E 00 00 00 01 00'))).to.equal('PREVENT ALLOW MEDIUM REMOVAL PREVENT');
    expect(summarizeCdb(bytes('1E 00 00 00 00 00'))).to.equal('PREVENT ALLOW MEDIUM REMOVAL ALLOW');
    expect(summarizeCdb(bytes('1B 00 00 10 00 00'))).to.equal('OPEN/CLOSE IMPORT/EXPORT ELEMENT open 16');
    expect(summarizeCdb(bytes('12 01 80 00 FF 00'))).to.equal('INQUIRY VPD 80h');
    expect(summarizeCdb(bytes('1A 08 1D 00 FF 00'))).to.equal('MODE SENSE(6) page 1Dh');
    expect(summarizeCdb(bytes('00 00 00 00 00 00'))).to.equal('TEST UNIT READY');
  });

  it('falls back to the full description for an undecodable or unknown CDB', () => {
    expect(summarizeCdb(bytes('A5 00'))).to.match(/^MOVE MEDIUM \[A5 00\]: /);
    expect(summarizeCdb(bytes('FF 00 00 00 00 00'))).to.match(/^unknown CDB \[FF 00 00 00 00 00\]/);
    expect(summarizeCdb(new Uint8Array(0))).to.equal('empty CDB: no operation code');
  });
});
