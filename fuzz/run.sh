#!/bin/sh
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) in their
# own build folder and runs each for a bounded time on a seed corpus made from
# samples/. Fails on any crash or sanitizer report; the input that caused it
# (crash-*, leak-*, timeout-*, slow-unit-*, oom-*) goes to fuzz/artifacts/
# (FUZZ_ARTIFACTS to change it; ignored by git), never the current folder.
#   fuzz/run.sh [SECONDS_PER_TARGET]   (default 20)
set -eu
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SECS="${1:-20}"
BUILD="${FUZZ_BUILD_DIR:-$SRC/build-fuzz}"
ARTIFACTS="${FUZZ_ARTIFACTS:-$SRC/fuzz/artifacts}"
mkdir -p "$BUILD" "$ARTIFACTS"
BUILD="$(cd "$BUILD" && pwd)"
ARTIFACTS="$(cd "$ARTIFACTS" && pwd)"
command -v clang++ >/dev/null ||
  { echo "clang++ not found: install clang libclang-rt-14-dev (tools/install-deps.sh)" >&2; exit 1; }
CC=clang CXX=clang++ cmake -S "$SRC" -B "$BUILD" -DVERDEELSCAN_FUZZ=ON \
  -DVERDEELSCAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target text_dump_fuzzer dump_reader_fuzzer number_fuzzer pdf_ingest_fuzzer >/dev/null
CORPUS="$BUILD/corpus"
rm -rf "$CORPUS" && mkdir -p "$CORPUS/text" "$CORPUS/number" "$CORPUS/pdf"
# Seeds: the real documents, split into chunks the fuzzer can mutate quickly.
for f in "$SRC"/samples/seeds/*.txt "$SRC"/samples/dumps/*.txt; do
  [ -f "$f" ] || continue
  split -b 4000 "$f" "$CORPUS/text/$(basename "$f")."
done
i=0
for tok in L42 s50 t07 a4 B4 r37 to4 14t 2I 729 775 "1. 936" 5.787 "2O december 2O24" 96.000; do
  printf '%s' "$tok" > "$CORPUS/number/$i"; i=$((i+1))
done
# PDF seeds: born-digital, scanned, encrypted, truncated, zero pages, a PNG
# named .pdf, generated scans. Inputs above -max_len are truncated by libFuzzer
# (scan002 is 540 kB), which still gives a useful truncated-PDF seed.
for f in "$SRC"/samples/formats/*.pdf "$SRC"/samples/scans/*.pdf; do
  [ -f "$f" ] && cp "$f" "$CORPUS/pdf/"
done
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Artefacts land in $ARTIFACTS: by the flag, and by the working folder for any
# run that lacks it.
cd "$ARTIFACTS"
trap '[ $? = 0 ] || echo "fuzzing failed; a failing input is kept in $ARTIFACTS" >&2' EXIT
"$BUILD/fuzz/text_dump_fuzzer" -artifact_prefix="$ARTIFACTS/" -max_total_time="$SECS" \
  -max_len=65536 -timeout=90 -rss_limit_mb=2048 "$CORPUS/text"
# Structure-aware: its bytes drive a generator of OCR garbage (see the
# target); seeded with the committed, minimized corpus, copied so that the
# run does not grow the repository's copy.
rm -rf "$CORPUS/dump_reader" && cp -r "$SRC/fuzz/corpus/dump_reader" "$CORPUS/dump_reader"
"$BUILD/fuzz/dump_reader_fuzzer" -artifact_prefix="$ARTIFACTS/" -max_total_time="$SECS" \
  -max_len=4096 -timeout=10 -rss_limit_mb=2048 "$CORPUS/dump_reader"
"$BUILD/fuzz/number_fuzzer" -artifact_prefix="$ARTIFACTS/" -max_total_time="$SECS" \
  -max_len=256 -timeout=5 "$CORPUS/number"
# Ingestion OCRs scanned pages (tens of ms at 50 DPI, seconds for odd pages).
"$BUILD/fuzz/pdf_ingest_fuzzer" -artifact_prefix="$ARTIFACTS/" -max_total_time="$SECS" \
  -max_len=200000 -timeout=60 -rss_limit_mb=2048 "$CORPUS/pdf"
echo "fuzzing: no crash, no sanitizer report in ${SECS}s per target"
