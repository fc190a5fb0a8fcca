/**
 * Found by the kill campaign of `npm run soak` (docs/reliability.md 3): a cartridge the operator put into the
 * import/export station is in the gripper, still flagged as imported, while the robot moves it out; a crash at
 * that moment leaves a journal record with the cartridge at the transport element, picked from the station, with
 * placedByOperator set. The state checks refused that file ("only a cartridge in an import/export element can
 * have been put there by the operator"), so the simulator would not start again. It must load, and the cartridge
 * goes back to the station it was picked from. Spec: SMC-3 6.10 (IMPEXP, docs/smc-reference.md 1.3),
 * docs/simulator.md "Persistence".
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../../common/clock/clock.js';
import { encodeMoveMediumCdb, encodeTestUnitReadyCdb } from '../../../scsi/codec/index.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';
import { journalStateFile } from '../../../sim/persistence/journal-store.js';

describe('sim persistence: an imported cartridge in the gripper at a crash', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'chb-imported-mid-move-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('restarts from the journal of a move out of the import/export station cut short', async () => {
    const statePath = join(dir, 'library.json');
    const personality = loadPersonality('ibm-ts3100');
    const clock = new VirtualClock();
    const first = new SimulatedChanger(personality, {
      clock,
      stateStore: journalStateFile(statePath),
      startReady: true,
    });
    await clock.runUntil(first.execute('host', encodeTestUnitReadyCdb()));
    const ie = first.control.status().elements.find((e) => e.type === 'importExport')!;
    expect(first.control.openImportExport().ok).to.equal(true);
    expect(first.control.putIntoImportExport(ie.address, { volumeTag: 'IMPORT1L' }).ok).to.equal(true);
    expect(first.control.closeImportExport().ok).to.equal(true);
    // Closing the station starts its inventory and raises 06h/28h/01h: let both pass.
    await clock.runUntil(first.whenSettled());
    for (let i = 0; i < 3; i++) await clock.runUntil(first.execute('host', encodeTestUnitReadyCdb()));
    const slot = first.control.status().elements.find((e) => e.type === 'storage' && !e.cartridge && e.accessible)!;
    let moveStatus: number | undefined;
    void first
      .execute(
        'host',
        encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: ie.address, destinationAddress: slot.address }),
      )
      .then((r) => (moveStatus = r.status));
    const inGripper = () =>
      first.control.status().elements.find((e) => e.type === 'transport')?.cartridge?.volumeTag === 'IMPORT1L';
    for (let i = 0; i < 10_000 && !inGripper(); i++) await clock.advanceBy(1);
    expect(inGripper(), `the robot picked the imported cartridge (move status ${moveStatus})`).to.equal(true);
    // The crash: the state file stays as the journal left it, the move never finishes.
    first.close();

    const second = new SimulatedChanger(personality, {
      clock: new VirtualClock(),
      stateStore: journalStateFile(statePath),
      startReady: true,
    });
    try {
      const back = second.control.status().elements.find((e) => e.cartridge?.volumeTag === 'IMPORT1L');
      expect(back?.address, 'back in the station it was picked from').to.equal(ie.address);
    } finally {
      second.close();
    }
  });
});
