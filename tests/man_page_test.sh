#!/bin/sh
# The man page (docs/verdeelscan.1) names every subcommand and every long
# option the CLI's --help lists, and man(1) formats it without warnings.
#   tests/man_page_test.sh BUILD_DIR SOURCE_DIR
set -u
BIN="$1/verdeelscan"
PAGE="$2/docs/verdeelscan.1"
fail=0
commands=$("$BIN" --help | awk '/^Subcommands:/ { on = 1; next } on && NF { print $1 }')
[ -n "$commands" ] || { echo "no subcommands in verdeelscan --help"; exit 1; }
# In roff a '-' in a name is written '\-'.
roff() { printf '%s' "$1" | sed 's/-/\\\\-/g'; }
for o in $("$BIN" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  grep -q -- "$(roff "$o")" "$PAGE" || { echo "man page lacks the option $o"; fail=1; }
done
for c in $commands; do
  grep -q "$(roff "$c")" "$PAGE" || { echo "man page lacks the command $c"; fail=1; }
  for o in $("$BIN" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "$(roff "$o")" "$PAGE" || { echo "man page lacks $c's option $o"; fail=1; }
  done
done
command -v groff >/dev/null || { echo "groff not found: install groff-base"; exit 1; }
warnings=$(groff -man -Tutf8 -ww -z "$PAGE" 2>&1)
[ -z "$warnings" ] || { echo "groff: $warnings"; fail=1; }
[ $fail = 0 ] && echo "man page covers $(echo $commands | wc -w) commands and their options"
exit $fail
