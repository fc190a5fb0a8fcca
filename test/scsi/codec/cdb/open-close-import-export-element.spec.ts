/**
 * OPEN/CLOSE IMPORT/EXPORT ELEMENT (1Bh) vectors. Layout: SMC-3 clause 6 / docs/smc-reference.md 1.2: 2-3 element
 * address, byte 4 bits 4-0 ACTION CODE (00h open, 01h close), 5 CONTROL.
 */
import { expect } from 'chai';
import {
  ImportExportAction,
  decodeOpenCloseImportExportElementCdb,
  encodeOpenCloseImportExportElementCdb,
} from '../../../../scsi/codec/cdb/open-close-import-export-element.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb OPEN/CLOSE IMPORT/EXPORT ELEMENT', () => {
  checkVectors(encodeOpenCloseImportExportElementCdb, decodeOpenCloseImportExportElementCdb, [
    {
      // 1Bh; byte 1 00; element 0010h (16); byte 4 = 00h open; control 00.
      name: 'open IE element 16',
      hex: '1b 00 00 10 00 00',
      fields: { elementAddress: 16, actionCode: ImportExportAction.OPEN, control: 0 },
    },
    {
      // byte 4 = 01h close.
      name: 'close IE element 16',
      hex: '1b 00 00 10 01 00',
      fields: { elementAddress: 16, actionCode: ImportExportAction.CLOSE, control: 0 },
    },
    {
      // mtx "eject": element 0000h, byte 4 = 02h (reserved action: decoded, the handler rejects it).
      name: 'mtx eject sends reserved action 02h, which decodes',
      hex: '1b 00 00 00 02 00',
      fields: { elementAddress: 0, actionCode: 2, control: 0 },
    },
  ]);

  it('reads only bits 4-0 of byte 4', () => {
    const r = decodeOpenCloseImportExportElementCdb(Buffer.from([0x1b, 0, 0, 0x10, 0xe1, 0]));
    expect(r.ok && r.value.actionCode).to.equal(1);
  });

  it('range-checks the encoder input', () => {
    expect(() => encodeOpenCloseImportExportElementCdb({ elementAddress: 16, actionCode: 0x20 })).to.throw(
      RangeError,
      /actionCode/,
    );
    expect(() => encodeOpenCloseImportExportElementCdb({ elementAddress: 70000, actionCode: 0 })).to.throw(
      RangeError,
      /elementAddress/,
    );
  });
});
