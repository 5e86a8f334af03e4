#!/bin/bash
# Writes what the product says about a set of inputs into one folder, so that
# two builds can be compared file by file: a restructuring that claims "no
# behaviour change" proves it with
#
#   tools/results-snapshot.sh build-before /tmp/before INPUT...
#   tools/results-snapshot.sh build        /tmp/after  INPUT...
#   diff -r /tmp/before /tmp/after && echo identical
#
# INPUT is a file or a folder (every file under it, recursively; truth files
# and scangen's helpers are skipped). For each input file it writes the JSONL
# of `verdeelscan extract` (the records, one per line, exactly as printed)
# and its exit status; for each folder the per-document report of
# `verdeelscan-eval --json` without its timings. Both depend only on the
# inputs and the program, not on the time or the machine, so any difference is a change in behaviour.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 BUILD_DIR OUT_DIR INPUT..." >&2
  exit 2
fi
BUILD=$1 OUT=$2
shift 2
mkdir -p "$OUT"
snapshot_file() {  # snapshot_file FILE
  local name
  name=$(printf '%s' "$1" | sed 's|^/||; s|/|__|g')
  set +e
  "$BUILD/verdeelscan" extract --format jsonl "$1" >"$OUT/$name.jsonl" 2>/dev/null
  echo "exit $?" >"$OUT/$name.status"
  set -e
}
for input in "$@"; do
  if [ -d "$input" ]; then
    while IFS= read -r f; do
      snapshot_file "$f"
    done < <(find "$input" -type f ! -name '*.truth.json' ! -name 'truth.json' \
      ! -name '*.md' ! -name 'manifest*' | LC_ALL=C sort)
    if [ -x "$BUILD/verdeelscan-eval" ]; then
      name=$(printf '%s' "$input" | sed 's|^/||; s|/|__|g')
      # Without the timings, which vary from run to run.
      "$BUILD/verdeelscan-eval" --json "$input" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
def drop(v):
    if isinstance(v, dict):
        return {k: drop(x) for k, x in v.items() if not k.startswith("seconds")}
    return [drop(x) for x in v] if isinstance(v, list) else v
print(json.dumps(drop(json.load(sys.stdin)), indent=1, sort_keys=True))' >"$OUT/$name.eval.json" || true
    fi
  else
    snapshot_file "$input"
  fi
done
echo "$(find "$OUT" -name '*.jsonl' | wc -l) inputs snapshotted into $OUT"
