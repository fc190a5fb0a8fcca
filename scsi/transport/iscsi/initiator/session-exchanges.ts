/**
 * The initiator's request/response exchanges other than SCSI commands, as functions over a small context: NOP-Out
 * pings, text exchanges with continuations (SendTargets), logout, answers to the target's NOP-In pings, and the
 * error a Reject stands for.
 * Spec: RFC 7143 11.10 / 11.11 (Text, continuation by Target Transfer Tag), 11.14 / 11.15 (Logout),
 * 11.18 / 11.19 (NOP-Out, NOP-In: a target ping carries a TTT other than FFFFFFFFh and is answered with it),
 * 11.17 (Reject: a rejected numbered request leaves a CmdSN gap, so the session is abandoned); docs/iscsi.md 7.7.
 */
import { TransportError } from '../../scsi-transport.js';
import { Iscsi, IscsiOpcode, LogoutReason } from '../constants.js';
import { decodeLogoutResponse, encodeLogoutRequest } from '../pdu/logout.js';
import { decodeNopIn, encodeNopOut, type NopInPdu } from '../pdu/nop.js';
import { pduImmediate, pduOpcode, type Pdu } from '../pdu/pdu.js';
import type { RejectPdu } from '../pdu/reject.js';
import { decodeTextResponse, encodeTextRequest } from '../pdu/text.js';
import type { CommandNumbering } from './command-numbering.js';

/** What an exchange needs of its session. */
export interface ExchangeContext {
  readonly numbers: CommandNumbering;
  /** A fresh Initiator Task Tag. */
  nextTag(): number;
  /** Sends `pdu` and resolves with the target's answer of `opcode` for `itt`. */
  control(itt: number, pdu: Pdu, opcode: number): Promise<Pdu>;
}

/** Opcodes of non-immediate requests whose rejection leaves a CmdSN gap. */
const NUMBERED = new Set<number>([
  IscsiOpcode.SCSI_COMMAND,
  IscsiOpcode.TASK_MANAGEMENT_REQUEST,
  IscsiOpcode.TEXT_REQUEST,
  IscsiOpcode.LOGOUT_REQUEST,
  IscsiOpcode.NOP_OUT,
]);

/** NOP-Out ping (immediate); resolves with the data the target echoed. */
export async function pingTarget(ctx: ExchangeContext, data: Buffer): Promise<Buffer> {
  const itt = ctx.nextTag();
  const { cmdSN, expStatSN } = ctx.numbers;
  const pdu = encodeNopOut({ immediate: true, initiatorTaskTag: itt, cmdSN, expStatSN, data });
  return Buffer.from(decodeNopIn(await ctx.control(itt, pdu, IscsiOpcode.NOP_IN)).data);
}

/** A text exchange: sends `data`, follows continuations (at most 256), returns the joined response text. */
export async function textExchange(ctx: ExchangeContext, data: Buffer): Promise<Buffer> {
  const itt = ctx.nextTag();
  const parts: Buffer[] = [];
  let targetTransferTag: number = Iscsi.RESERVED_TAG;
  let payload = data;
  for (let i = 0; i < 256; i++) {
    const { cmdSN, expStatSN } = ctx.numbers;
    const request = { immediate: true, final: true, continue: false, initiatorTaskTag: itt, targetTransferTag };
    const pdu = encodeTextRequest({ ...request, cmdSN, expStatSN, data: payload });
    const response = decodeTextResponse(await ctx.control(itt, pdu, IscsiOpcode.TEXT_RESPONSE));
    parts.push(Buffer.from(response.data));
    if (response.final) return Buffer.concat(parts);
    targetTransferTag = response.targetTransferTag;
    payload = Buffer.alloc(0);
  }
  throw new TransportError('text response did not end', 'ETRANSPORT');
}

/** Logout (close the session, immediate); resolves with the logout response code. */
export async function logoutExchange(ctx: ExchangeContext): Promise<number> {
  const itt = ctx.nextTag();
  const { cmdSN, expStatSN } = ctx.numbers;
  const request = { immediate: true, reason: LogoutReason.CLOSE_SESSION, initiatorTaskTag: itt, cid: 0 };
  const pdu = encodeLogoutRequest({ ...request, cmdSN, expStatSN });
  return decodeLogoutResponse(await ctx.control(itt, pdu, IscsiOpcode.LOGOUT_RESPONSE)).response;
}

/** The NOP-Out answering a target's ping: its TTT, LUN and data echoed, no task tag. */
export function answerToPing(n: NopInPdu, numbers: CommandNumbering): Pdu {
  return encodeNopOut({
    immediate: true,
    lunField: Buffer.from(n.lunField),
    initiatorTaskTag: Iscsi.RESERVED_TAG,
    targetTransferTag: n.targetTransferTag,
    cmdSN: numbers.cmdSN,
    expStatSN: numbers.expStatSN,
    data: Buffer.from(n.data),
  });
}

/** The error a Reject stands for, and whether it ends the session (a numbered request left a CmdSN gap). */
export function rejection(r: RejectPdu): {
  readonly error: TransportError;
  readonly fatal: boolean;
  readonly itt: number;
} {
  const header = r.rejectedHeader;
  const opcode = pduOpcode(header);
  const reason = `opcode ${opcode.toString(16)}h, reason ${r.reason.toString(16)}h`;
  const error = new TransportError(`the target rejected a PDU (${reason})`, 'ETRANSPORT');
  return { error, fatal: NUMBERED.has(opcode) && !pduImmediate(header), itt: header.readUInt32BE(16) };
}
