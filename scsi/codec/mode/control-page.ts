/**
 * Control mode page (0Ah): 12 bytes, page length 0Ah.
 * Spec: SPC-4 7.5.8 "Control mode page" (byte 2 TST/D_SENSE/GLTSD, byte 3 QUEUE ALGORITHM MODIFIER/QERR,
 * byte 4 SWP, bytes 8-9 BUSY TIMEOUT PERIOD). See docs/scsi-model.md 11.
 */
import { checkUint } from '../byte-fields.js';
import { ModePageCode, type ControlModePage } from './types.js';

/** PAGE LENGTH of the control mode page. */
export const CONTROL_PAGE_LENGTH = 0x0a;

/** The 12 bytes of a control mode page. Throws RangeError on fields out of range. */
export function encodeControlPage(p: ControlModePage): Buffer {
  checkUint(p.tst, 7, 'TST');
  checkUint(p.queueAlgorithmModifier, 15, 'queue algorithm modifier');
  checkUint(p.qErr, 3, 'QERR');
  checkUint(p.busyTimeoutPeriod, 0xffff, 'busy timeout period');
  const buf = Buffer.alloc(2 + CONTROL_PAGE_LENGTH);
  buf[0] = (p.ps ? 0x80 : 0) | ModePageCode.CONTROL;
  buf[1] = CONTROL_PAGE_LENGTH;
  buf[2] = (p.tst << 5) | (p.dSense ? 0x04 : 0) | (p.gltsd ? 0x02 : 0);
  buf[3] = (p.queueAlgorithmModifier << 4) | (p.qErr << 1);
  buf[4] = p.swp ? 0x08 : 0;
  buf.writeUInt16BE(p.busyTimeoutPeriod, 8);
  return buf;
}

/** Reads a control mode page whose page length is at least 8 (bytes through BUSY TIMEOUT PERIOD). */
export function readControlPage(page: Buffer): ControlModePage {
  const b2 = page[2] ?? 0;
  const b3 = page[3] ?? 0;
  return {
    ps: ((page[0] ?? 0) & 0x80) !== 0,
    tst: b2 >> 5,
    dSense: (b2 & 0x04) !== 0,
    gltsd: (b2 & 0x02) !== 0,
    queueAlgorithmModifier: b3 >> 4,
    qErr: (b3 >> 1) & 0x03,
    swp: ((page[4] ?? 0) & 0x08) !== 0,
    busyTimeoutPeriod: page.readUInt16BE(8),
  };
}
