/**
 * EjectNtmsCleaner(START) through the IE port, then NTMS_EJECT_STOP with the operation's GUID: both return
 * ERROR_SUCCESS; the port is closed and relocked, the cleaner goes back to its reserved slot, and the request
 * ends STOPPED. Spec: docs/rsm-semantics.md 3.6 (STOP ends the named eject before the time-out; IE-port libraries
 * only), D7 (close and relock, cleaner back, STOPPED, return 0), D10 (STOP names the START's GUID).
 */
import { guidRef, NtmsEjectOperation } from '../../rsm/index.js';
import {
  expectBackInSlot,
  expectPortReadBack,
  expectStationRelocked,
  expectWaitingInPort,
  openWithCleaner,
} from '../harness/eject-steps.js';
import { operatorClosesStationWhenAsked, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PortStop',
  title: 'START through the IE port, then STOP: the cleaner goes back to its slot',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'MS-RSMP', 'project decision'],
  decisions: ['D7', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    const before = await t.arrange('take a snapshot of the library', () => t.observe.snapshot({ locks: true }));
    const op = await startEject(t, h, cleaner, 'ERROR_SUCCESS and a new eject-cleaner request');
    const ie = await expectWaitingInPort(t, op, cleaner);
    const stop = await t.act('EjectNtmsCleaner(STOP) naming the operation', () =>
      t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), guidRef(op), NtmsEjectOperation.NTMS_EJECT_STOP),
    );
    await t.expect('ERROR_SUCCESS', () => t.check.result('EjectNtmsCleaner(STOP)', stop, 'ERROR_SUCCESS'));
    const asked = await operatorClosesStationWhenAsked(t, op, 0);
    await t.expect(
      `the request STOPPED: QUEUED → INPROCESS → WAITING → STOPPED, dwErrorCode 0, ${asked ? 'one operator request (close the station)' : 'no operator request'}`,
      async () => {
        await t.scenario.waitForEnd(op);
        const view = t.check.requestEnded(op, 'NTMS_LM_STOPPED');
        t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_STOPPED']);
        if (asked)
          t.check.that(
            view.operatorRequests.length === 1,
            `the request raised ${view.operatorRequests.length} operator requests; expected one (close the station)`,
          );
        else t.check.noOperatorRequest(view);
      },
    );
    await expectBackInSlot(t, cleaner, () => {
      const rec = t.rsm.service.inspect.findCartridge(cleaner.mediaId);
      t.check.that(
        rec?.location?.kind === 'slot' && rec.location.address === cleaner.address,
        `RSM records the cleaner at ${JSON.stringify(rec?.location ?? null)}; expected slot ${cleaner.address}`,
      );
    });
    await expectStationRelocked(t, before);
    await expectPortReadBack(
      t,
      h,
      cleaner,
      'GetNtmsObjectInformation agrees: request STOPPED (11, dwErrorCode 0), CLEANERPRESENT set, uses unchanged, slot FULL, port EMPTY (D10)',
      { op, ie, state: 'NTMS_LM_STOPPED', error: 'ERROR_SUCCESS', taken: false },
    );
  },
});
