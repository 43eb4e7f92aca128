#!/usr/bin/env bash
# Install what the site needs into .venv (idempotent; safe to run again). Each step
# says what it does and shows its own progress.
#   bash scripts/install.sh          build and serve the site, with the content editor
#                                    at /admin/ (its npm package; about 1 minute)
#   bash scripts/install.sh --test   also everything the test suite needs: Debian's
#                                    chromium, Java and rsync with apt-get (as root, when
#                                    missing) and the other Node packages (2-4 minutes)
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
  echo "install: chromium, java, rsync and npm ready"
fi

# --- Node packages -------------------------------------------------------------
# The content editor (/admin/: Sveltia CMS and its fonts, "dependencies" of
# package.json) on every install; the test tools ("devDependencies": Lighthouse CI,
# the Nu HTML checker) with --test. `npm ci` wipes node_modules, so it runs only when
# the lock file or the kind of install changed since.
if command -v npm >/dev/null 2>&1; then
  lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
  installed="$(cat node_modules/.installed-lock 2>/dev/null || true)"
  if $want_test; then
    if [ "$installed" != "$lock_sum all" ]; then
      echo "install: Node packages (npm ci: the content editor, Lighthouse CI, the Nu HTML checker)"
      npm ci --no-audit --no-fund
      echo "$lock_sum all" > node_modules/.installed-lock
    fi
  elif [ "$installed" != "$lock_sum all" ] && [ "$installed" != "$lock_sum editor" ]; then
    echo "install: Node packages (npm ci --omit=dev: the content editor)"
    npm ci --omit=dev --no-audit --no-fund
    echo "$lock_sum editor" > node_modules/.installed-lock
  fi
  echo "install: node packages ready"
else
  # Only without --test (the test install puts npm there above).
  echo "install: npm not found: the site builds without its content editor (/admin/);" \
       "install Node.js and npm (Debian: apt-get install nodejs npm) and run this again" >&2
fi
