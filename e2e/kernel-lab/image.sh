#!/bin/bash
# image.sh: how the kernel lab's image is made (sourced by kernel-lab.sh). Everything the image is made
# of is in this file, guest/, boot-init and scst/: the cache key hashes exactly these, so editing how guests
# boot or network (kernel-lab.sh) never rebuilds the image.

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
  { echo "$1"; printf '%s\n' "${PKGS[@]}" "${DISABLE[@]}"; cat "$HERE/image.sh" "$HERE/boot-init"
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

