/**
 * HOST:PORT parsing, formatting and the loopback test; the numeric option coercions of the sim CLI.
 */
import { expect } from 'chai';
import { hostPortOption, numberOption, singleStringOption } from '../../../sim/service/cli-options.js';
import { formatHostPort, HostPortError, isLoopbackHost, parseHostPort } from '../../../sim/service/host-port.js';

describe('sim/service/host-port', () => {
  const good: [string, string, number][] = [
    ['127.0.0.1:8080', '127.0.0.1', 8080],
    ['localhost:0', 'localhost', 0],
    ['[::1]:3260', '::1', 3260],
    [':9000', '127.0.0.1', 9000],
    ['9000', '127.0.0.1', 9000],
    ['0.0.0.0:65535', '0.0.0.0', 65535],
    ['lab-host.example.com:3260', 'lab-host.example.com', 3260],
  ];
  for (const [text, host, port] of good) {
    it(`parses ${text}`, () => {
      expect(parseHostPort(text)).to.deep.equal({ host, port });
    });
  }

  const bad: [string, RegExp][] = [
    ['', /expected HOST:PORT/],
    ['localhost', /expected HOST:PORT/],
    ['127.0.0.1:', /port must be/],
    ['127.0.0.1:65536', /0 to 65535/],
    ['127.0.0.1:-1', /port must be/],
    ['127.0.0.1:80x', /port must be/],
    ['::1:80', /IPv6 address in brackets/],
    ['[localhost]:80', /not an IPv6 address/],
    ['[::1]80', /expected HOST:PORT/],
    ['bad_host!:80', /not a host name/],
  ];
  for (const [text, message] of bad) {
    it(`refuses "${text}" naming the option`, () => {
      expect(() => parseHostPort(text, '--iscsi'))
        .to.throw(HostPortError, message)
        .with.property('message')
        .that.matches(/^--iscsi: /);
    });
  }

  it('formats IPv6 in brackets', () => {
    expect(formatHostPort({ host: '::1', port: 1 })).to.equal('[::1]:1');
    expect(formatHostPort({ host: '127.0.0.1', port: 2 })).to.equal('127.0.0.1:2');
  });

  it('knows loopback', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      'a.localhost',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(h), h).to.equal(true);
    for (const h of ['0.0.0.0', '10.0.0.1', '::', 'example.com', '128.0.0.1', 'localhost.example.com'])
      expect(isLoopbackHost(h), h).to.equal(false);
  });
});

describe('sim/service/cli-options', () => {
  it('numberOption accepts numbers in range and rejects NaN, out-of-range and fractions', () => {
    const scale = numberOption('time-scale', { min: 0, max: 100, exclusiveMin: true });
    expect(scale('2.5')).to.equal(2.5);
    expect(scale(100)).to.equal(100);
    expect(scale(undefined)).to.equal(undefined);
    for (const v of ['abc', '', '0', '-1', '101', 'NaN', 'Infinity', Number.NaN])
      expect(() => scale(v), String(v)).to.throw(/--time-scale: expected a number greater than 0/);
    const baud = numberOption('serial-baud', { min: 1, max: 1000, integer: true });
    expect(baud('9')).to.equal(9);
    expect(() => baud('9.5')).to.throw(/whole number from 1 to 1000/);
    expect(() => baud(['1', '2'])).to.throw(/more than once/);
  });

  it('hostPortOption and singleStringOption', () => {
    expect(hostPortOption('control')('127.0.0.1:1')).to.deep.equal({ host: '127.0.0.1', port: 1 });
    expect(() => hostPortOption('control')('nope')).to.throw(/^--control: expected HOST:PORT/);
    expect(singleStringOption('fixture')(' ibm-ts3100 ')).to.equal('ibm-ts3100');
    expect(() => singleStringOption('fixture')('')).to.throw(/must not be empty/);
    expect(() => singleStringOption('fixture')(['a', 'b'])).to.throw(/more than once/);
  });
});
