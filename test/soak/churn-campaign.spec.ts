/**
 * The churn soak of `npm run soak` at CI scale (docs/reliability.md 4): 30 s of sessions logging in and out, a
 * serial session, and refused clients holding their sockets; the child's descriptors and resident memory level
 * off, every answer is well-formed, nothing hangs or dies.
 */
import { expect } from 'chai';
import { runChurnCampaign } from '../../soak/churn-campaign.js';
import { reportChurn } from '../../soak/report.js';
import { freshestEntry } from '../../soak/sim-process.js';
import { socatMissingReason } from '../support/pty-pair.js';

const SEED = Number(process.env.CHANGERBENCH_SOAK_SEED ?? 0x5eed_16);
const skip = socatMissingReason();

describe(`soak (bounded): connect/disconnect churn${skip ? ` [${skip}]` : ''}`, function () {
  this.timeout(300_000);
  before(function () {
    if (skip) this.skip();
  });

  it(`30 s of churn: descriptors and RSS level off (seed ${SEED})`, async () => {
    const r = await runChurnCampaign({ entry: freshestEntry(), fixture: 'ibm-ts3100', seed: SEED, seconds: 30 });
    const report = reportChurn(r, SEED);
    expect(report.failures, [...report.lines, ...report.failures].join('\n')).to.deep.equal([]);
    expect(r.counts.logins, 'sessions came and went').to.be.greaterThan(4);
    expect(r.counts.garbageClients).to.be.greaterThan(0);
  });
});
