/**
 * The sharpened checks of the conformance suite fail when the model or the observation is broken: each test
 * breaks one thing (with sinon, on the in-process simulator) and runs a real return path, which must fail naming
 * what went wrong; the same path passes unbroken. Spec: issue #12 "Checks that can fail";
 * docs/rsm-semantics.md D1, D3, D6, D10; conformance/harness/checks.ts, path-steps.ts, object-info-checks.ts,
 * act-guard.ts.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { fileURLToPath } from 'node:url';
import {
  NtmsLmState,
  NtmsObjectType,
  NtmsSlotState,
  RESOURCE_NOT_PRESENT_PROFILE,
  ResultTable,
  RsmService,
  guidRef,
  type GuidRef,
  type NtmsHandle,
  type NtmsObjectInformation,
} from '../../rsm/index.js';
import { failsWithoutEffect } from '../../conformance/harness/path-steps.js';
import { returnPath, type ReturnPath } from '../../conformance/harness/return-path.js';
import invalidLibrary from '../../conformance/eject-ntms-cleaner/invalid-library.spec.js';
import noSlotSet from '../../conformance/eject-ntms-cleaner/no-slot-set.spec.js';
import portOperatorTakes from '../../conformance/eject-ntms-cleaner/port-operator-takes.spec.js';
import portStop from '../../conformance/eject-ntms-cleaner/port-stop.spec.js';
import portTimeout from '../../conformance/eject-ntms-cleaner/port-timeout.spec.js';
import invalidHandleAfterRestart from '../../conformance/eject-ntms-cleaner/invalid-handle-after-restart.spec.js';
import slotEmptySecondStart from '../../conformance/eject-ntms-cleaner/slot-empty-second-start.spec.js';
import slotNotPresent from '../../conformance/eject-ntms-cleaner/slot-not-present.spec.js';
import stopUnknownGuid from '../../conformance/eject-ntms-cleaner/stop-unknown-guid.spec.js';
import { failure, runPath } from './support/run-path.js';

/** A fixture directory of its own, so the matrix runs over ./fixtures/ do not gain its cells. */
const NO_VOLTAG_FIXTURES = fileURLToPath(new URL('./fixtures-no-voltag/', import.meta.url));
const PORT_LIBRARY = 'oracle-sl150';
const MAGAZINE_LIBRARY = 'ibm-ts3200';
const WRITTEN = '00000000-0000-4000-8000-00000000beef';

type Eject = (
  this: RsmService,
  h: NtmsHandle | null,
  lib: GuidRef | null,
  op: GuidRef | null,
  action: number,
) => Promise<number>;
const originalEject = RsmService.prototype.ejectNtmsCleaner as Eject;

/**
 * Breaks EjectNtmsCleaner after the fact (restored after each test): the real call runs, then `then` sees the
 * service, the result and the library and operation arguments and may change what the call left behind.
 */
function afterEject(
  then: (service: RsmService, rc: number, lib: GuidRef | null, op: GuidRef | null) => Promise<void> | void,
): void {
  sinon.stub(RsmService.prototype, 'ejectNtmsCleaner').callsFake(async function (this: RsmService, h, lib, op, action) {
    const rc = await originalEject.call(this, h, lib, op, action);
    await then(this, rc, lib, op);
    return rc;
  });
}

/** A path with only a failing call, for the argument and declaration checks. */
function probePath(id: string, hostOnly: boolean, body: ReturnPath['run']): ReturnPath {
  return returnPath({
    id: `EjectNtmsCleaner.${id}`,
    title: id,
    returns: 'ERROR_INVALID_LIBRARY',
    provenance: ['project decision'],
    decisions: ['D10'],
    needs: [],
    hostOnly,
    destructive: false,
    run: body,
  });
}

describe('conformance checks that can fail (issue #12)', function () {
  this.timeout(120_000);
  afterEach(() => sinon.restore());

  it('unbroken, the paths the tests below break pass', async () => {
    for (const path of [
      invalidLibrary,
      stopUnknownGuid,
      noSlotSet,
      portOperatorTakes,
      portTimeout,
      slotEmptySecondStart,
      invalidHandleAfterRestart,
    ]) {
      const lib = PORT_LIBRARY;
      const outcome = await runPath(path, lib);
      expect(outcome.passed, `${path.id}: ${outcome.passed ? '' : outcome.error.message}`).to.equal(true);
    }
    const outcome = await runPath(slotNotPresent, MAGAZINE_LIBRARY, { profile: RESOURCE_NOT_PRESENT_PROFILE });
    expect(outcome.passed, `${slotNotPresent.id}: ${outcome.passed ? '' : outcome.error.message}`).to.equal(true);
  });

  it("a wrong number in the model's result table fails a spec: the expected number is the suite's (D1)", async () => {
    const code = ResultTable.prototype.code;
    sinon.stub(ResultTable.prototype, 'code').callsFake(function (this: ResultTable, name) {
      // The model's table gives ERROR_NO_SLOT_SET the number of ERROR_CLEANER_SLOT_SET (4331) instead of 4332.
      return name === 'ERROR_NO_SLOT_SET' ? 4331 : code.call(this, name);
    });
    expect(failure(await runPath(noSlotSet, PORT_LIBRARY))).to.match(
      /returned .*\(4331\); expected ERROR_NO_SLOT_SET \(4332\)/,
    );
  });

  it('D10: a STOP that writes the GUID it was passed fails StopUnknownGuid', async () => {
    afterEject((_service, _rc, _lib, op) => {
      if (op) op.value = WRITTEN;
    });
    expect(failure(await runPath(stopUnknownGuid, PORT_LIBRARY))).to.match(
      /lpEjectOperation was written \(0bad5707-.* -> 00000000-0000-4000-8000-00000000beef\)/,
    );
  });

  it('D10: a call passed another reference than the one checked, or a GUID where NULL is declared, fails', async () => {
    const fresh = probePath('FreshGuid', true, async (t) => {
      const h = await t.rsm.open();
      await failsWithoutEffect(t, {
        act: 'START on an unknown library',
        expected: 'ERROR_INVALID_LIBRARY',
        decidedBy: 'library',
        call: () => t.rsm.call('ejectNtmsCleaner', h, guidRef('0bad1b00-0000-4000-8000-000000000001'), guidRef(), 0),
      });
    });
    expect(failure(await runPath(fresh, PORT_LIBRARY))).to.match(
      /was passed another GUID reference .* not the one checked/,
    );
    const notNull = probePath('NotNull', true, async (t) => {
      const h = await t.rsm.open();
      await failsWithoutEffect(t, {
        act: 'START on an unknown library',
        expected: 'ERROR_INVALID_LIBRARY',
        decidedBy: 'library',
        operation: null,
        call: () => t.rsm.call('ejectNtmsCleaner', h, guidRef('0bad1b00-0000-4000-8000-000000000001'), guidRef(), 0),
      });
    });
    expect(failure(await runPath(notNull, PORT_LIBRARY))).to.match(
      /as its operation GUID, not the one checked \(NULL\)/,
    );
  });

  it('decidedBy tells apart results a profile gives one number (SLOT_NOT_PRESENT and D9 are both 4316)', async () => {
    sinon.stub(RsmService.prototype, 'ejectNtmsCleaner').callsFake(async function (
      this: RsmService,
      h,
      lib,
      op,
      action,
    ) {
      // A model that answers D9's ERROR_RESOURCE_NOT_PRESENT (4316) without running its slot checks.
      return action === 0 ? 4316 : originalEject.call(this, h, lib, op, action);
    });
    const message = failure(await runPath(slotNotPresent, MAGAZINE_LIBRARY, { profile: RESOURCE_NOT_PRESENT_PROFILE }));
    expect(message).to.match(
      /^expect: decided by the "slot-present" check \(D3\): the result was decided by the "(?!slot-present")[^"]*" check/,
    );
  });

  it('"nothing changed" sees a failing call that takes the library offline', async () => {
    afterEject(async (service, rc, lib) => {
      if (rc !== 0 && lib) await service.admin.setLibraryOffline(lib.value, true);
    });
    expect(failure(await runPath(noSlotSet, PORT_LIBRARY))).to.match(/library online changed: true -> false/);
  });

  it('hostOnly: a host-only path whose call sends the changer a command fails its act', async () => {
    const touching = probePath('TouchesChanger', true, async (t) => {
      const h = await t.rsm.open();
      const slot = t.rsm.library().slots.find((s) => s.state === NtmsSlotState.NTMS_SLOTSTATE_EMPTY);
      if (!slot) throw new Error('no empty slot');
      await t.act('ReserveNtmsCleanerSlot (re-reads the slot, D4)', () =>
        t.rsm.call('reserveNtmsCleanerSlot', h, t.rsm.libraryRef(), guidRef(slot.id)),
      );
    });
    expect(failure(await runPath(touching, PORT_LIBRARY))).to.match(
      /declared hostOnly, but during "ReserveNtmsCleanerSlot .*" the RSM model sent the changer 1 command\(s\): #\d+ READ ELEMENT STATUS/,
    );
  });

  it('GetNtmsObjectInformation disagreeing with the expected request state fails PortOperatorTakes (D10)', async () => {
    const original = RsmService.prototype.getNtmsObjectInformation;
    sinon.stub(RsmService.prototype, 'getNtmsObjectInformation').callsFake(async function (
      this: RsmService,
      h,
      id,
      info: NtmsObjectInformation | null,
    ) {
      const rc = await original.call(this, h, id, info);
      if (info?.dwType === NtmsObjectType.NTMS_LIBREQUEST && info.Info?.LibRequest)
        info.Info.LibRequest.State = NtmsLmState.NTMS_LM_FAILED;
      return rc;
    });
    expect(failure(await runPath(portOperatorTakes, PORT_LIBRARY))).to.match(
      /GetNtmsObjectInformation disagrees:\n\s+request State is 3; expected 2/,
    );
  });

  it('PortTimeout is bounded above: a model that waits twice MaxExtendSecs fails it (D6)', async () => {
    const original = RsmService.prototype.setNtmsObjectInformation;
    sinon.stub(RsmService.prototype, 'setNtmsObjectInformation').callsFake(function (
      this: RsmService,
      h,
      id,
      info: NtmsObjectInformation | null,
    ) {
      const port = info?.Info?.IEPort;
      if (port) port.MaxExtendSecs *= 2;
      return original.call(this, h, id, info);
    });
    expect(failure(await runPath(portTimeout, PORT_LIBRARY))).to.match(
      /the request ended 6\d\d(\.\d+)? s after it began waiting; MaxExtendSecs is 300, so it should end within 480 s/,
    );
  });

  it('without volume tags the port paths follow the cleaner by fullness and SVALID source address', async () => {
    for (const path of [portOperatorTakes, portStop]) {
      const outcome = await runPath(path, 'oracle-sl150-no-barcode', { fixturesDir: NO_VOLTAG_FIXTURES });
      expect(outcome.passed, `${path.id}: ${outcome.passed ? '' : outcome.error.message}`).to.equal(true);
    }
  });

  it('SlotEmptySecondStart compares around the second START: a refused START that changes the library fails it', async () => {
    afterEject(async (service, rc, lib) => {
      if (rc !== 0 && lib) await service.admin.setLibraryOffline(lib.value, true);
    });
    expect(failure(await runPath(slotEmptySecondStart, PORT_LIBRARY))).to.match(
      /^expect: lpEjectOperation not written .*changed what it must not:\n\s+library online changed: true -> false/s,
    );
  });

  it('InvalidHandleAfterRestart uses the new handle: a model that refuses it too fails the path', async () => {
    sinon.stub(RsmService.prototype, 'getNtmsObjectInformation').resolves(6);
    expect(failure(await runPath(invalidHandleAfterRestart, PORT_LIBRARY))).to.match(
      /GetNtmsObjectInformation\(library\) with the new handle returned ERROR_INVALID_HANDLE \(6\); expected ERROR_SUCCESS \(0\)/,
    );
  });
});
