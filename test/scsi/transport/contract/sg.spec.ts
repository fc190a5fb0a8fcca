/**
 * The ScsiTransport contract for the sg transport over a fake kernel (test/support/fake-sg-kernel.ts): each
 * initiator is its own SCSI generic node (one HBA path, one I_T nexus) serving the same SimulatedTarget, opened
 * with every check a real node gets (node kind and major, SG_GET_VERSION_NUM, INQUIRY device type 08h). The
 * encoded sg_io_hdr goes through the fake kernel, which reads it and writes the result fields as sg does. Cutting a
 * link removes the node (hot unplug): ENODEV for the command in flight and every later one.
 * The same suite runs through a real Linux kernel in the QEMU guest tests (branch sg-kernel).
 * Spec: scsi/transport/sg/sg-transport.ts; test/scsi/transport/contract/transport-contract.ts.
 */
import { openSgTransport, SgTransport, DEFAULT_SG_TIMEOUTS } from '../../../../scsi/transport/sg/index.js';
import { FakeSgKernel } from '../../../support/fake-sg-kernel.js';
import { createSimulatedBackend, type ContractHarness, type ContractInitiator } from './contract-harness.js';
import { transportContract } from './transport-contract.js';

async function startSg(fixture: string): Promise<ContractHarness> {
  const { changer, target, clock } = createSimulatedBackend(fixture);
  const kernel = new FakeSgKernel(clock);
  const transports: SgTransport[] = [];
  return {
    changer,
    target,
    clock,
    // SG_IO reports how much was transferred (resid), never how much more the target had
    traits: { reportsResidualOverflow: false },
    open: async (): Promise<ContractInitiator> => {
      const path = `/dev/sg${transports.length + 1}`;
      kernel.addSgNode(path, target);
      const transport = await openSgTransport({ path, timeouts: DEFAULT_SG_TIMEOUTS }, { driver: kernel });
      transports.push(transport);
      return { transport, cut: async () => kernel.remove(path) };
    },
    teardown: async () => {
      for (const t of transports.splice(0)) await t.close().catch(() => undefined);
      changer.close();
    },
  };
}

transportContract('sg over a fake kernel', startSg);
