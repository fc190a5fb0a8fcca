/**
 * Done-when of issue 11: a run against the simulator over iSCSI (`changerbench sim serve`, then
 * `conformance run --target iscsi://... --certificate`) produces a certificate whose device identity matches what
 * libiscsi's `iscsi-inq` (a third-party initiator) reports for the same target: vendor, product and revision from
 * standard INQUIRY, the unit serial number (VPD 80h) and every designator of VPD 83h (type, association, code set,
 * value); and the certificate verifies while a tampered copy does not. Children are killed in after-hooks; skips
 * where iscsi-inq is missing (scripts/setup.sh installs libiscsi-bin).
 * Spec: issue 11 "Done when"; conformance/report/certificate.ts; SPC-4 6.6, 7.8.6, 7.8.18. See docs/scsi-model.md 8.
 */
import { expect } from 'chai';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Certificate } from '../../conformance/report/certificate.js';
import { killChildren, runTsChild } from './support/child.js';
import { CONFORMANCE_ENTRY, conformanceChild } from './support/conformance-run.js';
import { serveFixture } from './support/sim-serve.js';

/** iscsi-inq's output (latin1, so binary designators keep their bytes); throws when it fails. */
function iscsiInq(url: string, ...args: string[]): string {
  const r = spawnSync('iscsi-inq', [...args, url], { encoding: 'latin1', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`iscsi-inq ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

const field = (text: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1];
const TYPE_NAMES: Record<string, string> = { '1': 'T10 vendor ID', '2': 'EUI-64', '3': 'NAA', '8': 'SCSI name string' };
const ASSOCIATIONS: Record<string, string> = { '0': 'logical unit', '1': 'target port', '2': 'target device' };

describe('certificate identity over iSCSI matches iscsi-inq (child processes)', function () {
  this.timeout(600_000);
  let dir: string;
  const children: ChildProcess[] = [];
  let url = '';
  let cert: Certificate;

  before(async function () {
    if (spawnSync('iscsi-inq', ['--help']).error) {
      console.log('      skipped: no iscsi-inq (apt-get install libiscsi-bin; scripts/setup.sh does)');
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'cb-cert-iscsi-'));
    const { iscsi, control } = await serveFixture('ibm-ts3100', children);
    url = iscsi;
    const reports = join(dir, 'reports');
    const r = await conformanceChild(
      reports,
      [
        '--target',
        iscsi,
        '--control',
        control,
        '--time-scale',
        '1000',
        '--grep',
        'AccessDenied|PortOperatorTakes|DoorOperatorTakes',
        '--certificate',
      ],
      300_000,
    );
    if (!existsSync(join(reports, 'certificate.json')))
      throw new Error(`no certificate (exit ${r.code}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
    expect(r.code, r.stderr).to.equal(0);
    cert = JSON.parse(readFileSync(join(reports, 'certificate.json'), 'utf8')) as Certificate;
  });

  after(async () => {
    await killChildren(children);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('INQUIRY vendor, product, revision and the VPD 80h serial are what iscsi-inq reads', () => {
    const device = cert.body.devices[0]?.device;
    if (!device || 'error' in device) throw new Error(`no device identity: ${JSON.stringify(device)}`);
    const std = iscsiInq(url);
    expect(field(std, 'Peripheral Device Type')).to.equal('MEDIA_CHANGER');
    expect(device.deviceType).to.equal(8);
    expect(field(std, 'Vendor')?.trimEnd()).to.equal(device.vendor);
    expect(field(std, 'Product')?.trimEnd()).to.equal(device.product);
    expect(field(std, 'Revision')?.trimEnd()).to.equal(device.revision);
    const serial = /^Unit Serial Number:\[(.*)\]$/m.exec(iscsiInq(url, '-e', '1', '-c', '128'))?.[1];
    expect(device.serial).to.deep.equal({ ok: true, value: serial });
    expect(cert.body.provenance.transport).to.equal('iscsi');
    expect(cert.body.provenance.target).to.equal(url);
  });

  it('every VPD 83h designator is what iscsi-inq reads (binary ones byte for byte up to the first zero, as it prints them)', () => {
    const device = cert.body.devices[0]?.device;
    if (!device || 'error' in device || !device.designators.ok) throw new Error('no designators');
    const text = iscsiInq(url, '-e', '1', '-c', '131');
    const theirs = text
      .split(/^DEVICE DESIGNATOR #\d+$/m)
      .slice(1)
      .map((block) => ({
        codeSet: /^Code Set:\((\d)\)/m.exec(block)?.[1],
        association: /^Association:\((\d)\)/m.exec(block)?.[1] ?? '',
        type: /^Designator Type:\((\d+)\)/m.exec(block)?.[1] ?? '',
        value: /^Designator:\[([\s\S]*?)\]$/m.exec(block)?.[1] ?? '',
      }));
    expect(theirs.length).to.equal(device.designators.value.length);
    const ours = device.designators.value.map((d) => {
      const t = theirs.find((x) => TYPE_NAMES[x.type] === d.type && ASSOCIATIONS[x.association] === d.association);
      if (!t) return `${d.type} (${d.association}): iscsi-inq has none`;
      const binary = t.codeSet === '1';
      const shown = binary
        ? Buffer.from(d.value, 'hex')
            .subarray(0, Math.max(0, Buffer.from(d.value, 'hex').indexOf(0)) || undefined)
            .toString('latin1')
        : d.value;
      return shown === t.value
        ? 'same'
        : `${d.type}: ours ${JSON.stringify(shown)}, iscsi-inq ${JSON.stringify(t.value)}`;
    });
    expect(ours).to.deep.equal(device.designators.value.map(() => 'same'));
  });

  it('the certificate verifies and a tampered copy does not', async () => {
    const file = join(dir, 'reports', 'certificate.json');
    const ok = await runTsChild(CONFORMANCE_ENTRY, ['report', 'verify', file], 60_000);
    expect(ok.code, ok.stdout).to.equal(0);
    const tampered = JSON.parse(readFileSync(file, 'utf8')) as {
      body: { devices: { device: { revision: string } }[] };
    };
    const dev = tampered.body.devices[0];
    if (!dev) throw new Error('no device');
    dev.device.revision = 'F.12';
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = await runTsChild(CONFORMANCE_ENTRY, ['report', 'verify', join(dir, 'tampered.json')], 60_000);
    expect(bad.code).to.equal(1);
    expect(bad.stdout).to.contain('MISMATCH: devices changed');
  });
});
