/**
 * EXCHANGE MEDIUM (products with the capability; else the opcode is unknown, 05/20/00): the cartridge in the
 * source goes to the first destination and the one that was there goes to the second destination (which may be
 * the source: a swap). INV1/INV2: 05/24/00 byte 10 bit 0/1; addresses 05/21/01 with pointer 2/4/6/8; source
 * equal to the first destination: 05/21/01 pointer 6. State checks as MOVE MEDIUM, plus the first destination
 * must hold a cartridge (05/3B/0E) and the second must be empty unless it is the source (05/3B/0D). Robot
 * sequence (two move times): the first destination's cartridge into the gripper, the source's cartridge into
 * the first destination, the gripper's cartridge into the second destination; each step durable.
 * Spec: SMC-3 EXCHANGE MEDIUM command; docs/smc-reference.md 1.2 (CDB layout, INV1 byte 10 bit 0, INV2 bit 1), 1.1.
 */
import { decodeExchangeMediumCdb, SenseKey } from '../../scsi/codec/index.js';
import { MOVE_FAULT_SENSE } from '../control/fault-control.js';
import { pick, place, relocate } from '../model/transitions.js';
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

/** The EXCHANGE MEDIUM handler (registered in registry.ts; behaviour in the header above). */
export const exchangeMedium: CommandHandler = {
  name: 'EXCHANGE MEDIUM',
  opcode: 0xa6,
  cdbLength: 12,
  ready: 'motion',
  robot: true,
  supported: (p) => p.capabilities.exchangeMedium,
  execute({ core, nexus, cdb }) {
    const d = decodeExchangeMediumCdb(cdb);
    if (!d.ok) return failField(d.error);
    const v = d.value;
    if (v.invert1) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(10, 0));
    if (v.invert2) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(10, 1));
    const transport = transportAt(core, v.transportAddress, 2);
    if (isOutcome(transport)) return transport;
    const source = holderAt(core, v.sourceAddress, 4);
    if (isOutcome(source)) return source;
    const first = holderAt(core, v.firstDestinationAddress, 6);
    if (isOutcome(first)) return first;
    const second = holderAt(core, v.secondDestinationAddress, 8);
    if (isOutcome(second)) return second;
    if (first === source) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_ELEMENT_ADDRESS', cdbField(6));
    const moveMs = core.personality.timing.moveMs;
    return core.robot.run(
      `EXCHANGE MEDIUM ${source.address}->${first.address}->${second.address}`,
      nexus,
      async (motion) => {
        const refused = reachCheck(core, [source, first, second]) ?? cleaningCheck([source, first]);
        if (refused) return refused;
        if (!source.cartridge || !first.cartridge) return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_SOURCE_ELEMENT_EMPTY');
        if (second.cartridge && second !== source)
          return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_DESTINATION_ELEMENT_FULL');
        const prevented = preventCheck(core, [first, second]);
        if (prevented) return prevented;
        const fault = core.faults.takeMoveFault();
        if (fault) {
          await motion.sleep(moveMs);
          return failWith(MOVE_FAULT_SENSE[fault]);
        }
        pick(core.state, first, transport);
        core.commit();
        await motion.sleep(moveMs);
        relocate(core.state, source, first);
        core.commit();
        await motion.sleep(moveMs);
        place(core.state, transport, second);
        afterMotion(core, [source], [first, second]);
        return GOOD;
      },
    );
  },
};
