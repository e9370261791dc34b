#!/usr/bin/env bash
# Installs the Debian 12 packages Spanlight needs that are missing. Fast when all are present.
#   scripts/deps.sh          build and run dependencies
#   scripts/deps.sh --test   also what the test suite needs (PostgreSQL and Redis servers, Node.js for the
#                            real-client end-to-end tests, clang and libFuzzer for the fuzz targets,
#                            the validators of the packaging test)
set -euo pipefail

BUILD_PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config git
  # Qt 6: core, network, SQL, HTTP, concurrency, tests; the console's QML modules
  qt6-base-dev qt6-declarative-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-shapes qml6-module-qtquick-window qml6-module-qtquick-templates
  qml6-module-qtqml-workerscript qml6-module-qtcharts qml6-module-qttest
  # File > Open: QtQuick.Dialogs, whose non-native FileDialog lists folders with Qt.labs.folderlistmodel
  qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel
  # SQL drivers and client libraries
  libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libpq-dev
  # wire formats
  libprotobuf-dev protobuf-compiler libgrpc++-dev protobuf-compiler-grpc zlib1g-dev libssl-dev
  # Redis client (REDIS_URL: the shared rate limit and query cache of several instances)
  libhiredis-dev
  # the console draws with OpenGL (Mesa) or software; fonts for its text: DejaVu for Latin
  # (English, German), WenQuanYi Micro Hei for the Simplified Chinese translation (DejaVu has no
  # CJK glyphs; fontconfig falls back to it; 1.6 MB where fonts-noto-cjk is 56 MB)
  libgl1-mesa-dri fonts-dejavu-core fonts-wqy-microhei
  # packages: dpkg-shlibdeps for the .deb's Depends (CPack finds the ELF files with `file`),
  # rsvg-convert for the icon's PNG sizes
  dpkg-dev file librsvg2-bin
)
TEST_PACKAGES=(postgresql redis-server xvfb xauth nodejs npm gzip procps python3 clang libclang-rt-14-dev
  # tst_package validates the desktop entry, the AppStream metainfo and the man pages
  desktop-file-utils appstream man-db)

packages=("${BUILD_PACKAGES[@]}")
if [ "${1:-}" = "--test" ]; then
  for p in "${TEST_PACKAGES[@]}"; do
    # A Node.js installed another way (e.g. one that bundles npm) serves as well as Debian's.
    case $p in nodejs|npm) command -v node >/dev/null && command -v npm >/dev/null && continue ;; esac
    packages+=("$p")
  done
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "deps.sh: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
