/**
 * How many CPUs this process can keep busy at once: the CPUs it may run on (affinity), capped by a container's CPU
 * quota (cgroup v2 `cpu.max`, or v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`), which Node 20's
 * availableParallelism() does not read. A quota of 1.5 CPUs counts as 1: two busy processes would not both run.
 * Spec: Linux Documentation/admin-guide/cgroup-v2.rst "cpu.max"; cgroup v1 Documentation/scheduler/sched-bwc.rst.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** What usableCpus reads; injected in tests. */
export interface CpuSources {
  /** CPUs this process may run on. */
  affinity(): number;
  /** A file's text, or undefined when it cannot be read. */
  read(path: string): string | undefined;
}

const SYSTEM: CpuSources = {
  affinity: () => availableParallelism(),
  read: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Where the quota is found (this process's cgroup is mounted at the root of /sys/fs/cgroup in a container). */
export const CGROUP_FILES = {
  v2: '/sys/fs/cgroup/cpu.max',
  v1Quota: '/sys/fs/cgroup/cpu/cpu.cfs_quota_us',
  v1Period: '/sys/fs/cgroup/cpu/cpu.cfs_period_us',
} as const;

/** CPUs allowed by the quota, undefined when there is none or it cannot be read. */
function quotaCpus(sources: CpuSources): number | undefined {
  const v2 = sources.read(CGROUP_FILES.v2)?.trim().split(/\s+/);
  if (v2 !== undefined && v2.length === 2) {
    if (v2[0] === 'max') return undefined;
    const quota = Number(v2[0]);
    const period = Number(v2[1]);
    return quota > 0 && period > 0 ? quota / period : undefined;
  }
  const quota = Number(sources.read(CGROUP_FILES.v1Quota)?.trim());
  const period = Number(sources.read(CGROUP_FILES.v1Period)?.trim());
  return quota > 0 && period > 0 ? quota / period : undefined;
}

/** CPUs this process can use at once: affinity capped by the cgroup quota, rounded down, at least 1. */
export function usableCpus(sources: CpuSources = SYSTEM): number {
  const affinity = sources.affinity();
  const quota = quotaCpus(sources);
  return Math.max(1, Math.floor(quota === undefined ? affinity : Math.min(affinity, quota)));
}
