#!/usr/bin/env bash
# Prints the README's performance table in one run: criterion medians for the engine and for
# a keystroke-to-frame, the whole-process figures, and numpy's time for the same calculation
# when python3 with numpy is present. Run from the repository root: bash benches/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."

median() { # criterion's "time: [low median high]" line for one benchmark id
  grep -A2 "^$1" "$2" | grep -o 'time: *\[[^]]*\]' | head -1 | sed -E 's/time: *\[[^ ]+ [^ ]+ ([^ ]+ [^ ]+).*/\1/'
}

log=$(mktemp)
cargo bench --bench engine --bench frame 2>/dev/null | tee "$log" >/dev/null

echo "| what | figure |"
echo "|---|---|"
echo "| full recompute, lesson size (T=2, D=4, d_k=d_v=2) | $(median 'attention lesson' "$log") |"
echo "| full recompute, T=16, D=64, d_k=d_v=64 | $(median 'attention T=16' "$log") |"
echo "| keystroke to frame, lesson size, 120x40 | $(median 'keystroke to frame, lesson' "$log") |"
echo "| keystroke to frame, T=16, D=64, d_k=d_v=64, 120x40 | $(median 'keystroke to frame, T=16' "$log") |"
cargo bench --bench process 2>/dev/null | grep '^|'
cargo bench --bench serve 2>/dev/null | grep '^|' | grep -v -e '^| what |' -e '^|---'

if python3 -c 'import numpy' 2>/dev/null; then
  python3 benches/numpy_attention.py | while read -r _ size us; do
    echo "| numpy, the same calculation ($size) | ${us} µs |"
  done
else
  echo "| numpy comparison | skipped: python3 with numpy is not installed |"
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
rm -f "$log"
