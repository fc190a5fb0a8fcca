/**
 * `npm run soak`: the campaigns of issue 16 at the goal's scale, each bounded by flags (soak/flags.ts), printing
 * figures and, at the end, every failure; exit 1 if any campaign failed, 2 for a flag that cannot be used.
 * docs/reliability.md describes what is promised and how each campaign tests it.
 */
import os from 'node:os';
import { runCdbCampaign } from './cdb-campaign.js';
import { runChurnCampaign } from './churn-campaign.js';
import { FlagError, parseSoakFlags, type SoakFlags } from './flags.js';
import { runKillCampaign } from './kill-campaign.js';
import { childrenOf } from './proc-stats.js';
import { reportCdb, reportChurn, reportKills, type Report } from './report.js';
import { DIST_ENTRY, TSX_ENTRY } from './sim-process.js';

let flags: SoakFlags;
try {
  flags = parseSoakFlags(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof FlagError)) throw e;
  process.stderr.write(`soak: ${e.message}\n`);
  process.exit(2);
}

// Stopped from outside (Ctrl-C, kill): the simulators, socat and libiscsi clients this process started go too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of childrenOf(process.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    console.error(`soak: stopped by ${signal}; the campaigns' temporary directories under ${os.tmpdir()} may remain`);
    process.exit(130);
  });
}

const entry = flags.entry === 'dist' ? DIST_ENTRY : TSX_ENTRY;
const progress = (t: string) => console.log(t);
console.log(
  `changerbench soak: node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}, ${new Date().toISOString()}, seed ${flags.seed}`,
);
const reports: Report[] = [];
const show = (r: Report) => {
  for (const l of r.lines) console.log(l);
  console.log('');
  reports.push(r);
};
try {
  if (flags.only.has('cdb')) {
    console.log(
      `CDB campaign: ${flags.cdbs} CDBs per lane (libiscsi ${flags.libiscsiCdbs}), then ${flags.anyLengthCdbs} of any length 1-16 over serial and ${flags.longCdbs} of 17-260 bytes over iSCSI`,
    );
    const r = await runCdbCampaign({
      entry,
      fixture: flags.fixture,
      seed: flags.seed,
      cdbs: flags.cdbs,
      anyLengthCdbs: flags.anyLengthCdbs,
      longCdbs: flags.longCdbs,
      libiscsiCdbs: flags.libiscsiCdbs,
      warmup: Math.min(50_000, Math.ceil(flags.cdbs / 4)),
      progress,
    });
    show(reportCdb(r, flags.seed));
  }
  if (flags.only.has('kill')) {
    console.log(
      `kill campaign: ${flags.kills} kills of a busy simulator, ${flags.snapshotKills} aimed at snapshot writes`,
    );
    const r = await runKillCampaign({
      entry,
      fixture: flags.fixture,
      snapshotFixture: flags.snapshotFixture,
      seed: flags.seed,
      kills: flags.kills,
      snapshotKills: flags.snapshotKills,
      maxRunMs: flags.maxRunMs,
      progress,
    });
    show(reportKills(r, flags.seed));
  }
  if (flags.only.has('churn')) {
    console.log(`churn soak: ${flags.soakSeconds} s, ${flags.sessions} churning sessions`);
    const r = await runChurnCampaign({
      entry,
      fixture: flags.fixture,
      seed: flags.seed,
      seconds: flags.soakSeconds,
      sessions: flags.sessions,
      progress,
    });
    show(reportChurn(r, flags.seed));
  }
} catch (e) {
  console.error(`soak: a campaign could not run: ${(e as Error).message}`);
  process.exit(2);
}
const failures = reports.flatMap((r) => r.failures);
if (failures.length === 0)
  console.log('soak: no malformed or different answer, no hang, no lost cartridge, resources bounded');
else {
  console.log(`soak: ${failures.length} failures:`);
  for (const f of failures) console.log(`  ${f}`);
  process.exitCode = 1;
}
