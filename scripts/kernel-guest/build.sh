#!/usr/bin/env bash
# Builds the QEMU guest the SCSI generic tests boot (docs/kernel-tests.md): Debian's own kernel (the image package
# that linux-image-amd64 depends on, fetched with apt-get download and unpacked with dpkg-deb -x) and a busybox
# initramfs holding the modules virtio_pci virtio_scsi sg ch 9pnet_virtio 9p with every dependency modules.dep
# names, in load order. Nothing is installed into the system and nothing lands in the repository: the result is
# cached in $CHANGERBENCH_KERNEL_CACHE (default ~/.cache/changerbench/kernel-guest)/<kernel version>/ as vmlinuz,
# initramfs.cpio.gz and modules.order, and rebuilt only when one of them is missing.
# Prints the cache directory on stdout (last line); progress goes to stderr.
# Needs: apt-get, dpkg-deb, depmod (kmod), cpio, gzip, busybox-static (scripts/setup.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache_root="${CHANGERBENCH_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/changerbench/kernel-guest}"
WANTED="virtio_pci virtio_scsi sg ch 9pnet_virtio 9p"
say() { echo "kernel-guest: $*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { say "$1 is missing (run bash scripts/setup.sh)"; exit 3; }; }
for tool in apt-get apt-cache dpkg-deb depmod cpio gzip; do need "$tool"; done
BUSYBOX="${CHANGERBENCH_BUSYBOX:-/bin/busybox}"
applets="$( [ -x "$BUSYBOX" ] && "$BUSYBOX" --list 2>/dev/null || true)"  # no grep -q in a pipe: SIGPIPE under pipefail
if ! grep -qx switch_root <<<"$applets"; then
  say "no static busybox at $BUSYBOX (apt-get install busybox-static)"; exit 3
fi

# The kernel image package linux-image-amd64 depends on (apt's lists are fetched once when missing).
image_package() { apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n1; }
pkg="$(image_package || true)"
if [ -z "$pkg" ]; then
  say "apt has no linux-image-amd64 yet: apt-get update"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq >&2; else sudo apt-get update -qq >&2; fi
  pkg="$(image_package || true)"
fi
[ -n "$pkg" ] || { say "apt-cache finds no kernel image package behind linux-image-amd64"; exit 3; }
version="${pkg#linux-image-}"
out="$cache_root/$version"
# The initramfs is rebuilt whenever this script or the guest's /init changes.
stamp="$(cat "$here/build.sh" "$here/guest-init.sh" | sha256sum | cut -c1-16)"
if [ -s "$out/vmlinuz" ] && [ -s "$out/initramfs.cpio.gz" ] && [ -s "$out/modules.order" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  say "cached: $out"; echo "$out"; exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kernel-guest.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say "downloading $pkg"
sandbox=(); [ "$(id -u)" -eq 0 ] && sandbox=(-o APT::Sandbox::User=root)
(cd "$work" && apt-get download -q "${sandbox[@]}" "$pkg" >&2)
deb="$(ls "$work"/*.deb)"
dpkg-deb -x "$deb" "$work/root"
moddir="$work/root/lib/modules/$version"
[ -d "$moddir" ] || moddir="$work/root/usr/lib/modules/$version"
[ -d "$moddir" ] || { say "$deb holds no modules for $version"; exit 3; }
kernel="$(ls "$work"/root/boot/vmlinuz-* | head -n1)"
depmod -b "$work/root" "$version" 2>/dev/null || depmod -b "$work/root/usr" "$version"

# Every wanted module with its dependencies, dependencies first (modules.dep lists a module's full closure in
# an order modprobe loads from the end); built-in ones need no file.
declare -A seen=()
order=()
resolve() {
  local name="$1" line path deps dep
  line="$(grep -E "(^|/)${name//_/[-_]}\.ko(\.[a-z]+)?:" "$moddir/modules.dep" | head -n1 || true)"
  if [ -z "$line" ]; then
    if grep -qE "(^|/)${name//_/[-_]}\.ko$" "$moddir/modules.builtin" 2>/dev/null; then return 0; fi
    say "module $name is neither in modules.dep nor built in"; exit 3
  fi
  path="${line%%:*}"
  [ -n "${seen[$path]:-}" ] && return 0
  seen[$path]=1
  deps="${line#*:}"
  for dep in $deps; do
    local base; base="$(basename "$dep")"; base="${base%%.ko*}"
    resolve "$base"
  done
  order+=("$path")
}
for m in $WANTED; do resolve "$m"; done

initrd="$work/initrd"
mkdir -p "$initrd"/{bin,dev,proc,sys,host,ctl,modules}
cp "$BUSYBOX" "$initrd/bin/busybox"
: > "$work/modules.order"
for path in "${order[@]}"; do
  base="$(basename "$path")"
  case "$base" in
    *.ko) cp "$moddir/$path" "$initrd/modules/$base" ;;
    *.ko.xz) xz -dc "$moddir/$path" > "$initrd/modules/${base%.xz}"; base="${base%.xz}" ;;
    *.ko.zst) zstd -qdc "$moddir/$path" > "$initrd/modules/${base%.zst}"; base="${base%.zst}" ;;
    *.ko.gz) gzip -dc "$moddir/$path" > "$initrd/modules/${base%.gz}"; base="${base%.gz}" ;;
    *) say "unknown module file $base"; exit 3 ;;
  esac
  echo "$base" >> "$work/modules.order"
done
cp "$work/modules.order" "$initrd/modules/order"
cp "$here/guest-init.sh" "$initrd/init"
chmod 755 "$initrd/init" "$initrd/bin/busybox"
(cd "$initrd" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -9 > "$work/initramfs.cpio.gz"

mkdir -p "$out"
cp "$kernel" "$out/vmlinuz.tmp" && mv "$out/vmlinuz.tmp" "$out/vmlinuz"
cp "$work/modules.order" "$out/modules.order"
mv "$work/initramfs.cpio.gz" "$out/initramfs.cpio.gz"
echo "$stamp" > "$out/stamp"
say "built $out ($(du -h "$out/initramfs.cpio.gz" | cut -f1) initramfs; modules: $(tr '\n' ' ' < "$out/modules.order"))"
echo "$out"
