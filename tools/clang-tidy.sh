#!/bin/sh
# Runs clang-tidy with the checks of .clang-tidy on the product code (the .cc
# files under core/, extractors/, validators/ and pipeline/, not the *_test.cc
# files, tests/, tools/ or fuzz/) and fails on any warning.
#   tools/clang-tidy.sh [BUILD_DIR] [FILE...]
# BUILD_DIR (default build) must be configured and built (clang-tidy reads its
# compile_commands.json, and generated sources such as
# pipeline/version.cc must exist).
# FILEs limit the run to those files. JOBS (default 2) files run at once.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
[ $# -gt 0 ] && shift
DB="$BUILD/compile_commands.json"
if [ ! -f "$DB" ]; then
  echo "clang-tidy.sh: no $DB; configure and build first (cmake -S . -B $BUILD && cmake --build $BUILD)" >&2
  exit 1
fi
if [ $# -gt 0 ]; then
  FILES=$(printf '%s\n' "$@")
else
  FILES=$(python3 -c '
import json, os, re, sys
root = os.getcwd() + "/"
seen = set()
for entry in json.load(open(sys.argv[1])):
    f = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    rel = f[len(root):] if f.startswith(root) else None
    if rel and re.match(r"(core|extractors|validators|pipeline)/", rel) \
            and not rel.endswith("_test.cc") and rel not in seen:
        seen.add(rel)
        print(rel)
' "$DB" | sort)
fi
[ -n "$FILES" ] || { echo "clang-tidy.sh: no product files in $DB" >&2; exit 1; }
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
# --quiet drops the "N warnings generated" chatter; WarningsAsErrors in
# .clang-tidy makes every finding an error, so any finding fails the run.
if printf '%s\n' "$FILES" | xargs -P "${JOBS:-2}" -n 1 clang-tidy -p "$BUILD" --quiet >"$OUT" 2>&1; then
  echo "clang-tidy: $(printf '%s\n' "$FILES" | wc -l) files, no warnings"
  exit 0
fi
grep -E "(warning|error):" "$OUT" | sort -u
echo "clang-tidy: findings above (checks and reasons in .clang-tidy)" >&2
exit 1
