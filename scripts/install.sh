#!/usr/bin/env bash
# Install what the site needs into .venv (idempotent; safe to run again).
#   bash scripts/install.sh          build and serve the site
#   bash scripts/install.sh --test   also everything the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if $want_test; then
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
else
  .venv/bin/python -m pip install --quiet -r requirements.txt
fi
echo "install: Python packages ready in .venv"
