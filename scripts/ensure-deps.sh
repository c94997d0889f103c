#!/usr/bin/env bash
# Installs the Debian packages katalog needs to build and test, once: quiet when all are there.
# `ensure-deps.sh bench` adds what `make bench` measures against and with (fzf, hyperfine).
set -euo pipefail
packages=(libncurses-dev libsqlite3-dev sqlite3 tmux graphviz postgresql)
[ "${1:-}" = bench ] && packages+=(fzf hyperfine)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} …"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
