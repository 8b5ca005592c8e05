#!/usr/bin/env bash
# Create .venv and install Luocdo into it (with the test tools when called with --dev), and the web page's
# front-end libraries from npm into api/web/node_modules (served locally; no CDN).
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
