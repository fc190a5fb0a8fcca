/**
 * REPORT SUPPORTED OPERATION CODES (MAINTENANCE IN, service action 0Ch), generated from the registered handler
 * list of this product: reporting options 000b all commands (with command timeouts descriptors when RCTD),
 * 001b one opcode without service action, 010b opcode + service action, 011b either.
 * Spec: SPC-4 6.35 REPORT SUPPORTED OPERATION CODES; docs/architecture.md style rule 2 (generated from the list);
 * docs/smc-reference.md 1.1 (A3h/0Ch on TL2000/4000).
 */
import {
  decodeReportSupportedOperationCodesCdb,
  encodeAllSupportedCommands,
  encodeOneSupportedCommand,
  SenseKey,
  type SupportedCommand,
} from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { cut } from './cut.js';
import { cdbField, fail, failField, good } from './outcome.js';

function describe(h: CommandHandler): SupportedCommand {
  return h.serviceAction === undefined
    ? { opcode: h.opcode, cdbLength: h.cdbLength }
    : { opcode: h.opcode, serviceAction: h.serviceAction, cdbLength: h.cdbLength };
}

/** The REPORT SUPPORTED OPERATION CODES handler (registered in registry.ts; behaviour in the header above). */
export const reportSupportedOperationCodes: CommandHandler = {
  name: 'REPORT SUPPORTED OPERATION CODES',
  opcode: 0xa3,
  serviceAction: 0x0c,
  cdbLength: 12,
  ready: 'none',
  execute({ cdb, commands }) {
    const d = decodeReportSupportedOperationCodesCdb(cdb);
    if (!d.ok) return failField(d.error);
    const { rctd, reportingOptions, requestedOpcode, requestedServiceAction, allocationLength } = d.value;
    if (reportingOptions === 0)
      return good(cut(encodeAllSupportedCommands(commands.map(describe), rctd), allocationLength));
    const sameOpcode = commands.filter((h) => h.opcode === requestedOpcode);
    const hasServiceActions = sameOpcode.some((h) => h.serviceAction !== undefined);
    if (
      (reportingOptions === 1 && hasServiceActions) ||
      (reportingOptions === 2 && sameOpcode.length > 0 && !hasServiceActions)
    ) {
      return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(2, 2));
    }
    const found = hasServiceActions
      ? sameOpcode.find((h) => h.serviceAction === requestedServiceAction)
      : sameOpcode[0];
    const one = found
      ? { ...describe(found), ...(rctd ? { timeouts: { nominal: 0, recommended: 0 } } : {}) }
      : undefined;
    return good(cut(encodeOneSupportedCommand(one), allocationLength));
  },
};
