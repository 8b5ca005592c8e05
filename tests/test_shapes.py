"""SHACL shapes (shapes/*.ttl): their examples, their messages and severities, and the real document graphs.

Every shape has example folders ``shapes/examples/<ShapeLocalName>/``: ``valid-*.ttl`` must raise nothing from
that shape (and no violation from any shape), ``invalid-*.ttl`` must raise a result of that shape at the focus
node, path and severity its header comments name (``# expect-focus:``, ``# expect-path:``,
``# expect-severity:``), and no violation from any other shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from graph.decode import read_document
from graph.extract import extract
from graph.keys import type_iri
from graph.namespaces import ELI, LDO
from graph.rdf import RELATION_PROPERTY, DocumentGraph, to_rdf
from graph.store import GraphWrite, Store
from graph.vocab import DOC_TYPES

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "shapes"
EXAMPLES = SHAPES / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
LDS = Namespace("https://w3id.org/luocdo/shapes#")
WARNINGS_FILE = "warnings.ttl"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*/*.ttl"))
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
SH_IN = URIRef("http://www.w3.org/ns/shacl#in")
SEVERITIES = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}
# Examples stay small: 5–20 triples, a few more for a citation with both documents and its evidence.
MAX_EXAMPLE_TRIPLES = 24


# --- helpers ------------------------------------------------------------------------------------------


def shape_files() -> list[Path]:
    return sorted(SHAPES.glob("*.ttl"))


@cache
def shapes_graph() -> Graph:
    """All shapes files in one graph, as the ingest loads them."""
    graph = Graph()
    for path in shape_files():
        graph.parse(path, format="turtle")
    return graph


def named_shapes(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def owner(shape: Node) -> Node:
    """The named node shape a (possibly nested) shape belongs to: property shapes resolve to their parent."""
    graph = shapes_graph()
    seen = set()
    while not isinstance(shape, URIRef) and shape not in seen:
        seen.add(shape)
        parent = graph.value(None, SH.property, shape)
        if parent is None:
            break
        shape = parent
    return shape


@dataclass(frozen=True)
class Result:
    shape: Node  # the named node shape, property shapes resolved
    constraint: Node | None  # the shape or SPARQL constraint that holds the sh:message templates
    focus: Node | None
    path: Node | None
    severity: Node | None
    messages: tuple[Literal, ...]

    def message(self, lang: str) -> str:
        """The message in ``lang``. pySHACL 0.40 drops the language tag of the messages it fills in for SPARQL
        constraints ({?var} substituted), so those are told apart by the template they were made from."""
        tagged = [str(m) for m in self.messages if m.language == lang]
        if tagged:
            return tagged[0]
        graph = shapes_graph()
        for template in graph.objects(self.constraint, SH.message):
            if isinstance(template, Literal) and template.language == lang:
                pattern = ".*?".join(re.escape(part) for part in re.split(r"\{[?$]\w+\}", str(template)))
                found = [str(m) for m in self.messages if m.language is None and re.fullmatch(pattern, str(m))]
                if found:
                    return found[0]
        raise AssertionError(f"no message in {lang}: {self.messages}")

    def __str__(self) -> str:
        english = next((str(m) for m in self.messages), "")
        name = self.shape.n3(shapes_graph().namespace_manager)
        return f"{name} {str(self.severity).split('#')[-1]} focus={self.focus} path={self.path}: {english}"


def validate(data: Graph) -> list[Result]:
    """Validate as the ingest does: every shape, no inference, warnings allowed, no owl:imports."""
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none",
                                                allow_warnings=True)
    assert isinstance(report, Graph)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(node, SH.sourceShape)
        assert source is not None
        results.append(Result(
            shape=owner(source),
            constraint=report.value(node, SH.sourceConstraint, default=source),
            focus=report.value(node, SH.focusNode),
            path=report.value(node, SH.resultPath),
            severity=report.value(node, SH.resultSeverity),
            messages=tuple(m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)),
        ))
    return results


def violations(results: list[Result]) -> list[Result]:
    return [r for r in results if r.severity == SH.Violation]


def expectations(path: Path) -> dict[str, str]:
    """The ``# expect-<name>: <value>`` comments at the top of an example file."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        name, sep, value = line[1:].strip().partition(":")
        if sep and name.startswith("expect-"):
            found[name.removeprefix("expect-")] = value.strip()
    return found


def example_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@cache
def seed_graphs() -> tuple[DocumentGraph, ...]:
    """The graphs of the five seed documents, made by the real pipeline (decode, extract, RDF)."""
    return tuple(to_rdf(extract(read_document(seed), seed.name)) for seed in SEEDS)


def constraint_shapes(graph: Graph) -> Iterator[tuple[Node, Node | None]]:
    """Every shape that reports results with its own message: property shapes and SPARQL constraints,
    with the property's path (None for SPARQL constraints)."""
    for shape in graph.objects(None, SH.property):
        yield shape, graph.value(shape, SH.path)
    for constraint in graph.objects(None, SH.sparql):
        yield constraint, None


def in_list(shape: Node, path: URIRef) -> set[Node]:
    """The sh:in values of the property shape of ``shape`` whose path is ``path``."""
    graph = shapes_graph()
    for prop in graph.objects(shape, SH.property):
        if graph.value(prop, SH.path) == path and (head := graph.value(prop, SH_IN)) is not None:
            return set(Collection(graph, head))
    raise AssertionError(f"{shape} has no sh:in on {path}")


# --- examples -----------------------------------------------------------------------------------------


def test_examples_exist() -> None:
    assert len(EXAMPLE_FILES) >= 2 * len(named_shapes(shapes_graph()))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=example_id)
def test_example(path: Path) -> None:
    shape = LDS[path.parent.name]
    assert shape in named_shapes(shapes_graph()), f"the folder {path.parent.name} names no shape in shapes/*.ttl"
    data = Graph().parse(path, format="turtle")
    assert 1 <= len(data) <= MAX_EXAMPLE_TRIPLES, f"examples stay small: {len(data)} triples"
    results = validate(data)
    expect = expectations(path)

    if path.name.startswith("valid-"):
        assert not expect, "a valid example expects nothing"
        own = [str(r) for r in results if r.shape == shape]
        assert not own, f"a valid example raised results of its own shape: {own}"
        others = [str(r) for r in violations(results)]
        assert not others, f"a valid example must conform: {others}"
        return

    assert path.name.startswith("invalid-"), "example files are named valid-*.ttl or invalid-*.ttl"
    assert "focus" in expect, "an invalid example names its focus node: # expect-focus: <IRI>"
    severity = SEVERITIES[expect.get("severity", "Violation")]
    focus = URIRef(expect["focus"])
    result_path = URIRef(expect["path"]) if "path" in expect else None
    matching = [r for r in results
                if r.shape == shape and r.focus == focus and r.path == result_path and r.severity == severity]
    assert matching, (f"expected a {severity.split('#')[-1]} of {shape} at {focus} on {result_path}; got:\n"
                      + "\n".join(map(str, results)))
    # The example fails for the reason it states, and for no other.
    others = [str(r) for r in violations(results) if r.shape != shape]
    assert not others, f"an invalid example breaks only its own shape: {others}"
    # Messages come in both languages, with every {?var} / {$this} substituted.
    for result in matching:
        for lang in ("vi", "en"):
            text = result.message(lang)
            assert "{?" not in text and "{$" not in text, text


def test_every_shape_has_valid_and_invalid_examples() -> None:
    missing = []
    for shape in sorted(named_shapes(shapes_graph())):
        folder = EXAMPLES / shape.removeprefix(str(LDS))
        for kind in ("valid", "invalid"):
            if not list(folder.glob(f"{kind}-*.ttl")):
                missing.append(f"{folder.relative_to(ROOT)}/{kind}-*.ttl")
    assert not missing, "shapes without examples:\n" + "\n".join(missing)


def test_example_folders_name_shapes() -> None:
    names = {s.removeprefix(str(LDS)) for s in named_shapes(shapes_graph())}
    orphans = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and p.name not in names)
    assert not orphans, f"example folders of no shape: {orphans}"


def test_cross_document_messages_name_both_documents() -> None:
    data = Graph().parse(EXAMPLES / "NoLaterCitation_Shape" / "invalid-cites-later-chi-thi.ttl")
    [result] = [r for r in validate(data) if r.shape == LDS.NoLaterCitation_Shape]
    english = result.message("en")
    for part in ("lao-cai/2024/01-ct-ubnd", "lao-cai/2024/45-kh-ubnd", "2024-01-19", "2024-03-05"):
        assert part in english
    data = Graph().parse(EXAMPLES / "UniqueNumber_Shape" / "invalid-two-files.ttl")
    [result] = [r for r in validate(data) if r.shape == LDS.UniqueNumber_Shape]
    vietnamese = result.message("vi")
    for part in ("lao-cai/2024/01-ct-ubnd", "01/CT-UBND", "001_6929a127f7e454c4.txt", "017_chi-thi-01-lao-cai-2023"):
        assert part in vietnamese


# --- the shapes themselves ----------------------------------------------------------------------------


def test_shapes_are_named_in_the_shapes_namespace() -> None:
    shapes = named_shapes(shapes_graph())
    assert shapes
    bad = [s for s in shapes if not (s.startswith(str(LDS)) and s.endswith("_Shape"))]
    assert not bad, f"shapes are named lds:<Name>_Shape: {bad}"


def test_every_shape_has_a_label_in_both_languages() -> None:
    graph = shapes_graph()
    missing = [s for s in named_shapes(graph)
               if {lbl.language for lbl in graph.objects(s, RDFS.label) if isinstance(lbl, Literal)} < {"vi", "en"}]
    assert not missing, f"shapes without rdfs:label in vi and en: {missing}"


def test_every_constraint_has_a_message_in_both_languages_naming_the_field() -> None:
    graph = shapes_graph()
    problems = []
    for shape, path in constraint_shapes(graph):
        messages = [m for m in graph.objects(shape, SH.message) if isinstance(m, Literal)]
        where = f"{owner(shape)} {path or 'sh:sparql'}"
        if {m.language for m in messages} != {"vi", "en"} or len(messages) != 2:
            problems.append(f"{where}: one sh:message in @vi and one in @en")
        if isinstance(path, URIRef):
            field = graph.namespace_manager.normalizeUri(path)
            problems += [f"{where}: the message does not name {field}: {m}" for m in messages if field not in m]
        elif path is None:
            problems += [f"{where}: the message names nothing of the data: {m}" for m in messages
                         if "{?" not in m and "{$this}" not in m]
    assert not problems, "\n".join(problems)


def test_severities_are_split_by_file() -> None:
    """Warnings live in warnings.ttl, and every shape there is a warning, property shapes included (a node
    shape's severity does not pass down to its property shapes); everything else is a violation."""
    problems = []
    for path in shape_files():
        graph = Graph().parse(path, format="turtle")
        wanted = SH.Warning if path.name == WARNINGS_FILE else SH.Violation
        for shape in named_shapes(graph) | set(graph.objects(None, SH.property)):
            severity = graph.value(shape, SH.severity, default=SH.Violation)
            if severity != wanted:
                problems.append(f"{path.name}: {owner(shape)} {graph.value(shape, SH.path)} is {severity}")
    assert not problems, "\n".join(problems)


def test_no_shapes_file_imports_anything() -> None:
    """pySHACL is never asked to follow owl:imports: the shapes are exactly the files in shapes/."""
    for path in shape_files():
        graph = Graph().parse(path, format="turtle")
        assert (None, OWL.imports, None) not in graph, path.name


def test_document_types_are_the_vocabulary() -> None:
    assert in_list(LDS.Document_Shape, ELI.type_document) == {type_iri(t) for t in DOC_TYPES}


def test_citation_relations_are_the_mapping() -> None:
    expected = {prop or ELI.cites for prop in RELATION_PROPERTY.values()}
    assert in_list(LDS.Citation_Shape, LDO.relation) == expected


def test_comparators_are_the_extraction_schema() -> None:
    schema = json.loads((SHARED / "spec" / "extraction.schema.json").read_text(encoding="utf-8"))

    def find(node: Any) -> list[str] | None:
        if isinstance(node, dict):
            if isinstance(node.get("comparator"), dict) and "enum" in node["comparator"]:
                return list(node["comparator"]["enum"])
            return next((r for v in node.values() if (r := find(v)) is not None), None)
        if isinstance(node, list):
            return next((r for v in node if (r := find(v)) is not None), None)
        return None

    enum = find(schema)
    assert enum is not None
    assert {str(v) for v in in_list(LDS.Target_Shape, LDO.comparator)} == set(enum)


# --- the real documents -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_document_graph_conforms(seed: Path) -> None:
    doc = next(d for d in seed_graphs() if d.source_name == seed.name)
    problems = [str(r) for r in violations(validate(doc.graph))]
    assert not problems, "\n".join(problems)


def test_the_five_seeds_are_there() -> None:
    assert len(SEEDS) == 5, f"../shared/seeds holds the five seed documents ({SHARED})"


def test_seeds_conform_together_with_the_facts_of_the_documents_they_cite() -> None:
    """What the ingest validates: a document's graph plus the own-graph facts of the documents it cites, as
    the store gives them (which brings their agency links without the agencies' types)."""
    store = Store()
    docs = seed_graphs()
    store.commit([GraphWrite(d.graph_iri, d.graph) for d in docs])
    checked = 0
    for doc in docs:
        cited = set(doc.graph.objects(None, ELI.cites)) | set(doc.graph.subjects(RDF.type, ELI.LegalResource))
        facts = store.own_description(sorted(n for n in cited if isinstance(n, URIRef)),
                                      exclude=[str(doc.graph_iri)])
        checked += len(facts) > 0
        problems = [str(r) for r in violations(validate(doc.graph + facts))]
        assert not problems, f"{doc.source_name}:\n" + "\n".join(problems)
    assert checked, "no seed cites another seed: the test checks nothing across documents"


# rdflib warns when SPARQL compares the ill-typed date (lds:NoLaterCitation_Shape): expected here.
@pytest.mark.filterwarnings("ignore:NotImplemented should not be used:DeprecationWarning")
def test_a_broken_seed_graph_is_caught() -> None:
    """The shapes do look at the seeds: an impossible date on Kế hoạch 503/KH-UBND blocks it."""
    doc = seed_graphs()[4]
    assert (doc.iri, ELI.date_document, None) in doc.graph
    graph = Graph() + doc.graph
    graph.set((doc.iri, ELI.date_document, Literal("2024-02-30", datatype=XSD_DATE)))
    results = validate(graph)
    assert [r for r in violations(results) if r.focus == doc.iri and r.path == ELI.date_document]
    # The documents it cites are all earlier: the broken date does not make them look later.
    assert not [r for r in results if r.shape == LDS.NoLaterCitation_Shape]
