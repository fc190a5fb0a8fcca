/**
 * usableCpus: the CPUs of the affinity mask, capped by a container's cgroup quota (v2 cpu.max, v1 cfs files),
 * which decides whether `sim serve` busy-polls by default.
 * Spec: sim/service/usable-cpus.ts; Linux cgroup-v2 "cpu.max", sched-bwc (v1).
 */
import { expect } from 'chai';
import { CGROUP_FILES, usableCpus, type CpuSources } from '../../../sim/service/usable-cpus.js';
import { defaultBusyPollMicros } from '../../../sim/service/endpoints.js';

const machine = (affinity: number, files: Record<string, string> = {}): CpuSources => ({
  affinity: () => affinity,
  read: (p) => files[p],
});

describe('sim/service/usable-cpus', () => {
  it('without a quota: the affinity', () => {
    expect(usableCpus(machine(8))).to.equal(8);
    expect(usableCpus(machine(2, { [CGROUP_FILES.v2]: 'max 100000\n' }))).to.equal(2);
    expect(usableCpus(machine(4, { [CGROUP_FILES.v1Quota]: '-1\n', [CGROUP_FILES.v1Period]: '100000\n' }))).to.equal(4);
  });

  it('a cgroup v2 quota caps it, rounded down (1.5 CPUs cannot run two busy processes)', () => {
    expect(usableCpus(machine(64, { [CGROUP_FILES.v2]: '100000 100000\n' }))).to.equal(1);
    expect(usableCpus(machine(64, { [CGROUP_FILES.v2]: '150000 100000\n' }))).to.equal(1);
    expect(usableCpus(machine(64, { [CGROUP_FILES.v2]: '400000 100000\n' }))).to.equal(4);
    expect(usableCpus(machine(2, { [CGROUP_FILES.v2]: '400000 100000\n' })), 'the affinity still bounds it').to.equal(
      2,
    );
  });

  it('a cgroup v1 quota caps it too; nonsense in the files is no quota; never below 1', () => {
    expect(
      usableCpus(machine(16, { [CGROUP_FILES.v1Quota]: '50000\n', [CGROUP_FILES.v1Period]: '100000\n' })),
    ).to.equal(1);
    expect(
      usableCpus(machine(16, { [CGROUP_FILES.v1Quota]: '300000\n', [CGROUP_FILES.v1Period]: '100000\n' })),
    ).to.equal(3);
    expect(usableCpus(machine(16, { [CGROUP_FILES.v2]: 'garbage' }))).to.equal(16);
    expect(usableCpus(machine(16, { [CGROUP_FILES.v2]: '0 100000' }))).to.equal(16);
  });

  it('decides the busy-poll default: a container held to one CPU gets none', () => {
    expect(defaultBusyPollMicros(usableCpus(machine(64, { [CGROUP_FILES.v2]: '100000 100000' })))).to.equal(0);
    expect(defaultBusyPollMicros(usableCpus(machine(64, { [CGROUP_FILES.v2]: '200000 100000' })))).to.equal(50);
  });
});
