#!/bin/sh
# `cmake --install` into a staging prefix puts the binary, the man page, the
# schema and the docs in place, and the installed binary runs; `cpack -G DEB`
# builds a package holding the same files whose Depends name the libraries the
# binary links and the Tesseract models (installing it on a fresh Debian 12
# root is a step of tools/fresh-machine-check.sh).
#   tests/install_test.sh BUILD_DIR
set -u
BUILD="$1"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log"; fail "cmake --install"; }
for f in bin/verdeelscan share/man/man1/verdeelscan.1 share/doc/verdeelscan/README.md \
         share/doc/verdeelscan/record.md; do
  [ -f "$WORK/prefix/$f" ] || fail "cmake --install did not put $f in place"
done
if [ -f "$(dirname "$0")/../docs/record.schema.json" ]; then
  [ -f "$WORK/prefix/share/verdeelscan/record.schema.json" ] || fail "schema not installed"
fi
"$WORK/prefix/bin/verdeelscan" --version | grep -q '^verdeelscan [0-9]' ||
  fail "the installed binary does not print its version"

command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps not found: install dpkg-dev"
(cd "$WORK" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/deb") \
  >"$WORK/cpack.log" 2>&1 || { cat "$WORK/cpack.log"; fail "cpack -G DEB"; }
DEB=$(ls "$WORK"/deb/verdeelscan_*.deb 2>/dev/null | head -n 1)
[ -n "$DEB" ] || fail "cpack made no .deb"
contents=$(dpkg-deb -c "$DEB")
for f in ./usr/bin/verdeelscan ./usr/share/man/man1/verdeelscan.1; do
  echo "$contents" | grep -q " $f" || fail "the package lacks $f"
done
depends=$(dpkg-deb -f "$DEB" Depends)
for d in libtesseract5 libpoppler-cpp0v5 libqpdf29 tesseract-ocr-nld tesseract-ocr-osd; do
  echo "$depends" | grep -q "$d" || fail "Depends lacks $d: $depends"
done
echo "installed and packaged: $(basename "$DEB") ($(du -k "$DEB" | cut -f1) KB)"
