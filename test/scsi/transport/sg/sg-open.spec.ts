/**
 * The refusals of opening `sg:PATH`, each a clear sentence with a named code and no descriptor left open: a
 * missing path, a file or another driver's device, a node that does not answer SG_GET_VERSION_NUM or has no v3
 * driver, no permission (the group to join, or that only root may), and a device that is not a medium changer
 * (what it is, and the changer's node from sysfs); a medium changer opens.
 * Spec: scsi/transport/sg/sg-open.ts; SPC-4 6.6.2 (peripheral qualifier and device type, docs/scsi-model.md 8);
 * docs/sg.md section 6.
 */
import { expect } from 'chai';
import { openSgTransport, SgOpenError, ScsiCharMajor } from '../../../../scsi/transport/sg/index.js';
import { deviceOfType, FakeSgKernel } from '../../../support/fake-sg-kernel.js';
import { buildFakeSysfs, SAMPLE_DEVICES } from '../../../support/fake-sysfs.js';
import { createSimulatedBackend } from '../contract/contract-harness.js';

async function refusal(kernel: FakeSgKernel, url: string, sysfs?: string): Promise<SgOpenError> {
  try {
    await openSgTransport(url, { driver: kernel, sysfs: sysfs ? { sysfs, dev: '/dev' } : { sysfs: '/nonexistent' } });
  } catch (e) {
    expect(e).to.be.instanceOf(SgOpenError);
    expect(kernel.openFds, 'no descriptor left open').to.deep.equal([]);
    return e as SgOpenError;
  }
  return expect.fail(`${url} opened`);
}

describe('opening sg: targets', () => {
  let tree: ReturnType<typeof buildFakeSysfs>;
  before(() => (tree = buildFakeSysfs(SAMPLE_DEVICES)));
  after(() => tree.remove());

  it("refuses a path that does not exist, a file, a directory and another driver's device", async () => {
    const k = new FakeSgKernel();
    expect(await refusal(k, 'sg:/dev/sg9')).to.include({
      code: 'ENOENT',
      message: 'sg:/dev/sg9: no such file; changerbench devices lists the SCSI generic nodes of this machine',
    });
    k.addPath('/etc/passwd', { kind: 'file', major: 0, minor: 0, mode: 0o644, uid: 0, gid: 0 });
    k.addPath('/dev/tty1', { kind: 'char', major: 4, minor: 1, mode: 0o620, uid: 0, gid: 5 });
    k.addPath('/dev/sda', { kind: 'block', major: 8, minor: 0, mode: 0o660, uid: 0, gid: 6 });
    expect((await refusal(k, 'sg:/etc/passwd')).message).to.match(
      /^sg:\/etc\/passwd: a regular file, not a SCSI generic node \(a character device of major 21/,
    );
    expect((await refusal(k, 'sg:/dev/tty1')).message).to.match(
      /^sg:\/dev\/tty1: a character device 4:1 of another driver, not a SCSI generic node/,
    );
    expect(await refusal(k, 'sg:/dev/sda')).to.include({ code: 'ENOTSG' });
    k.addPath(
      '/dev/st0',
      { kind: 'char', major: ScsiCharMajor.ST, minor: 0, mode: 0o660, uid: 0, gid: 26 },
      { openErrno: 'EIO' },
    );
    expect((await refusal(k, 'sg:/dev/st0')).message).to.match(
      /^sg:\/dev\/st0: a tape drive's st node \(9:0; opening it can rewind the tape\), not a SCSI generic node/,
    );
    k.addPath('/dev', { kind: 'directory', major: 0, minor: 0, mode: 0o755, uid: 0, gid: 0 });
    expect((await refusal(k, 'sg:/dev')).message).to.match(/^sg:\/dev: a directory, not a SCSI generic node/);
  });

  it('refuses a node that does not answer SG_GET_VERSION_NUM, or whose sg driver predates v3', async () => {
    const k = new FakeSgKernel();
    const { target, changer } = createSimulatedBackend('ibm-ts3100');
    k.addSgNode('/dev/sg1', target, { version: 'ENOTTY' });
    k.addSgNode('/dev/sg2', target, { version: 20_000 });
    expect(await refusal(k, 'sg:/dev/sg1')).to.include({
      code: 'ENOTSG',
      message: 'sg:/dev/sg1: not a SCSI generic node: it does not answer SG_GET_VERSION_NUM (ENOTTY)',
    });
    expect(await refusal(k, 'sg:/dev/sg2')).to.include({ code: 'ENOTSUP' });
    changer.close();
  });

  it('says which group may open the node, or that only root may', async () => {
    const k = new FakeSgKernel();
    const { target, changer } = createSimulatedBackend('ibm-ts3100');
    k.addSgNode('/dev/sg3', target, { openErrno: 'EACCES' });
    k.addPath(
      '/dev/sch0',
      { kind: 'char', major: ScsiCharMajor.CH, minor: 0, mode: 0o600, uid: 0, gid: 0 },
      { openErrno: 'EACCES' },
    );
    const group = await refusal(k, 'sg:/dev/sg3');
    expect(group.code).to.equal('EACCES');
    expect(group.message).to.equal(
      'sg:/dev/sg3: permission denied: /dev/sg3 is crw-rw---- root:disk: add your user to group "disk" (usermod -aG disk $USER, then log in again), run as root, or give the node another group with a udev rule (docs/sg.md)',
    );
    expect((await refusal(k, 'sg:/dev/sch0')).message).to.equal(
      'sg:/dev/sch0: permission denied: /dev/sch0 is crw------- root:root: only root may open it for reading and writing; run as root, or give it a group with a udev rule (docs/sg.md)',
    );
    changer.close();
  });

  it('refuses a device that is not a medium changer, saying what it is and where the changer is', async () => {
    const k = new FakeSgKernel();
    k.addSgNode('/dev/sg1', deviceOfType(0x01, 'ULT3580-TD8'));
    const tape = await refusal(k, 'sg:/dev/sg1', tree.root);
    expect(tape.code).to.equal('ENOTCHANGER');
    expect(tape.message).to.equal(
      'sg:/dev/sg1 is a tape drive (sequential access device), IBM ULT3580-TD8 (peripheral device type 01h), not a medium changer (08h); the medium changers are /dev/sg4 or /dev/sch0 (IBM 03584L32 at 0:0:4:0), /dev/sg10 or /dev/sch1 (QUANTUM Scalar i3 at 0:0:10:0)',
    );
    expect((await refusal(k, 'sg:/dev/sg1')).message, 'no sysfs: no hint').to.match(/not a medium changer \(08h\)$/);
    k.addSgNode('/dev/sg7', deviceOfType(0x08, 'gone', 3));
    expect((await refusal(k, 'sg:/dev/sg7')).message).to.match(
      /^sg:\/dev\/sg7: no logical unit is connected there \(peripheral qualifier 3\)/,
    );
  });

  it('opens a medium changer, and a refused URL option is one line', async () => {
    const k = new FakeSgKernel();
    const { target, changer } = createSimulatedBackend('ibm-ts3100');
    k.addSgNode('/dev/sg4', target);
    const t = await openSgTransport('sg:/dev/sg4?timeout-move=900', { driver: k });
    expect(t.description).to.equal('sg:/dev/sg4?timeout-move=900');
    expect(t.timeouts.move).to.equal(900_000);
    await t.close();
    expect(k.openFds).to.deep.equal([]);
    const bad = await refusal(k, 'sg:/dev/sg4?timeout-mvoe=900');
    expect(bad).to.include({ code: 'EINVAL' });
    expect(bad.message).to.match(
      /unknown option "timeout-mvoe" \(known: timeout-quick, timeout-move, timeout-init, timeout-other, max-transfer\)/,
    );
    expect((await refusal(k, 'sg:/dev/sg4?timeout-move=0')).message).to.match(
      /timeout-move must be a number of seconds above 0/,
    );
    expect((await refusal(k, 'sg:dev/sg4')).message).to.match(/must be absolute/);
    changer.close();
  });
});
