/**
 * The journal's durable writes (sim/persistence/durable-files.ts): on Linux the journal's descriptor carries
 * O_DSYNC, so a commit's one pwrite returns once the record is on disk; elsewhere (macOS, where only Node's
 * fdatasync flushes the drive's cache, and Windows) the write is followed by fdatasync. A process kill (kill.spec.ts) cannot tell either from a plain buffered write, since the
 * page cache outlives the process, so the flag and the fallback are checked here directly.
 * Design: docs/simulator.md "Persistence".
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { LibraryState } from '../../../sim/model/library-state.js';
import { setDoorOpen } from '../../../sim/model/transitions.js';
import { openForDurableWrites, writeDurablyAt } from '../../../sim/persistence/durable-files.js';
import { JournalStore } from '../../../sim/persistence/journal-store.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';

/** The open flags of one of this process's descriptors, from /proc (Linux), or undefined elsewhere. */
function openFlags(fd: number): number | undefined {
  const info = `/proc/self/fdinfo/${fd}`;
  if (!fs.existsSync(info)) return undefined;
  const m = /^flags:\s*([0-7]+)$/m.exec(fs.readFileSync(info, 'utf8'));
  return m?.[1] === undefined ? undefined : parseInt(m[1], 8);
}

describe('sim persistence: durable writes of the journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chb-durable-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens the journal with O_DSYNC on Linux only, and says so', function () {
    const O_DSYNC = fs.constants.O_DSYNC as number | undefined;
    const file = openForDurableWrites(path.join(dir, 'j'));
    try {
      expect(file.writesAreDurable).to.equal(process.platform === 'linux');
      const flags = openFlags(file.fd);
      if (O_DSYNC === undefined || flags === undefined) this.skip();
      expect(flags & O_DSYNC, `fd flags ${flags.toString(8)}`).to.equal(O_DSYNC);
    } finally {
      fs.closeSync(file.fd);
    }
  });

  it("a JournalStore's journal descriptor is the O_DSYNC one, and its commits land in the journal", function () {
    const O_DSYNC = fs.constants.O_DSYNC as number | undefined;
    const statePath = path.join(dir, 'lib.json');
    const state = new LibraryState(TEST_PERSONALITY);
    const store = JournalStore.open(statePath, state);
    try {
      const journal = (store as unknown as { journal: { fd: number; writesAreDurable: boolean } }).journal;
      const flags = openFlags(journal.fd);
      if (process.platform !== 'linux' || O_DSYNC === undefined || flags === undefined) this.skip();
      expect(journal.writesAreDurable).to.equal(true);
      expect(flags & O_DSYNC, `fd flags ${flags.toString(8)}`).to.equal(O_DSYNC);
      setDoorOpen(state, true);
      store.commit(state);
      const text = fs.readFileSync(JournalStore.journalPath(statePath), 'utf8');
      expect(text.slice(0, text.indexOf('\0'))).to.match(/"door"/);
    } finally {
      store.close();
    }
  });

  it('without O_DSYNC, a durable write is followed by fdatasync of that descriptor; with it, none is needed', () => {
    const cjsFs = createRequire(import.meta.url)('node:fs') as typeof fs;
    const original = cjsFs.fdatasyncSync;
    const synced: number[] = [];
    cjsFs.fdatasyncSync = (fd: number) => {
      synced.push(fd);
      original(fd);
    };
    syncBuiltinESMExports();
    const fd = fs.openSync(path.join(dir, 'plain'), 'w+');
    try {
      writeDurablyAt({ fd, writesAreDurable: false }, Buffer.from('record\n'), 0);
      expect(synced).to.deep.equal([fd]);
      writeDurablyAt({ fd, writesAreDurable: true }, Buffer.from('record\n'), 7);
      expect(synced).to.deep.equal([fd]);
      expect(fs.readFileSync(path.join(dir, 'plain'), 'utf8')).to.equal('record\nrecord\n');
    } finally {
      fs.closeSync(fd);
      cjsFs.fdatasyncSync = original;
      syncBuiltinESMExports();
    }
  });
});
