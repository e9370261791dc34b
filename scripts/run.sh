#!/usr/bin/env bash
# Installs what is missing, builds, and starts the Spanlight console on the embedded SQLite
# default. Arguments go to the console (see --help), e.g. ./scripts/run.sh --service-port 9007
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
./scripts/build.sh
exec ./build/"${SPANLIGHT_PRESET:-release}"/app/spanlight/spanlight "$@"
