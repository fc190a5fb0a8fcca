/**
 * The kernel and initramfs of the SCSI generic test guest: scripts/kernel-guest/build.sh builds them from
 * Debian's packages (linux-image-amd64's image package, busybox-static) into a cache outside the repository and
 * prints where; this module runs it with a bounded time and says what is missing when it cannot.
 * Spec: docs/kernel-tests.md "Building the guest"; docs/toolchain.md "A real Linux kernel for SCSI generic tests".
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The QEMU binary the guest runs under. */
export const QEMU = '/usr/bin/qemu-system-x86_64';

/** A built guest: the kernel image, the initramfs and the kernel version they belong to. */
export interface GuestImage {
  readonly dir: string;
  readonly kernel: string;
  readonly initrd: string;
  readonly version: string;
  /** The modules packed in the initramfs, in load order. */
  readonly modules: readonly string[];
}

/**
 * Why the guest cannot run on this machine, or undefined when it can: QEMU or its libiscsi block driver
 * (qemu-block-extra) is missing.
 */
export function guestMissingReason(): string | undefined {
  if (!existsSync(QEMU))
    return `${QEMU} is not installed (apt-get install qemu-system-x86 qemu-block-extra, or bash scripts/setup.sh)`;
  const blockIscsi = ['/usr/lib/x86_64-linux-gnu/qemu/block-iscsi.so', '/usr/lib/qemu/block-iscsi.so'];
  if (!blockIscsi.some((p) => existsSync(p)))
    return "QEMU's iSCSI block driver is not installed (apt-get install qemu-block-extra)";
  return undefined;
}

/** Builds the guest (or finds it in the cache) within `timeoutMs`; rejects with the builder's stderr. */
export function ensureGuestImage(timeoutMs: number): Promise<GuestImage> {
  const script = join(REPO_ROOT, 'scripts/kernel-guest/build.sh');
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [script],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `scripts/kernel-guest/build.sh failed (${error.killed ? `killed after ${timeoutMs} ms` : `exit ${String(error.code)}`}):\n${stderr.slice(-4000)}`,
            ),
          );
          return;
        }
        const dir = stdout.trim().split('\n').pop() ?? '';
        const kernel = join(dir, 'vmlinuz');
        const initrd = join(dir, 'initramfs.cpio.gz');
        if (!existsSync(kernel) || !existsSync(initrd)) {
          reject(
            new Error(
              `scripts/kernel-guest/build.sh printed ${JSON.stringify(dir)}, which holds no vmlinuz and initramfs.cpio.gz`,
            ),
          );
          return;
        }
        const modules = readFileSync(join(dir, 'modules.order'), 'utf8').trim().split('\n');
        resolve({ dir, kernel, initrd, version: dir.split('/').pop() ?? '', modules });
      },
    );
  });
}
