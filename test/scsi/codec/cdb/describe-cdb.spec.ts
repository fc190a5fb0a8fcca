/** describeCdb: one trace line per CDB (codec-api.md "CDBs"); layouts as in the per-command specs. */
import { expect } from 'chai';
import { describeCdb } from '../../../../scsi/codec/cdb/index.js';
import { hex } from './cdb-vectors.js';

describe('scsi/codec/cdb describeCdb', () => {
  const cases: [string, string, string][] = [
    // B8h, VOLTAG|ST = 12h, start 1000h, count 0017h, alloc 00FFFFh.
    [
      'READ ELEMENT STATUS as in the contract',
      'b8 12 10 00 00 17 00 00 ff ff 00 00',
      'READ ELEMENT STATUS voltag=1 type=ST start=4096 count=23 curdata=0 dvcid=0 alloc=65535',
    ],
    ['MODE SENSE(6) from mtx', '1a 08 1d 00 88 00', 'MODE SENSE(6) dbd=1 pc=0 page=1Dh subpage=00h alloc=136'],
    [
      'MOVE MEDIUM with a non-zero control byte',
      'a5 00 00 00 10 00 01 00 00 00 01 40',
      'MOVE MEDIUM transport=0 source=4096 dest=256 invert=1 control=40h',
    ],
    ['TEST UNIT READY', '00 00 00 00 00 00', 'TEST UNIT READY'],
    [
      'OPEN/CLOSE IMPORT/EXPORT ELEMENT open',
      '1b 00 00 10 00 00',
      'OPEN/CLOSE IMPORT/EXPORT ELEMENT element=16 action=open',
    ],
    ['OPEN/CLOSE reserved action', '1b 00 00 00 02 00', 'OPEN/CLOSE IMPORT/EXPORT ELEMENT element=0 action=02h'],
    [
      'RSOC one opcode',
      'a3 0c 81 b8 00 00 00 00 00 20 00 00',
      'REPORT SUPPORTED OPERATION CODES rctd=1 options=1 opcode=B8h sa=0000h alloc=32',
    ],
    ['INQUIRY VPD', '12 01 80 00 ff 00', 'INQUIRY evpd=1 page=80h alloc=255'],
    ['PREVENT', '1e 00 00 00 01 00', 'PREVENT ALLOW MEDIUM REMOVAL prevent=1'],
  ];
  for (const [name, bytes, text] of cases) {
    it(`describes ${name}`, () => expect(describeCdb(hex(bytes))).to.equal(text));
  }

  it('gives hex and the reason for an undecodable CDB', () => {
    expect(describeCdb(hex('b8 15 00 00 00 01 00 00 ff ff 00 00'))).to.equal(
      'READ ELEMENT STATUS [B8 15 00 00 00 01 00 00 FF FF 00 00]: element type code 5 is reserved (byte 1 bit 3)',
    );
    expect(describeCdb(hex('a5 00 00'))).to.equal(
      'MOVE MEDIUM [A5 00 00]: MOVE MEDIUM CDB needs 12 bytes, got 3 (byte 0)',
    );
  });

  it('gives hex for an unknown opcode, another MAINTENANCE IN action, and an empty CDB', () => {
    expect(describeCdb(hex('01 00 00 00 00 00'))).to.equal(
      'unknown CDB [01 00 00 00 00 00]: opcode 01h is not decoded',
    );
    expect(describeCdb(hex('a3 05 00 00 00 00 00 00 10 00 00 00'))).to.equal(
      'MAINTENANCE IN service action 05h [A3 05 00 00 00 00 00 00 10 00 00 00]: not decoded',
    );
    expect(describeCdb(new Uint8Array(0))).to.equal('empty CDB: no operation code');
  });

  it('shortens the hex of a long CDB', () => {
    const text = describeCdb(new Uint8Array(40).fill(0xee));
    expect(text).to.match(/^unknown CDB \[(EE ){31}EE \.\.\. \(40 bytes\)\]/);
  });
});
