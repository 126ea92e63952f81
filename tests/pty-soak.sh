#!/usr/bin/env bash
# Runs the pseudo-terminal tests N times (default 50) and fails on the first failure, to
# show they synchronise on screen contents rather than on timing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
cargo test --locked --test pty --no-run --quiet
for i in $(seq 1 "$runs"); do
  if ! cargo test --locked --quiet --test pty >/tmp/qkv-pty-soak.log 2>&1; then
    echo "run $i of $runs failed:"; cat /tmp/qkv-pty-soak.log; exit 1
  fi
done
echo "pty tests: $runs passed, 0 failed"
