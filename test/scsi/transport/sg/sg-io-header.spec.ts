/**
 * The sg_io_hdr codec against byte-exact vectors written out by hand from include/uapi/scsi/sg.h with the LP64
 * rules (pahole of x86-64 shows the same: 88 bytes, a 4-byte hole before usr_ptr and 4 bytes of tail padding), and
 * the platform check of the koffi binding (koffi's own layout of the C declaration on this machine).
 * Spec: Linux include/uapi/scsi/sg.h; scsi/transport/sg/sg-io-header.ts; docs/sg.md section 2.
 */
import { expect } from 'chai';
import {
  createKoffiSgDriver,
  decodeSgIoReply,
  decodeSgIoRequest,
  encodeSgIoHeader,
  layoutDifferences,
  SG_IO_HDR_LAYOUT,
  SgDxfer,
  SgIoctl,
  writeSgIoReply,
} from '../../../../scsi/transport/sg/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('sg_io_hdr codec', () => {
  it('lays struct sg_io_hdr out as the kernel header does on LP64: 88 bytes, these offsets', () => {
    expect(SG_IO_HDR_LAYOUT.size).to.equal(88);
    expect(SG_IO_HDR_LAYOUT.offsets).to.deep.equal({
      interface_id: 0,
      dxfer_direction: 4,
      cmd_len: 8,
      mx_sb_len: 9,
      iovec_count: 10,
      dxfer_len: 12,
      dxferp: 16,
      cmdp: 24,
      sbp: 32,
      timeout: 40,
      flags: 44,
      pack_id: 48,
      usr_ptr: 56,
      status: 64,
      masked_status: 65,
      msg_status: 66,
      sb_len_wr: 67,
      host_status: 68,
      driver_status: 70,
      resid: 72,
      duration: 76,
      info: 80,
    });
    expect([SgIoctl.SG_IO, SgIoctl.SG_GET_VERSION_NUM]).to.deep.equal([0x2285, 0x2282]);
  });

  it('encodes a request byte for byte', () => {
    const b = encodeSgIoHeader({
      dxferDirection: SgDxfer.FROM_DEV,
      cmdLen: 6,
      mxSbLen: 252,
      dxferLen: 96,
      timeoutMs: 20_000,
      dxferp: 0x1122334455667788n,
      cmdp: 0x0102030405060708n,
      sbp: 0xa0a1a2a3a4a5a6a7n,
    });
    expect(b.toString('hex')).to.equal(
      hex(`53000000 fdffffff 06fc0000 60000000
           8877665544332211 0807060504030201 a7a6a5a4a3a2a1a0
           204e0000 00000000 00000000 00000000 0000000000000000
           00000000 00000000 00000000 00000000 00000000 00000000`).toString('hex'),
    );
    expect(decodeSgIoRequest(b)).to.deep.equal({
      interfaceId: 0x53,
      dxferDirection: -3,
      cmdLen: 6,
      mxSbLen: 252,
      dxferLen: 96,
      timeoutMs: 20_000,
      flags: 0,
      packId: 0,
      dxferp: 0x1122334455667788n,
      cmdp: 0x0102030405060708n,
      sbp: 0xa0a1a2a3a4a5a6a7n,
    });
  });

  it('encodes a command without data as SG_DXFER_NONE with zero length and pointers', () => {
    const b = encodeSgIoHeader({
      dxferDirection: SgDxfer.NONE,
      cmdLen: 12,
      mxSbLen: 252,
      dxferLen: 0,
      timeoutMs: 300_000,
    });
    expect(b.subarray(0, 16).toString('hex')).to.equal('53000000ffffffff0cfc000000000000');
    expect(b.readUInt32LE(40)).to.equal(300_000);
    expect(b.subarray(16, 40).equals(Buffer.alloc(24))).to.equal(true);
  });

  it('decodes the result fields the kernel writes', () => {
    const b = Buffer.alloc(88);
    hex('02 01 00 12 0000 0800 10000000 e8030000 01000000').copy(b, 64);
    expect(decodeSgIoReply(b)).to.deep.equal({
      status: 2,
      maskedStatus: 1,
      msgStatus: 0,
      sbLenWr: 18,
      hostStatus: 0,
      driverStatus: 8,
      resid: 16,
      durationMs: 1000,
      info: 1,
    });
    const c = Buffer.alloc(88);
    writeSgIoReply(c, decodeSgIoReply(b));
    expect(c.equals(b)).to.equal(true);
    hex('00 00 00 00 0300 0000 fcffffff').copy(b, 64);
    expect(decodeSgIoReply(b)).to.include({ hostStatus: 3, resid: -4 });
  });

  it('refuses out-of-range request fields and short headers', () => {
    expect(() => encodeSgIoHeader({ dxferDirection: -1, cmdLen: 256, mxSbLen: 0, dxferLen: 0, timeoutMs: 1 })).to.throw(
      RangeError,
      /cmd_len/,
    );
    expect(() =>
      encodeSgIoHeader({ dxferDirection: -1, cmdLen: 6, mxSbLen: 0, dxferLen: 2 ** 32, timeoutMs: 1 }),
    ).to.throw(RangeError, /dxfer_len/);
    expect(() => encodeSgIoHeader({ dxferDirection: -1, cmdLen: 6, mxSbLen: 0, dxferLen: 0, timeoutMs: -1 })).to.throw(
      RangeError,
      /timeout/,
    );
    expect(() => decodeSgIoReply(Buffer.alloc(64))).to.throw(RangeError, /88 bytes, got 64/);
  });

  it('checks the platform layout at start-up: equal here, refused when it differs', () => {
    if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
      expect(() => createKoffiSgDriver()).not.to.throw();
    }
    // an ILP32 platform (4-byte pointers) lays the same declaration out in 64 bytes
    const ilp32 = {
      struct: (fields: Record<string, string>) => fields,
      sizeof: () => 64,
      offsetof: (_t: unknown, name: string) =>
        (({ dxferp: 16, cmdp: 20, sbp: 24, timeout: 28 }) as Record<string, number>)[name] ??
        SG_IO_HDR_LAYOUT.offsets[name as 'info'],
    };
    const problems = layoutDifferences(ilp32);
    expect(problems).to.include('size 64 bytes instead of 88');
    expect(problems).to.include('cmdp at offset 20 instead of 24');
    expect(
      layoutDifferences({
        struct: (f) => f,
        sizeof: () => 88,
        offsetof: (_t, n) => SG_IO_HDR_LAYOUT.offsets[n as 'info'],
      }),
    ).to.deep.equal([]);
  });
});
