/**
 * The operator's view of the whole library as JSON: every element with its cartridge, magazines, door, IE
 * station, drives, hidden slots, prevent holders, robot activity. Design: docs/simulator.md "Operator and
 * fault API".
 */
import type { ChangerCore } from '../changer/changer-core.js';
import {
  ELEMENT_KIND_NAMES,
  ElementKind,
  isInPulledMagazine,
  type Cartridge,
  type ElementState,
} from '../model/element.js';
import type { CartridgeView, ElementView, StatusView } from './control-types.js';

/** A cartridge as plain JSON. */
export function cartridgeView(c: Cartridge): CartridgeView {
  return {
    id: c.id,
    volumeTag: c.volumeTag,
    kind: c.kind,
    usesRemaining: c.usesRemaining,
    spent: c.spent,
    lastStorage: c.lastStorage?.address ?? null,
  };
}

function elementView(core: ChangerCore, e: ElementState): ElementView {
  const accessible = !isInPulledMagazine(e) && !(e.type === ElementKind.IMPORT_EXPORT && core.state.station.open);
  return {
    type: ELEMENT_KIND_NAMES[e.type],
    address: e.address,
    cartridge: e.cartridge ? cartridgeView(e.cartridge) : null,
    magazine: e.magazine?.model.id ?? null,
    accessible,
  };
}

/** Builds the status view (a fresh object; callers may keep or serialise it). */
export function buildStatusView(core: ChangerCore): StatusView {
  const { state, personality: p, nexuses } = core;
  const prevented = nexuses.prevented;
  const activity = core.robot.activity();
  const faults = core.faults.pending();
  return {
    personality: p.id,
    poweringOn: core.poweringOn,
    online: !core.offline,
    scanning: core.scanning > 0,
    slowFactor: core.slowFactor,
    robot: { busy: activity.busy, current: activity.current ?? null, queued: activity.queued },
    door: { present: p.door.present, open: state.door.open, locked: prevented && p.prevent.locksDoor },
    importExport: {
      present: state.importExport.length > 0,
      open: state.station.open,
      locked: prevented && p.prevent.locksImportExport,
      addresses: state.importExport.map((e) => e.address),
    },
    magazines: [...state.magazines.values()].map((m) => ({
      id: m.model.id,
      name: m.model.name,
      present: m.present,
      locked: prevented && p.prevent.locksMagazines,
      addresses: m.elements.map((e) => e.address),
    })),
    drives: state.drives.map((d) => ({
      address: d.element.address,
      serial: d.model.serial,
      loaded: d.element.cartridge !== undefined,
      needsCleaning: d.needsCleaning,
      cleaning: d.cleaning,
    })),
    elements: state.sorted(0).map((e) => elementView(core, e)),
    hiddenSlots: state.hidden.map((c) => (c ? cartridgeView(c) : null)),
    prevent: { holders: [...nexuses.preventers] },
    reservation: nexuses.reservation ?? null,
    nexuses: nexuses.known(),
    faults: { commands: faults.commands.length, moves: faults.moves.length },
  };
}
