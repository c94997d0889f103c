#!/usr/bin/env bash
# Installs katalog under PREFIX: the binary (themes are inside it, so it runs from any
# folder), its man page and its shell completions. Used by `make install`.
# Usage: install.sh PREFIX BINARY MANPAGE
set -euo pipefail
prefix="$1" binary="$2" manpage="$3"
install -d -m 755 "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$binary" "$prefix/bin/katalog"
install -m 644 "$manpage" "$prefix/share/man/man1/katalog.1"
"$prefix/bin/katalog" --generate-completion-script bash >"$prefix/share/bash-completion/completions/katalog"
"$prefix/bin/katalog" --generate-completion-script zsh >"$prefix/share/zsh/site-functions/_katalog"
"$prefix/bin/katalog" --generate-completion-script fish >"$prefix/share/fish/vendor_completions.d/katalog.fish"
echo "Installed $prefix/bin/katalog (man katalog; completions for bash, zsh and fish)."
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "Add $prefix/bin to PATH to run it as katalog." ;; esac
