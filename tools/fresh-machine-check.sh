#!/bin/sh
# Does README.md work on a fresh Debian 12? Makes a minimal bookworm root with
# debootstrap (--variant=minbase, from the mirror this machine's apt uses),
# gives it this machine's Debian apt sources (bookworm, -updates, -security:
# the same package versions) and /etc/resolv.conf, clones the committed `main`
# of this repository into /root/verdeelscan, and runs the first two ```sh
# blocks of that clone's README.md verbatim (install + build + run, then build
# + tests), as root, from the clone's top folder, in a chroot. Then builds the
# Debian package there (cpack -G DEB) and installs it with apt on a second
# fresh root, where `verdeelscan --version` and an extract must run.
# Exits non-zero when any step fails, naming which.
#
#   tools/fresh-machine-check.sh          (as root; needs debootstrap, git)
#
# Environment:
#   FRESH_CHECK_REF=REV     what to clone instead of main (a branch or commit);
#                           without it, and no branch main here, HEAD
#   FRESH_CHECK_CACHE=DIR   reuse a debootstrap tarball and apt's downloaded
#                           packages kept in DIR (made on the first run); off
#                           by default, so CI always starts from nothing
#   FRESH_CHECK_KEEP=1      keep the root afterwards (its path is printed)
#   TMPDIR                  where the root is made (default /var/tmp; needs ~5 GB)
set -eu
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SUITE=bookworm
CACHE="${FRESH_CHECK_CACHE:-}"
KEEP="${FRESH_CHECK_KEEP:-0}"
START=$(date +%s)
say() { echo "fresh-machine-check: $*"; }
die() { say "$*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

[ "$(id -u)" = 0 ] || die "run as root (debootstrap, mount and chroot need it)"
for tool in debootstrap git chroot mount umount; do
  command -v "$tool" >/dev/null ||
    die "$tool not found: install Debian's debootstrap and git (tools/install-deps.sh)"
done

# --- What to clone: committed main (or FRESH_CHECK_REF). -----------------------
REF="${FRESH_CHECK_REF:-main}"
if ! COMMIT=$(git -C "$SRC" rev-parse --verify --quiet "$REF^{commit}"); then
  [ -z "${FRESH_CHECK_REF:-}" ] || die "no such revision in $SRC: $REF"
  # A CI clone may hold the submitted main only as a detached HEAD.
  COMMIT=$(git -C "$SRC" rev-parse --verify "HEAD^{commit}") || die "$SRC is not a git clone"
  REF=HEAD
fi

# --- This machine's apt sources, one "URI SUITE COMPONENTS" per line. ----------
# One-line style (sources.list, *.list) and deb822 (*.sources) both.
host_sources() {
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
      awk '$1 == "deb" && NF >= 4 { c = $4; for (i = 5; i <= NF; i++) c = c " " $i; print $2, $3, c }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush(  n, m, i, j, U, S) {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && tolower(enabled) != "no") {
          n = split(uris, U); m = split(suites, S)
          for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print U[i], S[j], comps
        }
        types = uris = suites = comps = key = ""; enabled = "yes"
      }
      BEGIN { enabled = "yes" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]/ { next }   # continuation of a multi-line field (an inline key)
      {
        key = tolower(substr($0, 1, index($0, ":") - 1)); val = substr($0, index($0, ":") + 1)
        gsub(/^[ \t]+|[ \t]+$/, "", val)
        if (key == "types") types = val; else if (key == "uris") uris = val
        else if (key == "suites") suites = val; else if (key == "components") comps = val
        else if (key == "enabled") enabled = val
      }
      END { flush() }' "$f"
  done
}
# The Debian entries of this release only: bookworm, bookworm-updates,
# bookworm-security, ... (a third-party repository would need its own key).
SOURCES=$(host_sources | awk -v s="$SUITE" '($2 == s || index($2, s "-") == 1) &&
  $1 ~ /^(https?|file):/ && !seen[$0]++')
MIRROR=$(printf '%s\n' "$SOURCES" | awk -v s="$SUITE" '$2 == s { print $1; exit }')
[ -n "$MIRROR" ] || die "no '$SUITE' entry in /etc/apt/sources.list or /etc/apt/sources.list.d/"
say "mirror $MIRROR; suites: $(printf '%s\n' "$SOURCES" | awk '{ printf "%s ", $2 }')"
say "cloning $REF ($COMMIT) of $SRC"

# --- The root, and cleaning it up whatever happens. ---------------------------
BASE="${TMPDIR:-/var/tmp}"
WORK=$(mktemp -d "$BASE/fresh-machine.XXXXXX")
ROOT="$WORK/root"
MOUNTS=""   # mounted points, last mounted first
mount_in() {  # mount_in TARGET MOUNT-ARGS...
  target="$1"; shift
  mkdir -p "$target"
  mount "$@" "$target"
  MOUNTS="$target $MOUNTS"
}
cleanup() {
  rc=$?
  trap - EXIT INT TERM
  for m in $MOUNTS; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "cannot unmount $m" >&2
  done
  if [ "$KEEP" = 1 ]; then
    say "root kept in $ROOT"
  elif grep -q " $WORK/" /proc/self/mounts; then
    say "something is still mounted under $WORK: not removing it" >&2
  else
    rm -rf --one-file-system "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- A minimal root: debootstrap (from a cached tarball when asked), this -----
# machine's apt sources and acquire settings, DNS, /proc, /sys, /dev.
INCLUDE=""
case "$MIRROR" in https:*) INCLUDE="--include=ca-certificates" ;; esac
LOG="$WORK/debootstrap.log"
bootstrap() {
  # shellcheck disable=SC2086  # INCLUDE is one word or none
  debootstrap --variant=minbase $INCLUDE "$@" >"$LOG" 2>&1 || {
    tail -n 40 "$LOG" >&2
    die "debootstrap failed (log above)"
  }
}
make_root() {  # make_root DIR
  t=$(date +%s)
  if [ -n "$CACHE" ]; then
    mkdir -p "$CACHE"
    TARBALL="$CACHE/debootstrap-$SUITE-minbase-$(echo "$MIRROR $INCLUDE" | cksum | cut -d' ' -f1).tgz"
    if [ ! -f "$TARBALL" ]; then
      say "making the debootstrap tarball $TARBALL"
      bootstrap --make-tarball="$TARBALL.part" "$SUITE" "$WORK/tarball" "$MIRROR"
      mv "$TARBALL.part" "$TARBALL"
      rm -rf "$WORK/tarball"
    fi
    bootstrap --unpack-tarball="$TARBALL" "$SUITE" "$1" "$MIRROR"
  else
    bootstrap "$SUITE" "$1" "$MIRROR"
  fi
  say "debootstrap --variant=minbase $SUITE into $1: $(elapsed "$t")"

  rm -f "$1"/etc/apt/sources.list.d/*
  printf '%s\n' "$SOURCES" | awk '{ print "deb", $0 }' >"$1/etc/apt/sources.list"
  # Proxies and date checks (a mirror of a frozen snapshot has expired dates).
  apt-config dump | grep -E '^Acquire::(([a-z]+::)?Proxy|Check-Valid-Until|Check-Date) ' \
    >"$1/etc/apt/apt.conf.d/00host-acquire" || true
  rm -f "$1/etc/resolv.conf"
  cat /etc/resolv.conf >"$1/etc/resolv.conf"

  mount_in "$1/proc" -t proc proc
  mount_in "$1/sys" -t sysfs sysfs
  mount_in "$1/dev" --bind /dev
  mount_in "$1/dev/pts" --bind /dev/pts
  if mountpoint -q /dev/shm 2>/dev/null; then mount_in "$1/dev/shm" --bind /dev/shm; fi
  if [ -n "$CACHE" ]; then
    mkdir -p "$CACHE/apt-archives/partial"
    mount_in "$1/var/cache/apt/archives" --bind "$CACHE/apt-archives"
  fi
}
# run_in ROOT SCRIPT: SCRIPT as root in ROOT, with a fresh login's environment
# (nothing of this machine's leaks in).
run_in() {
  chroot "$1" /usr/bin/env -i HOME=/root TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/sh -e "$2" </dev/null
}
make_root "$ROOT"

# --- The committed tree, cloned as a user would. ------------------------------
CLONE=/root/verdeelscan
git clone --quiet --no-checkout "$SRC" "$ROOT$CLONE"
# A detached HEAD (FRESH_CHECK_REF unset in a CI clone) is on no branch.
git -C "$ROOT$CLONE" cat-file -e "$COMMIT^{commit}" 2>/dev/null ||
  git -C "$ROOT$CLONE" fetch --quiet "$SRC" HEAD
git -C "$ROOT$CLONE" -c advice.detachedHead=false checkout --quiet "$COMMIT"

# --- README.md's first two ```sh blocks, verbatim. ----------------------------
readme_block() {  # readme_block N: the Nth ```sh block of the clone's README.md
  awk -v want="$1" '
    /^```/ { if (inside) { inside = 0; if (n == want) exit; next }
             if ($0 ~ /^```sh[ \t]*$/) { n++; inside = 1 }; next }
    inside && n == want { print }' "$ROOT$CLONE/README.md"
}
FAILED=""
for step in 1 2; do
  block=$(readme_block "$step")
  [ -n "$block" ] || die "README.md has no ${step}. \`\`\`sh block"
  case $step in 1) name="install, build and run" ;; 2) name="tests" ;; esac
  { echo "cd $CLONE"; printf '%s\n' "$block"; } >"$ROOT/root/readme-step-$step.sh"
  say "README command $step ($name):"
  printf '%s\n' "$block" | sed 's/^/    /'
  t=$(date +%s)
  if run_in "$ROOT" "/root/readme-step-$step.sh"; then
    say "README command $step ($name) passed in $(elapsed "$t")"
  else
    say "README command $step ($name) FAILED (exit $?) after $(elapsed "$t")"
    FAILED="$FAILED $step"
  fi
done

if [ -n "$FAILED" ]; then
  say "FAILED: README command(s)$FAILED on a fresh Debian 12 (total $(elapsed "$START"))"
  exit 1
fi
say "passed: both README commands on a fresh Debian 12 ($(elapsed "$START"))"

# --- The Debian package, built in the first root, on a second fresh root. -----
t=$(date +%s)
cat >"$ROOT/root/package.sh" <<SCRIPT
cd $CLONE/build
cpack -G DEB -B /root/deb
SCRIPT
run_in "$ROOT" /root/package.sh >"$WORK/cpack.log" 2>&1 || {
  tail -n 30 "$WORK/cpack.log" >&2
  die "FAILED: cpack -G DEB in the build root (log above)"
}
DEB=$(ls "$ROOT"/root/deb/verdeelscan_*.deb | head -n 1)
say "built $(basename "$DEB") in $(elapsed "$t")"
ROOT2="$WORK/root2"
make_root "$ROOT2"
cp "$DEB" "$ROOT2/root/"
cp "$ROOT$CLONE/samples/seeds/001_6cd23678e9073bd3.txt" "$ROOT2/root/besluit.txt"
cat >"$ROOT2/root/install-deb.sh" <<SCRIPT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends /root/$(basename "$DEB") >/dev/null
verdeelscan --version
[ -f /usr/share/man/man1/verdeelscan.1.gz ] || [ -f /usr/share/man/man1/verdeelscan.1 ]
verdeelscan extract /root/besluit.txt | grep -q '"kind": "verdeelbesluit"'
SCRIPT
if run_in "$ROOT2" /root/install-deb.sh; then
  say "the package installs and runs on a second fresh Debian 12 ($(elapsed "$t"))"
else
  say "FAILED: the package on a fresh Debian 12 (exit $?)"
  exit 1
fi
say "passed: README commands and the Debian package (total $(elapsed "$START"))"
