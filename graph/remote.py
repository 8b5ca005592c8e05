"""A SPARQL 1.1 server as the store: :class:`RemoteBackend` speaks the SPARQL 1.1 Protocol (query and update) and,
where the server offers it, the Graph Store HTTP Protocol, instead of opening an embedded Oxigraph.

One named graph per document, as in the embedded store. Every query Luocdo itself sends names its graphs
(``GRAPH ?g { … }``), so the answers do not depend on what a server takes as its default graph (Oxigraph server:
the default graph alone unless ``union-default-graph``; Virtuoso and GraphDB: every graph; Fuseki: as configured).
Ad-hoc queries (:meth:`RemoteBackend.select`, the public ``/sparql``) get the union where the server's
convention has a switch for it (Oxigraph's ``union-default-graph`` parameter).

Writes: an update is one POST (``application/sparql-update``); new graphs go in as ``INSERT DATA`` requests of
about :attr:`Server.batch` triples each, a graph never split between two requests (each request is one
transaction on Oxigraph). Each write request also records a *write mark* in the meta graph
(``<base>graph/_meta``): :meth:`RemoteBackend.generation` lists the recent marks other processes wrote, so
several ``luocdo serve`` processes sharing one server know when to read the data again.

>>> server = Server("http://user:secret@localhost:7878/query")
>>> server.convention, server.update_endpoint, server.store_endpoint, server.display
('oxigraph', 'http://localhost:7878/update', 'http://localhost:7878/store', 'http://localhost:7878/query')
>>> (server.user, "secret" in repr(server))
('user', False)
>>> Server("http://localhost:3030/ds/sparql").update_endpoint
'http://localhost:3030/ds/update'
>>> Server("http://localhost:7200/repositories/luocdo").update_endpoint
'http://localhost:7200/repositories/luocdo/statements'
>>> Server("http://localhost:8890/sparql").update_endpoint
'http://localhost:8890/sparql'
>>> from rdflib import Literal
>>> nt(URIRef("urn:a")), nt(Literal('say "hi"\\n', lang="vi"))
('<urn:a>', '"say \\\\"hi\\\\"\\\\n"@vi')
"""

from __future__ import annotations

import os
import re
import threading
import time
import uuid
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from typing import Literal as Choice
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from graph.backends import Quad, to_oxigraph, to_rdflib
from graph.errors import StoreError

__all__ = ["KINDS", "RemoteBackend", "Server", "ServerAnswerError", "ask_rows", "nt", "status_error",
           "transport_error"]

Kind = Choice["oxigraph", "fuseki", "virtuoso", "graphdb", "generic"]
KINDS: tuple[Kind, ...] = ("oxigraph", "fuseki", "virtuoso", "graphdb", "generic")
JSON_RESULTS = "application/sparql-results+json"
N_QUADS = "application/n-quads"
_META = "https://w3id.org/luocdo/meta#"
_WRITE, _AT = f"<{_META}write>", f"<{_META}writtenAt>"
MARK_WINDOW_MS = 120_000
"""How long a write mark stays in the meta graph (the newest stays whatever its age)."""


# --- where the server is and how it is spoken to -----------------------------------------------------

def _guess_kind(path: str) -> Kind:
    """The server a query URL's path looks like: Oxigraph ``/query``, Fuseki ``/DATASET/query`` or
    ``/DATASET/sparql``, Virtuoso ``/sparql`` or ``/sparql-auth``, GraphDB/RDF4J ``/repositories/ID``."""
    path = path.rstrip("/")
    if path == "/query":
        return "oxigraph"
    if path in ("/sparql", "/sparql-auth"):
        return "virtuoso"
    if re.fullmatch(r".*/repositories/[^/]+", path):
        return "graphdb"
    if re.fullmatch(r"/[^/]+/(?:query|sparql)", path):
        return "fuseki"
    return "generic"


def _with_path(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=path))


def _parent(url: str) -> str:
    """The path of ``url`` without its last segment: ``/ds/query`` -> ``/ds``, ``/query`` -> ``""``."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[0]


def _derived_update(url: str, kind: Kind) -> str:
    if kind in ("oxigraph", "fuseki"):
        return _with_path(url, _parent(url) + "/update")
    if kind == "graphdb":
        return _with_path(url, urlsplit(url).path.rstrip("/") + "/statements")
    return url  # Virtuoso, and any server taking both operations at one URL (the Protocol allows it)


def _derived_store(url: str, kind: Kind) -> str | None:
    """A URL whose ``GET`` (``Accept: application/n-quads``) returns the whole dataset, where the convention
    has one: Oxigraph's Graph Store endpoint ``/store``, Fuseki's dataset URL ``/DATASET``."""
    if kind == "oxigraph":
        return _with_path(url, _parent(url) + "/store")
    if kind == "fuseki":
        return _with_path(url, _parent(url))
    return None


_UNION_PARAMETER: dict[str, dict[str, str]] = {"oxigraph": {"union-default-graph": ""}}
_TIMEOUT_UNIT: dict[str, float] = {"virtuoso": 1000.0, "fuseki": 1.0, "graphdb": 1.0}  # units of `timeout=` per second
# Virtuoso compiles each INSERT DATA to SQL and refuses one of more than about 1,500 triples; its own graphs
# (the RDF views' metadata, LDP, the service description) are not Luocdo's.
_BATCH_TRIPLES: dict[str, int] = {"virtuoso": 5_000}
_OPERATION_TRIPLES: dict[str, int] = {"virtuoso": 500}
# Virtuoso stores "9"^^xsd:decimal as an integer (and answers xsd:integer); "9.0" stays a decimal.
_DECIMAL = re.compile(r'(?<!\\)"(-?[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>')
_SYSTEM_GRAPHS: dict[str, tuple[str, ...]] = {
    "virtuoso": ("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#", "http://localuriqaserver/")}


@dataclass(frozen=True)
class Server:
    """A SPARQL 1.1 server: its query URL ``endpoint``; the update URL and the URL that dumps the dataset, when
    not given, follow the server's convention (``kind``, guessed from the query URL when not given).

    Credentials: HTTP Basic or Digest (``user``, ``password``; the scheme the server asks for) or a bearer
    ``token``. They are never part of :attr:`display` or ``repr()``; a ``user:password@`` in a URL is moved
    here."""

    endpoint: str
    update: str | None = None
    store: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    kind: Kind | None = None
    timeout: float = 120.0
    batch_triples: int | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not an http(s) URL for the SPARQL server: {_without_credentials(self.endpoint)}",
                             f"địa chỉ máy chủ SPARQL không phải http(s): {_without_credentials(self.endpoint)}")
        for url in (self.endpoint, self.update or ""):
            given = urlsplit(url)
            if given.username is not None and self.user is None:
                object.__setattr__(self, "user", unquote(given.username))
                object.__setattr__(self, "password", self.password or unquote(given.password or ""))
        object.__setattr__(self, "endpoint", _without_credentials(self.endpoint))
        if self.kind is not None and self.kind not in KINDS:
            raise StoreError(f"unknown SPARQL server kind {self.kind!r} ({', '.join(KINDS)})",
                             f"không biết loại máy chủ SPARQL {self.kind!r} ({', '.join(KINDS)})")

    @classmethod
    def from_env(cls, endpoint: str | None = None, update: str | None = None,
                 environ: Mapping[str, str] | None = None) -> Server | None:
        """The server of ``endpoint`` (else ``$LUOCDO_SPARQL_ENDPOINT``), with ``update`` (else
        ``$LUOCDO_SPARQL_UPDATE_ENDPOINT``), ``$LUOCDO_SPARQL_STORE_ENDPOINT``, ``$LUOCDO_SPARQL_SERVER`` (the
        kind), ``$LUOCDO_SPARQL_USER``, ``$LUOCDO_SPARQL_PASSWORD`` and ``$LUOCDO_SPARQL_BEARER``; None when no
        endpoint is set (the embedded store)."""
        env = os.environ if environ is None else environ
        endpoint = endpoint or env.get("LUOCDO_SPARQL_ENDPOINT")
        if not endpoint:
            return None
        kind = env.get("LUOCDO_SPARQL_SERVER") or None
        return cls(endpoint, update or env.get("LUOCDO_SPARQL_UPDATE_ENDPOINT") or None,
                   env.get("LUOCDO_SPARQL_STORE_ENDPOINT") or None, env.get("LUOCDO_SPARQL_USER") or None,
                   env.get("LUOCDO_SPARQL_PASSWORD") or None, env.get("LUOCDO_SPARQL_BEARER") or None,
                   kind)  # type: ignore[arg-type]

    @property
    def convention(self) -> Kind:
        return self.kind or _guess_kind(urlsplit(self.endpoint).path)

    @property
    def update_endpoint(self) -> str:
        return _without_credentials(self.update) if self.update else _derived_update(self.endpoint, self.convention)

    @property
    def store_endpoint(self) -> str | None:
        return _without_credentials(self.store) if self.store else _derived_store(self.endpoint, self.convention)

    @property
    def display(self) -> str:
        """The query URL as it may be shown (no credentials)."""
        return self.endpoint

    @property
    def batch(self) -> int:
        """Triples per insert request: ``batch_triples``, else the convention's (50,000; Virtuoso 5,000)."""
        return self.batch_triples or _BATCH_TRIPLES.get(self.convention, 50_000)

    @property
    def operation(self) -> int | None:
        """Triples per ``INSERT DATA`` operation, where the server limits them (Virtuoso: 500)."""
        return _OPERATION_TRIPLES.get(self.convention)

    @property
    def system_graphs(self) -> tuple[str, ...]:
        """IRI prefixes of the server's own graphs (Virtuoso's), left out of the backend's answers."""
        return _SYSTEM_GRAPHS.get(self.convention, ())

    def union_parameters(self) -> dict[str, str]:
        """What makes the default graph the union of the named graphs, where the server has a switch for it."""
        return dict(_UNION_PARAMETER.get(self.convention, {}))

    def timeout_parameters(self, seconds: float) -> dict[str, str]:
        """The server-side time limit of one query, in the unit the server's ``timeout`` parameter takes
        (Oxigraph has none: start it with ``--timeout-s``)."""
        unit = _TIMEOUT_UNIT.get(self.convention)
        return {"timeout": f"{seconds * unit:g}"} if unit else {}



def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


class _Credentials(httpx.Auth):
    """HTTP Basic or Digest, whichever the server's first challenge names (Virtuoso's ``/sparql-auth`` wants
    Digest; a proxy in front of Oxigraph usually Basic); Basic is then sent up front."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme is None:
            response = yield request
            if response.status_code != 401:
                return
            challenge = response.headers.get("www-authenticate", "").lower()
            self._scheme = "digest" if challenge.startswith("digest") else "basic"
        flow = self._digest if self._scheme == "digest" else self._basic
        yield from flow.auth_flow(request)


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


def _auth(server: Server) -> httpx.Auth | None:
    if server.token:
        return _Bearer(server.token)
    if server.user:
        return _Credentials(server.user, server.password or "")
    return None


# --- errors ------------------------------------------------------------------------------------------

class ServerAnswerError(StoreError):
    """The server answered with an HTTP error: ``status`` and its first line of explanation."""

    def __init__(self, en: str, vi: str, status: int, detail: str) -> None:
        self.status, self.detail = status, detail
        super().__init__(en, vi)


def _first_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.strip().split())
    line = re.sub(r"<[^>]{0,200}>", " ", line) if line.startswith("<") else line  # an HTML error page
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def status_error(server_url: str, response: httpx.Response) -> ServerAnswerError:
    """The error for an HTTP error answer, naming the URL (no credentials), the status and the server's words."""
    status, reason = response.status_code, response.reason_phrase
    detail = _first_line(response.text) if response.content else ""
    hint_en = hint_vi = ""
    if status in (401, 403):
        hint_en = " (check LUOCDO_SPARQL_USER / LUOCDO_SPARQL_PASSWORD or LUOCDO_SPARQL_BEARER, and the grants)"
        hint_vi = " (kiểm tra LUOCDO_SPARQL_USER / LUOCDO_SPARQL_PASSWORD hoặc LUOCDO_SPARQL_BEARER, và quyền)"
    said = f": {detail}" if detail else ""
    return ServerAnswerError(f"the SPARQL server at {server_url} answered {status} {reason}{hint_en}{said}",
                             f"máy chủ SPARQL tại {server_url} trả lời {status} {reason}{hint_vi}{said}",
                             status, detail)


def transport_error(server_url: str, exc: httpx.HTTPError) -> StoreError:
    """The error for a request that got no answer: refused, timed out, broken."""
    if isinstance(exc, httpx.ConnectError):
        return StoreError(f"cannot reach the SPARQL server at {server_url} (connection refused or no such host)",
                          f"không kết nối được máy chủ SPARQL tại {server_url} (bị từ chối hoặc không có máy này)")
    if isinstance(exc, httpx.TimeoutException):
        return StoreError(f"the SPARQL server at {server_url} did not answer in time",
                          f"máy chủ SPARQL tại {server_url} không trả lời kịp")
    return StoreError(f"the request to the SPARQL server at {server_url} failed ({type(exc).__name__})",
                      f"yêu cầu tới máy chủ SPARQL tại {server_url} thất bại ({type(exc).__name__})")


def _bad_answer(server_url: str, what: str) -> StoreError:
    return StoreError(f"the SPARQL server at {server_url} sent an answer that cannot be read ({what})",
                      f"máy chủ SPARQL tại {server_url} gửi kết quả không đọc được ({what})")


# --- terms in N-Triples syntax -------------------------------------------------------------------------

def nt(term: Node) -> str:
    """A term as N-Triples writes it (escaped by Oxigraph's writer): safe to put in a query or an update.
    An IRI that is not one (spaces, ``<>"{}|^`\\``) is a :class:`~graph.errors.StoreError`."""
    try:
        return str(to_oxigraph(term))
    except ValueError as exc:
        raise StoreError(f"cannot write {term!r} in a SPARQL request: {exc}",
                         f"không viết được {term!r} vào yêu cầu SPARQL: {exc}") from exc


def _graph_nt(graph: str) -> str:
    return nt(URIRef(graph))


def ask_rows(result: ox.QuerySolutions) -> bool:
    """An ASK answered as rows (Virtuoso 7 in JSON: one row ``__ASK_RETVAL`` 1 for true, none for false)."""
    return any(isinstance(term, ox.Literal) and term.value not in ("0", "false") for row in result for term in row)


# --- the backend ---------------------------------------------------------------------------------------

class RemoteBackend:
    """A :class:`~graph.backends.Backend` on a SPARQL 1.1 server. One keep-alive :class:`httpx.Client`
    (thread-safe), so one backend serves every thread of a process.

    ``meta_graph`` holds the write marks (see :meth:`generation`); it is left out of every answer of the
    backend's own (graphs, lookups, counts, dumps)."""

    name = "remote"
    joins_natively = True

    def __init__(self, server: Server, meta_graph: str) -> None:
        self.server = server
        self.meta_graph = meta_graph
        self._meta = _graph_nt(meta_graph)
        self._mine: dict[str, float] = {}  # write marks this backend wrote -> when
        self._lock = threading.Lock()
        self.client = httpx.Client(auth=_auth(server), timeout=httpx.Timeout(server.timeout, connect=10.0),
                                   headers={"User-Agent": "luocdo"}, follow_redirects=False)

    # --- requests ---

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        """One request; a refused connection, a time-out or an HTTP error is a :class:`StoreError` naming the
        server (never its credentials)."""
        shown = _without_credentials(url)
        try:
            response = self.client.request(method, url, **options)
        except httpx.HTTPError as exc:
            raise transport_error(shown, exc) from None
        if response.status_code >= 400:
            raise status_error(shown, response)
        return response

    def query(self, query: str, accept: str = JSON_RESULTS, union: bool = False) -> bytes:
        """The server's answer to ``query`` (form-encoded POST, the most widely supported form)."""
        data = {"query": query, **(self.server.union_parameters() if union else {})}
        return self.request("POST", self.server.endpoint, data=data, headers={"Accept": accept}).content

    def _boolean(self, query: str, union: bool = False) -> bool:
        """An ASK's answer; Virtuoso 7 sends it in JSON as one row (``__ASK_RETVAL`` 1) or none."""
        result = self._results(query, union)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return ask_rows(result)

    def _results(self, query: str, union: bool = False) -> ox.QuerySolutions | ox.QueryBoolean:
        body = self.query(query, union=union)
        try:
            result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise _bad_answer(self.server.display, f"SPARQL JSON: {exc}") from None
        assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean)
        return result

    def _rows(self, query: str, union: bool = False) -> list[dict[str, Node]]:
        result = self._results(query, union)
        if not isinstance(result, ox.QuerySolutions):
            raise _bad_answer(self.server.display, "a boolean where rows were expected")
        names = [v.value for v in result.variables]
        try:
            return [{n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in result]
        except SyntaxError as exc:
            raise _bad_answer(self.server.display, f"SPARQL JSON: {exc}") from None

    def _send_update(self, text: str) -> None:
        if self.server.convention == "virtuoso":
            text = _DECIMAL.sub(r'"\1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>', text)
        self.request("POST", self.server.update_endpoint, content=text.encode("utf-8"),
                     headers={"Content-Type": "application/sparql-update"})

    # --- write marks ---

    def _marked(self, update: str) -> str:
        """``update`` followed, in the same request, by a new write mark (and the marks older than
        :data:`MARK_WINDOW_MS` dropped, except the newest)."""
        mark = str(uuid.uuid4())
        now = int(time.time() * 1000)
        with self._lock:
            self._mine[mark] = time.monotonic()
            for old in [m for m, t in self._mine.items() if time.monotonic() - t > 4 * MARK_WINDOW_MS / 1000]:
                del self._mine[old]
        m = self._meta
        return (f"{update.rstrip().rstrip(';')} ;\n"
                f"DELETE {{ GRAPH {m} {{ {m} {_WRITE} ?w . ?w {_AT} ?t }} }}\n"
                f"WHERE {{ GRAPH {m} {{ {m} {_WRITE} ?w . ?w {_AT} ?t FILTER(?t < {now - MARK_WINDOW_MS}) }} }} ;\n"
                f"INSERT DATA {{ GRAPH {m} {{ {m} {_WRITE} <urn:uuid:{mark}> . <urn:uuid:{mark}> {_AT} {now} }} }}")

    def generation(self) -> frozenset[str]:
        """The write marks of the recent writes that other processes (other backends) made: a set that grows
        when one writes, whatever else happens at the same time."""
        rows = self._rows(f"SELECT ?w WHERE {{ GRAPH {self._meta} {{ {self._meta} {_WRITE} ?w }} }}")
        with self._lock:
            mine = set(self._mine)
        marks = {str(r["w"]).removeprefix("urn:uuid:") for r in rows if "w" in r}
        return frozenset(marks - mine)

    # --- the Backend protocol ---

    def quads(self, s: Node | None, p: Node | None, o: Node | None, g: str | None) -> Iterator[Quad]:
        if any(isinstance(t, BNode) for t in (s, p, o)):
            return iter(())  # a query cannot name a blank node of the server's
        pattern = " ".join(nt(t) if t is not None else f"?{n}" for n, t in (("s", s), ("p", p), ("o", o)))
        graph = _graph_nt(g) if g is not None else "?g"
        rows = self._rows(f"SELECT * WHERE {{ GRAPH {graph} {{ {pattern} }} }}")
        return self._quads(rows, s, p, o, g)

    def _quads(self, rows: list[dict[str, Node]], s: Node | None, p: Node | None, o: Node | None,
               g: str | None) -> Iterator[Quad]:
        for row in rows:
            graph = g if g is not None else str(row["g"])
            if not self._hidden(graph):
                yield (s if s is not None else row["s"], p if p is not None else row["p"],
                       o if o is not None else row["o"], graph)

    def select(self, query: str) -> Iterator[dict[str, Node]]:
        return iter(self._rows(query, union=True))

    def ask(self, query: str) -> bool:
        return self._boolean(query, union=True)

    def update(self, update: str) -> None:
        self._send_update(self._marked(update))

    def insert(self, quads: Sequence[Quad]) -> None:
        """New graphs as ``INSERT DATA`` requests of about :attr:`Server.batch` triples, whole graphs
        each (one transaction per request on Oxigraph)."""
        by_graph: dict[str, list[str]] = {}
        for s, p, o, g in quads:
            by_graph.setdefault(_graph_nt(g), []).append(f"{nt(s)} {nt(p)} {nt(o)} .")
        self._insert_batches(by_graph.items())

    def _insert_batches(self, graphs: Iterable[tuple[str | None, list[str]]]) -> None:
        for batch in _batches(graphs, self.server.batch):
            self._send_update(self._marked(" ;\n".join(_insert_data(batch, self.server.operation))))

    def graphs(self) -> Iterator[str]:
        rows = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return (str(r["g"]) for r in rows if not self._hidden(str(r["g"])))

    def has_graph(self, graph: str) -> bool:
        return self._boolean(f"ASK {{ GRAPH {_graph_nt(graph)} {{ ?s ?p ?o }} }}")

    def _hidden(self, graph: str) -> bool:
        return graph == self.meta_graph or graph.startswith(self.server.system_graphs)

    def _ours(self) -> str:
        """A FILTER keeping ``?g`` to the graphs the backend answers with (not the meta or system graphs)."""
        tests = [f"?g != {self._meta}", *(f'!STRSTARTS(STR(?g), "{p}")' for p in self.server.system_graphs)]
        return f"FILTER({' && '.join(tests)})"

    def count(self) -> int:
        rows = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}")
        return int(str(rows[0]["n"])) if rows else 0

    def dump_nquads(self) -> bytes:
        """Every named graph but the meta graph, as N-Quads: a ``GET`` of the dataset where the server's
        convention has one, else a ``SELECT`` over ``GRAPH ?g``."""
        store = self.server.store_endpoint
        if store:
            data = self.request("GET", store, headers={"Accept": N_QUADS}).content
            try:
                quads = [q for q in ox.parse(data, ox.RdfFormat.N_QUADS)
                         if not (isinstance(q.graph_name, ox.NamedNode) and self._hidden(q.graph_name.value))]
            except SyntaxError as exc:
                raise _bad_answer(_without_credentials(store), f"N-Quads: {exc}") from None
        else:
            rows = self._rows(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}")
            quads = [ox.Quad(to_oxigraph(r["s"]), to_oxigraph(r["p"]), to_oxigraph(r["o"]),  # type: ignore[arg-type]
                             ox.NamedNode(str(r["g"]))) for r in rows]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""

    def load_nquads(self, data: bytes) -> None:
        """A backup as batched ``INSERT DATA`` requests (each atomic; the load as a whole is not)."""
        by_graph: dict[str | None, list[str]] = {}
        try:
            for q in ox.parse(data, ox.RdfFormat.N_QUADS):
                graph = str(q.graph_name) if isinstance(q.graph_name, ox.NamedNode) else None
                by_graph.setdefault(graph, []).append(f"{q.subject} {q.predicate} {q.object} .")
        except SyntaxError as exc:
            raise StoreError(f"cannot load the backup: {exc}", f"không nạp được bản sao lưu: {exc}") from exc
        self._insert_batches(by_graph.items())

    def flush(self) -> None:
        pass  # every write is committed by the server when its request is answered

    def close(self) -> None:
        self.client.close()


def _insert_data(batch: list[tuple[str | None, list[str]]], limit: int | None) -> list[str]:
    """``INSERT DATA`` operations for a batch of graphs, of at most ``limit`` triples each where that is set."""
    pieces = [(g, lines[i:i + limit]) for g, lines in batch for i in range(0, len(lines), limit)] if limit else batch
    operations: list[list[tuple[str | None, list[str]]]] = []
    count = 0
    for graph, lines in pieces:
        if not operations or (limit and count + len(lines) > limit):
            operations.append([])
            count = 0
        operations[-1].append((graph, lines))
        count += len(lines)
    return ["INSERT DATA {\n" + "\n".join(f"GRAPH {g} {{\n{chr(10).join(lines)}\n}}" if g else "\n".join(lines)
                                          for g, lines in operation) + "\n}" for operation in operations]


def _batches(graphs: Iterable[tuple[str | None, list[str]]],
             size: int) -> Iterator[list[tuple[str | None, list[str]]]]:
    """Graphs grouped into batches of about ``size`` triples; a graph is never split."""
    batch: list[tuple[str | None, list[str]]] = []
    count = 0
    for graph, lines in graphs:
        if batch and count + len(lines) > size:
            yield batch
            batch, count = [], 0
        batch.append((graph, lines))
        count += len(lines)
    if batch:
        yield batch


