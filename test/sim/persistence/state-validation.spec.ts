/**
 * Issue 16, defect 3: every invariant of a loaded state file is checked, and a file that breaks one is refused with
 * a message naming the file, the field and what was expected, leaving the snapshot and the journal byte for byte as
 * they were; a journal record that refers to unknown ids or contradicts the state it applies to is refused with its
 * line; the cartridge id allocator never hands out an id in use, whatever the file says.
 * Design: docs/simulator.md "Persistence" (state file validation).
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LibraryState } from '../../../sim/model/library-state.js';
import { JournalStore, journalStateFile } from '../../../sim/persistence/journal-store.js';
import { StateFileError } from '../../../sim/persistence/state-format.js';
import { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';
import { VirtualClock } from '../../../common/clock/clock.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';
import { SILENT_LOGGER } from '../../../common/logger.js';

type Json = Record<string, unknown>;
type CartridgeJson = Json & { id: string };

/** The seeded test library: c1 D00000L8 at st(0), c2 st(1), c3 st(2), c4 st(5), c5 cleaner at st(9), c6 cleaner in hidden:0. */
const SEEDED = 6;

describe('sim persistence: state file validation (issue 16, defect 3)', () => {
  let dir: string;
  let file: string;
  let journal: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chb-sim-validate-'));
    file = path.join(dir, 'library.json');
    journal = JournalStore.journalPath(file);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const warnings: string[] = [];
  const start = (): SimulatedChanger =>
    new SimulatedChanger(TEST_PERSONALITY, {
      clock: new VirtualClock(),
      stateStore: journalStateFile(file),
      startReady: true,
      logger: {
        ...SILENT_LOGGER,
        error: (_fields, message) => {
          throw new Error(`unexpected error log: ${message}`);
        },
        warn: (_fields, message) => warnings.push(message),
      },
    });
  /** A valid state file of the seeded library; returns its snapshot for editing. */
  const seeded = (): Json => {
    start().close();
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  };
  const cartridges = (s: Json): CartridgeJson[] => s.cartridges as CartridgeJson[];
  const byId = (s: Json, id: string): CartridgeJson => cartridges(s).find((c) => c.id === id)!;
  const refusal = (): StateFileError => {
    const before = [file, journal].map((f) => (fs.existsSync(f) ? fs.readFileSync(f) : undefined));
    let error: unknown;
    try {
      start().close();
    } catch (e) {
      error = e;
    }
    expect(error, 'the file was refused').to.be.instanceOf(StateFileError);
    const after = [file, journal].map((f) => (fs.existsSync(f) ? fs.readFileSync(f) : undefined));
    expect(after[0]?.equals(before[0]!), 'the snapshot is untouched').to.equal(true);
    expect(String(after[1]?.toString('hex')), 'the journal is untouched').to.equal(String(before[1]?.toString('hex')));
    return error as StateFileError;
  };

  describe('a snapshot that breaks an invariant is refused, naming the file and the field', () => {
    const cases: [string, (s: Json) => void, RegExp][] = [
      [
        'a cartridge id twice',
        (s) => (byId(s, 'c2').id = 'c1'),
        /snapshot: cartridges\.1\.id: cartridge id c1 appears twice/,
      ],
      [
        'an id the simulator never issues',
        (s) => (byId(s, 'c2').id = 'tape-2'),
        /cartridges\.1\.id: expected an id this simulator issues \("c" and a whole number from 1\), got "tape-2"/,
      ],
      [
        'a location that is no element',
        (s) => (byId(s, 'c1').location = 0x7777),
        /cartridges\.0\.location \(cartridge c1\): element address 30583 does not exist in personality test-library/,
      ],
      [
        'two cartridges in one element',
        (s) => (byId(s, 'c2').location = st(0)),
        /cartridges\.1\.location \(cartridge c2\): element 4096 already holds cartridge c1/,
      ],
      [
        'a hidden slot the personality lacks',
        (s) => (byId(s, 'c6').location = 'hidden:7'),
        /cartridges\.5\.location \(cartridge c6\): expected hidden:0 to hidden:1, got "hidden:7"/,
      ],
      [
        'a data cartridge in a hidden cleaning slot',
        (s) => Object.assign(byId(s, 'c1'), { location: 'hidden:1' }),
        /cartridges\.0\.kind \(cartridge c1\): a hidden cleaning slot holds only cleaning cartridges; expected "cleaning", got "data"/,
      ],
      [
        'a last storage element that is a drive',
        (s) => (byId(s, 'c1').lastStorage = A.DT0),
        /cartridges\.0\.lastStorage \(cartridge c1\): element 256 is a data transfer element; expected a storage element/,
      ],
      [
        'a last storage element that does not exist',
        (s) => (byId(s, 'c1').lastStorage = 0x2222),
        /cartridges\.0\.lastStorage \(cartridge c1\): element address 8738 does not exist/,
      ],
      [
        'a source kept outside the gripper',
        (s) => (byId(s, 'c1').pickedFrom = st(3)),
        /cartridges\.0\.pickedFrom \(cartridge c1\): only a cartridge in a transport element has one; this one is at element 4096/,
      ],
      [
        'a source that is the gripper',
        (s) => Object.assign(byId(s, 'c1'), { location: A.MT, pickedFrom: A.MT }),
        /cartridges\.0\.pickedFrom \(cartridge c1\): element 1 is a transport element; expected the storage, import\/export or data transfer element/,
      ],
      [
        'placed by the operator outside an IE element',
        (s) => (byId(s, 'c1').placedByOperator = true),
        /cartridges\.0\.placedByOperator \(cartridge c1\): only a cartridge in an import\/export element can have been put there by the operator; this one is at element 4096/,
      ],
      [
        'uses left on a data cartridge',
        (s) => (byId(s, 'c1').usesRemaining = 5),
        /cartridges\.0\.usesRemaining \(cartridge c1\): a data cartridge has no cleanings; expected 0, got 5/,
      ],
      [
        'a spent data cartridge',
        (s) => (byId(s, 'c1').spent = true),
        /cartridges\.0\.spent \(cartridge c1\): a data cartridge is never spent; expected false/,
      ],
      [
        'a cleaner spent with uses left',
        (s) => (byId(s, 'c5').spent = true),
        /cartridges\.4\.spent \(cartridge c5\): expected true exactly when usesRemaining is 0 \(it is 2\), got true/,
      ],
      [
        'a cleaner with more uses than an operator can give',
        (s) => (byId(s, 'c5').usesRemaining = 2_000_000),
        /cartridges\.4\.usesRemaining: .*1000000/,
      ],
      [
        'a volume tag with a control character',
        (s) => (byId(s, 'c1').volumeTag = 'D0\u00070L8'),
        /cartridges\.0\.volumeTag: .*printable ASCII/,
      ],
      [
        'a drive entry for a storage element',
        (s) => ((s.drives as Json)[String(st(0))] = { needsCleaning: true }),
        /snapshot: drives\.4096: element 4096 is a storage element; expected a data transfer element/,
      ],
      [
        'a drive entry for no element',
        (s) => ((s.drives as Json)['4444'] = { needsCleaning: true }),
        /snapshot: drives\.4444: element address 4444 does not exist/,
      ],
      [
        'a magazine the personality lacks',
        (s) => ((s.magazines as Json).middle = { present: true }),
        /snapshot: magazines\.middle: magazine "middle" does not exist in personality test-library/,
      ],
      ['a negative sequence number', (s) => (s.seq = -1), /seq: /],
    ];
    for (const [name, edit, message] of cases) {
      it(name, () => {
        const s = seeded();
        edit(s);
        fs.writeFileSync(file, JSON.stringify(s));
        const e = refusal();
        expect(e.message).to.match(new RegExp(`^state file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
        expect(e.message).to.match(message);
      });
    }
  });

  describe('a journal record that refers to unknown ids or contradicts the state is refused with its line', () => {
    const record = (s: Json, fields: Json): string =>
      JSON.stringify({ seq: (s.seq as number) + 1, nextCartridgeId: s.nextCartridgeId, ...fields });
    const at = (c: CartridgeJson, location: number | string): CartridgeJson => ({ ...c, location });
    const cases: [string, (s: Json) => string[], RegExp][] = [
      [
        'it removes a cartridge that is not there',
        (s) => [record(s, { cartridges: { c42: null } })],
        /line 1: cartridges\.c42: removes cartridge c42, which is not in the library/,
      ],
      [
        'it creates a cartridge under an id already issued',
        (s) => [
          record(s, { cartridges: { c4: null } }),
          JSON.stringify({
            seq: (s.seq as number) + 2,
            nextCartridgeId: s.nextCartridgeId,
            cartridges: { c4: at(byId(s, 'c4'), st(6)) },
          }),
        ],
        /line 2: cartridges\.c4: creates cartridge c4, but ids below c7 were issued already and c4 is not in the library; expected a new id from c7/,
      ],
      [
        'it relabels a cartridge',
        (s) => [record(s, { cartridges: { c1: { ...byId(s, 'c1'), volumeTag: 'EVIL01L8' } } })],
        /line 1: cartridges\.c1\.volumeTag: cartridge c1 is labelled "D00000L8" and a label never changes; got "EVIL01L8"/,
      ],
      [
        'it turns a data cartridge into a cleaner',
        (s) => [record(s, { cartridges: { c1: { ...byId(s, 'c1'), kind: 'cleaning', usesRemaining: 3 } } })],
        /line 1: cartridges\.c1\.kind: cartridge c1 is a data cartridge and its kind never changes; got "cleaning"/,
      ],
      [
        'its counter goes back',
        (s) => [record(s, { nextCartridgeId: 3 })],
        /line 1: nextCartridgeId: expected at least 7 \(the number already reached\), got 3/,
      ],
      [
        'it creates an id its own counter has not reached',
        (s) => [record(s, { cartridges: { c7: { ...at(byId(s, 'c1'), st(6)), id: 'c7', volumeTag: 'NEW001L8' } } })],
        /line 1: cartridges\.c7: creates cartridge c7 but the record's nextCartridgeId is 7; expected a counter above every id issued/,
      ],
      [
        'it puts a cartridge where another is',
        (s) => [record(s, { cartridges: { c2: at(byId(s, 'c2'), st(0)) } })],
        /line 1: cartridges\.c2\.location \(cartridge c2\): element 4096 already holds cartridge c1/,
      ],
      [
        'it names a drive that is not one',
        (s) => [record(s, { drives: { [String(st(0))]: { needsCleaning: true } } })],
        /line 1: drives\.4096: element 4096 is a storage element/,
      ],
      [
        'its record is for another id than its key',
        (s) => [record(s, { cartridges: { c1: byId(s, 'c2') } })],
        /line 1: cartridges\.c1\.id: the record under c1 is for c2/,
      ],
    ];
    for (const [name, lines, message] of cases) {
      it(name, () => {
        const s = seeded();
        fs.writeFileSync(
          journal,
          lines(s)
            .map((l) => `${l}\n`)
            .join(''),
        );
        const e = refusal();
        expect(e.file).to.equal(journal);
        expect(e.message).to.match(message);
      });
    }

    it('a valid record after the same snapshot is applied (the checks do not refuse real journals)', () => {
      const s = seeded();
      fs.writeFileSync(journal, `${record(s, { cartridges: { c1: at(byId(s, 'c1'), st(3)) } })}\n`);
      const changer = start();
      expect(changer.control.status().elements.find((e) => e.address === st(3))?.cartridge?.volumeTag).to.equal(
        'D00000L8',
      );
      changer.close();
    });
  });

  describe('the cartridge id allocator', () => {
    it('never reuses an id in use, even when the counter is behind', () => {
      const state = new LibraryState(TEST_PERSONALITY);
      state.newCartridge({ volumeTag: 'A', kind: 'data' }, 'c5');
      expect(state.nextCartridgeId).to.equal(6);
      state.nextCartridgeId = 1; // whatever a file or a bug says
      for (const id of ['c1', 'c2']) state.cartridges.set(id, state.newCartridge({ volumeTag: id, kind: 'data' }, id));
      state.nextCartridgeId = 1;
      expect(state.newCartridge({ volumeTag: 'B', kind: 'data' }).id).to.equal('c3');
    });

    it('raises a counter that is behind the ids in the snapshot, says so, and numbers new cartridges above them', () => {
      const s = seeded();
      s.nextCartridgeId = 1;
      fs.writeFileSync(file, JSON.stringify(s));
      warnings.length = 0;
      const changer = start();
      expect(warnings.join('\n')).to.match(
        /state file .*library\.json: nextCartridgeId: expected a number above every cartridge id \(the highest is c6\), got 1; new cartridges are numbered from c7/,
      );
      changer.control.openImportExport();
      const put = changer.control.putIntoImportExport(A.IE0, { volumeTag: 'IMP001L8' });
      expect(put.ok && put.value.id).to.equal('c7');
      changer.close();
      const again = start();
      const tags = again.control.status().elements.flatMap((e) => (e.cartridge ? [e.cartridge.volumeTag] : []));
      expect(tags.sort()).to.deep.equal(['CLN001L1', 'D00000L8', 'D00001L8', 'D00002L8', 'D00005L8', 'IMP001L8']);
      expect(again.control.status().hiddenSlots.map((h) => h?.volumeTag ?? null)).to.deep.equal(['CLN900L1', null]);
      again.close();
      expect((JSON.parse(fs.readFileSync(file, 'utf8')) as Json).nextCartridgeId).to.equal(SEEDED + 2);
    });
  });
});
