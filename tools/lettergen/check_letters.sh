#!/bin/bash
# The quick test of the letter readers on generated text dumps: 6 letters of
# every kind (seed 7300, not a seed the readers were tuned on), scored by
# letter_eval.py. It fails when a silent error appears beyond the ones known
# when the test was written (MAX_SILENT; the goal is 0, and the bound comes
# down as the readers are fixed) or when fewer than MIN_EXACT of the documents
# have every field right.
set -euo pipefail
VERDEELSCAN=$1 OUT=$2
MAX_SILENT=${3:-0} MIN_EXACT=${4:-0.9}
HERE=$(dirname "$0")
rm -rf "$OUT"
/usr/bin/python3 "$HERE/lettergen.py" "$OUT" --count 6 --seed 7300
/usr/bin/python3 "$HERE/letter_eval.py" "$OUT" --verdeelscan "$VERDEELSCAN" --verbose \
  --max-silent "$MAX_SILENT" --min-exact "$MIN_EXACT"
