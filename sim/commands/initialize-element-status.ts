/**
 * INITIALIZE ELEMENT STATUS: a full inventory by the robot (the product's overhead plus time per element for
 * every storage, IE, drive and transport element). The simulator always knows the truth, so the scan changes no
 * state; it takes the time and keeps the robot busy.
 * Spec: SMC-3 INITIALIZE ELEMENT STATUS command; docs/smc-reference.md 1.1 ("rescans inventory", mtx inventory).
 */
import type { CommandHandler } from './command-handler.js';
import { failWith, GOOD } from './outcome.js';

/** The INITIALIZE ELEMENT STATUS handler (registered in registry.ts; behaviour in the header above). */
export const initializeElementStatus: CommandHandler = {
  name: 'INITIALIZE ELEMENT STATUS',
  opcode: 0x07,
  cdbLength: 6,
  ready: 'motion',
  robot: true,
  execute({ core, nexus }) {
    return core.robot.run('INITIALIZE ELEMENT STATUS', nexus, async (motion) => {
      const nr = core.notReadyForRobot();
      if (nr) return failWith(nr);
      await motion.sleep(core.inventoryMs(core.state.sorted(0).length));
      return GOOD;
    });
  },
};
