/**
 * `changerbench fixtures`: import-mhvtl from files in mhVTL's own format (comments, VERSION heads, gaps in the
 * numbering, NOBAR and CLN barcodes, ignored keys), the fixture it writes validates and runs as a simulator
 * whose READ ELEMENT STATUS over iSCSI shows the imported cartridges; malformed lines name file and line;
 * `fixtures list` and `show`.
 */
import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../cli/build-cli.js';
import type { CliIo } from '../../cli/cli-io.js';
import { readInventory } from '../../scsi/host/read-inventory.js';
import { IscsiInitiator } from '../../scsi/transport/iscsi/initiator/iscsi-initiator.js';
import { SimulatorService } from '../../sim/service/serve.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEVICE_CONF = join(HERE, 'mhvtl', 'device.conf');
const CONTENTS = join(HERE, 'mhvtl', 'library_contents.10');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), stdin: Readable.from([]), exitCode: 0 };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('changerbench fixtures', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'changerbench-mhvtl-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports an mhVTL library into a fixture that runs: READ ELEMENT STATUS over iSCSI shows its cartridges', async () => {
    const out = join(dir, 'stk-l700.json');
    const r = await run(
      'fixtures',
      'import-mhvtl',
      '--device-conf',
      DEVICE_CONF,
      '--library-contents',
      CONTENTS,
      '--out',
      out,
    );
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/^wrote .*stk-l700\.json: STK L700 \(mhVTL library 10\)/);
    const fixture = JSON.parse(readFileSync(out, 'utf8')) as {
      inquiry: Record<string, unknown>;
      sources: Record<string, string>;
    };
    expect(fixture.inquiry).to.include({ vendor: 'STK', product: 'L700', revision: '550V', serial: 'XYZZY_A' });
    expect(fixture.inquiry.naa).to.match(/^5[0-9A-F]{15}$/);
    expect(fixture.sources['inquiry.naa']).to.match(/^\[I\]/);
    expect(fixture.sources.door).to.match(/^\[I\] assumed/);
    expect(fixture.sources.timing).to.match(/^\[I\] assumed/);

    const service = await SimulatorService.start({
      fixture: out,
      startReady: true,
      timeScale: 1000,
      iscsi: { address: { host: '127.0.0.1', port: 0 } },
    });
    const initiator = await IscsiInitiator.connect(service.endpoint('iscsi')?.url ?? '');
    try {
      const inv = await readInventory(initiator);
      const tags = (list: typeof inv.storage) =>
        list.map((d) => (d.full ? (d.primaryVolumeTag?.id.trim() ?? '') : null));
      // STK personality: storage from 1000, MAP from 10, drives from 500; Slot 4 and 7, MAP 3 are gaps.
      expect(inv.storage.map((d) => d.address)).to.deep.equal([1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007]);
      expect(tags(inv.storage)).to.deep.equal(['E01001L8', 'E01002L8', null, null, '', 'CLN101L8', null, 'E01008L8']);
      expect(inv.storage[5]?.mediumType).to.equal(2);
      expect(tags(inv.importExport)).to.deep.equal([null, 'IMP001L8', null, null]);
      expect(inv.drives.map((d) => d.address)).to.deep.equal([500, 501]);
      expect(inv.inquiry.vendor.trim()).to.equal('STK');
    } finally {
      await initiator.close();
      await service.close();
    }
  });

  it('takes the library by --library, and magazines, a door and a move time by options', async () => {
    const out = join(dir, 'l80.json');
    const r = await run(
      'fixtures',
      'import-mhvtl',
      '--device-conf',
      DEVICE_CONF,
      '--library-contents',
      CONTENTS,
      '--library',
      '30',
      '--magazine-slots',
      '4',
      '--door',
      '--move-ms',
      '5000',
      '--out',
      out,
    );
    expect(r.code, r.err).to.equal(0);
    const show = await run('fixtures', 'show', out);
    expect(show.code, show.err).to.equal(0);
    expect(show.out).to.include('l80: STK L80 (mhVTL library 30)');
    expect(show.out).to.include(
      'Magazine M2 (Magazine 2 (from --magazine-slots)): present, unlocked, 4 elements 1004-1007',
    );
    expect(show.out).to.include('Door: closed, unlocked');
    const fixture = JSON.parse(readFileSync(out, 'utf8')) as {
      timing: { moveMs: number };
      sources: Record<string, string>;
    };
    expect(fixture.timing.moveMs).to.equal(5000);
    expect(fixture.sources.magazines).to.equal('[I] assumed: --magazine-slots 4 (mhVTL has no magazines)');
    const missing = await run(
      'fixtures',
      'import-mhvtl',
      '--device-conf',
      DEVICE_CONF,
      '--library-contents',
      CONTENTS,
      '--library',
      '99',
      '--out',
      out,
    );
    expect(missing.code).to.equal(1);
    expect(missing.err).to.include('no Library 99; give --library with one of 10, 30');
  });

  it('names the file and line of a malformed line in either file', async () => {
    const contents = join(dir, 'library_contents.10');
    writeFileSync(contents, `${readFileSync(CONTENTS, 'utf8')}Slot 9 E01009L8\n`);
    const bad = await run(
      'fixtures',
      'import-mhvtl',
      '--device-conf',
      DEVICE_CONF,
      '--library-contents',
      contents,
      '--out',
      join(dir, 'x.json'),
    );
    expect(bad.code).to.equal(1);
    const line = readFileSync(contents, 'utf8').split('\n').length - 1;
    expect(bad.err).to.equal(
      `changerbench: ${contents}:${line}: expected "Drive N:", "Picker N:", "MAP N: [BARCODE]" or "Slot N: [BARCODE]", got "Slot 9 E01009L8"\n`,
    );
    writeFileSync(contents, 'Slot 1: A\nSlot 1: B\n');
    expect(
      (
        await run(
          'fixtures',
          'import-mhvtl',
          '--device-conf',
          DEVICE_CONF,
          '--library-contents',
          contents,
          '--out',
          join(dir, 'x.json'),
        )
      ).err,
    ).to.include('library_contents.10:2: Slot 1 is listed twice (first on line 1)');
    const conf = join(dir, 'device.conf');
    writeFileSync(
      conf,
      readFileSync(DEVICE_CONF, 'utf8').replace(' Product identification: L700', ' Product identification L700'),
    );
    const badConf = await run(
      'fixtures',
      'import-mhvtl',
      '--device-conf',
      conf,
      '--library-contents',
      CONTENTS,
      '--out',
      join(dir, 'x.json'),
    );
    expect(badConf.code).to.equal(1);
    expect(badConf.err).to.match(/device\.conf:10: expected "Key: value", got "Product identification L700"/);
    const none = await run(
      'fixtures',
      'import-mhvtl',
      '--device-conf',
      join(dir, 'nope.conf'),
      '--library-contents',
      CONTENTS,
      '--out',
      join(dir, 'x.json'),
    );
    expect(none.code).to.equal(2);
    expect(none.err).to.match(/--device-conf .*nope\.conf: cannot read it \(ENOENT\)/);
  });

  it('lists the bundled models and those of a directory, and shows one', async () => {
    const bundled = await run('fixtures', 'list');
    expect(bundled.code).to.equal(0);
    expect(bundled.out).to.match(/^ibm-ts3100 +IBM TS3100 Tape Library/m);
    copyFileSync(
      join(HERE, '..', '..', 'fixtures', 'libraries', 'quantum-superloader3.json'),
      join(dir, 'my-loader.json'),
    );
    const mine = await run('fixtures', 'list', '--fixtures-dir', dir);
    expect(mine.out).to.match(/^my-loader +/);
    const show = await run('fixtures', 'show', 'ibm-ts3100');
    expect(show.out).to.include(
      'Elements: transport 1 (1-1), storage 23 (4096-4118), import/export 1 (16-16), drives 2 (256-257)',
    );
    const unknown = await run('fixtures', 'show', 'no-such-library');
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.include('known fixtures: ');
  });
});
