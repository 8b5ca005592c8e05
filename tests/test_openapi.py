"""Schemathesis over the OpenAPI of the app (issue 7): generated requests to every operation, valid and invalid,
get no 5xx and no answer outside what the OpenAPI declares (status, content type, headers, body schema).

Deterministic (``derandomize``, no example database) and bounded, so a red run is a real regression; over the
seeds, writes on (a bearer token), in process. The operations are read from the app's OpenAPI at collection
(building it opens no store); the requests go to an app over the seeds that a fixture opens.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from starlette.types import Receive, Scope, Send

from api import Settings, create_app
from graph.cli import main

TOKEN = "s3cret-token"
_served: dict[str, FastAPI] = {}


async def _app(scope: Scope, receive: Receive, send: Send) -> None:
    """What schemathesis calls: the app of the ``served`` fixture, whose lifespan the fixture runs."""
    if scope["type"] != "http":
        raise RuntimeError("the lifespan is the fixture's")
    await _served["app"](scope, receive, send)


schema = schemathesis.openapi.from_dict(create_app(Settings(store=Path("/nonexistent"))).openapi())
schema.app = _app
schemathesis.serializer.alias("application/sparql-query", "text/plain")


@pytest.fixture(scope="module", autouse=True)
def served(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    path = tmp_path_factory.mktemp("openapi") / "store"
    assert main(["ingest", "--store", str(path), "--no-progress", str(shared / "seeds")]) == 0
    gc.collect()  # the ingest's store lets go of its lock when collected
    app = create_app(Settings(store=path, token=TOKEN, sparql_workers=1, sparql_timeout=5,
                              max_upload_bytes=50_000))
    with TestClient(app):
        _served["app"] = app
        yield app
        del _served["app"]


# Where what is valid is more than a schema can say (a SPARQL query must parse; a document must be one the
# SHACL gate accepts), a schema-valid request may rightly get 400 or 422: schemathesis's "schema-valid request
# rejected" check does not apply there; every other check does.
FREE_TEXT = {("GET", "/sparql"), ("POST", "/sparql"), ("POST", "/api/documents")}


@schema.parametrize()
@settings(max_examples=40, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_declared_schema(case: Any) -> None:
    free_text = (case.method.upper(), case.path) in FREE_TEXT
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           excluded_checks=[positive_data_acceptance] if free_text else None)
