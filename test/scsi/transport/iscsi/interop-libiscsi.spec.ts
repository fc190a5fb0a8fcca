import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { FakeBackend } from './support/fake-backend.js';
import { TARGET_NAME, TargetFixture } from './support/target-fixture.js';

// Third-party initiators from Debian's libiscsi-bin (apt-get install libiscsi-bin): discovery, login with and
// without CHAP, REPORT LUNS, standard INQUIRY and VPD pages against the target with the fake changer.

function findTool(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

interface Run {
  readonly code: number;
  readonly output: string;
}

function run(tool: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(tool, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('iscsi interop: libiscsi iscsi-ls and iscsi-inq against the target', function () {
  const iscsiLs = findTool('iscsi-ls');
  const iscsiInq = findTool('iscsi-inq');
  let fixture: TargetFixture;

  before(function () {
    if (iscsiLs === undefined || iscsiInq === undefined) {
      console.log('    skipping libiscsi interop: iscsi-ls/iscsi-inq not found on PATH (Debian package libiscsi-bin)');
      this.skip();
    }
  });

  afterEach(async () => fixture?.close());

  it('iscsi-ls -s discovers the target and lists the changer LUN', async () => {
    fixture = await TargetFixture.start({}, new FakeBackend([0, 2]));
    const { code, output } = await run(iscsiLs!, ['-s', fixture.portal()]);
    expect(code, output).to.equal(0);
    expect(output).to.contain(`Target:${TARGET_NAME} Portal:127.0.0.1:${fixture.port},1`);
    expect(output).to.match(/Lun:0\s+Type:MEDIA_CHANGER/);
    expect(output).to.match(/Lun:2\s+Type:MEDIA_CHANGER/);
  });

  it('iscsi-inq reads the standard INQUIRY of a changer', async () => {
    fixture = await TargetFixture.start();
    const { code, output } = await run(iscsiInq!, [fixture.url(0)]);
    expect(code, output).to.equal(0);
    expect(output).to.contain('Peripheral Device Type:MEDIA_CHANGER');
    expect(output).to.contain('Vendor:CHGRBNCH');
    expect(output).to.contain('Product:FAKE CHANGER');
    expect(
      fixture.backend.calls.some((c) => c.nexus.startsWith('iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-inq,i,0x')),
    ).to.equal(true);
  });

  it('iscsi-inq reads VPD pages 00h, 80h and 83h (-e 1 -c N)', async () => {
    fixture = await TargetFixture.start();
    const supported = await run(iscsiInq!, ['-e', '1', '-c', '0', fixture.url(0)]);
    expect(supported.code, supported.output).to.equal(0);
    expect(supported.output).to.contain('0x80 UNIT_SERIAL_NUMBER').and.contain('0x83 DEVICE_IDENTIFICATION');
    const serial = await run(iscsiInq!, ['-e', '1', '-c', '128', fixture.url(0)]);
    expect(serial.output).to.contain('Unit Serial Number:[FAKE0001]');
    const ids = await run(iscsiInq!, ['-e', '1', '-c', '131', fixture.url(0)]);
    expect(ids.output).to.contain('Designator:[CHGRBNCHFAKE0001]').and.contain('Designator Type:(3) NAA');
  });

  it('iscsi-inq works with header digests (?header_digest=crc32c)', async () => {
    fixture = await TargetFixture.start();
    const { code, output } = await run(iscsiInq!, [`${fixture.url(0)}?header_digest=crc32c`]);
    expect(code, output).to.equal(0);
    expect(output).to.contain('Vendor:CHGRBNCH');
  });

  it('logs in with one-way CHAP from the URL and is refused without it or with a wrong secret', async () => {
    fixture = await TargetFixture.start({ chap: { user: 'alice', secret: 'alice-secret-12' } });
    const good = await run(iscsiInq!, [fixture.url(0, 'alice%alice-secret-12')]);
    expect(good.code, good.output).to.equal(0);
    expect(good.output).to.contain('Vendor:CHGRBNCH');
    const listing = await run(iscsiLs!, ['-s', fixture.portal('alice%alice-secret-12')]);
    expect(listing.code, listing.output).to.equal(0);
    expect(listing.output).to.match(/Lun:0\s+Type:MEDIA_CHANGER/);
    expect((await run(iscsiInq!, [fixture.url(0)])).code).to.not.equal(0);
    expect((await run(iscsiInq!, [fixture.url(0, 'alice%wrong-secret-1')])).code).to.not.equal(0);
  });

  it('logs in with mutual CHAP and refuses a target answering with the wrong secret', async () => {
    fixture = await TargetFixture.start({
      chap: { user: 'alice', secret: 'alice-secret-12' },
      mutualChap: { user: 'changer', secret: 'changer-secret-12' },
    });
    const good = await run(iscsiInq!, [
      `${fixture.url(0, 'alice%alice-secret-12')}?target_user=changer&target_password=changer-secret-12`,
    ]);
    expect(good.code, good.output).to.equal(0);
    const bad = await run(iscsiInq!, [
      `${fixture.url(0, 'alice%alice-secret-12')}?target_user=changer&target_password=not-the-secret`,
    ]);
    expect(bad.code, bad.output).to.not.equal(0);
    expect(bad.output).to.match(/CHAP_R/);
  });
});
