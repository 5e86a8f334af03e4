#!/bin/bash
# Generates N realistic scans with ground truth into a temporary directory and
# evaluates them.
#
#   tools/scangen/sweep.sh N            # N documents, random seed
#   SEED=7 tools/scangen/sweep.sh 40    # reproducible
#   BUILD=build-layout tools/scangen/sweep.sh 10
#   CLASSES=clean,office,photocopy,lowres,fax ARTEFACTS=all SEED=70000 \
#     tools/scangen/sweep.sh 6   # 6 documents per quality class
#
# Real-world sweeps (scangen.py's --quality, --artefacts, --headers, --orders):
#   CLASSES    comma list of quality classes: N documents are made for EACH
#              (prefix sweep-CLASS-, the same seed for every class, so each class
#              holds the same tables); unset: N documents, office, as before.
#   ARTEFACTS  none (default) | all (each with p=0.5) | list (stamp,tick:0.3,...)
#   HEADERS    classic | all | list (one,two,split,spanning); default all when
#              CLASSES or ARTEFACTS is set, classic otherwise.
#   ORDERS     any | mixed | totaal-first; default mixed when CLASSES or
#              ARTEFACTS is set, any otherwise.
#   EVAL_ARGS  more arguments for scangen_eval (e.g. --no-ocr-timing).
# scangen_eval then prints QUALITY, ARTEFACT, HEADER and ORDER lines before TOTAL.
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

if [ -n "${CLASSES:-}" ] || [ -n "${ARTEFACTS:-}" ]; then
  real=(--artefacts "${ARTEFACTS:-none}" --headers "${HEADERS:-all}" --orders "${ORDERS:-mixed}")
else
  real=(--headers "${HEADERS:-classic}" --orders "${ORDERS:-any}")
fi
if [ -n "${CLASSES:-}" ]; then
  IFS=, read -r -a classes <<<"$CLASSES"
  for class in "${classes[@]}"; do
    echo "# generating $N $class scans (seed $SEED, ${real[*]}) into $DIR"
    /usr/bin/python3 "$HERE/scangen.py" "$DIR" --count "$N" --seed "$SEED" \
      --prefix "sweep-$class-" --quality "$class" "${real[@]}"
  done
else
  echo "# generating $N scans (seed $SEED) into $DIR"
  /usr/bin/python3 "$HERE/scangen.py" "$DIR" --count "$N" --seed "$SEED" --prefix sweep "${real[@]}"
fi

ran=0 rc=0
for tool in verdeelscan-eval scangen_eval; do
  if [ -x "$BUILD/$tool" ]; then
    echo "# $BUILD/$tool $DIR"
    args=("$DIR")
    [ $tool = verdeelscan-eval ] && args+=(--fail-on-silent)
    # EVAL_ARGS (e.g. --no-ocr-timing) go to scangen_eval.
    [ $tool = scangen_eval ] && [ -n "${EVAL_ARGS:-}" ] && read -r -a extra <<<"$EVAL_ARGS" &&
      args+=("${extra[@]}")
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
