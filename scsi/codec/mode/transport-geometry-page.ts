/**
 * Transport geometry parameters page (1Eh): 2 bytes per medium transport element (byte 0 bit 0 ROTATE,
 * byte 1 MEMBER NUMBER IN TRANSPORT ELEMENT SET); page length = 2 * transports.
 * Spec: SMC-3 7.3 "Transport geometry parameters mode page"; docs/smc-reference.md 1.4.
 */
import { checkUint } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';
import { ModePageCode, type TransportGeometryPage } from './types.js';

/** The bytes of a transport geometry page. Throws RangeError for more than 127 transports or bad values. */
export function encodeTransportGeometryPage(p: TransportGeometryPage): Buffer {
  checkUint(p.transports.length, 127, 'number of transport geometry descriptors');
  const buf = Buffer.alloc(2 + 2 * p.transports.length);
  buf[0] = (p.ps ? 0x80 : 0) | ModePageCode.TRANSPORT_GEOMETRY;
  buf[1] = 2 * p.transports.length;
  p.transports.forEach((t, i) => {
    checkUint(t.memberNumber, 0xff, 'member number in transport element set');
    buf[2 + 2 * i] = t.rotate ? 0x01 : 0;
    buf[3 + 2 * i] = t.memberNumber;
  });
  return buf;
}

/** Reads a transport geometry page. Throws CodecError when the page length is odd. */
export function readTransportGeometryPage(page: Buffer, offset: number): TransportGeometryPage {
  const length = page[1] ?? 0;
  if (length % 2 !== 0)
    throw new CodecError('transport geometry page', offset + 1, `page length ${length} is not a multiple of 2`);
  const transports = [];
  for (let p = 2; p < 2 + length; p += 2)
    transports.push({ rotate: ((page[p] ?? 0) & 0x01) !== 0, memberNumber: page[p + 1] ?? 0 });
  return { ps: ((page[0] ?? 0) & 0x80) !== 0, transports };
}
