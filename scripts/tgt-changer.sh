#!/usr/bin/env bash
# Starts a private tgt changer on 127.0.0.1 for people: the same tgtd the tests use (test/support/tgt.ts: own
# management socket directory, random control port, free loopback portal, never a system tgtd), prints its
# iscsi:// URL and keeps it until Ctrl-C (or SIGTERM), then stops tgtd and removes its temporary files.
# Sources: tgt doc/README.vtl; docs/tgt-quirks.md for what tgt's changer does differently.
#
#   scripts/tgt-changer.sh [--name NAME] [--slots N] [--drives N] [--ie N] [--no-tape-drives] [--debug]
#
# Then, e.g.:  npx tsx cli/changerbench.ts status --target <printed URL>
#              iscsi-inq <printed URL>
set -euo pipefail

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

name=changer slots=24 drives=1 ie=0 tape=true debug=false
while (($#)); do
  case "$1" in
    --name) name=${2:?--name needs a value}; shift 2 ;;
    --slots) slots=${2:?--slots needs a number}; shift 2 ;;
    --drives) drives=${2:?--drives needs a number}; shift 2 ;;
    --ie) ie=${2:?--ie needs a number}; shift 2 ;;
    --no-tape-drives) tape=false; shift ;;
    --debug) debug=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "tgt-changer: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$slots" "$drives" "$ie"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "tgt-changer: '$n' is not a number" >&2; exit 2; }
done
[[ "$name" =~ ^[a-z0-9.:-]+$ ]] || { echo "tgt-changer: --name may hold a-z 0-9 . : - only" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export TGT_NAME="$name" TGT_SLOTS="$slots" TGT_DRIVES="$drives" TGT_IE="$ie" TGT_TAPE="$tape" TGT_DEBUG="$debug"
exec node --import tsx --input-type=module -e '
import { startTgtChanger, tgtMissingReason, defaultCartridges } from "./test/support/tgt.ts";
const env = process.env;
const missing = tgtMissingReason();
if (missing) {
  console.error(`tgt-changer: ${missing}`);
  process.exit(1);
}
const storage = { start: 1000, count: Number(env.TGT_SLOTS) };
const changer = await startTgtChanger({
  name: env.TGT_NAME,
  storage,
  drives: { start: 500, count: Number(env.TGT_DRIVES) },
  importExport: { start: 10, count: Number(env.TGT_IE) },
  cartridges: defaultCartridges(storage),
  tapeDrives: env.TGT_TAPE === "true",
  ...(env.TGT_DEBUG === "true" ? { log: (line) => console.error(`tgtd: ${line}`) } : {}),
});
console.log(changer.url);
console.error(`tgt-changer: tgtd pid ${changer.pid}, control port ${changer.controlPort}, files in ${changer.dir}`);
console.error(`tgt-changer: tgtadm: TGT_IPC_SOCKET=${changer.dir}/socket tgtadm -C ${changer.controlPort} --lld iscsi --mode target --op show`);
console.error("tgt-changer: Ctrl-C stops it");
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await changer.stop();
  console.error("tgt-changer: stopped");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("SIGHUP", stop);
setInterval(() => undefined, 1 << 30);
'
