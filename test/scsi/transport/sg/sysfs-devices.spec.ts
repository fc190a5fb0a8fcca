/**
 * The sysfs listing on a fake tree built in a temporary directory: each sg node with its H:C:T:L, type, vendor,
 * model, revision and bound driver node, in H:C:T:L order, changers marked, in lsscsi -g's columns; and the
 * `devices` command's text and JSON.
 * Spec: scsi/transport/sg/sysfs-devices.ts; test/support/fake-sysfs.ts (the layout); lsscsi(8) -g columns.
 */
import { expect } from 'chai';
import { Readable } from 'node:stream';
import { runCli } from '../../../../cli/build-cli.js';
import type { CliIo } from '../../../../cli/cli-io.js';
import { formatScsiDevices, listScsiDevices, peripheralTypeName } from '../../../../scsi/transport/sg/index.js';
import { buildFakeSysfs, SAMPLE_DEVICES } from '../../../support/fake-sysfs.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), stdin: Readable.from([]), exitCode: 0 };
  return { code: await runCli(args, io), out, err };
}

describe('SCSI devices from sysfs', () => {
  let tree: ReturnType<typeof buildFakeSysfs>;
  before(() => (tree = buildFakeSysfs(SAMPLE_DEVICES)));
  after(() => tree.remove());

  it('lists every sg node with its address, type, identity and bound node, in H:C:T:L order', () => {
    const list = listScsiDevices({ sysfs: tree.root, dev: '/dev' });
    expect(list.map((d) => d.hctl)).to.deep.equal(['0:0:1:0', '0:0:4:0', '0:0:10:0', '2:0:0:0']);
    expect(list[1]).to.deep.equal({
      sg: 'sg4',
      sgPath: '/dev/sg4',
      hctl: '0:0:4:0',
      type: 8,
      typeName: 'mediumx',
      vendor: 'IBM',
      model: '03584L32',
      rev: '0402',
      nodes: ['/dev/sch0'],
      changer: true,
    });
    expect(list[0]).to.include({ typeName: 'tape', model: 'ULT3580-TD8', changer: false });
    expect(list[0]?.nodes, 'st0, not its nst0 and mode variants').to.deep.equal(['/dev/st0']);
    expect(list[2]?.nodes, 'the old scsi_changer:schN layout').to.deep.equal(['/dev/sch1']);
    expect(list[3]).to.include({ typeName: 'disk', model: 'QEMU HARDDISK' });
    expect(list[3]?.nodes).to.deep.equal(['/dev/sda']);
  });

  it('prints lsscsi -g columns with changers marked', () => {
    const lines = formatScsiDevices(listScsiDevices({ sysfs: tree.root })).split('\n');
    expect(lines[0]).to.equal('[0:0:1:0]     tape     IBM      ULT3580-TD8      Q3A4 /dev/st0   /dev/sg1');
    expect(lines[1]).to.equal('[0:0:4:0]     mediumx  IBM      03584L32         0402 /dev/sch0  /dev/sg4   changer');
  });

  it('is empty without a scsi_generic class, and names peripheral types in sentences', () => {
    expect(listScsiDevices({ sysfs: `${tree.root}/nowhere` })).to.deep.equal([]);
    expect(peripheralTypeName(1)).to.equal('a tape drive (sequential access device)');
    expect(peripheralTypeName(0x1b)).to.equal('a device of peripheral type 1bh');
  });

  it('changerbench devices prints the table and the changers, or JSON', async () => {
    const text = await cli('devices', '--sysfs', tree.root);
    expect(text.code, text.err).to.equal(0);
    expect(text.out).to.contain(
      '[0:0:4:0]     mediumx  IBM      03584L32         0402 /dev/sch0  /dev/sg4   changer\n',
    );
    expect(text.out).to.match(/^medium changers: --target sg:\/dev\/sg4, --target sg:\/dev\/sg10$/m);
    const json = await cli('devices', '--sysfs', tree.root, '--json');
    expect(json.code, json.err).to.equal(0);
    const parsed = JSON.parse(json.out) as { sgPath: string; changer: boolean }[];
    expect(parsed.filter((d) => d.changer).map((d) => d.sgPath)).to.deep.equal(['/dev/sg4', '/dev/sg10']);
    const none = await cli('devices', '--sysfs', `${tree.root}/nowhere`);
    expect([none.code, none.out]).to.deep.equal([0, '']);
    expect(none.err).to.match(/no SCSI generic devices in .*nowhere\/class\/scsi_generic .*modprobe sg/);
  });
});
