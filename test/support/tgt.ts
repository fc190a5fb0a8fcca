/**
 * Test and benchmark support: a private tgt instance (the Linux SCSI target framework, github fujita/tgt, Debian
 * package `tgt`) serving an SMC changer over iSCSI on 127.0.0.1. tgtd runs in the foreground in its own process
 * group, with its management socket in a fresh temporary directory (TGT_IPC_SOCKET, usr/mgmt.c) and a random
 * control port, so a system tgtd is never touched; tgtadm configures it as doc/README.vtl does.
 * Sources: tgt doc/README.vtl, conf/examples/targets.conf.vtl.MSL2024, usr/smc.c (element parameters);
 * docs/smc-reference.md 2b; what was found by running it: docs/tgt-quirks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canConnect,
  findExecutable,
  freeLoopbackPort,
  installExitHooks,
  live,
  run,
  sleep,
  TgtMissingError,
  tgtMissingReason,
  within,
} from './tgt-process.js';

export { findExecutable, freeLoopbackPort, TgtMissingError, tgtMissingReason } from './tgt-process.js';

/** Prefix of every target name this helper creates; the caller's `name` follows the colon. */
export const TGT_TARGET_PREFIX = 'iqn.2026-11.dev.changerbench.tgt:';

/** A run of element addresses of one type. */
export interface ElementRange {
  readonly start: number;
  readonly count: number;
}

/** What startTgtChanger builds. Every field has a default: a 24-slot library like tgt's MSL2024 example. */
export interface TgtChangerOptions {
  /** Target name suffix (after TGT_TARGET_PREFIX). Default "changer". */
  readonly name?: string;
  /** LUN of the changer. Default 1: tgt keeps LUN 0 for its own controller LU. */
  readonly lun?: number;
  /** Medium transport elements. Default 1 at address 1. */
  readonly transport?: ElementRange;
  /** Storage elements. Default 24 from address 1000. */
  readonly storage?: ElementRange;
  /** Import/export elements. Default none (count 0). */
  readonly importExport?: ElementRange;
  /** Data transfer elements. Default 1 at address 500. */
  readonly drives?: ElementRange;
  /** Full storage or IE elements by address, with their barcode ('' = full without a label). Default defaultCartridges(). */
  readonly cartridges?: ReadonlyMap<number, string>;
  /**
   * Map each drive element to an empty tape LU (LUNs after the changer's) and write a tape image per barcode into
   * media_home, so MOVE MEDIUM into a drive loads a tape. Default true. With false, drive elements are left
   * unmapped (tgt reports them with ASC 04/02 and refuses to load them; see docs/tgt-quirks.md).
   */
  readonly tapeDrives?: boolean;
  /** Initiator address allowed to log in (`--op bind --initiator-address`). Default 127.0.0.1. */
  readonly initiatorAddress?: string;
  /** How long tgtd may take to answer tgtadm and accept on its portal. Default 15 s (a hang guard). */
  readonly readyTimeoutMs?: number;
  /** Where tgtd's own output lines go (default: kept, shown in errors only). */
  readonly log?: (line: string) => void;
}

/** A running private tgt changer. */
export interface TgtChanger {
  /** iscsi://127.0.0.1:PORT/<target name>/<lun>, as IscsiInitiator.connect takes it. */
  readonly url: string;
  readonly portal: { readonly host: string; readonly port: number };
  readonly targetName: string;
  readonly lun: number;
  /** tgtd's control port (the suffix of its management socket). */
  readonly controlPort: number;
  /** The temporary directory (management socket, backing store, tape images), removed by stop(). */
  readonly dir: string;
  /** tgtd's process id (also its process group id). */
  readonly pid: number;
  /** Runs tgtadm against this instance with `--lld iscsi` added; resolves to its stdout, rejects with its stderr. */
  tgtadm(args: readonly string[]): Promise<string>;
  /** tgtd's output so far (for failure messages). */
  output(): string;
  /** Shuts tgtd down (gracefully, then SIGKILL to its process group) and removes the directory. Idempotent. */
  stop(): Promise<void>;
}

/** The default cartridges: barcodes TG<address>L8 in the first ten storage slots but the fourth, one unlabelled cartridge in the eleventh. */
export function defaultCartridges(storage: ElementRange = { start: 1000, count: 24 }): Map<number, string> {
  const m = new Map<number, string>();
  for (let i = 0; i < Math.min(10, storage.count); i++)
    if (i !== 3) m.set(storage.start + i, `TG${storage.start + i}L8`);
  if (storage.count > 10) m.set(storage.start + 10, '');
  return m;
}

/** One attempt: a tgtd on `port`. Rejects (after cleaning up) if it does not come up on that port. */
async function launch(port: number, options: TgtChangerOptions): Promise<TgtChanger> {
  const tgtd = findExecutable('tgtd');
  const tgtadmPath = findExecutable('tgtadm');
  if (tgtd === undefined || tgtadmPath === undefined)
    throw new TgtMissingError(tgtMissingReason() ?? 'tgt is not installed');
  // Short base: the management socket path must fit sockaddr_un (108 bytes).
  const dir = mkdtempSync(join(tmpdir().length > 60 ? '/tmp' : tmpdir(), 'changerbench-tgt-'));
  const controlPort = 1000 + Math.floor(Math.random() * 30_000);
  const env = { ...process.env, TGT_IPC_SOCKET: join(dir, 'socket') };
  const child: ChildProcess = spawn(tgtd, ['-f', '-C', String(controlPort), '--iscsi', `portal=127.0.0.1:${port}`], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  child.once('error', (e) => (output += `spawn error: ${e.message}\n`));
  const onData = (d: Buffer) => {
    const text = d.toString();
    if (output.length < 256 * 1024) output += text;
    for (const line of text.split('\n')) if (line.trim()) options.log?.(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const pid = child.pid ?? -1;
  const killGroup = () => {
    try {
      if (!exited && pid > 0) process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const entry = {
    kill: () => {
      killGroup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(entry);
  installExitHooks();

  const tgtadm = (args: readonly string[]) =>
    run(tgtadmPath, ['-C', String(controlPort), '--lld', 'iscsi', ...args], env);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited) {
        // tgtd ignores SIGTERM; it leaves when told to, once its targets are gone.
        await tgtadm(['--mode', 'target', '--op', 'delete', '--force', '--tid', '1']).catch(() => undefined);
        await run(tgtadmPath, ['-C', String(controlPort), '--mode', 'system', '--op', 'delete'], env).catch(
          () => undefined,
        );
        await within(exit, 2000);
        killGroup();
        await within(exit, 2000);
      }
      live.delete(entry);
      rmSync(dir, { recursive: true, force: true });
    })());

  const name = options.name ?? 'changer';
  const targetName = `${TGT_TARGET_PREFIX}${name}`;
  const lun = options.lun ?? 1;
  const instance: TgtChanger = {
    url: `iscsi://127.0.0.1:${port}/${targetName}/${lun}`,
    portal: { host: '127.0.0.1', port },
    targetName,
    lun,
    controlPort,
    dir,
    pid,
    tgtadm,
    output: () => output,
    stop,
  };
  try {
    await waitUntilReady(instance, () => exited, options.readyTimeoutMs ?? 15_000);
    await configure(instance, options);
    return instance;
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- tgtd output ---\n${output.trim()}`, { cause: e });
  }
}

async function waitUntilReady(t: TgtChanger, exited: () => boolean, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (exited()) throw new Error('tgtd exited during start-up');
    const answers = await t.tgtadm(['--mode', 'target', '--op', 'show']).then(
      () => true,
      () => false,
    );
    // tgtd stays up without its portal when the port is taken: check that the portal accepts too.
    if (answers) {
      if (await canConnect(t.portal.host, t.portal.port)) return;
      throw new PortTakenError(`tgtd answers but its portal 127.0.0.1:${t.portal.port} does not accept`);
    }
    if (Date.now() > deadline) throw new Error(`tgtd did not answer tgtadm within ${limitMs} ms`);
    await sleep(25);
  }
}

class PortTakenError extends Error {}

async function configure(t: TgtChanger, options: TgtChangerOptions): Promise<void> {
  const transport = options.transport ?? { start: 1, count: 1 };
  const storage = options.storage ?? { start: 1000, count: 24 };
  const ie = options.importExport ?? { start: 10, count: 0 };
  const drives = options.drives ?? { start: 500, count: 1 };
  const cartridges = options.cartridges ?? defaultCartridges(storage);
  const tapeDrives = options.tapeDrives ?? true;
  const media = join(t.dir, 'media');
  const lu = (lun: number, params: string) =>
    t.tgtadm(['--mode', 'logicalunit', '--op', 'update', '--tid', '1', '--lun', String(lun), '--params', params]);

  await t.tgtadm(['--mode', 'target', '--op', 'new', '--tid', '1', '--targetname', t.targetName]);
  // A changer LU needs an existing backing-store file (a missing one crashed tgtd 1.0.85); its content is unused.
  const smc = join(t.dir, 'smc');
  writeFileSync(smc, Buffer.alloc(1024));
  await t.tgtadm([
    '--mode',
    'logicalunit',
    '--op',
    'new',
    '--tid',
    '1',
    '--lun',
    String(t.lun),
    '--device-type',
    'changer',
    '--backing-store',
    smc,
  ]);
  if (tapeDrives) {
    mkdirSync(media);
    await lu(t.lun, `media_home=${media}`);
  }
  for (const [type, r] of [
    [1, transport],
    [2, storage],
    [3, ie],
    [4, drives],
  ] as const) {
    if (r.count > 0) await lu(t.lun, `element_type=${type},start_address=${r.start},quantity=${r.count}`);
  }
  const tgtimg = findExecutable('tgtimg') ?? 'tgtimg';
  const image = (barcode: string, file: string) =>
    run(
      tgtimg,
      ['--op', 'new', '--device-type', 'tape', '--barcode', barcode, '--size', '1', '--type', 'data', '--file', file],
      process.env,
    );
  for (const [address, barcode] of cartridges) {
    const type = address >= ie.start && address < ie.start + ie.count ? 3 : 2;
    await lu(t.lun, `element_type=${type},address=${address}${barcode ? `,barcode=${barcode}` : ''},sides=1`);
    if (tapeDrives && barcode) await image(barcode, join(media, barcode));
  }
  if (tapeDrives) {
    // Each drive is a tape LU created with a placeholder image and taken offline (empty), as README.vtl does.
    for (let i = 0; i < drives.count; i++) {
      const tapeLun = t.lun + 1 + i;
      const placeholder = join(t.dir, `drive-${i}`);
      await image(`NOTAPE${i}`, placeholder);
      await t.tgtadm([
        '--mode',
        'logicalunit',
        '--op',
        'new',
        '--tid',
        '1',
        '--lun',
        String(tapeLun),
        '--device-type',
        'tape',
        '--backing-store',
        placeholder,
      ]);
      await lu(tapeLun, 'online=0');
      await lu(t.lun, `element_type=4,address=${drives.start + i},tid=1,lun=${tapeLun}`);
    }
  }
  await t.tgtadm([
    '--mode',
    'target',
    '--op',
    'bind',
    '--tid',
    '1',
    '--initiator-address',
    options.initiatorAddress ?? '127.0.0.1',
  ]);
}

/**
 * Starts a private tgtd on a free loopback port and configures a changer on it (see TgtChangerOptions).
 * Callers must call stop() (tests: in an after hook). Throws TgtMissingError when tgt is not installed.
 */
export async function startTgtChanger(options: TgtChangerOptions = {}): Promise<TgtChanger> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await freeLoopbackPort(), options);
    } catch (e) {
      if (!(e instanceof Error && e.cause instanceof PortTakenError) || attempt >= 3) throw e;
    }
  }
}
