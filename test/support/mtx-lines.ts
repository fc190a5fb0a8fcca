/**
 * The mtx part of a `changerbench status` output (up to the simulator-only library state), with the device name
 * in its first line replaced, so that outputs over different transports compare line for line.
 * Spec: mtx(1) `status` layout; cli/status-command.ts.
 */

/** The mtx lines of `out`, `Storage Changer <device>:` written as `Storage Changer DEVICE:`. */
export function mtxLines(out: string, device: string): string[] {
  const lines = out.split('\n');
  const library = lines.findIndex((l) => l.startsWith('Library '));
  const kept = library < 0 ? lines : lines.slice(0, library);
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.map((l, i) => (i === 0 ? l.replace(`Storage Changer ${device}:`, 'Storage Changer DEVICE:') : l));
}
