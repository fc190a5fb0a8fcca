/**
 * Holding the changer for a run over the wire (conformance/harness/target/changer-hold.ts, docs/conformance.md "Holding
 * the changer"): against `sim serve` over iSCSI (ibm-ts3100, whose fixture declares persistent reservations), a
 * third initiator that tries MOVE MEDIUM while `conformance run --operator exec:` runs gets RESERVATION CONFLICT, and
 * after the run (its hold released) the same move works; the capability list says the hold was declared. Without a
 * model the suite probes; a product without persistent reservations (oracle-sl150) is run unheld, saying so; a
 * changer another initiator has reserved is refused (exit 2); Ctrl-C ends the hold as a normal end does. Children are killed in after-hooks.
 * Spec: docs/smc-reference.md 1.8; docs/conformance.md "Holding the changer".
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CapabilityFact } from '../../conformance/harness/observation/capabilities.js';
import { HOLD_KEY } from '../../conformance/harness/target/changer-hold.js';
import {
  decodeReadReservationData,
  encodeMoveMediumCdb,
  encodePersistentReserveInCdb,
  encodePersistentReserveOutCdb,
  encodePrOutParameters,
  PrInAction,
  PrOutAction,
  PrType,
  ScsiStatus,
} from '../../scsi/codec/index.js';
import { executeChecked } from '../../scsi/host/execute-checked.js';
import { IscsiInitiator } from '../../scsi/transport/iscsi/index.js';
import type { ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { readReport, REPO_ROOT } from './support/child.js';
import { CONFORMANCE_ENTRY, conformanceChild, type Summary } from './support/conformance-run.js';
import { RIG, useChildRig } from './support/wire-operator-rig.js';
import { serveFixture } from './support/sim-serve.js';

const holdOf = (s: Summary, label: string): CapabilityFact | undefined =>
  s.evidence.capabilities[label]?.find((c) => c.name === 'hold');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function reservationKey(link: ScsiTransport): Promise<bigint | undefined> {
  const r = await executeChecked(link, {
    lun: 0,
    cdb: encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_RESERVATION, allocationLength: 24 }),
    allocationLength: 24,
  });
  expect(r.status).to.equal(ScsiStatus.GOOD);
  return decodeReadReservationData(r.dataIn).reservation?.key;
}

describe('conformance over the wire holds the changer against other initiators (child processes)', function () {
  this.timeout(600_000);
  const links: ScsiTransport[] = [];
  const rig = useChildRig('cb-wire-hold-', { beforeKill: () => Promise.allSettled(links.map((l) => l.close())) });
  const children = rig.children;

  it("a third initiator's MOVE MEDIUM gets RESERVATION CONFLICT during the run and works after it", async () => {
    const { iscsi, control } = await serveFixture('ibm-ts3100', children);
    const elements = (await new HttpControlClient(control).status()).elements;
    const transport = elements.find((e) => e.type === 'transport')?.address ?? 0;
    const source = elements.find((e) => e.type === 'storage' && e.cartridge)?.address ?? 0;
    const empty = elements.find((e) => e.type === 'storage' && !e.cartridge)?.address ?? 0;
    const backup = await IscsiInitiator.connect(iscsi, { initiatorName: 'iqn.2026-12.test:backup-server' });
    links.push(backup);
    const move = (from: number, to: number) =>
      executeChecked(backup, {
        lun: 0,
        cdb: encodeMoveMediumCdb({ transportAddress: transport, sourceAddress: from, destinationAddress: to }),
        allocationLength: 0,
      });

    const reports = join(rig.dir, 'held');
    const run = conformanceChild(
      reports,
      [
        '--target',
        iscsi,
        '--model',
        'ibm-ts3100',
        '--operator',
        `exec:node ${RIG} ${control}`,
        '--time-scale',
        '1000',
        '--allow-destructive',
        '--grep',
        'InvalidParameter|NotConnected|SlotEmpty',
      ],
      300_000,
    );
    let settled = false;
    void run.finally(() => (settled = true));
    while (!settled && (await reservationKey(backup)) === undefined) await sleep(50);
    expect(settled, 'the run ended before the changer was seen held').to.equal(false);
    expect(await reservationKey(backup)).to.equal(HOLD_KEY);
    const refused = await move(source, empty);
    expect(refused.status).to.equal(ScsiStatus.RESERVATION_CONFLICT);

    const r = await run;
    expect(r.code, r.stderr.slice(-2000)).to.equal(0);
    const summary = readReport<Summary>(reports);
    expect(summary.totals.failed).to.equal(0);
    expect(holdOf(summary, 'ibm-ts3100')).to.include({ present: true, source: 'declared' });
    expect(holdOf(summary, 'ibm-ts3100')?.fact).to.match(/Exclusive Access - Registrants Only/);
    expect(await reservationKey(backup)).to.equal(undefined);
    expect((await move(source, empty)).status).to.equal(ScsiStatus.GOOD);
    expect((await move(empty, source)).status).to.equal(ScsiStatus.GOOD);
  });

  it('Ctrl-C during the run ends the hold too', async () => {
    const { iscsi, control } = await serveFixture('ibm-ts3100', children);
    const watcher = await IscsiInitiator.connect(iscsi, { initiatorName: 'iqn.2026-12.test:watcher' });
    links.push(watcher);
    const args = [
      '--import',
      'tsx',
      CONFORMANCE_ENTRY,
      'conformance',
      'run',
      '--reports',
      join(rig.dir, 'interrupted'),
      '--target',
      iscsi,
      '--model',
      'ibm-ts3100',
      '--operator',
      `exec:node ${RIG} ${control}`,
      '--time-scale',
      '1000',
      '--allow-destructive',
    ];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let gone = false;
    void exited.then(() => (gone = true));
    while (!gone && (await reservationKey(watcher)) === undefined) await sleep(50);
    expect(gone, 'the run ended before the changer was seen held').to.equal(false);
    child.kill('SIGINT');
    await exited;
    expect(await reservationKey(watcher)).to.equal(undefined);
  });

  it('without a model the suite probes; a product without persistent reservations runs unheld, and says so', async () => {
    const ts = serveFixture('ibm-ts3100', children);
    const sl = serveFixture('oracle-sl150', children);
    const probed = join(rig.dir, 'probed');
    const a = await conformanceChild(
      probed,
      ['--target', (await ts).iscsi, '--time-scale', '1000', '--grep', 'InvalidParameter'],
      240_000,
    );
    expect(a.code, a.stderr.slice(-2000)).to.equal(0);
    const label = Object.keys(readReport<Summary>(probed).evidence.capabilities)[0] ?? '';
    expect(holdOf(readReport<Summary>(probed), label)).to.include({ present: true, source: 'probed' });
    const unheld = join(rig.dir, 'unheld');
    const b = await conformanceChild(
      unheld,
      ['--target', (await sl).iscsi, '--model', 'oracle-sl150', '--time-scale', '1000', '--grep', 'InvalidParameter'],
      240_000,
    );
    expect(b.code, b.stderr.slice(-2000)).to.equal(0);
    expect(holdOf(readReport<Summary>(unheld), 'oracle-sl150')).to.include({ present: false, source: 'probed' });
    expect(holdOf(readReport<Summary>(unheld), 'oracle-sl150')?.fact).to.match(
      /^not held: PERSISTENT RESERVE IN answered ILLEGAL REQUEST: .*\(20h\/00h\)/,
    );
  });

  it('a changer another initiator has reserved is refused before any test (exit 2)', async () => {
    const { iscsi } = await serveFixture('ibm-ts3100', children);
    const other = await IscsiInitiator.connect(iscsi, { initiatorName: 'iqn.2026-12.test:other-backup' });
    links.push(other);
    const prOut = (serviceAction: number, key: bigint, saKey: bigint, type = 0) =>
      executeChecked(other, {
        lun: 0,
        cdb: encodePersistentReserveOutCdb({ serviceAction, type }),
        dataOut: encodePrOutParameters({ reservationKey: key, serviceActionKey: saKey }),
        allocationLength: 0,
      });
    expect((await prOut(PrOutAction.REGISTER, 0n, 0x1234n)).status).to.equal(ScsiStatus.GOOD);
    expect((await prOut(PrOutAction.RESERVE, 0x1234n, 0n, PrType.WRITE_EXCLUSIVE)).status).to.equal(ScsiStatus.GOOD);
    const reports = join(rig.dir, 'refused');
    const r = await conformanceChild(
      reports,
      ['--target', iscsi, '--model', 'ibm-ts3100', '--time-scale', '1000', '--grep', 'InvalidParameter'],
      240_000,
    );
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(
      /library ibm-ts3100: the changer is reserved by another initiator \(persistent reservation key 0x0000000000001234, type 1\)/,
    );
    expect(existsSync(join(reports, 'summary.json'))).to.equal(false);
  });
});
