/**
 * The byte-exact examples of docs/serial-framing.md section 13, as data: each frame's fields and its hex.
 */
import { FrameType, type Frame } from '../../../../scsi/transport/serial/frame-format.js';

/** One example frame. */
export interface FrameVector {
  readonly name: string;
  readonly frame: Frame;
  readonly hex: string;
}

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const empty = Buffer.alloc(0);

/** The vectors, in the order of the document. */
export const FRAME_VECTORS: readonly FrameVector[] = [
  {
    name: 'HELLO host-a nonce 2A',
    frame: {
      type: FrameType.HELLO,
      flags: 0,
      seq: 0,
      payload: Buffer.concat([h('01 00 0000002a'), Buffer.from('host-a')]),
    },
    hex: 'f5 a3 01 00 00 00 00 0c d8 43 01 00 00 00 00 2a 68 6f 73 74 2d 61 41 ed b7 91',
  },
  {
    name: 'WELCOME serial:host-a@ttyS0',
    frame: {
      type: FrameType.WELCOME,
      flags: 0,
      seq: 0,
      payload: Buffer.concat([h('01 00 0000002a'), Buffer.from('serial:host-a@ttyS0')]),
    },
    hex: 'f5 a3 02 00 00 00 00 19 c0 ea 01 00 00 00 00 2a 73 65 72 69 61 6c 3a 68 6f 73 74 2d 61 40 74 74 79 53 30 30 14 c7 f1',
  },
  {
    name: 'READY',
    frame: { type: FrameType.READY, flags: 0, seq: 0, payload: h('01') },
    hex: 'f5 a3 03 00 00 00 00 01 34 53 01 e8 ff e2 62',
  },
  {
    name: 'RESET CLOSED',
    frame: { type: FrameType.RESET, flags: 0, seq: 0, payload: h('00 00 00000000') },
    hex: 'f5 a3 04 00 00 00 00 06 ac 15 00 00 00 00 00 00 83 16 99 b8',
  },
  {
    name: 'RESET NO SESSION',
    frame: {
      type: FrameType.RESET,
      flags: 0,
      seq: 0,
      payload: Buffer.concat([h('01 00 00000000'), Buffer.from('no session')]),
    },
    hex: 'f5 a3 04 00 00 00 00 10 8c 92 01 00 00 00 00 00 6e 6f 20 73 65 73 73 69 6f 6e 5e dd c8 13',
  },
  {
    name: 'RESET UNSUPPORTED VERSION',
    frame: { type: FrameType.RESET, flags: 0, seq: 0, payload: h('02 00 0000002a') },
    hex: 'f5 a3 04 00 00 00 00 06 ac 15 02 00 00 00 00 2a 13 c5 9f 9d',
  },
  {
    name: 'COMMAND TEST UNIT READY',
    frame: {
      type: FrameType.COMMAND,
      flags: 0,
      seq: 0,
      payload: h('00000001 0000 06 00 00000000 00000000 000000000000'),
    },
    hex: 'f5 a3 10 00 00 00 00 16 6c 33 00 00 00 01 00 00 06 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 54 98 f6 57',
  },
  {
    name: 'ACK 0',
    frame: { type: FrameType.ACK, flags: 0, seq: 0, payload: empty },
    hex: 'f5 a3 20 00 00 00 00 00 6a 07 69 13 d5 74',
  },
  {
    name: 'RESPONSE GOOD',
    frame: { type: FrameType.RESPONSE, flags: 0, seq: 0, payload: h('00000001 00 00 0000 00000000 00000000') },
    hex: 'f5 a3 11 00 00 00 00 10 e0 c2 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 4d 48 33 d2',
  },
  {
    name: 'COMMAND INQUIRY',
    frame: {
      type: FrameType.COMMAND,
      flags: 0,
      seq: 1,
      payload: h('00000002 0000 06 00 00000024 00000000 120000002400'),
    },
    hex: 'f5 a3 10 00 00 01 00 16 fe 4d 00 00 00 02 00 00 06 00 00 00 00 24 00 00 00 00 12 00 00 00 24 00 8e ed 60 54',
  },
  {
    name: 'RESPONSE CHECK CONDITION',
    frame: {
      type: FrameType.RESPONSE,
      flags: 0,
      seq: 1,
      payload: h('00000003 00 02 0012 00000000 00000000 700005000000000a0000000020000000 0000'),
    },
    hex: 'f5 a3 11 00 00 01 00 22 4b fa 00 00 00 03 00 02 00 12 00 00 00 00 00 00 00 00 70 00 05 00 00 00 00 0a 00 00 00 00 20 00 00 00 00 00 3f 94 77 3b',
  },
  {
    name: 'NAK 3',
    frame: { type: FrameType.NAK, flags: 0, seq: 3, payload: empty },
    hex: 'f5 a3 21 00 00 03 00 00 c1 6d 4f 83 d1 27',
  },
  {
    name: 'KEEPALIVE 5',
    frame: { type: FrameType.KEEPALIVE, flags: 0, seq: 5, payload: empty },
    hex: 'f5 a3 12 00 00 05 00 00 da 13 c6 00 2a 01',
  },
];

/**
 * The bytes of issue 16's report (defect 2): a RESPONSE at sequence 1 (tag 0, COMPLETED, GOOD, nothing else), as an
 * attacker sent it to a target after a TEST UNIT READY at sequence 0.
 */
export const STRAY_RESPONSE_SEQ1: Buffer = h('f5 a3 11 00 00 01 00 10 72 bc' + ' 00'.repeat(16) + ' 8b 37 42 7b');
