#!/bin/sh
# Rebuilds the binary goldens in tests/ingest/data/. The JSON goldens are hand-written and
# are not touched. Run from anywhere; BUILD_DIR defaults to build/dev.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build/dev}
data=$here/data

cmake --build "$build" -j2 --target make_otlp_fixtures make_zipkin_fixtures
"$build/tests/ingest/make_otlp_fixtures" "$data"
"$build/tests/ingest/make_zipkin_fixtures" "$data"
# -n: no name or timestamp in the header, so the file only changes when its content does.
gzip -9 -n -c "$data/trace_full.pb" > "$data/trace_full.pb.gz"
head -c 67108864 /dev/zero | gzip -9 -n -c > "$data/bomb_64mib_zeros.gz"
ls -l "$data"
