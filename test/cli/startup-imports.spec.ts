/**
 * What `changerbench status --fixture NAME` loads before it prints: the entry, yargs, the status command's module
 * and what it imports statically; never the fixture schema (zod), the state file's code, the control operation
 * table, the wire transports or the service's logger (docs/simulator.md "Start-up": each of them costs start-up
 * time, and each loads on demand when a run needs it).
 */
import { expect } from 'chai';
import { reachable } from '../support/import-graph.js';

/** The modules the entry loads for `status`: cli/changerbench.ts imports build-cli and cli-io, which loads status. */
const STATUS_ENTRIES = ['cli/changerbench.ts', 'cli/build-cli.ts', 'cli/cli-io.ts', 'cli/status-command.ts'];

/** Modules `status --fixture` must not load at start, with what they are. */
const NOT_AT_START: Record<string, string> = {
  zod: 'the schema library (fixture, state file and control argument schemas)',
  'sim/personality/load-personality.ts': 'the full fixture loader (loaded when a fixture misses the cache)',
  'sim/personality/fixture-schema.ts': 'the fixture schema',
  'sim/persistence/journal-store.ts': 'the state file (injected by sim serve and sim console)',
  'sim/persistence/state-format.ts': 'the state file schema',
  'sim/control/operation-table.ts': 'the control operation table and its argument schemas',
  'cli/open-wire-target.ts': 'the wire transports (loaded for an iscsi:, serial: or sg: URL)',
  'scsi/transport/target-url.ts': 'the target URL parsers (loaded for --target)',
  pino: 'the service logger',
  serialport: 'the serial port binding',
  koffi: 'the sg: binding',
};

describe('changerbench start-up: what status --fixture loads', () => {
  const graph = reachable(STATUS_ENTRIES);

  it('loads yargs, the personality cache and the simulator', () => {
    for (const id of ['yargs', 'sim/personality/personality-cache.ts', 'sim/changer/simulated-changer.ts'])
      expect(graph.has(id), id).to.equal(true);
  });

  for (const [id, what] of Object.entries(NOT_AT_START))
    it(`does not load ${id} (${what})`, () => {
      const hit = graph.get(id);
      expect(hit, hit === undefined ? '' : `${id} is loaded through ${hit.via.join(' -> ')}`).to.equal(undefined);
    });

  it('sees what it checks for where it is imported (the check can fail)', () => {
    expect(reachable(['sim/personality/load-personality.ts']).has('zod')).to.equal(true);
    expect(reachable(['sim/service/serve.ts']).has('sim/persistence/journal-store.ts')).to.equal(true);
    expect(reachable(['cli/fixtures-command.ts']).has('sim/personality/fixture-schema.ts')).to.equal(true);
  });
});
