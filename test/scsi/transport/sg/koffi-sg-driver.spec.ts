/**
 * The koffi binding on this machine's own kernel, which has no SCSI stack: what it can show without one is that
 * the calls are made and their failures named. stat reads the device number, open/close work on /dev/null, and
 * SG_GET_VERSION_NUM and the asynchronous SG_IO reach the kernel and fail with ENOTTY (not a SCSI node), the
 * SG_IO through koffi's asynchronous call (several at once). The real SG_IO path runs in the QEMU guest tests.
 * Spec: scsi/transport/sg/koffi-sg-driver.ts; ioctl(2) (ENOTTY for a request the device does not know).
 */
import { expect } from 'chai';
import { createKoffiSgDriver, encodeSgIoHeader, SgDxfer, type SgDriver } from '../../../../scsi/transport/sg/index.js';

const supported = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64');

describe('koffi SG_IO binding on this machine', () => {
  let driver: SgDriver;
  before(function () {
    if (!supported) this.skip();
    driver = createKoffiSgDriver();
  });

  it('reads the node kind and device number, and names the group of a gid', () => {
    expect(driver.stat('/dev/null')).to.include({ kind: 'char', major: 1, minor: 3 });
    expect(driver.stat('/etc/passwd').kind).to.equal('file');
    expect(() => driver.stat('/nonexistent/sg3'))
      .to.throw()
      .with.property('code', 'ENOENT');
    expect(driver.groupName(0)).to.equal('root');
    expect(driver.effectiveUid()).to.equal(process.geteuid?.());
  });

  it('makes the ioctls and names their errno: ENOTTY from a node that is not SCSI, SG_IO asynchronously', async () => {
    const fd = driver.open('/dev/null');
    try {
      expect(() => driver.versionNum(fd))
        .to.throw()
        .with.property('code', 'ENOTTY');
      const header = encodeSgIoHeader({
        dxferDirection: SgDxfer.FROM_DEV,
        cmdLen: 6,
        mxSbLen: 32,
        dxferLen: 36,
        timeoutMs: 1000,
      });
      const calls = [0, 1, 2].map(() =>
        driver.sgIo(fd, Buffer.from(header), {
          cdb: Buffer.from([0x12, 0, 0, 0, 36, 0]),
          data: Buffer.alloc(36),
          sense: Buffer.alloc(32),
        }),
      );
      const errors = await Promise.all(
        calls.map((c) =>
          c.then(
            () => undefined,
            (e: unknown) => e as { code?: string },
          ),
        ),
      );
      expect(
        errors.map((e) => e?.code),
        'three calls out at once, each answered',
      ).to.deep.equal(['ENOTTY', 'ENOTTY', 'ENOTTY']);
    } finally {
      driver.close(fd);
    }
  });
});
