#!/bin/sh
# Kills a batch with SIGKILL at random moments, reruns it, and compares with
# an uninterrupted run: the same catalogue row count, no record twice in
# records.jsonl, an identical allocations.csv.
#   tools/batch_killtest.sh BUILD_DIR [ROUNDS]
set -eu
BIN="$1/verdeelscan"
command -v sqlite3 >/dev/null ||
  { echo "sqlite3 not found: install Debian's sqlite3 (tools/install-deps.sh)"; exit 1; }
ROUNDS="${2:-3}"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in"
# 200 distinct inputs: the seeds with a distinguishing trailer line, plus bad ones.
n=0
while [ $n -lt 40 ]; do
  for f in "$SRC"/samples/seeds/*.txt; do
    { cat "$f"; printf '\nkopie %s\n' "$n"; } > "$WORK/in/$(basename "$f" .txt)_$n.txt"
  done
  n=$((n+1))
done
: > "$WORK/in/empty.txt"
printf '%%PDF-1.4 truncated' > "$WORK/in/truncated.pdf"

# Exit 2: the empty and truncated inputs are failed records (expected).
batch() { rc=0; "$BIN" batch "$WORK/in" --out "$1" -j 2 2>/dev/null || rc=$?; [ $rc = 2 ] || { echo "batch: exit $rc, expected 2"; exit 1; }; }
batch "$WORK/whole"
rows() { sqlite3 "$1" 'select count(*) from files'; }
expected_rows=$(rows "$WORK/whole/catalogue.sqlite")

r=0
while [ $r -lt "$ROUNDS" ]; do
  rm -rf "$WORK/killed"
  "$BIN" batch "$WORK/in" --out "$WORK/killed" -j 2 2>/dev/null &
  pid=$!
  sleep "0.$(( ($(od -An -N2 -tu2 /dev/urandom) % 9) + 1 ))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # A second kill during the rerun, then a final uninterrupted rerun.
  "$BIN" batch "$WORK/in" --out "$WORK/killed" -j 2 2>/dev/null &
  pid=$!
  sleep 0.3
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  batch "$WORK/killed"
  got_rows=$(rows "$WORK/killed/catalogue.sqlite")
  [ "$got_rows" = "$expected_rows" ] || { echo "round $r: $got_rows rows, expected $expected_rows"; exit 1; }
  dups=$(sort "$WORK/killed/records.jsonl" | uniq -d | wc -l)
  [ "$dups" = 0 ] || { echo "round $r: $dups duplicate records"; exit 1; }
  cmp -s "$WORK/whole/allocations.csv" "$WORK/killed/allocations.csv" ||
    { echo "round $r: allocations.csv differs"; exit 1; }
  cmp -s "$WORK/whole/records.jsonl" "$WORK/killed/records.jsonl" ||
    { echo "round $r: records.jsonl differs"; exit 1; }
  r=$((r+1))
done
echo "kill -9 test: $ROUNDS rounds, $expected_rows files each, nothing lost or doubled"
