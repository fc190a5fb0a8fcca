/**
 * POSITION TO ELEMENT (products with the capability): moves the transport in front of an element, taking the
 * product's positioning time. INVERT: 05/24/00 byte 8 bit 0; transport 05/21/01 pointer 2; destination (a
 * storage, IE or drive element) 05/21/01 pointer 4; a pulled magazine's element 05/3B/11. Positioning in
 * front of an open IE station is allowed (nothing is touched).
 * Spec: SMC-3 POSITION TO ELEMENT command; docs/smc-reference.md 1.2 (CDB: 2-3 transport, 4-5 destination, byte 8 bit 0
 * INVERT), 1.1 (SuperLoader, Quantum, HP implement it).
 */
import { decodePositionToElementCdb, SenseKey } from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { isInPulledMagazine } from '../model/element.js';
import { holderAt, isOutcome, transportAt } from './motion-checks.js';
import { cdbField, fail, failField, failWith, GOOD } from './outcome.js';

/** The POSITION TO ELEMENT handler (registered in registry.ts; behaviour in the header above). */
export const positionToElement: CommandHandler = {
  name: 'POSITION TO ELEMENT',
  opcode: 0x2b,
  cdbLength: 10,
  ready: 'motion',
  robot: true,
  supported: (p) => p.capabilities.positionToElement,
  execute({ core, nexus, cdb }) {
    const d = decodePositionToElementCdb(cdb);
    if (!d.ok) return failField(d.error);
    if (d.value.invert) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(8, 0));
    const transport = transportAt(core, d.value.transportAddress, 2);
    if (isOutcome(transport)) return transport;
    const destination = holderAt(core, d.value.destinationAddress, 4);
    if (isOutcome(destination)) return destination;
    return core.robot.run(`POSITION TO ELEMENT ${destination.address}`, nexus, async (motion) => {
      const nr = core.notReadyForRobot();
      if (nr) return failWith(nr);
      if (isInPulledMagazine(destination)) return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_MAGAZINE_NOT_ACCESSIBLE');
      await motion.sleep(core.personality.timing.positionMs);
      return GOOD;
    });
  },
};
