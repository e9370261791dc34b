#!/usr/bin/env bash
# Installs what is missing, builds, starts a throwaway PostgreSQL on loopback, runs every
# test with ctest, and stops PostgreSQL again. Extra arguments go to ctest (e.g. -R tst_api).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
./scripts/deps.sh --test
./scripts/build.sh
# The decoders' libFuzzer targets (clang, ASan + UBSan); ctest runs each briefly.
SPANLIGHT_PRESET=fuzz ./scripts/build.sh
PRESET=${SPANLIGHT_PRESET:-release}

# Test-only clients from npm (the OpenTelemetry JS SDK and friends), pinned by the lockfile.
# Without the registry those end-to-end tests skip, saying why; in CI that is an error.
JS=tests/e2e/otel-js
if [ ! -d $JS/node_modules ] || [ $JS/package-lock.json -nt $JS/node_modules ]; then
  if (cd $JS && npm ci --no-audit --no-fund --loglevel=error); then
    touch $JS/node_modules
  elif [ "${CI:-}" = true ]; then
    echo "test.sh: npm ci failed in $JS" >&2
    exit 1
  else
    echo "test.sh: WARNING: npm ci failed in $JS (no npm registry?); the real-client tests will be skipped" >&2
    rm -rf $JS/node_modules
  fi
fi

# tests/redis starts its own redis-server on loopback (an ephemeral port, no persistence).
# Without one it skips, saying why; in CI that is an error (the suite fails too).
if ! command -v redis-server >/dev/null; then
  if [ "${CI:-}" = true ]; then
    echo "test.sh: redis-server is not installed (scripts/deps.sh --test installs it)" >&2
    exit 1
  fi
  echo "test.sh: WARNING: redis-server is not installed; the Redis tests will be skipped" >&2
fi

# A throwaway PostgreSQL on loopback. initdb refuses to run as root, so run it as postgres.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/spanlight-pg.XXXXXX")
AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGDIR"
  AS=(runuser -u postgres --)
fi
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
stop_pg() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop_pg EXIT
"${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'CREATE DATABASE spanlight_test' >/dev/null
export SPANLIGHT_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PGPORT/spanlight_test"
echo "test.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"

cd "$ROOT/build/$PRESET"
ctest --output-on-failure -j2 --timeout 300 "$@"
