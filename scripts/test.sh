#!/usr/bin/env bash
# Quick start, tests: set up with the test tools, lint, type-check, run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check graph api tests benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest --doctest-modules graph api tests "$@"
