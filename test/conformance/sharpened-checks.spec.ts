/**
 * Unit tests of the sharpened checks' pure parts, each fed a broken observation: positions without volume tags,
 * the act guard (hostOnly, destructive), GetNtmsObjectInformation disagreements, a pulled magazine's read-back,
 * the suite's own result numbers, and expected changes of a failing call.
 * Spec: conformance/harness/position-checks.ts, act-guard.ts, object-info-checks.ts, magazine-checks.ts,
 * expected-results.ts, checks.ts; docs/rsm-semantics.md D1, D10; SMC-3 6.10; docs/smc-reference.md 1.6.
 */
import { expect } from 'chai';
import {
  DEFAULT_CODE_PROFILE,
  NtmsLibraryFlags,
  NtmsObjectType,
  PSEUDO_RESULTS,
  RESOURCE_NOT_PRESENT_PROFILE,
  ResultTable,
  Win32,
  newObjectInformation,
  type LibraryView,
} from '../../rsm/index.js';
import type { TraceEntry } from '../../scsi/host/tracing-transport.js';
import { actViolation } from '../../conformance/harness/observation/act-guard.js';
import type { ChangerContents, ElementReading } from '../../conformance/harness/observation/changer-probe.js';
import { Checks } from '../../conformance/harness/observation/checks.js';
import {
  EXPECTED_PSEUDO,
  EXPECTED_WIN32,
  expectedCode,
} from '../../conformance/harness/observation/expected-results.js';
import { PULLED_MAGAZINE_READINGS } from '../../conformance/harness/target/library-model.js';
import { pulledMagazineProblems } from '../../conformance/harness/observation/magazine-checks.js';
import {
  objectInfoProblems,
  type ObjectInfoExpectation,
  type ObjectInfoReading,
} from '../../conformance/harness/observation/object-info-checks.js';
import type { World } from '../../conformance/harness/observation/observe.js';
import { locate, stillPresent } from '../../conformance/harness/observation/position-checks.js';
import type { RsmDriver } from '../../conformance/harness/rsm-driver.js';

const el = (
  kind: ElementReading['kind'],
  address: number,
  full: boolean,
  extra: Partial<ElementReading> = {},
): ElementReading => ({
  kind,
  address,
  full,
  access: true,
  except: false,
  disabled: false,
  asc: 0,
  ascq: 0,
  volumeTag: '',
  cleaning: false,
  ...extra,
});

function contents(elements: ElementReading[]): ChangerContents {
  return {
    elements,
    labelled: elements.some((e) => e.full && e.volumeTag !== ''),
    find: (t) => elements.find((e) => e.full && e.volumeTag === t),
    at: (a) => elements.find((e) => e.address === a),
    describe: (a) => `element ${a}`,
  };
}

const CLEANER = { volumeTag: 'CLN001L1', address: 1 };

describe('conformance/harness sharpened checks', () => {
  describe('positions without volume tags (SVALID)', () => {
    it('finds the cleaner in the IE element whose source is its home slot, and back home', () => {
      const moved = contents([
        el('storage', 1, false),
        el('storage', 2, true),
        el('ie', 9, true, { sourceAddress: 1 }),
      ]);
      expect(locate(moved, CLEANER, 'ie')).to.deep.equal({ element: moved.at(9) });
      const back = contents([el('storage', 1, true, { sourceAddress: 9 }), el('ie', 9, false)]);
      expect(locate(back, CLEANER, 'storage', 1)).to.deep.equal({ element: back.at(1) });
    });

    it('says it cannot identify the cartridge where no SVALID source points home', () => {
      const c = contents([el('storage', 1, false), el('ie', 9, true)]);
      expect(locate(c, CLEANER, 'ie')).to.deep.equal({
        problem:
          'cannot identify CLN001L1 (home slot 1) in ie element: READ ELEMENT STATUS reads no volume tags here and no SVALID source address points at its home slot',
      });
    });

    it('fails a cartridge reported elsewhere, or still in the changer', () => {
      const inDrive = contents([el('storage', 1, false), el('drive', 5, true, { sourceAddress: 1 })]);
      expect(locate(inDrive, CLEANER, 'ie'))
        .to.have.property('problem')
        .that.matches(/reads in drive element 5 \(SVALID source 1\); expected ie element/);
      expect(stillPresent(inDrive, CLEANER)).to.match(/drive element 5 reads full with source 1/);
      expect(stillPresent(contents([el('storage', 1, false), el('ie', 9, true)]), CLEANER, 9)).to.match(
        /ie element 9 still reads full/,
      );
      expect(stillPresent(contents([el('storage', 1, false), el('ie', 9, false)]), CLEANER, 9)).to.equal(undefined);
      expect(stillPresent(contents([el('storage', 1, false), el('storage', 2, true)]), CLEANER)).to.match(
        /^cannot tell whether/,
      );
    });

    it('with volume tags, searches by tag', () => {
      const c = contents([el('storage', 1, false), el('ie', 9, true, { volumeTag: 'CLN001L1' })]);
      expect(locate(c, CLEANER, 'storage', 1)).to.deep.equal({
        problem: 'READ ELEMENT STATUS shows CLN001L1 in ie element 9; expected storage element 1',
      });
      expect(stillPresent(c, CLEANER)).to.equal('READ ELEMENT STATUS still shows CLN001L1 in ie element 9');
    });
  });

  describe('act guard', () => {
    const entry = (seq: number, cdb: string, command: string): TraceEntry => ({ seq, lun: 0, cdb, command });
    const res = entry(1, 'b8 12 10 08 00 01 00 00 ff ff 00 00', 'READ ELEMENT STATUS');
    const move = entry(2, 'a5 00 00 00 10 08 00 10 00 00 00 00', 'MOVE MEDIUM');
    it('hostOnly: any command fails; destructive false: a moving command fails', () => {
      expect(actViolation({ hostOnly: true, destructive: false }, 'START', [])).to.equal(undefined);
      expect(actViolation({ hostOnly: true, destructive: false }, 'START', [res])).to.match(
        /declared hostOnly, but during "START" the RSM model sent the changer 1 command\(s\): #1 READ ELEMENT STATUS/,
      );
      expect(actViolation({ hostOnly: false, destructive: false }, 'START', [res])).to.equal(undefined);
      expect(actViolation({ hostOnly: false, destructive: false }, 'START', [res, move])).to.match(
        /declared destructive: false, but during "START" the RSM model sent #2 MOVE MEDIUM/,
      );
      expect(actViolation({ hostOnly: false, destructive: true }, 'START', [res, move])).to.equal(undefined);
    });
  });

  describe('GetNtmsObjectInformation agreement', () => {
    const lib = 'lib-1';
    const exp: ObjectInfoExpectation = {
      library: { cleanerSlot: 'slot-1', cleanerPresent: false, uses: 0 },
      request: { id: 'r1', state: 'NTMS_LM_PASSED', error: 'ERROR_SUCCESS', slotId: 'slot-1' },
      slot: { id: 'slot-1', state: 2 },
      port: { id: 'p1', content: 2 },
    };
    function reading(flags: number, state: number, slotState: number, content: number): ObjectInfoReading {
      const l = newObjectInformation(NtmsObjectType.NTMS_LIBRARY);
      l.Info = { Library: { CleanerSlot: 'slot-1', dwCleanerUsesRemaining: 0, dwFlags: flags } as never };
      const r = newObjectInformation(NtmsObjectType.NTMS_LIBREQUEST);
      r.Info = {
        LibRequest: {
          OperationCode: 11,
          State: state,
          Library: lib,
          SlotId: 'slot-1',
          dwErrorCode: 0,
          TimeQueued: 5,
          TimeCompleted: 9,
        } as never,
      };
      const s = newObjectInformation(NtmsObjectType.NTMS_STORAGESLOT);
      s.Info = { StorageSlot: { Number: 0, State: slotState, Library: lib } };
      const p = newObjectInformation(NtmsObjectType.NTMS_IEPORT);
      p.Info = { IEPort: { Number: 0, Content: content, Position: 2, MaxExtendSecs: 60, Library: lib } };
      return {
        library: { code: 0, info: l },
        request: { code: 0, info: r },
        slot: { code: 0, info: s },
        port: { code: 0, info: p },
      };
    }
    const code = (n: string) => expectedCode('D1-default', n);
    it('agrees, and names every disagreement', () => {
      expect(objectInfoProblems(reading(0, 2, 2, 2), exp, lib, code)).to.deep.equal([]);
      expect(
        objectInfoProblems(reading(NtmsLibraryFlags.NTMS_LIBRARYFLAG_CLEANERPRESENT, 5, 1, 1), exp, lib, code),
      ).to.deep.equal([
        'library CLEANERPRESENT is true; expected false',
        'request State is 5; expected 2',
        'slot State is 1; expected 2',
        'IE port Content is 1; expected 2',
      ]);
      const failed = {
        ...reading(0, 2, 2, 2),
        slot: { code: 4312, info: newObjectInformation(NtmsObjectType.NTMS_STORAGESLOT) },
      };
      expect(objectInfoProblems(failed, exp, lib, code)).to.include(
        'GetNtmsObjectInformation(storage slot) returned 4312; expected ERROR_SUCCESS',
      );
    });
  });

  describe('pulled magazine read-back', () => {
    const pulled = (extra: Partial<ElementReading>) =>
      contents([
        el('storage', 1, false, { access: false, ...extra }),
        el('storage', 2, true, { access: false, ...extra }),
      ]);
    it("wants ACCESS=0 and the product's EXCEPT, ED and ASC/ASCQ", () => {
      const ibm = PULLED_MAGAZINE_READINGS['ed-3b12'];
      if (!ibm) throw new Error('no ed-3b12 reading');
      expect(
        pulledMagazineProblems(pulled({ except: true, disabled: true, asc: 0x3b, ascq: 0x12 }), [1, 2], ibm),
      ).to.deep.equal([]);
      expect(
        pulledMagazineProblems(pulled({ except: true, disabled: true, asc: 0x83, ascq: 0x02 }), [1], ibm),
      ).to.deep.equal(['storage element 1 reads ASC/ASCQ 83/02; the product reports 3B/12 for a removed magazine']);
      expect(pulledMagazineProblems(contents([el('storage', 1, false)]), [1], ibm)).to.deep.equal([
        "storage element 1 reads ACCESS=1; a pulled magazine's elements read ACCESS=0",
        'storage element 1 reads EXCEPT=0; the product reports 1',
        'storage element 1 reads ED=0; the product reports 1',
        'storage element 1 reads ASC/ASCQ 00/00; the product reports 3B/12 for a removed magazine',
      ]);
    });
  });

  describe("the suite's own result numbers (D1)", () => {
    it('pins the D1 defaults and the resource-not-present profile', () => {
      expect(expectedCode('D1-default', 'ERROR_NO_SLOT_SET')).to.equal(4332);
      expect(expectedCode('D1-default', 'ERROR_SLOT_NOT_PRESENT')).to.equal(5006);
      expect(expectedCode('D1-default', 'ERROR_SLOT_EMPTY')).to.equal(4306);
      expect(expectedCode('resource-not-present', 'ERROR_SLOT_NOT_PRESENT')).to.equal(4316);
      expect(() => expectedCode('no-such', 'ERROR_SUCCESS')).to.throw(/no expected numbers for code profile "no-such"/);
      expect(() => expectedCode('D1-default', 'ERROR_NOT_A_NAME')).to.throw(/no expected number for ERROR_NOT_A_NAME/);
    });

    it('today agrees with the model (a disagreement would fail the specs, by design)', () => {
      for (const [name, n] of Object.entries(EXPECTED_WIN32))
        expect(Win32[name as keyof typeof Win32], name).to.equal(n);
      for (const profile of [DEFAULT_CODE_PROFILE, RESOURCE_NOT_PRESENT_PROFILE]) {
        for (const name of Object.keys(PSEUDO_RESULTS))
          expect(
            new ResultTable(profile).code(name as keyof typeof PSEUDO_RESULTS),
            `${profile.name} ${name}`,
          ).to.equal(EXPECTED_PSEUDO[profile.name]?.[name]);
      }
    });
  });

  describe('expected changes of a failing call', () => {
    const world = (state: number): World => ({
      at: 0,
      library: { cleanerSlot: 's', slots: [{ id: 's', address: 1, number: 0, state }] } as unknown as LibraryView,
      requests: [],
      operatorRequests: [],
      cartridges: [],
      offline: [],
      changer: contents([]),
      importExport: undefined,
      door: undefined,
    });
    const check = new Checks({ results: new ResultTable(DEFAULT_CODE_PROFILE) } as unknown as RsmDriver);
    it('accepts the expected change, fails an unexpected one and a missing one', () => {
      const re = /^slot record s changed: address 1 state \d+ -> address 1 state 3$/;
      check.unchanged(world(2), world(3), [re]);
      expect(() => check.unchanged(world(2), world(3))).to.throw(
        /changed what it must not:\n {2}slot record s changed/,
      );
      expect(() => check.unchanged(world(2), world(2), [re])).to.throw(/did not make the change it must make/);
    });
  });
});
