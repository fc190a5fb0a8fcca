/**
 * Tests of the "nothing changed" comparison: each kind of change a failed call must not make is reported, and
 * equal snapshots give none. Spec: conformance/harness/observation/observe.ts.
 */
import { expect } from 'chai';
import type { CartridgeView, LibraryRequestView, LibraryView } from '../../rsm/index.js';
import type { ChangerContents, ElementReading } from '../../conformance/harness/observation/changer-probe.js';
import { differences, type World } from '../../conformance/harness/observation/observe.js';

function contents(elements: ElementReading[]): ChangerContents {
  return {
    elements,
    labelled: elements.some((e) => e.full && e.volumeTag !== ''),
    find: (tag) => elements.find((e) => e.volumeTag === tag),
    at: (a) => elements.find((e) => e.address === a),
    describe: (a) => `element ${a}`,
  };
}

const el = (address: number, tag: string): ElementReading => ({
  kind: 'storage',
  address,
  full: tag !== '',
  access: true,
  except: false,
  disabled: false,
  asc: 0,
  ascq: 0,
  volumeTag: tag,
  cleaning: false,
});

function world(overrides: Partial<World> = {}, library: Partial<LibraryView> = {}): World {
  return {
    at: 0,
    library: {
      cleanerSlot: 'slot-1',
      cleanerPresent: true,
      cleanerUsesRemaining: 25,
      enabled: true,
      online: true,
      offlineReason: 'none',
      flags: 2,
      slots: [{ id: 'slot-1', address: 1, number: 0, state: 1 }],
      iePorts: [{ id: 'port-1', address: 9, content: 2, position: 2, maxExtendSecs: 60 }],
      doors: [{ id: 'door-1', state: 1, locked: true, maxOpenSecs: 300 }],
      ...library,
    } as LibraryView,
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
    const d = differences(
      world(),
      world({}, { cleanerSlot: 'slot-2', cleanerPresent: false, cleanerUsesRemaining: 0, enabled: false }),
    );
    expect(d).to.deep.equal([
      'reservation changed: slot-1 -> slot-2',
      'CLEANERPRESENT changed: true -> false',
      'dwCleanerUsesRemaining changed: 25 -> 0',
      'library Enabled changed: true -> false',
    ]);
  });

  it('reports a new library request and a moved cartridge', () => {
    const req = { id: 'r1', operationName: 'NTMS_LM_EJECTCLEANER', stateName: 'NTMS_LM_QUEUED' } as LibraryRequestView;
    const d = differences(world(), world({ requests: [req], changer: contents([el(1, ''), el(2, 'CLN900L1')]) }));
    expect(d).to.deep.equal([
      'new library request NTMS_LM_EJECTCLEANER r1 (NTMS_LM_QUEUED)',
      'changer: storage 1: CLN900L1 is gone',
      'changer: storage 2: CLN900L1 appeared',
    ]);
  });

  it('reports a library request that disappeared', () => {
    const req = { id: 'r1', operationName: 'NTMS_LM_EJECTCLEANER', stateName: 'NTMS_LM_QUEUED' } as LibraryRequestView;
    expect(differences(world({ requests: [req] }), world())).to.deep.equal([
      'library request NTMS_LM_EJECTCLEANER r1 (NTMS_LM_QUEUED) disappeared',
    ]);
  });

  it('reports an opened IE station or door', () => {
    expect(
      differences(
        world(),
        world({
          importExport: { present: true, open: true, locked: true },
          door: { present: true, open: true, locked: false },
        }),
      ),
    ).to.deep.equal(['IE station open: false -> true', 'door open: false -> true']);
  });

  it('reports a changed lock (PREVENT), when both snapshots read it', () => {
    expect(differences(world(), world({ importExport: { present: true, open: false, locked: false } }))).to.deep.equal([
      'IE station locked: true -> false',
    ]);
    expect(
      differences(world(), world({ importExport: { present: true, open: false, locked: undefined } })),
    ).to.deep.equal([]);
  });

  it('reports a state change of a request that already existed, and of an operator request', () => {
    const req = (stateName: string, dwErrorCode = 0) =>
      ({ id: 'r1', operationName: 'NTMS_LM_EJECTCLEANER', stateName, dwErrorCode }) as LibraryRequestView;
    expect(
      differences(world({ requests: [req('NTMS_LM_WAITING')] }), world({ requests: [req('NTMS_LM_FAILED', 1460)] })),
    ).to.deep.equal(['library request r1 changed: NTMS_LM_WAITING (0) -> NTMS_LM_FAILED (1460)']);
    const op = (stateName: string) =>
      ({ id: 'o1', commandName: 'NTMS_OPREQ_MESSAGE', message: 'm', stateName }) as World['operatorRequests'][number];
    expect(
      differences(
        world({ operatorRequests: [op('NTMS_OPSTATE_SUBMITTED')] }),
        world({ operatorRequests: [op('NTMS_OPSTATE_COMPLETE')] }),
      ),
    ).to.deep.equal(['operator request o1 changed: NTMS_OPSTATE_SUBMITTED -> NTMS_OPSTATE_COMPLETE']);
  });

  it('reports changed slot, IE port, door and online records', () => {
    const d = differences(
      world(),
      world(
        {},
        {
          online: false,
          offlineReason: 'link-lost',
          slots: [{ id: 'slot-1', address: 1, number: 0, state: 3 }],
          iePorts: [{ id: 'port-1', address: 9, content: 1, position: 1, maxExtendSecs: 60 }],
          doors: [{ id: 'door-1', state: 1, locked: false, maxOpenSecs: 300 }],
        },
      ),
    );
    expect(d).to.deep.equal([
      'library online changed: true -> false',
      'library offline reason changed: none -> link-lost',
      'slot record slot-1 changed: address 1 state 1 -> address 1 state 3',
      'IE port record port-1 changed: address 9 content 2 position 2 MaxExtendSecs 60 -> address 9 content 1 position 1 MaxExtendSecs 60',
      'door record door-1 changed: state 1 locked MaxOpenSecs 300 -> state 1 unlocked MaxOpenSecs 300',
    ]);
  });

  it('the very same rows and contents in both snapshots differ in nothing; one row replaced still shows', () => {
    const slots = [
      { id: 'slot-1', address: 1, number: 0, state: 1 },
      { id: 'slot-2', address: 2, number: 1, state: 1 },
    ];
    const changer = contents([el(1, 'CLN900L1'), el(2, '')]);
    const shared = world({ changer }, { slots });
    expect(differences(shared, world({ changer }, { slots }))).to.deep.equal([]);
    const replaced = [slots[0]!, { id: 'slot-2', address: 2, number: 1, state: 3 }];
    expect(differences(shared, world({ changer }, { slots: replaced }))).to.deep.equal([
      'slot record slot-2 changed: address 2 state 1 -> address 2 state 3',
    ]);
    expect(differences(shared, world({ changer: contents([el(1, ''), el(2, '')]) }, { slots }))).to.deep.equal([
      'changer: storage 1: CLN900L1 is gone',
    ]);
  });

  it('records in the same order with one replaced report that one; a duplicated id is compared as before', () => {
    const slot = (id: string, state: number) => ({ id, address: Number(id.slice(5)), number: 0, state });
    const before = [slot('slot-1', 1), slot('slot-2', 1), slot('slot-3', 1)];
    expect(
      differences(world({}, { slots: before }), world({}, { slots: [before[0]!, slot('slot-2', 2), before[2]!] })),
    ).to.deep.equal(['slot record slot-2 changed: address 2 state 1 -> address 2 state 2']);
    // two rows under one id: the last one's line stands for it, as the id maps have it
    const twice = [slot('slot-1', 1), slot('slot-1', 2)];
    expect(
      differences(world({}, { slots: twice }), world({}, { slots: [slot('slot-1', 5), twice[1]!] })),
    ).to.deep.equal([]);
  });

  it("reports the offline library's contents, not only its count", () => {
    const medium = (id: string, barcode: string) =>
      ({
        id,
        library: 'offline',
        inOfflineLibrary: true,
        location: null,
        barcode,
        kind: 'data',
        leavingRequest: null,
      }) as CartridgeView;
    const d = differences(
      world({ offline: [medium('m1', 'DAT001L5')] }),
      world({ offline: [medium('m2', 'DAT002L5')] }),
    );
    expect(d).to.deep.equal([
      'offline library medium m1 is gone (data DAT001L5 at no element)',
      'offline library medium m2 appeared (data DAT002L5 at no element)',
    ]);
  });

  it('without volume tags, a move shows as fullness and the SVALID source address', () => {
    const bare = (address: number, full: boolean, sourceAddress?: number): ElementReading => ({
      ...el(address, ''),
      full,
      ...(sourceAddress === undefined ? {} : { sourceAddress }),
    });
    const d = differences(
      world({ changer: contents([bare(1, true), bare(2, false)]) }),
      world({ changer: contents([bare(1, false), bare(2, true, 1)]) }),
    );
    expect(d).to.deep.equal([
      'changer: storage 1: (no label) is gone',
      'changer: storage 2: (no label) (from 1) appeared',
    ]);
  });
});
