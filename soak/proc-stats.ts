/**
 * Resources of a process as Linux shows them: resident set size from /proc/PID/status (VmRSS, kB) and the number
 * of open file descriptors from /proc/PID/fd. Spec: proc(5) "/proc/pid/status", "/proc/pid/fd".
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One sample of a process's resources. */
export interface ProcSample {
  readonly rssBytes: number;
  readonly fds: number;
}

/** Samples `pid`; undefined when the process is gone. */
export function sampleProcess(pid: number): ProcSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    const fds = readdirSync(`/proc/${pid}/fd`).length;
    return { rssBytes: Number(m?.[1] ?? 0) * 1024, fds };
  } catch {
    return undefined;
  }
}

/** MiB with one decimal. */
export function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

/** Ids of the live processes whose parent is `pid` (proc(5) "/proc/pid/stat", field 4). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
