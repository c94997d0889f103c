#!/usr/bin/env bash
# Idle CPU of the terminal UI: katalog under tmux on the demo, on each screen, left alone for
# SECONDS (default 5); prints the CPU seconds it used per screen, and `ROW` lines for bench.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${1:-$root/.build/release/katalog}"
seconds="${2:-5}"
home="$(mktemp -d)"
socket="katalog-idle-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$home"' EXIT
export LANG=C.UTF-8 TERM=xterm-256color
tmux -L "$socket" -f /dev/null new-session -d -s idle -x 160 -y 48 \
  "env HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config KATALOG_NOW=2026-11-25T12:00:00Z $binary"
for _ in $(seq 1 100); do
  tmux -L "$socket" capture-pane -p -t idle | grep -q "Datastream streams" && break
  sleep 0.1
done
pid="$(pgrep -P "$(tmux -L "$socket" list-panes -t idle -F '#{pane_pid}')" || tmux -L "$socket" list-panes -t idle -F '#{pane_pid}')"
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz="$(getconf CLK_TCK)"
for screen in 1 2 3 4; do
  tmux -L "$socket" send-keys -t idle "$screen"
  sleep 1  # what the screen loads, loaded
  before="$(ticks)"
  sleep "$seconds"
  after="$(ticks)"
  percent="$(awk -v d=$((after - before)) -v hz="$hz" -v s="$seconds" 'BEGIN { printf "%.1f", 100 * d / hz / s }')"
  echo "screen $screen: $(awk -v d=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.3f", d / hz }') s CPU in $seconds s ($percent % of a core)"
  printf 'ROW\tIdle CPU, screen %s (%s)\t%s %%\t–\t–\t≈ 0 (≤ 1 %%)\t%s\n' "$screen" "$(sed -n "${screen}p" <<<$'Explorer\nLineage\nPublish\nAccess')" \
    "$percent" "$(awk -v p="$percent" 'BEGIN { print (p <= 1) ? "yes" : "no" }')"
  tmux -L "$socket" send-keys -t idle Escape
done
