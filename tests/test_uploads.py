"""RDF handed in by a user: `luocdo import FILE`, the SHACL gate's shapes, the HTTP routes.

What is promised (``docs/security.md``, "Uploads"): a DTD in RDF/XML (billion laughs, external entities to a file
or to a listening socket) is refused in under 100 ms, naming the file, in Vietnamese and English, with nothing read;
a JSON-LD context other than the project's own is refused and never fetched; deeply nested Turtle, TriG, JSON-LD and
RDF/XML get a clear error, not a crash; a refused file leaves the store as it was; pySHACL never follows
``owl:imports``; no HTTP route answers such bodies with a 500.
"""

from __future__ import annotations

import gc
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from api import Settings, create_app
from graph.cli import main
from graph.store import Store
from graph.uploads import CONTEXT_IRI, MAX_XML_DEPTH, RdfRefused, read_backup
from graph.validate import validate_graph

EX = "https://e.vn/"
GOOD_NQ = "".join(f'<{EX}doc/{i}> <{EX}p> "giá trị {i}"@vi <{EX}graph/{i}> .\n' for i in range(50))


class Listener:
    """A socket listening on a free loopback port that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def seen(self) -> int:
        time.sleep(0.2)  # a connection made during the operation is accepted by now
        return self.connections

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def test_the_listener_sees_a_connection(listener: Listener) -> None:
    """The guard itself: a connection to the listener is counted."""
    socket.create_connection(("127.0.0.1", listener.port)).close()
    assert listener.seen() == 1


# --- RDF/XML -----------------------------------------------------------------------------------------------------

RDF_XML = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="https://e.vn/">'
           '<rdf:Description rdf:about="https://e.vn/a"><ex:p>{}</ex:p></rdf:Description></rdf:RDF>')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10))
          + "]>\n" + RDF_XML.format("&lol9;"))


def _xxe(system: str) -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "{system}">]>\n' + RDF_XML.format("&xxe;")


def _parameter_entity(system: str) -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM "{system}"> %p;]>\n' + RDF_XML.format("x")


def _import(path: Path, store: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["import", str(path), "--store", str(store)])
    return status, capsys.readouterr().err


def _assert_refused(status: int, err: str, name: str, *words: str) -> None:
    assert status == 2, err
    assert name in err and "Traceback" not in err and " / " in err, err
    assert all(word in err for word in words), err


@pytest.mark.parametrize("kind", ["laughs", "file", "http", "parameter entity", "utf-16"])
def test_a_dtd_in_rdf_xml_is_refused_at_once_and_nothing_is_read(
        kind: str, tmp_path: Path, listener: Listener, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ-MẬT-42", encoding="utf-8")
    text = {"laughs": LAUGHS, "file": _xxe(secret.as_uri()), "http": _xxe(f"{listener.url}/x"),
            "parameter entity": _parameter_entity(f"{listener.url}/p"), "utf-16": _xxe(f"{listener.url}/u")}[kind]
    evil = tmp_path / "evil.rdf"
    evil.write_bytes(text.encode("utf-16") if kind == "utf-16" else text.encode())

    started = time.perf_counter()
    with pytest.raises(RdfRefused) as refused:
        read_backup(evil)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.1, f"{elapsed * 1000:.0f} ms"
    assert "DOCTYPE" in refused.value.en and "DOCTYPE" in refused.value.vi and refused.value.source == "evil.rdf"

    status, err = _import(evil, tmp_path / "store", capsys)
    _assert_refused(status, err, "evil.rdf", "DOCTYPE/ENTITY", "không được phép", "not accepted")
    assert "BÍ-MẬT" not in err and "lol" not in err
    assert listener.seen() == 0
    assert not (tmp_path / "store").exists()  # refused before the store is even opened


def test_deeply_nested_rdf_xml_is_refused_quickly(tmp_path: Path) -> None:
    deep = tmp_path / "deep.rdf"
    depth = 100_000
    deep.write_text('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="https://e.vn/">'
                    + "<rdf:Description><e:p>" * depth + "x" + "</e:p></rdf:Description>" * depth + "</rdf:RDF>")
    started = time.perf_counter()
    with pytest.raises(RdfRefused, match=f"nested more than {MAX_XML_DEPTH} deep"):
        read_backup(deep)
    assert time.perf_counter() - started < 1.0  # Oxigraph alone took 336 s over this file


# --- JSON-LD -----------------------------------------------------------------------------------------------------

def _jsonld(context: object) -> dict[str, object]:
    return {"@context": context, "@graph": [{"@id": f"{EX}g", "@graph": [
        {"@id": f"{EX}doc/a", "number": "01/CT-UBND", "title": "Về thi đua"}]}]}


@pytest.mark.parametrize("where", ["string", "in a list", "in a node", "scoped in a term", "@import"])
def test_a_remote_json_ld_context_is_refused_and_never_fetched(
        where: str, tmp_path: Path, listener: Listener, capsys: pytest.CaptureFixture[str]) -> None:
    remote = f"{listener.url}/context.jsonld"
    document: dict[str, object] = {
        "string": _jsonld(remote),
        "in a list": _jsonld([{"ex": EX}, remote]),
        "in a node": {"@graph": [{"@id": f"{EX}g", "@graph": [{"@context": remote, "@id": f"{EX}a"}]}]},
        "scoped in a term": _jsonld({"thing": {"@id": f"{EX}thing", "@context": remote}}),
        "@import": _jsonld({"@version": 1.1, "@import": remote}),
    }[where]
    upload = tmp_path / "upload.jsonld"
    upload.write_text(json.dumps(document), encoding="utf-8")
    status, err = _import(upload, tmp_path / "store", capsys)
    _assert_refused(status, err, "upload.jsonld", remote, "ngữ cảnh JSON-LD từ xa", "remote JSON-LD context")
    assert listener.seen() == 0


@pytest.mark.parametrize("context", ["own by IRI", "inline"])
def test_json_ld_with_the_projects_own_context_is_read_offline(
        context: str, tmp_path: Path, listener: Listener, capsys: pytest.CaptureFixture[str]) -> None:
    inline = json.loads(Path("ontology/context.jsonld").read_text(encoding="utf-8"))["@context"]
    upload = tmp_path / "backup.jsonld"
    upload.write_text(json.dumps(_jsonld(CONTEXT_IRI if context == "own by IRI" else inline)), encoding="utf-8")
    status, err = _import(upload, tmp_path / "store", capsys)
    assert status == 0, err
    store = Store(tmp_path / "store", read_only=True)
    assert b"01/CT-UBND" in store.dump() and b"http://data.europa.eu/eli/ontology#id_local" in store.dump()
    assert listener.seen() == 0


# --- nesting, syntax, all or nothing -----------------------------------------------------------------------------

NESTED = 100_000
NESTINGS = {
    "brackets.ttl": f"<{EX}a> <{EX}p> " + f"[ <{EX}p> " * NESTED + f"<{EX}o>" + " ]" * NESTED + " .",
    "lists.ttl": f"<{EX}a> <{EX}p> " + "( " * NESTED + ")" * NESTED + " .",
    "brackets.trig": f"<{EX}g> {{ <{EX}a> <{EX}p> " + f"[ <{EX}p> " * NESTED + f"<{EX}o>" + " ]" * NESTED + " . }",
    "objects.jsonld": f'{{"@id": "{EX}a", "{EX}p": ' + f'{{"{EX}p": ' * NESTED + '"x"' + "}" * NESTED + "}",
    "arrays.jsonld": f'{{"@id": "{EX}a", "{EX}p": ' + "[" * NESTED + '"x"' + "]" * NESTED + "}",
}


@pytest.mark.parametrize("name", list(NESTINGS))
def test_deep_nesting_gets_a_clear_error(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    upload = tmp_path / name
    upload.write_text(NESTINGS[name], encoding="utf-8")
    status, err = _import(upload, tmp_path / "store", capsys)
    _assert_refused(status, err, name)
    assert any(reason in err for reason in ("nested too deep", "blank node", "named graph", "Max stack")), err


def test_rdf_without_named_graphs_is_no_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    upload = tmp_path / "union.ttl"
    upload.write_text(f'<{EX}a> <{EX}p> "x" .', encoding="utf-8")
    status, err = _import(upload, tmp_path / "store", capsys)
    _assert_refused(status, err, "union.ttl", "đồ thị có tên", "no named graph", "luocdo export --format nq")


def test_a_bad_file_leaves_the_store_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.nq"
    good.write_text(GOOD_NQ, encoding="utf-8")
    store_dir = tmp_path / "store"
    assert _import(good, store_dir, capsys)[0] == 0
    gc.collect()
    before = Store(store_dir, read_only=True).dump()
    bad_files = {
        "broken.nq": GOOD_NQ.replace("doc/7", "doc/8").replace("", "") + f'<{EX}z> <{EX}p> "unterminated <{EX}g> .\n',
        "blank.nq": f'<{EX}doc/x> <{EX}p> "x" <{EX}graph/x> .\n' * 20 + f'_:b <{EX}p> "x" <{EX}graph/x> .\n',
        "mixed.trig": f'<{EX}graph/y> {{ <{EX}doc/y> <{EX}p> "y" }}\n<{EX}doc/z> <{EX}p> "z" .\n',
        "laughs.rdf": LAUGHS,
        "unknown.csv": "a,b\n",
    }
    for name, text in bad_files.items():
        bad = tmp_path / name
        bad.write_text(text, encoding="utf-8")
        status, err = _import(bad, store_dir, capsys)
        _assert_refused(status, err, name)
        gc.collect()
        assert Store(store_dir, read_only=True).dump() == before, name
    status, err = _import(tmp_path / "missing.nq", store_dir, capsys)
    _assert_refused(status, err, "missing.nq", "không đọc được tệp", "cannot read the file")


def test_a_syntax_error_names_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.nq"
    broken.write_text(GOOD_NQ + f"<{EX}a> <{EX}p> oops <{EX}g> .\n", encoding="utf-8")
    with pytest.raises(RdfRefused) as refused:
        read_backup(broken)
    assert refused.value.line == 51 and str(refused.value).startswith("broken.nq:51: ")


# --- pySHACL and owl:imports -------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["pyshacl", "auto"])
def test_pyshacl_never_follows_owl_imports(engine: str, listener: Listener) -> None:
    shapes = Graph()
    shape = URIRef(f"{EX}shape")
    shapes.add((URIRef(f"{EX}shapes"), RDF.type, OWL.Ontology))
    shapes.add((URIRef(f"{EX}shapes"), OWL.imports, URIRef(f"{listener.url}/x")))
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, URIRef(f"{EX}Doc")))
    data = Graph()
    data.add((URIRef(f"{EX}a"), RDF.type, URIRef(f"{EX}Doc")))
    data.add((URIRef(f"{EX}a"), URIRef(f"{EX}p"), Literal("x")))
    report = validate_graph(data, shapes, engine=engine)  # type: ignore[arg-type]
    assert report.conforms
    assert listener.seen() == 0


# --- HTTP --------------------------------------------------------------------------------------------------------

def test_no_route_answers_hostile_rdf_with_a_500(tmp_path: Path, listener: Listener,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """No route takes RDF: such bodies are a document's text, a query, or refused; never a server error."""
    good = tmp_path / "good.nq"
    good.write_text(GOOD_NQ, encoding="utf-8")
    assert _import(good, tmp_path / "store", capsys)[0] == 0
    gc.collect()
    bodies = [LAUGHS, _xxe(f"{listener.url}/x"), json.dumps(_jsonld(f"{listener.url}/c")), NESTINGS["lists.ttl"]]
    settings = Settings(store=tmp_path / "store", token="t", sparql_workers=1, max_upload_bytes=2_000_000)
    with TestClient(create_app(settings)) as client:
        for body in bodies:
            answers = [
                client.post("/api/documents?name=x.rdf", content=body.encode(),
                            headers={"Authorization": "Bearer t", "Content-Type": "application/rdf+xml"}),
                client.post("/api/documents", files={"file": ("x.jsonld", body.encode(), "application/ld+json")},
                            headers={"Authorization": "Bearer t"}),
                client.post("/sparql", content=body.encode(), headers={"Content-Type": "application/sparql-query"}),
                client.post("/sparql", content=body.encode(), headers={"Content-Type": "application/rdf+xml"}),
            ]
            for answer in answers:
                assert answer.status_code < 500, (answer.status_code, answer.text[:300])
    assert listener.seen() == 0
