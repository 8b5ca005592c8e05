"""The same code on each storage engine gives the same graph and the same answers: embedded Oxigraph, rdflib's
Dataset, and an Oxigraph SPARQL server over HTTP (:mod:`graph.remote`)."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from servers import OxigraphServers

from graph.commands import SUFFIXES
from graph.errors import StoreError
from graph.ingest import ingest, source_files
from graph.queries import Queries
from graph.store import Store
from tests.conftest import SHARED


def _dataset(store: Store) -> Dataset:
    out = Dataset()
    out.parse(data=store.dump(), format="nquads")
    return out


ENGINES = ("rdflib", "server")  # each compared with embedded Oxigraph


@pytest.fixture(scope="module")
def built(oxigraph: OxigraphServers) -> dict[str, Store]:
    stores = {"server": Store.remote(oxigraph.fresh(0))}
    for engine in ("oxigraph", "rdflib"):
        stores[engine] = Store.in_memory(engine)
    for store in stores.values():
        summary = ingest(source_files([SHARED / "seeds"], SUFFIXES), store)
        assert not summary.rejected
    return stores


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engines_hold_the_same_graphs(built: dict[str, Store], engine: str) -> None:
    ox_data, other_data = _dataset(built["oxigraph"]), _dataset(built[engine])
    assert built["oxigraph"].document_graphs() == built[engine].document_graphs()
    for graph in built["oxigraph"].document_graphs():
        assert isomorphic(ox_data.graph(URIRef(graph)), other_data.graph(URIRef(graph))), graph
    assert built["oxigraph"].stubs() == built[engine].stubs()
    assert len(built["oxigraph"]) == len(built[engine])


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engines_answer_alike(built: dict[str, Store], engine: str) -> None:
    ox_queries, other_queries = Queries(built["oxigraph"]), Queries(built[engine])
    for key in sorted(ox_queries.graph.nodes)[:40]:
        assert ox_queries.document(key) == other_queries.document(key), key
    assert ox_queries.stats() == other_queries.stats()
    assert ox_queries.campaigns() == other_queries.campaigns()
    assert ox_queries.agencies() == other_queries.agencies()
    assert ox_queries.tasks(limit=500) == other_queries.tasks(limit=500)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib", "server"])
def test_a_new_graph_goes_in_whole(engine: str, oxigraph: OxigraphServers) -> None:
    store = Store.remote(oxigraph.fresh(1)) if engine == "server" else Store.in_memory(engine)
    store.backend.insert([(URIRef("urn:a"), URIRef("urn:p"), Literal("x"), "urn:g"),
                          (URIRef("urn:b"), URIRef("urn:p"), Literal("y"), "urn:g")])
    assert store.has_graph("urn:g") and len(store) == 2
    assert store.stating(URIRef("urn:p"), Literal("y")) == [(URIRef("urn:b"), "urn:g")]


def test_an_unknown_engine_is_named() -> None:
    with pytest.raises(StoreError, match="virtuoso"):
        Store.in_memory("virtuoso")
