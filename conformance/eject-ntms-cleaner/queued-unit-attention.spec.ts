/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS, and the queued work's MOVE MEDIUM meets a unit attention
 * (06/28/01, import or export element accessed: someone touched the station mid-cycle). A unit attention reports
 * an event, not a failure of the command: the model records it, sends the MOVE again, and the eject goes on; the
 * operator takes the cleaner and the request PASSED.
 * Spec: docs/rsm-semantics.md D5 (the port cycle; 28/01 seen by the model), 7.2, D10; SAM-5 (unit attention
 * condition: the command is not performed, retry it; docs/scsi-model.md 4);
 * docs/rsm-model.md "The changer link" (unit attentions
 * recorded and the command sent again, up to unitAttentionRetries).
 */
import { Asc, SenseKey } from '../../scsi/codec/sense-codes.js';
import { armMoveSense, checkMoveRetried, openWithCleaner } from '../harness/eject-steps.js';
import { operatorTakesAndPasses, startEject } from '../harness/queued-failure.js';
import { Capability, returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.QueuedUnitAttention',
  title:
    'START returns ERROR_SUCCESS; a unit attention on the move mid-cycle is recorded and the move retried; the eject PASSED',
  returns: 'ERROR_SUCCESS',
  provenance: ['C-API', 'project decision'],
  decisions: ['D5', 'D10'],
  needs: [Capability.EMPTY_SLOT, Capability.IE_PORT, Capability.OPERATOR, Capability.FAULT_INJECTION],
  hostOnly: false,
  destructive: true,
  async run(t) {
    const { h, cleaner } = await openWithCleaner(t);
    const armedAt = t.time.now();
    await armMoveSense(
      t,
      'arm the changer to answer the next MOVE MEDIUM with UNIT ATTENTION 28/01 (import or export element accessed)',
      { key: SenseKey.UNIT_ATTENTION, ...Asc.IMPORT_OR_EXPORT_ELEMENT_ACCESSED },
    );
    const op = await startEject(t, h, cleaner);
    await operatorTakesAndPasses(t, op, cleaner);
    await t.expect(
      'the model met the unit attention on its MOVE MEDIUM, recorded it, and sent the MOVE again (GOOD)',
      async () => {
        await checkMoveRetried(t, armedAt, '28/01');
        const seen = t.rsm.service.inspect
          .unitAttentions(t.rsm.libraryId)
          .filter((u) => u.at >= armedAt && u.asc === 0x28 && u.ascq === 0x01);
        t.check.that(seen.length > 0, 'the model recorded no unit attention 28/01 after the fault was armed');
      },
    );
  },
});
