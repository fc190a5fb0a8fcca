/**
 * SCSI generic through a real Linux kernel: one QEMU guest (TCG) boots Debian's kernel with the simulator's
 * iSCSI LUNs attached as scsi-generic devices, so /dev/sgN in the guest is a kernel sg node whose commands reach
 * `changerbench sim serve` on the host; the guest runs the host's own node on dist/ and the test entries.
 * The ch driver's INITIALIZE ELEMENT STATUS at probe is kept short by the simulators' --time-scale 1000 (ch is
 * loaded with its default init=1, so it does run one).
 * Skipped only when QEMU is not installed and CI is not set; under CI=true a missing QEMU fails.
 * Spec: docs/kernel-tests.md; issue 9 "Proof through a real kernel".
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGuestImage, guestMissingReason, type GuestImage } from './support/guest-image.js';
import { listGuestSgNodes, nodeForScsiId, type GuestSgNode } from './support/guest-devices.js';
import { KernelGuest, type GuestDisk } from './support/kernel-guest.js';
import { runHostCli } from './support/host-cli.js';
import { startSimServer, type SimServer } from './support/sim-server.js';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import type { ScsiDeviceEntry } from '../../scsi/transport/sg/index.js';
import { mtxLines } from '../support/mtx-lines.js';

/** The simulators' time scale (and the conformance run's, which must match). */
const TIME_SCALE = '1000';
const INITIATOR = 'iqn.2026-12.dev.changerbench:kernel-guest';

/**
 * The guest's LUNs by SCSI target id: two sessions (two I_T nexuses) on the small library, the large library
 * (for the contract's 1 MB transfer), and a third session on the small one that is unplugged mid-run.
 */
const SCSI_ID = { first: 0, second: 1, large: 2, removed: 3 } as const;
type Role = keyof typeof SCSI_ID;

type Cell = RunSummary['cells'][number];
const cellKey = (c: Cell) => `${c.pathId}: ${c.outcome}${c.outcome === 'skipped' ? ` (${c.reason ?? ''})` : ''}`;

/** What mocha's JSON reporter writes. */
interface MochaJson {
  stats: { tests: number; passes: number; pending: number; failures: number };
  passes: { fullTitle: string }[];
  pending: { title: string }[];
  failures: { fullTitle: string; err: { message?: string; stack?: string } }[];
}

describe('SCSI generic through a real Linux kernel (QEMU guest)', function () {
  this.timeout(60_000);
  let image: GuestImage;
  let small: SimServer | undefined;
  let large: SimServer | undefined;
  let guest: KernelGuest | undefined;
  let nodes: GuestSgNode[] = [];
  let hostDir: string;
  /** /dev/sgN of each LUN, by its role. */
  const dev: Record<Role, string> = { first: '', second: '', large: '', removed: '' };

  before(async function () {
    const missing = guestMissingReason();
    if (missing !== undefined) {
      if (process.env.CI === 'true') throw new Error(`CI=true and the kernel guest cannot run: ${missing}`);
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    this.timeout(900_000); // a first build downloads the kernel package (about 70 MB)
    hostDir = mkdtempSync(join(tmpdir(), 'cb-kernel-host-'));
    image = await ensureGuestImage(600_000);
    small = await startSimServer(
      ['--fixture', 'ibm-ts3100', '--start-ready', '--time-scale', TIME_SCALE, '--log-level', 'info'],
      60_000,
    );
    large = await startSimServer(
      ['--fixture', 'large-library-20k', '--start-ready', '--time-scale', TIME_SCALE, '--log-level', 'info'],
      60_000,
    );
    const disks: GuestDisk[] = [
      { id: 'large', url: large.url, initiatorName: `${INITIATOR}-large`, scsiId: SCSI_ID.large },
      { id: 'first', url: small.url, initiatorName: `${INITIATOR}-first`, scsiId: SCSI_ID.first },
      { id: 'second', url: small.url, initiatorName: `${INITIATOR}-second`, scsiId: SCSI_ID.second },
      { id: 'removed', url: small.url, initiatorName: `${INITIATOR}-removed`, scsiId: SCSI_ID.removed },
    ];
    guest = await KernelGuest.boot({ image, disks, bootTimeoutMs: 180_000 });
    nodes = await listGuestSgNodes(guest, 60_000);
    for (const role of Object.keys(SCSI_ID) as Role[]) dev[role] = `/dev/${nodeForScsiId(nodes, SCSI_ID[role]).name}`;
  });

  const guestRun = (script: string, timeoutMs: number) => (guest ?? expect.fail('no guest')).run(script, timeoutMs);

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && guest)
      console.log(`--- guest console tail ---\n${guest.consoleTail(40)}`);
  });

  after(async function () {
    this.timeout(60_000);
    if (guest)
      console.log(
        `      guest stages (ms since QEMU start): ${guest.stages.map((s) => `${s.stage} ${s.hostMs}`).join(', ')}`,
      );
    // QEMU logs in again after three unanswered NOP-Outs (15 s); each login is a new I_T nexus with a fresh 29/00
    for (const [name, sim] of [
      ['ibm-ts3100', small],
      ['large-library-20k', large],
    ] as const) {
      const logins = (sim?.log().match(/"msg":"login complete"/g) ?? []).length;
      if (sim) console.log(`      ${name}: ${logins} iSCSI logins`);
    }
    await guest?.halt().catch(() => undefined);
    await guest?.kill();
    await small?.stop();
    await large?.stop();
    if (hostDir) rmSync(hostDir, { recursive: true, force: true });
  });

  it('shows each LUN as /dev/sgN of peripheral device type 8 (medium changer) with its INQUIRY identity', () => {
    expect(nodes.map((n) => n.address).sort()).to.deep.equal(
      Object.values(SCSI_ID)
        .map((id) => `0:0:${id}:0`)
        .sort(),
    );
    for (const n of nodes) {
      expect(n.nodePresent, `/dev/${n.name} is a character device`).to.equal(true);
      const identity = n.address === `0:0:${SCSI_ID.large}:0` ? [8, 'CHGBENCH', 'SYNTH-20K'] : [8, 'IBM', '3573-TL'];
      expect([n.type, n.vendor, n.model], n.name).to.deep.equal(identity);
    }
  });

  it('has the ch driver bound to each changer, with its /dev/schN', async () => {
    for (const n of nodes) {
      expect(n.driver, `driver of ${n.name}`).to.equal('ch');
      expect(n.changer, `changer node of ${n.name}`).to.match(/^sch\d+$/);
    }
    const r = await guestRun('ls /dev/sch*', 30_000);
    expect(r.output.trim().split(/\s+/).sort()).to.deep.equal(nodes.map((n) => `/dev/${n.changer}`).sort());
    // ch's probe ran INITIALIZE ELEMENT STATUS (init=1, the default) and it completed (time scale 1000)
    expect((await guestRun('dmesg', 30_000)).output).to.match(
      /INITIALIZE ELEMENT STATUS, may take some time \.\.\.[\s\S]*\.\.\. finished/,
    );
  });

  it('passes the ScsiTransport contract over sg: run by mocha inside the guest (the cases needing no operator)', async function () {
    this.timeout(900_000);
    const g = guest ?? expect.fail('no guest');
    const out = join(g.ctlDir, 'contract.json');
    const devices = `ibm-ts3100=${dev.first},${dev.second};large-library-20k=${dev.large}`;
    const r = await guestRun(
      `CB_SG_DEVICES='${devices}' node --import tsx node_modules/mocha/bin/mocha.js --no-config --extension ts --timeout 120000 --reporter json --reporter-option output=${out} test/kernel/guest/sg-contract.guest.ts`,
      840_000,
    );
    console.log(
      `      guest mocha (${r.ms} ms):\n${r.output
        .split('\n')
        .filter((l) => l.includes('skipped'))
        .join('\n')}`,
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as MochaJson;
    expect(
      report.failures.map((f) => `${f.fullTitle}: ${f.err.message ?? ''}`),
      r.output.slice(-3000),
    ).to.deep.equal([]);
    expect(r.status, r.output.slice(-3000)).to.equal(0);
    expect(report.pending.map((p) => p.title).sort()).to.have.length(5);
    expect(report.stats.passes).to.equal(report.stats.tests - 5);
    expect(report.passes.map((p) => p.fullTitle)).to.include.members([
      'ScsiTransport contract: sg: through a real Linux kernel answers INQUIRY as a medium changer (device type 08h) and TEST UNIT READY with GOOD',
      'sg: through a real Linux kernel, where QEMU pads data-in (resid 0) carries READ ELEMENT STATUS of all elements of large-library-20k with VOLTAG (about 1 MB) byte for byte, zeros after it',
      'ScsiTransport contract: sg: through a real Linux kernel serves two initiators issuing commands concurrently, each getting its own answers',
    ]);
  });
  it('lists every guest node with `changerbench devices` (and --json), the changers marked with their /dev/schN', async function () {
    this.timeout(300_000);
    const json = await guestRun('node dist/cli/changerbench.js devices --json', 140_000);
    expect(json.status, json.output).to.equal(0);
    const entries = JSON.parse(json.output.slice(json.output.indexOf('['))) as ScsiDeviceEntry[];
    const bySg = new Map(entries.map((e) => [e.sg, e]));
    expect([...bySg.keys()].sort()).to.deep.equal(nodes.map((n) => n.name).sort());
    for (const n of nodes) {
      const e = bySg.get(n.name) ?? expect.fail(n.name);
      expect([e.sgPath, e.hctl, e.type, e.typeName, e.vendor, e.model, e.changer, e.nodes], n.name).to.deep.equal([
        `/dev/${n.name}`,
        n.address,
        8,
        'mediumx',
        n.vendor,
        n.model,
        true,
        [`/dev/${n.changer}`],
      ]);
    }
    const text = await guestRun('node dist/cli/changerbench.js devices', 140_000);
    expect(text.status, text.output).to.equal(0);
    for (const n of nodes)
      expect(text.output).to.match(
        new RegExp(
          `^\\[${n.address}\\] +mediumx +${n.vendor} +${n.model} .*/dev/${n.changer} +/dev/${n.name} +changer$`,
          'm',
        ),
      );
  });

  it('prints with `status --target sg:/dev/sgN` in the guest the same inventory as `status` over iSCSI on the host', async function () {
    this.timeout(400_000);
    const host = await runHostCli(['status', '--target', small?.url ?? ''], 120_000);
    expect(host.code, host.stderr).to.equal(0);
    const expected = mtxLines(host.stdout, small?.url ?? '');
    expect(expected.length).to.be.above(20);
    const r = await guestRun(`node dist/cli/changerbench.js status --target sg:${dev.first}`, 240_000);
    expect(r.status, r.output).to.equal(0);
    expect(r.output.split('\n')[0]).to.equal(`  Storage Changer ${dev.first}:2 Drives, 24 Slots ( 1 Import/Export )`);
    expect(mtxLines(r.output, dev.first)).to.deep.equal(expected);
  });

  it('runs the conformance suite over sg: with the cells of the same run over iSCSI (host-only and SCSI paths, no control endpoint)', async function () {
    this.timeout(1_200_000);
    const g = guest ?? expect.fail('no guest');
    const hostReports = join(hostDir, 'iscsi-reports');
    const host = await runHostCli(
      ['conformance', 'run', '--target', small?.url ?? '', '--time-scale', TIME_SCALE, '--reports', hostReports],
      300_000,
    );
    expect(existsSync(join(hostReports, 'summary.json')), host.stdout.slice(-2000) + host.stderr.slice(-2000)).to.equal(
      true,
    );
    const viaIscsi = JSON.parse(readFileSync(join(hostReports, 'summary.json'), 'utf8')) as RunSummary;
    const guestReports = join(g.ctlDir, 'sg-reports');
    mkdirSync(guestReports);
    const r = await guestRun(
      `node dist/cli/changerbench.js conformance run --target sg:${dev.first} --time-scale ${TIME_SCALE} --reports ${guestReports}`,
      900_000,
    );
    expect(existsSync(join(guestReports, 'summary.json')), r.output.slice(-3000)).to.equal(true);
    const viaSg = JSON.parse(readFileSync(join(guestReports, 'summary.json'), 'utf8')) as RunSummary;
    console.log(`      conformance over sg: in the guest: ${r.ms} ms; ${JSON.stringify(viaSg.totals)}`);
    const failed = viaSg.cells.filter((c) => c.outcome === 'failed').map((c) => `${c.pathId}: ${c.reason ?? ''}`);
    expect(failed, r.output.slice(-3000)).to.deep.equal([]);
    expect(r.status, r.output.slice(-3000)).to.equal(0);
    expect(host.code).to.equal(0);
    expect(viaSg.totals.passed, 'host-only and SCSI paths ran').to.be.greaterThan(10);
    expect(viaSg.cells.map(cellKey)).to.deep.equal(viaIscsi.cells.map(cellKey));
  });

  it('names the transport error when the LUN goes away under an open sg: node (QMP device_del mid-run)', async function () {
    this.timeout(300_000);
    const g = guest ?? expect.fail('no guest');
    const ready = join(g.ctlDir, 'removal-ready');
    const job = guestRun(`node --import tsx test/kernel/guest/lun-removal.guest.ts ${dev.removed} ${ready}`, 240_000);
    const deadline = Date.now() + 180_000;
    let jobDone = false;
    void job.finally(() => (jobDone = true)).catch(() => undefined);
    while (!existsSync(ready) && !jobDone && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    if (existsSync(ready)) await g.qmp('device_del', { id: 'removed' });
    const r = await job;
    expect(existsSync(ready), r.output).to.equal(true);
    const line = r.output.split('\n').find((l) => l.startsWith('{"before"')) ?? expect.fail(r.output);
    const result = JSON.parse(line) as Record<string, { status?: number; code?: string; message?: string } | boolean>;
    expect(result.before, 'TEST UNIT READY before the removal').to.deep.equal({ status: 0 });
    expect(result.removed, 'the kernel removed the node').to.equal(true);
    const after = result.after as { code?: string; message?: string };
    expect(after.code, JSON.stringify(after)).to.be.oneOf(['ENODEV', 'ENXIO']);
    expect(after.message).to.match(new RegExp(`^TEST UNIT READY \\(00h\\) on sg:${dev.removed}: the device is gone`));
    expect((result.again as { code?: string }).code, 'the transport stays ended').to.equal(after.code);
    expect((result.reopen as { code?: string }).code, 'opening the node anew').to.equal('ENOENT');
    const left = await listGuestSgNodes(g, 60_000);
    expect(left.map((n) => n.address).sort(), 'the other LUNs stay').to.deep.equal(
      nodes
        .filter((n) => `/dev/${n.name}` !== dev.removed)
        .map((n) => n.address)
        .sort(),
    );
  });
});
