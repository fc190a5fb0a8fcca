/**
 * The lane through our own iSCSI initiator (scsi/transport/iscsi) to a `sim serve --iscsi` child: CDBs of 1 to
 * 260 bytes, the long ones in the Extended CDB AHS (RFC 7143 11.2.2.3, docs/iscsi.md 7.1).
 */
import { IscsiInitiator } from '../../scsi/transport/iscsi/index.js';
import type { SimProcess } from '../sim-process.js';
import { TransportLane } from './child-lane.js';
import { clearUnitAttentions } from './lane.js';

/** Our initiator logged in to the child, its unit attentions cleared. */
export async function openIscsiLane(
  sim: SimProcess,
  initiatorName = 'iqn.2026-12.dev.changerbench:soak',
): Promise<TransportLane> {
  const { host, port, targetName } = sim.iscsi;
  const lane = new TransportLane(
    'iscsi',
    260,
    sim,
    await IscsiInitiator.connect({ host, port, targetName, initiatorName, loginTimeoutMs: 30_000 }),
  );
  await clearUnitAttentions(lane);
  return lane;
}
