"""The compiled SHACL engine (graph/shacl.py) finds exactly what pySHACL, the reference, finds.

Both run over every shape example, the seed graphs (alone and with the stored facts of the documents they
cite), generated documents, and the same graphs broken on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from benchmarks.corpus import generate
from graph.extract import extract
from graph.namespaces import ELI, LDO
from graph.rdf import to_rdf
from graph.shacl import Unsupported, compile_shapes
from graph.store import GraphWrite, Store
from graph.validate import load_shapes, validate_graph, validate_graphs
from tests.test_shapes import EXAMPLE_FILES, example_id, seed_graphs


def _same(data: Graph) -> None:
    reference = validate_graph(data, engine="pyshacl")
    compiled = validate_graph(data, engine="compiled")
    assert compiled == reference, (f"pySHACL:\n{chr(10).join(map(str, reference.findings))}\n"
                                   f"compiled:\n{chr(10).join(map(str, compiled.findings))}")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=example_id)
def test_each_shape_example_gives_the_same_findings(path: Path) -> None:
    _same(Graph().parse(path, format="turtle"))


def test_the_seeds_alone_and_with_the_facts_of_what_they_cite() -> None:
    store = Store()
    docs = seed_graphs()
    store.commit([GraphWrite(d.graph_iri, d.graph) for d in docs])
    for doc in docs:
        _same(doc.graph)
        cited = sorted(n for n in doc.graph.objects(None, ELI.cites) if isinstance(n, URIRef))
        _same(doc.graph + store.own_description([doc.iri, *cited], exclude=[str(doc.graph_iri)]))


def _broken(doc_graph: Graph, doc: URIRef) -> list[Graph]:
    """The same graph with one fault each: the kinds of damage the shapes exist to catch."""
    faults = [
        (doc, ELI.date_document, Literal("2024-02-30", datatype=XSD.date)),
        (doc, ELI.date_document, Literal("ngày 5 tháng 3")),
        (doc, LDO.key, Literal("khác/2024/1")),
        (doc, LDO.year, Literal("2024")),
        (doc, ELI.id_local, Literal("")),
        (doc, ELI.passed_by, doc),
        (doc, ELI.cites, Literal("Luật")),
        (doc, ELI.type_document, URIRef("https://w3id.org/luocdo/type/khong-co")),
        (doc, LDO.recipient, BNode("b")),
    ]
    out = []
    for fault in faults:
        broken = Graph() + doc_graph
        broken.add(fault)
        out.append(broken)
    untyped = Graph() + doc_graph
    untyped.remove((doc, RDF.type, None))
    out.append(untyped)
    return out


def test_broken_graphs_give_the_same_findings() -> None:
    for doc in seed_graphs():
        for broken in _broken(doc.graph, doc.iri):
            _same(broken)


def test_generated_documents_and_a_batch_of_them() -> None:
    docs = [to_rdf(extract(text, name)) for name, text in generate(12)]
    for doc in docs:
        _same(doc.graph)
    together = validate_graphs([d.graph for d in docs], engine="compiled")
    assert together == [validate_graph(d.graph, engine="pyshacl") for d in docs]


def test_a_batch_keeps_each_document_apart() -> None:
    """Two graphs that are fine alone are validated alone, not as their union."""
    doc = seed_graphs()[0]
    other = Graph() + doc.graph
    other.set((doc.iri, LDO.key, Literal(str(doc.graph.value(doc.iri, LDO.key)))))
    second_key = Graph() + doc.graph
    second_key.set((doc.iri, LDO.key, Literal("x/2024/y")))
    first, second = validate_graphs([doc.graph, second_key], engine="compiled")
    assert first.conforms and not second.conforms


def test_a_feature_the_engine_lacks_is_named() -> None:
    shapes = Graph() + load_shapes()
    shape = next(iter(shapes.subjects(SH.targetClass, None)))
    shapes.add((shape, SH.closed, Literal(True)))
    with pytest.raises(Unsupported, match="closed"):
        compile_shapes(shapes)
    # …and the gate falls back to pySHACL for such shapes
    assert validate_graph(seed_graphs()[0].graph, shapes).findings is not None
