/**
 * The ScsiTransport contract for iSCSI over loopback: an IscsiTarget on an ephemeral 127.0.0.1 port serving the
 * simulator, one IscsiInitiator session per initiator (its own initiator name and ISID, so its own I_T nexus),
 * each through its own TCP relay so that one link can be cut by resetting its connection.
 * Spec: RFC 7143 4.4 (sessions: initiator name + ISID), 7.1.4 (connection failure at ErrorRecoveryLevel 0);
 * docs/iscsi.md 7.3; test/scsi/transport/contract/transport-contract.ts.
 */
import { IscsiInitiator } from '../../../../scsi/transport/iscsi/initiator/iscsi-initiator.js';
import { IscsiTarget } from '../../../../scsi/transport/iscsi/target/iscsi-target.js';
import { createSimulatedBackend, type ContractHarness, type ContractInitiator } from './contract-harness.js';
import { TcpLinkProxy } from './support/tcp-link-proxy.js';
import { transportContract } from './transport-contract.js';

const TARGET_NAME = 'iqn.2026-11.dev.changerbench:contract';

async function startIscsi(fixture: string): Promise<ContractHarness> {
  const { changer, target, clock } = createSimulatedBackend(fixture);
  const iscsi = await IscsiTarget.listen({ host: '127.0.0.1', port: 0, targetName: TARGET_NAME, backend: target });
  const proxies: TcpLinkProxy[] = [];
  const initiators: IscsiInitiator[] = [];
  return {
    changer,
    target,
    clock,
    traits: { reportsResidualOverflow: true },
    open: async (): Promise<ContractInitiator> => {
      const proxy = await TcpLinkProxy.start('127.0.0.1', iscsi.address().port);
      proxies.push(proxy);
      const transport = await IscsiInitiator.connect({
        host: '127.0.0.1',
        port: proxy.port,
        targetName: TARGET_NAME,
        initiatorName: `iqn.2026-11.dev.changerbench:contract-${proxies.length}`,
      });
      initiators.push(transport);
      return { transport, cut: () => proxy.cut() };
    },
    teardown: async () => {
      for (const i of initiators.splice(0)) await i.close().catch(() => undefined);
      for (const p of proxies.splice(0)) await p.cut().catch(() => undefined);
      await iscsi.close().catch(() => undefined);
      changer.close();
    },
  };
}

transportContract('iSCSI over loopback', startIscsi);
