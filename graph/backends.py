"""Where the quads live: the engines behind :class:`graph.store.Store`.

A backend holds named graphs and answers four kinds of request: an index lookup (:meth:`Backend.quads`), a
SPARQL query over the union of the named graphs, an atomic SPARQL update, and a bulk insert of new graphs.
Everything Luocdo knows about documents lives in :class:`~graph.store.Store`, above this line, so the same code
runs on each engine:

- :class:`OxigraphBackend`: embedded Oxigraph (RocksDB on disk, or in memory). The default.
- :class:`RdflibBackend`: rdflib's in-memory :class:`~rdflib.Dataset`, the baseline the benchmarks compare with.
- :class:`graph.remote.RemoteBackend`: a SPARQL 1.1 server over the Protocol and the Graph Store Protocol.

Terms cross this line as rdflib terms; graphs are named by IRI strings.

>>> backend = RdflibBackend()
>>> backend.insert([(URIRef("urn:a"), URIRef("urn:p"), Literal("x"), "urn:g")])
>>> [g for _, _, _, g in backend.quads(URIRef("urn:a"), None, None, None)]
['urn:g']
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from graph.errors import StoreError

__all__ = ["Backend", "OxigraphBackend", "Quad", "RdflibBackend", "TermCache", "journal_of", "reason", "to_oxigraph",
           "to_rdflib"]

Quad = tuple[Node, Node, Node, str]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDFLIB_OWN = "urn:x-rdflib:"  # rdflib's default graph and the graphs it names itself


class Backend(Protocol):
    """The engine under a :class:`~graph.store.Store`. Only named graphs are used; queries see their union.

    :meth:`generation` is the set of marks of the recent writes made by *other* processes (empty for an
    embedded store: its one writer is this process); when it holds a mark not seen before, caches of the data
    are stale."""

    name: str
    # Whether the engine evaluates SPARQL joins itself (whole-store reads then use one query), or in Python
    # (rdflib: reads then scan one index per property and join in Python instead, many times faster).
    joins_natively: bool

    def quads(self, s: Node | None, p: Node | None, o: Node | None, g: str | None) -> Iterator[Quad]: ...
    def select(self, query: str) -> Iterator[dict[str, Node]]: ...
    def ask(self, query: str) -> bool: ...
    def update(self, update: str) -> None: ...
    def insert(self, quads: Sequence[Quad]) -> None: ...
    def graphs(self) -> Iterator[str]: ...
    def has_graph(self, graph: str) -> bool: ...
    def count(self) -> int: ...
    def dump_nquads(self) -> bytes: ...
    def load_nquads(self, data: bytes) -> None: ...
    def flush(self) -> None: ...
    def generation(self) -> frozenset[str]: ...


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | ox.Triple) -> Node:
    """An Oxigraph term as the rdflib term it is."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise StoreError(f"unsupported term {term!r}", f"kiểu nút không hỗ trợ {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the Oxigraph term it is."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or _XSD_STRING)))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise StoreError(f"unsupported term {term!r}", f"kiểu nút không hỗ trợ {term!r}")


class TermCache(dict[Node, Any]):
    """rdflib terms as Oxigraph terms, each converted once: the same IRIs recur in every document."""

    limit = 500_000

    def __call__(self, term: Node) -> Any:
        found = self.get(term)
        if found is None:
            if len(self) >= self.limit:
                self.clear()
            found = self[term] = to_oxigraph(term)
        return found


_REASONS = (  # what RocksDB's message says -> why, in Vietnamese and English
    (("no space left",), "đĩa đầy", "the disk is full"),
    (("file too large", "quota"), "tệp vượt giới hạn dung lượng (quota, ulimit -f)",
     "a file would pass the size limit (quota, ulimit -f)"),
    (("permission denied", "read-only file system", "operation not permitted"), "không có quyền ghi vào thư mục",
     "no permission to write to the folder"),
    (("lock file",), "một tiến trình khác đang mở kho để ghi", "another process has the store open for writing"),
)


def reason(exc: BaseException) -> tuple[str, str]:
    """Why an operating-system or RocksDB error happened, as (Vietnamese, English); the system's own words
    follow the English once."""
    said = str(exc).strip() or type(exc).__name__
    lowered = said.lower()
    for needles, vi, en in _REASONS:
        if any(n in lowered for n in needles):
            return vi, f"{en}: {said}"
    return said, said


_UNDONE = ("không có gì thay đổi", "nothing was changed")
_UNDONE_AT_OPEN = ("phần ghi dở được bỏ khi mở kho lần sau",
                   "what was half written is dropped when the store is next opened")
_UNSAVED = ("các thay đổi gần nhất có thể chưa được lưu xuống đĩa", "the latest changes may not be saved on disk")


def _refused(exc: BaseException, path: Path | None, after: tuple[str, str] = _UNDONE) -> StoreError:
    vi, en = reason(exc)
    where_vi, where_en = (f" tại {path}", f" at {path}") if path is not None else ("", "")
    return StoreError(f"the store{where_en} refused the write ({en}); {after[1]}",
                      f"kho dữ liệu{where_vi} từ chối ghi ({vi}); {after[0]}")


def journal_of(path: Path) -> Path:
    """The journal beside the store at ``path``: the graphs of a bulk load under way
    (:meth:`OxigraphBackend.bulk_insert`)."""
    return path.with_name(path.name + ".loading")


class OxigraphBackend:
    """Embedded Oxigraph: on disk at ``path`` (RocksDB, one process may write), or in memory when it is None."""

    name = "oxigraph"
    joins_natively = True

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self._terms = TermCache()
        try:
            if path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(path))
                self._recover()
        except OSError as exc:
            vi, en = reason(exc)
            raise StoreError(f"cannot open the store at {path} ({en})",
                             f"không mở được kho dữ liệu tại {path} ({vi})") from exc

    def quads(self, s: Node | None, p: Node | None, o: Node | None, g: str | None) -> Iterator[Quad]:
        pattern = (None if s is None else to_oxigraph(s), None if p is None else to_oxigraph(p),
                   None if o is None else to_oxigraph(o), None if g is None else ox.NamedNode(g))
        for q in self._ox.quads_for_pattern(*pattern):  # type: ignore[arg-type]
            if isinstance(q.graph_name, ox.NamedNode):
                yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), q.graph_name.value

    def select(self, query: str) -> Iterator[dict[str, Node]]:
        result = self._ox.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        for solution in result:
            yield {n: to_rdflib(solution[n]) for n in names if solution[n] is not None}

    def ask(self, query: str) -> bool:
        result = self._ox.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QueryBoolean)
        return bool(result)

    def update(self, update: str) -> None:
        try:
            self._ox.update(update)
        except OSError as exc:
            raise _refused(exc, self.path) from exc

    def insert(self, quads: Sequence[Quad]) -> None:
        """Add quads in one transaction (``Store.extend`` is atomic; ``bulk_extend`` is not, so it is not used)."""
        terms = self._terms
        try:
            self._ox.extend(ox.Quad(terms(s), terms(p), terms(o), terms(URIRef(g))) for s, p, o, g in quads)
        except OSError as exc:
            raise _refused(exc, self.path) from exc

    def bulk_insert(self, quads: Sequence[Quad]) -> None:
        """Add the quads of new graphs three times faster than :meth:`insert`, through Oxigraph's bulk loader,
        which has no transaction: the graphs are named in a journal first, and a store opened after a crash
        drops them (:meth:`_recover`), so each graph is still wholly present or absent."""
        if self.path is None:
            self.insert(quads)
            return
        terms = self._terms
        lines = [f"{terms(s)} {terms(p)} {terms(o)} {terms(URIRef(g))} .\n" for s, p, o, g in quads]
        self.bulk_load("".join(lines).encode(), {g for _, _, _, g in quads})

    def bulk_load(self, nquads: bytes, graphs: Collection[str]) -> None:
        """Add new graphs given as N-Quads (``graphs`` names them) through the bulk loader; each graph is wholly
        present or absent after a crash (see :meth:`bulk_insert`). In memory: one transaction."""
        if self.path is None:
            self._ox.load(nquads, ox.RdfFormat.N_QUADS)
            return
        journal = self._journal()
        written = journal.with_name(journal.name + ".new")
        try:  # the journal appears whole (renamed into place) before the first quad is written
            written.write_text("\n".join(sorted(graphs)), encoding="utf-8")
            written.replace(journal)
            self._ox.bulk_load(nquads, ox.RdfFormat.N_QUADS)
            self._ox.flush()
            journal.unlink()
        except OSError as exc:
            raise _refused(exc, self.path, _UNDONE if self._undo() else _UNDONE_AT_OPEN) from exc

    def _undo(self) -> bool:
        """Drop the graphs of a bulk load that failed now; False when that fails too (a full disk): the journal
        stays, and the next open drops them."""
        try:
            self._recover()
        except OSError:
            return False
        return True

    def _journal(self) -> Path:
        assert self.path is not None
        return journal_of(self.path)

    def _recover(self) -> None:
        """Drop the graphs of a bulk load that did not finish, and the files it was writing (Oxigraph writes
        ``bulk-*.sst`` in the store's folder, then moves them into RocksDB; this process holds the store)."""
        journal = self._journal()
        if journal.exists():
            for graph in journal.read_text(encoding="utf-8").split():
                self._ox.remove_graph(ox.NamedNode(graph))
            self._ox.flush()
            assert self.path is not None
            for unfinished in self.path.glob("bulk-*.sst"):
                unfinished.unlink(missing_ok=True)
            journal.unlink()

    def graphs(self) -> Iterator[str]:
        return (g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(graph))

    def count(self) -> int:
        return len(self._ox)

    def dump_nquads(self) -> bytes:
        data = self._ox.dump(format=ox.RdfFormat.N_QUADS)
        assert data is not None
        return data

    def load_nquads(self, data: bytes) -> None:
        try:
            self._ox.load(data, ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise StoreError(f"cannot load the backup: {exc}", f"không nạp được bản sao lưu: {exc}") from exc
        except OSError as exc:
            raise _refused(exc, self.path) from exc  # one transaction: nothing of the backup went in

    def flush(self) -> None:
        if self.path is not None:
            try:
                self._ox.flush()
            except OSError as exc:
                raise _refused(exc, self.path, _UNSAVED) from exc

    def generation(self) -> frozenset[str]:
        return frozenset()  # RocksDB lets one process write: every change is this process's own

    def optimize(self) -> None:
        """Compact the indexes after a bulk load."""
        if self.path is not None:
            self._ox.optimize()


class RdflibBackend:
    """rdflib's in-memory :class:`~rdflib.Dataset`: the same code on the store most Python RDF tools use.

    Not transactional and not persistent: it is here to be measured against, not to keep data in.
    """

    name = "rdflib"
    joins_natively = False

    def __init__(self) -> None:
        self._ds = Dataset(default_union=True)

    def quads(self, s: Node | None, p: Node | None, o: Node | None, g: str | None) -> Iterator[Quad]:
        context = None if g is None else self._ds.graph(URIRef(g))
        for qs, qp, qo, qg in self._ds.quads((s, p, o, context)):
            name = getattr(qg, "identifier", qg)
            if isinstance(name, URIRef) and not name.startswith(_RDFLIB_OWN):
                yield qs, qp, qo, str(name)

    def select(self, query: str) -> Iterator[dict[str, Node]]:
        result: Result = self._ds.query(query)
        names = [str(v) for v in result.vars or ()]
        for row in result:
            values = dict(zip(names, row, strict=True))  # type: ignore[arg-type]
            yield {n: v for n, v in values.items() if v is not None}

    def ask(self, query: str) -> bool:
        return bool(self._ds.query(query).askAnswer)

    def update(self, update: str) -> None:
        self._ds.update(update)

    def insert(self, quads: Sequence[Quad]) -> None:
        self._ds.addN((s, p, o, self._ds.graph(URIRef(g))) for s, p, o, g in quads)

    def graphs(self) -> Iterator[str]:
        return (str(c.identifier) for c in self._ds.contexts() if len(c) and isinstance(c.identifier, URIRef)
                and not c.identifier.startswith(_RDFLIB_OWN))

    def has_graph(self, graph: str) -> bool:
        return any(True for _ in self._ds.quads((None, None, None, self._ds.graph(URIRef(graph)))))

    def count(self) -> int:
        return sum(1 for _ in self._ds.quads((None, None, None, None)))

    def dump_nquads(self) -> bytes:
        return self._ds.serialize(format="nquads").encode()

    def load_nquads(self, data: bytes) -> None:
        self._ds.parse(data=data, format="nquads")

    def flush(self) -> None:
        pass

    def generation(self) -> frozenset[str]:
        return frozenset()  # in memory: only this process writes
