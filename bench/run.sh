#!/bin/bash
# Pages per minute, CPU seconds per page and peak memory on scanned PDFs, end
# to end: verdeelscan (extract one file after another, batch) next to
# ocrmypdf (one file after another, N files at a time), on the same files, in
# one run; and where a page's time goes. See bench/README.md.
#
#   bench/run.sh                  # 1, 2 and 20 pages + a release of 200+ pages: ~40-60 min quiet
#   QUICK=1 bench/run.sh          # 1, 2 and 6 pages + a release of 12+ pages: ~5-8 min
#   SEED=7 bench/run.sh           # other generated documents
#   BUILD=build-h2 bench/run.sh   # another build folder
#
# Environment:
#   QUICK          1 = fewer pages (to try the script), default 0
#   RELEASE_PAGES  pages of the release folder, default 200 (QUICK: 12)
#   LONG_PAGES     pages of the long file, default 20 (QUICK: 6)
#   SEED           scangen seed, default 2024 (same seed, same files)
#   QUALITY        scangen quality classes drawn per document, default clean,office,fax,lowres
#   JOBS           parallelism for both tools, default 2
#   BUILD          build folder with verdeelscan and extractors/ingest/scan_dump, default build
#   RESULTS        where the tables are written, default bench/results.txt
#   VS_ARGS        extra flags for verdeelscan extract and batch (e.g. "--dpi 200 --no-reread")
#   RUN_EXTRACT=0  skip `verdeelscan extract` one file after another
#   RUN_BATCH=0    skip `verdeelscan batch`
#   RUN_OCRMYPDF=0 skip ocrmypdf
#   RUN_PROFILE=0  skip the profile (scan_dump and batch --no-reread on the release folder)
#   OCRMYPDF_ARGS  extra ocrmypdf flags (e.g. "--deskew")
#   OCRMYPDF_OMP   OMP_THREAD_LIMIT for ocrmypdf's Tesseract, default 1; auto = ocrmypdf's choice
#   INSTALL=0      do not try to install ocrmypdf / poppler-utils with apt-get
#   KEEP=1         keep the work folder (inputs and every tool's output)
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  RELEASE_PAGES=${RELEASE_PAGES:-12} LONG_PAGES=${LONG_PAGES:-6}
else
  RELEASE_PAGES=${RELEASE_PAGES:-200} LONG_PAGES=${LONG_PAGES:-20}
fi
SEED=${SEED:-2024}
QUALITY=${QUALITY:-clean,office,fax,lowres}
JOBS=${JOBS:-2}
BUILD=${BUILD:-$ROOT/build}
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"
RESULTS=${RESULTS:-$HERE/results.txt}
RUN_EXTRACT=${RUN_EXTRACT:-1}
RUN_BATCH=${RUN_BATCH:-1}
RUN_OCRMYPDF=${RUN_OCRMYPDF:-1}
RUN_PROFILE=${RUN_PROFILE:-1}
OCRMYPDF_ARGS=${OCRMYPDF_ARGS:-}
VS_ARGS=${VS_ARGS:-}
PY=/usr/bin/python3  # Debian's: python3-pil for scangen
TIME=/usr/bin/time   # GNU time: peak memory (%M, KB) of each command

say() { echo "# $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
now() { date +%s.%N; }
# awk arithmetic: calc 'EXPR' (prints with 2 decimals unless the format is given)
calc() { awk "BEGIN { printf \"${2:-%.2f}\", ($1) }"; }

# --- tools -----------------------------------------------------------------
VS=$BUILD/verdeelscan
SCAN_DUMP=$BUILD/extractors/ingest/scan_dump
[ -x "$VS" ] || die "$VS not built (cmake --build $BUILD --target verdeelscan scan_dump)"
if [ "$RUN_PROFILE" = 1 ] && [ ! -x "$SCAN_DUMP" ]; then
  die "$SCAN_DUMP not built (cmake --build $BUILD --target scan_dump), or RUN_PROFILE=0"
fi
# `extract -j` (pages of one file in parallel) when this build has it.
EXTRACT_J=()
"$VS" extract --help 2>/dev/null | grep -q -- '-j,' && EXTRACT_J=(-j "$JOBS")

# ocrmypdf, pdfinfo, qpdf and GNU time are benchmark tools, never product dependencies.
want_pkgs=()
command -v pdfinfo >/dev/null || want_pkgs+=(poppler-utils)
command -v qpdf >/dev/null || want_pkgs+=(qpdf)
[ -x "$TIME" ] || want_pkgs+=(time)
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
command -v qpdf >/dev/null || die "qpdf missing: sudo apt-get install -y qpdf"
[ -x "$TIME" ] || die "GNU time missing: sudo apt-get install -y time"
if [ "$RUN_OCRMYPDF" = 1 ] && ! command -v ocrmypdf >/dev/null; then
  say "ocrmypdf missing (sudo apt-get install -y ocrmypdf); running without it"
  RUN_OCRMYPDF=0
fi

# --- inputs: generated scanned PDFs, the same files for every tool ---------
# Four groups, each a folder: one1 (a 1-page file), two2 (a 2-page file), long
# (one file of LONG_PAGES pages: generated documents joined with qpdf) and
# release (a folder of documents of 1-2 pages, RELEASE_PAGES pages or more).
# Every document is a different table (batch skips files it has seen).
WORK=$(mktemp -d "${TMPDIR:-/tmp}/verdeelscan-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then say "work folder kept: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
GEN=$WORK/gen
mkdir -p "$GEN" "$WORK/in/one1" "$WORK/in/two2" "$WORK/in/long" "$WORK/in/release"
pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# ~1.8 pages a document: enough documents for every group, with margin.
COUNT=$(((RELEASE_PAGES + LONG_PAGES) * 10 / 17 + 6))
say "generating $COUNT scanned PDFs (scangen seed $SEED, quality $QUALITY)"
"$PY" "$ROOT/tools/scangen/scangen.py" "$GEN" --count "$COUNT" --seed "$SEED" --prefix bench \
  --quality "$QUALITY" --formats pdf >/dev/null || die "scangen.py failed"
long_parts=() long_pages=0 release_pages=0
for f in "$GEN"/*.pdf; do
  p=$(pages_of "$f")
  [ -n "$p" ] || die "pdfinfo cannot read $f"
  if [ "$p" = 1 ] && [ ! -e "$WORK/in/one1/one1.pdf" ]; then
    cp "$f" "$WORK/in/one1/one1.pdf"
  elif [ "$p" = 2 ] && [ ! -e "$WORK/in/two2/two2.pdf" ]; then
    cp "$f" "$WORK/in/two2/two2.pdf"
  elif [ $((long_pages + p)) -le "$LONG_PAGES" ] && [ "$long_pages" -lt "$LONG_PAGES" ]; then
    long_parts+=("$f") long_pages=$((long_pages + p))
  elif [ "$release_pages" -lt "$RELEASE_PAGES" ]; then
    cp "$f" "$WORK/in/release/" && release_pages=$((release_pages + p))
  fi
done
qpdf --empty --pages "${long_parts[@]}" -- "$WORK/in/long/long.pdf" || die "qpdf cannot join the long file"
[ "$release_pages" -ge "$RELEASE_PAGES" ] || die "only $release_pages release pages generated"
GROUPS_=(one1 two2 long release)
declare -A GFILES GPAGES
for g in "${GROUPS_[@]}"; do
  n=0 p=0
  for f in "$WORK/in/$g"/*.pdf; do n=$((n + 1)) p=$((p + $(pages_of "$f"))); done
  GFILES[$g]=$n GPAGES[$g]=$p
done
say "inputs: 1 file of ${GPAGES[one1]} page, 1 of ${GPAGES[two2]}, 1 of ${GPAGES[long]}; release: ${GFILES[release]} files, ${GPAGES[release]} pages"

# Warm the page cache with the Dutch model so that no tool pays for it.
cat /usr/share/tesseract-ocr/*/tessdata/nld.traineddata >/dev/null 2>&1 || true
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# CPU seconds (user + sys) of the finished children of this shell so far, in
# CPU. `times` must run in this shell, not in a $(...) subshell.
cpu_mark() {
  times >"$WORK/times"
  CPU=$(awk 'NR == 2 { split($1, u, /m|s/); split($2, s, /m|s/);
             printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times")
}
# The largest peak RSS (MB) among the /usr/bin/time -f %M files given.
peak_mb() { cat "$@" 2>/dev/null | awk '/^[0-9]+$/ { if ($1 > m) m = $1 } END { printf "%.0f", m / 1024 }'; }

# One measured command per tool and group: run_mode MODE GROUP. Results in
# WALL[MODE.GROUP], CPUS[...], PEAK[...], NOTE[...].
declare -A WALL CPUS PEAK NOTE
OCRMYPDF_OMP=${OCRMYPDF_OMP:-1}
OCRMYPDF_FLAGS="-q -l nld --force-ocr --output-type pdf --optimize 0 $OCRMYPDF_ARGS"
run_mode() {
  local mode=$1 g=$2 out=$WORK/out/$1.$2 rc=0 f
  local files=("$WORK/in/$g"/*.pdf)
  mkdir -p "$out"
  cpu_mark; local c0=$CPU t0; t0=$(now)
  case $mode in
    extract)
      # shellcheck disable=SC2086
      for f in "${files[@]}"; do
        "$TIME" -f %M -o "$out/$(basename "$f").mem" "$VS" extract "${EXTRACT_J[@]}" $VS_ARGS \
          "$f" --format json >"$out/$(basename "$f").json" 2>>"$out.log" || rc=$?
      done ;;
    batch)
      # shellcheck disable=SC2086
      "$TIME" -f %M -o "$out/batch.mem" "$VS" batch "$WORK/in/$g" --out "$out" -j "$JOBS" $VS_ARGS \
        >>"$out.log" 2>&1 || rc=$? ;;
    ocrmypdf)
      for f in "${files[@]}"; do
        # shellcheck disable=SC2086
        OMP_THREAD_LIMIT=$OCRMYPDF_OMP "$TIME" -f %M -o "$out/$(basename "$f").mem" \
          ocrmypdf -j "$JOBS" $OCRMYPDF_FLAGS "$f" "$out/$(basename "$f")" >>"$out.log" 2>&1 || rc=$?
      done ;;
    ocrmypdf-xargs)
      # sh -c 'SCRIPT' $0=output folder, $1=GNU time, then the flags, then the file (from xargs)
      # shellcheck disable=SC2016,SC2086
      printf '%s\0' "${files[@]}" | OMP_THREAD_LIMIT=$OCRMYPDF_OMP xargs -0 -n 1 -P "$JOBS" sh -c \
        'out=$0 time=$1; shift; for f; do :; done; b=$(basename "$f");
         "$time" -f %M -o "$out/$b.mem" ocrmypdf -j 1 "$@" "$out/$b"' \
        "$out" "$TIME" $OCRMYPDF_FLAGS >>"$out.log" 2>&1 || rc=$? ;;
  esac
  local t1; t1=$(now); cpu_mark
  WALL[$mode.$g]=$(calc "$t1 - $t0" '%.2f')
  CPUS[$mode.$g]=$(calc "$CPU - $c0" '%.2f')
  PEAK[$mode.$g]=$(peak_mb "$out"/*.mem)
  NOTE[$mode.$g]=""
  [ $rc = 0 ] || NOTE[$mode.$g]="exit $rc"
  # Every input must have its output: a record (JSON) or an OCR'd PDF.
  local missing=0 failed=0
  case $mode in
    extract) for f in "${files[@]}"; do [ -s "$out/$(basename "$f").json" ] || missing=$((missing + 1)); done
             failed=$(cat "$out"/*.json 2>/dev/null | grep -c '"status": *"failed"') ;;
    batch) failed=$(grep -c '"status":"failed"' "$out/records.jsonl" 2>/dev/null) ;;
    ocrmypdf*) for f in "${files[@]}"; do [ -s "$out/$(basename "$f")" ] || missing=$((missing + 1)); done ;;
  esac
  [ "$missing" = 0 ] || NOTE[$mode.$g]="${NOTE[$mode.$g]:+${NOTE[$mode.$g]}; }$missing without output"
  [ "${failed:-0}" = 0 ] || NOTE[$mode.$g]="${NOTE[$mode.$g]:+${NOTE[$mode.$g]}; }$failed failed records"
  say "  $mode $g: ${WALL[$mode.$g]} s wall, ${CPUS[$mode.$g]} s CPU, peak ${PEAK[$mode.$g]} MB${NOTE[$mode.$g]:+ (${NOTE[$mode.$g]})}"
}

MODES=()
[ "$RUN_EXTRACT" = 1 ] && MODES+=(extract)
[ "$RUN_BATCH" = 1 ] && MODES+=(batch)
[ "$RUN_OCRMYPDF" = 1 ] && MODES+=(ocrmypdf ocrmypdf-xargs)
for mode in "${MODES[@]}"; do
  for g in "${GROUPS_[@]}"; do
    # N files at a time is one file at a time with -j 1 for a single file: only the release.
    [ "$mode" = ocrmypdf-xargs ] && [ "$g" != release ] && continue
    say "$mode, $g (${GFILES[$g]} files, ${GPAGES[$g]} pages)"
    run_mode "$mode" "$g"
  done
done

# --- profile: where a page's time goes (release folder) -------------------
# scan_dump: ingestion alone with its own seconds per stage (render, cleanup,
# OCR, orientation), JOBS files at a time. batch --no-reread: the batch
# without the digits-only re-read of doubtful cells, so the re-read's share is
# the difference. The rest (table reading, repair, checks, searchable PDF,
# exports, start-up) is the batch's CPU less both.
P_TOTAL="" P_REREAD=""
if [ "$RUN_PROFILE" = 1 ]; then
  say "profile: scan_dump --quiet on the release folder, $JOBS files at a time"
  mkdir -p "$WORK/scan_dump"
  cpu_mark; c0=$CPU
  # sh -c 'SCRIPT' $0=scan_dump $1=output folder $2=the file (appended by xargs)
  # shellcheck disable=SC2016
  printf '%s\0' "$WORK/in/release"/*.pdf | xargs -0 -n 1 -P "$JOBS" sh -c \
    '"$0" "$2" --quiet > "$1/$(basename "$2").txt" 2>&1' "$SCAN_DUMP" "$WORK/scan_dump"
  cpu_mark; S_CPU=$(calc "$CPU - $c0" '%.2f')
  read -r P_TOTAL P_RENDER P_CLEANUP P_OCR P_OSD < <(cat "$WORK"/scan_dump/*.txt |
    awk '/seconds: total/ {
           for (i = 1; i <= NF; ++i) {
             if ($i == "total") t += $(i + 1); if ($i == "render") r += $(i + 1);
             if ($i == "cleanup") c += $(i + 1); if ($i == "ocr") o += $(i + 1);
             if ($i == "orientation") s += $(i + 1) } }
         END { printf "%.2f %.2f %.2f %.2f %.2f\n", t, r, c, o, s }')
  if [ "$RUN_BATCH" = 1 ]; then
    say "profile: batch --no-reread on the release folder"
    out=$WORK/out/batch-no-reread
    cpu_mark; c0=$CPU
    # shellcheck disable=SC2086
    "$VS" batch "$WORK/in/release" --out "$out" -j "$JOBS" --no-reread $VS_ARGS >"$out.log" 2>&1
    cpu_mark; NR_CPU=$(calc "$CPU - $c0" '%.2f')
    P_REREAD=$(calc "${CPUS[batch.release]} - $NR_CPU" '%.2f')
  fi
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- tables ---------------------------------------------------------------
label() {
  case $1 in
    extract) echo "verdeelscan extract${EXTRACT_J[*]:+ ${EXTRACT_J[*]}}, 1 file at a time" ;;
    batch) echo "verdeelscan batch -j $JOBS" ;;
    ocrmypdf) echo "ocrmypdf -j $JOBS, 1 file at a time" ;;
    ocrmypdf-xargs) echo "ocrmypdf -j 1, $JOBS files at a time" ;;
  esac
}
row() { printf '%-42s %-8s %6s %8s %8s %9s %8s %7s  %s\n' "$@"; }
# Sum over the groups of one mode (files one after another = the sum).
sum_of() { local -n arr=$1; local mode=$2 s=0 g; for g in "${GROUPS_[@]}"; do s=$(calc "$s + ${arr[$mode.$g]:-0}" '%.3f'); done; echo "$s"; }
ALL_PAGES=0
for g in "${GROUPS_[@]}"; do ALL_PAGES=$((ALL_PAGES + GPAGES[$g])); done
have() { [ -n "${WALL[$1]:-}" ]; }
{
  echo "verdeelscan bench, $(date '+%Y-%m-%d %H:%M')$([ "$QUICK" = 1 ] && echo ' (QUICK)')"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)'), build: $BUILD"
  echo "tesseract $(tesseract --version 2>&1 | head -1 | awk '{ print $2 }'), ocrmypdf $(ocrmypdf --version 2>/dev/null || echo -) (OMP_THREAD_LIMIT=$OCRMYPDF_OMP)"
  echo "inputs (scangen seed $SEED, quality $QUALITY): one1 = 1 file of ${GPAGES[one1]} page, two2 = 1 file of ${GPAGES[two2]} pages, long = 1 file of ${GPAGES[long]} pages, release = ${GFILES[release]} files of ${GPAGES[release]} pages"
  echo
  row "tool" "input" "pages" "wall s" "CPU s" "pages/min" "CPU s/p" "peak MB" "notes"
  for mode in "${MODES[@]}"; do
    for g in "${GROUPS_[@]}"; do
      have "$mode.$g" || continue
      row "$(label "$mode")" "$g" "${GPAGES[$g]}" "${WALL[$mode.$g]}" "${CPUS[$mode.$g]}" \
        "$(calc "${GPAGES[$g]} * 60 / ${WALL[$mode.$g]}" '%.1f')" \
        "$(calc "${CPUS[$mode.$g]} / ${GPAGES[$g]}" '%.2f')" "${PEAK[$mode.$g]}" "${NOTE[$mode.$g]}"
    done
    case $mode in extract | ocrmypdf)
      w=$(sum_of WALL "$mode") c=$(sum_of CPUS "$mode")
      row "$(label "$mode")" "all" "$ALL_PAGES" "$w" "$c" "$(calc "$ALL_PAGES * 60 / $w" '%.1f')" \
        "$(calc "$c / $ALL_PAGES" '%.2f')" "" "every file above, one after another" ;;
    esac
  done
  echo
  echo "Ratios (the issue's 'Done when'):"
  if have extract.one1 && have ocrmypdf.one1; then
    for g in "${GROUPS_[@]}"; do
      echo "  extract / ocrmypdf -j $JOBS wall time, $g: $(calc "${WALL[extract.$g]} / ${WALL[ocrmypdf.$g]}")"
    done
    echo "  extract / ocrmypdf -j $JOBS wall time, every file one after another: $(calc "$(sum_of WALL extract) / $(sum_of WALL ocrmypdf)") (target <= 0.5)"
  fi
  if have batch.release && have ocrmypdf.release; then
    best=ocrmypdf
    have ocrmypdf-xargs.release && [ "$(calc "${WALL[ocrmypdf-xargs.release]} < ${WALL[ocrmypdf.release]}" '%d')" = 1 ] && best=ocrmypdf-xargs
    echo "  batch -j $JOBS pages/min / ocrmypdf at its best ($(label $best)), release: $(calc "${WALL[$best.release]} / ${WALL[batch.release]}") (target >= 2.5)"
    echo "  batch -j $JOBS CPU s/page / ocrmypdf's, release: $(calc "${CPUS[batch.release]} / ${CPUS[$best.release]}") (target <= 0.5)"
    echo "  peak memory, batch -j $JOBS: ${PEAK[batch.one1]:-?} MB (1 page) .. ${PEAK[batch.long]:-?} MB (${GPAGES[long]} pages) .. ${PEAK[batch.release]} MB (release)"
  fi
  if [ -n "$P_TOTAL" ] && [ "$(calc "$P_TOTAL > 0" '%d')" = 1 ]; then
    echo
    echo "Profile, release folder (${GPAGES[release]} pages): CPU seconds a page"
    b=${CPUS[batch.release]:-0}
    pp() { calc "$1 / ${GPAGES[release]}" '%.3f'; }
    # scan_dump's stage timers are thread (wall) seconds, which a loaded
    # machine inflates: each stage gets its share of them times scan_dump's
    # CPU seconds, so that every figure below is CPU seconds.
    cpu() { calc "$1 / $P_TOTAL * $S_CPU" '%.3f'; }
    of() { calc "100 * $1 / $S_CPU" '%.0f%%'; }
    other=$(calc "$S_CPU - $(cpu "$P_RENDER") - $(cpu "$P_CLEANUP") - $(cpu "$P_OCR") - $(cpu "$P_OSD")" '%.3f')
    echo "  ingestion (scan_dump, one process per file): $(pp "$S_CPU") s a page, of which"
    printf '    %-36s %8s %5s\n' "render (or the page's own image)" "$(pp "$(cpu "$P_RENDER")")" "$(of "$(cpu "$P_RENDER")")"
    printf '    %-36s %8s %5s\n' "cleanup" "$(pp "$(cpu "$P_CLEANUP")")" "$(of "$(cpu "$P_CLEANUP")")"
    printf '    %-36s %8s %5s\n' "OCR" "$(pp "$(cpu "$P_OCR")")" "$(of "$(cpu "$P_OCR")")"
    printf '    %-36s %8s %5s\n' "orientation (OSD)" "$(pp "$(cpu "$P_OSD")")" "$(of "$(cpu "$P_OSD")")"
    printf '    %-36s %8s %5s\n' "start-up, model loads, the rest" "$(pp "$other")" "$(of "$other")"
    if [ -n "$P_REREAD" ] && [ "$(calc "$b > 0" '%d')" = 1 ]; then
      echo "  batch -j $JOBS: $(pp "$b") s a page; without the re-read (--no-reread): $(pp "$NR_CPU"): re-read of doubtful cells $(pp "$P_REREAD")"
      echo "  batch less ingestion less re-read (tables, repair, searchable PDF, exports; negative = within the noise, as scan_dump pays a start-up and model load per file): $(pp "$(calc "$b - $S_CPU - $P_REREAD" '%.3f')")"
    fi
  fi
} | tee "$RESULTS"
say "written to $RESULTS"
