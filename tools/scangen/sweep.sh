#!/bin/bash
# Generates N realistic scans with ground truth into a temporary directory and
# evaluates them.
#
#   tools/scangen/sweep.sh N            # N documents, random seed
#   SEED=7 tools/scangen/sweep.sh 40    # reproducible
#   BUILD=build-layout tools/scangen/sweep.sh 10
#
# Evaluators, each run when built:
#   $BUILD/verdeelscan-eval DIR  the product's evaluation (pipeline ExtractFile);
#   $BUILD/scangen_eval DIR      the scan path chained by hand (LoadScan,
#                                ReadPositionedTable, prose, repair), which also
#                                scores the table as read before repair.
# The directory is kept (its path is printed) so that failures can be looked
# at; KEEP=0 removes it. Exit status: 3 when an evaluator reports a silent
# error, 1 when none could run.
set -euo pipefail
N=${1:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"
SEED=${SEED:-$(( $(date +%s) % 100000 ))}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/scangen-sweep.XXXXXX")
[ "${KEEP:-1}" = 0 ] && trap 'rm -rf "$DIR"' EXIT

echo "# generating $N scans (seed $SEED) into $DIR"
/usr/bin/python3 "$HERE/scangen.py" "$DIR" --count "$N" --seed "$SEED" --prefix sweep

ran=0 rc=0
for tool in verdeelscan-eval scangen_eval; do
  if [ -x "$BUILD/$tool" ]; then
    echo "# $BUILD/$tool $DIR"
    args=("$DIR")
    [ $tool = verdeelscan-eval ] && args+=(--fail-on-silent)
    set +e
    "$BUILD/$tool" "${args[@]}"
    r=$?
    set -e
    ran=1
    [ $r -eq 3 ] && rc=3
    [ $r -ne 0 ] && [ $r -ne 3 ] && echo "# $tool exited with $r"
  fi
done
if [ $ran = 0 ]; then
  echo "no evaluator in $BUILD (build verdeelscan-eval or scangen_eval)" >&2
  exit 1
fi
exit $rc
