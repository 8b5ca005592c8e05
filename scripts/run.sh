#!/usr/bin/env bash
# Quick start, main job: set up, build the graph from a folder of documents (default ../shared/seeds)
# into the embedded store (.luocdo/store, or $LUOCDO_STORE), check it with the shapes and show its stats.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export LUOCDO_STORE="${LUOCDO_STORE:-$PWD/.luocdo/store}"
.venv/bin/luocdo ingest "${@:-../shared/seeds}"
.venv/bin/luocdo validate
echo "store: $LUOCDO_STORE — try: .venv/bin/luocdo lineage NUMBER --both" >&2
