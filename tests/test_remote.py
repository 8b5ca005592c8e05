"""The store on a SPARQL 1.1 server (graph/remote.py) against a real Oxigraph server: terms written safely,
inserts batched by whole graphs, errors that name the server (never its password), write marks, ``/sparql``
forwarded with the promises of the embedded endpoint, and several ``luocdo serve`` processes sharing a server."""

from __future__ import annotations

import base64
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from servers import OxigraphServers, free_port, luocdo_serve, oxigraph_binary

import graph.remote
from api import Settings, create_app
from graph.cli import main
from graph.errors import StoreError
from graph.lineage import citation_graph
from graph.remote import RemoteBackend, Server
from graph.store import Store

DATA = Path(__file__).parent / "data" / "graph"
TOKEN = "s3cret-token"
P = URIRef("urn:luocdo:test:p")
TRICKY = [
    Literal('a "quoted" word'), Literal("back\\slash \\n not a newline"), Literal("line\nbreak\r\ttab"),
    Literal('"""triple""" quotes\'\'\''), Literal("Nghị quyết số 01/NQ-HĐND — “Đẩy mạnh”", lang="vi"),
    Literal("x", lang="en-GB"), Literal("control \x01\x7f char"), Literal("} ; DROP ALL ; INSERT DATA { #"),
    Literal("2024-03", datatype=XSD.gYearMonth), Literal("2024-02-07", datatype=XSD.date),
    Literal("42", datatype=XSD.integer), Literal("\\u0041 stays six characters"), Literal(""),
]


def _remote(store: Store) -> RemoteBackend:
    assert isinstance(store.backend, RemoteBackend)
    return store.backend


def _sorted_dump(store: Store) -> list[bytes]:
    return sorted(store.dump().splitlines())


# --- terms and batches ----------------------------------------------------------------------------------

def test_tricky_terms_go_in_and_come_back_as_they_were(oxigraph: OxigraphServers) -> None:
    remote, embedded = Store.remote(oxigraph.fresh(1)), Store()
    quads = [(URIRef(f"https://example.org/tỉnh/lào-cai/{i}"), P, lit, "urn:luocdo:test:g")
             for i, lit in enumerate(TRICKY)]
    for store in (remote, embedded):
        store.backend.insert(quads)
    for i, lit in enumerate(TRICKY):
        assert remote.stating(P, lit) == [(URIRef(f"https://example.org/tỉnh/lào-cai/{i}"), "urn:luocdo:test:g")], lit
    assert _sorted_dump(remote) == _sorted_dump(embedded)
    assert len(remote) == len(TRICKY) and remote.document_graphs() == ["urn:luocdo:test:g"]


def test_an_iri_that_is_not_one_is_refused_and_nothing_changes(oxigraph: OxigraphServers) -> None:
    store = Store.remote(oxigraph.fresh(1))
    store.backend.insert([(URIRef("urn:luocdo:test:s"), P, Literal("kept"), "urn:luocdo:test:g")])
    for bad in ("urn:x> } ; DROP ALL ; INSERT DATA { <urn:y", "urn:a b"):
        with pytest.raises(StoreError, match="không viết được"):
            store.backend.insert([(URIRef(bad), P, Literal("x"), "urn:luocdo:test:g")])
        with pytest.raises(StoreError):
            list(store.backend.quads(URIRef(bad), None, None, None))
    assert len(store) == 1


def test_new_graphs_go_in_batches_and_a_graph_is_never_split(oxigraph: OxigraphServers,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.remote(Server(oxigraph.fresh(1), batch_triples=10))
    sent: list[str] = []
    backend = _remote(store)
    send = backend._send_update
    monkeypatch.setattr(backend, "_send_update", lambda text: (sent.append(text), send(text))[1])
    sizes = {"urn:luocdo:test:g1": 4, "urn:luocdo:test:g2": 8, "urn:luocdo:test:g3": 15}
    backend.insert([(URIRef(f"{g}/s{i}"), P, Literal(i), g) for g, n in sizes.items() for i in range(n)])
    assert [text.count("GRAPH <urn:luocdo:test:g") for text in sent] == [1, 1, 1]
    assert len(store) == sum(sizes.values()) and sorted(store.document_graphs()) == sorted(sizes)


# --- errors ----------------------------------------------------------------------------------------------

def test_an_unreachable_server_is_named_without_its_password(capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()  # nothing listens there
    monkeypatch.setenv("LUOCDO_SPARQL_PASSWORD", "env-secret")
    assert main(["lineage", "01/ct-ubnd", "--endpoint", f"http://luocdo:url-secret@127.0.0.1:{port}/query"]) == 2
    err = capsys.readouterr().err
    assert f"http://127.0.0.1:{port}/query" in err and "không kết nối được" in err and "cannot reach" in err
    assert "secret" not in err and "Traceback" not in err


class _FakeServer(BaseHTTPRequestHandler):
    """Answers as told in ``answers`` (path -> (status, headers, body)); remembers each Authorization."""

    answers: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}
    seen: ClassVar[list[str]] = []

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        given = self.headers.get("Authorization", "")
        self.seen.append(given)
        status, headers, body = self.answers["auth" if given else "anonymous"]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[str]:
    _FakeServer.seen.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeServer)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


def test_basic_credentials_are_sent_when_asked_and_errors_say_the_status(fake: str) -> None:
    _FakeServer.answers = {"anonymous": (401, {"WWW-Authenticate": 'Basic realm="x"'}, b"who are you"),
                           "auth": (500, {"Content-Type": "text/plain"}, b"boom\nat line 2")}
    store = Store.remote(Server(fake, user="luocdo", password="pa:ss"))
    with pytest.raises(StoreError) as err:
        store.has_graph("urn:luocdo:test:g")
    message = str(err.value)
    assert "500" in message and "boom at line 2" in message and fake in message and "pa:ss" not in message
    assert _FakeServer.seen == ["", "Basic " + base64.b64encode(b"luocdo:pa:ss").decode()]
    with pytest.raises(StoreError):  # Basic goes up front from now on
        store.has_graph("urn:luocdo:test:g")
    assert _FakeServer.seen[-1].startswith("Basic ")


def test_digest_when_the_server_asks_for_it_and_a_bearer_token(fake: str) -> None:
    challenge = 'Digest realm="virtuoso", nonce="abc", qop="auth", algorithm=MD5'
    _FakeServer.answers = {"anonymous": (401, {"WWW-Authenticate": challenge}, b""),
                           "auth": (401, {"WWW-Authenticate": challenge}, b"")}
    with pytest.raises(StoreError, match=r"401.*LUOCDO_SPARQL_USER"):
        Store.remote(Server(fake, user="dba", password="pw")).has_graph("urn:luocdo:test:g")
    assert any(seen.startswith("Digest username=\"dba\"") for seen in _FakeServer.seen)
    _FakeServer.seen.clear()
    _FakeServer.answers = {"auth": (200, {"Content-Type": "application/sparql-results+json"},
                                    b'{"head":{},"boolean":true}')}
    assert Store.remote(Server(fake, token="t0ken")).has_graph("urn:luocdo:test:g")
    assert _FakeServer.seen == ["Bearer t0ken"]


def test_an_answer_that_is_not_sparql_json_is_a_clear_error(fake: str) -> None:
    _FakeServer.answers = {"anonymous": (200, {"Content-Type": "text/html"}, b"<html>login</html>")}
    with pytest.raises(StoreError, match="cannot be read"):
        Store.remote(fake).document_graphs()


# --- write marks -------------------------------------------------------------------------------------------

def test_each_write_leaves_a_mark_the_other_processes_see(oxigraph: OxigraphServers,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url = oxigraph.fresh(1)
    writer, reader = Store.remote(url), Store.remote(url)
    assert writer.generation() == reader.generation() == frozenset()
    writer.backend.insert([(URIRef("urn:luocdo:test:s"), P, Literal("x"), "urn:luocdo:test:g")])
    first = reader.generation()
    assert len(first) == 1 and writer.generation() == frozenset()  # a process's own writes are not news
    writer.refresh_stubs()
    assert len(reader.generation() - first) == 1
    assert writer.document_graphs() == ["urn:luocdo:test:g"] and len(writer) == 1  # the meta graph is hidden
    assert b"_meta" not in writer.dump()
    monkeypatch.setattr(graph.remote, "MARK_WINDOW_MS", -1)  # every older mark is out of the window
    writer.refresh_stubs()
    assert len(reader.generation()) == 1  # the newest stays


def test_two_apps_on_one_server_see_each_others_documents(oxigraph: OxigraphServers, shared: Path) -> None:
    url = oxigraph.fresh(2)
    assert main(["ingest", "--endpoint", url, "--no-progress", str(shared / "seeds")]) == 0
    writer = create_app(Settings(sparql_endpoint=url, token=TOKEN, sparql_workers=1, refresh_interval=0))
    reader = create_app(Settings(sparql_endpoint=url, sparql_workers=1, refresh_interval=0))
    with TestClient(writer) as a, TestClient(reader) as b:
        assert b.get("/api/documents?scope=Hà Giang").json()["count"] == 0
        posted = a.post("/api/documents?name=ha-giang.txt", content=(DATA / "chi-thi-01-ha-giang.txt").read_bytes(),
                        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
        assert posted.status_code == 201, posted.text
        key = posted.json()["key"]
        assert [d["key"] for d in b.get("/api/documents?scope=Hà Giang").json()["items"]] == [key]
        assert b.get(f"/api/documents/{key}").json()["source"] == "ha-giang.txt"
        assert b.get("/api/stats").json()["counts"] == a.get("/api/stats").json()["counts"]
        for client in (a, b):
            services = client.app.state.services  # type: ignore[attr-defined]
            fresh = citation_graph(services.store)
            assert dict(services.queries.graph.nodes(data=True)) == dict(fresh.nodes(data=True))
            assert sorted(services.queries.graph.edges(data="relation")) == sorted(fresh.edges(data="relation"))


def _until(check: Any, seconds: float = 15) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def test_luocdo_serve_processes_sharing_a_server_see_a_new_document(oxigraph: OxigraphServers,
                                                                     shared: Path) -> None:
    url = oxigraph.fresh(2)
    assert main(["ingest", "--endpoint", url, "--no-progress", str(shared / "seeds")]) == 0
    with luocdo_serve(None, "--endpoint", url) as first, luocdo_serve(None, "--endpoint", url) as second:
        asked = "/api/documents?scope=Hà Giang"
        assert [httpx.get(s + asked).json()["count"] for s in (first, second)] == [0, 0]
        assert main(["ingest", "--endpoint", url, "--no-progress", str(DATA / "chi-thi-01-ha-giang.txt")]) == 0
        for served in (first, second):  # each looks again within its refresh interval (1 s)
            assert _until(lambda s=served: httpx.get(s + asked).json()["count"] == 1), served
        lineage = httpx.get(second + "/api/documents/ha-giang/2024/01-ct-ubnd/lineage?direction=up").json()
        assert "vn/2022/06-2022-qh15" in {n["key"] for n in lineage["nodes"]}


# --- /sparql forwarded to the server ------------------------------------------------------------------

@pytest.fixture(scope="module")
def both(oxigraph: OxigraphServers, shared: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, TestClient]]:
    """The seeds served from the embedded store and from an Oxigraph server, the server's with a row cap."""
    url = oxigraph.fresh(3)
    assert main(["ingest", "--endpoint", url, "--no-progress", str(shared / "seeds")]) == 0
    folder = tmp_path_factory.mktemp("remote-sparql") / "store"
    assert main(["ingest", "--store", str(folder), "--no-progress", str(shared / "seeds")]) == 0
    import gc

    gc.collect()  # the ingest's store lets go of its lock
    apps = {"embedded": create_app(Settings(store=folder, sparql_workers=1)),
            "server": create_app(Settings(sparql_endpoint=url, sparql_workers=1)),
            "capped": create_app(Settings(sparql_endpoint=url, sparql_workers=1, sparql_max_rows=3))}
    with TestClient(apps["embedded"]) as e, TestClient(apps["server"]) as s, TestClient(apps["capped"]) as c:
        yield {"embedded": e, "server": s, "capped": c}


def _answer(response: httpx.Response) -> list[str]:
    """The rows (as sorted JSON) or the triples (as sorted N-Triples lines) of an answer."""
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("application/n-triples"):
        return sorted(response.text.strip().splitlines())
    return sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in response.json()["results"]["bindings"])


def test_the_example_queries_answer_alike(both: dict[str, TestClient]) -> None:
    examples = json.loads((Path(__file__).parents[1] / "api/web/static/sparql-examples.json").read_text("utf-8"))
    answered = 0
    for example in examples:
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        answers = [_answer(both[b].post("/sparql", data={"query": example["query"]}, headers={"Accept": accept}))
                   for b in ("embedded", "server")]
        assert answers[0] == answers[1], example["title"]
        answered += bool(answers[0])
    assert answered >= len(examples) - 1  # one example asks for this month's tasks


def test_formats_cap_and_guard_over_the_server(both: dict[str, TestClient]) -> None:
    server, capped = both["server"], both["capped"]
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
    cut = capped.get("/sparql", params={"query": query})
    assert cut.headers["x-sparql-maxrows"] == "3" and cut.headers["x-sparql-truncated"] == "true"
    assert len(cut.json()["results"]["bindings"]) == 3 and cut.json()["truncated"] is True
    whole = capped.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", "format": "csv"})
    assert whole.headers["x-sparql-truncated"] == "false" and len(whole.text.strip().splitlines()) == 4
    construct = capped.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10", "format": "nt"})
    assert construct.headers["x-sparql-truncated"] == "true" and len(construct.text.strip().splitlines()) == 4
    ask = server.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert ask.text.strip() == "true" and ask.headers["content-type"].startswith("text/csv")
    before = len(server.app.state.services.store)  # type: ignore[attr-defined]
    for refused in ("DROP ALL", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                    "SELECT * FROM <urn:x> WHERE { ?s ?p ?o }"):
        assert server.get("/sparql", params={"query": refused}).status_code == 403
    assert server.post("/sparql", content=b"DROP ALL",
                       headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert len(server.app.state.services.store) == before  # type: ignore[attr-defined]
    broken = server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert broken.status_code == 400 and "syntax error" in broken.json()["detail"]
    assert server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "ttl"}).status_code == 406


@pytest.mark.skipif(oxigraph_binary() is None, reason="the oxigraph server is not installed")
def test_a_query_past_the_time_limit_is_503_and_the_next_one_answers(tmp_path: Path) -> None:
    port = free_port()
    # A server of its own, which stops the query itself after 5 s (--timeout-s): the runaway would otherwise
    # keep a core of the shared server busy after Luocdo gave up on it.
    process = subprocess.Popen([str(oxigraph_binary()), "serve", "--bind", f"127.0.0.1:{port}", "--timeout-s", "5"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        store = Store.remote(url)
        _until(lambda: _answers(store), 10)
        store.backend.insert([(URIRef(f"urn:luocdo:test:s{i}"), P, Literal(i), "urn:luocdo:test:g")
                              for i in range(300)])
        with TestClient(create_app(Settings(sparql_endpoint=url, sparql_timeout=1))) as client:
            started = time.monotonic()
            runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
            response = client.get("/sparql", params={"query": runaway})
            assert response.status_code == 503 and "1 s" in response.json()["detail"]
            assert time.monotonic() - started < 3
            assert client.get("/sparql", params={"query": "ASK { ?s ?p 7 }"}).json()["boolean"] is True
    finally:
        process.terminate()
        process.wait(timeout=15)


def _answers(store: Store) -> bool:
    try:
        store.generation()
    except StoreError:
        return False
    return True
