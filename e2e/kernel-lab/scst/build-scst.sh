#!/usr/bin/env bash
# Build SCST (core + device handlers, iscsi-scst, scstadmin) from the vendored source tarball against Debian's
# linux-headers for one kernel ABI, and stage it, with the seed's scst-ocf Pacemaker agents, into DESTDIR for a
# Debian 12 (merged-/usr) guest root file system.
#
#   build-scst.sh KV DESTDIR        e.g. build-scst.sh 6.1.0-57-amd64 /var/tmp/scst-stage
#
# Run as root on Debian 12; the only network needed is Debian's archive (apt). Nothing is installed on the host
# except the apt packages below: every file produced goes to DESTDIR (depmod is never run on the host).
#
# Environment (all optional):
#   VENDOR_DIR      where the tarballs are (default: <repo root>/../shared/vendor)
#   SCST_WORK_DIR   scratch dir for the build (default: ${TMPDIR:-/var/tmp}/hastorage-scst-build/KV); wiped first
#   JOBS            make -j (default 2)
#   SCST_ISERT=1    also build isert-scst.ko (iSER over RDMA; needs the guest's ib_core/rdma_cm). Default 0
#   SCST_NO_DLM=1   build scst.ko without its DLM support (scst.ko then does not depend on dlm.ko). Default 0
#   SCST_SERVICE=0  do not stage scst.service + /etc/init.d/scst (staged by default, never enabled)
#   SCST_KEEP_WORK=1  keep the build tree after success (logs are always kept)
#   VERBOSE=1       stream make output (otherwise it goes to SCST_WORK_DIR/logs and its tail is shown on failure)
set -euo pipefail

usage() { echo "usage: $0 KV DESTDIR   (KV: kernel ABI such as 6.1.0-57-amd64)" >&2; exit 2; }
die() { echo "build-scst: ERROR: $*" >&2; exit 1; }
log() { printf 'build-scst: [%4ss] %s\n' "$SECONDS" "$*"; }

[ $# -eq 2 ] || usage
KV=$1
[[ $KV =~ ^[0-9]+\.[0-9]+\.[0-9]+[-.A-Za-z0-9_+]*$ ]] || die "KV '$KV' does not look like a kernel ABI"
[ -n "$2" ] || usage
DESTDIR=$(realpath -m -- "$2")
[ "$DESTDIR" != / ] || die "refusing DESTDIR=/ (this script never installs into the host)"

SCRIPT=$(readlink -f -- "${BASH_SOURCE[0]}")
SCRIPT_DIR=$(dirname -- "$SCRIPT")
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../../.." && pwd -P)          # e2e/kernel-lab/scst -> repo root
VENDOR_DIR=${VENDOR_DIR:-$REPO_ROOT/../shared/vendor}
SCST_TARBALL=$VENDOR_DIR/scst-3.10-110-gaa5cc2dd7.tar.gz
OCF_TARBALL=$VENDOR_DIR/scst-ocf-847509210ce7.tar.gz
JOBS=${JOBS:-2}
SCST_ISERT=${SCST_ISERT:-0}
SCST_NO_DLM=${SCST_NO_DLM:-0}
SCST_SERVICE=${SCST_SERVICE:-1}
SCST_KEEP_WORK=${SCST_KEEP_WORK:-0}
VERBOSE=${VERBOSE:-0}
STAMP=$DESTDIR/.scst-build-stamp
MANIFEST=$DESTDIR/.scst-build-manifest

for f in "$SCST_TARBALL" "$OCF_TARBALL"; do [ -r "$f" ] || die "missing $f (set VENDOR_DIR)"; done

# ---- cache: same tarballs + KV + options + this script => nothing to do -------------------------------------------
KEY=$(
  {
    sha256sum <"$SCST_TARBALL"; sha256sum <"$OCF_TARBALL"; sha256sum <"$SCRIPT"
    echo "kv=$KV isert=$SCST_ISERT nodlm=$SCST_NO_DLM service=$SCST_SERVICE"
  } | sha256sum | cut -d' ' -f1
)
MODDIR_REL=usr/lib/modules/$KV/extra          # Debian 12 is merged-/usr: /lib/modules == /usr/lib/modules
if [ -f "$STAMP" ] && [ "$(head -n1 "$STAMP")" = "key=$KEY" ] && [ -f "$DESTDIR/$MODDIR_REL/scst.ko" ]; then
  echo "build-scst: up to date for $KV in $DESTDIR (stamp key ${KEY:0:12}); nothing to do"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "must run as root (apt-get install of headers and build deps)"
[ -r /etc/debian_version ] || die "not a Debian system"

WORK=${SCST_WORK_DIR:-${TMPDIR:-/var/tmp}/hastorage-scst-build/$KV}
WORK=$(realpath -m -- "$WORK")
case "$DESTDIR/" in "$WORK/"*) die "DESTDIR must not be inside SCST_WORK_DIR ($WORK)";; esac
case "$WORK/" in "$DESTDIR/"*) die "SCST_WORK_DIR must not be inside DESTDIR ($DESTDIR)";; esac
mkdir -p "$(dirname "$WORK")"
exec 9>"$WORK.lock"
flock -w 3600 9 || die "another build holds $WORK.lock"

SRC=$WORK/src
OCF=$WORK/ocf
STAGE=$WORK/stage
LOGS=$WORK/logs
rm -rf "$WORK"
mkdir -p "$SRC" "$OCF" "$STAGE" "$LOGS"

# run STEP CMD...: run a build step, output to $LOGS/STEP.log (and stdout when VERBOSE=1)
run() {
  local step=$1; shift
  local t0=$SECONDS rc=0
  log "$step ..."
  if [ "$VERBOSE" = 1 ]; then
    "$@" 2>&1 | tee "$LOGS/$step.log" || rc=$?
  else
    "$@" >"$LOGS/$step.log" 2>&1 || rc=$?
  fi
  if [ $rc -ne 0 ]; then
    [ "$VERBOSE" = 1 ] || tail -n 60 "$LOGS/$step.log" >&2
    die "step '$step' failed (rc=$rc); full log: $LOGS/$step.log"
  fi
  log "$step done in $((SECONDS - t0)) s"
}

# ---- packages ----------------------------------------------------------------------------------------------------
# linux-headers-KV pulls linux-kbuild and the matching gcc (gcc-12 on Debian 12); openssl makes SCST's throwaway
# module-signing key; perl (not just perl-base) has ExtUtils::MakeMaker for scstadmin's SCST::SCST module.
PKGS=("linux-headers-$KV" make gcc libc6-dev perl openssl kmod)
missing=()
for p in "${PKGS[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  APT=(apt-get -q -o DPkg::Lock::Timeout=600)
  has_candidate() { [[ $(apt-cache policy "$1" 2>/dev/null) == *"Candidate: "[0-9]* ]]; }
  if ! has_candidate "linux-headers-$KV"; then
    run apt-update "${APT[@]}" update
    has_candidate "linux-headers-$KV" ||
      die "linux-headers-$KV is not in Debian's archive (the archive keeps only the current ABI; see apt-cache depends linux-image-amd64)"
  fi
  run apt-install "${APT[@]}" install -y --no-install-recommends "${missing[@]}"
fi
KDIR=/usr/src/linux-headers-$KV
[ -f "$KDIR/.config" ] && [ -f "$KDIR/Module.symvers" ] || die "no kernel build tree at $KDIR"
grep -q "^#define UTS_RELEASE \"$KV\"" "$KDIR/include/generated/utsrelease.h" ||
  die "$KDIR is not for $KV ($(cat "$KDIR/include/generated/utsrelease.h"))"

# ---- sources -----------------------------------------------------------------------------------------------------
tar -xzf "$SCST_TARBALL" -C "$SRC" --strip-components=1 --no-same-owner
tar -xzf "$OCF_TARBALL" -C "$OCF" --strip-components=1 --no-same-owner
[ -f "$SRC/scst/Makefile" ] && [ -f "$SRC/iscsi-scst/Makefile" ] && [ -d "$SRC/scstadmin/scstadmin.sysfs" ] ||
  die "unexpected layout in $SCST_TARBALL"
SCST_NAME=$(basename "$SCST_TARBALL" .tar.gz)

# The sub-Makefiles are called directly (the top-level one runs git on every invocation). These are what the
# top-level Makefile would export; Kbuild turns them into the version strings shown by modinfo / sysfs.
export KVER=$KV
export BUILD_DATE; BUILD_DATE=$(date -u '+%Y/%m/%d-%H:%M:%S-%Z%:z')
export ARCH_TYPE; ARCH_TYPE=$(uname -m)
export GIT_COMMIT=${SCST_NAME##*-g}          # scst-3.10-110-gaa5cc2dd7 -> aa5cc2dd7
unset BUILD_NUMBER                           # upstream's is the git commit count: unknown from a tarball
if [ "$SCST_NO_DLM" = 1 ]; then export CONFIG_SCST_NO_DLM=y; else unset CONFIG_SCST_NO_DLM; fi
unset INSTALL_MOD_PATH PREFIX SBINDIR MANDIR
export -n DESTDIR

MK=(KDIR="$KDIR" KVER="$KV")
ISCSI_MK=()
[ "$SCST_ISERT" = 1 ] || ISCSI_MK=(INFINIBAND_ENABLED=false)
# Installs: modules under STAGE/usr/lib/modules/KV/extra (INSTALL_MOD_PATH), depmod disabled (DEPMOD=true: the
# guest image runs depmod over its whole module tree), modules stripped of debug info (they are built with -g).
INST=(DESTDIR="$STAGE" INSTALL_MOD_PATH="$STAGE/usr" INSTALL_MOD_STRIP=1 DEPMOD=true PREFIX=/usr/local)

# ---- build -------------------------------------------------------------------------------------------------------
run scst-2release make -C "$SRC/scst" 2release               # release mode: tracing only, no debug/extra checks
grep -qx 'BUILD_MODE=RELEASE' "$SRC/scst/build_mode" || die "2release did not set BUILD_MODE=RELEASE"
# The module-signing key first and serially: its rule has two non-grouped targets, so under -j openssl runs
# twice at once on the same files. (The signature is dropped anyway when the modules are stripped at install;
# the guest kernel loads them unsigned, as MODULE_SIG_FORCE is off, and marks itself tainted.)
run scst-certs make -C "$SRC/scst/src/certs" KDIR="$KDIR"
run scst-build make -C "$SRC/scst" -j"$JOBS" "${MK[@]}" all
run iscsi-build make -C "$SRC/iscsi-scst" -j"$JOBS" "${MK[@]}" "${ISCSI_MK[@]}" all
run scstadmin-build make -C "$SRC/scstadmin" all

# ---- install into the stage --------------------------------------------------------------------------------------
run scst-install make -C "$SRC/scst" "${MK[@]}" "${INST[@]}" install
run iscsi-install make -C "$SRC/iscsi-scst" "${MK[@]}" "${ISCSI_MK[@]}" "${INST[@]}" \
  SBINDIR=/usr/local/sbin MANDIR=/usr/local/share/man install
# scstadmin: only the sysfs flavour's own install (perl module + scstadmin with its lib path filled in); the
# top-level scstadmin install would also run systemctl/update-rc.d through chroot.
run scstadmin-install make -C "$SRC/scstadmin/scstadmin.sysfs" DESTDIR="$STAGE" PREFIX=/usr/local \
  SBINDIR=/usr/local/sbin install

if [ "$SCST_SERVICE" = 1 ]; then
  # scst.service runs /etc/init.d/scst, so both go together; neither is enabled (no rc.d / wants links).
  install -d "$STAGE/etc/init.d" "$STAGE/etc/default" "$STAGE/usr/lib/systemd/system"
  (cd "$SRC/scstadmin" && sh init.d/scst) >"$STAGE/etc/init.d/scst"
  chmod 0755 "$STAGE/etc/init.d/scst"
  install -m 0644 "$SRC/scstadmin/systemd/scst.service" "$STAGE/usr/lib/systemd/system/scst.service"
  install -m 0644 "$SRC/scstadmin/default/scst" "$STAGE/etc/default/scst"
fi

# the seed's Pacemaker agents (ocf:scst:SCSTTarget, SCSTLun, SCSTLunMS)
install -d "$STAGE/usr/lib/ocf/resource.d/scst"
for a in SCSTTarget SCSTLun SCSTLunMS; do
  mapfile -t found < <(find "$OCF" -type f -name "$a")
  [ ${#found[@]} -eq 1 ] || die "expected one $a in $OCF_TARBALL, found ${#found[@]}"
  install -m 0755 "${found[0]}" "$STAGE/usr/lib/ocf/resource.d/scst/$a"
done

# drop what the guest does not need: headers + Module.symvers, man pages, perllocal/.packlist, any modules.* index
rm -rf "$STAGE/usr/local/include" "$STAGE/usr/local/man" "$STAGE/usr/local/share/man"
find "$STAGE" \( -name perllocal.pod -o -name .packlist \) -delete
rm -f "$STAGE/usr/lib/modules/$KV"/modules.*
find "$STAGE" -depth -type d -empty ! -path "$STAGE/var/lib/scst*" -delete
find "$STAGE" -type d -exec chmod 0755 {} +       # MakeMaker leaves its perl dirs group-writable

# ---- checks on the stage -----------------------------------------------------------------------------------------
MODDIR=$STAGE/$MODDIR_REL
for k in scst.ko dev_handlers/scst_vdisk.ko iscsi-scst.ko; do
  [ -f "$MODDIR/$k" ] || die "missing $MODDIR_REL/$k"
done
mapfile -t KOS < <(cd "$STAGE" && find "$MODDIR_REL" -name '*.ko' | sort)
for k in "${KOS[@]}"; do
  vm=$(modinfo -F vermagic "$STAGE/$k")
  [ "${vm%% *}" = "$KV" ] || die "$k has vermagic '$vm', expected $KV"
done
for b in iscsi-scstd iscsi-scst-adm scstadmin; do
  [ -x "$STAGE/usr/local/sbin/$b" ] || die "missing usr/local/sbin/$b"
done
SCST_PM=$(cd "$STAGE" && find usr -path '*/SCST/SCST.pm' -print -quit)
[ -n "$SCST_PM" ] || die "SCST/SCST.pm was not installed"
PERL_LIB=/${SCST_PM%/SCST/SCST.pm}
grep -qF "'$PERL_LIB'" "$STAGE/usr/local/sbin/scstadmin" || die "scstadmin does not point at $PERL_LIB"
perl -e 'exit(grep({ $_ eq $ARGV[0] } @INC) ? 0 : 1)' "$PERL_LIB" ||
  echo "build-scst: note: $PERL_LIB is not in this perl's @INC (scstadmin adds it itself)"
perl -I"$STAGE$PERL_LIB" -c "$STAGE/usr/local/sbin/scstadmin" >"$LOGS/perl-check.log" 2>&1 ||
  { cat "$LOGS/perl-check.log" >&2; die "scstadmin does not compile"; }
# module dependencies as depmod sees them, on a throw-away copy (never the host's /lib/modules)
DM=$WORK/depmod-check
mkdir -p "$DM/lib/modules"
cp -a "$STAGE/usr/lib/modules/$KV" "$DM/lib/modules/"
touch "$DM/lib/modules/$KV"/modules.{order,builtin,builtin.modinfo}
depmod -b "$DM" "$KV"
grep -qx 'extra/iscsi-scst.ko: extra/scst.ko' "$DM/lib/modules/$KV/modules.dep" &&
  grep -qx 'extra/dev_handlers/scst_vdisk.ko: extra/scst.ko' "$DM/lib/modules/$KV/modules.dep" ||
  { cat "$DM/lib/modules/$KV/modules.dep" >&2; die "unexpected module dependencies"; }
cp "$DM/lib/modules/$KV/modules.dep" "$LOGS/modules.dep.scst-only"
rm -rf "$DM"

# ---- copy the stage into DESTDIR ---------------------------------------------------------------------------------
mkdir -p "$DESTDIR"
if [ -f "$MANIFEST" ]; then                       # remove what a previous run of this script put there
  while IFS= read -r rel; do
    case "$rel" in ''|/*|*..*) continue;; esac
    rm -f -- "$DESTDIR/$rel"
  done <"$MANIFEST"
fi
rm -f "$STAMP"
cp -a "$STAGE/." "$DESTDIR/"
(cd "$STAGE" && find . \( -type f -o -type l \) -printf '%P\n' | sort) >"$MANIFEST.tmp"
mv "$MANIFEST.tmp" "$MANIFEST"

# ---- summary -----------------------------------------------------------------------------------------------------
SCST_VER=$(sed -n 's/^#define[[:blank:]]*SCST_VERSION_NAME[[:blank:]]*"\(.*\)".*/\1/p' "$SRC/scst/include/scst_const.h")
ISCSI_VER=$(sed -n 's/^#define[[:blank:]]*ISCSI_VERSION_STRING[[:blank:]]*"\(.*\)".*/\1/p' \
  "$SRC/iscsi-scst/include/iscsi_scst_ver.h")
ADM_VER=$(sed -n "s/^my \$Version[[:blank:]]*=[[:blank:]]*'\(.*\)'.*/\1/p" "$SRC/scstadmin/scstadmin.sysfs/scstadmin")
GCC_VER=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"/\1/p' "$KDIR/.config")
{
  echo "key=$KEY"
  echo "source=$SCST_NAME ($SCST_VER) ocf=$(basename "$OCF_TARBALL" .tar.gz)"
  echo "kernel=$KV built=$BUILD_DATE seconds=$SECONDS"
} >"$STAMP.tmp"
mv "$STAMP.tmp" "$STAMP"
[ "$SCST_KEEP_WORK" = 1 ] || rm -rf "$SRC" "$OCF" "$STAGE"

echo
echo "== SCST staged for $KV in $DESTDIR"
echo "source:     $SCST_NAME (SCST $SCST_VER, iscsi-scst $ISCSI_VER, $ADM_VER), release build mode"
echo "headers:    $KDIR ($GCC_VER)"
echo "modules:    (vermagic $KV)"
for k in "${KOS[@]}"; do printf '  /%s  %s KiB\n' "$k" "$(( $(stat -c %s "$DESTDIR/$k") / 1024 ))"; done
echo "binaries:   /usr/local/sbin/iscsi-scstd /usr/local/sbin/iscsi-scst-adm /usr/local/sbin/scstadmin"
echo "perl:       /$SCST_PM"
echo "agents:     /usr/lib/ocf/resource.d/scst/{SCSTTarget,SCSTLun,SCSTLunMS}"
[ "$SCST_SERVICE" = 1 ] && echo "service:    /usr/lib/systemd/system/scst.service + /etc/init.d/scst (not enabled)"
echo "files:      $(wc -l <"$MANIFEST") (list: $MANIFEST)"
echo "logs:       $LOGS"
echo "time:       ${SECONDS} s"
