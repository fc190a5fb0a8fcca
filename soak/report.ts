/**
 * What `npm run soak` prints for each campaign, and the verdict lines that make it fail: one table per concept
 * (lanes, memory, kills, resources over time). Pure: results in, lines out.
 */
import type { CdbCampaignResult } from './cdb-campaign.js';
import type { ChurnCampaignResult } from './churn-campaign.js';
import type { KillCampaignResult } from './kill-campaign.js';
import { mib } from './proc-stats.js';

/** Printed lines and the failures among them. */
export interface Report {
  readonly lines: string[];
  readonly failures: string[];
}

function table(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

/** The CDB campaign: counts per lane, findings grouped, resident memory of each child. */
export function reportCdb(r: CdbCampaignResult, seed: number): Report {
  const failures: string[] = [];
  const lines = [`CDB campaign (seed ${seed}, ${r.seconds.toFixed(0)} s)`];
  if (r.libiscsiSkipped) failures.push(`libiscsi lane not run: ${r.libiscsiSkipped}`);
  const rows = [...r.verdicts.counts].map(([lane, n]) => [
    lane,
    n.commands,
    n.good,
    n.checkCondition,
    n.other,
    n.malformed,
    n.different,
    n.faults,
    (n.commands / r.seconds).toFixed(0),
  ]);
  lines.push(
    ...table(['lane', 'commands', 'GOOD', 'CHECK', 'other', 'malformed', 'different', 'faults', 'per s'], rows),
  );
  for (const f of r.verdicts.findings) {
    const line = `${f.kind} on ${f.lane}, opcode ${f.opcode.toString(16).padStart(2, '0')}h, ${f.count}x; first: ${f.text}`;
    failures.push(line.length > 2000 ? `${line.slice(0, 2000)}...` : line);
  }
  lines.push(
    ...table(
      ['child', 'RSS after warm-up MiB', 'RSS at end MiB', 'ratio', 'alive'],
      r.memory.map((m) => [
        m.lane,
        mib(m.warmRss),
        mib(m.endRss),
        (m.endRss / Math.max(1, m.warmRss)).toFixed(3),
        m.alive ? 'yes' : 'NO',
      ]),
    ),
  );
  for (const m of r.memory) {
    if (!m.alive) failures.push(`the ${m.lane} simulator died during the campaign`);
    else if (m.endRss > m.warmRss * 1.2)
      failures.push(
        `the ${m.lane} simulator's RSS grew from ${mib(m.warmRss)} MiB after warm-up to ${mib(m.endRss)} MiB (more than 20%)`,
      );
  }
  return { lines, failures };
}

/** The kill campaign's counts. */
export function reportKills(r: KillCampaignResult, seed: number): Report {
  const lines = [`kill campaign (seed ${seed}, ${r.seconds.toFixed(0)} s)`];
  lines.push(
    ...table(
      ['figure', 'count'],
      [
        ['kill -9 of a busy simulator', r.kills],
        ['restarts with the census exactly as predicted', r.censusesExact],
        ['of which the operator change in flight was applied', r.inFlightApplied],
        ['kills with 2 or more SCSI commands in flight', r.killsWithCommandsInFlight],
        ['kills with 2 or more MOVE MEDIUMs in flight', r.killsWithMovesInFlight],
        ['cartridges at the start', r.cartridges],
        ['SCSI commands completed before the kills', r.commands],
        ['MOVE MEDIUMs sent', r.moves],
        ['MOVE MEDIUMs answered GOOD', r.movesGood],
        ['operator actions', r.operatorActions],
        ['operator puts and takes acknowledged', r.contentChanges],
        ...Object.entries(r.operatorRefused).map(([code, n]) => [`operator actions refused: ${code}`, n]),
        ['kills aimed at a snapshot write', r.snapshotKills],
        ['of which inside the write (.tmp left behind)', r.snapshotKillsInsideWrite],
        ['cartridges of the snapshot library', r.snapshotCartridges],
      ],
    ),
  );
  const failures = [...r.failures];
  if (r.keptDirectory) lines.push(`state files kept for the failures: ${r.keptDirectory}`);
  if (r.censusesExact !== r.restarts)
    failures.push(`${r.restarts - r.censusesExact} of ${r.restarts} restarts lost or duplicated cartridges`);
  if (r.kills > 0 && (r.commands === 0 || r.movesGood === 0))
    failures.push('the load completed no command or no move before the kills: the campaign tested nothing');
  return { lines, failures };
}

/** The churn soak: resources over time, and whether they levelled off. */
export function reportChurn(r: ChurnCampaignResult, seed: number): Report {
  const c = r.counts;
  const lines = [
    `churn soak (seed ${seed}): ${c.logins} logins, ${c.commands} commands, ${c.garbageClients} refused clients holding their sockets`,
  ];
  const rows = [...r.samples, r.final].map((s, i) => [
    i === r.samples.length ? `${s.seconds} (end)` : String(s.seconds),
    mib(s.rssBytes),
    s.fds,
    s.logins,
    s.commands,
  ]);
  lines.push(...table(['seconds', 'RSS MiB', 'fds', 'logins', 'commands'], rows));
  lines.push(
    `warm-up sample: ${mib(r.warm.rssBytes)} MiB, ${r.warm.fds} fds; end: ${mib(r.final.rssBytes)} MiB, ${r.final.fds} fds`,
  );
  const failures = [...r.growth];
  if (!r.alive) failures.push('the simulator died during the soak');
  if (c.malformed > 0 || c.transportErrors > 0 || c.loginFailures > 0)
    failures.push(
      `${c.malformed} malformed answers, ${c.transportErrors} transport errors, ${c.loginFailures} failed logins: ${c.problems.join('; ')}`,
    );
  if (c.commands === 0) failures.push('no command completed: the soak tested nothing');
  return { lines, failures };
}
