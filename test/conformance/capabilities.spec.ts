/**
 * Tests of capability probing against the in-process simulator: what each kind of library offers, and skip
 * reasons that say exactly why. Spec: conformance/harness/observation/capabilities.ts, return-path.ts (Capability).
 */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CODE_PROFILE } from '../../rsm/index.js';
import { missingCapabilities, type Capabilities } from '../../conformance/harness/observation/capabilities.js';
import { probeLibrary } from '../../conformance/harness/path-context.js';
import { Capability } from '../../conformance/harness/return-path.js';
import { resolveTarget } from '../../conformance/harness/target/targets.js';

const TEST_FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function probe(url: string, fixturesDir?: string): Promise<Capabilities> {
  const [lib] = resolveTarget(url, { fixturesDir }).libraries;
  if (!lib) throw new Error('no library');
  return probeLibrary(lib, DEFAULT_CODE_PROFILE);
}

describe('conformance/harness/observation/capabilities', () => {
  it('IBM TS3100: IE port the host opens but cannot close, a door, magazines, operator, link drop, fault injection', async () => {
    const c = await probe('sim:ibm-ts3100');
    for (const cap of [
      Capability.IE_PORT,
      Capability.DOOR,
      Capability.PORT_OR_DOOR,
      Capability.MAGAZINES,
      Capability.OPERATOR,
      Capability.LINK_DROP,
      Capability.FAULT_INJECTION,
    ])
      expect(c.has.has(cap), cap).to.equal(true);
    for (const cap of [Capability.NO_IE_PORT, Capability.NEITHER_PORT_NOR_DOOR, Capability.IE_PORT_CLOSABLE])
      expect(c.has.has(cap), cap).to.equal(false);
    expect(c.facts[Capability.FAULT_INJECTION]).to.equal('faults are injected through the simulator control API');
    expect(c.facts[Capability.IE_PORT]).to.equal('MODE SENSE page 1Dh reports 1 import/export element from address 16');
    expect(missingCapabilities([Capability.IE_PORT, Capability.IE_PORT_CLOSABLE], c)).to.match(
      /^needs ie-port-closable: the library model ibm-ts3100 \(fixtures\/libraries\/ibm-ts3100.json\) declares that the host can open the IE station .* but not close it/,
    );
  });

  it('Quantum SuperLoader 3: neither IE port nor door', async () => {
    const c = await probe('sim:quantum-superloader3');
    expect(c.has.has(Capability.NEITHER_PORT_NOR_DOOR)).to.equal(true);
    expect(c.has.has(Capability.PORT_OR_DOOR)).to.equal(false);
    expect(missingCapabilities([Capability.IE_PORT, Capability.DOOR], c)).to.equal(
      'needs ie-port: MODE SENSE page 1Dh reports 0 import/export elements; needs door: the library model quantum-superloader3 (fixtures/libraries/quantum-superloader3.json) declares no access door',
    );
  });

  it('Oracle SL150: IE port, no door, no magazines', async () => {
    const c = await probe('sim:oracle-sl150');
    expect(c.has.has(Capability.IE_PORT_CLOSABLE)).to.equal(true);
    expect(missingCapabilities([Capability.MAGAZINES], c)).to.equal(
      'needs magazines: the library model oracle-sl150 (fixtures/libraries/oracle-sl150.json) declares no removable magazine holding storage slots',
    );
  });

  it('the door-only test fixture: a door and no IE port (the door path)', async () => {
    const c = await probe('sim:door-only-autoloader', TEST_FIXTURES);
    expect(missingCapabilities([Capability.DOOR, Capability.NO_IE_PORT, Capability.OPERATOR], c)).to.equal(undefined);
  });
});
