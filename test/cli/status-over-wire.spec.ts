/**
 * `changerbench status --target URL` over a wire: iscsi:// against an IscsiTarget serving a simulator in this
 * process (ready at once, and still powering on: NOT READY 04/01 is waited out), serial: over a socat PTY pair
 * with a SerialTarget on the other end (of two lines, the first); each prints the same mtx lines as
 * `status --target sim:<fixture>`.
 * Spec: cli/open-target.ts; scsi/transport/target-url.ts (URL forms); mtx(1) `status` layout; SPC-4 6.47
 * (04/01 becoming ready). See docs/scsi-model.md 10.
 */
import { expect } from 'chai';
import { Readable } from 'node:stream';
import { runCli } from '../../cli/build-cli.js';
import type { CliIo } from '../../cli/cli-io.js';
import { VirtualClock } from '../../common/clock/clock.js';
import { decodeSense, ScsiStatus, SenseKey } from '../../scsi/codec/index.js';
import { IscsiTarget } from '../../scsi/transport/iscsi/target/iscsi-target.js';
import type {
  BackendResult,
  ScsiTargetBackend,
  TaskManagementFunction,
} from '../../scsi/transport/scsi-target-backend.js';
import { SerialTarget } from '../../scsi/transport/serial/serial-target.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { SimulatedChanger } from '../../sim/changer/simulated-changer.js';
import { SimulatedTarget } from '../../sim/changer/simulated-target.js';
import { PtyPair, socatUnavailable } from '../support/pty-pair.js';
import { mtxLines } from '../support/mtx-lines.js';
import { createInProcessTarget } from '../../sim/changer/in-process-target.js';

const FIXTURE = 'ibm-ts3100';
const TARGET_NAME = 'iqn.2026-11.dev.changerbench:status-over-wire';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), stdin: Readable.from([]), exitCode: 0 };
  const code = await runCli(args, io);
  return { code, out, err };
}

/** A simulator of FIXTURE on a virtual clock (powering on unless `ready`), behind a SimulatedTarget. */
function simulator(ready: boolean): { changer: SimulatedChanger; target: SimulatedTarget; clock: VirtualClock } {
  const clock = new VirtualClock();
  return createInProcessTarget(loadPersonality(FIXTURE), { clock, startReady: ready });
}

/** Finishes the simulator's power-on (virtual time) once it has answered NOT READY 04/01, like a library warming up. */
class PowerOnAfterFirstNotReady implements ScsiTargetBackend {
  notReadyAnswers = 0;
  constructor(
    private readonly inner: SimulatedTarget,
    private readonly clock: VirtualClock,
  ) {}
  async execute(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    const r = await this.inner.execute(nexus, lun, cdb, dataOut);
    const s = r.status === ScsiStatus.CHECK_CONDITION && r.sense ? decodeSense(r.sense) : undefined;
    if (s?.key === SenseKey.NOT_READY && s.asc === 0x04 && s.ascq === 0x01 && this.notReadyAnswers++ === 0) {
      void this.clock.runUntil(() => !this.inner.changer.core.poweringOn);
    }
    return r;
  }
  luns(): readonly number[] {
    return this.inner.luns();
  }
  taskManagement(nexus: string, fn: TaskManagementFunction, lun?: number): void {
    this.inner.taskManagement(nexus, fn, lun);
  }
  nexusLost(nexus: string): void {
    this.inner.nexusLost(nexus);
  }
}

describe('changerbench status over iSCSI and serial', function () {
  this.timeout(30_000);
  let expected: string[];
  const cleanups: (() => Promise<void>)[] = [];

  before(async () => {
    const sim = await run('status', '--target', `sim:${FIXTURE}`);
    expect(sim.code, sim.err).to.equal(0);
    expected = mtxLines(sim.out, `sim:${FIXTURE}`);
    expect(expected.length).to.be.above(20);
  });

  afterEach(async () => {
    for (const clean of cleanups.splice(0).reverse()) await clean().catch(() => undefined);
  });

  it('prints the same mtx lines for iscsi://127.0.0.1:PORT/IQN/0 as for sim:', async () => {
    const { changer, target } = simulator(true);
    cleanups.push(async () => changer.close());
    const iscsi = await IscsiTarget.listen({ host: '127.0.0.1', port: 0, targetName: TARGET_NAME, backend: target });
    cleanups.push(() => iscsi.close());
    const url = `iscsi://127.0.0.1:${iscsi.address().port}/${TARGET_NAME}/0`;
    const r = await run('status', '--target', url);
    expect(r.code, r.err).to.equal(0);
    expect(r.out.split('\n')[0]).to.equal(`  Storage Changer ${url}:2 Drives, 24 Slots ( 1 Import/Export )`);
    expect(mtxLines(r.out, url)).to.deep.equal(expected);
    expect(r.out, 'no simulator-only state over a wire').not.to.match(/^Library /m);
  });

  it('waits while an iSCSI target answers NOT READY 04/01 (becoming ready), then prints the same lines', async () => {
    const { changer, target, clock } = simulator(false);
    cleanups.push(async () => changer.close());
    const backend = new PowerOnAfterFirstNotReady(target, clock);
    const iscsi = await IscsiTarget.listen({ host: '127.0.0.1', port: 0, targetName: TARGET_NAME, backend });
    cleanups.push(() => iscsi.close());
    const url = `iscsi://127.0.0.1:${iscsi.address().port}/${TARGET_NAME}/0`;
    const r = await run('status', '--target', url);
    expect(r.code, r.err).to.equal(0);
    expect(backend.notReadyAnswers).to.equal(1);
    expect(r.err, 'one line says why nothing happens yet').to.equal(
      'changerbench status: the changer is becoming ready (NOT READY: LOGICAL UNIT IS IN PROCESS OF BECOMING READY (04h/01h), e.g. inventorying); waiting up to 180 s\n',
    );
    expect(mtxLines(r.out, url)).to.deep.equal(expected);
  });

  it('fails with exit 1 and the reason when nothing listens at the iSCSI address', async () => {
    const { changer, target } = simulator(true);
    cleanups.push(async () => changer.close());
    const iscsi = await IscsiTarget.listen({ host: '127.0.0.1', port: 0, targetName: TARGET_NAME, backend: target });
    const port = iscsi.address().port;
    await iscsi.close();
    const r = await run('status', '--target', `iscsi://127.0.0.1:${port}/${TARGET_NAME}/0`);
    expect(r.code).to.equal(1);
    expect(r.err).to.match(/ECONNREFUSED|refused/i);
  });

  describe(`over a socat PTY pair${socatUnavailable() ? ` [skipped: ${socatUnavailable()}]` : ''}`, () => {
    before(function () {
      if (socatUnavailable()) this.skip();
    });

    it('prints the same mtx lines for serial:PATH as for sim:', async () => {
      const { changer, target } = simulator(true);
      cleanups.push(async () => changer.close());
      const pair = await PtyPair.start();
      cleanups.push(() => pair.stop());
      const serial = await SerialTarget.open({
        path: pair.b,
        baudRate: 115200,
        backend: target,
        portName: 'pty',
        reopenMs: 0,
      });
      cleanups.push(() => serial.close());
      const r = await run('status', '--target', `serial:${pair.a}`);
      expect(r.code, r.err).to.equal(0);
      const device = `serial:${pair.a}?baud=115200&lun=0`;
      expect(r.out.split('\n')[0]).to.equal(`  Storage Changer ${device}:2 Drives, 24 Slots ( 1 Import/Export )`);
      expect(mtxLines(r.out, device)).to.deep.equal(expected);
    });

    it('reads serial:PATH,PATH2 over the first line and says in one stderr line that the second is not used', async () => {
      const { changer, target } = simulator(true);
      cleanups.push(async () => changer.close());
      const pair = await PtyPair.start();
      cleanups.push(() => pair.stop());
      const serial = await SerialTarget.open({
        path: pair.b,
        baudRate: 115200,
        backend: target,
        portName: 'pty',
        reopenMs: 0,
      });
      cleanups.push(() => serial.close());
      const second = `${pair.dir}/second-line`;
      const r = await run('status', '--target', `serial:${pair.a},${second}`);
      expect(r.code, r.err).to.equal(0);
      expect(r.err).to.equal(
        `changerbench status: the target URL names two serial lines; using the first, ${pair.a} (${second} is not opened)\n`,
      );
      const device = `serial:${pair.a}?baud=115200&lun=0`;
      expect(mtxLines(r.out, device)).to.deep.equal(expected);
    });

    it('fails with exit 1 naming the device when the serial path does not exist', async () => {
      const pair = await PtyPair.start();
      cleanups.push(() => pair.stop());
      const r = await run('status', '--target', `serial:${pair.dir}/no-such-tty`);
      expect(r.code).to.equal(1);
      expect(r.err, 'the reason once, the device once').to.equal(
        `changerbench: cannot open ${pair.dir}/no-such-tty: No such file or directory\n`,
      );
    });
  });
});
