import { expect } from 'chai';
import { encodeMoveMediumCdb } from '../../../scsi/codec/index.js';
import { Bench } from '../helpers/bench.js';
import { A, st } from '../helpers/test-personality.js';

const N = 'nexus-a';

describe('sim control API', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
  });
  afterEach(() => bench.close());

  it('gives a JSON status view of every element, magazine, drive, hidden slot and nexus', () => {
    const s = bench.control.status();
    expect(JSON.parse(JSON.stringify(s))).to.deep.equal(s);
    expect(s.elements.map((e) => e.type)).to.include.members(['transport', 'storage', 'importExport', 'dataTransfer']);
    expect(s.elements.find((e) => e.address === st(0))).to.deep.include({ magazine: 'left', accessible: true });
    expect(s.elements.find((e) => e.address === st(0))?.cartridge).to.include({ volumeTag: 'D00000L8', kind: 'data' });
    expect(s.drives.map((d) => d.serial)).to.deep.equal(['1000000001', '1000000002']);
    expect(s.nexuses).to.deep.equal([N]);
    expect(s).to.deep.include({ personality: 'test-library', poweringOn: false, online: true, scanning: false });
  });

  it('shows robot activity while a command runs', async () => {
    const moving = bench.start(
      N,
      encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: st(0), destinationAddress: st(3) }),
    );
    await bench.clock.advanceBy(1);
    expect(bench.control.status().robot).to.deep.equal({
      busy: true,
      current: `MOVE MEDIUM ${st(0)}->${st(3)}`,
      queued: 0,
    });
    expect(bench.control.openDoor()).to.include({ ok: false, code: 'ROBOT_BUSY' });
    expect(bench.control.openImportExport()).to.include({ ok: false, code: 'ROBOT_BUSY' });
    await bench.clock.runUntil(moving);
    expect(bench.control.status().robot.busy).to.equal(false);
  });

  it('refuses bad element addresses, empty and full elements, and bad cartridges with codes', () => {
    bench.control.openDoor();
    expect(bench.control.takeThroughDoor(0x7777)).to.include({ ok: false, code: 'NO_SUCH_ELEMENT' });
    expect(bench.control.takeThroughDoor(st(4))).to.include({ ok: false, code: 'ELEMENT_EMPTY' });
    expect(bench.control.putThroughDoor(st(0), { volumeTag: 'X' })).to.include({ ok: false, code: 'ELEMENT_FULL' });
    expect(bench.control.putThroughDoor(A.MT, { volumeTag: 'X' })).to.include({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(bench.control.putThroughDoor(st(4), { volumeTag: 'X'.repeat(33) })).to.include({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    expect(bench.control.putThroughDoor(st(4), { volumeTag: 'BAD\u0001' })).to.include({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    expect(bench.control.putThroughDoor(st(4), { volumeTag: 'D1', usesRemaining: 3 })).to.include({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    expect(bench.control.setDriveNeedsCleaning(st(0), true)).to.include({ ok: false, code: 'NO_SUCH_ELEMENT' });
    bench.control.pullMagazine('left');
    expect(bench.control.takeThroughDoor(st(0))).to.include({ ok: false, code: 'MAGAZINE_PULLED' });
  });

  it('names a cleaner by its label prefix and keeps its uses', () => {
    bench.control.openDoor();
    const c = bench.control.putThroughDoor(st(4), { volumeTag: 'CLN555L1', usesRemaining: 7 });
    expect(c.ok && c.value).to.include({ kind: 'cleaning', usesRemaining: 7, spent: false });
    const d = bench.control.putThroughDoor(st(3), { volumeTag: 'CLNX', kind: 'data' });
    expect(d.ok && d.value).to.include({ kind: 'data', usesRemaining: 0 });
  });

  it('counts arms and disarms faults', () => {
    bench.control.failNextMove();
    bench.control.failNextCommand({ key: 2, asc: 4, ascq: 0 });
    expect(bench.control.status().faults).to.deep.equal({ commands: 1, moves: 1 });
    expect(bench.control.failNextMove('sideways' as never)).to.include({ ok: false, code: 'INVALID_ARGUMENT' });
    bench.control.clearFaults();
    expect(bench.control.status().faults).to.deep.equal({ commands: 0, moves: 0 });
  });
});
