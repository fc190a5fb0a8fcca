/**
 * `changerbench status` and `conformance run` with an `sg:` target, through the CLI, over the fake kernel (the sg
 * transport's whole path but the ioctl itself): the status shows the same mtx inventory as the in-process
 * simulator; the conformance run identifies the node as a changer, runs the host-only and SCSI paths without an
 * operator (the others skip saying so) and passes them; a node that is not a changer is exit 2 before any test.
 * The same commands run through a real kernel in the QEMU guest tests (branch sg-kernel).
 * Spec: cli/open-target.ts; conformance/harness/target/targets.ts, wire-target.ts (sg: targets); docs/sg.md.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../cli/build-cli.js';
import type { CliIo } from '../../cli/cli-io.js';
import { ScaledClock } from '../../common/clock/clock.js';
import type { SgDriver } from '../../scsi/transport/sg/index.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { SimulatedChanger } from '../../sim/changer/simulated-changer.js';
import { deviceOfType, FakeSgKernel } from '../support/fake-sg-kernel.js';
import { createInProcessTarget } from '../../sim/changer/in-process-target.js';

async function run(driver: SgDriver, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    stdin: Readable.from([]),
    exitCode: 0,
    sgDriver: driver,
  };
  return { code: await runCli(args, io), out, err };
}

/** The mtx lines of a status output, the device name replaced. */
const mtx = (out: string, device: string): string[] =>
  out
    .split('\n')
    .filter((l) => /Storage Changer|Element/.test(l))
    .map((l) => l.replace(`Storage Changer ${device}:`, 'Storage Changer DEVICE:'));

describe('status and conformance run over sg: (fake kernel)', function () {
  this.timeout(240_000);
  const TIME_SCALE = 1000;
  let changer: SimulatedChanger;
  let kernel: FakeSgKernel;
  let reports: string;

  beforeEach(() => {
    // real time, sped up as a `sim serve --time-scale` would be: the suite over the wire runs on the wall clock
    const clock = new ScaledClock(TIME_SCALE);
    const sim = createInProcessTarget(loadPersonality('ibm-ts3100'), { clock, startReady: true });
    changer = sim.changer;
    kernel = new FakeSgKernel(clock);
    kernel.addSgNode('/dev/sg3', sim.target);
    reports = mkdtempSync(join(tmpdir(), 'changerbench-sg-reports-'));
  });

  afterEach(() => {
    changer.close();
    rmSync(reports, { recursive: true, force: true });
  });

  it('status --target sg:/dev/sg3 prints the inventory status --target sim: prints', async () => {
    const sg = await run(kernel, 'status', '--target', 'sg:/dev/sg3');
    expect(sg.code, sg.err).to.equal(0);
    const sim = await run(kernel, 'status', '--target', 'sim:ibm-ts3100');
    expect(mtx(sg.out, '/dev/sg3')).to.deep.equal(mtx(sim.out, 'sim:ibm-ts3100'));
    expect(sg.out).to.match(/^ {2}Storage Changer \/dev\/sg3:2 Drives, 24 Slots \( 1 Import\/Export \)$/m);
    expect(kernel.openFds, 'the node is closed again').to.deep.equal([]);
  });

  it('conformance run --target sg:/dev/sg3 runs the paths that need no operator and passes them', async () => {
    const r = await run(
      kernel,
      'conformance',
      'run',
      '--target',
      'sg:/dev/sg3',
      '--time-scale',
      String(TIME_SCALE),
      '--reports',
      reports,
    );
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as {
      totals: { passed: number; failed: number; skipped: number };
      cells: { path: string; result: string; reason?: string }[];
    };
    expect(r.code, `${r.out}\n${r.err}`).to.equal(0);
    expect(summary.totals.failed).to.equal(0);
    expect(summary.totals.passed, 'host-only and SCSI paths ran').to.be.at.least(8);
    expect(
      summary.cells.filter((c) => c.result === 'skip').every((c) => /operator|control/i.test(c.reason ?? '')),
      'skips say the operator is missing',
    ).to.equal(true);
    expect(
      kernel.seen.some((c) => c.cdb[0] === 0xb8),
      'READ ELEMENT STATUS went through SG_IO',
    ).to.equal(true);
  });

  it('a missing node or one that is not a changer is refused before any test, exit 2', async () => {
    const missing = await run(kernel, 'conformance', 'run', '--target', 'sg:/dev/sg9', '--reports', reports);
    expect(missing.code).to.equal(2);
    // conformance run names the target it could not use before the transport's own sentence (one line either way)
    expect(missing.err).to.match(
      /^changerbench: (target "sg:\/dev\/sg9" cannot be used: )?sg:\/dev\/sg9: no such file; changerbench devices lists the SCSI generic nodes of this machine\n$/,
    );
    kernel.addSgNode('/dev/sg1', deviceOfType(0x01, 'ULT3580-TD8'));
    for (const command of [['conformance', 'run', '--reports', reports], ['status']]) {
      const tape = await run(kernel, ...command, '--target', 'sg:/dev/sg1');
      expect(tape.code).to.equal(2);
      expect(tape.err).to.match(
        /^changerbench: (target "sg:\/dev\/sg1" cannot be used: )?sg:\/dev\/sg1 is a tape drive \(sequential access device\), IBM ULT3580-TD8 \(peripheral device type 01h\), not a medium changer \(08h\)/,
      );
      expect(tape.err).not.to.match(/\n {4}at /);
    }
    expect(kernel.openFds).to.deep.equal([]);
  });
});
