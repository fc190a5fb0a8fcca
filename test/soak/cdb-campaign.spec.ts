/**
 * The CDB campaign of `npm run soak` at CI scale (docs/reliability.md 2): 20,000 random CDBs through our iSCSI
 * initiator, the serial initiator over a socat PTY pair and libiscsi, each against its own `sim serve` child
 * (the compiled CLI when dist/ is up to date, else the sources through tsx), then 1,000 of any length over
 * serial and 1,000 long ones over iSCSI. Fails
 * on any malformed answer, any answer different from the in-process simulator's, any hang, a dead simulator, or
 * resident memory 20% above its warm-up figure.
 */
import { expect } from 'chai';
import { runCdbCampaign } from '../../soak/cdb-campaign.js';
import { reportCdb } from '../../soak/report.js';
import { freshestEntry } from '../../soak/sim-process.js';
import { socatMissingReason } from '../support/pty-pair.js';

const SEED = Number(process.env.CHANGERBENCH_SOAK_SEED ?? 0x5eed_16);
const CDBS = 20_000;
const skip = socatMissingReason();

describe(`soak (bounded): random CDBs across transports${skip ? ` [${skip}]` : ''}`, function () {
  this.timeout(600_000);
  before(function () {
    if (skip) this.skip();
  });

  it(`${CDBS} CDBs per transport, every answer well-formed and the same as in-process (seed ${SEED})`, async () => {
    const r = await runCdbCampaign({
      entry: freshestEntry(),
      fixture: 'ibm-ts3100',
      seed: SEED,
      cdbs: CDBS,
      anyLengthCdbs: 1000,
      longCdbs: 1000,
      libiscsiCdbs: CDBS,
      warmup: CDBS / 4,
    });
    const report = reportCdb(r, SEED);
    expect(report.failures, [...report.lines, ...report.failures].join('\n')).to.deep.equal([]);
    expect(r.verdicts.counts.get('iscsi')?.commands).to.equal(CDBS + 1000);
    expect(r.verdicts.counts.get('serial')?.commands).to.equal(CDBS + 1000);
    expect(r.verdicts.counts.get('libiscsi')?.commands).to.equal(CDBS);
    expect(r.memory.map((m) => m.lane)).to.have.members(['iscsi', 'serial', 'libiscsi']);
  });
});
