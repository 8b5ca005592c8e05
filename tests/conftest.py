from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: random locally, fixed examples in CI (a red CI must mean a real regression), and a long
# run on demand: HYPOTHESIS_PROFILE=fuzz scripts/test.sh
settings.register_profile("dev", max_examples=300, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("fuzz", max_examples=20_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"../shared is missing next to the project ({SHARED})"
    return SHARED
