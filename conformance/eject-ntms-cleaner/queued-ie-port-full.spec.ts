/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS, and when the queued work moves the cleaner to the IE station the
 * changer answers that the destination is full (05/3B/0D, injected on the MOVE MEDIUM: the station filled between
 * the model's read and its move): the request ends FAILED with ERROR_IEPORT_FULL, nothing was opened, and the
 * cleaner is still in its reserved slot, over SCSI, in the RSM database and through GetNtmsObjectInformation.
 * Spec: docs/rsm-semantics.md 7.2 (failed: FAILED + dwErrorCode), 7.3 ("a port that is still full blocks reuse:
 * ERROR_IEPORT_FULL 4341"), D5 (move the cleaner to a free IE element), D10, D11; docs/smc-reference.md 1.7
 * (3B/0D medium destination element full); docs/rsm-model.md "Changer failures → dwErrorCode".
 */
import { Asc, SenseKey } from '../../scsi/codec/sense-codes.js';
import { FAULT_OPCODES } from '../harness/target/fault-injection.js';
import { cleanerHome, faultsFired, faultsOf, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedIePortFull',
  title:
    'START returns ERROR_SUCCESS; the move to the IE station finds it full: request FAILED with ERROR_IEPORT_FULL, cleaner still in its slot',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D5', 'D10', 'D11'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR, Capability.FAULT_INJECTION],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it through the IE port', () =>
      t.scenario.readyCleaner(h),
    );
    await t.arrange(
      'arm the changer to answer the next MOVE MEDIUM with ILLEGAL REQUEST 3B/0D (destination element full)',
      () =>
        faultsOf(t).failNextCommand({
          opcode: FAULT_OPCODES.MOVE_MEDIUM,
          sense: { key: SenseKey.ILLEGAL_REQUEST, ...Asc.MEDIUM_DESTINATION_ELEMENT_FULL },
        }),
    );
    const op = await startEject(t, h, cleaner);
    await t.expect(
      'the request FAILED with ERROR_IEPORT_FULL without waiting for the operator: QUEUED → INPROCESS → FAILED',
      async () => {
        await t.scenario.waitForEnd(op);
        const view = t.check.requestEnded(op, 'NTMS_LM_FAILED', 'ERROR_IEPORT_FULL');
        t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_FAILED']);
        t.check.noOperatorRequest(view);
        await faultsFired(t);
      },
    );
    await t.expect(
      'the cleaner is in its reserved slot over SCSI, in the RSM database and through GetNtmsObjectInformation; reservation, CLEANERPRESENT and uses unchanged',
      () => cleanerHome(t, cleaner, { handle: h, op, error: 'ERROR_IEPORT_FULL' }),
    );
    await t.expect('the IE station was never opened', async () => {
      const after = await t.observe.snapshot();
      t.check.that(after.importExport?.open === false, 'the IE station is open');
    });
  },
});
