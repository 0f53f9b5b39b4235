#!/usr/bin/env bash
# Installs what verify needs on a fresh Debian machine with Swift: the C libraries it
# embeds or links (CPython 3.11, cmark-gfm, SQLite) and the tools it calls (shellcheck,
# and bubblewrap for --sandbox bwrap).
set -euo pipefail

packages=(libpython3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev python3-venv shellcheck bubblewrap)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "installed: ${missing[*]}"
fi
