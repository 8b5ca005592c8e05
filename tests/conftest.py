from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from servers import OxigraphServers

from graph.keys import Iris
from graph.remote import RemoteBackend
from graph.store import Store

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


# --- the stores the graph and API tests run on: embedded, and a real Oxigraph SPARQL server ---------------

BACKENDS = ("embedded", "server")


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServers]:
    """Oxigraph servers for the whole run (``oxigraph serve --location TMP --bind 127.0.0.1:PORT``), each
    started when first used and all stopped at the end."""
    try:
        servers = OxigraphServers(tmp_path_factory.mktemp("oxigraph"))
    except FileNotFoundError:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[dev]')")
    yield servers
    servers.close()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Where a module's stores live: ``embedded`` (Oxigraph in process) or ``server`` (Oxigraph over HTTP)."""
    return str(request.param)


@dataclass
class StoreMaker:
    """New, empty stores on the backend of the test: in memory, or each on a server slot of its own (slot 0
    is left to module-scoped stores)."""

    backend: str
    servers: OxigraphServers | None
    made: list[Store] = field(default_factory=list)

    def __call__(self, iris: Iris | None = None) -> Store:
        slot = len(self.made) + 1
        store = Store(iris=iris) if self.servers is None else Store.remote(self.servers.fresh(slot), iris)
        self.made.append(store)
        return store

    def close(self) -> None:
        for store in self.made:
            if isinstance(store.backend, RemoteBackend):
                store.backend.close()


@pytest.fixture
def new_store(backend: str, request: pytest.FixtureRequest) -> Iterator[StoreMaker]:
    servers = request.getfixturevalue("oxigraph") if backend == "server" else None
    maker = StoreMaker(backend, servers)
    yield maker
    maker.close()


def store_options(store: Store) -> list[str]:
    """The ``luocdo`` options that name ``store``: ``--store DIR`` or ``--endpoint URL``."""
    if isinstance(store.backend, RemoteBackend):
        return ["--endpoint", store.backend.server.endpoint]
    assert store.path is not None
    return ["--store", str(store.path)]
