/**
 * Tests of the "nothing changed" comparison: each kind of change a failed call must not make is reported, and
 * equal snapshots give none. Spec: conformance/harness/observation/observe.ts.
 */
import { expect } from 'chai';
import type { LibraryRequestView, LibraryView } from '../../rsm/index.js';
import type { ChangerContents, ElementReading } from '../../conformance/harness/observation/changer-probe.js';
import { differences, type World } from '../../conformance/harness/observation/observe.js';

function contents(elements: ElementReading[]): ChangerContents {
  return { elements, find: (tag) => elements.find((e) => e.volumeTag === tag), at: (a) => elements.find((e) => e.address === a), describe: (a) => `element ${a}` };
}

const el = (address: number, tag: string): ElementReading => ({ kind: 'storage', address, full: tag !== '', access: true, except: false, disabled: false, asc: 0, ascq: 0, volumeTag: tag, cleaning: false });

function world(overrides: Partial<World> = {}, library: Partial<LibraryView> = {}): World {
  return {
    at: 0,
    library: { cleanerSlot: 'slot-1', cleanerPresent: true, cleanerUsesRemaining: 25, enabled: true, ...library } as LibraryView,
    requests: [],
    operatorRequests: [],
    cartridges: [],
    offline: [],
    changer: contents([el(1, 'CLN900L1'), el(2, '')]),
    importExport: { present: true, open: false, locked: true },
    door: { present: true, open: false, locked: false },
    ...overrides,
  };
}

describe('conformance/harness/observation/observe differences', () => {
  it('equal snapshots differ in nothing', () => {
    expect(differences(world(), world())).to.deep.equal([]);
  });

  it('reports a changed reservation, cleaner flags and Enabled', () => {
    const d = differences(world(), world({}, { cleanerSlot: 'slot-2', cleanerPresent: false, cleanerUsesRemaining: 0, enabled: false }));
    expect(d).to.deep.equal(['reservation changed: slot-1 -> slot-2', 'CLEANERPRESENT changed: true -> false', 'dwCleanerUsesRemaining changed: 25 -> 0', 'library Enabled changed: true -> false']);
  });

  it('reports a new library request and a moved cartridge', () => {
    const req = { id: 'r1', operationName: 'NTMS_LM_EJECTCLEANER', stateName: 'NTMS_LM_QUEUED' } as LibraryRequestView;
    const d = differences(world(), world({ requests: [req], changer: contents([el(1, ''), el(2, 'CLN900L1')]) }));
    expect(d).to.deep.equal(['new library request NTMS_LM_EJECTCLEANER r1 (NTMS_LM_QUEUED)', 'changer: storage 1: CLN900L1 is gone', 'changer: storage 2: CLN900L1 appeared']);
  });

  it('reports an opened IE station or door', () => {
    expect(differences(world(), world({ importExport: { present: true, open: true, locked: false }, door: { present: true, open: true, locked: false } }))).to.deep.equal(['IE station open: false -> true', 'door open: false -> true']);
  });
});
