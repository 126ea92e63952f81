#!/usr/bin/env bash
# Prints the README's performance table in one run: criterion medians for the engine and for
# a keystroke-to-frame, the whole-process figures, and numpy's time for the same calculation
# when python3 with numpy is present, then every target as a ratio to its peer measured in
# the same run (absolute times vary two-fold on a shared machine).
# Run from the repository root: bash benches/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."

median() { # criterion's "time: [low median high]" line for one benchmark id
  grep -A2 "^$1" "$2" | grep -o 'time: *\[[^]]*\]' | head -1 | sed -E 's/time: *\[[^ ]+ [^ ]+ ([^ ]+ [^ ]+).*/\1/'
}

us() { # a criterion figure ("41.3 µs", "1.2 ms", "668 ns") in microseconds
  awk -v v="$1" -v u="$2" 'BEGIN { f = (u == "ms") ? 1000 : (u == "ns") ? 0.001 : 1; printf "%.2f", v * f }'
}

row() { # the figure of the row whose label starts with $1, from file $2
  grep -F "| $1" "$2" | head -1 | awk -F'|' '{ print $3 }' | awk '{ print $1 }'
}

log=$(mktemp)
proc=$(mktemp)
srv=$(mktemp)
cargo build --release --examples 2>/dev/null
cargo bench --bench engine --bench frame 2>/dev/null | tee "$log" >/dev/null

echo "| what | figure |"
echo "|---|---|"
echo "| full recompute, lesson size (T=2, D=4, d_k=d_v=2) | $(median 'attention lesson' "$log") |"
echo "| full recompute, T=16, D=64, d_k=d_v=64 | $(median 'attention T=16' "$log") |"
echo "| keystroke to frame, lesson size, 120x40 | $(median 'keystroke to frame, lesson' "$log") |"
echo "| keystroke to frame, T=16, D=64, d_k=d_v=64, 120x40 | $(median 'keystroke to frame, T=16' "$log") |"
cargo bench --bench process 2>/dev/null | grep '^|' | tee "$proc"
cargo bench --bench serve 2>/dev/null | grep '^|' | grep -v -e '^| what |' -e '^|---' | tee "$srv"

if python3 -c 'import numpy' 2>/dev/null; then
  python3 benches/numpy_attention.py | while read -r _ size us; do
    echo "| numpy, the same calculation ($size) | ${us} µs |"
  done
else
  echo "| numpy comparison | skipped: python3 with numpy is not installed |"
fi

echo
echo "| target | peer, same run | ratio | met |"
echo "|---|---|---|---|"
ratio() { # label, figure, peer label, peer figure, limit: figure/peer must be at most limit
  awk -v l="$1" -v a="$2" -v pl="$3" -v b="$4" -v lim="$5" 'BEGIN {
    r = a / b; printf "| %s: %s | %s: %s | %.2f (at most %s) | %s |\n", l, a, pl, b, r, lim, (r <= lim) ? "yes" : "NO" }'
}
read -r v u <<<"$(median 'keystroke to frame, lesson' "$log")"
ratio "keystroke to frame, lesson, µs" "$(us "$v" "$u")" "target, µs" 50 1
read -r v u <<<"$(median 'keystroke to frame, T=16' "$log")"
ratio "keystroke to frame, T=16 D=64, µs" "$(us "$v" "$u")" "target, µs" 300 1
ours=$(row "start to first complete frame" "$proc")
vim=$(row "vim -u NONE" "$proc")
floor=$(row "an empty Rust binary in the same pty" "$proc")
if [ -n "$vim" ] && [ -n "$floor" ]; then
  # Each program's own start: its pty time minus the empty binary's in the same harness.
  awk -v a="$ours" -v b="$vim" -v f="$floor" 'BEGIN { o = a - f; v = b - f; r = o / v;
    printf "| tutor start (first frame - empty binary), ms: %.2f | vim -u NONE start (- empty binary), ms: %.2f | %.2f (at most 0.5) | %s |\n",
      o, v, r, (r <= 0.5) ? "yes" : "NO" }'
elif [ -n "$vim" ]; then
  ratio "first frame, ms" "$ours" "vim -u NONE, ms" "$vim" 0.5
fi
walk=$(row "walk --json" "$proc")
empty=$(row "an empty Rust binary" "$proc")
if [ -n "$empty" ]; then
  awk -v a="$walk" -v b="$empty" 'BEGIN { d = a - b;
    printf "| walk --json, ms: %s | empty Rust binary, ms: %s | %.2f (+%.2f ms; at most +0.50 ms) | %s |\n",
      a, b, a / b, d, (d <= 0.5) ? "yes" : "NO" }'
fi
limit() { # label, figure, limit: the figure must be at most the limit
  awk -v l="$1" -v a="$2" -v lim="$3" 'BEGIN { printf "| %s: %s | target | at most %s | %s |\n", l, a, lim, (a <= lim) ? "yes" : "NO" }'
}
limit "serve: memory per session with 200 connected, MiB" "$(row "memory per session, 200 connected" "$srv")" 0.5
limit "serve: keystroke to frame with 200 connected, p95, ms" \
  "$(row "keystroke to frame, 200 connected, screen switch at 100x30, one student at a time (p95" "$srv")" 10
limit "serve: 200 students pressing a key at the same moment, p95, ms" \
  "$(row "keystroke to frame, 200 connected, every student at once (p95" "$srv")" 10
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
rm -f "$log" "$proc" "$srv"
