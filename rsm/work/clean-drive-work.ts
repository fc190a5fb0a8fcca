/**
 * The work of an NTMS_LM_CLEANDRIVE request: mount the library's cleaner in the drive, wait for the drive to
 * finish and release it, put it back, count the use. Spec: docs/rsm-semantics.md 3.7 (CleanNtmsDrive queues a
 * cleaning; for a library drive RSM checks for a cleaner and raises an operator request to mount one), 7.1
 * ("each CleanNtmsDrive that uses the cleaner decrements the count"; spent → ERROR_CLEANER_CARTRIDGE_SPENT),
 * 8 (operator requests: no usable cleaner, maximum use count reached); docs/rsm-model.md M4 (the spent-cleaner request is
 * raised by the cleaning that uses the last count).
 */
import { ElementType } from '../../scsi/codec/index.js';
import { moveMedium, readElement } from '../changer/changer-commands.js';
import { classifyFailure } from '../changer/changer-failure.js';
import { NTMS_IGNORE_CLEANER_USES, NtmsDriveState, NtmsLmState, NtmsOpreqCommand } from '../ntms/ntms-constants.js';
import { raiseOperatorRequest, raiseOperatorRequestOnce } from '../requests/operator-requests.js';
import { Win32 } from '../results/win32-codes.js';
import { moveCartridge, recordMove, transportAddress } from './port-steps.js';
import { pause, RequestFailure, setState, type WorkContext } from './work-context.js';

/** The spent-cleaner operator request's text: one request, raised at the last cleaning, not repeated (M4). */
const spentMessage = (w: WorkContext) => `The cleaner of library ${w.library.name} is spent: replace it`;

async function refuse(w: WorkContext, code: number, message: string): Promise<never> {
  raiseOperatorRequestOnce(w.rt.db, { command: NtmsOpreqCommand.NTMS_OPREQ_CLEANER, library: w.library.id, message });
  await w.rt.commit();
  throw new RequestFailure(code, message);
}

/** Runs a clean-drive request. */
export async function cleanDriveWork(w: WorkContext): Promise<void> {
  const { db } = w.rt;
  await setState(w, NtmsLmState.NTMS_LM_INPROCESS, 'checking for a cleaner');
  const drive = db.drives.get(w.request.driveId);
  if (!drive) throw new RequestFailure(Win32.ERROR_INVALID_DRIVE, 'the drive is no longer in the database');
  const cleaner = db.cleanerOf(w.library);
  if (!cleaner || cleaner.location?.kind !== 'slot')
    return refuse(w, Win32.ERROR_UNABLE_TO_CLEAN, `Library ${w.library.name} has no usable cleaner: insert one`);
  const uses = w.library.cleanerUsesRemaining;
  if (uses === 0) return refuse(w, Win32.ERROR_CLEANER_CARTRIDGE_SPENT, spentMessage(w));
  const d = await readElement(w.link, ElementType.DATA_TRANSFER, drive.address);
  if (d?.full) throw new RequestFailure(Win32.ERROR_BUSY, `drive ${drive.number} holds a cartridge`);
  const home = cleaner.location.address;
  db.cartridges.edit(cleaner, (c) => {
    c.leavingRequest = w.request.id;
  });
  await moveCartridge(w, cleaner, { kind: 'slot', address: home }, { kind: 'drive', address: drive.address });
  db.drives.edit(drive, (d) => {
    d.state = NtmsDriveState.NTMS_DRIVESTATE_BEING_CLEANED;
    d.modified = db.now();
  });
  await w.rt.commit();
  const deadline = w.rt.clock.now() + w.rt.policies.driveCleanTimeoutSecs * 1000;
  for (;;) {
    await pause(w, w.rt.policies.pollIntervalMs);
    const back = await moveMedium(w.link, transportAddress(w), drive.address, home);
    if (back.ok) break;
    const kind = classifyFailure(back);
    if (kind === 'mechanical' || kind === 'illegal-element')
      throw new RequestFailure(Win32.ERROR_IO_DEVICE, `MOVE MEDIUM ${drive.address} → ${home} failed (${kind})`);
    if (w.rt.clock.now() >= deadline) {
      raiseOperatorRequest(db, {
        command: NtmsOpreqCommand.NTMS_OPREQ_DEVICESERVICE,
        library: w.library.id,
        libRequest: w.request.id,
        message: `Drive ${drive.number} did not release the cleaner`,
      });
      throw new RequestFailure(Win32.ERROR_TIMEOUT, 'the drive did not release the cleaner in time');
    }
  }
  await recordMove(w, cleaner, { kind: 'drive', address: drive.address }, { kind: 'slot', address: home });
  if (uses !== NTMS_IGNORE_CLEANER_USES) {
    db.libraries.edit(w.library, (l) => {
      l.cleanerUsesRemaining = uses - 1;
    });
    // The maximum use count reached: the operator request now, not at the next attempt (docs/rsm-model.md M4).
    if (uses - 1 === 0)
      raiseOperatorRequestOnce(db, {
        command: NtmsOpreqCommand.NTMS_OPREQ_CLEANER,
        library: w.library.id,
        message: spentMessage(w),
      });
  }
  db.drives.edit(drive, (d) => {
    d.state = NtmsDriveState.NTMS_DRIVESTATE_DISMOUNTED;
    d.lastCleaned = w.rt.clock.now();
    d.modified = db.now();
  });
  await setState(w, NtmsLmState.NTMS_LM_PASSED, `drive ${drive.number} cleaned; cleaner back in slot`);
}
