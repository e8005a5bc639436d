# capture.sh -- appended to the shared kernel-lab recipe's scenario.sh (sourced after it by lab.sh, CRASH=0, run
# as root on 2026-12-07 with the recipe copy described in ../drbd-lab/capture.sh, GUESTS="ta tb ini"):
# read-only commands on the initiator, each one's stdout in its own file, stderr and exit code beside it.
OUT=$CAP/initiator; mkdir -p "$OUT"
cap() { local f=$1 n=$2; shift 2; g "$n" "$*" > "$OUT/$n-$f" 2> "$OUT/$n-$f.stderr"; echo "$n-$f rc=$? \$ $*" >> "$OUT/index.txt"; }
cap iscsiadm-node.txt ini iscsiadm -m node
cap iscsiadm-discoverydb.txt ini iscsiadm -m discoverydb
cap iscsiadm-node-record.txt ini iscsiadm -m node -T iqn.2024-01.lab.ha:r0 -p 10.0.0.100:3260
cap iscsiadm-session-P3.txt ini iscsiadm -m session -P 3
cap multipath-ll.txt ini multipath -ll
cap proc-mounts.txt ini cat /proc/mounts
cap ls-dm-uuid.txt ini "ls /dev/disk/by-id/ | grep dm-uuid-mpath"
cap blkid-mpath.txt ini "blkid -p -o export -- /dev/disk/by-id/dm-uuid-mpath-\$(multipath -ll | awk 'NR==1{gsub(/[()]/,\"\",\$2); print \$2}')"
cap wipefs-mpath.txt ini "wipefs --no-act --parsable -- /dev/disk/by-id/dm-uuid-mpath-\$(multipath -ll | awk 'NR==1{gsub(/[()]/,\"\",\$2); print \$2}')"
cap blockdev-getsize64-mpath.txt ini blockdev --getsize64 /dev/mapper/mpatha
cap debugfs-stats-mpath.txt ini debugfs.ocfs2 -R stats /dev/mapper/mpatha
cap uname.txt ini uname -n -r
cap o2cb-cluster-status.txt ini o2cb cluster-status labclu
cap proc-modules.txt ini cat /proc/modules
cat "$OUT/index.txt"
