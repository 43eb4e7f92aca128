#!/usr/bin/env bash
# Install what the site needs into .venv (idempotent; safe to run again). Each step
# says what it does and shows its own progress.
#   bash scripts/install.sh          build and serve the site (about 1 minute)
#   bash scripts/install.sh --test   also everything the test suite needs: Debian's
#                                    chromium, Java and rsync with apt-get (as root, when
#                                    missing) and the Node packages (2-4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

echo "install: Python packages into .venv (pinned: requirements*.txt, constraints.txt)"
python3 -m venv .venv
.venv/bin/python -m pip install --progress-bar off --upgrade pip
if $want_test; then
  .venv/bin/python -m pip install --progress-bar off -r requirements-dev.txt -c constraints.txt
else
  .venv/bin/python -m pip install --progress-bar off -r requirements.txt -c constraints.txt
fi
echo "install: Python packages ready in .venv"

# --- Test tools: browser tests, HTML validator, Lighthouse, publishing ---------
# Debian's chromium (never a browser downloaded by a tool), Java for the Nu HTML
# checker, rsync for `invoke publish --target rsync`, and the Node packages
# pinned in package.json / package-lock.json.
if $want_test; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  command -v rsync >/dev/null 2>&1 || missing+=(rsync)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install: apt-get install ${missing[*]} (needs root)"
    if [ "$(id -u)" -ne 0 ]; then
      echo "install: not root: run as root, or install ${missing[*]} yourself" >&2
      exit 1
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  fi
  # `npm ci` wipes node_modules; skip it when the lock file has not changed since.
  lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat node_modules/.installed-lock 2>/dev/null)" != "$lock_sum" ]; then
    echo "install: Node packages (npm ci: Lighthouse CI and the Nu HTML checker)"
    npm ci --no-audit --no-fund
    echo "$lock_sum" > node_modules/.installed-lock
  fi
  echo "install: chromium, java, rsync and node packages ready"
fi
