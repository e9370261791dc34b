#!/usr/bin/env bash
# Configures (once) and builds Spanlight with Ninja and ccache into build/<preset> (default release).
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET=${SPANLIGHT_PRESET:-release}
if [ ! -f "build/$PRESET/build.ninja" ]; then
  cmake --preset "$PRESET" >/dev/null
fi
cmake --build --preset "$PRESET"
