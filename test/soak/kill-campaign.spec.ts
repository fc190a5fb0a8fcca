/**
 * The kill campaign of `npm run soak` at CI scale (docs/reliability.md 3): 20 SIGKILLs of a busy `sim serve
 * --state` (8 commands in flight, moves, an operator on the control endpoint) and 2 aimed at the snapshot write
 * of the 20,000-slot library; after every restart the census of volume tags is exactly the predicted one, and
 * most kills land with several commands (and MOVE MEDIUMs) in flight.
 */
import { expect } from 'chai';
import { runKillCampaign } from '../../soak/kill-campaign.js';
import { reportKills } from '../../soak/report.js';
import { freshestEntry } from '../../soak/sim-process.js';

const SEED = Number(process.env.CHANGERBENCH_SOAK_SEED ?? 0x5eed_16);

describe('soak (bounded): kill -9 of a busy simulator with --state', function () {
  this.timeout(600_000);

  it(`20 kills under load and 2 aimed at snapshot writes lose or duplicate no cartridge (seed ${SEED})`, async () => {
    const r = await runKillCampaign({
      entry: freshestEntry(),
      fixture: 'ibm-ts3100',
      snapshotFixture: 'large-library-20k',
      seed: SEED,
      kills: 20,
      snapshotKills: 2,
      maxRunMs: 800,
    });
    const report = reportKills(r, SEED);
    expect(report.failures, [...report.lines, ...report.failures].join('\n')).to.deep.equal([]);
    expect(r.restarts).to.equal(20);
    expect(r.censusesExact).to.equal(20);
    expect(r.snapshotKills).to.equal(2);
    expect(r.movesGood, 'the robot moved cartridges before the kills').to.be.greaterThan(0);
    // The kills land on a busy simulator: several commands (and moves, queued for the robot) in flight, not between them.
    expect(r.killsWithCommandsInFlight, 'kills with 2 or more commands in flight').to.be.at.least(10);
    expect(r.killsWithMovesInFlight, 'kills with 2 or more MOVE MEDIUMs in flight').to.be.at.least(5);
  });
});
