#!/bin/sh
# A test: what README's scan-generator commands need is installed (Python 3,
# python3-pil, every font scangen.py draws with). Fails naming the package.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
[ -x /usr/bin/python3 ] ||
  { echo "/usr/bin/python3 not found: install python3 python3-pil (tools/install-deps.sh)"; exit 1; }
/usr/bin/python3 -c "
import sys
sys.path.insert(0, sys.argv[1])
import scangen
scangen.require_fonts()
print('scangen: python3-pil and all', len(scangen.FONTS), 'fonts present')" "$HERE"
