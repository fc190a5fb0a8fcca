/**
 * Which work runs for which library request operation. Spec: docs/rsm-semantics.md 2.3 (NtmsLmOperation codes:
 * DOORACCESS 9, EJECTCLEANER 11, INJECTCLEANER 13, CLEANDRIVE 15).
 */
import { NtmsLmOperation } from '../ntms/ntms-constants.js';
import { cleanDriveWork } from './clean-drive-work.js';
import { doorAccessWork } from './door-access-work.js';
import { ejectCleanerWork } from './eject-cleaner-work.js';
import { injectCleanerWork } from './inject-cleaner-work.js';
import type { WorkRegistry } from './request-runner.js';

/** The work functions of the model's queued requests. */
export function workRegistry(): WorkRegistry {
  return new Map([
    [NtmsLmOperation.NTMS_LM_EJECTCLEANER, ejectCleanerWork],
    [NtmsLmOperation.NTMS_LM_INJECTCLEANER, injectCleanerWork],
    [NtmsLmOperation.NTMS_LM_CLEANDRIVE, cleanDriveWork],
    [NtmsLmOperation.NTMS_LM_DOORACCESS, doorAccessWork],
  ]);
}
