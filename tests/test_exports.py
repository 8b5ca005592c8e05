"""Exports are well formed whatever the data holds: GraphML, GEXF and RDF/XML parse with a strict XML parser even
when titles and labels carry the control characters of broken PDFs; CSV for Excel has a byte-order mark and never
a formula. ``docs/security.md``, "Exports", says what is promised.

The store: the seeds, then every text literal (titles, issuers, agencies, campaigns, tasks, evidence) given
characters XML cannot hold, and every title turned into an Excel formula.
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from api import Settings, create_app
from graph import exports
from graph.cli import main
from graph.namespaces import ELI, LDO
from graph.store import Store

BROKEN = "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f\ufffe\uffff"  # what broken PDFs leave (no lone surrogate: no store
#                                                                  holds one; they are tested on the writers below)
FORMULA = '=HYPERLINK("http://evil.example/","Bấm vào đây")'
PLAN = "lai-chau/2024/503-kh-ubnd"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)


def _damaged(nquads: bytes) -> bytes:
    """Every text literal but the keys with BROKEN inside; every title a formula."""
    out = []
    for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        term = quad.object
        if isinstance(term, ox.Literal) and term.datatype.value.endswith(("#string", "#langString")) \
                and quad.predicate.value != str(LDO.key):
            value = f"{term.value[:3]}{BROKEN}{term.value[3:]}"
            if quad.predicate.value == str(ELI.title):
                value = FORMULA + value
            term = ox.Literal(value, language=term.language) if term.language else ox.Literal(value)
        out.append(ox.Quad(quad.subject, quad.predicate, term, quad.graph_name))
    return ox.serialize(out, format=ox.RdfFormat.N_QUADS) or b""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    assert main(["ingest", "--store", str(folder / "seeds"), "--no-progress", str(shared / "seeds")]) == 0
    gc.collect()
    damaged = _damaged(Store(folder / "seeds", read_only=True).dump())
    gc.collect()
    Store(folder / "store").load_nquads(damaged)
    gc.collect()
    return folder / "store"


def _run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> bytes:
    assert main(list(argv)) == 0
    return capsysbinary.readouterr().out


def _strict_xml(data: bytes | str) -> ET.Element:
    """Parsed by expat, which refuses any character XML 1.0 forbids."""
    return ET.fromstring(data.encode() if isinstance(data, str) else data)


# --- XML: the command line and the API ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["graphml", "gexf", "rdfxml"])
def test_xml_exports_parse_strictly(fmt: str, store: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    data = _run(capsysbinary, "export", "--format", fmt, "--store", str(store))
    root = _strict_xml(data)
    text = " ".join(root.itertext()) + " ".join(v for e in root.iter() for v in e.attrib.values())
    assert "HYPERLINK" in text and "\ufffd" in text  # the titles are there, their broken characters marked
    assert not any(c in text for c in BROKEN)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_lineage_exports_parse_strictly(fmt: str, store: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    data = _run(capsysbinary, "lineage", PLAN, "--both", "--format", fmt, "--store", str(store))
    assert PLAN in data.decode() and "HYPERLINK" in data.decode()
    _strict_xml(data)


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=store, sparql_workers=1))) as client:
        yield client


@pytest.mark.parametrize("url", [
    f"/api/documents/{PLAN}/lineage?direction=both&format=graphml",
    f"/api/documents/{PLAN}/lineage?direction=both&format=gexf",
    "/sparql?format=rdfxml&query=" + quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"),
    "/sparql?format=xml&query=" + quote("SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"),
])
def test_api_xml_answers_parse_strictly(url: str, client: TestClient) -> None:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text[:300]
    root = _strict_xml(answer.content)
    assert "HYPERLINK" in " ".join(root.itertext()) + " ".join(v for e in root.iter() for v in e.attrib.values())


# --- XML: the writers, with what no store holds ------------------------------------------------------------------

def _graph(labels: list[str]) -> exports.Graph:
    import networkx as nx

    g: exports.Graph = nx.DiGraph()
    for i, label in enumerate(labels):
        g.add_node(f"k{i}{label[:3]}", key=f"k{i}{label[:3]}", title=label, issuer=label, year=2024, stub=i % 2 == 0,
                   number=None)
    keys = list(g)
    for a, b in itertools.pairwise(keys):
        g.add_edge(a, b, relation=f"cites{labels[0][:2]}")
    return g


@given(st.lists(ANY_TEXT, min_size=1, max_size=6))
def test_graph_writers_give_well_formed_xml_for_any_text(labels: list[str]) -> None:
    labels = [*labels, "\ud800 lone \udfff", BROKEN]
    for write in (exports.graphml, exports.gexf):
        root = _strict_xml(write(_graph(labels)))
        assert len([e for e in root.iter() if e.tag.endswith("node")]) == len(labels)


def test_rdf_xml_writer_marks_what_xml_cannot_hold() -> None:
    quad = ox.Quad(ox.NamedNode("https://e.vn/a"), ox.NamedNode("https://e.vn/p"), ox.Literal(f"a{BROKEN}b"),
                   ox.NamedNode("https://e.vn/g"))
    raw = ox.serialize([quad.triple], format=ox.RdfFormat.RDF_XML) or b""
    with pytest.raises(ET.ParseError):
        _strict_xml(raw)  # Oxigraph alone writes them as they are
    root = _strict_xml(exports.rdf_xml(ox.serialize([quad], format=ox.RdfFormat.N_QUADS) or b""))
    assert "".join(root.itertext()).strip() == "a" + "\ufffd" * len(BROKEN) + "b"


# --- CSV ---------------------------------------------------------------------------------------------------------

def _cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), data[:10]
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (cell, row)


def test_documents_csv_from_the_command_line(store: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    rows = _cells(_run(capsysbinary, "export", "--format", "csv", "--store", str(store)))
    assert rows[0] == list(exports.DOCUMENT_COLUMNS)
    plan = next(r for r in rows if r[0] == PLAN)
    assert plan[2].replace("\ufffd", "") == "503/KH-UBND" and plan[7].startswith("'" + FORMULA)
    assert not any(c in cell for row in rows for cell in row for c in BROKEN)
    _assert_no_formula(rows)


@pytest.mark.parametrize(("url", "columns"), [("/api/documents?format=csv&limit=500", exports.DOCUMENT_COLUMNS),
                                               ("/api/tasks?format=csv&limit=500", exports.TASK_COLUMNS)])
def test_csv_from_the_api(url: str, columns: tuple[str, ...], client: TestClient) -> None:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = _cells(answer.content)
    assert rows[0] == list(columns) and len(rows) > 5
    _assert_no_formula(rows)
    assert len(rows) - 1 == len(client.get(url.replace("format=csv", "format=json")).json()["items"])


@given(st.lists(st.lists(st.one_of(ANY_TEXT, st.sampled_from(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", FORMULA,
                                                               "＝1", "'0", "'=1", None, True, 3])),
                         min_size=2, max_size=2), max_size=5))
def test_csv_cells_read_back_as_text(rows: list[list[object]]) -> None:
    data = exports.csv_table(("a", "b"), rows)
    read = _cells(data)
    assert read[0] == ["a", "b"] and len(read) == len(rows) + 1
    _assert_no_formula(read[1:])
    for written, cells in zip(rows, read[1:], strict=True):
        for value, cell in zip(written, cells, strict=True):
            assert cell == exports.csv_cell(value)
            if value is not None and not isinstance(value, bool):
                text = exports.xml_text(str(value))
                assert cell == ("'" + text if text.startswith(FORMULA_STARTS) else text)
