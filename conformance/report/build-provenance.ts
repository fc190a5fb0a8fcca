/**
 * Builds a run's provenance record (run-identity.ts) from the facts at hand, and its configuration hash: SHA-256
 * over the canonical JSON of what makes two runs the same run (tool version and commit, target, code profile,
 * policies, the return paths, the libraries and their model files' digests, the operator kind, --grep, the time
 * scale, the shard count). Shards of one run share the hash, so `report merge` can refuse shards that differ.
 */
import { hideCredentials } from '../../scsi/transport/iscsi/initiator/iscsi-url.js';
import { parseTargetUrl } from '../../scsi/transport/target-url.js';
import { canonicalDigest } from './canonical-json.js';
import type { HostFacts, ToolFacts } from './provenance.js';
import type { LibraryIdentity, OperatorKind, RunProvenance } from './run-identity.js';
import type { Shard } from './shard.js';

/** What the provenance is built from. */
export interface ProvenanceInput {
  readonly tool: ToolFacts;
  readonly host: HostFacts;
  readonly targetUrl: string;
  readonly targetDescription: string;
  readonly control?: string | undefined;
  readonly operatorKind?: OperatorKind | undefined;
  readonly operatorName?: string | undefined;
  readonly operatorDescription: string;
  readonly codeProfile: string;
  readonly policies: Readonly<Record<string, string | number | boolean>>;
  readonly pathIds: readonly string[];
  readonly libraries: readonly LibraryIdentity[];
  readonly grep?: string | undefined;
  readonly timeScale?: number | undefined;
  readonly shard?: Shard | undefined;
  readonly runId?: string | undefined;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly interrupted?: boolean | undefined;
}

/** The operator kind a target has when nobody says otherwise: the simulator's control API, or no one. */
export function defaultOperatorKind(targetUrl: string, control: string | undefined): OperatorKind {
  try {
    const kind = parseTargetUrl(targetUrl).kind;
    return kind === 'sim' || control !== undefined ? 'sim' : 'none';
  } catch {
    return 'none';
  }
}

/** The configuration hash of a run (shards of one run share it). */
export function configHashOf(i: ProvenanceInput): string {
  return canonicalDigest({
    tool: { name: i.tool.name, version: i.tool.version, commit: i.tool.commit },
    target: hideCredentials(i.targetUrl),
    codeProfile: i.codeProfile,
    policies: i.policies,
    paths: [...i.pathIds].sort(),
    libraries: i.libraries.map((l) => ({ label: l.label, model: l.modelFile?.sha256 ?? null })),
    operator: i.operatorKind ?? defaultOperatorKind(i.targetUrl, i.control),
    grep: i.grep ?? null,
    timeScale: i.timeScale ?? 1,
    shards: i.shard?.count ?? 1,
  });
}

/** The provenance record. */
export function buildProvenance(i: ProvenanceInput): RunProvenance {
  const configHash = configHashOf(i);
  let transport = 'unknown';
  try {
    transport = parseTargetUrl(i.targetUrl).kind;
  } catch {
    // resolveTarget would have refused the URL first; keep "unknown"
  }
  return {
    runId: i.runId ?? configHash,
    configHash,
    tool: i.tool,
    host: i.host,
    target: hideCredentials(i.targetUrl),
    transport,
    targetDescription: i.targetDescription,
    operator: {
      kind: i.operatorKind ?? defaultOperatorKind(i.targetUrl, i.control),
      ...(i.operatorName !== undefined ? { name: i.operatorName } : {}),
      description: i.operatorDescription,
    },
    codeProfile: i.codeProfile,
    policies: i.policies,
    startedAt: i.startedAt,
    endedAt: i.endedAt,
    ...(i.shard ? { shard: { index: i.shard.index, count: i.shard.count } } : {}),
    ...(i.interrupted ? { interrupted: true } : {}),
  };
}
