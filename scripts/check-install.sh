#!/usr/bin/env bash
# make test's check of `make install`: installs into a scratch PREFIX (debug build, already
# built), then runs the installed binary from another folder — the CLI, and the terminal UI
# under tmux, which needs its themes — and checks the man page and completions.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
socket="katalog-install-$$"
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
fail() { echo "check-install: $*" >&2; exit 1; }

make -C "$root" --no-print-directory install PREFIX="$scratch/prefix" CONFIGURATION=debug >"$scratch/install.log" 2>&1 \
  || { cat "$scratch/install.log" >&2; fail "make install failed"; }
bin="$scratch/prefix/bin/katalog"
[ -x "$bin" ] || fail "no binary at $bin"
for file in share/man/man1/katalog.1 share/bash-completion/completions/katalog share/zsh/site-functions/_katalog \
            share/fish/vendor_completions.d/katalog.fish; do
  [ -s "$scratch/prefix/$file" ] || fail "missing $file"
done
bash -n "$scratch/prefix/share/bash-completion/completions/katalog" || fail "the bash completion does not parse"
grep -q "katalog" "$scratch/prefix/share/man/man1/katalog.1" || fail "the man page does not name katalog"

home="$scratch/home"
mkdir -p "$home"
run() { (cd / && env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=xterm-256color "$@"); }
run "$bin" ls | grep -q rasone || fail "the installed binary's 'ls' from / did not list the demo"

tmux -L "$socket" -f /dev/null new-session -d -x 100 -y 30 \
  "cd / && env -i HOME='$home' PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=xterm-256color '$bin'; echo exit=\$? > '$scratch/exit'; sleep 30"
for _ in $(seq 1 100); do
  tmux -L "$socket" capture-pane -p -t 0 2>/dev/null | grep -q "Datastream streams" && break
  sleep 0.1
done
tmux -L "$socket" capture-pane -p -t 0 | grep -q "Datastream streams" || { tmux -L "$socket" capture-pane -p -t 0 >&2; fail "the installed TUI did not open"; }
tmux -L "$socket" capture-pane -p -t 0 | grep -q "demo workspace (offline)" || fail "the demo does not say it is the demo"
tmux -L "$socket" send-keys -t 0 q
for _ in $(seq 1 50); do [ -s "$scratch/exit" ] && break; sleep 0.1; done
grep -q "exit=0" "$scratch/exit" 2>/dev/null || fail "the installed TUI did not quit cleanly"
echo "check-install: make install works; the installed katalog runs from / (CLI and TUI)."
