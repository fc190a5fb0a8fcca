/**
 * OPEN/CLOSE IMPORT/EXPORT ELEMENT (products whose station opens under program control and that report IE
 * elements; else the opcode is unknown, 05/20/00). ACTION 00h opens the station, 01h closes it only where the
 * product can (else, like any other action, 05/24/00 byte 4 bit 4). The address must be an IE element (05/21/01,
 * pointer 2); one in a pulled magazine gives 05/3B/11. Opening an open station (or closing a closed one) is GOOD
 * without motion. Opening while prevented with a cartridge in the station fails 05/53/02 where the product does.
 * Closing ends with an inventory of the station and 06/28/01 for the other nexuses.
 * Spec: SMC-3 OPEN/CLOSE IMPORT/EXPORT ELEMENT command; docs/smc-reference.md 1.2 (TL2000/4000: action 00h only;
 * re-opening is not an error), 1.6 (PREVENT + full station 05/53/02, Dell TL; 28/01 on IE access).
 */
import { Asc, decodeOpenCloseImportExportElementCdb, ImportExportAction, SenseKey } from '../../scsi/codec/index.js';
import { ElementKind, isInPulledMagazine } from '../model/element.js';
import { setStationOpen } from '../model/transitions.js';
import type { CommandHandler } from './command-handler.js';
import { cdbField, fail, failField, failWith, GOOD } from './outcome.js';

/** The OPEN/CLOSE IMPORT/EXPORT ELEMENT handler (registered in registry.ts; behaviour in the header above). */
export const openCloseImportExportElement: CommandHandler = {
  name: 'OPEN/CLOSE IMPORT/EXPORT ELEMENT',
  opcode: 0x1b,
  cdbLength: 6,
  ready: 'motion',
  robot: true,
  supported: (p) => p.importExport.openCommand && p.elements.importExport.count > 0,
  execute({ core, nexus, cdb }) {
    const d = decodeOpenCloseImportExportElementCdb(cdb);
    if (!d.ok) return failField(d.error);
    const { elementAddress, actionCode } = d.value;
    const element = core.state.element(elementAddress);
    if (!element || element.type !== ElementKind.IMPORT_EXPORT)
      return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_ELEMENT_ADDRESS', cdbField(2));
    const close = actionCode === ImportExportAction.CLOSE;
    if (!(actionCode === ImportExportAction.OPEN || (close && core.personality.importExport.closeCommand))) {
      return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(4, 4));
    }
    const { timing, prevent } = core.personality;
    const station = core.state.importExport;
    return core.robot.run(
      close ? 'CLOSE IMPORT/EXPORT ELEMENT' : 'OPEN IMPORT/EXPORT ELEMENT',
      nexus,
      async (motion) => {
        const nr = core.notReadyForRobot();
        if (nr) return failWith(nr);
        if (isInPulledMagazine(element)) return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_MAGAZINE_NOT_ACCESSIBLE');
        if (core.state.station.open !== close) return GOOD;
        if (close) {
          await motion.sleep(timing.ieCloseMs + core.inventoryMs(station.length));
          setStationOpen(core.state, false);
          core.raise(Asc.IMPORT_OR_EXPORT_ELEMENT_ACCESSED, nexus);
          return GOOD;
        }
        if (prevent.blocksOpenFullStation && core.nexuses.prevented && station.some((e) => e.cartridge)) {
          return fail(SenseKey.ILLEGAL_REQUEST, 'MEDIUM_REMOVAL_PREVENTED');
        }
        await motion.sleep(timing.ieOpenMs);
        setStationOpen(core.state, true);
        return GOOD;
      },
    );
  },
};
