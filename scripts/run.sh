#!/usr/bin/env bash
# Quick start, main job: set up, build the graph from a folder of documents (default ../shared/seeds) into the
# embedded store (.luocdo/store, or $LUOCDO_STORE), check it with the shapes, then serve the API, the SPARQL
# endpoint and the web page on http://127.0.0.1:${LUOCDO_PORT:-8000}/ until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export LUOCDO_STORE="${LUOCDO_STORE:-$PWD/.luocdo/store}"
.venv/bin/luocdo ingest "${@:-../shared/seeds}"
.venv/bin/luocdo validate
exec .venv/bin/luocdo serve --host "${LUOCDO_HOST:-127.0.0.1}" --port "${LUOCDO_PORT:-8000}"
