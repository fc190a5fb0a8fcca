/**
 * EjectNtmsCleaner(START) returns ERROR_SUCCESS, and the queued work's MOVE MEDIUM meets a unit attention
 * (06/28/01, import or export element accessed: someone touched the station mid-cycle). A unit attention reports
 * an event, not a failure of the command: the model records it, sends the MOVE again, and the eject goes on; the
 * operator takes the cleaner and the request PASSED.
 * Spec: docs/rsm-semantics.md D5 (the port cycle; 28/01 seen by the model), 7.2, D10; SAM-5 (unit attention
 * condition: the command is not performed, retry it); docs/rsm-model.md "The changer link" (unit attentions
 * recorded and the command sent again, up to unitAttentionRetries).
 */
import { Asc, SenseKey } from '../../scsi/codec/sense-codes.js';
import { FAULT_OPCODES } from '../harness/target/fault-injection.js';
import { faultsFired, faultsOf, modelMoves, operatorTakesAndPasses, startEject } from '../harness/queued-failure.js';
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
    const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it through the IE port', () =>
      t.scenario.readyCleaner(h),
    );
    const armedAt = t.time.now();
    await t.arrange(
      'arm the changer to answer the next MOVE MEDIUM with UNIT ATTENTION 28/01 (import or export element accessed)',
      () =>
        faultsOf(t).failNextCommand({
          opcode: FAULT_OPCODES.MOVE_MEDIUM,
          sense: { key: SenseKey.UNIT_ATTENTION, ...Asc.IMPORT_OR_EXPORT_ELEMENT_ACCESSED },
        }),
    );
    const op = await startEject(t, h, cleaner);
    await operatorTakesAndPasses(t, op, cleaner);
    await t.expect(
      'the model met the unit attention on its MOVE MEDIUM, recorded it, and sent the MOVE again (GOOD)',
      async () => {
        await faultsFired(t);
        const moves = modelMoves(t, armedAt);
        t.check.that(
          moves.length >= 2 && moves[0]?.status !== 'GOOD' && moves[1]?.status === 'GOOD',
          `the model's MOVE MEDIUM commands since the fault was armed: ${moves.map((m) => `${m.status} ${m.sense}`).join('; ') || 'none'}; expected CHECK CONDITION (28/01) then GOOD`,
        );
        const seen = t.rsm.service.inspect
          .unitAttentions(t.rsm.libraryId)
          .filter((u) => u.at >= armedAt && u.asc === 0x28 && u.ascq === 0x01);
        t.check.that(seen.length > 0, 'the model recorded no unit attention 28/01 after the fault was armed');
      },
    );
  },
});
