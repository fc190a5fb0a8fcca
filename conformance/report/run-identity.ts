/**
 * The identity and provenance every report carries (summary.json, summary.md, JUnit properties, Allure's
 * environment, the certificate): which unit (INQUIRY, VPD 80h/83h, MODE SENSE 1Dh/1Fh read over SCSI from the
 * target), which model file (with its SHA-256), which capabilities, which tool and host, when, with which operator,
 * code profile and policies. One record per run, libraries inside it. Design: issue 11 "Device identity and
 * provenance in every report".
 */
import { formatCapabilities, formatElementMap, type DeviceIdentity } from '../../scsi/host/read-identity.js';
import type { HostFacts, ToolFacts } from './provenance.js';

/**
 * Who acts as the operator: 'sim' the simulator's control API (in-process, or `sim serve --control`), 'none' no
 * one; 'prompt' and 'exec' are the kinds `--operator` adds (issue 10), which fills this field.
 */
export type OperatorKind = 'sim' | 'prompt' | 'exec' | 'none' | (string & {});

/** One capability as the run knows it. */
export interface CapabilityEntry {
  readonly name: string;
  /** Probed from the target (SCSI, the RSM record, the operator's view). */
  readonly probed: boolean;
  /** Why (the probe's sentence). */
  readonly fact: string;
  /** Declared by a library model (`--model`, issue 10); absent when no model declares capabilities. */
  readonly declared?: boolean | undefined;
}

/** One library of the run: its device identity read over SCSI, its model file and capabilities. */
export interface LibraryIdentity {
  readonly label: string;
  readonly name: string;
  /** Read from the target over the suite's nexus; `error` when the read failed. */
  readonly device: DeviceIdentity | { readonly error: string };
  /** The model (fixture) file the run used for this library, if a local one is known. */
  readonly modelFile?: { readonly path: string; readonly sha256: string } | undefined;
  readonly capabilities: readonly CapabilityEntry[];
}

/** The provenance of one run. */
export interface RunProvenance {
  /** Shards of one run share it: `--run-id`, else the configuration hash. */
  readonly runId: string;
  /** SHA-256 over the canonical JSON of what makes two runs comparable (tool, commit, target, profile, paths...). */
  readonly configHash: string;
  readonly tool: ToolFacts;
  readonly host: HostFacts;
  /** The target URL with passwords hidden. */
  readonly target: string;
  /** 'sim' (in-process), 'iscsi', 'serial'. */
  readonly transport: string;
  readonly targetDescription: string;
  readonly operator: { readonly kind: OperatorKind; readonly name?: string | undefined; readonly description: string };
  readonly codeProfile: string;
  readonly policies: Readonly<Record<string, string | number | boolean>>;
  readonly startedAt: string;
  readonly endedAt: string;
  /** This run's share of the cells (`--shard I/N`). */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  /** Set by `report merge`: how many shards were joined. */
  readonly mergedShards?: number | undefined;
  /** The run stopped early (Ctrl-C): the reports hold the tests that ended. */
  readonly interrupted?: boolean | undefined;
}

/** Flat key/value facts (JUnit properties, Allure environment.properties), in a fixed order. */
export function identityProperties(p: RunProvenance, libraries: readonly LibraryIdentity[]): [string, string][] {
  const out: [string, string][] = [
    ['run.id', p.runId],
    ['run.configHash', p.configHash],
    ['target', p.target],
    ['transport', p.transport],
    ['tool', `${p.tool.name} ${p.tool.version}`],
    ['tool.commit', p.tool.commit],
    ['node', p.host.node],
    ['os', `${p.host.os} ${p.host.platform} ${p.host.arch}`],
    ['kernel', `${p.host.kernel} ${p.host.kernelVersion}`],
    ['startedAt', p.startedAt],
    ['endedAt', p.endedAt],
    ['operator.kind', p.operator.kind],
    ['operator.name', p.operator.name ?? ''],
    ['codeProfile', p.codeProfile],
  ];
  if (p.shard) out.push(['shard', `${p.shard.index}/${p.shard.count}`]);
  if (p.interrupted) out.push(['interrupted', 'true']);
  for (const [k, v] of Object.entries(p.policies)) out.push([`policy.${k}`, String(v)]);
  for (const lib of libraries) {
    const k = (s: string) => `library.${lib.label}.${s}`;
    const d = lib.device;
    if ('error' in d) out.push([k('device.error'), d.error]);
    else {
      out.push([k('inquiry.vendor'), d.vendor], [k('inquiry.product'), d.product], [k('inquiry.revision'), d.revision]);
      out.push([k('vpd80.serial'), d.serial.ok ? d.serial.value : `unavailable: ${d.serial.reason}`]);
      out.push([
        k('vpd83.designators'),
        d.designators.ok
          ? d.designators.value.map((x) => `${x.type} (${x.association}) ${x.value}`).join('; ')
          : `unavailable: ${d.designators.reason}`,
      ]);
      out.push([
        k('mode1D.elementMap'),
        d.elementMap.ok ? formatElementMap(d.elementMap.value) : `unavailable: ${d.elementMap.reason}`,
      ]);
      out.push([
        k('mode1F.capabilities'),
        d.capabilities.ok ? formatCapabilities(d.capabilities.value) : `unavailable: ${d.capabilities.reason}`,
      ]);
    }
    if (lib.modelFile) out.push([k('model.file'), lib.modelFile.path], [k('model.sha256'), lib.modelFile.sha256]);
    out.push([
      k('capabilities'),
      lib.capabilities
        .map(
          (c) =>
            `${c.name}=${c.probed ? 'yes' : 'no'}${c.declared === undefined ? '' : `/declared ${c.declared ? 'yes' : 'no'}`}`,
        )
        .join(', '),
    ]);
  }
  return out;
}

export { formatCapabilities, formatElementMap };
