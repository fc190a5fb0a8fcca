/**
 * The lane through our serial initiator (scsi/transport/serial) over a socat PTY pair to a `sim serve --serial`
 * child. The framing carries CDBs of 1 to 16 bytes (docs/serial-framing.md).
 */
import { SerialInitiator } from '../../scsi/transport/serial/serial-initiator.js';
import type { SimProcess } from '../sim-process.js';
import { TransportLane } from './child-lane.js';
import { clearUnitAttentions } from './lane.js';

/** Our serial initiator on `path`, the PTY end whose other end the child serves, its unit attentions cleared. */
export async function openSerialLane(sim: SimProcess, path: string): Promise<TransportLane> {
  const lane = new TransportLane(
    'serial',
    16,
    sim,
    await SerialInitiator.open({ path, baudRate: 115200, initiatorName: 'soak', openTimeoutMs: 30_000 }),
  );
  await clearUnitAttentions(lane);
  return lane;
}
