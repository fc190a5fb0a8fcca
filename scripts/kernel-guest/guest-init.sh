#!/bin/busybox sh
# /init of the SCSI generic test guest (scripts/kernel-guest/build.sh packs it; docs/kernel-tests.md).
# Loads the modules in /modules/order, waits for the expected number of SCSI generic nodes, mounts the host's
# root read-only over 9p at /host (a tmpfs on /host/tmp, /proc /sys /dev bound in) and the writable control
# share at the same path as on the host, then runs job-1.sh, job-2.sh, ... from the control share in a chroot
# of /host, one at a time, each as soon as the host writes it; a job named by the file `halt` powers off.
# Kernel command line (unknown name=value pairs reach this script as environment variables):
#   cbctl=PATH      the control share's path on the host (required)
#   cbsg=N          SCSI generic nodes to wait for (default 1)
#   cbch="ARGS"     parameters for the ch module (e.g. init=0)
#   cbtmpfs=0       no tmpfs on /host/tmp (when the host's node or project live under /tmp, which it would hide)
# Console markers (the host's runner waits for these): CB-STAGE <name> <uptime>, CB-JOB-DONE <n> <status>,
# CB-FATAL <reason>.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
up() { cut -d' ' -f1 /proc/uptime; }
stage() { echo "CB-STAGE $1 $(up)"; }
fatal() { echo "CB-FATAL $*"; sleep 1; poweroff -f; }
stage init
for m in $(cat /modules/order); do
  args=""
  [ "$m" = "ch.ko" ] && args="${cbch:-}"
  insmod "/modules/$m" $args || fatal "insmod $m failed"
done
stage modules
want="${cbsg:-1}"
i=0
while [ "$(ls /sys/class/scsi_generic 2>/dev/null | wc -l)" -lt "$want" ]; do
  i=$((i + 1)); [ "$i" -gt 600 ] && fatal "fewer than $want SCSI generic nodes after 60 s: $(ls /sys/class/scsi_generic 2>/dev/null)"
  usleep 100000
done
for n in $(ls /sys/class/scsi_generic); do
  j=0
  while ! [ -c "/dev/$n" ]; do j=$((j + 1)); [ "$j" -gt 100 ] && fatal "/dev/$n never appeared"; usleep 100000; done
done
stage sg-ready
[ -n "${cbctl:-}" ] || fatal "no cbctl= on the kernel command line"
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /host || fatal "mount hostroot"
if [ "${cbtmpfs:-1}" = 1 ]; then mount -t tmpfs -o size=256m tmpfs /host/tmp || fatal "tmpfs /host/tmp"; fi
for d in proc sys dev; do mount -o bind "/$d" "/host/$d" || fatal "bind /$d"; done
mkdir -p "/host$cbctl"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 ctl "/host$cbctl" || fatal "mount ctl"
ctl="/host$cbctl"
stage mounted
n=1
while true; do
  if [ -e "$ctl/halt" ]; then stage halt; sync; poweroff -f; fi
  if [ -e "$ctl/job-$n.sh" ]; then
    chroot /host /bin/sh "$cbctl/job-$n.sh" > "$ctl/job-$n.out" 2>&1 < /dev/null
    echo "CB-JOB-DONE $n $?"
    n=$((n + 1))
  else
    usleep 50000
  fi
done
