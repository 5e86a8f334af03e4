#!/bin/sh
# The CLI contract of README.md: output shapes and exit codes.
#   tests/cli_test.sh BUILD_DIR
set -u
BIN="$1/verdeelscan"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SEED="$SRC/samples/seeds/001_6cd23678e9073bd3.txt"   # a bundle: four documents
IBT="$SRC/samples/seeds/004_d3d8332728886765.txt"    # one document
fail() { echo "FAIL: $*"; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$BIN" extract "$IBT" > "$TMP/one.json"; rc=$?
[ $rc = 0 ] || fail "good input: exit $rc, expected 0"
head -c 1 "$TMP/one.json" | grep -q '{' || fail "one record must print one object"
grep -q '"kind": "ibt_brief"' "$TMP/one.json" || fail "seed 004 must be an ibt_brief"

"$BIN" extract "$SEED" > "$TMP/bundle.json"; rc=$?
[ $rc = 0 ] || fail "bundle: exit $rc, expected 0"
head -c 1 "$TMP/bundle.json" | grep -q '\[' || fail "a bundle must print an array"
grep -q '"status": "repaired"' "$TMP/bundle.json" || fail "seed 001's besluit must be repaired"

"$BIN" extract "$SEED" --kind verdeelbesluit > "$TMP/besluit.json"; rc=$?
[ $rc = 0 ] || fail "--kind: exit $rc, expected 0"
head -c 1 "$TMP/besluit.json" | grep -q '{' || fail "--kind with one match must print one object"
grep -q '"kind": "verdeelbesluit"' "$TMP/besluit.json" || fail "--kind verdeelbesluit"
grep -q '"kind": "email"' "$TMP/besluit.json" && fail "--kind must leave the other kinds out"
"$BIN" extract /nonexistent.txt --kind verdeelbesluit > "$TMP/nf.json"; rc=$?
[ $rc = 2 ] || fail "--kind with a failed input: exit $rc, expected 2"
grep -q '"status": "failed"' "$TMP/nf.json" || fail "--kind must not hide a failed record"

"$BIN" extract "$SEED" /nonexistent.txt > "$TMP/two.json"; rc=$?
[ $rc = 2 ] || fail "a failed input: exit $rc, expected 2"
head -c 1 "$TMP/two.json" | grep -q '\[' || fail "several records must print an array"
grep -q '"status": "failed"' "$TMP/two.json" || fail "the failed input must still have its record"

"$BIN" extract "$SEED" "$SEED" --format jsonl > "$TMP/l.jsonl"; rc=$?
[ $rc = 0 ] || fail "jsonl: exit $rc"
[ "$(grep -c '^{' "$TMP/l.jsonl")" -ge 2 ] || fail "jsonl: one object per line"

"$BIN" extract > /dev/null 2>&1; rc=$?
[ $rc = 1 ] || fail "no input: exit $rc, expected 1"
"$BIN" extract --format xml "$SEED" > /dev/null 2>&1; rc=$?
[ $rc = 1 ] || fail "bad option: exit $rc, expected 1"
"$BIN" extract --help | grep -q -- "--format" || fail "--help must explain --format"
echo "cli: ok"
