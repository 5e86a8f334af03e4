#!/bin/sh
# `verdeelscan national` over a real batch folder: the Overijssel besluit of
# seed 001 passes every check of its province, the other eleven provinces
# fail besluit.found, and batch wrote national.csv and allocations_national.csv.
#   tests/national_cli_test.sh BUILD_DIR
set -u
BIN="$(cd "$1" && pwd)/verdeelscan"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
fail() { echo "FAIL: $*"; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$BIN" batch "$SRC/samples/seeds/001_6cd23678e9073bd3.txt" --out "$TMP/out" 2>/dev/null; rc=$?
[ $rc = 0 ] || fail "batch: exit $rc"
for f in national.csv allocations_national.csv; do
  [ -s "$TMP/out/$f" ] || fail "batch did not write $f"
done
grep -q '^2024,Overijssel,counted,.*,6015733,repaired,5787,538,6325,5787,538,6325,5787,538,6325,5787,538,6325,25,25,' \
  "$TMP/out/national.csv" || fail "national.csv: Overijssel row"
[ "$(grep -c '^2024,GM' "$TMP/out/allocations_national.csv")" = 342 ] || fail "342 municipalities"
# RFC 4180: every record ends with CRLF.
tr -d '\r' < "$TMP/out/allocations_national.csv" |
  grep -q '^2024,GM0148,Dalfsen,Overijssel,142,26,168,6015733,2024-12-20,dffe0d032b8b75e4:l212-1487,repaired,$' ||
  fail "Dalfsen's proven figures"
[ "$(grep -c "$(printf '\r')\$" "$TMP/out/allocations_national.csv")" = 343 ] || fail "CRLF after every record"

"$BIN" national "$TMP/out" > "$TMP/report.txt"; rc=$?
[ $rc = 2 ] || fail "eleven provinces without a besluit: exit $rc, expected 2"
grep -q '^Overijssel .*25/25 *pass$' "$TMP/report.txt" || fail "Overijssel must pass"
[ "$(grep -c '^  fail besluit.found' "$TMP/report.txt")" = 11 ] || fail "eleven besluit.found fails"
grep -q '^Nederland .*incomplete$' "$TMP/report.txt" || fail "national sum must be incomplete"

"$BIN" national "$TMP/out" --format json > "$TMP/report.json"; rc=$?
[ $rc = 2 ] || fail "json: exit $rc"
grep -q '"id": "national.opgave"' "$TMP/report.json" || fail "json: national check"

"$BIN" national "$TMP/nothing" > /dev/null 2>&1; rc=$?
[ $rc = 3 ] || fail "a folder without records.jsonl: exit $rc, expected 3"
echo "national cli: ok"
