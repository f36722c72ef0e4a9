#!/usr/bin/env bash
# Runs every test suite of the project, installing what it needs first (Debian/Ubuntu with the
# Swift toolchain): the Swift tests (`swift test`), then the Python package built and installed
# into a virtual environment with its pytest suite. The README's test command and CI run this.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages=(libopenblas-dev liblapacke-dev python3-venv)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    $sudo apt-get update
    $sudo apt-get install -y "${packages[@]}"
fi

echo "== Swift tests"
swift test

echo "== Python tests"
python3 -m venv --system-site-packages .venv
.venv/bin/pip install --quiet "./python[test]"
.venv/bin/python -m pytest -q python/tests
