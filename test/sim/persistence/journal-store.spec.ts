import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Asc, SenseKey } from '../../../scsi/codec/index.js';
import { JournalStore } from '../../../sim/persistence/journal-store.js';
import { StateFileError } from '../../../sim/persistence/state-format.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';

describe('sim persistence', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chb-sim-state-'));
    file = path.join(dir, 'library.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = (options: { compactAfterBytes?: number } = {}) =>
    new Bench(TEST_PERSONALITY, { statePath: file, ...options });

  it('writes a snapshot at first start and restores every cartridge, magazine, door, station and drive state', async () => {
    const a = open();
    expect(fs.existsSync(file)).to.equal(true);
    await a.drainUnitAttentions(N);
    expectGood(await a.move(N, st(0), A.DT0));
    expectGood(await a.move(N, st(9), A.DT1));
    await a.settle();
    a.control.pullMagazine('right');
    a.control.openImportExport();
    a.control.putIntoImportExport(A.IE1, { volumeTag: 'IMP001L8' });
    a.control.openDoor();
    a.control.setDriveNeedsCleaning(A.DT0, true);
    a.control.putIntoHiddenSlot(1, { volumeTag: 'CLN777L1', usesRemaining: 3 });
    const before = a.control.status();
    a.close();

    const b = open();
    const after = b.control.status();
    expect(after.elements).to.deep.equal(before.elements);
    expect(after.hiddenSlots).to.deep.equal(before.hiddenSlots);
    expect(after.magazines.map((m) => m.present)).to.deep.equal([true, false]);
    expect([after.door.open, after.importExport.open]).to.deep.equal([true, true]);
    expect(after.drives.map((d) => d.needsCleaning)).to.deep.equal([true, false]);
    expect(after.elements.find((e) => e.address === A.DT1)?.cartridge).to.include({
      usesRemaining: 1,
      lastStorage: st(9),
    });
    const fresh = b.control.putThroughDoor(st(3), { volumeTag: 'NEW001L8' });
    expect(
      fresh.ok && new Set(after.elements.map((e) => e.cartridge?.id)).has(fresh.value.id),
      'new ids do not collide',
    ).to.equal(false);
    expectCheck(await b.tur(N), SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    b.close();
  });

  it('follows a restart with a power-on (NOT READY 02/04/01 until the power-on time has passed)', async () => {
    open().close();
    const b = new Bench(TEST_PERSONALITY, { statePath: file, startReady: false });
    await b.drainUnitAttentions(N);
    expectCheck(await b.tur(N), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY);
    await b.settle();
    expectGood(await b.tur(N));
    b.close();
  });

  it('restarts a move interrupted by a crash with the cartridge back in its source (never lost or duplicated)', async () => {
    const a = open();
    await a.drainUnitAttentions(N);
    void a.start(N, Buffer.from([0xa5, 0, 0, 0, 0x10, 0x00, 0x01, 0x00, 0, 0, 0, 0]));
    await a.clock.advanceBy(1);
    expect(a.contents().get(A.MT)).to.equal('D00000L8');
    const b = open();
    expect(b.contents().get(st(0))).to.equal('D00000L8');
    expect([...b.contents().values()].filter((t) => t === 'D00000L8')).to.have.length(1);
    b.close();
    a.close();
  });

  it('compacts the journal into a new snapshot and still restores exactly', async () => {
    const a = open({ compactAfterBytes: 2000 });
    await a.drainUnitAttentions(N);
    for (let i = 0; i < 30; i++) {
      expectGood(await a.move(N, st(0 + (i % 2) * 3), st(3 - (i % 2) * 3)));
    }
    // The journal is preallocated: its records end at the first NUL.
    const journal = fs.readFileSync(JournalStore.journalPath(file), 'utf8');
    expect(journal.indexOf('\0')).to.be.within(0, 4000);
    const before = a.contents();
    a.close();
    const b = open();
    expect(b.contents()).to.deep.equal(before);
    b.close();
  });

  it('ignores a record torn by a crash at the end of the journal', async () => {
    const a = open();
    await a.drainUnitAttentions(N);
    expectGood(await a.move(N, st(0), st(3)));
    a.close();
    fs.appendFileSync(
      JournalStore.journalPath(file),
      '{"seq":99,"nextCartridgeId":7,"cartridges":{"c1":{"id":"c1","volu',
    );
    const b = open();
    expect(b.contents().get(st(3))).to.equal('D00000L8');
    b.close();
  });

  describe('a state file that cannot be created: the file and the reason named, nothing left behind', () => {
    const refusal = (at: string): StateFileError => {
      try {
        new Bench(TEST_PERSONALITY, { statePath: at }).close();
      } catch (e) {
        expect(e).to.be.instanceOf(StateFileError);
        return e as StateFileError;
      }
      throw new Error('the state file was accepted');
    };
    const openFds = () => fs.readdirSync('/proc/self/fd').length;

    it('in a directory that does not exist', () => {
      const at = path.join(dir, 'no-such-dir', 'lab.state');
      expect(refusal(at).message).to.equal(
        `state file ${at}: cannot be created: the directory ${path.join(dir, 'no-such-dir')} does not exist`,
      );
      expect(fs.existsSync(path.join(dir, 'no-such-dir'))).to.equal(false);
    });

    it('whose temporary file is in the way: that file is named, the journal it opened is closed and removed', () => {
      fs.mkdirSync(`${file}.tmp`);
      const before = openFds();
      expect(refusal(file).message).to.equal(`state file ${file}: cannot be written: ${file}.tmp is a directory`);
      expect(openFds(), 'no file descriptor left open').to.equal(before);
      expect(fs.existsSync(JournalStore.journalPath(file)), 'no empty journal left behind').to.equal(false);
      expect(fs.existsSync(file)).to.equal(false);
    });
  });

  describe('refuses unusable files, naming the file and the problem, and leaves them untouched', () => {
    const expectRefusal = (pattern: RegExp, target = file) => {
      const bytes = fs.readFileSync(target);
      let error: unknown;
      try {
        open().close();
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(StateFileError);
      expect((error as Error).message)
        .to.include(target)
        .and.to.match(pattern);
      expect(fs.readFileSync(target).equals(bytes)).to.equal(true);
    };
    const writeSnapshot = (edit: (s: Record<string, unknown>) => void) => {
      open().close();
      const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      edit(s);
      fs.writeFileSync(file, JSON.stringify(s));
    };

    it('not JSON', () => {
      fs.writeFileSync(file, '{ not json');
      expectRefusal(/not valid JSON/);
    });

    it('wrong shape, with the path of the bad field', () => {
      writeSnapshot((s) => {
        (s.cartridges as Record<string, unknown>[])[0]!.location = 'under the desk';
      });
      expectRefusal(/cartridges\.0\.location/);
    });

    it('another personality', () => {
      writeSnapshot((s) => {
        s.personality = 'ibm-ts3100';
      });
      expectRefusal(/ibm-ts3100/);
    });

    it('an unknown element address', () => {
      writeSnapshot((s) => {
        (s.cartridges as Record<string, unknown>[])[0]!.location = 0x7777;
      });
      expectRefusal(/30583 does not exist/);
    });

    it('two cartridges in one element', () => {
      writeSnapshot((s) => {
        const list = s.cartridges as Record<string, unknown>[];
        list[1]!.location = list[0]!.location;
      });
      expectRefusal(/cartridges\.1\.location \(cartridge c2\): element 4096 already holds cartridge c1/);
    });

    it('a corrupt journal line before the end', () => {
      open().close();
      fs.writeFileSync(JournalStore.journalPath(file), 'garbage\n{"seq":1,"nextCartridgeId":7}\n');
      expectRefusal(/line 1 is not valid JSON/, JournalStore.journalPath(file));
    });

    it('a journal without its snapshot', () => {
      fs.writeFileSync(JournalStore.journalPath(file), '{"seq":1,"nextCartridgeId":7}\n');
      expectRefusal(/snapshot/, JournalStore.journalPath(file));
    });
  });

  it('writes nothing without a state path', async () => {
    const b = new Bench();
    await b.drainUnitAttentions(N);
    expectGood(await b.move(N, st(0), st(3)));
    b.close();
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });
});
