/**
 * Asynchronous Message PDU (opcode 32h): the target asks for a logout, announces a dropped connection or session,
 * or carries a SCSI asynchronous event.
 * Spec: RFC 7143 11.9 (Asynchronous Message), 11.9.1 (AsyncEvent codes and their parameters); docs/iscsi.md 7.7.
 */
import { Iscsi, IscsiOpcode } from '../constants.js';
import { emptyBuffer, expectOpcode, makePdu, newBhs, type Pdu } from './pdu.js';

/** Fields of an Asynchronous Message PDU. */
export interface AsyncMessagePdu {
  readonly lunField: Buffer;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  /** AsyncEvent. */
  readonly asyncEvent: number;
  readonly asyncVCode: number;
  readonly parameter1: number;
  readonly parameter2: number;
  readonly parameter3: number;
  /** Sense data (SCSI async event) or vendor data. */
  readonly data: Buffer;
}

const ZERO_LUN = Buffer.alloc(8);

export function encodeAsyncMessage(
  f: Pick<AsyncMessagePdu, 'statSN' | 'expCmdSN' | 'maxCmdSN' | 'asyncEvent'> &
    Partial<Omit<AsyncMessagePdu, 'statSN' | 'expCmdSN' | 'maxCmdSN' | 'asyncEvent'>>,
): Pdu {
  const bhs = newBhs(IscsiOpcode.ASYNC_MESSAGE);
  bhs[1] = 0x80;
  (f.lunField ?? ZERO_LUN).copy(bhs, 8, 0, 8);
  bhs.writeUInt32BE(Iscsi.RESERVED_TAG, 16);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  bhs[36] = f.asyncEvent;
  bhs[37] = f.asyncVCode ?? 0;
  bhs.writeUInt16BE(f.parameter1 ?? 0, 38);
  bhs.writeUInt16BE(f.parameter2 ?? 0, 40);
  bhs.writeUInt16BE(f.parameter3 ?? 0, 42);
  return makePdu(bhs, f.data ?? emptyBuffer());
}

export function decodeAsyncMessage(pdu: Pdu): AsyncMessagePdu {
  expectOpcode(pdu, IscsiOpcode.ASYNC_MESSAGE, 'Asynchronous Message');
  const { bhs } = pdu;
  return {
    lunField: bhs.subarray(8, 16),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    asyncEvent: bhs[36] as number,
    asyncVCode: bhs[37] as number,
    parameter1: bhs.readUInt16BE(38),
    parameter2: bhs.readUInt16BE(40),
    parameter3: bhs.readUInt16BE(42),
    data: pdu.data,
  };
}
