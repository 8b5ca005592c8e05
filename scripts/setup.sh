#!/usr/bin/env bash
# Create .venv and install Luocdo into it (with the test tools when called with --dev), and the web page's
# front-end libraries from npm into api/web/node_modules (served locally; no CDN). With --dev, also Debian's
# chromium for the browser tests (tests/test_web.py drives /usr/bin/chromium with Playwright; browsers are never
# downloaded with `playwright install`). With --bench, also Debian's wrk, the HTTP load generator of
# `luocdo bench run`. The flags combine: setup.sh --dev --bench.
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0
BENCH=0
for flag in "$@"; do
  case "$flag" in
    --dev) DEV=1 ;;
    --bench) BENCH=1 ;;
    *) echo "setup.sh: unknown option $flag (--dev, --bench)" >&2; exit 2 ;;
  esac
done

# Debian packages, with sudo when not root: apt_install COMMAND PACKAGE
apt_install() {
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$2"
  else
    echo "$1 is missing and apt-get is not available" >&2
    return 1
  fi
}

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "$DEV" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e ".[dev]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
if [ ! -f api/web/node_modules/.package-lock.json ] || [ api/web/package-lock.json -nt api/web/node_modules/.package-lock.json ]; then
  npm ci --prefix api/web --no-audit --no-fund --ignore-scripts --loglevel=error
fi
if [ "$DEV" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium chromium || echo "the browser tests will be skipped" >&2
fi
if [ "$BENCH" = 1 ] && ! command -v wrk >/dev/null 2>&1; then
  apt_install wrk wrk || echo "luocdo bench run will report HTTP throughput as not measured" >&2
fi
