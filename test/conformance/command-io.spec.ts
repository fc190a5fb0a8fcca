/**
 * Which errors the conformance commands report as usage errors (exit 2) rather than failures (exit 1): told by
 * class, the simulator's included, so an error that only borrows a name is a failure.
 * Spec: docs/architecture.md "A single command-line entry (yargs)"; conformance/command-io.ts.
 */
import { expect } from 'chai';
import { isUsageError } from '../../conformance/command-io.js';
import { ControlEndpointError } from '../../sim/control/control-http-client.js';
import { FixtureError, FixtureNotFoundError } from '../../sim/personality/index.js';

describe('conformance/command-io isUsageError', () => {
  it('a fixture that cannot be loaded and a control URL that does not parse are usage errors', () => {
    expect(isUsageError(new FixtureError('x.json', ['x.json: elements: expected an object']))).to.equal(true);
    expect(isUsageError(new FixtureNotFoundError('nope', 'nope: no such fixture file'))).to.equal(true);
    expect(isUsageError(new ControlEndpointError('bad control URL "x"', 'EINVAL'))).to.equal(true);
  });

  it('an endpoint that does not answer, a plain error and an error only named like the classes are failures', () => {
    expect(isUsageError(new ControlEndpointError('connection refused', 'ECONNREFUSED'))).to.equal(false);
    expect(isUsageError(new Error('boom'))).to.equal(false);
    const named = Object.assign(new Error('looks like one'), { name: 'FixtureError' });
    expect(isUsageError(named)).to.equal(false);
    const einval = Object.assign(new Error('looks like one'), { name: 'ControlEndpointError', code: 'EINVAL' });
    expect(isUsageError(einval)).to.equal(false);
  });
});
