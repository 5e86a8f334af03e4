#!/bin/bash
# Pages per minute on scanned PDFs, end to end: verdeelscan batch next to
# ocrmypdf, on the same files, in one run. See bench/README.md.
#
#   bench/run.sh                  # samples/scans + 12 generated: 33 pages, 2-5 min
#   N=0 bench/run.sh              # samples/scans only: 11 pages, ~1 min
#   N=40 SEED=7 bench/run.sh      # more generated documents (~6-12 s each)
#   BUILD=build-h2 bench/run.sh   # another build folder
#
# Environment:
#   N           generated documents (tools/scangen/scangen.py --formats pdf), default 12
#   SEED        scangen seed, default 2024 (same seed, same files)
#   JOBS        parallelism for both tools, default 2
#   BUILD       build folder with verdeelscan and extractors/ingest/scan_dump, default build
#   RESULTS     where the table is written, default bench/results.txt
#   BATCH_ARGS  extra `verdeelscan batch` flags (e.g. "--dpi 200 --no-reread")
#   RUN_BATCH=0     skip `verdeelscan batch` (end to end)
#   RUN_SCAN_DUMP=0 skip scan_dump (ingestion only; the OCR share)
#   RUN_OCRMYPDF=0  skip ocrmypdf
#   OCRMYPDF_ARGS   extra ocrmypdf flags (e.g. "--deskew")
#   OCRMYPDF_MODES  "loop xargs" (default), "loop" or "xargs": see below
#   OCRMYPDF_OMP    OMP_THREAD_LIMIT for ocrmypdf's Tesseract, default 1; auto = ocrmypdf's choice
#   INSTALL=0   do not try to install ocrmypdf / poppler-utils with apt-get
#   KEEP=1      keep the work folder (inputs and every tool's output)
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${N:-12}
SEED=${SEED:-2024}
JOBS=${JOBS:-2}
BUILD=${BUILD:-$ROOT/build}
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"
RESULTS=${RESULTS:-$HERE/results.txt}
RUN_BATCH=${RUN_BATCH:-1}
RUN_SCAN_DUMP=${RUN_SCAN_DUMP:-1}
RUN_OCRMYPDF=${RUN_OCRMYPDF:-1}
OCRMYPDF_ARGS=${OCRMYPDF_ARGS:-}
BATCH_ARGS=${BATCH_ARGS:-}
PY=/usr/bin/python3  # Debian's: python3-pil for scangen, python3-img2pdf (ocrmypdf's dependency)

say() { echo "# $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
now() { date +%s.%N; }
# awk arithmetic: calc 'EXPR' (prints with 2 decimals unless the format is given)
calc() { awk "BEGIN { printf \"${2:-%.2f}\", ($1) }"; }

# --- tools -----------------------------------------------------------------
VS=$BUILD/verdeelscan
SCAN_DUMP=$BUILD/extractors/ingest/scan_dump
if [ "$RUN_BATCH" = 1 ] && [ ! -x "$VS" ]; then
  die "$VS not built (cmake --build $BUILD --target verdeelscan), or RUN_BATCH=0"
fi
if [ "$RUN_SCAN_DUMP" = 1 ] && [ ! -x "$SCAN_DUMP" ]; then
  die "$SCAN_DUMP not built (cmake --build $BUILD --target scan_dump), or RUN_SCAN_DUMP=0"
fi

# ocrmypdf and pdfinfo are benchmark tools only, never product dependencies.
want_pkgs=()
command -v pdfinfo >/dev/null || want_pkgs+=(poppler-utils)
if [ "$RUN_OCRMYPDF" = 1 ]; then
  command -v ocrmypdf >/dev/null || want_pkgs+=(ocrmypdf)
  dpkg -s tesseract-ocr-nld >/dev/null 2>&1 || want_pkgs+=(tesseract-ocr-nld)
fi
if [ ${#want_pkgs[@]} -gt 0 ]; then
  cmd=(apt-get install -y "${want_pkgs[@]}")
  [ "$(id -u)" = 0 ] || cmd=(sudo -n "${cmd[@]}")
  if [ "${INSTALL:-1}" = 1 ] && command -v apt-get >/dev/null; then
    say "installing ${want_pkgs[*]} (benchmark only): ${cmd[*]}"
    DEBIAN_FRONTEND=noninteractive "${cmd[@]}" >/dev/null 2>&1 || say "install failed"
  fi
fi
command -v pdfinfo >/dev/null || die "pdfinfo missing: sudo apt-get install -y poppler-utils"
if [ "$RUN_OCRMYPDF" = 1 ] && ! command -v ocrmypdf >/dev/null; then
  say "ocrmypdf missing (sudo apt-get install -y ocrmypdf); running without it"
  RUN_OCRMYPDF=0
fi

# --- inputs: PDFs only, the same files for every tool ----------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/verdeelscan-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then say "work folder kept: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
IN=$WORK/in
mkdir -p "$IN" "$WORK/gen" "$WORK/scan_dump"
for f in "$ROOT"/samples/scans/*.pdf; do cp "$f" "$IN/"; done
# The TIFFs (bilevel G4) become PDFs losslessly (img2pdf embeds the CCITT
# stream as is, page size from the TIFF's DPI), so ocrmypdf needs no
# --image-dpi and both tools read exactly the same bytes.
for f in "$ROOT"/samples/scans/*.tif; do
  [ -f "$f" ] || continue
  out="$IN/$(basename "${f%.tif}").pdf"
  "$PY" -c 'import sys, img2pdf; open(sys.argv[2], "wb").write(img2pdf.convert(sys.argv[1]))' \
    "$f" "$out" >>"$WORK/img2pdf.log" 2>&1 || die "cannot convert $f to PDF ($PY needs python3-img2pdf)"
done
if [ "$N" -gt 0 ]; then
  say "generating $N scanned PDFs (scangen seed $SEED)"
  "$PY" "$ROOT/tools/scangen/scangen.py" "$WORK/gen" --count "$N" --seed "$SEED" \
    --prefix bench --formats pdf >/dev/null || die "scangen.py failed"
  cp "$WORK"/gen/*.pdf "$IN/"
fi
FILES=("$IN"/*.pdf)
NFILES=${#FILES[@]}
PAGES=0
for f in "${FILES[@]}"; do
  p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  [ -n "$p" ] || die "pdfinfo cannot read $f"
  PAGES=$((PAGES + p))
done
say "$NFILES PDFs, $PAGES pages in $IN"

# Warm the page cache with the Dutch model so that neither tool pays for it.
cat /usr/share/tesseract-ocr/*/tessdata/nld.traineddata >/dev/null 2>&1 || true
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# CPU seconds (user + sys) of the finished children of this shell so far, in
# CPU. `times` must run in this shell, not in a $(...) subshell.
cpu_mark() {
  times >"$WORK/times"
  CPU=$(awk 'NR == 2 { split($1, u, /m|s/); split($2, s, /m|s/);
             printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times")
}

# --- verdeelscan batch: end to end ----------------------------------------
B_WALL="" B_CPU="" B_NOTE=""
if [ "$RUN_BATCH" = 1 ]; then
  say "verdeelscan batch -j $JOBS $BATCH_ARGS"
  cpu_mark; c0=$CPU; t0=$(now)
  # shellcheck disable=SC2086
  "$VS" batch "$IN" --out "$WORK/vs" -j "$JOBS" $BATCH_ARGS >"$WORK/batch.log" 2>&1
  rc=$?
  t1=$(now); cpu_mark; c1=$CPU
  B_WALL=$(calc "$t1 - $t0" '%.3f'); B_CPU=$(calc "$c1 - $c0" '%.3f')
  [ $rc = 0 ] || B_NOTE="exit $rc"
  # File statuses from the catalogue (per-file seconds too), else records.jsonl.
  if [ -f "$WORK/vs/catalogue.sqlite" ]; then
    B_STATUS=$("$PY" - "$WORK/vs/catalogue.sqlite" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT status, COUNT(*), SUM(pages), SUM(seconds) FROM files GROUP BY status").fetchall()
print(" ".join(f"{s}={n}" for s, n, _, _ in rows))
print("%.3f" % sum(t or 0 for _, _, _, t in rows))
EOF
)
    B_FILE_SECONDS=$(echo "$B_STATUS" | sed -n 2p)
    B_STATUS=$(echo "$B_STATUS" | sed -n 1p)
  else
    B_STATUS="no catalogue"
    B_FILE_SECONDS=""
  fi
  B_FAILED=$(grep -c '"status":"failed"' "$WORK/vs/records.jsonl" 2>/dev/null)
  B_SEARCHABLE=$(find "$WORK/vs" -maxdepth 1 -name "*.searchable.pdf" 2>/dev/null | wc -l)
  say "  ${B_WALL}s wall, files: $B_STATUS, failed records: ${B_FAILED:-?}, searchable PDFs: $B_SEARCHABLE"
  if [ "${B_FAILED:-0}" -gt 0 ]; then
    B_NOTE="${B_NOTE:+$B_NOTE, }$B_FAILED failed records"
    grep -o '"error":"[^"]*"' "$WORK/vs/records.jsonl" | sort | uniq -c | head -3 >&2
  fi
fi

# --- scan_dump: ingestion only, with its per-stage seconds ----------------
# Same options as the batch's first pass (300 DPI, LSTM alternatives on),
# without the batch's searchable PDF and digits-only re-reading. Files run
# $JOBS at a time, as in the batch.
S_WALL="" S_CPU="" S_TOTAL="" S_OCR="" S_RENDER="" S_CLEANUP="" S_FAILED=0
if [ "$RUN_SCAN_DUMP" = 1 ]; then
  say "scan_dump --quiet, $JOBS files at a time"
  cpu_mark; c0=$CPU; t0=$(now)
  # sh -c 'SCRIPT' $0=scan_dump $1=output folder $2=the file (appended by xargs)
  # shellcheck disable=SC2016
  printf '%s\0' "${FILES[@]}" | xargs -0 -n 1 -P "$JOBS" sh -c \
    '"$0" "$2" --quiet > "$1/$(basename "$2").txt" 2>&1' "$SCAN_DUMP" "$WORK/scan_dump"
  t1=$(now); cpu_mark; c1=$CPU
  S_WALL=$(calc "$t1 - $t0" '%.3f'); S_CPU=$(calc "$c1 - $c0" '%.3f')
  read -r S_TOTAL S_RENDER S_CLEANUP S_OCR _ S_FILES < <(cat "$WORK"/scan_dump/*.txt |
    awk '/seconds: total/ {
           for (i = 1; i <= NF; ++i) {
             if ($i == "total") t += $(i + 1); if ($i == "render") r += $(i + 1);
             if ($i == "cleanup") c += $(i + 1); if ($i == "ocr") o += $(i + 1);
             if ($i == "searchable-pdf") p += $(i + 1) }
           ++n }
         END { printf "%.3f %.3f %.3f %.3f %.3f %d\n", t, r, c, o, p, n }')
  S_FAILED=$((NFILES - S_FILES))
  say "  ${S_WALL}s wall; summed per file: total ${S_TOTAL}s, render ${S_RENDER}s, cleanup ${S_CLEANUP}s, ocr ${S_OCR}s"
  [ "$S_FAILED" = 0 ] || grep -h '^error' "$WORK"/scan_dump/*.txt | sort | uniq -c >&2
fi

# --- ocrmypdf ---------------------------------------------------------------
# Flags (same for every mode):
#   -l nld             Dutch, the model verdeelscan uses
#   --force-ocr        rasterise and OCR every page; the inputs have no text
#                      layer, so this only guarantees no page is skipped/refused
#   --output-type pdf  no PDF/A conversion (a Ghostscript pass verdeelscan has no
#                      equivalent of; its searchable PDF is a plain PDF too)
#   --optimize 0       no image recompression pass after OCR
# OMP_THREAD_LIMIT=1 (OCRMYPDF_OMP, default 1): Tesseract single-threaded, as
# verdeelscan runs it in-process. ocrmypdf's own choice for a file with fewer
# pages than -j is 2-3 OpenMP threads, which on this shared 2-core machine
# measured 8-20x slower (OpenMP threads spinning against other load); set
# OCRMYPDF_OMP=auto to measure ocrmypdf's own choice anyway.
# Modes (OCRMYPDF_MODES, default "loop xargs"):
#   loop   ocrmypdf -j JOBS, one file after the other: how ocrmypdf is run by
#          hand; a 1-page file keeps only one core busy.
#   xargs  JOBS files at a time, ocrmypdf -j 1 each (xargs -P): the best it
#          does on many small files, like verdeelscan batch -j JOBS.
OCRMYPDF_OMP=${OCRMYPDF_OMP:-1}
OCRMYPDF_MODES=${OCRMYPDF_MODES:-loop xargs}
OCRMYPDF_FLAGS="-q -l nld --force-ocr --output-type pdf --optimize 0 $OCRMYPDF_ARGS"
if [ "$OCRMYPDF_OMP" = auto ]; then unset OMP_THREAD_LIMIT; else export OMP_THREAD_LIMIT=$OCRMYPDF_OMP; fi
declare -A O_WALL O_CPU O_FAILED O_WORDS
if [ "$RUN_OCRMYPDF" = 1 ]; then
  for mode in $OCRMYPDF_MODES; do
    out=$WORK/ocrmypdf-$mode
    mkdir -p "$out"
    cpu_mark; c0=$CPU; t0=$(now)
    case $mode in
      loop)
        say "ocrmypdf -j $JOBS $OCRMYPDF_FLAGS, one file at a time (OMP_THREAD_LIMIT=${OMP_THREAD_LIMIT:-unset})"
        for f in "${FILES[@]}"; do
          # shellcheck disable=SC2086
          ocrmypdf -j "$JOBS" $OCRMYPDF_FLAGS "$f" "$out/$(basename "$f")" >>"$out.log" 2>&1
        done
        ;;
      xargs)
        say "ocrmypdf -j 1 $OCRMYPDF_FLAGS, $JOBS files at a time (OMP_THREAD_LIMIT=${OMP_THREAD_LIMIT:-unset})"
        # sh -c 'SCRIPT' $0=output folder, then the flags, then the file (from xargs)
        # shellcheck disable=SC2016,SC2086
        printf '%s\0' "${FILES[@]}" | xargs -0 -n 1 -P "$JOBS" sh -c \
          'out=$0; for f; do :; done; ocrmypdf -j 1 "$@" "$out/$(basename "$f")"' \
          "$out" $OCRMYPDF_FLAGS >>"$out.log" 2>&1
        ;;
      *) die "unknown OCRMYPDF_MODES entry $mode (loop, xargs)" ;;
    esac
    t1=$(now); cpu_mark; c1=$CPU
    O_WALL[$mode]=$(calc "$t1 - $t0" '%.3f'); O_CPU[$mode]=$(calc "$c1 - $c0" '%.3f')
    # Every input must have its output, with text in it.
    failed=0 words=0
    for f in "${FILES[@]}"; do
      o="$out/$(basename "$f")"
      if [ -s "$o" ]; then words=$((words + $(pdftotext "$o" - 2>/dev/null | wc -w))); else failed=$((failed + 1)); fi
    done
    O_FAILED[$mode]=$failed O_WORDS[$mode]=$words
    say "  ${O_WALL[$mode]}s wall, $failed without output, $words words in the output"
    [ "$failed" = 0 ] || tail -5 "$out.log" >&2
  done
fi
unset OMP_THREAD_LIMIT
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Words in verdeelscan's searchable PDFs (pdftotext), to compare with ocrmypdf's.
B_WORDS=0
if [ -n "$B_WALL" ]; then
  for o in "$WORK"/vs/*.searchable.pdf; do
    [ -f "$o" ] && B_WORDS=$((B_WORDS + $(pdftotext "$o" - 2>/dev/null | wc -w)))
  done
fi

# --- table -----------------------------------------------------------------
ppm() { [ -n "$1" ] && calc "$PAGES * 60 / $1" '%.1f' || echo -; }
# pages per minute of wall time, and per minute of CPU time (the steadier one
# when other jobs share the machine)
row() { printf '%-40s %8s %8s %9s %9s  %s\n' "$@"; }
{
  echo "verdeelscan bench, $(date '+%Y-%m-%d %H:%M')"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)'), build: $BUILD"
  echo "tesseract $(tesseract --version 2>&1 | head -1 | awk '{ print $2 }'), ocrmypdf $(ocrmypdf --version 2>/dev/null || echo -) (OMP_THREAD_LIMIT=$OCRMYPDF_OMP)"
  echo "inputs: $NFILES PDFs, $PAGES pages (samples/scans, its TIFFs through img2pdf, + $N from scangen seed $SEED)"
  echo
  row "tool" "wall s" "CPU s" "pages/min" "p/CPU-min" "notes"
  [ -n "$B_WALL" ] && row "verdeelscan batch -j $JOBS${BATCH_ARGS:+ $BATCH_ARGS}" "$B_WALL" "$B_CPU" "$(ppm "$B_WALL")" "$(ppm "$B_CPU")" \
    "files $B_STATUS; $B_SEARCHABLE searchable PDFs, $B_WORDS words${B_NOTE:+; $B_NOTE}"
  [ -n "$S_WALL" ] && row "scan_dump (ingestion only), $JOBS at a time" "$S_WALL" "$S_CPU" \
    "$(ppm "$S_WALL")" "$(ppm "$S_CPU")" "no searchable PDF, no re-read$([ "$S_FAILED" = 0 ] || echo "; $S_FAILED failed")"
  for mode in $OCRMYPDF_MODES; do
    [ -n "${O_WALL[$mode]:-}" ] || continue
    case $mode in
      loop) label="ocrmypdf -j $JOBS, one file at a time" ;;
      xargs) label="ocrmypdf -j 1, $JOBS files at a time" ;;
    esac
    row "$label" "${O_WALL[$mode]}" "${O_CPU[$mode]}" "$(ppm "${O_WALL[$mode]}")" "$(ppm "${O_CPU[$mode]}")" \
      "${O_WORDS[$mode]} words$([ "${O_FAILED[$mode]}" = 0 ] || echo "; ${O_FAILED[$mode]} failed")"
  done
  echo
  if [ -n "$S_TOTAL" ] && [ "$(calc "$S_TOTAL > 0" '%d')" = 1 ]; then
    echo "OCR share of ingestion (scan_dump, seconds summed over files): OCR $S_OCR of $S_TOTAL s = $(calc "100 * $S_OCR / $S_TOTAL" '%.0f')% (render $(calc "100 * $S_RENDER / $S_TOTAL" '%.0f')%, cleanup $(calc "100 * $S_CLEANUP / $S_TOTAL" '%.0f')%)"
    # The batch has no per-stage timing: scale the ingestion's OCR share by the
    # part of the batch's CPU time that ingestion is. CPU seconds, not the
    # batch's per-file wall seconds (catalogue.sqlite), which also count the
    # time a thread waited for a core, so they vary with the machine's load.
    if [ -n "$B_CPU" ] && [ "$(calc "$B_CPU > 0" '%d')" = 1 ]; then
      echo "OCR share of the batch (estimate: OCR share of ingestion x scan_dump CPU s / batch CPU s = $(calc "100 * $S_OCR / $S_TOTAL" '%.0f')% x $S_CPU / $B_CPU): $(calc "100 * $S_OCR / $S_TOTAL * $S_CPU / $B_CPU" '%.0f')%"
    fi
    if [ -n "${B_FILE_SECONDS:-}" ]; then
      echo "batch per-file seconds (catalogue.sqlite, summed; include waiting for a core): $B_FILE_SECONDS"
    fi
  fi
  for mode in $OCRMYPDF_MODES; do
    [ -n "${O_WALL[$mode]:-}" ] || continue
    [ -n "$B_WALL" ] && echo "pages/min verdeelscan batch / ocrmypdf ($mode): $(calc "${O_WALL[$mode]} / $B_WALL" '%.2f'); CPU seconds ocrmypdf / verdeelscan batch: $(calc "${O_CPU[$mode]} / $B_CPU" '%.2f')"
    [ -n "$S_WALL" ] && echo "pages/min scan_dump / ocrmypdf ($mode): $(calc "${O_WALL[$mode]} / $S_WALL" '%.2f')"
  done
} | tee "$RESULTS"
say "written to $RESULTS"
