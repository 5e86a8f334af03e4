#!/bin/sh
# The CLI contract of README.md: output shapes and exit codes.
#   tests/cli_test.sh BUILD_DIR
set -u
BIN="$(cd "$1" && pwd)/verdeelscan"
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

# The reading options are declared once for every command that reads files:
# extract and batch show the same names, defaults, ranges and help, and both
# apply them.
reading_options() { "$BIN" "$1" --help | grep -A1 -E '^  --(dpi|max-)'; "$BIN" "$1" --help | grep -E '^  --no-reread'; }
[ "$(reading_options extract | grep -c -- '^  --')" = 7 ] || fail "extract: seven reading options"
[ "$(reading_options extract)" = "$(reading_options batch)" ] ||
  fail "extract and batch must take the same reading options"
"$BIN" extract "$IBT" --max-file-bytes 10 > "$TMP/small.json"; rc=$?
[ $rc = 2 ] || fail "extract --max-file-bytes 10: exit $rc, expected 2"
mkdir -p "$TMP/limit" && cp "$IBT" "$TMP/limit/"
"$BIN" batch "$TMP/limit" --out "$TMP/blimit" --max-file-bytes 10 2>/dev/null; rc=$?
[ $rc = 2 ] || fail "batch --max-file-bytes 10: exit $rc, expected 2"

# --version: the CMake project version (plus git describe when built from git).
"$BIN" --version | grep -q '^verdeelscan [0-9]' || fail "--version"
# Built from a git checkout, it names the commit checked out: the build writes
# the version at every build, not only at configure time (an incremental
# build named the commit of its last configure).
if head=$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null); then
  "$BIN" --version | grep -q "git $head" ||
    fail "--version: $("$BIN" --version) does not name HEAD $head (rebuild?)"
fi

# Exit codes of batch and merge agree with extract's (README.md):
# 0 every file read, 2 some input failed, 1 usage, 3 the batch could not run.
mkdir -p "$TMP/good" "$TMP/mixed"
cp "$IBT" "$TMP/good/"
cp "$IBT" "$TMP/mixed/"
printf '\000\001binary' > "$TMP/mixed/junk.txt"
"$BIN" batch "$TMP/good" --out "$TMP/b0" 2>/dev/null; rc=$?
[ $rc = 0 ] || fail "batch, every file read: exit $rc, expected 0"
"$BIN" batch "$TMP/mixed" --out "$TMP/b2" 2>/dev/null; rc=$?
[ $rc = 2 ] || fail "batch with a failed input: exit $rc, expected 2"
"$BIN" batch "$TMP/mixed" --out "$TMP/b2" 2>/dev/null; rc=$?
[ $rc = 2 ] || fail "rerun of a batch with a failed input: exit $rc, expected 2"
"$BIN" batch --out "$TMP/b1" 2>/dev/null; rc=$?
[ $rc = 1 ] || fail "batch without input: exit $rc, expected 1"
"$BIN" batch "$TMP/good" --out /proc/verdeelscan-not-writable 2>/dev/null; rc=$?
[ $rc = 3 ] || fail "batch into an unwritable folder: exit $rc, expected 3"
"$BIN" batch --help | grep -q "3 the batch could not run" || fail "batch --help must list exit 3"
"$BIN" merge "$TMP/b0" --out "$TMP/m0" 2>/dev/null; rc=$?
[ $rc = 0 ] || fail "merge: exit $rc, expected 0"
"$BIN" merge "$TMP/b0" "$TMP/b2" --out "$TMP/m2" 2>/dev/null; rc=$?
[ $rc = 2 ] || fail "merge with a failed file: exit $rc, expected 2"
"$BIN" merge "$TMP/nonexistent" --out "$TMP/m3" 2>/dev/null; rc=$?
[ $rc = 3 ] || fail "merge of a folder without catalogue: exit $rc, expected 3"

# Regression: a verdeelbesluit with a name no municipality matches used to
# abort the batch (json type_error.302 in the cross-check export).
mkdir -p "$TMP/unmatched"
cp "$SRC/samples/regressions/besluit_unmatched_name.txt" "$TMP/unmatched/"
"$BIN" batch "$TMP/unmatched" --out "$TMP/bu" 2>/dev/null; rc=$?
[ $rc = 0 ] || fail "batch of a besluit with an unmatched name: exit $rc, expected 0"
grep -q '"status":"needs_review"' "$TMP/bu/records.jsonl" || fail "unmatched name: needs_review"
grep -q '"gemeente":null' "$TMP/bu/records.jsonl" && fail "gemeente must never be null"
"$BIN" extract "$SRC/samples/regressions/besluit_unmatched_name.txt" > /dev/null; rc=$?
[ $rc = 0 ] || fail "extract of a besluit with an unmatched name: exit $rc"

# Two batches into one folder: the second says who holds it and exits 3;
# with --wait it waits and then finds the work done.
mkdir -p "$TMP/lockin"
for i in $(seq 1 25); do { cat "$SEED"; echo "kopie $i"; } > "$TMP/lockin/bundle_$i.txt"; done
"$BIN" batch "$TMP/lockin" --out "$TMP/bl" -j 1 2>/dev/null &
first=$!
n=0; while [ ! -s "$TMP/bl/.lock" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
"$BIN" batch "$TMP/lockin" --out "$TMP/bl" 2> "$TMP/lock.err"; rc=$?
# Judged by the second batch's own outcome: whether the first still runs
# cannot be asked afterwards (an exited child not yet waited for still
# answers kill -0, so a loaded machine made this test fail when the first
# batch had just finished).
if [ $rc = 3 ]; then
  grep -q "in use by another batch or merge (pid $first)" "$TMP/lock.err" ||
    fail "the refusal must name the holder: $(cat "$TMP/lock.err")"
  "$BIN" batch "$TMP/lockin" --out "$TMP/bl" --wait 2> "$TMP/wait.err"; rc=$?
  [ $rc = 0 ] || fail "--wait: exit $rc, expected 0"
  grep -q "25 already done" "$TMP/wait.err" || fail "--wait must find the first batch's work: $(cat "$TMP/wait.err")"
elif [ $rc = 0 ]; then
  # The first batch had finished: the second found every file done.
  grep -q "25 already done" "$TMP/lock.err" ||
    fail "a second batch that ran must find the first's work done: $(cat "$TMP/lock.err")"
  echo "note: the first batch finished before the second started; lock not exercised"
else
  fail "second batch into a locked folder: exit $rc, expected 3 (or 0 after the first finished)"
fi
wait $first || fail "the first batch: exit $?"
[ "$(grep -c '^{' "$TMP/bl/records.jsonl")" = 100 ] || fail "each of 25 bundles once (4 records each)"

# Spreadsheet formulas in file names: text cells get a leading ' in every CSV.
mkdir -p "$TMP/formula"
for n in '=1+2.txt' '@SUM(1).txt' '-4+4.txt'; do
  { cat "$SRC/samples/dumps/dump_s25_noord-holland.txt"; echo "$n"; } > "$TMP/formula/$n"
done
(cd "$TMP/formula" && "$BIN" batch --out ../bf -- '=1+2.txt' '@SUM(1).txt' '-4+4.txt' 2>/dev/null); rc=$?
[ $rc = 0 ] || fail "formula names: exit $rc"
# One besluit in three files: its rows once (the first file in path order),
# the other two named in also_in, whose cell is neutralised as a whole.
grep -qF ",'-4+4.txt," "$TMP/bf/allocations.csv" || fail "formula name -4+4.txt not neutralised"
grep -qF ",'=1+2.txt (" "$TMP/bf/allocations.csv" || fail "formula name =1+2.txt not neutralised"
grep -qF "; @SUM(1).txt (" "$TMP/bf/allocations.csv" || fail "@SUM(1).txt not in also_in"
grep -q '^[=+@]\|,[=+@]' "$TMP/bf/allocations.csv" "$TMP/bf/review.csv" && fail "a CSV cell starts a formula"

# Standard input: "-" reads the same records as the file, source.file "-".
"$BIN" extract - < "$SEED" > "$TMP/stdin.json"; rc=$?
[ $rc = 0 ] || fail "extract - (standard input): exit $rc"
grep -q '"file": "-"' "$TMP/stdin.json" || fail "extract -: source.file must be -"
sed 's/"file": "[^"]*"/"file": F/' "$TMP/bundle.json" > "$TMP/a.norm"
sed 's/"file": "[^"]*"/"file": F/' "$TMP/stdin.json" > "$TMP/b.norm"
cmp -s "$TMP/a.norm" "$TMP/b.norm" || fail "extract - must give the records of the file"
"$BIN" extract - - < "$SEED" > /dev/null 2>&1; rc=$?
[ $rc = 1 ] || fail "standard input twice: exit $rc, expected 1 (usage)"

# -q: nothing on standard error for inputs that read; -v: a line per record.
"$BIN" -q extract "$SEED" 2> "$TMP/q.err" > /dev/null
[ -s "$TMP/q.err" ] && fail "extract -q wrote to standard error: $(cat "$TMP/q.err")"
"$BIN" batch -q "$IBT" --out "$TMP/qb" 2> "$TMP/qb.err"; rc=$?
[ $rc = 0 ] || fail "batch -q: exit $rc"
[ -s "$TMP/qb.err" ] && fail "batch -q wrote to standard error: $(cat "$TMP/qb.err")"
"$BIN" extract -v "$SEED" 2> "$TMP/v.err" > /dev/null
[ "$(grep -c 'verdeelbesluit, repaired' "$TMP/v.err")" = 1 ] || fail "extract -v: a line per record"
[ "$(wc -l < "$TMP/v.err")" = 4 ] || fail "extract -v: seed 001 holds four records"

# A number out of range: exit 1 and a message that says what to give.
"$BIN" extract --dpi 5000 "$IBT" > /dev/null 2> "$TMP/range.err"; rc=$?
[ $rc = 1 ] || fail "--dpi 5000: exit $rc, expected 1"
grep -q 'give 72 to 600' "$TMP/range.err" || fail "--dpi 5000: $(cat "$TMP/range.err")"

# A file name that is not UTF-8 (byte 0xFF): extract and batch carry it
# losslessly (source.file with U+FFFD, source.file_bytes in hex).
mkdir -p "$TMP/bytes"
BAD="$TMP/bytes/$(printf 'besluit_\377.txt')"
cp "$SRC/samples/dumps/dump_s25_noord-holland.txt" "$BAD"
"$BIN" extract "$BAD" > "$TMP/bad.json"; rc=$?
[ $rc = 0 ] || fail "extract of a non-UTF-8 name: exit $rc"
grep -q '"file_bytes": "[0-9a-f]*5fff2e747874"' "$TMP/bad.json" || fail "source.file_bytes missing"
grep -qF "$(printf 'besluit_\357\277\275.txt')" "$TMP/bad.json" || fail "source.file must show U+FFFD"
"$BIN" batch "$TMP/bytes" --out "$TMP/bb" 2>/dev/null; rc=$?
[ $rc = 0 ] || fail "batch of a non-UTF-8 name: exit $rc"
grep -q 'ff2e747874"' "$TMP/bb/records.jsonl" || fail "batch: source.file_bytes missing"
# extract --searchable-pdf / --sidecar for one scanned input: a PDF/A-2B that
# qpdf checks clean, whose text pdftotext finds, and the page text beside it;
# asked of a text dump (no page images), extract says so and exits 3.
"$BIN" extract "$SRC/samples/formats/letter.jpg" --searchable-pdf "$TMP/letter.pdf" \
  --sidecar "$TMP/letter.txt" > /dev/null; rc=$?
[ $rc = 0 ] || fail "extract --searchable-pdf: exit $rc"
qpdf --check "$TMP/letter.pdf" > /dev/null || fail "qpdf --check of the searchable PDF"
pdftotext "$TMP/letter.pdf" - | grep -q Hilversum || fail "pdftotext finds no Hilversum"
grep -qa '<pdfaid:part>2</pdfaid:part>' "$TMP/letter.pdf" || fail "no PDF/A marker"
grep -q Hilversum "$TMP/letter.txt" || fail "sidecar without Hilversum"
"$BIN" extract "$SRC/samples/dumps/dump_s25_noord-holland.txt" --searchable-pdf "$TMP/dump.pdf" \
  > /dev/null 2> "$TMP/dump.err"; rc=$?
[ $rc = 3 ] || fail "searchable PDF of a text dump: exit $rc, want 3"
grep -q 'was not written' "$TMP/dump.err" || fail "no message for the unwritten PDF"
"$BIN" extract "$SRC/samples/formats/letter.jpg" "$SRC/samples/formats/letter.jpg" \
  --sidecar "$TMP/two.txt" > /dev/null 2>&1; rc=$?
[ $rc = 1 ] || fail "--sidecar with two inputs: exit $rc, want 1 (usage)"
echo "cli: ok"
