#!/usr/bin/env bash
# Create .venv and install Luocdo into it (with the test tools when called with --dev), and the web page's
# front-end libraries from npm into api/web/node_modules (served locally; no CDN). With --dev, also Debian's
# chromium for the browser tests (tests/test_web.py drives /usr/bin/chromium with Playwright; browsers are never
# downloaded with `playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install --quiet -e ".[dev]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
if [ ! -f api/web/node_modules/.package-lock.json ] || [ api/web/package-lock.json -nt api/web/node_modules/.package-lock.json ]; then
  npm ci --prefix api/web --no-audit --no-fund --ignore-scripts --loglevel=error
fi
if [ "${1:-}" = "--dev" ] && [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
  else
    echo "chromium is missing and apt-get is not available: the browser tests will be skipped" >&2
  fi
fi
