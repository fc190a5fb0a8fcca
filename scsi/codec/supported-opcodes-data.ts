/**
 * REPORT SUPPORTED OPERATION CODES parameter data: all_commands format (reporting options 000b: 4-byte
 * COMMAND DATA LENGTH, then 8-byte command descriptors, 20 with a command timeouts descriptor when RCTD)
 * and one_command format (reporting options 001b-011b: SUPPORT, CDB SIZE, CDB USAGE DATA).
 * Spec: SPC-4 6.35.2 (all_commands, command descriptor: 0 opcode, 2-3 service action, 5 CTDP bit 1 /
 * SERVACTV bit 0, 6-7 CDB length), 6.35.3 (one_command: 1 CTDP bit 7 / SUPPORT bits 2-0, 2-3 CDB SIZE),
 * 6.35.4 (command timeouts descriptor: 0-1 length 000Ah, 3 command specific, 4-7 nominal, 8-11 recommended).
 * See docs/scsi-model.md 9.
 */
import { asBuffer, checkUint } from './byte-fields.js';
import { CodecError } from './codec-error.js';

/** SUPPORT field values of the one_command format. */
export const CommandSupport = {
  NOT_AVAILABLE: 0,
  NOT_SUPPORTED: 1,
  SUPPORTED: 3,
  SUPPORTED_VENDOR_SPECIFIC: 5,
} as const;

/** Command timeouts descriptor values, in seconds (0: not specified). */
export interface CommandTimeouts {
  nominal: number;
  recommended: number;
}

/** One supported command (an opcode, or an opcode and service action). */
export interface SupportedCommand {
  opcode: number;
  /** Present for commands with service actions (SERVACTV=1). */
  serviceAction?: number;
  cdbLength: number;
  /** CDB usage map for the one_command format (length cdbLength, byte 0 = opcode). */
  usageData?: Buffer;
  /** Sent as a command timeouts descriptor (CTDP=1); encodeAllSupportedCommands with rctd sends zeros when absent. */
  timeouts?: CommandTimeouts;
}

/** Decoded one_command parameter data. */
export interface OneCommandSupport {
  support: number;
  cdbLength: number;
  usageData: Buffer;
  timeouts?: CommandTimeouts;
}

const TIMEOUTS_LENGTH = 12;

function writeTimeouts(buf: Buffer, off: number, t: CommandTimeouts | undefined): void {
  buf.writeUInt16BE(TIMEOUTS_LENGTH - 2, off);
  if (t === undefined) return;
  checkUint(t.nominal, 0xffffffff, 'nominal command processing timeout');
  checkUint(t.recommended, 0xffffffff, 'recommended command timeout');
  buf.writeUInt32BE(t.nominal, off + 4);
  buf.writeUInt32BE(t.recommended, off + 8);
}

function readTimeouts(buf: Buffer, off: number): CommandTimeouts {
  const length = buf.readUInt16BE(off);
  if (length !== TIMEOUTS_LENGTH - 2)
    throw new CodecError('command timeouts descriptor', off, `descriptor length ${length} is not 0Ah`);
  return { nominal: buf.readUInt32BE(off + 4), recommended: buf.readUInt32BE(off + 8) };
}

/** all_commands parameter data; with `rctd`, every descriptor carries a command timeouts descriptor. */
export function encodeAllSupportedCommands(cmds: SupportedCommand[], rctd: boolean): Buffer {
  const size = 8 + (rctd ? TIMEOUTS_LENGTH : 0);
  const buf = Buffer.alloc(4 + size * cmds.length);
  buf.writeUInt32BE(buf.length - 4, 0);
  cmds.forEach((c, i) => {
    const off = 4 + size * i;
    checkUint(c.opcode, 0xff, 'operation code');
    checkUint(c.cdbLength, 0xffff, 'CDB length');
    buf[off] = c.opcode;
    if (c.serviceAction !== undefined) {
      checkUint(c.serviceAction, 0xffff, 'service action');
      buf.writeUInt16BE(c.serviceAction, off + 2);
    }
    buf[off + 5] = (rctd ? 0x02 : 0) | (c.serviceAction !== undefined ? 0x01 : 0);
    buf.writeUInt16BE(c.cdbLength, off + 6);
    if (rctd) writeTimeouts(buf, off + 8, c.timeouts);
  });
  return buf;
}

/**
 * A coarse CDB usage map when none is given: the opcode, the service action in byte 1 when there is one,
 * every bit claimed in the bytes between, and no bit of the control byte (no NACA).
 */
function defaultUsageData(cmd: SupportedCommand): Buffer {
  const usage = Buffer.alloc(cmd.cdbLength, 0xff);
  usage[0] = cmd.opcode;
  if (cmd.serviceAction !== undefined && cmd.cdbLength > 2) usage[1] = cmd.serviceAction & 0x1f;
  if (cmd.cdbLength > 1) usage[cmd.cdbLength - 1] = 0;
  return usage;
}

/**
 * one_command parameter data for `cmd`, or for an unsupported command when `cmd` is undefined. SUPPORT
 * defaults to 011b (supported) or 001b (not supported). Throws RangeError when usageData's length is not
 * cdbLength.
 */
export function encodeOneSupportedCommand(cmd: SupportedCommand | undefined, supportValue?: number): Buffer {
  const support = supportValue ?? (cmd === undefined ? CommandSupport.NOT_SUPPORTED : CommandSupport.SUPPORTED);
  checkUint(support, 7, 'support');
  if (cmd === undefined) return Buffer.from([0, support, 0, 0]);
  checkUint(cmd.opcode, 0xff, 'operation code');
  checkUint(cmd.cdbLength, 0xffff, 'CDB size');
  const usage = cmd.usageData ?? defaultUsageData(cmd);
  if (usage.length !== cmd.cdbLength)
    throw new RangeError(`CDB usage data is ${usage.length} bytes, CDB length is ${cmd.cdbLength}`);
  const buf = Buffer.alloc(4 + usage.length + (cmd.timeouts !== undefined ? TIMEOUTS_LENGTH : 0));
  buf[1] = (cmd.timeouts !== undefined ? 0x80 : 0) | support;
  buf.writeUInt16BE(usage.length, 2);
  usage.copy(buf, 4);
  if (cmd.timeouts !== undefined) writeTimeouts(buf, 4 + usage.length, cmd.timeouts);
  return buf;
}

/**
 * The commands in all_commands parameter data (whole descriptors present, when cut by the allocation
 * length). Throws CodecError on a short header, a descriptor past the command data length, or a command
 * timeouts descriptor whose length is not 0Ah.
 */
export function decodeAllSupportedCommands(bytes: Uint8Array): SupportedCommand[] {
  const buf = asBuffer(bytes);
  if (buf.length < 4)
    throw new CodecError('supported operation codes', buf.length, `needs a 4-byte header, got ${buf.length}`);
  const declaredEnd = 4 + buf.readUInt32BE(0);
  const end = Math.min(buf.length, declaredEnd);
  const cmds: SupportedCommand[] = [];
  let off = 4;
  while (off < end) {
    const ctdp = off + 8 <= end && ((buf[off + 5] ?? 0) & 0x02) !== 0;
    const next = off + 8 + (ctdp ? TIMEOUTS_LENGTH : 0);
    if (next > end) {
      if (end < declaredEnd) break;
      throw new CodecError('command descriptor', off, 'runs past the command data length');
    }
    const cmd: SupportedCommand = { opcode: buf[off] ?? 0, cdbLength: buf.readUInt16BE(off + 6) };
    if (((buf[off + 5] ?? 0) & 0x01) !== 0) cmd.serviceAction = buf.readUInt16BE(off + 2);
    if (ctdp) cmd.timeouts = readTimeouts(buf, off + 8);
    cmds.push(cmd);
    off = next;
  }
  return cmds;
}

/** Decodes one_command parameter data. Throws CodecError when the usage data or timeouts are cut short. */
export function decodeOneSupportedCommand(bytes: Uint8Array): OneCommandSupport {
  const buf = asBuffer(bytes);
  if (buf.length < 4)
    throw new CodecError('one_command parameter data', buf.length, `needs 4 bytes, got ${buf.length}`);
  const cdbLength = buf.readUInt16BE(2);
  const ctdp = ((buf[1] ?? 0) & 0x80) !== 0;
  const needed = 4 + cdbLength + (ctdp ? TIMEOUTS_LENGTH : 0);
  if (buf.length < needed)
    throw new CodecError('one_command parameter data', buf.length, `needs ${needed} bytes, got ${buf.length}`);
  const result: OneCommandSupport = {
    support: (buf[1] ?? 0) & 0x07,
    cdbLength,
    usageData: Buffer.from(buf.subarray(4, 4 + cdbLength)),
  };
  if (ctdp) result.timeouts = readTimeouts(buf, 4 + cdbLength);
  return result;
}
