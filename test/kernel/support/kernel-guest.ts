/**
 * A QEMU guest running Debian's kernel with the simulator's iSCSI LUNs attached as real SCSI generic devices
 * (virtio-scsi-pci + scsi-generic on QEMU's libiscsi block driver), the host's root shared read-only over 9p
 * and a writable control share through which the host hands it shell jobs (scripts/kernel-guest/guest-init.sh
 * runs them in a chroot of the host's root, so the guest runs the host's own node on the compiled project).
 * Every wait is bounded; kill() ends QEMU whatever state it is in; a failure carries the console's tail.
 * Spec: docs/kernel-tests.md; QEMU 7.2 manual (virtio-scsi, scsi-generic, -virtfs, QMP device_del).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QEMU, REPO_ROOT, type GuestImage } from './guest-image.js';
import { qmpCommand } from './qmp.js';

/** One iSCSI LUN attached to the guest as a scsi-generic device. */
export interface GuestDisk {
  /** QEMU device id (for device_del). */
  readonly id: string;
  /** iscsi://HOST:PORT/IQN/LUN */
  readonly url: string;
  /** The initiator name QEMU logs in with (each disk its own session, so its own I_T nexus). */
  readonly initiatorName: string;
  /** SCSI target id on the virtio-scsi bus (the guest shows it as 0:0:<scsiId>:0). */
  readonly scsiId: number;
}

/** What {@link KernelGuest.boot} needs. */
export interface GuestOptions {
  readonly image: GuestImage;
  readonly disks: readonly GuestDisk[];
  /** Parameters of the ch module, e.g. 'init=0' (default: none, so ch runs INITIALIZE ELEMENT STATUS at probe). */
  readonly chParams?: string;
  /** Bound on reaching the control share (default 120 s). */
  readonly bootTimeoutMs?: number;
}

/** A finished job: the exit status of its shell and everything it printed (stdout and stderr interleaved). */
export interface JobResult {
  readonly status: number;
  readonly output: string;
  /** Wall-clock time the job took, host side. */
  readonly ms: number;
}

/** Wall-clock milliseconds since QEMU was spawned at which each boot stage was reached, and the guest's uptime. */
export interface StageTiming {
  readonly stage: string;
  readonly hostMs: number;
  readonly guestUptimeS: number;
}

const STAGE = /^CB-STAGE (\S+) ([\d.]+)\s*$/;
const DONE = /^CB-JOB-DONE (\d+) (\d+)\s*$/;
const FATAL = /^CB-FATAL (.*)$/;

/** A running guest. */
export class KernelGuest {
  readonly stages: StageTiming[] = [];
  private console = '';
  private readonly lineWaiters = new Set<(line: string) => void>();
  private jobs = 0;
  private broken: string | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly qemu: ChildProcess,
    /** The writable share (same path inside the guest's chroot). */
    readonly ctlDir: string,
    private readonly qmpDir: string,
    private readonly started: number,
    /** TMPDIR of the jobs: the guest's tmpfs, or a directory of the share when the host's /tmp must stay visible. */
    private readonly jobTmp: string,
  ) {
    let partial = '';
    const onData = (d: Buffer) => {
      const text = d.toString();
      this.console = (this.console + text).slice(-400_000);
      partial += text;
      const lines = partial.split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const raw of lines) this.onLine(raw.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, ''));
    };
    qemu.stdout?.on('data', onData);
    qemu.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => qemu.once('exit', () => resolve()));
    void this.exited.then(() => {
      this.broken ??= `QEMU exited (${qemu.exitCode ?? qemu.signalCode})`;
      for (const w of [...this.lineWaiters]) w('');
    });
  }

  /** Starts QEMU and resolves once the guest has its SCSI generic nodes and both shares mounted. */
  static async boot(options: GuestOptions): Promise<KernelGuest> {
    const ctlDir = mkdtempSync(join(tmpdir(), 'cb-guest-ctl-'));
    const qmpDir = mkdtempSync(join(tmpdir(), 'cb-guest-qmp-'));
    const append = ['console=ttyS0', 'panic=-1', 'loglevel=5', `cbctl=${ctlDir}`, `cbsg=${options.disks.length}`];
    if (options.chParams) append.push(`cbch=${options.chParams}`);
    // a tmpfs on the guest's /tmp would hide a node or a checkout under the host's /tmp: then jobs use the share
    const keepTmp = [REPO_ROOT, process.execPath].some((p) => p.startsWith('/tmp/'));
    if (keepTmp) append.push('cbtmpfs=0');
    const args = [
      '-machine',
      'q35',
      '-accel',
      'tcg',
      '-m',
      '1024',
      '-smp',
      '1',
      '-nographic',
      '-no-reboot',
      '-nic',
      'none',
      '-kernel',
      options.image.kernel,
      '-initrd',
      options.image.initrd,
      '-append',
      append.join(' '),
      '-qmp',
      `unix:${join(qmpDir, 'qmp.sock')},server=on,wait=off`,
      '-device',
      'virtio-scsi-pci,id=scsi0',
      ...options.disks.flatMap((d) => [
        '-drive',
        `file=${d.url},file.initiator-name=${d.initiatorName},if=none,id=drive-${d.id},format=raw,cache=none`,
        '-device',
        `scsi-generic,drive=drive-${d.id},id=${d.id},bus=scsi0.0,channel=0,scsi-id=${d.scsiId},lun=0`,
      ]),
      '-virtfs',
      'local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap',
      '-virtfs',
      `local,path=${ctlDir},mount_tag=ctl,security_model=none`,
    ];
    const qemu = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const guest = new KernelGuest(qemu, ctlDir, qmpDir, Date.now(), keepTmp ? join(ctlDir, 'tmp') : '/tmp');
    if (keepTmp) mkdirSync(join(ctlDir, 'tmp'));
    try {
      await guest.waitForLine(
        (l) => l.startsWith('CB-STAGE mounted'),
        options.bootTimeoutMs ?? 120_000,
        'the guest to boot and mount its shares',
      );
    } catch (e) {
      await guest.kill();
      throw e;
    }
    return guest;
  }

  /** The last `lines` lines of the serial console (kernel messages and markers). */
  consoleTail(lines = 40): string {
    return this.console.split(/\r?\n/).slice(-lines).join('\n');
  }

  /**
   * Runs `script` (sh) in the guest's chroot of the host's root, from the repository root, with PATH holding
   * the host's node; resolves with its status and output. A job that outlives `timeoutMs` leaves the guest
   * unusable (it runs one job at a time): later calls reject at once.
   */
  async run(script: string, timeoutMs: number): Promise<JobResult> {
    if (this.broken !== undefined)
      throw new Error(`the guest is unusable: ${this.broken}\n--- console tail ---\n${this.consoleTail()}`);
    const n = ++this.jobs;
    const file = join(this.ctlDir, `job-${n}.sh`);
    const body = [
      `cd '${REPO_ROOT}'`,
      `export HOME=${this.jobTmp} TMPDIR=${this.jobTmp} LANG=C.UTF-8`,
      `export PATH='${join(process.execPath, '..')}':/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`,
      script,
      '',
    ];
    writeFileSync(`${file}.tmp`, body.join('\n'));
    const t0 = Date.now();
    renameSync(`${file}.tmp`, file);
    let status = -1;
    try {
      await this.waitForLine(
        (l) => {
          const m = DONE.exec(l);
          if (m?.[1] === String(n)) status = Number(m[2]);
          return status >= 0;
        },
        timeoutMs,
        `job ${n} to finish`,
      );
    } catch (e) {
      this.broken ??= `job ${n} did not finish within ${timeoutMs} ms`;
      throw new Error(`${(e as Error).message}\n--- job ${n} output so far ---\n${this.readOutput(n).slice(-3000)}`);
    }
    return { status, output: this.readOutput(n), ms: Date.now() - t0 };
  }

  /** Sends one QMP command (e.g. device_del) to QEMU and resolves with its answer's `return`. */
  qmp(execute: string, args?: Record<string, unknown>): Promise<unknown> {
    return qmpCommand(join(this.qmpDir, 'qmp.sock'), execute, args, 15_000);
  }

  /** Asks the guest to power off (bounded), then makes sure QEMU is gone and the shares are removed. */
  async halt(timeoutMs = 20_000): Promise<void> {
    if (this.qemu.exitCode === null && this.qemu.signalCode === null) {
      writeFileSync(join(this.ctlDir, 'halt'), '');
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    }
    await this.kill();
  }

  /** Kills QEMU (SIGKILL, awaited) and removes the temporary directories; idempotent. */
  async kill(): Promise<void> {
    if (this.qemu.exitCode === null && this.qemu.signalCode === null) {
      this.qemu.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.ctlDir, { recursive: true, force: true });
    rmSync(this.qmpDir, { recursive: true, force: true });
  }

  private readOutput(n: number): string {
    try {
      return readFileSync(join(this.ctlDir, `job-${n}.out`), 'utf8');
    } catch {
      return '';
    }
  }

  private onLine(line: string): void {
    const stage = STAGE.exec(line);
    if (stage?.[1] && stage[2])
      this.stages.push({ stage: stage[1], hostMs: Date.now() - this.started, guestUptimeS: Number(stage[2]) });
    const fatal = FATAL.exec(line);
    if (fatal) this.broken ??= `the guest's init failed: ${fatal[1]}`;
    for (const w of [...this.lineWaiters]) w(line);
  }

  /** Resolves when a console line satisfies `match`; rejects on time-out, a CB-FATAL or QEMU's exit. */
  private waitForLine(match: (line: string) => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        this.lineWaiters.delete(waiter);
        reject(new Error(`waiting for ${what}: ${why}\n--- guest console tail ---\n${this.consoleTail()}`));
      };
      const waiter = (line: string) => {
        if (line !== '' && match(line)) {
          clearTimeout(timer);
          this.lineWaiters.delete(waiter);
          resolve();
        } else if (this.broken !== undefined) fail(this.broken);
      };
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
      this.lineWaiters.add(waiter);
      if (this.broken !== undefined) fail(this.broken);
    });
  }
}
