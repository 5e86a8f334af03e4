#!/bin/sh
# Byte-mutants of a PDF through the whole CLI: each mutant has 1..8 of its
# bytes replaced by random ones or bit-flipped (a deterministic seed, so a
# failure can be made again), and `verdeelscan extract` must end normally on
# every one (exit below 128, a JSON object or array on stdout). A scanned
# page damaged this way OCRs into garbage the table reader must survive.
#   fuzz/pdf_mutants.sh BUILD_DIR PDF [COUNT] [SEED]   (default 120, 1)
# Prints one line per mutant that crashed and a summary; exits 1 on any.
set -u
BIN="$1/verdeelscan"
PDF="$2"
COUNT="${3:-120}"
SEED="${4:-1}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
SIZE=$(wc -c < "$PDF")
# "mutant offset value" lines; value 256+b means: flip bit b of the byte.
awk -v n="$COUNT" -v size="$SIZE" -v seed="$SEED" 'BEGIN {
  srand(seed);
  for (m = 1; m <= n; ++m) {
    k = 1 + int(rand() * 8);
    for (j = 0; j < k; ++j) {
      off = int(rand() * size);
      v = rand() < 0.5 ? int(rand() * 256) : 256 + int(rand() * 8);
      print m, off, v;
    }
  }
}' > "$TMP/plan"
crashed=0 failed=0 read=0
m=1
while [ "$m" -le "$COUNT" ]; do
  cp "$PDF" "$TMP/m.pdf"
  chmod u+w "$TMP/m.pdf"
  grep "^$m " "$TMP/plan" | while read -r _ off v; do
    if [ "$v" -ge 256 ]; then
      old=$(od -An -tu1 -j "$off" -N1 "$TMP/m.pdf" | tr -d ' ')
      v=$(( old ^ (1 << (v - 256)) ))
    fi
    printf "$(printf '\\%03o' "$v")" |
      dd of="$TMP/m.pdf" bs=1 seek="$off" count=1 conv=notrunc 2>/dev/null
  done
  timeout 600 "$BIN" extract "$TMP/m.pdf" > "$TMP/out.json" 2> "$TMP/err.txt"
  rc=$?
  if [ $rc -ge 128 ] || [ $rc = 124 ] || ! head -c 1 "$TMP/out.json" | grep -q '[[{]'; then
    crashed=$((crashed + 1))
    cp "$TMP/m.pdf" "$TMP/../pdf_mutant_crash_${SEED}_$m.pdf" 2>/dev/null
    echo "mutant $m: exit $rc: $(tail -c 200 "$TMP/err.txt" | tr '\n' ' ')"
  elif grep -q '"status": "failed"' "$TMP/out.json"; then
    failed=$((failed + 1))
  else
    read=$((read + 1))
  fi
  m=$((m + 1))
done
echo "pdf mutants of $(basename "$PDF"), seed $SEED: $COUNT run, $crashed crashed," \
  "$failed failed records, $read read"
[ "$crashed" = 0 ]
