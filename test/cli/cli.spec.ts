import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { runCli } from '../../cli/build-cli.js';
import type { CliIo } from '../../cli/cli-io.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), stdin: Readable.from([]), exitCode: 0 };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('changerbench CLI', () => {
  it('prints an mtx-style status of a bundled library, then its magazines, door and IE state', async () => {
    const r = await run('status', '--fixture', 'ibm-ts3100');
    expect(r.code, r.err).to.equal(0);
    const lines = r.out.split('\n');
    expect(lines[0]).to.equal('  Storage Changer sim:ibm-ts3100:2 Drives, 24 Slots ( 1 Import/Export )');
    expect(lines).to.include('Data Transfer Element 0:Empty');
    expect(lines).to.include('      Storage Element 1:Full :VolumeTag=TLA001L5');
    expect(lines).to.include('      Storage Element 24 IMPORT/EXPORT:Empty');
    expect(r.out).to.match(/^Magazine left .*present/m);
    expect(r.out).to.match(/^Door: closed, unlocked$/m);
    expect(r.out).to.match(/cleaning cartridge/);
  });

  it('reports a library with no IE element and no door as such (SuperLoader 3)', async () => {
    const r = await run('status', '--target', 'sim:quantum-superloader3');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/\( 0 Import\/Export \)/);
    expect(r.out).to.match(/^Import\/export station: none reported$/m);
    expect(r.out).to.match(/^Door: none$/m);
  });

  it('names the unknown fixture and lists the known ones, exit 2 (a usage error)', async () => {
    const r = await run('status', '--fixture', 'no-such-library');
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/no-such-library/);
    expect(r.err).to.match(/ibm-ts3100/);
  });

  it('refuses a malformed fixture file naming the file, the field and what was expected, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cli-'));
    try {
      const fixture = JSON.parse(readFileSync('fixtures/libraries/ibm-ts3100.json', 'utf8')) as {
        elements: { storage: { count: number } };
      };
      fixture.elements.storage.count = -3;
      const file = join(dir, 'bad-library.json');
      writeFileSync(file, JSON.stringify(fixture));
      const r = await run('status', '--fixture', file);
      expect(r.code).to.equal(1);
      expect(r.err).to.contain(`${file}: elements.storage.count: expected a positive integer, got -3`);
      expect(r.out).to.equal('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is strict about unknown options and missing choices, exit 2 with a hint', async () => {
    const unknown = await run('status', '--fixture', 'ibm-ts3100', '--colour');
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.match(/Unknown argument: colour/);
    expect(unknown.out, 'the command does not run').to.equal('');
    const reports = mkdtempSync(join(tmpdir(), 'cb-typo-'));
    try {
      const typo = await run('conformance', 'run', '--targt', 'sim:ibm-ts3100', '--reports', reports);
      expect(typo.code).to.equal(2);
      expect(typo.err).to.match(/Unknown argument: targt/);
      expect(readdirSync(reports), 'no suite ran, no report was written').to.deep.equal([]);
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
    const missing = await run('status', '--fixture', 'ibm-ts310');
    expect(missing.code, 'a fixture that does not exist is a usage error').to.equal(2);
    expect(missing.err).to.match(/ibm-ts310\.json: no such fixture file; known fixtures: .*ibm-ts3100/);
    const neither = await run('status');
    expect(neither.code).to.equal(2);
    expect(neither.err).to.match(/give --fixture NAME or --target URL/);
    const badUrl = await run('status', '--target', 'iscsi://host/iqn');
    expect(badUrl.code).to.equal(2);
    expect(badUrl.err).to.match(/expected iscsi:\/\//);
    const sg = await run('status', '--target', 'sg:/nonexistent/sg3');
    expect(sg.code).to.equal(2);
    expect(sg.err).to.equal(
      'changerbench: sg:/nonexistent/sg3: no such file; changerbench devices lists the SCSI generic nodes of this machine\n',
    );
    const notSg = await run('status', '--target', 'sg:/dev/null');
    expect(notSg.code).to.equal(2);
    expect(notSg.err).to.match(
      /^changerbench: sg:\/dev\/null: a character device 1:3 of another driver, not a SCSI generic node/,
    );
  });

  it('asks for a command when given none', async () => {
    const r = await run();
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/Give a command/);
  });

  it('stops quietly, exit 0, when its reader closes the pipe early (changerbench status | head -1)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/changerbench.ts', 'status', '--fixture', 'large-library-20k'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    child.stdout.destroy(); // as `head -1` does after its line
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(first.toString()).to.match(/^ {2}Storage Changer sim:large-library-20k/);
    expect(err, 'no stack trace').not.to.match(/EPIPE|Error/);
    expect(code).to.equal(0);
  });
});
