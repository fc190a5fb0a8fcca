/**
 * Time-outs per command class, handed to the kernel in sg_io_hdr.timeout: a MOVE MEDIUM on a large library takes
 * minutes and an INITIALIZE ELEMENT STATUS can take an hour, while TEST UNIT READY and INQUIRY answer at once.
 * The defaults are at least the Linux ch driver's (timeout_move 300 s for every command but INITIALIZE ELEMENT
 * STATUS, timeout_init 3600 s for that one); each class is overridable on the URL (`timeout-move=600`, seconds).
 * Spec: Linux drivers/scsi/ch.c (module parameters timeout_move, timeout_init; ch_do_scsi); SMC-3 6 (command
 * set, docs/smc-reference.md 1.1), SPC-4 annex E (E.3.1, operation codes); docs/sg.md section 3.
 */
import { Opcode } from '../../codec/opcodes.js';

/** The command classes, each with its URL option and default in seconds. */
export const SG_TIMEOUT_CLASSES = {
  /** TEST UNIT READY, INQUIRY, REQUEST SENSE, REPORT LUNS: answered without moving anything. */
  quick: {
    option: 'timeout-quick',
    defaultSeconds: 20,
    opcodes: [Opcode.TEST_UNIT_READY, Opcode.INQUIRY, Opcode.REQUEST_SENSE, Opcode.REPORT_LUNS],
  },
  /** MOVE MEDIUM, EXCHANGE MEDIUM, POSITION TO ELEMENT, OPEN/CLOSE IMPORT/EXPORT ELEMENT: the robot moves. */
  move: {
    option: 'timeout-move',
    defaultSeconds: 300,
    opcodes: [
      Opcode.MOVE_MEDIUM,
      Opcode.EXCHANGE_MEDIUM,
      Opcode.POSITION_TO_ELEMENT,
      Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT,
    ],
  },
  /** INITIALIZE ELEMENT STATUS (with or without range): the library inventories itself. */
  init: {
    option: 'timeout-init',
    defaultSeconds: 3600,
    opcodes: [Opcode.INITIALIZE_ELEMENT_STATUS, Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE],
  },
  /** Everything else (READ ELEMENT STATUS, MODE SENSE, PREVENT ALLOW MEDIUM REMOVAL...): ch's timeout_move. */
  other: { option: 'timeout-other', defaultSeconds: 300, opcodes: [] as number[] },
} as const;

/** A command class name. */
export type SgTimeoutClass = keyof typeof SG_TIMEOUT_CLASSES;

/** Time-out of each class, in milliseconds. */
export type SgTimeouts = Readonly<Record<SgTimeoutClass, number>>;

/** The defaults, in milliseconds. */
export const DEFAULT_SG_TIMEOUTS: SgTimeouts = Object.fromEntries(
  Object.entries(SG_TIMEOUT_CLASSES).map(([name, c]) => [name, c.defaultSeconds * 1000]),
) as SgTimeouts;

/** The longest time-out the header can carry below 0xffffffff ms ("no time-out", never asked for): 4294967 s. */
export const MAX_SG_TIMEOUT_SECONDS = Math.floor(0xfffffffe / 1000);

/** The class of a CDB's operation code. */
export function timeoutClassOf(opcode: number): SgTimeoutClass {
  for (const [name, c] of Object.entries(SG_TIMEOUT_CLASSES) as [
    SgTimeoutClass,
    (typeof SG_TIMEOUT_CLASSES)[SgTimeoutClass],
  ][]) {
    if ((c.opcodes as readonly number[]).includes(opcode)) return name;
  }
  return 'other';
}

/** The URL option that sets a class, by option name ("timeout-move" -> "move"). */
export function timeoutClassOfOption(option: string): SgTimeoutClass | undefined {
  return (Object.entries(SG_TIMEOUT_CLASSES) as [SgTimeoutClass, { option: string }][]).find(
    ([, c]) => c.option === option,
  )?.[0];
}
