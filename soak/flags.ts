/**
 * The flags of `npm run soak`, each bounding a campaign; a bad flag is one line and exit 2. Defaults are the
 * scale of issue 16: 1,000,000 CDBs per transport, 1,000 kills, an hour of churn.
 */

/** What to run, and how much. */
export interface SoakFlags {
  readonly only: ReadonlySet<'cdb' | 'kill' | 'churn'>;
  readonly seed: number;
  readonly fixture: string;
  readonly entry: 'dist' | 'tsx';
  readonly cdbs: number;
  readonly anyLengthCdbs: number;
  readonly longCdbs: number;
  readonly libiscsiCdbs: number;
  readonly kills: number;
  readonly snapshotKills: number;
  readonly snapshotFixture: string;
  readonly maxRunMs: number;
  /** Length of the churn soak (--soak-minutes, or --soak-seconds for short runs). */
  readonly soakSeconds: number;
  readonly sessions: number;
}

/** A flag that cannot be used. */
export class FlagError extends Error {}

export const SOAK_USAGE = `usage: npm run soak -- [--only cdb,kill,churn] [--seed N] [--fixture ID] [--entry dist|tsx]
  [--cdbs N] [--any-length-cdbs N] [--long-cdbs N] [--libiscsi-cdbs N]
  [--kills N] [--snapshot-kills N] [--snapshot-fixture ID] [--max-run-ms N]
  [--soak-minutes N | --soak-seconds N] [--sessions N]`;

const CAMPAIGNS = ['cdb', 'kill', 'churn'] as const;

/** Parses argv (after the script name). */
export function parseSoakFlags(argv: readonly string[]): SoakFlags {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) throw new FlagError(`unexpected argument ${JSON.stringify(a)}`);
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new FlagError(`--${name} needs a value`);
    if (given.has(name)) throw new FlagError(`--${name} was given more than once`);
    given.set(name, value);
  }
  const count = (name: string, fallback: number, max = 1e9): number => {
    const text = given.get(name);
    given.delete(name);
    if (text === undefined) return fallback;
    const n = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 0 || n > max)
      throw new FlagError(`--${name}: expected a whole number from 0 to ${max}, got ${JSON.stringify(text)}`);
    return n;
  };
  const text = (name: string, fallback: string): string => {
    const v = given.get(name);
    given.delete(name);
    return v ?? fallback;
  };
  const onlyText = text('only', CAMPAIGNS.join(','));
  const only = new Set(onlyText.split(',').map((s) => s.trim()));
  for (const o of only)
    if (!(CAMPAIGNS as readonly string[]).includes(o))
      throw new FlagError(`--only: unknown campaign ${JSON.stringify(o)} (known: ${CAMPAIGNS.join(', ')})`);
  const entry = text('entry', 'dist');
  if (entry !== 'dist' && entry !== 'tsx')
    throw new FlagError(`--entry: expected dist or tsx, got ${JSON.stringify(entry)}`);
  const cdbs = count('cdbs', 1_000_000);
  const flags: SoakFlags = {
    only: only as Set<'cdb' | 'kill' | 'churn'>,
    seed: count('seed', 0x5eed_16, 0xffff_ffff),
    fixture: text('fixture', 'ibm-ts3100'),
    entry,
    cdbs,
    anyLengthCdbs: count('any-length-cdbs', Math.round(cdbs / 10)),
    longCdbs: count('long-cdbs', Math.round(cdbs / 10)),
    libiscsiCdbs: count('libiscsi-cdbs', cdbs),
    kills: count('kills', 1000),
    snapshotKills: count('snapshot-kills', 100),
    snapshotFixture: text('snapshot-fixture', 'large-library-20k'),
    maxRunMs: count('max-run-ms', 1500, 3_600_000),
    soakSeconds: given.has('soak-seconds') ? count('soak-seconds', 0, 86_400) : count('soak-minutes', 60, 24 * 60) * 60,
    sessions: count('sessions', 4, 64),
  };
  if (given.has('soak-minutes')) throw new FlagError('give --soak-minutes or --soak-seconds, not both');
  const unknown = [...given.keys()];
  if (unknown.length > 0) throw new FlagError(`unknown flag --${unknown[0]}\n${SOAK_USAGE}`);
  if (flags.libiscsiCdbs > flags.cdbs)
    throw new FlagError(`--libiscsi-cdbs (${flags.libiscsiCdbs}) cannot exceed --cdbs (${flags.cdbs})`);
  return flags;
}
