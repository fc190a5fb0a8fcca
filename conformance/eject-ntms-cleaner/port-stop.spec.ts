/**
 * EjectNtmsCleaner(START) through the IE port, then NTMS_EJECT_STOP with the operation's GUID: both return
 * ERROR_SUCCESS; the port is closed and relocked, the cleaner goes back to its reserved slot, and the request
 * ends STOPPED. Spec: docs/rsm-semantics.md 3.6 (STOP ends the named eject before the time-out; IE-port libraries
 * only), D7 (close and relock, cleaner back, STOPPED, return 0), D10 (STOP names the START's GUID).
 */
import { guidRef, NULL_GUID, NtmsEjectOperation, NtmsPortContent, NtmsSlotState } from '../../rsm/index.js';
import { checkObjectInfo } from '../harness/observation/object-info-checks.js';
import { operatorClosesStationWhenAsked } from '../harness/queued-failure.js';
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
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it through the IE port', () =>
      t.scenario.readyCleaner(h),
    );
    const before = await t.arrange('take a snapshot of the library', () => t.observe.snapshot({ locks: true }));
    const op = guidRef(NULL_GUID);
    const start = await t.act('EjectNtmsCleaner(START)', () =>
      t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
    );
    await t.expect('ERROR_SUCCESS and a new eject-cleaner request', () => {
      t.check.result('EjectNtmsCleaner(START)', start, 'ERROR_SUCCESS');
      t.check.isEjectRequest(op, NULL_GUID, cleaner.id);
    });
    let ie = 0;
    await t.expect('the request waits for the operator with the cleaner in an IE element', async () => {
      await t.scenario.waitForState(op.value, 'NTMS_LM_WAITING');
      ie = t.check.cartridgeAt(await t.observe.snapshot(), cleaner, 'ie');
    });
    const stop = await t.act('EjectNtmsCleaner(STOP) naming the operation', () =>
      t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), guidRef(op.value), NtmsEjectOperation.NTMS_EJECT_STOP),
    );
    await t.expect('ERROR_SUCCESS', () => t.check.result('EjectNtmsCleaner(STOP)', stop, 'ERROR_SUCCESS'));
    const asked = await operatorClosesStationWhenAsked(t, op.value, 0);
    await t.expect(
      `the request STOPPED: QUEUED → INPROCESS → WAITING → STOPPED, dwErrorCode 0, ${asked ? 'one operator request (close the station)' : 'no operator request'}`,
      async () => {
        await t.scenario.waitForEnd(op.value);
        const view = t.check.requestEnded(op.value, 'NTMS_LM_STOPPED');
        t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_STOPPED']);
        if (asked)
          t.check.that(
            view.operatorRequests.length === 1,
            `the request raised ${view.operatorRequests.length} operator requests; expected one (close the station)`,
          );
        else t.check.noOperatorRequest(view);
      },
    );
    await t.expect(
      'the cleaner is back in its reserved slot; reservation, CLEANERPRESENT and uses remaining unchanged',
      async () => {
        const after = await t.observe.snapshot();
        t.check.cartridgeAt(after, cleaner, 'storage', cleaner.address);
        t.check.reservation(after, cleaner.id);
        t.check.cleanerFlags(after, true, cleaner.uses);
        const rec = t.rsm.service.inspect.findCartridge(cleaner.mediaId);
        t.check.that(
          rec?.location?.kind === 'slot' && rec.location.address === cleaner.address,
          `RSM records the cleaner at ${JSON.stringify(rec?.location ?? null)}; expected slot ${cleaner.address}`,
        );
      },
    );
    await t.expect('the IE station is closed and locked as before the eject', async () => {
      const after = await t.observe.snapshot({ locks: true });
      t.check.that(after.importExport?.open === false, 'the IE station is open');
      t.check.that(
        after.importExport?.locked === before.importExport?.locked,
        `the IE station is ${after.importExport?.locked ? 'locked' : 'unlocked'}; before the eject it was ${before.importExport?.locked ? 'locked' : 'unlocked'}`,
      );
    });
    await t.expect(
      'GetNtmsObjectInformation agrees: request STOPPED (11, dwErrorCode 0), CLEANERPRESENT set, uses unchanged, slot FULL, port EMPTY (D10)',
      () =>
        checkObjectInfo(t, h, {
          library: { cleanerSlot: cleaner.id, cleanerPresent: true, uses: cleaner.uses },
          request: { id: op.value, state: 'NTMS_LM_STOPPED', error: 'ERROR_SUCCESS', slotId: cleaner.id },
          slot: { id: cleaner.id, state: NtmsSlotState.NTMS_SLOTSTATE_FULL },
          port: {
            id: t.rsm.library().iePorts.find((p) => p.address === ie)?.id ?? '',
            content: NtmsPortContent.NTMS_PORTCONTENT_EMPTY,
          },
        }),
    );
  },
});
