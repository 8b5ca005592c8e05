#!/usr/bin/env bash
# Quick start, main job: set up, then read every document of a folder (default ../shared/seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/luocdo extract "${@:-../shared/seeds}"
