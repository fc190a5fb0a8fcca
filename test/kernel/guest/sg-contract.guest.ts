/**
 * The ScsiTransport contract over sg:, run by mocha INSIDE the kernel guest (test/kernel/sg-guest.spec.ts starts
 * it there; the name does not match the host's test glob). Each fixture maps to guest nodes whose LUNs the host
 * attached from a `sim serve` of that fixture (CB_SG_DEVICES="ibm-ts3100=/dev/sg0,/dev/sg1;large-library-20k=
 * /dev/sg2"); each of a fixture's nodes is its own QEMU iSCSI session, so its own I_T nexus, and open() hands
 * them out in turn. The harness's simulator is an in-process twin of the same fixture, never driven over a
 * wire: the cases read expectations from it (personality, element addresses, the in-process answer to compare
 * byte for byte), which hold because the served library is started ready from the same fixture and nothing
 * moves media while the suite runs. Cases needing the operator's hands on the served simulator, a fresh nexus per
 * open() or a link cut from inside the guest are listed as unsupported, with the reason.
 * Spec: test/scsi/transport/contract/transport-contract.ts; docs/kernel-tests.md "The contract suite in the
 * guest"; scsi/transport/sg/sg-open.ts.
 */
import { createKoffiSgDriver, openSgTransport, type SgTransport } from '../../../scsi/transport/sg/index.js';
import { createSimulatedBackend, type ContractHarness, type ContractInitiator } from '../../scsi/transport/contract/contract-harness.js';
import { transportContract } from '../../scsi/transport/contract/transport-contract.js';

/** fixture -> guest nodes, from CB_SG_DEVICES. */
function devicesByFixture(spec: string | undefined): Map<string, string[]> {
  if (!spec) throw new Error('CB_SG_DEVICES is not set (fixture=/dev/sgA,/dev/sgB;fixture2=/dev/sgC)');
  return new Map(
    spec.split(';').map((entry) => {
      const [fixture = '', nodes = ''] = entry.split('=');
      return [fixture, nodes.split(',').filter((n) => n !== '')];
    }),
  );
}

const devices = devicesByFixture(process.env.CB_SG_DEVICES);
const driver = createKoffiSgDriver();

async function startSg(fixture: string): Promise<ContractHarness> {
  const nodes = devices.get(fixture);
  if (!nodes || nodes.length === 0) throw new Error(`the guest has no LUN of ${fixture} (CB_SG_DEVICES=${process.env.CB_SG_DEVICES ?? ''})`);
  const { changer, target, clock } = createSimulatedBackend(fixture);
  const opened: SgTransport[] = [];
  return {
    changer,
    target,
    clock,
    // sg reports the residual (data the target did not send), never data it had beyond the allocation length
    traits: { reportsResidualOverflow: false },
    open: async (): Promise<ContractInitiator> => {
      const node = nodes[opened.length];
      if (node === undefined) throw new Error(`${fixture} has ${nodes.length} nexus(es) in the guest; a case opened more`);
      const transport = await openSgTransport(`sg:${node}`, { driver });
      opened.push(transport);
      return { transport, cut: () => Promise.reject(new Error('sg: a link cannot be cut from inside the guest')) };
    },
    teardown: async () => {
      for (const t of opened.splice(0)) await t.close().catch(() => undefined);
      changer.close();
    },
  };
}

transportContract('sg: through a real Linux kernel', startSg, {
  timeoutMs: 120_000,
  unsupported: {
    'reports UNIT ATTENTION 29/00 on the first command of each new nexus, and not on the second':
      "opening /dev/sgN makes no new I_T nexus (QEMU's iSCSI session is the nexus; the kernel and QEMU took its 29/00 at probe)",
    'keeps PREVENT and unit attentions per nexus: an operator event reaches both nexuses, each once':
      "needs the operator's hands (a magazine pulled) on the served simulator in the middle of the case",
    'truncates READ ELEMENT STATUS to whole descriptors at a short allocation length, header counts unchanged':
      "QEMU's iSCSI SG_IO (block/iscsi.c) reports resid 0 for every command, so the guest's sg sees a short answer as the whole (zero-padded) buffer; sg's resid decoding is covered over the fake kernel (test/scsi/transport/sg)",
    'on a cut link rejects pending and later commands with a TransportError; others and the simulator carry on':
      'a link cannot be cut from inside the guest; sg-guest.spec.ts removes a LUN under an open node instead',
  },
});
