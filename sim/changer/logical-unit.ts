/**
 * The simulated changer as a SCSI logical unit: the interface the simulated target (simulated-target.ts) calls.
 * Its answers are scsi's BackendResult, the same value the target hands every transport.
 * Spec: SAM-5 (Execute Command, I_T nexus; docs/scsi-model.md 1, 3); design: docs/architecture.md "the changer (sim)".
 */
import type { BackendResult } from '../../scsi/transport/scsi-target-backend.js';

/**
 * A logical unit that executes CDBs. Implementations must:
 * - answer every CDB, however malformed, with GOOD or CHECK CONDITION and valid sense (or BUSY,
 *   RESERVATION CONFLICT), and never throw or reject for protocol errors; sense data is fixed format unless the
 *   control mode page's D_SENSE is set, data-in already cut to the CDB's allocation length;
 * - keep prevent state, unit attentions and reservations per `nexus` (an opaque I_T nexus id, e.g.
 *   "iqn.1993-08.org.debian:01:abc,isid=...,tpgt=1");
 * - treat a nexus seen for the first time as needing a POWER ON, RESET, OR BUS DEVICE RESET unit attention.
 */
export interface ScsiLogicalUnit {
  execute(nexus: string, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult>;
  /** Task management: LOGICAL UNIT RESET / TARGET WARM RESET (clears prevent, reservations; raises 29/xx). */
  reset(kind: 'logical-unit' | 'target-warm' | 'power-on'): void;
  /** Forget a nexus whose session ended (its prevent state is released: SPC-4 I_T nexus loss, docs/scsi-model.md 5). */
  nexusLost(nexus: string): void;
}
