#!/bin/bash
# kernel-lab.sh: the project's kernel lab. Debian 12's own kernel under qemu-system-x86_64 (TCG, no KVM
# needed) runs two targets (ta, tb) and two initiators (ia, ib), each a real Debian machine booted by
# systemd from one shared root image (copy-on-write overlay per guest), with its own pinned SSH host key
# and two NICs: eth0 on the public network 10.98.0.0/24 and eth1 on the storage network 10.98.1.0/24.
# Targets also get a blank 256 MiB data disk (/dev/vdb, /dev/disk/by-id/virtio-hk-data-NODE).
#
# usage (root): kernel-lab.sh image | up | down | crash NODE | boot NODE | known-hosts | status | ssh NODE CMD...
#   image        build (or reuse from the cache) kernel, boot initramfs, root image with SCST built from
#                ../shared/vendor against the kernel's headers; prints the cache directory
#   up           bridges + 4 guests, waits until each answers SSH with its pinned key
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
MIRROR=http://deb.debian.org/debian
SECURITY=http://deb.debian.org/debian-security
# What a freshly installed target or initiator of the seed has: the cluster stack, storage tools and both
# iSCSI target implementations (LIO through targetcli-fb, SCST built below), the initiator side, sshd.
PKGS=(systemd-sysv udev kmod dbus iproute2 iputils-ping procps psmisc util-linux e2fsprogs openssh-server
  perl python3 iptables lsscsi sg3-utils netcat-openbsd
  corosync pacemaker pacemaker-cli-utils crmsh resource-agents
  drbd-utils lvm2 targetcli-fb open-iscsi multipath-tools ocfs2-tools)
# Units Debian enables on install that the operator (or nobody) starts: a blank machine of the seed.
DISABLE=(corosync.service pacemaker.service logd.service iscsid.socket iscsid.service open-iscsi.service
  multipathd.service multipathd.socket o2cb.service ocfs2.service drbd.service rtslib-fb-targetctl.service
  targetclid.service targetclid.socket lvm2-monitor.service dm-event.socket lvm2-lvmpolld.socket
  apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer
  man-db.timer logrotate.timer getty@tty1.service remote-fs.target)
log() { printf '[kernel-lab %s] %s\n' "$(date +%T)" "$*" >&2; }

need_root() { [ "$(id -u)" = 0 ] || { echo "kernel-lab.sh needs root" >&2; exit 77; }; }

host_deps() {
  local missing=() p
  for p in qemu-system-x86 qemu-utils mmdebstrap busybox-static cpio e2fsprogs openssh-client iproute2; do
    dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return 0
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# The kernel ABI Debian's linux-image-amd64 points to today (the archive keeps only the current one).
kernel_abi() {
  apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}' | sed 's/^linux-image-//'
}

cache_key() { # everything the image is made of
  { echo "$1"; printf '%s\n' "${PKGS[@]}" "${DISABLE[@]}"; cat "$HERE/kernel-lab.sh" "$HERE/boot-init"
    (cd "$HERE/guest" && find . -type f | sort | xargs sha256sum)
    sha256sum "$HERE/scst/build-scst.sh" "$VENDOR"/scst-*.tar.gz | cut -d' ' -f1; } | sha256sum | cut -c1-16
}

image() {
  need_root
  # a prebuilt image directory (debugging the harness without rebuilding)
  if [ -n "${HK_LAB_IMAGE:-}" ]; then [ -f "$HK_LAB_IMAGE/ready" ] && { echo "$HK_LAB_IMAGE"; return 0; }; echo "HK_LAB_IMAGE=$HK_LAB_IMAGE is not a built image" >&2; exit 1; fi
  host_deps
  local kv key dir
  kv=$(kernel_abi); [ -n "$kv" ] || { echo "no linux-image-amd64 in apt's lists: apt-get update" >&2; exit 1; }
  key=$(cache_key "$kv"); dir=$CACHE/$key
  if [ -f "$dir/ready" ]; then echo "$dir"; return 0; fi
  log "building image $key for kernel $kv in $dir"
  local t0=$SECONDS
  rm -rf "$dir"; mkdir -p "$dir"
  keys "$dir"
  rootfs "$dir" "$kv"
  bash "$HERE/scst/build-scst.sh" "$kv" "$dir/scst-stage" >&2
  cp -a "$dir/scst-stage/." "$dir/root/"
  rm -f "$dir/root/.scst-build-stamp" "$dir/root/.scst-build-manifest"
  depmod -b "$dir/root" "$kv"
  bootfs "$dir" "$kv"
  log "root image: $(du -sm "$dir/root" | cut -f1) MiB of files"
  mkfs.ext4 -q -F -L hkroot -d "$dir/root" "$dir/root.img" 2G
  rm -rf "$dir/root" "$dir/scst-stage"
  echo "$kv" > "$dir/kernel-abi"
  echo "built in $((SECONDS - t0)) s" > "$dir/ready"
  # keep only this image
  find "$CACHE" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} +
  log "image ready in $((SECONDS - t0)) s"
  echo "$dir"
}

keys() { # the tests' client key and one host key per guest (the tests pin these)
  mkdir -p "$1/ssh"
  ssh-keygen -q -t ed25519 -N '' -C hk-lab-client -f "$1/ssh/id_ed25519"
  for n in $NODES; do
    mkdir -p "$1/ssh/$n"; ssh-keygen -q -t ed25519 -N '' -C "root@$n" -f "$1/ssh/$n/ssh_host_ed25519_key"
  done
}

rootfs() {
  local dir=$1 kv=$2 r=$1/root
  local include; include=$(IFS=,; echo "${PKGS[*]},linux-image-$kv")
  log "mmdebstrap bookworm (${#PKGS[@]} packages + linux-image-$kv)"
  mmdebstrap --quiet --mode=root --variant=minbase --include="$include" \
    bookworm "$r" "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" \
    "deb $SECURITY bookworm-security main"
  customize "$dir" "$kv"
}

customize() { # the lab's own files and settings on top of the Debian root
  local dir=$1 kv=$2 r=$1/root
  cp -a "$HERE/guest/." "$r/"
  mkdir -p "$r/etc/systemd/system/sysinit.target.wants"
  ln -sf /etc/systemd/system/hk-lab-setup.service "$r/etc/systemd/system/sysinit.target.wants/"
  local unit
  for unit in "${DISABLE[@]}"; do # one at a time: systemctl stops at the first unit it lacks
    [ -e "$r/lib/systemd/system/$unit" ] || [ -e "$r/etc/init.d/${unit%.service}" ] || continue
    chroot "$r" systemctl disable "$unit" >/dev/null 2>&1 || { echo "cannot disable $unit" >&2; return 1; }
  done
  chroot "$r" systemctl mask serial-getty@ttyS0.service systemd-timesyncd.service >/dev/null 2>&1 || true
  mkdir -p "$r/root/.ssh"; chmod 700 "$r/root/.ssh"
  cp "$dir/ssh/id_ed25519.pub" "$r/root/.ssh/authorized_keys"
  rm -f "$r"/etc/ssh/ssh_host_*
  for n in $NODES; do mkdir -p "$r/etc/ssh/hk-lab/$n"; cp "$dir/ssh/$n"/ssh_host_ed25519_key* "$r/etc/ssh/hk-lab/$n/"; done
  chmod -R go-rwx "$r/etc/ssh/hk-lab"
  { echo "127.0.0.1 localhost"; for n in $NODES; do echo "${IP0[$n]} $n"; done; } > "$r/etc/hosts"
  : > "$r/etc/machine-id"; rm -f "$r/var/lib/dbus/machine-id"
  : > "$r/etc/fstab"
  # Each guest has one vCPU and little RAM: the journal stays in memory, small.
  mkdir -p "$r/etc/systemd/journald.conf.d"
  printf '[Journal]\nStorage=volatile\nRuntimeMaxUse=16M\n' > "$r/etc/systemd/journald.conf.d/hk-lab.conf"
  # the kernel lives outside the image; its modules stay, minus what no lab guest can use
  cp "$r/boot/vmlinuz-$kv" "$dir/vmlinuz"
  local m=$r/lib/modules/$kv/kernel
  rm -rf "$m"/drivers/{gpu,media,net/wireless,infiniband,staging,iio,bluetooth,usb,hid,input/touchscreen,isdn,net/ethernet} \
    "$m"/sound "$m"/net/{wireless,bluetooth,mac80211} "$r"/boot/* "$r"/usr/share/{doc,man,info,locale}/* "$r"/var/cache/apt/*.bin \
    "$r"/var/lib/apt/lists/*_Packages
}

bootfs() { # a busybox initramfs that loads virtio/ext4 and switches to the root disk
  local dir=$1 kv=$2 b=$1/boot-initramfs r=$1/root
  rm -rf "$b"; mkdir -p "$b/bin" "$b/proc" "$b/sys" "$b/dev" "$b/lib/modules"
  cp /bin/busybox "$b/bin/busybox"
  cp "$HERE/boot-init" "$b/init"; chmod 755 "$b/init"
  : > "$b/modules.order"
  local mod f rel
  for mod in virtio_pci virtio_blk ext4; do
    modprobe -d "$r" -S "$kv" --show-depends "$mod" | awk '$1=="insmod"{print $2}'
  done | awk '!seen[$0]++' | while read -r f; do
    rel=$(basename "$f"); cp "$f" "$b/lib/modules/$rel"; echo "$rel" >> "$b/modules.order"
  done
  (cd "$b" && find . | cpio -o -H newc --quiet) | gzip -1 > "$dir/boot-initramfs.cpio.gz"
  rm -rf "$b"
}

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
  mem=$MEM_I; disk=()
  case $n in ta|tb)
    mem=$MEM_T
    [ -f "$RUN/data-$n.raw" ] || truncate -s 256M "$RUN/data-$n.raw"
    disk=(-drive "file=$RUN/data-$n.raw,format=raw,if=none,id=d1,cache=unsafe" -device "virtio-blk-pci,drive=d1,serial=hk-data-$n");;
  esac
  local mac=${MACN[$n]}
  qemu-system-x86_64 -machine q35 -cpu max -accel tcg,thread=multi,tb-size=192 -smp 1 -m "$mem" \
    -nodefaults -no-user-config -display none -monitor none -no-reboot \
    -kernel "$dir/vmlinuz" -initrd "$dir/boot-initramfs.cpio.gz" \
    -append "console=ttyS0 rdinit=/init panic=1 net.ifnames=0 quiet mitigations=off systemd.show_status=0 systemd.hostname=$n hk.ip0=${IP0[$n]}/24 hk.ip1=${IP1[$n]}/24" \
    -drive "file=$RUN/$n.qcow2,format=qcow2,if=none,id=d0,cache=unsafe" -device virtio-blk-pci,drive=d0 \
    "${disk[@]}" \
    -netdev "tap,id=n0,ifname=hk0-$n,script=no,downscript=no" -device "virtio-net-pci,netdev=n0,mac=52:54:00:98:00:$mac" \
    -netdev "tap,id=n1,ifname=hk1-$n,script=no,downscript=no" -device "virtio-net-pci,netdev=n1,mac=52:54:00:98:01:$mac" \
    -device virtio-rng-pci -serial "file:$RUN/console-$n.log" -daemonize -pidfile "$RUN/$n.pid"
  log "booting $n (pid $(cat "$RUN/$n.pid"), ${mem} MiB)"
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

up() {
  need_root
  local dir; dir=$(image | tail -1)
  down_quiet; mkdir -p "$RUN"; echo "$dir" > "$RUN/image"
  known_hosts > "$RUN/known_hosts"
  net
  for n in $NODES; do boot "$n"; done
  wait_ssh $NODES
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
  up) up ;;
  down) need_root; down_quiet ;;
  crash) crash "$2" ;;
  boot) boot "$2"; wait_ssh "$2" ;;
  known-hosts) known_hosts ;;
  # shellcheck disable=SC2046
  ssh) n=$2; shift 2; exec ssh $(ssh_opts) "root@${IP0[$n]}" "$@" ;;
  status) for n in $NODES; do printf '%s %s\n' "$n" "$( [ -f "$RUN/$n.pid" ] && kill -0 "$(cat "$RUN/$n.pid")" 2>/dev/null && echo up || echo down)"; done ;;
  *) echo "usage: $0 image|up|down|crash NODE|boot NODE|known-hosts|status|ssh NODE CMD..." >&2; exit 2 ;;
esac
