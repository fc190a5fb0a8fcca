import { expect } from 'chai';
import { IscsiUrlError, parseIscsiUrl } from '../../../../scsi/transport/iscsi/initiator/iscsi-url.js';
import { parseTargetAddress } from '../../../../scsi/transport/iscsi/initiator/discovery.js';

describe('iscsi/url (libiscsi form)', () => {
  it('parses host, port, target and LUN', () => {
    expect(parseIscsiUrl('iscsi://127.0.0.1:3261/iqn.2026-01.org.example:changer/2')).to.deep.equal({
      host: '127.0.0.1',
      port: 3261,
      targetName: 'iqn.2026-01.org.example:changer',
      lun: 2,
    });
    expect(parseIscsiUrl('iscsi://tape.example/iqn.x:t/0')).to.deep.equal({
      host: 'tape.example',
      targetName: 'iqn.x:t',
      lun: 0,
    });
    expect(parseIscsiUrl('iscsi://[::1]:3262/iqn.x:t/1')).to.deep.include({ host: '::1', port: 3262 });
  });

  it('takes CHAP credentials (user%password, user:password) and mutual CHAP from the query', () => {
    expect(parseIscsiUrl('iscsi://alice%s3cret-pass@h/iqn.x:t/0').chap).to.deep.equal({
      user: 'alice',
      secret: 's3cret-pass',
    });
    expect(parseIscsiUrl('iscsi://alice:pw%40home@h/iqn.x:t/0').chap).to.deep.equal({
      user: 'alice',
      secret: 'pw@home',
    });
    const mutual = parseIscsiUrl('iscsi://alice%one@h/iqn.x:t/0?target_user=tgt&target_password=two');
    expect(mutual.mutualChap).to.deep.equal({ user: 'tgt', secret: 'two' });
  });

  it('takes digest choices from the query', () => {
    const parsed = parseIscsiUrl('iscsi://h/iqn.x:t/0?header_digest=crc32c&data_digest=none');
    expect(parsed.headerDigest).to.deep.equal(['CRC32C']);
    expect(parsed.dataDigest).to.deep.equal(['None']);
  });

  it('parses a portal URL for discovery', () => {
    expect(parseIscsiUrl('iscsi://10.0.0.5:3260', true)).to.deep.equal({ host: '10.0.0.5', port: 3260 });
    expect(parseIscsiUrl('iscsi://u%p@10.0.0.5/', true).chap).to.deep.equal({ user: 'u', secret: 'p' });
  });

  it('refuses malformed URLs with a reason, hiding credentials', () => {
    const bad = [
      'http://h/iqn/0',
      'iscsi://h/iqn.x:t',
      'iscsi://h/iqn.x:t/abc',
      'iscsi://h:99999/iqn/0',
      'iscsi:///iqn/0',
      'iscsi://h/iqn/0?bogus=1',
      'iscsi://h/iqn/0?header_digest=md5',
      'iscsi://alice@h/iqn/0',
    ];
    for (const url of bad) expect(() => parseIscsiUrl(url), url).to.throw(IscsiUrlError);
    expect(() => parseIscsiUrl('iscsi://h:99999/iqn/0')).to.throw(
      IscsiUrlError,
      'iSCSI URL "iscsi://h:99999/iqn/0": port must be an integer from 1 to 65535, got "99999"',
    );
    expect(() => parseIscsiUrl('iscsi://h:x/iqn/0')).to.throw(
      IscsiUrlError,
      'port must be an integer from 1 to 65535, got "x"',
    );
    expect(() => parseIscsiUrl('iscsi://h/iqn.x:t/abc')).to.throw(
      IscsiUrlError,
      'LUN must be an integer from 0 to 16383, got "abc"',
    );
    expect(() => parseIscsiUrl('http://h/iqn/0')).to.throw(
      IscsiUrlError,
      'must start with iscsi://; expected iscsi://[user[%password]@]host[:port]/<target-iqn>/<lun>',
    );
    expect(() => parseIscsiUrl('iscsi://alice%secret@h/iqn'))
      .to.throw(IscsiUrlError)
      .with.property('message')
      .that.does.not.include('secret');
    expect(() => parseIscsiUrl('iscsi://h/iqn.x:t/0', true)).to.throw(
      IscsiUrlError,
      'a portal URL has no target name or LUN; expected iscsi://[user[%password]@]host[:port]',
    );
    expect(() => parseIscsiUrl('iscsi://alice%secret@h/iqn'))
      .to.throw(IscsiUrlError)
      .with.property('problem', 'expected iscsi://[user[%password]@]host[:port]/<target-iqn>/<lun>');
  });

  it('parses SendTargets TargetAddress values', () => {
    expect(parseTargetAddress('127.0.0.1:3260,1')).to.deep.equal({ host: '127.0.0.1', port: 3260, tpgt: 1 });
    expect(parseTargetAddress('[fe80::1]:3261,2')).to.deep.equal({ host: 'fe80::1', port: 3261, tpgt: 2 });
    expect(parseTargetAddress('tape.example')).to.deep.equal({ host: 'tape.example', port: 3260, tpgt: undefined });
  });
});
