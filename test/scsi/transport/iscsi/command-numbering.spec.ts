/**
 * The initiator's numbering: the window only moves forward, a window with MaxCmdSN < ExpCmdSN - 1 is ignored, and
 * ExpStatSN follows the highest StatSN seen, across the 2**32 wrap. Spec: RFC 7143 4.2.2.1, 4.2.2.2; docs/iscsi.md 7.2.
 */
import { expect } from 'chai';
import { CommandNumbering } from '../../../../scsi/transport/iscsi/initiator/command-numbering.js';

describe('iscsi/initiator command numbering (RFC 7143 4.2.2)', () => {
  it('takes CmdSNs in order while the window is open, and closes at MaxCmdSN', () => {
    const n = new CommandNumbering({ cmdSN: 10, expCmdSN: 10, maxCmdSN: 11, expStatSN: 0 });
    expect([n.open, n.take(), n.open, n.take(), n.open]).to.deep.equal([true, 10, true, 11, false]);
    n.window(12, 12);
    expect([n.open, n.take(), n.open]).to.deep.equal([true, 12, false]);
  });

  it('ignores a window with MaxCmdSN < ExpCmdSN - 1 and never moves an edge back', () => {
    const n = new CommandNumbering({ cmdSN: 5, expCmdSN: 5, maxCmdSN: 4, expStatSN: 0 });
    expect(n.open).to.equal(false);
    n.window(10, 3);
    expect(n.open).to.equal(false);
    n.window(5, 9);
    n.window(5, 6);
    for (let i = 5; i <= 9; i++) expect(n.take()).to.equal(i);
    expect(n.open).to.equal(false);
  });

  it('moves ExpStatSN past the highest StatSN, across the wrap', () => {
    const n = new CommandNumbering({ cmdSN: 0xffffffff, expCmdSN: 0xffffffff, maxCmdSN: 0, expStatSN: 0xfffffffe });
    n.status(0xfffffffe);
    expect(n.expStatSN).to.equal(0xffffffff);
    n.status(0xffffffff);
    expect(n.expStatSN).to.equal(0);
    n.status(0xfffffff0);
    expect(n.expStatSN).to.equal(0);
    expect([n.take(), n.take(), n.open]).to.deep.equal([0xffffffff, 0, false]);
  });
});
