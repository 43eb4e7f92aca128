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

# --- Publishing and its tests (issue 7): rsync, Debian chromium, the HTML validator ---
if $want_test; then
  command -v rsync >/dev/null || need_apt="${need_apt:-} rsync"
  [ -x /usr/bin/chromium ] || need_apt="${need_apt:-} chromium"
  if [ -n "${need_apt:-}" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt
  fi
  [ -f package.json ] && npm ci --no-audit --no-fund --loglevel=error
  echo "install: rsync, chromium and node_modules (vnu) ready"
fi
