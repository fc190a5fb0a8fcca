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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureGuestImage, guestMissingReason, type GuestImage } from './support/guest-image.js';
import { listGuestSgNodes, nodeForScsiId, type GuestSgNode } from './support/guest-devices.js';
import { KernelGuest, type GuestDisk } from './support/kernel-guest.js';
import { startSimServer, type SimServer } from './support/sim-server.js';

/** The simulators' time scale (and the conformance run's, which must match). */
const TIME_SCALE = '1000';
const INITIATOR = 'iqn.2026-12.dev.changerbench:kernel-guest';

/**
 * The guest's LUNs by SCSI target id: two sessions (two I_T nexuses) on the small library, the large library
 * (for the contract's 1 MB transfer), and a third session on the small one that is unplugged mid-run.
 */
const SCSI_ID = { first: 0, second: 1, large: 2, removed: 3 } as const;
type Role = keyof typeof SCSI_ID;

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
    image = await ensureGuestImage(600_000);
    small = await startSimServer(['--fixture', 'ibm-ts3100', '--start-ready', '--time-scale', TIME_SCALE, '--log-level', 'warn'], 60_000);
    large = await startSimServer(['--fixture', 'large-library-20k', '--start-ready', '--time-scale', TIME_SCALE, '--log-level', 'warn'], 60_000);
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
    if (this.currentTest?.state === 'failed' && guest) console.log(`--- guest console tail ---\n${guest.consoleTail(40)}`);
  });

  after(async function () {
    this.timeout(60_000);
    if (guest) console.log(`      guest stages (ms since QEMU start): ${guest.stages.map((s) => `${s.stage} ${s.hostMs}`).join(', ')}`);
    await guest?.halt().catch(() => undefined);
    await guest?.kill();
    await small?.stop();
    await large?.stop();
  });

  it('shows each LUN as /dev/sgN of peripheral device type 8 (medium changer) with its INQUIRY identity', () => {
    expect(nodes.map((n) => n.address).sort()).to.deep.equal(Object.values(SCSI_ID).map((id) => `0:0:${id}:0`).sort());
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
    expect((await guestRun('dmesg', 30_000)).output).to.match(/INITIALIZE ELEMENT STATUS, may take some time \.\.\.[\s\S]*\.\.\. finished/);
  });

  it('passes the ScsiTransport contract over sg: run by mocha inside the guest (the cases needing no operator)', async function () {
    this.timeout(900_000);
    const g = guest ?? expect.fail('no guest');
    const out = join(g.ctlDir, 'contract.json');
    const devices = `ibm-ts3100=${dev.first},${dev.second};large-library-20k=${dev.large}`;
    const r = await guestRun(`CB_SG_DEVICES='${devices}' node --import tsx node_modules/mocha/bin/mocha.js --no-config --extension ts --timeout 120000 --reporter json --reporter-option output=${out} test/kernel/guest/sg-contract.guest.ts`, 840_000);
    console.log(`      guest mocha (${r.ms} ms):\n${r.output.split('\n').filter((l) => l.includes('skipped')).join('\n')}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as MochaJson;
    expect(report.failures.map((f) => `${f.fullTitle}: ${f.err.message ?? ''}`), r.output.slice(-3000)).to.deep.equal([]);
    expect(r.status, r.output.slice(-3000)).to.equal(0);
    expect(report.pending.map((p) => p.title).sort()).to.have.length(3);
    expect(report.stats.passes).to.equal(report.stats.tests - 3);
    expect(report.passes.map((p) => p.fullTitle)).to.include.members([
      'ScsiTransport contract: sg: through a real Linux kernel answers INQUIRY as a medium changer (device type 08h) and TEST UNIT READY with GOOD',
      'ScsiTransport contract: sg: through a real Linux kernel carries READ ELEMENT STATUS of all elements of large-library-20k with VOLTAG (about 1 MB) whole',
      'ScsiTransport contract: sg: through a real Linux kernel serves two initiators issuing commands concurrently, each getting its own answers',
    ]);
  });
});
