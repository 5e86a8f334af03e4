#!/bin/bash
# Generates letters of every kind with truth (lettergen.py), as text dumps and
# scans, and scores `verdeelscan extract` on them (letter_eval.py).
#
#   tools/lettergen/sweep.sh N                      # N per kind, text only, random seed
#   SEED=4100 QUALITIES=office tools/lettergen/sweep.sh 20
#   SEED=4100 QUALITIES=clean,office,photocopy JOBS=2 tools/lettergen/sweep.sh 5
#
#   BUILD      build directory holding verdeelscan (default ROOT/build)
#   QUALITIES  comma list of clean,office,photocopy (unset: text only)
#   EVAL_ARGS  more arguments for letter_eval.py (--verbose, --max-silent 0, ...)
# The directory is kept (its path is printed) and each file's records are kept
# beside it (FILE.sweep.jsonl), so the table can be printed again with
# `letter_eval.py DIR --keep sweep ...`. Exit status: letter_eval.py's.
set -euo pipefail
N=${1:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"
SEED=${SEED:-$(( $(date +%s) % 100000 ))}
QUALITIES=${QUALITIES:-}
DIR=${DIR:-$(mktemp -d "${TMPDIR:-/tmp}/lettergen-sweep.XXXXXX")}
echo "# generating $N letters per kind (seed $SEED, qualities ${QUALITIES:-none}) into $DIR"
/usr/bin/python3 "$HERE/lettergen.py" "$DIR" --count "$N" --seed "$SEED" --qualities "$QUALITIES"
forms=text${QUALITIES:+,$QUALITIES}
# shellcheck disable=SC2086
/usr/bin/python3 "$HERE/letter_eval.py" "$DIR" --verdeelscan "$BUILD/verdeelscan" --forms "$forms" \
  --jobs "${JOBS:-2}" --keep sweep ${EVAL_ARGS:-}
