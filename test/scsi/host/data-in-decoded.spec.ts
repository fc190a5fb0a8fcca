/**
 * Data-in decoded for the evidence: byte-exact vectors of standard INQUIRY, VPD 80h, MODE SENSE(6) page 1Dh,
 * REPORT LUNS, and READ ELEMENT STATUS as the simulator's trace shows them; data it cannot decode is said so.
 * Spec: scsi/host/data-in-decoded.ts.
 */
import { expect } from 'chai';
import { describeDataIn } from '../../../scsi/host/data-in-decoded.js';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

describe('scsi/host/data-in-decoded', () => {
  it('standard INQUIRY and VPD 80h', () => {
    const inq = Buffer.alloc(36);
    inq[0] = 0x08;
    inq.write('IBM     3573-TL         F.11', 8, 'latin1');
    inq[4] = 31;
    expect(describeDataIn(bytes('12 00 00 00 60 00'), inq)).to.equal(
      'device type 8, vendor "IBM", product "3573-TL", revision "F.11"',
    );
    expect(
      describeDataIn(bytes('12 01 80 00 fc 00'), bytes('08 80 00 10 30 30 4c 34 55 37 38 41 30 30 30 31 5f 4c 4c 30')),
    ).to.equal('unit serial number "00L4U78A0001_LL0"');
    expect(describeDataIn(bytes('12 01 00 00 fc 00'), bytes('08 00 00 03 00 80 83'))).to.equal(
      'supported VPD pages: 00h, 80h, 83h',
    );
  });

  it('MODE SENSE(6) page 1Dh', () => {
    // header (4) + page 1Dh: MT 1 from 1, ST 23 from 4096, IE 1 from 16, DT 2 from 256
    const data = bytes('17 00 00 00  1d 12 0001 0001 1000 0017 0010 0001 0100 0002 0000');
    expect(describeDataIn(bytes('1a 08 1d 00 88 00'), data)).to.equal(
      'page 1Dh: transports 1 from 1, storage 23 from 4096, import/export 1 from 16, drives 2 from 256',
    );
  });

  it('READ ELEMENT STATUS: type, address, flags and tags', () => {
    // data header: first 4096, 2 elements, byte count 8 + 2 x 52; page: storage, PVOLTAG, descriptor length 52
    const d1 = Buffer.alloc(52);
    d1.writeUInt16BE(4096, 0);
    d1[2] = 0x09; // FULL, ACCESS
    d1.write('CLN001L1', 12, 'latin1');
    d1.fill(0x20, 20, 44);
    const d2 = Buffer.alloc(52);
    d2.writeUInt16BE(4097, 0);
    d2[2] = 0x08; // ACCESS, empty
    const page = Buffer.concat([bytes('02 80 00 34 00 00 00 68'), d1, d2]);
    const data = Buffer.concat([bytes('1000 0002 00 000070'), page]);
    expect(describeDataIn(bytes('b8 12 10 00 00 02 00 ff ff ff 00 00'), data)).to.equal(
      '2 elements: storage 4096 full "CLN001L1"; storage 4097 empty',
    );
  });

  it('READ ELEMENT STATUS of many elements: the first 24 shown, every one counted', () => {
    // 30 empty, accessible storage elements from 4096, 12-byte descriptors without tags
    const descriptors = Array.from({ length: 30 }, (_, i) => {
      const d = Buffer.alloc(12);
      d.writeUInt16BE(4096 + i, 0);
      d[2] = 0x08;
      return d;
    });
    const page = Buffer.concat([bytes('02 00 00 0c 00 00 01 68'), ...descriptors]);
    const data = Buffer.concat([bytes('1000 001e 00 000170'), page]);
    const shown = Array.from({ length: 24 }, (_, i) => `storage ${4096 + i} empty`).join('; ');
    expect(describeDataIn(bytes('b8 02 10 00 00 1e 00 ff ff ff 00 00'), data)).to.equal(
      `30 elements: ${shown}; and 6 more`,
    );
  });

  it('REPORT LUNS; nothing for other commands or no data; undecodable data is said so', () => {
    expect(
      describeDataIn(bytes('a0 00 00 00 00 00 00 00 00 10 00 00'), bytes('00000008 00000000 0000000000000000')),
    ).to.equal('LUNs 0');
    expect(describeDataIn(bytes('00 00 00 00 00 00'), Buffer.alloc(0))).to.equal(undefined);
    expect(describeDataIn(bytes('a5 00 00 00 10 00 10 01 00 00 00 00'), bytes('00'))).to.equal(undefined);
    expect(describeDataIn(bytes('12 01 80 00 fc 00'), bytes('08 83'))).to.match(/^cannot be decoded: /);
  });
});
