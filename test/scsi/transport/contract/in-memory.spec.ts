/**
 * The ScsiTransport contract for InMemoryTransport: a SimulatedTarget in the same process, one InMemoryTransport
 * per initiator (its own nexus id), disconnect() as the cut link.
 * Spec: scsi/transport/in-memory-transport.ts; test/scsi/transport/contract/transport-contract.ts.
 */
import { InMemoryTransport } from '../../../../scsi/transport/in-memory-transport.js';
import { createSimulatedBackend, type ContractHarness, type ContractInitiator } from './contract-harness.js';
import { transportContract } from './transport-contract.js';

async function startInMemory(fixture: string): Promise<ContractHarness> {
  const { changer, target, clock } = createSimulatedBackend(fixture);
  const transports: InMemoryTransport[] = [];
  return {
    changer,
    target,
    clock,
    traits: { reportsResidualOverflow: true },
    open: async (): Promise<ContractInitiator> => {
      const transport = new InMemoryTransport(target, { nexus: `in-memory:contract-${transports.length + 1}` });
      transports.push(transport);
      return { transport, cut: async () => transport.disconnect() };
    },
    teardown: async () => {
      for (const t of transports.splice(0)) await t.close().catch(() => undefined);
      changer.close();
    },
  };
}

transportContract('in-memory', startInMemory);
