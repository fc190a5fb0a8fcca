import { expect } from 'chai';
import { CommandWindow } from '../../../../../scsi/transport/iscsi/target/command-window.js';

describe('iscsi/target command window (RFC 7143 4.2.2.1)', () => {
  it('runs commands in CmdSN order, holding early ones until the gap fills', () => {
    const w = new CommandWindow(10, 8);
    const ran: number[] = [];
    expect(w.deliver(11, () => ran.push(11))).to.equal('held');
    expect(w.deliver(12, () => ran.push(12))).to.equal('held');
    expect(ran).to.deep.equal([]);
    expect(w.deliver(10, () => ran.push(10))).to.equal('run');
    expect(ran).to.deep.equal([10, 11, 12]);
    expect(w.expCmdSN).to.equal(13);
  });

  it('ignores commands outside [ExpCmdSN, MaxCmdSN] and duplicates', () => {
    const w = new CommandWindow(10, 4);
    expect(w.maxCmdSN).to.equal(13);
    expect(w.deliver(14, () => expect.fail('beyond MaxCmdSN'))).to.equal('dropped');
    expect(w.deliver(9, () => expect.fail('already received'))).to.equal('dropped');
    expect(w.deliver(12, () => undefined)).to.equal('held');
    expect(w.deliver(12, () => expect.fail('duplicate'))).to.equal('dropped');
  });

  it('works across the 2**32 wrap', () => {
    const w = new CommandWindow(0xfffffffe, 4);
    const ran: number[] = [];
    expect(w.deliver(0, () => ran.push(0))).to.equal('held');
    w.deliver(0xfffffffe, () => ran.push(0xfffffffe));
    w.deliver(0xffffffff, () => ran.push(0xffffffff));
    expect(ran).to.deep.equal([0xfffffffe, 0xffffffff, 0]);
    expect(w.expCmdSN).to.equal(1);
  });

  it('plugs a gap for ABORT TASK of a command that never arrived', () => {
    const w = new CommandWindow(5, 8);
    const ran: number[] = [];
    w.deliver(6, () => ran.push(6));
    expect(w.consume(5)).to.equal(true);
    expect(ran).to.deep.equal([6]);
    expect(w.consume(100)).to.equal(false);
  });

  it('opens MaxCmdSN as tasks finish and never moves it backwards', () => {
    const w = new CommandWindow(1, 4);
    expect(w.maxCmdSN).to.equal(4);
    w.deliver(1, () => undefined);
    w.deliver(2, () => undefined);
    w.update(2);
    expect(w.maxCmdSN).to.equal(4);
    w.update(0);
    expect(w.maxCmdSN).to.equal(6);
    w.update(4);
    expect(w.maxCmdSN).to.equal(6);
  });
});
