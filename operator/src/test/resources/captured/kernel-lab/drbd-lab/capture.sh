# capture.sh -- walks DRBD 8.4 through the states the operator's parsers must read and keeps each
# command's stdout alone (stderr dropped, as the operator's probe does) in $CAP/states, with the exit
# codes in $CAP/states/index.txt. The files beside this script were cut from its output and given
# their "#| " provenance lines by hand.
#
# It is a scenario for the shared kernel-lab recipe (shared/lab/kernel-lab/lab.sh), run as root on
# 2026-12-07 with these changes to a copy of the recipe: GUESTS="ta tb", NS=qfix (its own network
# namespace), ssh ConnectTimeout=30, guest/bb/init made a symlink to /bin/busybox again (shared/
# stores it as a 12-byte text file), and `scenario() { . "$HERE/capture.sh"; }`. Then:
#   LAB=/tmp/fixlab/lab ./lab.sh build && ./lab.sh net && ./lab.sh boot && ./lab.sh scenario; ./lab.sh stop
set +e
OUT=$CAP/states; mkdir -p "$OUT"
cap() { local f=$1 n=$2; shift 2; g "$n" "$*" > "$OUT/$n-$f" 2>/dev/null; echo "$n-$f rc=$? \$ $*" >> "$OUT/index.txt"; }
run() { local n=$1; shift; echo "[$n] $*" >> "$OUT/steps.txt"; g "$n" "$*" >> "$OUT/steps.txt" 2>&1; echo "  rc=$?" >> "$OUT/steps.txt"; }
waitfor() { g "$1" "for i in \$(seq 600); do grep -q -E '$2' /proc/drbd && exit 0; sleep 0.5; done; exit 1"; }
# generous net timeouts: a starved TCG guest must not drop the connection on its own
RES='resource r0 {
  protocol C;
  device    /dev/drbd0;
  disk      /dev/vda;
  meta-disk internal;
  disk { c-plan-ahead 0; resync-rate 1M; }
  net  { max-buffers 8000; max-epoch-size 8000; ping-int 10; ping-timeout 50; timeout 60; connect-int 10; }
  on ta { address 10.0.0.11:7789; }
  on tb { address 10.0.0.12:7789; }
}'
for h in ta tb; do
  g $h "cat > /etc/drbd.d/r0.res" <<< "$RES"
  run $h modprobe drbd
  cap uname.txt $h uname -n -r
  cap os-release.txt $h cat /etc/os-release
  cap proc-modules.txt $h cat /proc/modules
  cap drbdadm-version.txt $h drbdadm --version
  cap dpkg-query.txt $h "dpkg-query -W -f '\${Package}\t\${Version}\t\${db:Status-Abbrev}\n' drbd-utils open-iscsi multipath-tools ocfs2-tools targetcli-fb util-linux nosuchpkg"
  cap proc-drbd-no-resource.txt $h cat /proc/drbd
  cap blkid-vda-blank.txt $h blkid -p -o export -- /dev/vda
  cap wipefs-vda-blank.txt $h wipefs --no-act --parsable -- /dev/vda
  run $h "yes yes | drbdadm create-md r0"
done
cap blkid-vda-drbd-md.txt ta blkid -p -o export -- /dev/vda
cap wipefs-vda-drbd-md.txt ta wipefs --no-act --parsable -- /dev/vda
cap sha256sum.txt ta sha256sum -- /etc/drbd.d/r0.res /etc/nonexistent.conf
cap blockdev-getsize64-vda.txt ta blockdev --getsize64 /dev/vda
# ta alone: waiting for its peer, then disconnected (8.4's attach needs the minor: use up, then disconnect)
run ta drbdadm up r0
sleep 2
cap proc-drbd-wfconnection-fresh.txt ta cat /proc/drbd
run ta drbdadm disconnect r0
sleep 1
cap proc-drbd-standalone-fresh.txt ta cat /proc/drbd
run ta drbdadm connect r0
run tb drbdadm up r0
waitfor ta 'cs:Connected'
cap proc-drbd-connected-inconsistent.txt ta cat /proc/drbd
cap drbdsetup-status-json-connected.txt ta drbdsetup status --json
# first sync at 1 MiB/s: SyncSource / SyncTarget with their progress lines, then paused
run ta drbdadm primary --force r0
sleep 8
cap proc-drbd-syncsource.txt ta cat /proc/drbd
cap proc-drbd-synctarget.txt tb cat /proc/drbd
run ta drbdadm pause-sync r0
sleep 1
cap proc-drbd-pausedsyncs.txt ta cat /proc/drbd
cap proc-drbd-pausedsynct.txt tb cat /proc/drbd
run ta drbdadm resume-sync r0
for h in ta tb; do run $h drbdadm disk-options --c-plan-ahead=0 --resync-rate=200M r0; done
waitfor ta 'ds:UpToDate/UpToDate'
cap blkid-drbd0-empty.txt ta blkid -p -o export -- /dev/drbd0
cap wipefs-drbd0-empty.txt ta wipefs --no-act --parsable -- /dev/drbd0
# the Secondary disconnects: StandAlone there, WFConnection with out-of-sync data on the Primary
run tb drbdadm disconnect r0
sleep 1
run ta "dd if=/dev/urandom of=/dev/drbd0 bs=1M count=4 oflag=direct status=none"
cap proc-drbd-standalone-disconnected.txt tb cat /proc/drbd
cap proc-drbd-wfconnection-oos.txt ta cat /proc/drbd
run tb drbdadm connect r0
waitfor ta 'cs:Connected.*ds:UpToDate/UpToDate'
# the Secondary detaches its disk: Diskless while connected
run tb drbdadm detach r0
sleep 1
cap proc-drbd-diskless.txt tb cat /proc/drbd
cap proc-drbd-peer-diskless.txt ta cat /proc/drbd
run tb drbdadm attach r0
waitfor tb 'ds:UpToDate/UpToDate'
# a minor with neither disk nor net after a gap in the minor numbers
run tb drbdsetup new-resource rx
run tb drbdsetup new-minor rx 3 0
cap proc-drbd-gap-unconfigured.txt tb cat /proc/drbd
run tb drbdsetup del-minor 3
run tb drbdsetup del-resource rx
# split brain: both disconnect, both write as Primary, tb steps down, both reconnect
for h in ta tb; do run $h drbdadm disconnect r0; done
run tb drbdadm primary r0
run ta "dd if=/dev/urandom of=/dev/drbd0 bs=1M count=1 oflag=direct status=none"
run tb "dd if=/dev/urandom of=/dev/drbd0 bs=1M count=2 oflag=direct status=none"
run tb drbdadm secondary r0
for h in tb ta; do run $h drbdadm connect r0; done
waitfor ta 'cs:StandAlone'   # the handshake comes after up to connect-int (10 s)
waitfor tb 'cs:StandAlone'
for h in ta tb; do
  cap proc-drbd-after-split-brain.txt $h cat /proc/drbd
  cap dmesg-split-brain.txt $h "dmesg | grep -E 'Split-Brain|drbd r0: conn'"
done
run tb "modprobe dm_multipath && modprobe dm_round_robin"
cap proc-modules-drbd-dm-multipath.txt tb cat /proc/modules
