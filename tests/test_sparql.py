"""The read-only SPARQL endpoint: the guard, the formats, the row cap, the protocol, and a runaway query killed
at the time limit by a real ``luocdo serve`` while ``/health`` keeps answering."""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from servers import luocdo_serve

import graph.sparql
from api import Settings, create_app
from graph.errors import QueryError, QueryRefused
from graph.ingest import ingest, source_files
from graph.sparql import SparqlEndpoint, check_query
from graph.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "api" / "web" / "static" / "sparql-examples.json"
PREFIXES = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX ldo: <https://w3id.org/luocdo/ontology#>
"""
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PROBLEM = "application/problem+json"
SPARQL_JSON = "application/sparql-results+json"


# --- fixtures -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stores(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds ingested once, and copies for the other servers (a store has one writer at a time)."""
    path = tmp_path_factory.mktemp("sparql") / "store"
    store = Store(path)
    summary = ingest(source_files([shared / "seeds"], {".txt"}), store)
    assert len(summary.accepted) == 5, summary.rejected
    store.flush()
    del store
    gc.collect()  # the store lets go of its lock when collected
    copies = {"main": path}
    for name in ("capped", "served", "seed-0", "seed-1"):
        copies[name] = path.parent / name
        shutil.copytree(path, copies[name])
    return copies


@pytest.fixture(scope="module")
def client(stores: dict[str, Path]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=stores["main"], sparql_timeout=10))) as client:
        yield client


@pytest.fixture(scope="module")
def capped(stores: dict[str, Path]) -> Iterator[TestClient]:
    """The same data behind a row cap of 3."""
    settings = Settings(store=stores["capped"], sparql_timeout=10, sparql_max_rows=3, sparql_workers=1)
    with TestClient(create_app(settings)) as capped:
        yield capped


def _select(client: TestClient, query: str, **params: str) -> dict[str, Any]:
    response = client.get("/sparql", params={"query": query, **params}, headers={"Accept": SPARQL_JSON})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(SPARQL_JSON)
    result: dict[str, Any] = response.json()
    return result


def _rows(result: dict[str, Any]) -> list[tuple[str, ...]]:
    names = result["head"]["vars"]
    return [tuple(b[n]["value"] if n in b else "" for n in names) for b in result["results"]["bindings"]]


def _problem(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    detail: str = body["detail"]
    assert "Traceback" not in detail and len(detail) < 600
    return detail


def _count(client: TestClient) -> int:
    return len(client.app.state.services.store)  # type: ignore[attr-defined]


# --- the guard ------------------------------------------------------------------------------------

GLUED_SERVICE = [
    "PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE: { ?s ?p ?o } }",
    "PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICEx:y { ?s ?p ?o } }",
    "PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE { sErViCeSILENTx:y { ?s ?p ?o } }",
]
REFUSED = [
    "INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "delete { ?s ?p ?o } where { ?s ?p ?o }",
    "LOAD <file:///etc/hostname>",
    "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://a.example/g>",
    "CLEAR ALL",
    "DROP SILENT GRAPH <http://a.example/g>",
    "CREATE GRAPH <http://a.example/g>",
    "ADD DEFAULT TO <http://a.example/g>",
    "MOVE <http://a.example/g> TO DEFAULT",
    "COPY DEFAULT TO <http://a.example/g>",
    "WITH <http://a.example/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { Service SILENT ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
    "SELECT*FROM<file:///etc/hostname>WHERE{?s ?p ?o}",
    "SELECT * FROM NAMED <http://a.example/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } FROM <http://a.example/g> WHERE { ?s ?p ?o }",
    # An escaped quote or hash inside a prefixed name opens no string or comment that could hide a keyword.
    "PREFIX ex: <http://a.example/> SELECT * WHERE { ?s ex:a\\' ?o . SERVICE <http://127.0.0.1:9/> { ?x ?y ?z }"
    " FILTER(?o != '') }",
    "PREFIX ex: <http://a.example/> SELECT * WHERE { ?s ex:a\\#b ?o . SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } }",
    # Oxigraph reads a keyword glued to what follows: SERVICE:a is SERVICE :a, SERVICEx:a is SERVICE x:a.
    *(form.replace("{port}", "9") for form in GLUED_SERVICE),
    "PREFIX from: <http://a.example/> PREFIX service: <http://b.example/> ASK { ?s from:x service:y }",
    "PREFIX ex: <http://a.example/> SELECT * FROMex:g WHERE { ?s ?p ?o }",
    # After an operand in an expression '<' may be a comparison: then '#' opens a comment, not an IRI's fragment.
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?o)SERVICE?x#>\n{ ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?o#>'''\n) SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n#''' ) }",
    "SELECT * WHERE { <<?s#>'''\n ?p ?o >> ?q ?r . SERVICE <http://127.0.0.1:9/> {} #''' }",
    "SELECT * WHERE { BIND(1 AS ?o) FILTER(?o<\\u003Fo)SERVICE?x\\u0023>\n{ ?s ?p ?o } }",
]

ALLOWED = [
    ("SELECT ?service ?from $load WHERE { ?service ?from ?load }", "SELECT"),
    ("PREFIX ex: <http://a.example/> SELECT * WHERE { ?s ex:from ?o ; ex:service ?x ; ex:insert ?y }", "SELECT"),
    ("PREFIX ex: <http://a.example/> PREFIX fr: <http://b.example/> ASK { ?s ex:from fr:service }", "ASK"),
    ('SELECT ?s WHERE { ?s ?p "INSERT DATA { } SERVICE <x> FROM <y>" }', "SELECT"),
    ("SELECT ?s WHERE { ?s ?p '''a\nDROP ALL\nSERVICE''' }", "SELECT"),
    ("SELECT ?s WHERE { ?s <http://a.example/service/from/load> ?o }", "SELECT"),
    ("SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> FROM <file:///etc/hostname>", "SELECT"),
    ('SELECT ?s WHERE { ?s ?p "x"@from }', "SELECT"),
    ("SELECT ?s WHERE { ?s ?p _:load }", "SELECT"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/luocdo/id/doc/vn/2022/06-2022-qh15>", "DESCRIBE"),
    ("ASK { FILTER(1 < 2 && 2 > 1) }", "ASK"),
    # IRIs with a fragment where '<' cannot be a comparison: after an operator, '(' or ',', in patterns, in VALUES.
    ("SELECT ?s WHERE { ?s a <http://a.example/onto#Service> ; ?p ?o FILTER(?p = <http://a.example/#from>) }",
     "SELECT"),
    ("SELECT ?s WHERE { ?s (<http://a.example/#p>|<http://a.example/#q>)* ?o "
     "FILTER(?o IN (<http://a.example/#a>, <http://a.example/#b>)) BIND(<http://a.example/#x> AS ?x) }", "SELECT"),
    ("SELECT * WHERE { VALUES (?a ?b) { (<http://a.example/#a> <http://a.example/#b>) (UNDEF 'x#y') } }", "SELECT"),
    ("SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b) FILTER(?a < ?b && ?b>?a) }", "SELECT"),
    ("SELECT * WHERE { BIND(1 AS ?a) FILTER(?a < <http://a.example/#x>) }", "SELECT"),
]


@pytest.mark.parametrize("query", REFUSED)
def test_check_query_refuses_updates_service_and_from(query: str) -> None:
    with pytest.raises(QueryRefused):
        check_query(query)


@pytest.mark.parametrize(("query", "form"), ALLOWED)
def test_check_query_lets_look_alikes_through(query: str, form: str) -> None:
    assert check_query(query) == form


def test_glued_service_is_a_real_service_call_which_the_guard_refuses(listener: Listener) -> None:
    """Each glued form really makes Oxigraph connect (so refusing it matters): run in this process, with no
    guard and no namespace, against a listening socket."""
    import pyoxigraph

    for form in GLUED_SERVICE:
        query = form.replace("{port}", str(listener.port))
        with pytest.raises(QueryRefused, match="SERVICE"):
            check_query(query)
        before = listener.connections
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            list(pyoxigraph.Store().query(query))  # type: ignore[arg-type]
        deadline = time.monotonic() + 2
        while listener.connections == before and time.monotonic() < deadline:
            time.sleep(0.01)
        assert listener.connections > before, query


ADVERSARIAL = {
    "unterminated strings of escaped quotes": 'SELECT * WHERE { ?s ?p ?o } ' + '"a\\' * 33_000,
    "unterminated long strings": "SELECT * WHERE { ?s ?p ?o } " + "'''a" * 25_000,
    "IRIs that never close": "SELECT * WHERE { ?s ?p ?o } " + "<a" * 50_000,
    "comparisons that look like IRIs": "SELECT * WHERE { FILTER(" + "?a<?b>" * 16_000 + ") }",
    "brackets": "SELECT * WHERE " + "{" * 100_000,
    "single characters": "ASK {}" + " ." * 50_000,
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_the_guard_reads_100_kb_in_linear_time(name: str) -> None:
    """The guard runs in the server's process before any worker: a quadratic read of crafted text would stall
    every request (the former regular expression took 93 s on the first of these)."""
    query = ADVERSARIAL[name]
    assert len(query.encode()) <= graph.sparql.MAX_QUERY_BYTES
    started = time.perf_counter()
    with contextlib.suppress(QueryError):
        check_query(query)
    assert time.perf_counter() - started < 1.0


def test_check_query_wants_a_query_form() -> None:
    for text in ("", "   # only a comment", "PREFIX ex: <http://a.example/>"):
        with pytest.raises(QueryError) as caught:
            check_query(text)
        assert not isinstance(caught.value, QueryRefused)


@pytest.mark.parametrize(("query", "form"), ALLOWED)
def test_the_look_alikes_really_run(client: TestClient, query: str, form: str) -> None:
    """Each allowed look-alike is a valid query that the store answers (the guard did not misread it)."""
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text


# --- refused over HTTP, and nothing changes, connects or reads a file ---------------------------------

class Listener:
    """A TCP socket listening on 127.0.0.1 that counts the connections it is offered."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        time.sleep(0.3)  # a connection attempt would have arrived by now
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    listener = Listener()
    try:
        yield listener
    finally:
        listener.close()


def test_updates_load_service_and_from_are_refused_over_http(client: TestClient, listener: Listener) -> None:
    before = _count(client)
    service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    silent = f"SELECT * WHERE {{ ?s ?p ?o SERVICE SILENT <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    insert = "INSERT DATA { <http://a.example/s> <http://a.example/p> <http://a.example/o> }"
    for query in (insert, f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>", "LOAD <file:///etc/hostname>",
                  service, silent, "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
                  "SELECT * FROM NAMED <file:///etc/hostname> WHERE { GRAPH ?g { ?s ?p ?o } }"):
        _problem(client.get("/sparql", params={"query": query}), 403)
        _problem(client.post("/sparql", data={"query": query}), 403)
        _problem(client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}), 403)
    _problem(client.post("/sparql", data={"update": insert}), 403)
    _problem(client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}), 403)
    hostname = "file:///etc/hostname"
    for param in ("default-graph-uri", "named-graph-uri"):
        _problem(client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", param: hostname}), 403)
        _problem(client.post("/sparql", data={"query": "ASK { ?s ?p ?o }", param: hostname}), 403)
    assert _count(client) == before
    assert not _select(client, "ASK { <http://a.example/s> ?p ?o }")["boolean"]
    listener.close()
    assert listener.connections == 0


def test_a_worker_cannot_connect_even_past_the_guard(stores: dict[str, Path], listener: Listener,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The second line: a worker runs in a network namespace of its own, so even a SERVICE that slipped past
    the guard reaches nothing (skipped where user namespaces are not allowed)."""
    with SparqlEndpoint(stores["main"], workers=1, timeout=10) as endpoint:
        if not endpoint.isolated:
            pytest.skip("user and network namespaces are not available here")
        monkeypatch.setattr(graph.sparql, "check_query", lambda text: "SELECT")
        with pytest.raises(QueryError):
            endpoint.run(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}")
    listener.close()
    assert listener.connections == 0


class FileWatch:
    """Every open and read of one file, by any process, through Linux inotify."""

    IN_ACCESS, IN_OPEN, IN_NONBLOCK, IN_CLOEXEC = 0x1, 0x20, 0o4000, 0o2000000

    def __init__(self, path: Path) -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(self.IN_NONBLOCK | self.IN_CLOEXEC)
        assert self.fd >= 0, f"inotify: errno {ctypes.get_errno()}"
        assert libc.inotify_add_watch(self.fd, os.fsencode(path), self.IN_ACCESS | self.IN_OPEN) >= 0

    def events(self) -> int:
        """How many opens and reads happened since the last call."""
        count = 0
        while True:
            try:
                data = os.read(self.fd, 4096)
            except BlockingIOError:
                return count
            count += len(data) // 16  # the events name no file (the watch is on the file): 16 bytes each

    def close(self) -> None:
        os.close(self.fd)


def test_no_query_opens_a_file(client: TestClient, stores: dict[str, Path], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """LOAD, FROM, FROM NAMED, SERVICE and the dataset parameters naming a local file are refused, and neither
    the server nor a worker opens the file — not even with the guard turned off."""
    target = tmp_path / "secret.ttl"
    target.write_text("<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n", encoding="utf-8")
    uri = target.as_uri()
    watch = FileWatch(target)
    try:
        subprocess.run([sys.executable, "-c", f"open({str(target)!r}).read()"], check=True)
        assert watch.events() >= 2  # the watch sees another process open and read the file
        naming = [f"LOAD <{uri}>", f"LOAD SILENT <{uri}> INTO GRAPH <http://a.example/g>",
                  f"SELECT * FROM <{uri}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED <{uri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ SERVICE <{uri}> {{ ?s ?p ?o }} }}",
                  f"CONSTRUCT {{ ?s ?p ?o }} FROM <{uri}> WHERE {{ ?s ?p ?o }}"]
        for query in naming:
            _problem(client.get("/sparql", params={"query": query}), 403)
        for param in ("default-graph-uri", "named-graph-uri"):
            _problem(client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", param: uri}), 403)
        assert not _select(client, f"ASK {{ <{uri}> ?p ?o }}")["boolean"]  # an IRI is a name, not a file
        assert client.get("/sparql", params={"query": f"DESCRIBE <{uri}>"}).status_code == 200
        assert watch.events() == 0

        monkeypatch.setattr(graph.sparql, "check_query", lambda text: "CONSTRUCT" if "CONSTRUCT" in text
                            else "SELECT")
        with SparqlEndpoint(stores["main"], workers=1, timeout=10) as endpoint:
            for query in naming:
                with contextlib.suppress(QueryError):
                    answer = endpoint.run(query, format="nt" if "CONSTRUCT" in query else "json")
                    assert b"a.example/s" not in answer.body, query
        assert watch.events() == 0
    finally:
        watch.close()


# --- the formats ----------------------------------------------------------------------------------

ORDERED = PREFIXES + """SELECT DISTINCT {vars} WHERE {{
  ?d eli:id_local ?number ; ldo:key ?key . OPTIONAL {{ ?d ldo:scope ?scope }}
}} ORDER BY ?key ?number ?scope"""


def _nt_value(term: str) -> str:
    """The value of an N-Triples term as the TSV format writes it."""
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    if term.startswith('"'):
        end = term.rindex('"')
        return str(json.loads(term[: end + 1]))
    return term


def _csv_rows(text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    assert "\r\n" in text  # the CSV of the SPARQL spec ends its lines with CRLF
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    return header, [tuple(r) for r in rows]


def _tsv_rows(text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    header, *rows = text.rstrip("\n").split("\n")
    return header.split("\t"), [tuple(_nt_value(t) for t in r.split("\t")) for r in rows]


def _xml_rows(text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(text)
    names = [v.get("name", "") for v in root.findall("r:head/r:variable", ns)]
    rows = []
    for result in root.findall("r:results/r:result", ns):
        bound = {b.get("name"): "".join(b.itertext()) for b in result.findall("r:binding", ns)}
        rows.append(tuple(bound.get(n, "") for n in names))
    return names, rows


@pytest.mark.parametrize("names", [["number", "key", "scope"], ["scope", "key", "number"]])
def test_the_same_select_in_json_csv_tsv_and_xml(client: TestClient, names: list[str]) -> None:
    query = ORDERED.format(vars=" ".join(f"?{n}" for n in names))
    result = _select(client, query)
    assert result["head"]["vars"] == names
    rows = _rows(result)
    assert len(rows) >= 15 and any(r[names.index("scope")] == "" for r in rows)  # some scopes are unbound
    assert any("NĐ-CP" in r[names.index("number")] for r in rows)  # Vietnamese letters survive every format

    answers = {}
    for fmt, accept in (("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                        ("xml", "application/sparql-results+xml")):
        response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(accept)
        assert response.headers["x-sparql-truncated"] == "false"
        answers[fmt] = response.text
        by_param = client.get("/sparql", params={"query": query, "format": fmt}, headers={"Accept": SPARQL_JSON})
        assert by_param.content == response.content  # format= wins over Accept

    header, csv_rows = _csv_rows(answers["csv"])
    assert header == names and csv_rows == rows
    header, tsv_rows = _tsv_rows(answers["tsv"])
    assert header == [f"?{n}" for n in names] and tsv_rows == rows
    header, xml_rows = _xml_rows(answers["xml"])
    assert header == names and xml_rows == rows


def test_tsv_writes_terms_in_n_triples_syntax(client: TestClient) -> None:
    query = ('SELECT ?iri ?text ?lang ?n WHERE { BIND(<http://a.example/x> AS ?iri) '
             'BIND("tab\\there \\"quoted\\"\\nnew line" AS ?text) BIND("Lào Cai"@vi AS ?lang) BIND(42 AS ?n) }')
    tsv = client.get("/sparql", params={"query": query, "format": "tsv"}).text
    assert tsv == ('?iri\t?text\t?lang\t?n\n<http://a.example/x>\t"tab\\there \\"quoted\\"\\nnew line"\t'
                   '"Lào Cai"@vi\t"42"^^<http://www.w3.org/2001/XMLSchema#integer>\n')
    csv_text = client.get("/sparql", params={"query": query, "format": "csv"}).text
    assert _csv_rows(csv_text)[1] == [("http://a.example/x", 'tab\there "quoted"\nnew line', "Lào Cai", "42")]
    bindings = _select(client, query)["results"]["bindings"][0]
    assert bindings["lang"] == {"type": "literal", "value": "Lào Cai", "xml:lang": "vi"}
    assert bindings["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert "datatype" not in bindings["text"]


def test_ask_in_every_format(client: TestClient) -> None:
    query = PREFIXES + 'ASK { ?d eli:id_local "01/CT-UBND" }'
    assert _select(client, query) == {"head": {}, "boolean": True}
    assert not _select(client, PREFIXES + 'ASK { ?d eli:id_local "no such number" }')["boolean"]
    xml = client.get("/sparql", params={"query": query, "format": "xml"}).text
    assert ET.fromstring(xml).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"  # type: ignore[union-attr]
    for fmt in ("csv", "tsv"):
        assert client.get("/sparql", params={"query": query, "format": fmt}).text.strip() == "true"


def test_construct_as_turtle_n_triples_and_json_ld_are_the_same_graph(client: TestClient) -> None:
    query = PREFIXES + """CONSTRUCT { ?a eli:cites ?b . ?a eli:title ?t . ?b ldo:key ?k } WHERE {
        ?a eli:cites ?b . OPTIONAL { ?a eli:title ?t } OPTIONAL { ?b ldo:key ?k } }"""
    graphs = {}
    for accept, parser in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                           ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")):
        response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(accept)
        graphs[parser] = Graph().parse(data=response.text, format=parser)
    assert len(graphs["turtle"]) > 30
    assert (URIRef("https://w3id.org/luocdo/id/doc/vn/2022/06-2022-qh15"),
            URIRef("https://w3id.org/luocdo/ontology#key"), Literal("vn/2022/06-2022-qh15")) in graphs["turtle"]
    for name, other in graphs.items():
        assert isomorphic(graphs["turtle"], other), name
    described = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/luocdo/id/doc/vn/2022/06-2022-qh15>"})
    assert described.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=described.text, format="turtle")) >= 5


def test_content_negotiation_and_406(client: TestClient) -> None:
    select, construct = "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"
    assert client.get("/sparql", params={"query": select}).headers["content-type"].startswith(SPARQL_JSON)
    assert client.get("/sparql", params={"query": construct}).headers["content-type"].startswith("text/turtle")
    prefer_csv = "application/sparql-results+json;q=0.5, text/csv"
    assert client.get("/sparql", params={"query": select}, headers={"Accept": prefer_csv}).headers[
        "content-type"].startswith("text/csv")
    not_csv = "text/csv;q=0, */*;q=0.1"
    assert client.get("/sparql", params={"query": select}, headers={"Accept": not_csv}).headers[
        "content-type"].startswith(SPARQL_JSON)
    assert client.get("/sparql", params={"query": construct, "format": "jsonld"}).headers[
        "content-type"].startswith("application/ld+json")
    _problem(client.get("/sparql", params={"query": select}, headers={"Accept": "text/turtle"}), 406)
    _problem(client.get("/sparql", params={"query": construct}, headers={"Accept": SPARQL_JSON}), 406)
    _problem(client.get("/sparql", params={"query": construct, "format": "csv"}), 406)
    _problem(client.get("/sparql", params={"query": select, "format": "yaml"}), 406)


# --- the row cap ----------------------------------------------------------------------------------

def test_the_row_cap_cuts_and_says_so(capped: TestClient) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
    response = capped.get("/sparql", params={"query": query})
    assert response.headers["x-sparql-maxrows"] == "3" and response.headers["x-sparql-truncated"] == "true"
    result = response.json()
    assert len(result["results"]["bindings"]) == 3 and result["truncated"] is True
    xml = capped.get("/sparql", params={"query": query, "format": "xml"})
    assert xml.headers["x-sparql-truncated"] == "true" and 'href="urn:luocdo:truncated"' in xml.text
    assert len(_xml_rows(xml.text)[1]) == 3
    tsv = capped.get("/sparql", params={"query": query, "format": "tsv"})
    assert tsv.headers["x-sparql-truncated"] == "true" and len(_tsv_rows(tsv.text)[1]) == 3
    construct = capped.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10", "format": "nt"})
    assert construct.headers["x-sparql-truncated"] == "true"
    assert len(Graph().parse(data=construct.text, format="nt")) == 3


def test_an_answer_within_the_cap_is_whole(capped: TestClient) -> None:
    for limit in (2, 3):  # exactly the cap is not a cut
        response = capped.get("/sparql", params={"query": f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {limit}"})
        assert response.headers["x-sparql-truncated"] == "false"
        assert "truncated" not in response.json() and len(response.json()["results"]["bindings"]) == limit


# --- the protocol ---------------------------------------------------------------------------------

def test_get_and_both_posts_give_the_same_answer(client: TestClient) -> None:
    query = PREFIXES + 'SELECT ?key WHERE { ?d eli:id_local "503/KH-UBND" ; ldo:key ?key }'
    by_get = _select(client, query)
    by_form = client.post("/sparql", data={"query": query}, headers={"Accept": SPARQL_JSON})
    by_body = client.post("/sparql", content=query.encode(),
                          headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": SPARQL_JSON})
    assert by_form.json() == by_get == by_body.json()
    assert _rows(by_get) == [("lai-chau/2024/503-kh-ubnd",)]


def test_an_nfd_literal_in_the_query_matches_the_nfc_data(client: TestClient) -> None:
    title = unicodedata.normalize("NFD", "Luật Thi đua, Khen thưởng")
    assert title != unicodedata.normalize("NFC", title)
    result = _select(client, PREFIXES + f'SELECT ?key WHERE {{ ?d eli:title "{title}"@vi ; ldo:key ?key }}')
    assert ("vn/2022/06-2022-qh15",) in _rows(result)


def test_malformed_queries_are_400_with_a_short_message(client: TestClient) -> None:
    detail = _problem(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}), 400)
    assert "cú pháp" in detail and "syntax error" in detail and "1:" in detail
    _problem(client.get("/sparql", params={"query": "   "}), 400)
    _problem(client.get("/sparql", params={"query": "hello"}), 400)
    _problem(client.post("/sparql", data={}), 400)
    _problem(client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400)
    _problem(client.post("/sparql", content=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"}), 400)
    _problem(client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}), 415)
    huge = "ASK {} #" + "x" * (graph.sparql.MAX_QUERY_BYTES + 10)
    _problem(client.post("/sparql", content=huge, headers={"Content-Type": "application/sparql-query"}), 413)
    _problem(client.post("/sparql", data={"query": huge}), 413)
    assert _select(client, "ASK {}")["boolean"]  # the workers are fine


def _worker_pids(client: TestClient) -> set[int]:
    endpoint: SparqlEndpoint = client.app.state.services.sparql  # type: ignore[attr-defined]
    return {worker.process.pid for worker in endpoint._live}


NESTED = {
    "groups": "SELECT * WHERE " + "{ " * 200 + "?s ?p ?o " + "} " * 200,
    "subqueries": "SELECT * WHERE { " + "{ SELECT * WHERE " * 200 + "{ ?s ?p ?o }" + " }" * 200 + " }",
    "parentheses": "ASK { FILTER(" + "(" * 200 + "true" + ")" * 200 + ") }",
    "blank nodes": "SELECT * WHERE { ?s ?p " + "[ <http://a.example/p> " * 200 + "?o" + " ]" * 200 + " }",
    "thousands of groups": "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000,  # SIGSEGV in Oxigraph's parser
}


@pytest.mark.parametrize("name", NESTED)
def test_deep_nesting_is_400_and_the_workers_go_on(client: TestClient, name: str) -> None:
    pids = _worker_pids(client)
    detail = _problem(client.get("/sparql", params={"query": NESTED[name]}), 400)
    assert "100" in detail and "lồng" in detail
    assert _select(client, "ASK {}")["boolean"]
    assert _worker_pids(client) == pids  # no worker was lost


LONG_CHAINS = {  # each overflowed the 8 MiB stack of a main thread (SIGSEGV) within the 100 KB a query may have
    "negations": "ASK { FILTER(" + "!" * 20_000 + "true) }",
    "disjunctions": "ASK { FILTER(" + "||".join(["true"] * 15_000) + ") }",
    "conjunctions": "ASK { FILTER(" + "&&".join(["true"] * 15_000) + ") }",
}


@pytest.mark.parametrize("name", LONG_CHAINS)
def test_long_chains_within_the_limits_do_not_crash_a_worker(client: TestClient, name: str) -> None:
    """Within the size and nesting limits a query can still recurse deeply in Oxigraph; the workers answer on
    a 512 MiB stack, so it is answered instead of killing its worker."""
    query = LONG_CHAINS[name]
    assert len(query.encode()) <= graph.sparql.MAX_QUERY_BYTES
    pids = _worker_pids(client)
    response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True
    assert _worker_pids(client) == pids


def test_the_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    sd = Graph().parse(data=response.text, format="turtle")
    service = next(sd.subjects(predicate=URIRef(str(SD.endpoint))))
    assert sd.value(service, SD.endpoint) == URIRef("http://testserver/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in sd
    assert (service, SD.feature, SD.UnionDefaultGraph) in sd
    assert len(set(sd.objects(service, SD.resultFormat))) == 8
    assert sd.value(sd.value(service, SD.defaultDataset), SD.defaultGraph) is not None
    as_json_ld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert isomorphic(Graph().parse(data=as_json_ld.text, format="json-ld"), sd)
    assert client.get("/sparql").headers["content-type"].startswith("text/turtle")  # no Accept: Turtle


def test_a_browser_gets_the_local_yasgui_page(client: TestClient) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
    for accept in ("text/html", browser):
        response = client.get("/sparql", headers={"Accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]
    sources = re.findall(r"<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)\s*=\s*[\"']([^\"']+)", page, re.I)
    assert "/vendor/yasgui/yasgui.min.js" in sources and "/vendor/yasgui/yasgui.min.css" in sources
    assert all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I)
    for source in sources:
        assert client.get(source).status_code == 200, source
    script = client.get("/static/sparql.js").text
    assert "localPrefixes" in script and 'endpoint: ENDPOINT' in script


def test_the_example_queries_run_and_answer(client: TestClient) -> None:
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    assert client.get("/static/sparql-examples.json").json() == examples
    assert len(examples) >= 5
    answers = {}
    for example in examples:
        assert re.search(r"[ăâđêôơưạ-ỹ]", example["title"]), example["title"]  # a Vietnamese title
        response = client.post("/sparql", data={"query": example["query"]}, headers={"Accept": SPARQL_JSON + ", */*"})
        assert response.status_code == 200, (example["title"], response.text)
        answers[example["title"]] = response
    implementing = answers["Văn bản nào thực hiện Chỉ thị 01/CT-UBND?"].json()
    assert [r["tep_goc"]["value"][:3] for r in implementing["results"]["bindings"]] == ["000"]
    chain = _rows(answers["Chuỗi căn cứ từ Kế hoạch 503/KH-UBND lên đến luật"].json())
    assert ("98/2023/NĐ-CP", "guides", "06/2022/QH15", "06/2022/QH15") in chain
    campaigns = answers["Phong trào thi đua theo tỉnh"].json()["results"]["bindings"]
    both = [c for c in campaigns if c["phong_trao"]["value"].startswith("Đẩy mạnh phát triển kết cấu hạ tầng")]
    assert both and both[0]["so_tinh"]["value"] == "2"


def test_the_workers_see_a_change_once_told(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.flush()
    ask = "ASK { <http://a.example/s> ?p ?o }"
    with SparqlEndpoint(store.path or tmp_path, workers=1, timeout=10) as endpoint:
        assert endpoint.run(ask, format="csv").body.strip() == b"false"
        store.backend.insert([(URIRef("http://a.example/s"), URIRef("http://a.example/p"), Literal("v"),
                               "http://a.example/g")])
        store.flush()
        endpoint.data_changed()
        assert endpoint.run(ask, format="csv").body.strip() == b"true"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to hand the store away")
def test_a_store_the_namespace_cannot_read_is_served_without_isolation(tmp_path: Path) -> None:
    """Root keeps no override of file permissions inside a user namespace: a store of another user's with
    private modes is unreadable there, so the workers start again outside one (the guard still holds)."""
    path = tmp_path / "store"
    store = Store(path)
    store.backend.insert([(URIRef("http://a.example/s"), URIRef("http://a.example/p"), Literal("v"),
                           "http://a.example/g")])
    store.flush()
    del store
    gc.collect()
    for item in [path, *path.rglob("*")]:
        os.chown(item, 4321, 4321)
        item.chmod(0o700 if item.is_dir() else 0o600)
    with SparqlEndpoint(path, workers=2, timeout=10) as endpoint:
        assert not endpoint.isolated
        assert endpoint.run("ASK { <http://a.example/s> ?p ?o }", format="csv").body.strip() == b"true"
        with pytest.raises(QueryRefused):
            endpoint.run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_no_store_is_a_clear_error(tmp_path: Path) -> None:
    from graph.errors import StoreError

    with pytest.raises(StoreError, match="luocdo ingest"):
        SparqlEndpoint(tmp_path / "missing")


# --- a runaway query and a real server ------------------------------------------------------------

@pytest.fixture(scope="module")
def server(stores: dict[str, Path]) -> Iterator[str]:
    with luocdo_serve(stores["served"], "--sparql-timeout", "2", wait=30) as url:
        yield url


def _responsive(latencies: list[float]) -> bool:
    """/health answered within 200 ms: nine probes in ten, and none blocked (a busy CI machine may delay one
    answer by its own scheduling, which is not the server waiting for the query)."""
    ordered = sorted(latencies)
    return ordered[int(len(ordered) * 0.9) - 1] < 0.2 and ordered[-1] < 1.0


def test_a_runaway_query_is_stopped_while_health_answers(server: str) -> None:
    outcome: dict[str, Any] = {}

    def runaway() -> None:
        started = time.monotonic()
        response = httpx.get(f"{server}/sparql", params={"query": CARTESIAN}, timeout=60)
        outcome.update(status=response.status_code, seconds=time.monotonic() - started,
                       type=response.headers.get("content-type", ""), detail=response.json().get("detail", ""))

    thread = threading.Thread(target=runaway)
    thread.start()
    latencies = []
    with httpx.Client(timeout=5) as health:
        time.sleep(0.2)  # the query is running
        while thread.is_alive():
            started = time.monotonic()
            assert health.get(f"{server}/health").json() == {"status": "ok"}
            latencies.append(time.monotonic() - started)
            time.sleep(0.05)
    thread.join()
    assert outcome["status"] in (503, 504) and outcome["type"].startswith(PROBLEM)
    assert "2 s" in outcome["detail"] and 1.9 <= outcome["seconds"] < 6, outcome
    assert len(latencies) >= 10 and _responsive(latencies), latencies
    # The next queries succeed: the other worker at once, the replacement soon after.
    for _ in range(3):
        response = httpx.get(f"{server}/sparql", params={"query": PREFIXES + "SELECT (COUNT(*) AS ?n) "
                                                         "WHERE { ?d a eli:LegalResource }"}, timeout=10)
        assert response.status_code == 200, response.text
        assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 20


# --- two real servers under different hash seeds: busy workers, a regex runaway, the order of columns ------

@pytest.fixture(scope="module")
def seeded(stores: dict[str, Path]) -> Iterator[list[str]]:
    """Two ``luocdo serve`` on copies of the store, the server process under PYTHONHASHSEED 0 and 1 (the workers,
    started with ``python -I``, draw a hash seed of their own each time), a 4 s time limit, 2 workers."""
    urls: list[str] = []
    with contextlib.ExitStack() as started:
        for seed in ("0", "1"):
            with pytest.MonkeyPatch.context() as env:
                env.setenv("PYTHONHASHSEED", seed)
                env.setenv("LUOCDO_SPARQL_QUEUE_TIMEOUT", "1")
                urls.append(started.enter_context(luocdo_serve(stores[f"seed-{seed}"], "--sparql-timeout", "4",
                                                               wait=30)))
        yield urls


COLUMNS = [
    "SELECT * WHERE { ?doc ?p ?o . OPTIONAL { ?doc <https://w3id.org/luocdo/ontology#key> ?key } "
    "BIND(STRLEN(STR(?o)) AS ?len) VALUES ?zeta { 1 } } ORDER BY ?doc ?p ?o LIMIT 200",
    PREFIXES + "SELECT ?type (COUNT(*) AS ?n) (SAMPLE(?d) AS ?one) WHERE { ?d a ?type } GROUP BY ?type "
    "ORDER BY DESC(?n) ?type",
    "SELECT * WHERE { { ?k ?j ?i } UNION { ?h ?g ?f } } ORDER BY ?k ?j ?i ?h ?g ?f LIMIT 50",
]


def test_csv_columns_are_the_same_under_any_hash_seed(seeded: list[str]) -> None:
    answers = []
    for url in seeded:
        texts = []
        for query in COLUMNS:
            for _ in range(2):  # both workers of each server
                response = httpx.get(f"{url}/sparql", params={"query": query, "format": "csv"}, timeout=20)
                assert response.status_code == 200, response.text
                texts.append(response.text)
        answers.append(texts)
    assert answers[0] == answers[1]
    headers = [_csv_rows(text)[0] for text in answers[0][::2]]
    assert headers[0][:3] == ["doc", "key", "len"] and headers[1] == ["type", "n", "one"]
    assert all(len(_csv_rows(text)[1]) > 3 for text in answers[0])


REGEX_RUNAWAY = ('SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y FILTER(isLiteral(?x) && '
                 'REGEX(CONCAT(STR(?x), STR(?y)), "^(a+)+(b|c|d)*(.*)*(x|y|z)+[^q]*(.*)*$", "i")) }')
QUICK = PREFIXES + 'SELECT ?key WHERE { ?d eli:id_local "503/KH-UBND" ; ldo:key ?key }'


class Timed:
    """A request on a thread of its own: status, seconds, headers."""

    def __init__(self, url: str, query: str) -> None:
        self.outcome: dict[str, Any] = {}
        self.thread = threading.Thread(target=self._run, args=(url, query))
        self.thread.start()

    def _run(self, url: str, query: str) -> None:
        started = time.monotonic()
        response = httpx.get(f"{url}/sparql", params={"query": query}, timeout=60)
        self.outcome.update(status=response.status_code, seconds=time.monotonic() - started,
                            headers=response.headers, body=response.text)

    def result(self) -> dict[str, Any]:
        self.thread.join()
        return self.outcome


def _timed_get(url: str, **params: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.get(url, params=params, timeout=20)
    return response, time.monotonic() - started


def test_a_regex_runaway_blocks_nothing_and_a_third_query_is_told_busy(seeded: list[str]) -> None:
    """One worker on a regex over every pair of literals, the other still answers at once; with both busy, a
    third query gets 503 + Retry-After within the 1 s queue wait instead of hanging; /health stays quick; the
    runaways are stopped at 4 s and the service answers again."""
    url = seeded[0]
    stop = threading.Event()
    health: list[float] = []

    def sample_health() -> None:
        with httpx.Client(timeout=5) as client:
            while not stop.is_set():
                started = time.monotonic()
                assert client.get(f"{url}/health").status_code == 200
                health.append(time.monotonic() - started)
                time.sleep(0.05)

    sampler = threading.Thread(target=sample_health)
    sampler.start()
    try:
        regex = Timed(url, REGEX_RUNAWAY)
        time.sleep(0.3)
        answer, quick_seconds = _timed_get(f"{url}/sparql", query=QUICK)
        assert answer.status_code == 200 and _rows(answer.json()) == [("lai-chau/2024/503-kh-ubnd",)]
        assert quick_seconds < 1.0, quick_seconds

        cartesian = Timed(url, CARTESIAN)
        time.sleep(0.3)
        busy, busy_seconds = _timed_get(f"{url}/sparql", query=QUICK)
        assert busy.status_code == 503 and busy.headers["content-type"].startswith(PROBLEM), busy.text
        assert int(busy.headers["retry-after"]) >= 1 and "bận" in busy.json()["detail"]
        assert 0.9 <= busy_seconds < 2.0, busy_seconds

        for runaway in (regex.result(), cartesian.result()):
            assert runaway["status"] == 503 and "4 s" in runaway["body"], runaway
            assert 3.9 <= runaway["seconds"] < 8, runaway
    finally:
        stop.set()
        sampler.join()
    assert len(health) >= 20 and _responsive(health), health
    deadline = time.monotonic() + 15
    while (after := httpx.get(f"{url}/sparql", params={"query": QUICK}, timeout=20)).status_code != 200:
        assert time.monotonic() < deadline, after.text
        time.sleep(0.2)
