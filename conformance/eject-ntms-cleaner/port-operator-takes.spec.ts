/**
 * EjectNtmsCleaner(START) through the IE port; the operator takes the cleaner: ERROR_SUCCESS, the request goes
 * QUEUED → INPROCESS → WAITING → PASSED, and the cleaner has left every library.
 * Spec: docs/rsm-semantics.md 3.6 (START ejects from the reserved slot through the IE port; returns when queued),
 * D5 (the port cycle; on PASSED the record is deleted, CLEANERPRESENT cleared, uses 0, reservation kept), D10.
 */
import { NtmsPortContent } from '../../rsm/index.js';
import {
  checkStationRelocked,
  expectPortReadBack,
  expectWaitingInPort,
  openWithCleaner,
} from '../harness/eject-steps.js';
import { startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';
import { OPERATOR_TIME_SECS } from '../harness/scenario.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PortOperatorTakes',
  title: 'START through the IE port, then the operator takes the cleaner',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'MS-RSMP', 'project decision'],
  decisions: ['D5', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    const before = await t.arrange('take a snapshot of the library', () => t.observe.snapshot({ locks: true }));
    const op = await startEject(
      t,
      h,
      cleaner,
      'ERROR_SUCCESS, and the operation GUID names a new eject-cleaner request for the reserved slot',
    );
    const ie = await expectWaitingInPort(t, op, cleaner, (w) =>
      t.check.that(
        w.changer.at(cleaner.address)?.full === false,
        `the reserved slot ${cleaner.address} still reads full`,
      ),
    );
    await t.act(`the operator takes the cleaner from IE element ${ie}`, async () => {
      const tag = await t.scenario.takeFromPort(ie, {
        volumeTag: cleaner.volumeTag,
        next: 'sees the station emptied and ends the eject request PASSED',
        waitsMs: OPERATOR_TIME_SECS * 1000,
      });
      t.check.that(tag === cleaner.volumeTag, `the operator took ${tag}, not ${cleaner.volumeTag}`);
    });
    await t.expect(
      'the request PASSED: QUEUED → INPROCESS → WAITING → PASSED, dwErrorCode 0, no operator request',
      async () => {
        await t.scenario.waitForEnd(op);
        const view = t.check.requestEnded(op, 'NTMS_LM_PASSED');
        t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_PASSED']);
        t.check.noOperatorRequest(view);
      },
    );
    await t.expect(
      'the cleaner is in no element and no library (the offline library included); the reservation stays; CLEANERPRESENT clear, uses 0',
      async () => {
        const after = await t.observe.snapshot();
        t.check.cartridgeGone(after, cleaner, ie);
        t.check.inNoLibrary(after, cleaner.mediaId, cleaner.volumeTag);
        t.check.reservation(after, cleaner.id);
        t.check.cleanerFlags(after, false, 0);
        t.check.that(
          after.changer.at(cleaner.address)?.full === false,
          `the reserved slot ${cleaner.address} reads full`,
        );
      },
    );
    await t.expect('the IE station is closed and locked as before the eject; RSM records the port empty', async () => {
      const after = await t.observe.snapshot({ locks: true });
      checkStationRelocked(t, before, after);
      const port = after.library.iePorts.find((p) => p.address === ie);
      t.check.that(
        port?.content === NtmsPortContent.NTMS_PORTCONTENT_EMPTY,
        `RSM records IE port ${ie} content ${port?.content}; expected NTMS_PORTCONTENT_EMPTY`,
      );
    });
    await expectPortReadBack(
      t,
      h,
      cleaner,
      'GetNtmsObjectInformation agrees: request PASSED (11, dwErrorCode 0), CLEANERPRESENT clear, uses 0, slot EMPTY, port EMPTY (D10)',
      { op, ie, state: 'NTMS_LM_PASSED', error: 'ERROR_SUCCESS', taken: true },
    );
  },
});
