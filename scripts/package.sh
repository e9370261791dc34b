#!/usr/bin/env bash
# Builds the release preset and packs it with CPack into build/packages/:
#   spanlight_<version>_<arch>.deb          (install: sudo apt install ./build/packages/spanlight_*.deb)
#   spanlight-<version>-linux-<arch>.tar.gz (the same tree, usr/ and etc/, for other distributions)
# Arguments: CPack generators (default "DEB;TGZ"), e.g. ./scripts/package.sh DEB
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${SPANLIGHT_PACKAGE_DIR:-$ROOT/build/packages}
./scripts/deps.sh
SPANLIGHT_PRESET=release ./scripts/build.sh
mkdir -p "$OUT"
(cd build/release && cpack -G "${1:-DEB;TGZ}" -B "$OUT")
rm -rf "$OUT/_CPack_Packages" # CPack's staging folder
ls -1 "$OUT"/spanlight[_-]*
