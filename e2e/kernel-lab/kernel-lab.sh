#!/bin/bash
# kernel-lab.sh: the project's kernel lab. Debian 12's own kernel under qemu-system-x86_64 (TCG, no KVM
# needed) runs two targets (ta, tb) and two initiators (ia, ib), each a real Debian machine booted by
# systemd from one shared root image (copy-on-write overlay per guest), with its own pinned SSH host key
# and two NICs: eth0 on the public network 10.98.0.0/24 and eth1 on the storage network 10.98.1.0/24.
# Targets also get a blank 256 MiB data disk (/dev/vdb, /dev/disk/by-id/virtio-hk-data-NODE).
#
# usage (root): kernel-lab.sh image | up [NODE...] | down | crash NODE | boot NODE | known-hosts | status | ssh NODE CMD...
#   image        build (or reuse from the cache) kernel, boot initramfs, root image with SCST built from
#                ../shared/vendor against the kernel's headers; prints the cache directory
#   up [NODE..]  bridges + the guests (default all 4), waits until each answers SSH with its pinned key
#   crash NODE   kill -9 of the guest's qemu (power cut); boot NODE starts it again on its own overlay
#   down         stop every guest, remove the bridges and the run directory
# Settings: HK_LAB_CACHE (image cache, default /var/cache/hastorage-kernel-lab), HK_LAB_RUN (run dir,
# default /tmp/hastorage-kernel-lab), HK_LAB_IMAGE (use this built image directory as it is), HK_LAB_MEM_TARGET / HK_LAB_MEM_INITIATOR (MiB, 1024 / 768).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
VENDOR=${VENDOR_DIR:-$REPO/../shared/vendor}
CACHE=${HK_LAB_CACHE:-/var/cache/hastorage-kernel-lab}
RUN=${HK_LAB_RUN:-/tmp/hastorage-kernel-lab}
MEM_T=${HK_LAB_MEM_TARGET:-1024}
MEM_I=${HK_LAB_MEM_INITIATOR:-768}
NODES="ta tb ia ib"
declare -A IP0=([ta]=10.98.0.11 [tb]=10.98.0.12 [ia]=10.98.0.21 [ib]=10.98.0.22)
declare -A IP1=([ta]=10.98.1.11 [tb]=10.98.1.12 [ia]=10.98.1.21 [ib]=10.98.1.22)
declare -A MACN=([ta]=11 [tb]=12 [ia]=21 [ib]=22)
BR0=hkl0 BR1=hkl1
# shellcheck source=image.sh
. "$HERE/image.sh"

log() { printf '[kernel-lab %s] %s\n' "$(date +%T)" "$*" >&2; }

need_root() { [ "$(id -u)" = 0 ] || { echo "kernel-lab.sh needs root" >&2; exit 77; }; }

net() {
  local br
  for br in $BR0 $BR1; do ip link del $br 2>/dev/null || true; ip link add $br type bridge; done
  ip addr add 10.98.0.1/24 dev $BR0; ip addr add 10.98.1.1/24 dev $BR1
  ip link set $BR0 up; ip link set $BR1 up
  # dockerd (if it ever ran here) sets FORWARD DROP with bridge netfilter on: keep the lab's bridges open
  for br in $BR0 $BR1; do
    iptables -C FORWARD -i $br -o $br -j ACCEPT 2>/dev/null || iptables -I FORWARD -i $br -o $br -j ACCEPT 2>/dev/null || true
  done
}

boot() { # boot NODE: start its qemu on its own overlay (kept across crashes)
  local n=$1 dir mem disk; dir=$(cat "$RUN/image")
  [ -f "$RUN/$n.pid" ] && kill -0 "$(cat "$RUN/$n.pid")" 2>/dev/null && { log "$n already runs"; return 0; }
  [ -f "$RUN/$n.qcow2" ] || qemu-img create -q -f qcow2 -F raw -b "$dir/root.img" "$RUN/$n.qcow2"
  for t in 0 1; do
    ip link del "hk$t-$n" 2>/dev/null || true
    ip tuntap add "hk$t-$n" mode tap; ip link set "hk$t-$n" master "$( [ $t = 0 ] && echo $BR0 || echo $BR1)"; ip link set "hk$t-$n" up
  done
  # Targets get two vCPUs: under TCG a fork+exec costs about 30 ms, and one vCPU busy with targetcli
  # (python) starves Pacemaker's monitors into timeouts. Initiators yield to them (nice).
  mem=$MEM_I; disk=(); smp=1; nice=5
  case $n in ta|tb)
    mem=$MEM_T; smp=2; nice=0
    [ -f "$RUN/data-$n.raw" ] || truncate -s 256M "$RUN/data-$n.raw"
    disk=(-drive "file=$RUN/data-$n.raw,format=raw,if=none,id=d1,cache=unsafe" -device "virtio-blk-pci,drive=d1,serial=hk-data-$n");;
  esac
  local mac=${MACN[$n]}
  nice -n "$nice" qemu-system-x86_64 -machine q35 -cpu max -accel tcg,thread=multi,tb-size=192 -smp "$smp" -m "$mem" \
    -nodefaults -no-user-config -display none -monitor none -no-reboot \
    -kernel "$dir/vmlinuz" -initrd "$dir/boot-initramfs.cpio.gz" \
    -append "console=ttyS0 rdinit=/init panic=1 net.ifnames=0 quiet mitigations=off systemd.show_status=0 systemd.hostname=$n hk.ip0=${IP0[$n]}/24 hk.ip1=${IP1[$n]}/24" \
    -drive "file=$RUN/$n.qcow2,format=qcow2,if=none,id=d0,cache=unsafe" -device virtio-blk-pci,drive=d0 \
    "${disk[@]}" \
    -netdev "tap,id=n0,ifname=hk0-$n,script=no,downscript=no" -device "virtio-net-pci,netdev=n0,mac=52:54:00:98:00:$mac" \
    -netdev "tap,id=n1,ifname=hk1-$n,script=no,downscript=no" -device "virtio-net-pci,netdev=n1,mac=52:54:00:98:01:$mac" \
    -device virtio-rng-pci -serial "file:$RUN/console-$n.log" -daemonize -pidfile "$RUN/$n.pid"
  log "booting $n (pid $(cat "$RUN/$n.pid"), ${smp} vCPU, ${mem} MiB)"
}

ssh_opts() {
  local dir; dir=$(cat "$RUN/image")
  echo "-i $dir/ssh/id_ed25519 -o UserKnownHostsFile=$RUN/known_hosts -o StrictHostKeyChecking=yes -o LogLevel=ERROR -o ConnectTimeout=3 -o BatchMode=yes"
}

known_hosts() {
  local dir n; dir=$(cat "$RUN/image")
  for n in $NODES; do
    echo "${IP0[$n]} $(cut -d' ' -f1,2 "$dir/ssh/$n/ssh_host_ed25519_key.pub")"
  done
}

wait_ssh() { # wait_ssh NODE...: until each answers over SSH with its pinned key (systemd up to sshd)
  local n t0=$SECONDS
  for n in "$@"; do
    # shellcheck disable=SC2046
    until ssh $(ssh_opts) "root@${IP0[$n]}" true 2>/dev/null; do
      kill -0 "$(cat "$RUN/$n.pid" 2>/dev/null)" 2>/dev/null || { log "$n: qemu died"; tail -20 "$RUN/console-$n.log" >&2; return 1; }
      [ $((SECONDS - t0)) -gt "${HK_LAB_BOOT_TIMEOUT:-420}" ] && { log "$n: no SSH after $((SECONDS - t0)) s"; tail -20 "$RUN/console-$n.log" >&2; return 1; }
      sleep 2
    done
    log "$n answers SSH ($((SECONDS - t0)) s)"
  done
}

up() { # up [NODE...]: the given guests (default all four), fresh disks
  need_root
  local dir nodes=${*:-$NODES}; dir=$(image | tail -1)
  down_quiet; mkdir -p "$RUN"; echo "$dir" > "$RUN/image"
  known_hosts > "$RUN/known_hosts"
  net
  for n in $nodes; do boot "$n"; done
  # shellcheck disable=SC2086
  wait_ssh $nodes
}

crash() { local p; p=$(cat "$RUN/$1.pid"); kill -9 "$p"; rm -f "$RUN/$1.pid"; log "crashed $1 (qemu $p killed)"; }

down_quiet() {
  local n
  for n in $NODES; do
    [ -f "$RUN/$n.pid" ] && kill -9 "$(cat "$RUN/$n.pid")" 2>/dev/null || true
    for t in 0 1; do ip link del "hk$t-$n" 2>/dev/null || true; done
  done
  for br in $BR0 $BR1; do
    iptables -D FORWARD -i $br -o $br -j ACCEPT 2>/dev/null || true
    ip link del $br 2>/dev/null || true
  done
  rm -rf "$RUN"
}

# sourced (by a debugging shell): functions only
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
case "${1:-}" in
  image) image ;;
  up) shift; up "$@" ;;
  down) need_root; down_quiet ;;
  crash) crash "$2" ;;
  boot) boot "$2"; wait_ssh "$2" ;;
  known-hosts) known_hosts ;;
  # shellcheck disable=SC2046
  ssh) n=$2; shift 2; exec ssh $(ssh_opts) "root@${IP0[$n]}" "$@" ;;
  status) for n in $NODES; do printf '%s %s\n' "$n" "$( [ -f "$RUN/$n.pid" ] && kill -0 "$(cat "$RUN/$n.pid")" 2>/dev/null && echo up || echo down)"; done ;;
  *) echo "usage: $0 image|up|down|crash NODE|boot NODE|known-hosts|status|ssh NODE CMD..." >&2; exit 2 ;;
esac
