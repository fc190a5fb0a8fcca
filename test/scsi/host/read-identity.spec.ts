/**
 * readDeviceIdentity (scsi/host/read-identity.ts) against the simulator: INQUIRY, VPD 80h/83h and MODE SENSE
 * 1Dh/1Fh as the target answers them, and a Device Identification page longer than 255 bytes read whole (asked
 * again with the length its header gives: SPC-4 6.6.1, 7.8.2), every designator kept. See docs/scsi-model.md 8.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../common/clock/clock.js';
import { CodeSet, encodeDeviceIdentificationPage, Opcode, ScsiStatus } from '../../../scsi/codec/index.js';
import { readDeviceIdentity } from '../../../scsi/host/read-identity.js';
import { InMemoryTransport } from '../../../scsi/transport/in-memory-transport.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../../../scsi/transport/scsi-transport.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import { SILENT_LOGGER } from '../../../common/logger.js';
import { createInProcessTarget } from '../../../sim/changer/in-process-target.js';

function simTransport(): InMemoryTransport {
  const { target } = createInProcessTarget(loadPersonality('ibm-ts3100'), {
    clock: new VirtualClock(),
    startReady: true,
    logger: {
      ...SILENT_LOGGER,
      error: (_f, m) => {
        throw new Error(m);
      },
    },
  });
  return new InMemoryTransport(target, { nexus: 'identity' });
}

/** Twelve 24-byte SCSI name strings: a 340-byte page, as a device with many ports might return. */
const LONG_83H = encodeDeviceIdentificationPage(
  8,
  Array.from({ length: 12 }, (_, i) => ({
    codeSet: CodeSet.UTF8,
    association: 1,
    protocolIdentifier: 5,
    piv: true,
    designatorType: 8,
    designator: Buffer.from(`iqn.2026-12.test:port${String(i).padStart(2, '0')}\0\0\0`),
  })),
);

/** The simulator, with INQUIRY VPD 83h answered by LONG_83H (cut at the allocation length, as a target does). */
class LongDesignators implements ScsiTransport {
  readonly description = 'long-83h';
  readonly allocations: number[] = [];
  constructor(private readonly inner: ScsiTransport) {}
  async execute(c: ScsiCommand): Promise<ScsiResult> {
    if (c.cdb[0] === Opcode.INQUIRY && (c.cdb[1] ?? 0) & 1 && c.cdb[2] === 0x83) {
      this.allocations.push(c.allocationLength);
      return { status: ScsiStatus.GOOD, dataIn: LONG_83H.subarray(0, c.allocationLength) };
    }
    return this.inner.execute(c);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('scsi/host/read-identity', () => {
  it('reads INQUIRY, VPD 80h, VPD 83h and MODE SENSE 1Dh/1Fh from the simulator', async () => {
    const id = await readDeviceIdentity(simTransport());
    expect([id.vendor, id.product, id.deviceType]).to.deep.equal(['IBM', '3573-TL', 8]);
    expect(id.serial.ok && id.serial.value.length).to.be.greaterThan(0);
    expect(id.designators.ok && id.designators.value.length).to.be.greaterThan(0);
    expect(id.elementMap.ok && id.elementMap.value.numberOfTransports).to.equal(1);
    expect(id.capabilities.ok && id.capabilities.value.storesMediaIn).to.include('storage');
  });

  it('reads a Device Identification page longer than 255 bytes whole', async () => {
    expect(LONG_83H.length).to.be.greaterThan(255);
    const t = new LongDesignators(simTransport());
    const id = await readDeviceIdentity(t);
    expect(t.allocations).to.deep.equal([255, LONG_83H.length]);
    if (!id.designators.ok) throw new Error(id.designators.reason);
    expect(id.designators.value.map((d) => d.value)).to.deep.equal(
      Array.from({ length: 12 }, (_, i) => `iqn.2026-12.test:port${String(i).padStart(2, '0')}`),
    );
  });
});
