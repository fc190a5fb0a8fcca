#!/usr/bin/env bash
# Installs everything changerbench's tests and main job need on a fresh Debian machine:
# Debian packages for the real peers (socat PTY pairs, tgt, libiscsi's initiators and its headers with gcc for
# the soak's and the bench's libiscsi clients, a Java runtime for Allure, Chromium to render pages headless),
# then the npm dependencies (npm ci also compiles the TypeScript to dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES="socat tgt libiscsi-bin libiscsi-dev gcc openjdk-17-jre-headless chromium"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm run build
fi
