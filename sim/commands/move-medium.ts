/**
 * MOVE MEDIUM: one robot job. CDB checks on arrival (INVERT 05/24/00 byte 10 bit 0; transport, source,
 * destination 05/21/01 with field pointer 2/4/6); state checks when the robot gets to it (not ready, pulled
 * magazine 05/3B/11, open IE station per product, drive cleaning 02/04/07, source empty 05/3B/0E, destination
 * full 05/3B/0D, IE destination while prevented 05/53/02 where the product does). The cartridge enters the
 * transport element when the move starts (durably) and reaches the destination when it ends, so a power loss
 * mid-move leaves it in the gripper for power-on recovery. An armed mechanical fault fails the move after its
 * motion time with the cartridge still in its source.
 * Spec: SMC-3 6.6 MOVE MEDIUM; docs/smc-reference.md 1.2 (CDB), 2a (mhVTL checks and pointers), 1.6, 1.7.
 */
import { decodeMoveMediumCdb, SenseKey } from '../../scsi/codec/index.js';
import { MOVE_FAULT_SENSE } from '../control/fault-control.js';
import { pick, place } from '../model/transitions.js';
import type { CommandHandler } from './command-handler.js';
import {
  afterMotion,
  cleaningCheck,
  holderAt,
  isOutcome,
  preventCheck,
  reachCheck,
  transportAt,
} from './motion-checks.js';
import { cdbField, fail, failField, failWith, GOOD } from './outcome.js';

/** The MOVE MEDIUM handler (registered in registry.ts; behaviour in the header above). */
export const moveMedium: CommandHandler = {
  name: 'MOVE MEDIUM',
  opcode: 0xa5,
  cdbLength: 12,
  ready: 'motion',
  robot: true,
  execute({ core, nexus, cdb }) {
    const d = decodeMoveMediumCdb(cdb);
    if (!d.ok) return failField(d.error);
    if (d.value.invert) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(10, 0));
    const transport = transportAt(core, d.value.transportAddress, 2);
    if (isOutcome(transport)) return transport;
    const source = holderAt(core, d.value.sourceAddress, 4);
    if (isOutcome(source)) return source;
    const destination = holderAt(core, d.value.destinationAddress, 6);
    if (isOutcome(destination)) return destination;
    const timing = core.personality.timing;
    return core.robot.run(`MOVE MEDIUM ${source.address}->${destination.address}`, nexus, async (motion) => {
      const refused = reachCheck(core, [source, destination]) ?? cleaningCheck([source]);
      if (refused) return refused;
      if (!source.cartridge) return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_SOURCE_ELEMENT_EMPTY');
      if (destination.cartridge) return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_DESTINATION_ELEMENT_FULL');
      const prevented = preventCheck(core, [destination]);
      if (prevented) return prevented;
      const fault = core.faults.takeMoveFault();
      if (fault) {
        await motion.sleep(timing.moveMs);
        return failWith(MOVE_FAULT_SENSE[fault]);
      }
      // No commit of its own for the pick: the move's one commit (before its status) or any commit during the
      // motion carries it; a crash before either restarts with the cartridge at its source, where power-on
      // recovery would have put it back from the gripper (docs/simulator.md "Persistence").
      pick(core.state, source, transport);
      await motion.sleep(timing.moveMs);
      place(core.state, transport, destination);
      afterMotion(core, [source], [destination]);
      return GOOD;
    });
  },
};
