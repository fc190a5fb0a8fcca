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
import { ensureGuestImage, guestMissingReason, type GuestImage } from './support/guest-image.js';
import { listGuestSgNodes, nodeForScsiId, type GuestSgNode } from './support/guest-devices.js';
import { KernelGuest, type GuestDisk } from './support/kernel-guest.js';
import { startSimServer, type SimServer } from './support/sim-server.js';

/** The simulators' time scale (and the conformance run's, which must match). */
const TIME_SCALE = '1000';
const INITIATOR = 'iqn.2026-12.dev.changerbench:kernel-guest';

/** The guest's LUNs by SCSI target id: two sessions (two I_T nexuses) on the small library, one that goes away. */
const SCSI_ID = { first: 0, second: 1, removed: 3 } as const;

describe('SCSI generic through a real Linux kernel (QEMU guest)', function () {
  this.timeout(60_000);
  let image: GuestImage;
  let small: SimServer | undefined;
  let guest: KernelGuest | undefined;
  let nodes: GuestSgNode[] = [];
  /** /dev/sgN of each LUN, by its role. */
  const dev = { first: '', second: '', removed: '' };

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
    const disks: GuestDisk[] = [
      { id: 'first', url: small.url, initiatorName: `${INITIATOR}-first`, scsiId: SCSI_ID.first },
      { id: 'second', url: small.url, initiatorName: `${INITIATOR}-second`, scsiId: SCSI_ID.second },
      { id: 'removed', url: small.url, initiatorName: `${INITIATOR}-removed`, scsiId: SCSI_ID.removed },
    ];
    guest = await KernelGuest.boot({ image, disks, bootTimeoutMs: 180_000 });
    nodes = await listGuestSgNodes(guest, 60_000);
    for (const role of ['first', 'second', 'removed'] as const) dev[role] = `/dev/${nodeForScsiId(nodes, SCSI_ID[role]).name}`;
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && guest) console.log(`--- guest console tail ---\n${guest.consoleTail(40)}`);
  });

  after(async function () {
    this.timeout(60_000);
    if (guest) console.log(`      guest stages (ms since QEMU start): ${guest.stages.map((s) => `${s.stage} ${s.hostMs}`).join(', ')}`);
    await guest?.halt().catch(() => undefined);
    await guest?.kill();
    await small?.stop();
  });

  it('shows each LUN as /dev/sgN of peripheral device type 8 (medium changer), IBM 3573-TL', () => {
    expect(nodes.map((n) => n.address).sort()).to.deep.equal([0, 1, 3].map((id) => `0:0:${id}:0`));
    for (const n of nodes) {
      expect(n.nodePresent, `/dev/${n.name} is a character device`).to.equal(true);
      expect([n.type, n.vendor, n.model], n.name).to.deep.equal([8, 'IBM', '3573-TL']);
    }
  });

  it('has the ch driver bound to each changer, with its /dev/schN', async () => {
    for (const n of nodes) {
      expect(n.driver, `driver of ${n.name}`).to.equal('ch');
      expect(n.changer, `changer node of ${n.name}`).to.match(/^sch\d+$/);
    }
    const r = await (guest ?? expect.fail('no guest')).run('ls /dev/sch*', 30_000);
    expect(r.output.trim().split(/\s+/).sort()).to.deep.equal(nodes.map((n) => `/dev/${n.changer}`).sort());
  });
});
