#!/usr/bin/env bash
# Runs one libFuzzer target briefly from the seed corpus (read-only) into a scratch corpus.
#   run-fuzzer.sh BINARY SECONDS SEED_DIR...
set -euo pipefail
bin=$1 seconds=$2; shift 2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/spanlight-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$scratch/" "$scratch" "$@" 2>&1 | tail -n 12
rc=${PIPESTATUS[0]}
if [ "$rc" != 0 ]; then
  for f in "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-*; do
    [ -f "$f" ] && { echo "failing input ($f), base64:"; base64 -w0 "$f"; echo; }
  done
fi
exit "$rc"
