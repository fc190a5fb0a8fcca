/**
 * Tests of target selection by URL: sim: (every fixture), sim:<fixture>[,<fixture>], unknown fixtures, and the
 * one library of an iscsi:// target, and of a serial: target (two lines; with one line every test skips saying a
 * second is needed). Spec: conformance/harness/target/targets.ts.
 */
import { expect } from 'chai';
import { listFixtures } from '../../sim/personality/index.js';
import { resolveTarget, UnsupportedTargetError } from '../../conformance/harness/target/targets.js';
import { TargetUrlError } from '../../scsi/transport/target-url.js';

describe('conformance/harness/target/targets', () => {
  it('sim: is every bundled fixture', () => {
    const t = resolveTarget('sim:');
    expect(t.libraries.map((l) => l.label)).to.deep.equal(listFixtures().map((f) => f.id));
    expect(t.libraries.find((l) => l.label === 'ibm-ts3100')?.name).to.match(/TS3100/);
  });

  it('sim:<a>,<b> is those fixtures, in that order', () => {
    expect(resolveTarget('sim:tandberg-magnum-224,ibm-ts3100').libraries.map((l) => l.label)).to.deep.equal([
      'tandberg-magnum-224',
      'ibm-ts3100',
    ]);
  });

  it('an unknown fixture is refused, naming the known ones', () => {
    expect(() => resolveTarget('sim:nope')).to.throw(
      UnsupportedTargetError,
      /no fixture "nope"; known fixtures: .*ibm-ts3100/,
    );
  });

  it('iscsi:// is one library over the wire, labelled by its IQN until identified; serial: by its first device', () => {
    const t = resolveTarget('iscsi://127.0.0.1/iqn.2026-01.test:changer/1');
    expect(t.libraries.map((l) => l.label)).to.deep.equal(['changer']);
    expect(t.description).to.match(/operator: none, model: none/);
    const two = resolveTarget('serial:/dev/ttyUSB0,/dev/ttyUSB1?baud=9600');
    expect(two.libraries.map((l) => l.label)).to.deep.equal(['ttyUSB0']);
    expect(two.description).to.match(/over two serial lines, operator: none/);
    expect(two.libraries[0]?.unavailable).to.equal(undefined);
    const one = resolveTarget('serial:/dev/ttyUSB0', { control: 'http://127.0.0.1:1' });
    expect(one.libraries[0]?.unavailable).to.match(/^needs a second serial line for read-back/);
    expect(() => resolveTarget('sim:', { control: 'http://127.0.0.1:1' })).to.throw(
      UnsupportedTargetError,
      /--control is for iscsi/,
    );
  });

  it('--model loads a bundled fixture by name or a file and names the file of a bad one; --operator is checked', () => {
    const t = resolveTarget('iscsi://127.0.0.1/iqn.2026-01.test:changer/1', { model: 'oracle-sl150' });
    expect(t.libraries.map((l) => l.label)).to.deep.equal(['oracle-sl150']);
    expect(t.description).to.match(/model: oracle-sl150 \(fixtures\/libraries\/oracle-sl150.json\)/);
    expect(() => resolveTarget('iscsi://127.0.0.1/iqn.2026-01.test:changer/1', { model: 'no-such-model' })).to.throw(
      UnsupportedTargetError,
      /--model no-such-model: .*no such fixture file; known fixtures: .*oracle-sl150/,
    );
    expect(() => resolveTarget('iscsi://127.0.0.1/iqn.2026-01.test:changer/1', { operator: 'robot' })).to.throw(
      UnsupportedTargetError,
      /--operator must be sim, prompt or exec:COMMAND/,
    );
    expect(() => resolveTarget('iscsi://127.0.0.1/iqn.2026-01.test:changer/1', { operator: 'sim' })).to.throw(
      UnsupportedTargetError,
      /--operator sim needs --control/,
    );
    expect(() => resolveTarget('sim:ibm-ts3100', { operator: 'prompt' })).to.throw(
      UnsupportedTargetError,
      /is for iscsi:\/\/, serial: and sg: targets/,
    );
  });

  it('a malformed URL is refused by the shared parser', () => {
    expect(() => resolveTarget('ftp://x')).to.throw(/unknown scheme/);
    expect(() => resolveTarget('sg:/dev/sg3?timeout=1')).to.throw(TargetUrlError, /unknown option "timeout"/);
  });

  it('each open() of a sim: library is a fresh, independent simulator on its own virtual clock', async () => {
    const [lib] = resolveTarget('sim:ibm-ts3100').libraries;
    if (!lib) throw new Error('no library');
    const a = await lib.open();
    const b = await lib.open();
    try {
      expect(a.time.virtual).to.equal(true);
      expect(a.time.clock).to.not.equal(b.time.clock);
      await a.time.pass(60_000);
      expect(a.time.elapsed()).to.equal(60_000);
      expect(b.time.elapsed()).to.equal(0);
      expect(a.hints).to.include({ door: true });
      expect(a.model?.importExport).to.deep.equal({ openByHost: true, closeByHost: false });
      expect(a.operator?.description).to.equal('simulator control API');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
