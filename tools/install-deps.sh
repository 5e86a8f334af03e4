#!/bin/sh
# Installs every Debian package verdeelscan needs to build, test and run, and
# that the commands of README.md, .ci/run and tools/fresh-machine-check.sh use.
# One list for README.md and .ci/run; bench/run.sh adds ocrmypdf for itself.
# Works as root on a minimal Debian 12 (no sudo there) and through sudo
# elsewhere.
set -eu
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# Why each package is here (a missing one fails a test or a README command,
# never skips it):
#   cmake g++ make pkg-config ............ the build
#   zlib1g-dev ........................... libxlsxwriter's pkg-config file links -lz; the
#                                          searchable PDF deflates JPEG streams
#   libre2-dev nlohmann-json3-dev libcli11-dev
#   libgtest-dev libgmock-dev libbenchmark-dev
#   libpoppler-cpp-dev libqpdf-dev libtesseract-dev libleptonica-dev libsqlite3-dev
#   libxlsxwriter-dev nettle-dev ......... the libraries the code links (nettle: SHA-256)
#   libmagic-dev ......................... names the content of a file we cannot read
#   libicu-dev ........................... folds accented letters in names; the UTF-8 repair's oracle in tests
#   icc-profiles-free .................... sRGB.icc, built into the searchable PDF/A's OutputIntent
#   tesseract-ocr-nld .................... Dutch OCR model (nld.traineddata)
#   tesseract-ocr-osd .................... page orientation detection (osd.traineddata)
#   sqlite3 .............................. tools/batch_killtest.sh (a test) reads the catalogue
#   qpdf ................................. scan tests build a 6-page PDF; the encrypted sample;
#                                          `qpdf --check` of searchable PDFs (tests, tests/cli_test.sh)
#   python3 python3-pil fonts-dejavu-core fonts-liberation fonts-freefont-ttf
#                                          tools/scangen/scangen.py (README's scan sweeps)
#   python3-jsonschema ................... tests/record_schema_test.py: every record against
#                                          docs/record.schema.json (JSON Schema 2020-12)
#   poppler-utils ........................ pdfinfo/pdftotext: bench/run.sh, tests/cli_test.sh;
#                                          pdfimages: tools/scangen/check_generator.sh (fax pages CCITT)
#   clang libclang-rt-14-dev ............. libFuzzer builds (fuzz/run.sh, a .ci/run step)
#   clang-tidy ........................... tools/clang-tidy.sh (a .ci/run step)
#   debootstrap git ca-certificates ...... tools/fresh-machine-check.sh (a .ci/run step)
#   dpkg-dev file ........................ cpack's Debian package (dpkg-shlibdeps; CPack runs
#                                          file(1) to find the binaries): a test
#   groff-base ........................... the man page test formats docs/verdeelscan.1
#   parallel ............................. README.md's GNU parallel recipe, run by a test
#                                          (tests/parallel_recipe_test.sh)
#   chromium chromium-driver ............. the review page's browser test (headless chromium
#                                          over WebDriver: tests/review_page_browser_test.py)
$SUDO apt-get install -y --no-install-recommends \
  cmake g++ make pkg-config zlib1g-dev \
  libre2-dev nlohmann-json3-dev libcli11-dev \
  libgtest-dev libgmock-dev libbenchmark-dev \
  libpoppler-cpp-dev libqpdf-dev libtesseract-dev libleptonica-dev tesseract-ocr-nld tesseract-ocr-osd \
  libsqlite3-dev libxlsxwriter-dev nettle-dev libmagic-dev libicu-dev sqlite3 qpdf icc-profiles-free \
  python3 python3-pil python3-jsonschema fonts-dejavu-core fonts-liberation fonts-freefont-ttf poppler-utils \
  clang libclang-rt-14-dev clang-tidy \
  debootstrap git ca-certificates chromium chromium-driver dpkg-dev file groff-base parallel
