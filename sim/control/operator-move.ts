/**
 * A move the operator starts at the library's panel (the console's `move`, `load`, `unload`): the robot carries a
 * cartridge from one element to another, queued behind the host's robot commands and taking the product's move
 * time, with the checks a MOVE MEDIUM gets (sim/commands/motion-checks.ts) given as operator refusals: not ready
 * (powering on, offline, inventorying, door open), a pulled magazine, an open I/O station, an empty source, a full
 * destination, a drive cleaning. An armed move fault is for the host's next MOVE MEDIUM and is left armed. Hosts
 * learn that media may have changed (06/28/00 for every nexus), as after the door closes: their inventory is stale.
 * Spec: docs/smc-reference.md 1.6, 1.7 (06/28/00); [I] the unit attention after a panel move is inferred (libraries
 * report a NOT READY TO READY CHANGE after operator activity); docs/lab-view.md "Console".
 */
import { Asc } from '../../scsi/codec/sense-codes.js';
import type { ChangerCore } from '../changer/changer-core.js';
import { afterMotion } from '../commands/motion-checks.js';
import { MotionAborted } from '../mechanics/robot.js';
import { ElementKind, isInPulledMagazine, type ElementState } from '../model/element.js';
import { pick, place } from '../model/transitions.js';
import { done, isIntIn, refuse } from './control-checks.js';
import { ControlError, type CartridgeView, type ControlResult } from './control-types.js';
import { cartridgeView } from './status-view.js';

function holder(core: ChangerCore, address: number, what: string): ElementState | ControlResult<never> {
  const e = isIntIn(address, 0, 0xffff) ? core.state.element(address) : undefined;
  if (!e) return refuse(ControlError.NO_SUCH_ELEMENT, `no element at address ${String(address)} (${what})`);
  if (e.type === ElementKind.TRANSPORT)
    return refuse(
      ControlError.INVALID_ARGUMENT,
      `element ${address} is the robot's gripper; name a slot, I/O element or drive`,
    );
  return e;
}

/** Why the robot cannot do this move now, or undefined. */
function blocked(core: ChangerCore, source: ElementState, destination: ElementState): ControlResult<never> | undefined {
  if (core.state.door.open) return refuse(ControlError.DOOR_OPEN, 'the access door is open: the robot does not move');
  if (core.poweringOn) return refuse(ControlError.NOT_READY, 'the library is powering on');
  if (core.offline) return refuse(ControlError.NOT_READY, 'the library is offline');
  for (const e of [source, destination]) {
    if (isInPulledMagazine(e))
      return refuse(ControlError.MAGAZINE_PULLED, `element ${e.address} is in a pulled magazine`);
    if (e.type === ElementKind.IMPORT_EXPORT && core.state.station.open)
      return refuse(ControlError.STATION_OPEN, `the I/O station is open: the robot cannot reach element ${e.address}`);
  }
  if (source.drive?.cleaning && source.cartridge)
    return refuse(ControlError.DRIVE_CLEANING, `drive ${source.address} is cleaning; its cartridge cannot leave yet`);
  if (!source.cartridge) return refuse(ControlError.ELEMENT_EMPTY, `element ${source.address} is empty`);
  if (destination.cartridge)
    return refuse(
      ControlError.ELEMENT_FULL,
      `element ${destination.address} already holds ${destination.cartridge.volumeTag || destination.cartridge.id}`,
    );
  return undefined;
}

/** Moves the cartridge at `sourceAddress` to `destinationAddress` with the robot; resolves when it is there. */
export async function operatorMove(
  core: ChangerCore,
  sourceAddress: number,
  destinationAddress: number,
): Promise<ControlResult<CartridgeView>> {
  const source = holder(core, sourceAddress, 'source');
  if ('ok' in source) return source;
  const destination = holder(core, destinationAddress, 'destination');
  if ('ok' in destination) return destination;
  if (source === destination)
    return refuse(ControlError.INVALID_ARGUMENT, 'source and destination are the same element');
  const transport = core.state.transports[0];
  if (!transport) return refuse(ControlError.INVALID_ARGUMENT, `${core.personality.id} has no robot`);
  try {
    return await core.robot.run(`panel move ${source.address}->${destination.address}`, undefined, async (motion) => {
      // Checked when the robot gets to it: a move queued behind others sees the state they leave.
      const refused = blocked(core, source, destination);
      if (refused) return refused;
      const cartridge = pick(core.state, source, transport);
      core.commit();
      await motion.sleep(core.personality.timing.moveMs);
      place(core.state, transport, destination);
      afterMotion(core, [source], [destination]);
      core.raise(Asc.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
      core.commit();
      return done(cartridgeView(cartridge));
    });
  } catch (err) {
    if (err instanceof MotionAborted)
      return refuse(
        ControlError.NOT_READY,
        `the move was stopped (${err.why}); the cartridge goes back to its source at power-on`,
      );
    throw err;
  }
}
