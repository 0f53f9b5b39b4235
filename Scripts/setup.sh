#!/usr/bin/env bash
# Installs what verify needs on a fresh Debian 12 (bookworm) machine with Swift: the C
# libraries it embeds or links (CPython 3.11, cmark-gfm, SQLite), pkg-config to find
# them, and the tools it calls (shellcheck, git, and bubblewrap for --sandbox bwrap).
set -euo pipefail

# libxml2-utils, python3-jsonschema and chromium check the JUnit, SARIF and HTML reports in the tests;
# bubblewrap lets the tests run the hostile suite inside it (--sandbox bwrap); valgrind
# counts instructions for `verify bench --instructions`.
packages=(libpython3-dev libpython3.11-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev python3.11-venv pkg-config
  git shellcheck libxml2-utils python3-jsonschema chromium bubblewrap valgrind)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root, or install sudo, to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "installed: ${missing[*]}"
fi

# The virtual environment snippets import their third-party packages from (FastAPI,
# Flask, pydantic, gevent): made with /usr/bin/python3.11, the interpreter verify embeds.
# A .venv made by another Python is made again; pip installs only what is missing.
cd "$(dirname "$0")/.."
if ! grep -qx "home = /usr/bin" .venv/pyvenv.cfg 2>/dev/null; then
  /usr/bin/python3.11 -m venv --clear .venv
  echo "created .venv with /usr/bin/python3.11"
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r Fixtures/requirements.txt
