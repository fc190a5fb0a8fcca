/**
 * Allure's overview facts, written into allure-results from the run's identity: `environment.properties` (the
 * Environment widget: one `key=value` line per fact, in Java properties syntax) and `executor.json` (the Executor
 * widget: who ran it, which build). Format: Allure 2 documentation "Environment" and "Executor"; Java
 * Properties.store escaping (backslash, '=', ':', '#', '!', line breaks, non-Latin-1 as \\uXXXX).
 */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { identityProperties, type LibraryIdentity, type RunProvenance } from './run-identity.js';

const escapeKey = (s: string) => escapeValue(s).replace(/ /g, '\\ ');

function escapeValue(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === '=' || ch === ':' || ch === '#' || ch === '!') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c > 0x7e)
      out += [...ch].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    else out += ch;
  }
  return out.replace(/^ /, '\\ ');
}

/** The text of environment.properties. */
export function environmentProperties(p: RunProvenance, libraries: readonly LibraryIdentity[]): string {
  return (
    identityProperties(p, libraries)
      .filter(([k]) => !k.startsWith('policy.'))
      .map(([k, v]) => `${escapeKey(k)}=${escapeValue(v)}`)
      .join('\n') + '\n'
  );
}

/** The content of executor.json. */
export function executorJson(p: RunProvenance): Record<string, string> {
  return {
    name: `${p.tool.name} ${p.tool.version}`,
    type: 'changerbench',
    buildName: `run ${p.runId.slice(0, 16)}${p.shard ? ` shard ${p.shard.index}/${p.shard.count}` : ''} (commit ${p.tool.commit.slice(0, 12)})`,
    reportName: `EjectNtmsCleaner conformance: ${p.target}`,
  };
}

/** Writes both files into `resultsDir`. */
export function writeAllureEnvironment(
  resultsDir: string,
  p: RunProvenance,
  libraries: readonly LibraryIdentity[],
): void {
  writeFileAtomic(join(resultsDir, 'environment.properties'), environmentProperties(p, libraries));
  writeFileAtomic(join(resultsDir, 'executor.json'), `${JSON.stringify(executorJson(p), null, 2)}\n`);
}
