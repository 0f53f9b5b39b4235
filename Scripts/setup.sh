#!/usr/bin/env bash
# Installs what verify needs on a fresh Debian machine with Swift: the C libraries it
# embeds or links (CPython 3.11, cmark-gfm, SQLite) and the tools it calls (shellcheck,
# and bubblewrap for --sandbox bwrap).
set -euo pipefail

# libxml2-utils, python3-jsonschema and chromium check the JUnit, SARIF and HTML reports in the tests;
# bubblewrap lets the tests run the hostile suite inside it (--sandbox bwrap).
packages=(libpython3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev python3-venv shellcheck
  libxml2-utils python3-jsonschema chromium bubblewrap)
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

# The virtual environment snippets import their third-party packages from (FastAPI,
# Flask, pydantic, gevent): made with /usr/bin/python3.11, the interpreter verify embeds.
cd "$(dirname "$0")/.."
if ! .venv/bin/python -c "import fastapi, flask, pydantic, gevent, httpx" 2>/dev/null; then
  /usr/bin/python3.11 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r Fixtures/requirements.txt
  echo "created .venv from Fixtures/requirements.txt"
fi
