#!/bin/bash
# A test of the letter readers on generated letters (lettergen.py), scored by
# letter_eval.py: COUNT letters of every kind (seed SEED, not a seed the
# readers were tuned on), as text dumps and, when QUALITIES is given, as scans
# of those qualities. It fails when more documents are silent than MAX_SILENT
# (the ones known when the test was written; the goal is 0, and the bound
# comes down as the readers are fixed) or when fewer than MIN_EXACT of the
# documents of a form have every field right.
#   check_letters.sh VERDEELSCAN OUT MAX_SILENT MIN_EXACT [COUNT [SEED [QUALITIES]]]
set -euo pipefail
VERDEELSCAN=$1 OUT=$2 MAX_SILENT=$3 MIN_EXACT=$4
COUNT=${5:-6} SEED=${6:-7300} QUALITIES=${7:-}
HERE=$(dirname "$0")
rm -rf "$OUT"
/usr/bin/python3 "$HERE/lettergen.py" "$OUT" --count "$COUNT" --seed "$SEED" --qualities "$QUALITIES"
/usr/bin/python3 "$HERE/letter_eval.py" "$OUT" --verdeelscan "$VERDEELSCAN" --verbose \
  --forms "text${QUALITIES:+,$QUALITIES}" --max-silent "$MAX_SILENT" --min-exact "$MIN_EXACT"
