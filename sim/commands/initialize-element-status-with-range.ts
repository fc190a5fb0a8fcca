/**
 * INITIALIZE ELEMENT STATUS WITH RANGE (products with the capability): RANGE=0 scans the whole library; RANGE=1
 * scans NUMBER OF ELEMENTS elements (0: to the last) from STARTING ELEMENT ADDRESS, which must be an element
 * address (else 05/21/01, pointer 2). FAST=1 checks presence only and costs a quarter of the per-element time.
 * Spec: SMC-3 INITIALIZE ELEMENT STATUS WITH RANGE (opcode 37h); docs/smc-reference.md 1.2 (CDB: byte 1 bit 1
 * FAST, bit 0 RANGE; 2-3 start; 6-7 count), 5.1 (use 37h).
 */
import { decodeInitializeElementStatusWithRangeCdb, SenseKey } from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { cdbField, fail, failField, failWith, GOOD } from './outcome.js';

/** The INITIALIZE ELEMENT STATUS WITH RANGE handler (registered in registry.ts; behaviour in the header above). */
export const initializeElementStatusWithRange: CommandHandler = {
  name: 'INITIALIZE ELEMENT STATUS WITH RANGE',
  opcode: 0x37,
  cdbLength: 10,
  ready: 'motion',
  robot: true,
  supported: (p) => p.capabilities.initializeElementStatusWithRange,
  execute({ core, nexus, cdb }) {
    const d = decodeInitializeElementStatusWithRangeCdb(cdb);
    if (!d.ok) return failField(d.error);
    const { fast, range, startingAddress, numberOfElements } = d.value;
    const all = core.state.sorted(0);
    let count = all.length;
    if (range) {
      const from = core.state.firstAtOrAbove(0, startingAddress);
      if (all[from]?.address !== startingAddress)
        return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_ELEMENT_ADDRESS', cdbField(2));
      count = numberOfElements === 0 ? all.length - from : Math.min(numberOfElements, all.length - from);
    }
    return core.robot.run(
      `INITIALIZE ELEMENT STATUS WITH RANGE (${count} elements${fast ? ', fast' : ''})`,
      nexus,
      async (motion) => {
        const nr = core.notReadyForRobot();
        if (nr) return failWith(nr);
        await motion.sleep(core.inventoryMs(count, fast));
        return GOOD;
      },
    );
  },
};
