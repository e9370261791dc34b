#!/usr/bin/env bash
# Configures (once) and builds Spanlight with Ninja and ccache into build/<preset> (default release).
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET=${SPANLIGHT_PRESET:-release}
# Configuring again is quick and picks up preset changes in an existing build folder.
cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET"
