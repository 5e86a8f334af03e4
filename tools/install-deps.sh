#!/bin/sh
# Installs every Debian package verdeelscan needs to build, test and run.
# One list for README.md and .ci/run. Nothing else is ever downloaded.
set -eu
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  cmake g++ make pkg-config \
  libre2-dev nlohmann-json3-dev libcli11-dev \
  libgtest-dev libgmock-dev libbenchmark-dev \
  libpoppler-cpp-dev libqpdf-dev libtesseract-dev libleptonica-dev tesseract-ocr-nld tesseract-ocr-osd \
  libsqlite3-dev libxlsxwriter-dev sqlite3 \
  clang libclang-rt-14-dev
