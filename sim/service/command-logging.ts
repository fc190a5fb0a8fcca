/**
 * `sim serve`'s SCSI command log: one debug line per command on every transport (the target's observer), with
 * the decoded CDB, status, sense, duration and initiator as fields (under `scsi`, which the terminal format leaves
 * out: the message says it all) and as a readable message.
 * Design: docs/lab-view.md "Logs"; sim/service/command-record.ts.
 */
import type { CommandObserver } from '../changer/simulated-target.js';
import { decodeCommandRecord, formatCommandLine } from './command-record.js';
import type { Logger } from '../../common/logger.js';

/** An observer that logs each command at debug level. */
export function commandLogger(logger: Logger): CommandObserver {
  let seq = 0;
  return (record) => {
    const line = decodeCommandRecord(record, ++seq);
    const { time: _time, seq: _seq, ...fields } = line;
    logger.debug({ component: 'scsi', scsi: fields }, `${line.initiator}: ${formatCommandLine(line)}`);
  };
}
