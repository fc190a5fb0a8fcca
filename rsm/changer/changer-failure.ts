/**
 * From a changer's answer to what the RSM model does with it: which failures end a library request and with
 * which dwErrorCode, and which answers are tolerated. Spec: docs/smc-reference.md 1.7 (sense codes changers report),
 * 4 (how the Windows changer class maps them: 3B/0E source empty, 3B/0D destination full, 21/01 illegal element
 * address, door open, magazine not present, hardware errors); docs/rsm-semantics.md 2.1 (4329 controlling the IE port,
 * 4341 IE port full); the failure list (IE port full 4341, mechanical failure, link lost → D12).
 */
import { SenseKey, type SenseData } from '../../scsi/codec/index.js';
import { Win32 } from '../results/win32-codes.js';
import type { CommandOutcome } from './changer-link.js';

/** What went wrong, as far as the model cares. */
export type ChangerFailureKind =
  | 'destination-full'
  | 'source-empty'
  | 'mechanical'
  | 'door-open'
  | 'magazine-missing'
  | 'not-ready'
  | 'unsupported'
  | 'removal-prevented'
  | 'illegal-element'
  | 'other';

/** Door-open sense codes (vendor 04/83 and 04/85, IBM 04/84 station open). */
function isDoorOpen(s: SenseData): boolean {
  return s.asc === 0x04 && (s.ascq === 0x83 || s.ascq === 0x84 || s.ascq === 0x85);
}

/** Classifies a failed command's outcome. */
export function classifyFailure(outcome: Extract<CommandOutcome, { ok: false }>): ChangerFailureKind {
  const s = outcome.sense;
  if (!s) return 'other';
  if (s.key === SenseKey.HARDWARE_ERROR) return 'mechanical';
  if (s.asc === 0x3b && s.ascq === 0x0d) return 'destination-full';
  if (s.asc === 0x3b && s.ascq === 0x0e) return 'source-empty';
  if (s.asc === 0x3b && (s.ascq === 0x11 || s.ascq === 0x12)) return 'magazine-missing';
  if (s.asc === 0x83 && s.ascq === 0x02) return 'magazine-missing';
  if (s.asc === 0x15 || (s.asc === 0x3b && s.ascq === 0x16) || s.asc === 0x44) return 'mechanical';
  if (s.asc === 0x53 && (s.ascq === 0x02 || s.ascq === 0x03)) return 'removal-prevented';
  if (isDoorOpen(s)) return 'door-open';
  if (s.key === SenseKey.ILLEGAL_REQUEST && (s.asc === 0x20 || s.asc === 0x24)) return 'unsupported';
  if (s.key === SenseKey.ILLEGAL_REQUEST && s.asc === 0x21) return 'illegal-element';
  if (s.key === SenseKey.NOT_READY) return 'not-ready';
  return 'other';
}

/** Where in the work a command failed: decides the dwErrorCode. */
export type FailureContext = 'move-to-ie' | 'move' | 'ie-control';

/** The dwErrorCode a failed request gets for a changer failure. */
export function failureErrorCode(kind: ChangerFailureKind, context: FailureContext): number {
  if (context === 'ie-control') return Win32.ERROR_CONTROLLING_IEPORT;
  switch (kind) {
    case 'destination-full':
      return context === 'move-to-ie' ? Win32.ERROR_IEPORT_FULL : Win32.ERROR_DESTINATION_ELEMENT_FULL;
    case 'source-empty':
      return Win32.ERROR_SOURCE_ELEMENT_EMPTY;
    case 'magazine-missing':
      return Win32.ERROR_MAGAZINE_NOT_PRESENT;
    case 'door-open':
      return Win32.ERROR_DEVICE_DOOR_OPEN;
    case 'not-ready':
      return Win32.ERROR_NOT_READY;
    case 'illegal-element':
      return Win32.ERROR_ILLEGAL_ELEMENT_ADDRESS;
    case 'removal-prevented':
      return context === 'move-to-ie' ? Win32.ERROR_CONTROLLING_IEPORT : Win32.ERROR_IO_DEVICE;
    default:
      return Win32.ERROR_IO_DEVICE;
  }
}

/**
 * True when a failed command can be ignored: a changer without CLOSE IMPORT/EXPORT ELEMENT (TS3100 family: the
 * operator closes the station) or without PREVENT ALLOW MEDIUM REMOVAL (tgt answers 05/20/00).
 */
export function isTolerable(outcome: CommandOutcome): boolean {
  return outcome.ok || classifyFailure(outcome) === 'unsupported';
}
