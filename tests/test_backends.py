"""The same code on each storage engine gives the same graph and the same answers."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

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


@pytest.fixture(scope="module")
def built() -> dict[str, Store]:
    stores = {}
    for engine in ("oxigraph", "rdflib"):
        stores[engine] = Store.in_memory(engine)
        summary = ingest(source_files([SHARED / "seeds"], SUFFIXES), stores[engine])
        assert not summary.rejected
    return stores


def test_rdflib_and_oxigraph_hold_the_same_graphs(built: dict[str, Store]) -> None:
    ox_data, rdflib_data = _dataset(built["oxigraph"]), _dataset(built["rdflib"])
    assert built["oxigraph"].document_graphs() == built["rdflib"].document_graphs()
    for graph in built["oxigraph"].document_graphs():
        assert isomorphic(ox_data.graph(URIRef(graph)), rdflib_data.graph(URIRef(graph))), graph
    assert built["oxigraph"].stubs() == built["rdflib"].stubs()


def test_rdflib_and_oxigraph_answer_alike(built: dict[str, Store]) -> None:
    ox_queries, rdflib_queries = Queries(built["oxigraph"]), Queries(built["rdflib"])
    for key in sorted(ox_queries.graph.nodes)[:40]:
        assert ox_queries.document(key) == rdflib_queries.document(key), key
    assert ox_queries.stats() == rdflib_queries.stats()
    assert ox_queries.campaigns() == rdflib_queries.campaigns()


def test_a_new_graph_goes_in_whole() -> None:
    store = Store.in_memory()
    store.backend.insert([(URIRef("urn:a"), URIRef("urn:p"), Literal("x"), "urn:g"),
                          (URIRef("urn:b"), URIRef("urn:p"), Literal("y"), "urn:g")])
    assert store.has_graph("urn:g") and len(store) == 2
    assert store.stating(URIRef("urn:p"), Literal("y")) == [(URIRef("urn:b"), "urn:g")]


def test_an_unknown_engine_is_named() -> None:
    with pytest.raises(StoreError, match="virtuoso"):
        Store.in_memory("virtuoso")
