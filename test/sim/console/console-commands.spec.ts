/**
 * The console's lines, derived from the operation table: each reads its words into the operation's arguments as
 * the console always has (hex sense bytes, cartridge words, the cleaning kind of a hidden slot), and a line that
 * names a known verb but no form of it gets the usage of every form of that verb.
 * Design: docs/architecture.md 4 (a control operation).
 */
import { expect } from 'chai';
import { bindOperations, type ControlOperation } from '../../../sim/control/control-client.js';
import { ConsoleUsageError, parseConsoleLine } from '../../../sim/console/console-commands.js';

async function callOf(line: string): Promise<{ name: ControlOperation; args: readonly unknown[]; text: string }> {
  const calls: { name: ControlOperation; args: readonly unknown[] }[] = [];
  const client = bindOperations(async (name, args) => {
    calls.push({ name, args });
    return { ok: true, value: name.startsWith('put') ? { volumeTag: 'T' } : null };
  });
  const action = parseConsoleLine(line, async () => 'status');
  if (action.kind !== 'run') throw new Error(`${line}: parsed as ${action.kind}`);
  const text = await action.run(client);
  const [call] = calls;
  if (!call || calls.length !== 1) throw new Error(`${line}: ${calls.length} calls`);
  return { ...call, text };
}

describe('sim console lines', () => {
  it('reads each line into its operation and positional arguments', async () => {
    expect(await callOf('magazine put left 0x1001 NEW001L8 cleaning 5')).to.deep.equal({
      name: 'putIntoMagazine',
      args: ['left', 4097, { volumeTag: 'NEW001L8', kind: 'cleaning', usesRemaining: 5 }],
      text: 'put into magazine left element 4097: T',
    });
    expect(await callOf('hidden put 1 CLN001L1 3')).to.deep.include({
      name: 'putIntoHiddenSlot',
      args: [1, { volumeTag: 'CLN001L1', kind: 'cleaning', usesRemaining: 3 }],
    });
    expect(await callOf('fault command 4/15/01 a5')).to.deep.include({
      name: 'failNextCommand',
      args: [{ key: 4, asc: 0x15, ascq: 1, opcode: 0xa5 }],
    });
    expect(await callOf('fault move')).to.deep.include({
      name: 'failNextMove',
      args: ['positioning'],
      text: 'next move fails (positioning): ok',
    });
    expect(await callOf('drive 256 needs-cleaning off')).to.deep.include({
      name: 'setDriveNeedsCleaning',
      args: [256, false],
      text: 'drive 256 needs cleaning off: ok',
    });
    expect(await callOf('offline')).to.deep.include({ name: 'setOnline', args: [false] });
    expect(await callOf('door open  # a comment')).to.deep.include({
      name: 'openDoor',
      args: [],
      text: 'door opened: ok',
    });
  });

  it('names the word that is wrong, or every form of a verb it does not recognise', () => {
    const usage = (line: string) => () => parseConsoleLine(line, async () => '');
    expect(usage('door frob')).to.throw(
      ConsoleUsageError,
      'usage: door open | door close | door take ADDR | door put ADDR TAG [K] [N]',
    );
    expect(usage('magazine take left x')).to.throw(
      ConsoleUsageError,
      'address: expected a non-negative integer, got "x"',
    );
    expect(usage('ie put 16')).to.throw(ConsoleUsageError, 'missing volume tag');
    expect(usage('fault command 4/15')).to.throw(ConsoleUsageError, /usage: fault command KEY\/ASC\/ASCQ/);
    expect(usage('fault command 4/zz/00')).to.throw(ConsoleUsageError, 'ASC: expected a hex byte, got "zz"');
    expect(usage('slow 0')).to.throw(ConsoleUsageError, /^slow: factor must be a number from/);
    expect(usage('drive 256 clean')).to.throw(ConsoleUsageError, 'usage: drive ADDR needs-cleaning on|off');
    expect(usage('frobnicate')).to.throw(ConsoleUsageError, 'unknown command "frobnicate" (type help)');
  });
});
