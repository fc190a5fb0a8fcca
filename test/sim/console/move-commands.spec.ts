/**
 * The console's panel moves (`move`, `load`, `unload`) with element addresses and mtx numbers, the operator move
 * behind them (refusals, the robot's queue, 06/28/00 for hosts), and `status` with both numbers side by side.
 */
import { expect } from 'chai';
import { Readable } from 'node:stream';
import { ScaledClock } from '../../../common/clock/clock.js';
import { Asc, encodeTestUnitReadyCdb } from '../../../scsi/codec/index.js';
import { localControlClient } from '../../../sim/control/control-client.js';
import { runConsole } from '../../../sim/console/run-console.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';

describe('sim/console move, load, unload', () => {
  let changer: SimulatedChanger;

  beforeEach(() => {
    changer = new SimulatedChanger(loadPersonality('ibm-ts3100'), { clock: new ScaledClock(1e6), startReady: true });
  });

  afterEach(() => changer.close());

  async function console(lines: string[]): Promise<{ out: string[]; failures: number }> {
    const out: string[] = [];
    const failures = await runConsole(localControlClient(changer.control), {
      input: Readable.from(lines.map((l) => `${l}\n`)),
      write: (t) => out.push(...t.split('\n').filter(Boolean)),
    });
    return { out, failures };
  }

  const tagAt = (address: number) =>
    changer.control.status().elements.find((e) => e.address === address)?.cartridge?.volumeTag ?? null;

  it('loads and unloads with mtx numbers, back to the source slot by default', async () => {
    const { out, failures } = await console(['load 5 0', 'unload 0', 'load 5 1', 'unload d1 s24']);
    expect(out).to.deep.equal([
      'moved TLA005L5: 4100 (slot 5) → 256 (drive 0)',
      'moved TLA005L5: 256 (drive 0) → 4100 (slot 5)',
      'moved TLA005L5: 4100 (slot 5) → 257 (drive 1)',
      'moved TLA005L5: 257 (drive 1) → 16 (slot 24)',
    ]);
    expect(failures).to.equal(0);
    expect(tagAt(16)).to.equal('TLA005L5');
  });

  it('moves by element address, @address or mtx numbers, and refuses what the library would', async () => {
    changer.control.pullMagazine('right');
    const { out, failures } = await console([
      'move 4096 257',
      'move d1 @4104',
      'load @4097 d0',
      'load 1 0',
      'move 4098 4107',
      'move 4104 4105 4106',
      'load 99 0',
      'unload 1',
    ]);
    expect(out.slice(0, 3)).to.deep.equal([
      'moved TLA001L5: 4096 (slot 1) → 257 (drive 1)',
      'moved TLA001L5: 257 (drive 1) → 4104 (slot 9)',
      'moved TLA002L5: 4097 (slot 2) → 256 (drive 0)',
    ]);
    expect(out[3]).to.equal('refused (ELEMENT_EMPTY): element 4096 is empty');
    expect(out[4]).to.equal('refused (MAGAZINE_PULLED): element 4107 is in a pulled magazine');
    expect(out[5]).to.match(/^error: usage: move FROM TO/);
    expect(out[6]).to.equal('error: no element at address 99');
    expect(out[7]).to.equal('refused (ELEMENT_EMPTY): element 257 (drive 1) is empty');
    expect(failures).to.equal(5);
  });

  it('tells hosts that media may have changed (06/28/00) and queues behind the robot', async () => {
    const host = 'iqn.test:host';
    await changer.execute(host, encodeTestUnitReadyCdb()); // 29/00 consumed
    const r = await changer.control.moveMedium(4096, 256);
    expect(r).to.deep.include({ ok: true });
    expect(changer.core.nexuses.get(host).unitAttentions).to.deep.equal([
      Asc.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED,
    ]);
    const both = await Promise.all([changer.control.moveMedium(256, 4096), changer.control.moveMedium(4096, 257)]);
    expect(both.map((x) => x.ok)).to.deep.equal([true, true]);
    expect(tagAt(257)).to.equal('TLA001L5');
    expect(await changer.control.moveMedium(1, 4096)).to.include({ ok: false, code: 'INVALID_ARGUMENT' });
    changer.control.openDoor();
    expect(await changer.control.moveMedium(257, 4096)).to.include({ ok: false, code: 'DOOR_OPEN' });
  });

  it('prints mtx numbers beside addresses in status', async () => {
    const { out } = await console(['status all']);
    expect(out).to.include.members([
      'storage 4100 slot 5 [left]: TLA005L5',
      'importExport 16 slot 24 [left]: empty',
      'dataTransfer 257 drive 1: empty',
    ]);
    expect(out).to.include('Drive 256 (mtx drive 0, serial 1068000101): empty');
  });
});
