#!/bin/bash
# capture.sh OUTDIR: the real output of every probe item the operator reads, from a running kernel lab
# (kernel-lab.sh up, the seed converged by KernelLab*IT with -Dhastorage.lab.keep=true). Each file
# starts with provenance lines "#| ..." (node, kernel, tool versions, the command) that the tests'
# Captured.read strips. Read-only: nothing here changes a guest.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${1:?usage: capture.sh OUTDIR [TAG]}
TAG=${2:-}
mkdir -p "$OUT"
LAB=$HERE/kernel-lab.sh

versions() {
  "$LAB" ssh "$1" 'echo "kernel $(uname -r) ($(. /etc/os-release; echo "$PRETTY_NAME"))"
    for p in drbd-utils corosync pacemaker resource-agents targetcli-fb open-iscsi multipath-tools ocfs2-tools lvm2 util-linux iptables; do
      dpkg-query -W -f "\${Package} \${Version}, " $p 2>/dev/null; done; echo
    [ -r /proc/drbd ] && head -1 /proc/drbd
    [ -r /sys/kernel/scst_tgt/version ] && echo "SCST $(head -1 /sys/kernel/scst_tgt/version)"; true'
}

# capture NODE NAME COMMAND: the command's stdout (stderr dropped, as the probe does) into OUT/NODE-NAME
capture() {
  local node=$1 name=$2 cmd=$3 file
  file="$OUT/$node-$name${TAG:+-$TAG}"
  local out rc=0
  out=$("$LAB" ssh "$node" "$cmd" 2>/dev/null) || rc=$?
  {
    echo "#| captured $(date -u +%Y-%m-%dT%H:%M:%SZ) on kernel-lab guest $node by e2e/kernel-lab/capture.sh"
    versions "$node" | sed 's/^/#| /'
    echo "#| \$ $cmd"
    # the exit code tells an empty answer from a failed one (blkid exits 2 for both "nothing found"
    # and a device it cannot open, e.g. a DRBD Secondary's)
    echo "#| exit $rc"
    if [ -n "$out" ]; then printf '%s\n' "$out"; fi
  } > "$file"
  echo "captured $file ($(wc -l < "$file") lines)"
}

# only the guests that run (kernel-lab.sh up ta tb boots the targets alone)
running() { local s; s=$("$LAB" status); for n in "$@"; do grep -qx "$n up" <<<"$s" && echo "$n"; done; true; }

for t in $(running ta tb); do
  capture $t proc-drbd.txt 'cat /proc/drbd'
  capture $t drbdsetup-status-json.txt 'drbdsetup status --json'
  capture $t drbdadm-status.txt 'drbdadm status all'
  capture $t drbdadm-version.txt 'drbdadm --version'
  capture $t crm_mon.xml 'crm_mon --one-shot --output-as=xml'
  capture $t cibadmin-query.xml 'cibadmin --query'
  capture $t corosync-cfgtool-s.txt 'corosync-cfgtool -s'
  capture $t blkid-backing.txt 'blkid -p -o export -- /dev/vdb'
  capture $t wipefs-backing.txt 'wipefs --no-act --parsable -- /dev/vdb'
  capture $t blkid-drbd0.txt 'blkid -p -o export -- /dev/drbd0'
  capture $t wipefs-drbd0.txt 'wipefs --no-act --parsable -- /dev/drbd0'
  capture $t lvm-pvs.txt 'pvs --noheadings --separator "|" -o pv_name,vg_name'
  capture $t iptables-S-INPUT.txt 'iptables -S INPUT'
  capture $t targetcli-ls.txt 'targetcli ls'
  capture $t scst-sysfs.txt 'cd /sys/kernel/scst_tgt 2>/dev/null && cat version && find targets devices -maxdepth 4 | sort'
  capture $t scstadmin-list-target.txt 'scstadmin -list_target -driver iscsi'
  capture $t proc-modules.txt 'cat /proc/modules'
  capture $t systemctl-show.txt 'systemctl show --property=Id,LoadState,ActiveState,UnitFileState,WantedBy corosync.service pacemaker.service'
done
for i in $(running ia ib); do
  capture $i iscsiadm-session-P3.txt 'iscsiadm -m session -P 3'
  capture $i iscsiadm-node.txt 'iscsiadm -m node'
  capture $i iscsiadm-discoverydb.txt 'iscsiadm -m discoverydb'
  capture $i multipath-ll.txt 'multipath -ll'
  capture $i proc-mounts.txt 'cat /proc/mounts'
  capture $i blkid-mpath.txt 'for d in /dev/disk/by-id/dm-uuid-mpath-*; do blkid -p -o export -- "$d"; done'
  capture $i wipefs-mpath.txt 'for d in /dev/disk/by-id/dm-uuid-mpath-*; do wipefs --no-act --parsable -- "$d"; done'
  capture $i systemctl-show.txt 'systemctl show --property=Id,LoadState,ActiveState,UnitFileState,WantedBy iscsid.service open-iscsi.service multipathd.service o2cb.service'
  capture $i o2cb-list-nodes.txt 'o2cb list-nodes klabo2cb'
done
