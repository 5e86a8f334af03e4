#!/bin/sh
# README.md's GNU parallel recipe ("Past one machine"), run as written but
# with the local machine as the worker (-S 2/: : two job slots on the local
# computer, no ssh) instead of host1 and host2, on a few small inputs (text
# dumps and the seeds: quick). Its merged folder must equal one batch over
# all the files:
#   - records.jsonl, allocations.csv and review.csv: the same lines, after
#     sorting (shards finish in any order; the header line of each CSV must
#     be the same and first),
#   - the catalogue's files (without the seconds each file took) and records
#     tables.
# Not compared: allocations.xlsx (the same rows as allocations.csv) and the
# runs table (a merge records other runs than a batch).
#   tests/parallel_recipe_test.sh BUILD_DIR
set -u
BUILD="$(cd "$1" && pwd)"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
fail() { echo "FAIL: $*"; exit 1; }
command -v parallel >/dev/null || fail "GNU parallel is not installed (tools/install-deps.sh)"
command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (tools/install-deps.sh)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# The recipe calls `verdeelscan`: this build's.
PATH="$BUILD:$PATH"
export PATH

# The recipe's lines, from README.md, with the local machine for the hosts
# and the test's input folder for release/.
sed -n '/^# GNU parallel over ssh/,/^verdeelscan merge/p' "$SRC/README.md" > "$TMP/recipe.readme"
grep -q 'parallel -S 2/host1,2/host2' "$TMP/recipe.readme" ||
  fail "README.md's recipe not found (the lines from '# GNU parallel over ssh' to 'verdeelscan merge')"
sed -e 's|-S 2/host1,2/host2|-S 2/:|' -e 's|find release/|find inputs/|' "$TMP/recipe.readme" \
  > "$TMP/recipe.sh"
grep -q -- '-S 2/:' "$TMP/recipe.sh" || fail "could not point the recipe at the local machine"

mkdir -p "$TMP/inputs"
for f in "$SRC"/samples/dumps/*.txt "$SRC"/samples/seeds/*.txt "$SRC"/samples/letters/*.txt; do
  cp "$f" "$TMP/inputs/"
done
[ "$(ls "$TMP/inputs" | wc -l)" -ge 8 ] || fail "too few inputs"

cd "$TMP" || fail "cannot enter $TMP"
# --transferfile and --return have nothing to do on the local machine
# (parallel warns so on stderr); the recipe runs unchanged otherwise.
sh -e recipe.sh > recipe.log 2>&1
rc=$?
[ $rc = 0 ] || [ $rc = 2 ] || { cat recipe.log; fail "the recipe exited $rc"; }
[ "$(ls -d out.shard.* | wc -l)" = 4 ] || { cat recipe.log; fail "expected 4 shard folders"; }
[ -f merged/records.jsonl ] || { cat recipe.log; fail "merge wrote no records.jsonl"; }

verdeelscan -q batch inputs/ --out one -j 2; rc=$?
[ $rc = 0 ] || [ $rc = 2 ] || fail "the single batch exited $rc"

sorted() { sort "$1"; }
for f in records.jsonl allocations.csv review.csv; do
  [ -s "one/$f" ] || fail "one/$f is empty"
  sorted "one/$f" > "a.$f"
  sorted "merged/$f" > "b.$f"
  cmp -s "a.$f" "b.$f" || { diff "a.$f" "b.$f" | head -20; fail "$f of the merged shards differs from one run"; }
done
for f in allocations.csv review.csv; do
  [ "$(head -n 1 one/$f)" = "$(head -n 1 merged/$f)" ] || fail "$f: the header line differs"
done
[ "$(wc -l < one/records.jsonl)" -ge 8 ] || fail "too few records to compare"

tables() {
  sqlite3 "$1/catalogue.sqlite" "SELECT path, sha256, size, media, pages, status, error, options,
    version, artefacts, duplicate_of FROM files ORDER BY path;
    SELECT path, idx, kind, status, json, machine_json FROM records ORDER BY path, idx"
}
tables one > a.catalogue
tables merged > b.catalogue
[ -s a.catalogue ] || fail "the catalogue holds nothing"
cmp -s a.catalogue b.catalogue || { diff a.catalogue b.catalogue | head -20; fail "the merged catalogue differs from one run's"; }
echo "ok: README's parallel recipe (4 shards, -S 2/:) equals one batch over $(ls inputs | wc -l) files"
