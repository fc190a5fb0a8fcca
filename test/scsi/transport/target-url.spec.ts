import { expect } from 'chai';
import { parseTargetUrl, TargetUrlError } from '../../../scsi/transport/target-url.js';

describe('parseTargetUrl', () => {
  it('reads sim: as every fixture and sim:a,b as those', () => {
    expect(parseTargetUrl('sim:')).to.deep.equal({ kind: 'sim', fixtures: [] });
    expect(parseTargetUrl('sim:ibm-ts3100,oracle-sl150')).to.deep.equal({
      kind: 'sim',
      fixtures: ['ibm-ts3100', 'oracle-sl150'],
    });
  });

  it('reads libiscsi-style iSCSI URLs with credentials, port and LUN', () => {
    expect(parseTargetUrl('iscsi://alice%s3cret@127.0.0.1:3261/iqn.2026-11.dev.changerbench:ts3100/1')).to.deep.equal({
      kind: 'iscsi',
      host: '127.0.0.1',
      port: 3261,
      targetName: 'iqn.2026-11.dev.changerbench:ts3100',
      lun: 1,
      user: 'alice',
      password: 's3cret',
    });
    expect(parseTargetUrl('iscsi://[::1]/iqn.x:y/0')).to.include({ host: '::1', port: 3260, lun: 0 });
  });

  it("reads iSCSI URLs with the initiator's own grammar: user:password, digest and mutual CHAP arguments", () => {
    expect(parseTargetUrl('iscsi://alice:pw%40home@h/iqn.x:t/0')).to.include({ user: 'alice', password: 'pw@home' });
    expect(parseTargetUrl('iscsi://h:3262/iqn.x:t/2?header_digest=crc32c&data_digest=none')).to.deep.equal({
      kind: 'iscsi',
      host: 'h',
      port: 3262,
      targetName: 'iqn.x:t',
      lun: 2,
    });
    expect(parseTargetUrl('iscsi://alice%one@h/iqn.x:t/0?target_user=tgt&target_password=two')).to.include({
      user: 'alice',
      password: 'one',
    });
  });

  it('names the URL without its credentials when refusing it', () => {
    expect(() => parseTargetUrl('iscsi://alice%secret@h/iqn'))
      .to.throw(TargetUrlError, 'target URL "iscsi://***@h/iqn": expected iscsi://')
      .with.property('message')
      .that.does.not.include('secret');
  });

  it('hides a password with @ or / in it and the mutual CHAP secret of the query', () => {
    const messageOf = (url: string) => {
      try {
        parseTargetUrl(url);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`${url} was accepted`);
    };
    const leaky = [
      'iscsi://u%pw@SECRET1@host/iqn.x/0?bogus=1',
      'iscsi://u%pw/SECRET2@host/iqn.x/0?bogus=1',
      'iscsi://u%pw@host/iqn.x/0?target_user=t&target_password=SECRET3&bogus=1',
      'iscsi://u%pw@host/iqn.x/0?target_password=SECRET4&target_user=t&bogus=1',
    ];
    for (const url of leaky) expect(messageOf(url), url).not.to.match(/SECRET|pw/);
    expect(messageOf(leaky[2] ?? '')).to.equal(
      'target URL "iscsi://***@host/iqn.x/0?target_user=t&target_password=***&bogus=1": unknown argument "bogus" (header_digest, data_digest, target_user, target_password)',
    );
  });

  it('reads serial URLs with defaults', () => {
    expect(parseTargetUrl('serial:/dev/ttyS0')).to.deep.equal({
      kind: 'serial',
      path: '/dev/ttyS0',
      baudRate: 115200,
      lun: 0,
    });
    expect(parseTargetUrl('serial:/tmp/pty-b?baud=9600&lun=2')).to.deep.equal({
      kind: 'serial',
      path: '/tmp/pty-b',
      baudRate: 9600,
      lun: 2,
    });
  });

  it('reads two serial lines to one target, the parameters applying to both', () => {
    expect(parseTargetUrl('serial:/dev/pts/3,/dev/pts/5?baud=9600&pace=1')).to.deep.equal({
      kind: 'serial',
      path: '/dev/pts/3',
      secondPath: '/dev/pts/5',
      baudRate: 9600,
      lun: 0,
      pace: true,
    });
    expect(parseTargetUrl('serial:/tmp/a%2Cb,/tmp/c')).to.include({ path: '/tmp/a,b', secondPath: '/tmp/c' });
  });

  it("reads sg: URLs: one or two nodes, the ch driver's time-outs unless the URL overrides them", () => {
    const timeouts = { quick: 20_000, move: 300_000, init: 3_600_000, other: 300_000 };
    expect(parseTargetUrl('sg:/dev/sg3')).to.deep.equal({ kind: 'sg', path: '/dev/sg3', timeouts, lun: 0 });
    expect(parseTargetUrl('sg:/dev/sg3,/dev/sg4?timeout-move=600&timeout-init=7200.5')).to.deep.equal({
      kind: 'sg',
      path: '/dev/sg3',
      secondPath: '/dev/sg4',
      timeouts: { ...timeouts, move: 600_000, init: 7_200_500 },
      lun: 0,
    });
    expect(parseTargetUrl('sg:/dev/sch0?max-transfer=262144')).to.include({ path: '/dev/sch0', maxTransfer: 262_144 });
  });

  for (const [url, problem] of [
    ['iscsi://host/iqn.x', /expected iscsi:/],
    ['iscsi://host:99999/iqn.x/0', /port must be an integer from 1 to 65535/],
    ['iscsi://host/iqn.x/abc', /LUN must be an integer/],
    ['iscsi://host/iqn.x/0?bogus=1', /unknown argument "bogus"/],
    ['iscsi://host/iqn.x/0?header_digest=md5', /header_digest must be crc32c or none/],
    ['iscsi://alice@host/iqn.x/0', /CHAP credentials need both a user and a password/],
    ['iscsi:///iqn.x/0', /missing host; expected iscsi:/],
    ['serial:/dev/x?speed=9600', /speed/],
    ['serial:/dev/x?baud=fast', /baud must be a whole number/],
    ['serial:/dev/a,/dev/b,/dev/c', /at most two lines/],
    ['serial:/dev/a,', /path is empty/],
    ['serial:/dev/a,/dev/a', /second line must be another device/],
    ['sim:bad name', /fixture ids/],
    ['http://x', /unknown scheme; expected sim:.*, iscsi:\/\/.*, serial:.*, sg:\/dev\/sgN/],
    ['sg:', /the device path is missing; expected sg:\/dev\/sgN/],
    [
      'sg:/dev/sg3?timeout=5',
      /unknown option "timeout" \(known: timeout-quick, timeout-move, timeout-init, timeout-other, max-transfer\)/,
    ],
    ['sg:/dev/sg3?timeout-move=-1', /timeout-move must be a number of seconds above 0/],
    ['sg:/dev/sg3?timeout-move=99999999', /at most 4294967/],
    ['sg:/dev/sg3?max-transfer=100', /max-transfer must be a whole number of bytes from 512 to 16777215/],
    ['sg:/dev/a,/dev/b,/dev/c', /at most two nodes/],
    ['sg:/dev/a,/dev/a', /the second must be another path/],
  ] as const) {
    it(`rejects ${url} saying what was expected`, () => {
      expect(() => parseTargetUrl(url)).to.throw(TargetUrlError, problem);
    });
  }
});
