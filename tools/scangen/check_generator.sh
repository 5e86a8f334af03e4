#!/bin/sh
# A test of scangen.py's real-world options: the same seed gives the same bytes
# (every quality class, all artefacts, all header styles), and fax pages are
# CCITT G4: PDF images whose filter is CCITTFaxDecode (pdfimages says "ccitt")
# and TIFF pages compressed group4. Needs python3-pil and poppler-utils.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/scangen-check.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
command -v pdfimages >/dev/null ||
  { echo "pdfimages not found: install poppler-utils (tools/install-deps.sh)"; exit 1; }
gen() {  # gen DIR QUALITY FORMATS
  /usr/bin/python3 "$HERE/scangen.py" "$1" --count 1 --seed 41 --prefix "$2-" --quality "$2" \
    --formats "$3" --artefacts all --headers all --orders mixed >/dev/null
}
for dir in a b; do
  for q in clean office photocopy lowres; do gen "$TMP/$dir" $q png,tif,pdf; done
  gen "$TMP/$dir" fax pdf
  /usr/bin/python3 "$HERE/scangen.py" "$TMP/$dir" --count 1 --seed 41 --prefix faxtif- \
    --quality fax --formats tif >/dev/null
done
n=0
for f in "$TMP"/a/*; do
  cmp -s "$f" "$TMP/b/$(basename "$f")" || { echo "not deterministic: $(basename "$f")"; exit 1; }
  n=$((n + 1))
done
[ "$n" -eq 12 ] || { echo "expected 12 files, got $n"; exit 1; }
pdf=$(ls "$TMP"/a/fax-*.pdf)
# pdfimages -list: two header lines, then one line per image; column 9 is "enc".
encs=$(pdfimages -list "$pdf" | awk 'NR > 2 { print $9 }' | sort -u)
[ "$encs" = ccitt ] || { echo "fax PDF images are not CCITT: enc '$encs'"; exit 1; }
/usr/bin/python3 - "$TMP"/a/faxtif-*.tif <<'PY'
import sys
from PIL import Image, ImageSequence
im = Image.open(sys.argv[1])
for page in ImageSequence.Iterator(im):
    if page.mode != "1" or page.info.get("compression") != "group4":
        sys.exit(f"fax TIFF page is {page.mode} {page.info.get('compression')}, not 1-bit group4")
PY
echo "scangen: deterministic ($n files, seed 41), fax PDF pages CCITT, fax TIFF pages group4"
