#!/bin/bash
# Searchable PDF size and findability: verdeelscan extract --searchable-pdf
# next to ocrmypdf (its default output, PDF/A-2B), on the same scanned inputs.
# See bench/README.md, "Searchable PDF".
#
#   bench/searchable_pdf.sh            # samples/scans + 3 office + 2 fax scangen PDFs
#   SEED=11 bench/searchable_pdf.sh    # other generated documents
#
# Environment:
#   SEED      scangen seed, default 4242 (same seed, same files)
#   N_OFFICE  generated office-quality PDFs, default 3
#   N_FAX     generated 1-bit fax PDFs (tools/scangen --quality fax), default 2
#   BUILD     build folder with verdeelscan, default build
#   RESULTS   where the table is written, default bench/searchable_pdf_results.txt
#   OCRMYPDF_TYPE  ocrmypdf --output-type: pdfa (default, its PDF/A-2B through Ghostscript,
#             which re-encodes JPEG pages lossily) or pdf (its pages' images kept)
#   INSTALL=0 do not try to install ocrmypdf / poppler-utils / qpdf with apt-get
#   KEEP=1    keep the work folder
#   REUSE=DIR a work folder kept before: its inputs and ocrmypdf's outputs are
#             used again (ocrmypdf is the slow part), ours are made anew
# Per file: bytes of the input, ours and ocrmypdf's, and what each added to
# the input (negative: images re-encoded smaller); pages whose text pdftotext
# finds (a page counts when it yields at least one letter or digit); qpdf
# --check; PDF/A markers (pdfaid part 2, conformance B in the XMP) and an
# OutputIntent with an ICC profile. Totals and the size ratio at the end.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SEED=${SEED:-4242}
N_OFFICE=${N_OFFICE:-3}
N_FAX=${N_FAX:-2}
BUILD=${BUILD:-$ROOT/build}
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"
RESULTS=${RESULTS:-$HERE/searchable_pdf_results.txt}
OCRMYPDF_TYPE=${OCRMYPDF_TYPE:-pdfa}
PY=/usr/bin/python3

if ! command -v ocrmypdf >/dev/null || ! command -v pdftotext >/dev/null ||
  ! command -v qpdf >/dev/null; then
  if [ "${INSTALL:-1}" = 1 ]; then
    apt-get install -y ocrmypdf poppler-utils qpdf >/dev/null || exit 3
  else
    echo "needs ocrmypdf, pdftotext (poppler-utils) and qpdf" >&2
    exit 3
  fi
fi
[ -x "$BUILD/verdeelscan" ] || { echo "no $BUILD/verdeelscan: build first" >&2; exit 3; }

if [ -n "${REUSE:-}" ]; then
  WORK=$REUSE
  rm -rf "$WORK/ours" && mkdir -p "$WORK/ours"
else
WORK=$(mktemp -d /tmp/vs-searchable-bench.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in" "$WORK/ours" "$WORK/ocrmypdf" "$WORK/gen"
cp "$ROOT"/samples/scans/*.pdf "$ROOT"/samples/scans/*.tif "$WORK/in/"
if [ "$N_OFFICE" -gt 0 ]; then
  "$PY" "$ROOT/tools/scangen/scangen.py" "$WORK/gen/office" --count "$N_OFFICE" --seed "$SEED" \
    --prefix office --formats pdf --quality office >/dev/null || exit 3
  cp "$WORK"/gen/office/*.pdf "$WORK/in/"
fi
if [ "$N_FAX" -gt 0 ]; then
  "$PY" "$ROOT/tools/scangen/scangen.py" "$WORK/gen/fax" --count "$N_FAX" --seed "$((SEED + 1))" \
    --prefix fax --formats pdf --quality fax >/dev/null || exit 3
  cp "$WORK"/gen/fax/*.pdf "$WORK/in/"
fi
fi

pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
# Pages of $1 on which pdftotext finds a letter or digit.
pages_with_text() {
  local n found=0
  n=$(pages_of "$1")
  for ((p = 1; p <= ${n:-0}; p++)); do
    pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null | grep -q '[[:alnum:]]' && found=$((found + 1))
  done
  echo "$found"
}
# "yes" when the XMP says PDF/A-2B and the catalogue has an OutputIntent with
# a profile (read from qpdf's JSON of the whole file).
pdfa_markers() {
  qpdf --json "$1" 2>/dev/null | "$PY" -c '
import json, sys, subprocess
j = json.load(sys.stdin)
objs = j["qpdf"][1]
root = objs["trailer"]["value"]["/Root"]
cat = objs["obj:" + root]["value"]
intents = cat.get("/OutputIntents", [])
if isinstance(intents, str): intents = objs["obj:" + intents]["value"]
ok_intent = False
for ref in intents:
    d = objs["obj:" + ref]["value"] if isinstance(ref, str) else ref
    ok_intent = ok_intent or "/DestOutputProfile" in d
xmp = subprocess.run(["qpdf", "--show-object=" + cat["/Metadata"].split()[0], "--raw-stream-data",
                      sys.argv[1]], capture_output=True).stdout.decode("utf-8", "replace") \
    if "/Metadata" in cat else ""
part = ("pdfaid:part>2<" in xmp or "pdfaid:part=\"2\"" in xmp)
conf = ("pdfaid:conformance>B<" in xmp or "pdfaid:conformance=\"B\"" in xmp)
print("yes" if part and conf and ok_intent else "no")
' "$1"
}

{
  printf "# Searchable PDF: verdeelscan vs ocrmypdf %s --output-type %s, %s\n" \
    "$(ocrmypdf --version 2>/dev/null)" "$OCRMYPDF_TYPE" "$(date -u +%Y-%m-%dT%H:%MZ)"
  printf "# inputs: samples/scans, scangen seed %s: %s office + %s fax PDFs\n" "$SEED" "$N_OFFICE" "$N_FAX"
  printf "%-28s %5s %9s %9s %9s %6s %8s %8s %9s %9s %7s %7s %7s\n" file pages input ours ocrmypdf \
    ratio +ours +ocr text_ours text_ocr qpdf pdfa_us pdfa_ocr
} >"$RESULTS"

total_in=0 total_ours=0 total_ocr=0 all_text=1 all_check=1 all_pdfa=1
for f in "$WORK"/in/*; do
  name=$(basename "$f")
  ours="$WORK/ours/$name.pdf" theirs="$WORK/ocrmypdf/$name.pdf"
  nice "$BUILD/verdeelscan" extract "$f" --searchable-pdf "$ours" --sidecar "$WORK/ours/$name.txt" \
    >/dev/null 2>"$WORK/ours/$name.err"
  image_dpi=()
  case "$name" in *.pdf) ;; *) image_dpi=(--image-dpi 200) ;; esac  # images without a DPI tag
  [ -n "${REUSE:-}" ] && [ -f "$theirs" ] ||
    nice ocrmypdf -q -l nld --output-type "$OCRMYPDF_TYPE" "${image_dpi[@]}" "$f" "$theirs" \
      2>"$WORK/ocrmypdf/$name.err"
  pages=$(pages_of "$ours")
  s_in=$(stat -c %s "$f") s_ours=$(stat -c %s "$ours" 2>/dev/null || echo 0)
  s_ocr=$(stat -c %s "$theirs" 2>/dev/null || echo 0)
  t_ours=$(pages_with_text "$ours") t_ocr=$(pages_with_text "$theirs")
  check=$(qpdf --check "$ours" >/dev/null 2>&1 && echo clean || echo FAIL)
  pa_ours=$(pdfa_markers "$ours") pa_ocr=$(pdfa_markers "$theirs")
  ratio=$(awk -v a="$s_ours" -v b="$s_ocr" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  printf "%-28s %5s %9s %9s %9s %6s %8s %8s %9s %9s %7s %7s %7s\n" "$name" "${pages:-0}" "$s_in" \
    "$s_ours" "$s_ocr" "$ratio" "$((s_ours - s_in))" "$((s_ocr - s_in))" "${t_ours}/${pages:-0}" \
    "${t_ocr}/$(pages_of "$theirs")" "$check" "$pa_ours" \
    "$pa_ocr" >>"$RESULTS"
  total_in=$((total_in + s_in)) total_ours=$((total_ours + s_ours)) total_ocr=$((total_ocr + s_ocr))
  [ "$t_ours" = "${pages:-x}" ] || all_text=0
  [ "$check" = clean ] || all_check=0
  [ "$pa_ours" = yes ] || all_pdfa=0
done
{
  printf "%-28s %5s %9s %9s %9s %6s %8s %8s\n" TOTAL "" "$total_in" "$total_ours" "$total_ocr" \
    "$(awk -v a="$total_ours" -v b="$total_ocr" 'BEGIN { if (b > 0) printf "%.2f", a / b }')" \
    "$((total_ours - total_in))" "$((total_ocr - total_in))"
  printf "# ours: text on every page %s, qpdf --check clean %s, PDF/A-2B markers + OutputIntent %s\n" \
    "$([ $all_text = 1 ] && echo yes || echo NO)" "$([ $all_check = 1 ] && echo yes || echo NO)" \
    "$([ $all_pdfa = 1 ] && echo yes || echo NO)"
} >>"$RESULTS"
cat "$RESULTS"
