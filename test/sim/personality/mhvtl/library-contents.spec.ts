/**
 * mhVTL library_contents parsing: gaps filled with empty elements, and element numbers no SMC library can have
 * refused with the file and line (rather than allocating an element per number up to it).
 */
import { expect } from 'chai';
import { parseLibraryContents } from '../../../../sim/personality/mhvtl/library-contents.js';

describe('sim/personality/mhvtl/library-contents', () => {
  it('fills a gap in the numbering with empty elements', () => {
    const c = parseLibraryContents(
      'VERSION: 2\nDrive 1:\n# a comment\nSlot 1: A00001L8\nSlot 3: CLN001L8\n',
      'library_contents.10',
    );
    expect(c.slots.map((s) => s.value)).to.deep.equal(['A00001L8', null, 'CLN001L8']);
  });

  it('refuses an element number beyond 16-bit element addresses, naming the file and line', () => {
    expect(() => parseLibraryContents('Drive 1:\nSlot 1: A\nSlot 900000000: B\n', 'library_contents.10')).to.throw(
      /^library_contents\.10:3: Slot 900000000 .*65535/,
    );
    expect(() => parseLibraryContents('Drive 99999999999999999999999:\nSlot 1:\n', 'lc')).to.throw(/^lc:1: Drive /);
  });
});
