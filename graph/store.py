"""The store: an embedded, persistent, transactional quad store (Oxigraph), one named graph per document.

Oxigraph was chosen by measurement (``../shared/notes/performance-anchors.md``): it loads 6–10× faster than
rdflib's in-memory store, answers indexed lookups 25× faster and needs 15× less memory. rdflib remains the API
for building and validating one document's graph; the store speaks SPARQL 1.1.

Each write (:meth:`Store.commit`) is one SPARQL update, which Oxigraph applies as one transaction: a document
is wholly present or absent, whatever happens to the process.

>>> store = Store()
>>> len(store)
0
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from graph.backends import Backend, OxigraphBackend, RdflibBackend, journal_of, reason, to_oxigraph, to_rdflib
from graph.errors import StoreError
from graph.keys import Iris
from graph.namespaces import ELI, LDO
from graph.remote import RemoteBackend, Server
from graph.snapshot import note_write

__all__ = ["DEFAULT_STORE", "GraphWrite", "Store", "default_store_path", "marks_lag_file", "to_oxigraph",
           "to_rdflib"]

DEFAULT_STORE = Path("~/.local/share/luocdo/store")
STUBS_GRAPH = "graph/_stubs"
META_GRAPH = "graph/_meta"  # a server's write marks (graph.remote)


def default_store_path() -> Path:
    """``$LUOCDO_STORE``, else ``$XDG_DATA_HOME/luocdo/store``, else ``~/.local/share/luocdo/store``."""
    if env := os.environ.get("LUOCDO_STORE"):
        return Path(env).expanduser()
    if xdg := os.environ.get("XDG_DATA_HOME"):
        return Path(xdg) / "luocdo" / "store"
    return DEFAULT_STORE.expanduser()


@dataclass(frozen=True, slots=True)
class GraphWrite:
    """Replace the named graph ``graph_iri`` by ``graph``; drop ``drop`` (the file's former graphs) with it."""

    graph_iri: URIRef
    graph: Graph | Sequence[tuple[Node, Node, Node]]
    drop: tuple[str, ...] = ()
    nquads: bytes = b""  # the same triples in N-Quads, when the caller has them (the bulk loader reads them)


class Store:
    """Documents as named graphs: in embedded Oxigraph on disk at ``path`` (in memory when ``path`` is None), or
    in the ``backend`` given (:mod:`graph.backends`)."""

    def __init__(self, path: Path | str | None = None, iris: Iris | None = None, *, read_only: bool = False,
                 backend: Backend | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.iris = iris or Iris()
        on_disk = self.path if backend is None else None
        if on_disk and read_only:
            _finish_interrupted_write(on_disk)
        self.backend: Backend = backend or OxigraphBackend(self.path, read_only=read_only)
        self._marks_lag = False  # this process wrote and has not brought the stub marks up to date yet
        if on_disk and not read_only and marks_lag_file(on_disk).exists():
            self._catch_up_stub_marks()

    @classmethod
    def in_memory(cls, engine: str = "oxigraph", iris: Iris | None = None) -> Store:
        """An empty store in memory: ``"oxigraph"`` (embedded) or ``"rdflib"`` (the benchmarks' baseline)."""
        backends = {"oxigraph": OxigraphBackend, "rdflib": RdflibBackend}
        if engine not in backends:
            raise StoreError(f"unknown engine {engine!r} (oxigraph, rdflib)",
                             f"không có bộ máy {engine!r} (oxigraph, rdflib)")
        return cls(iris=iris, backend=backends[engine]())

    @classmethod
    def remote(cls, server: Server | str, iris: Iris | None = None) -> Store:
        """The store on a SPARQL 1.1 server (:mod:`graph.remote`): ``server`` or its query URL."""
        iris = iris or Iris()
        server = Server(server) if isinstance(server, str) else server
        return cls(iris=iris, backend=RemoteBackend(server, f"{iris.base}{META_GRAPH}"))

    def generation(self) -> frozenset[str]:
        """The marks of the recent writes other processes made (empty on an embedded store): a mark not seen
        before means cached answers are stale."""
        return self.backend.generation()

    def __len__(self) -> int:
        return self.backend.count()

    @property
    def stubs_graph(self) -> str:
        return f"{self.iris.base}{STUBS_GRAPH}"

    # --- reading --------------------------------------------------------------------------------

    def select(self, query: str) -> Iterator[dict[str, Node]]:
        """Rows of a SPARQL SELECT over the union of the named graphs, as rdflib terms; unbound variables are
        left out. For whole-store reads: lookups of one value use the indexes (:meth:`stating`, :meth:`describe`)."""
        return self.backend.select(query)

    def ask(self, query: str) -> bool:
        return self.backend.ask(query)

    def describe(self, node: URIRef, graph_iri: str) -> dict[URIRef, list[Node]]:
        """What one named graph says of ``node``: predicate -> objects (an index lookup, no query)."""
        out: dict[URIRef, list[Node]] = {}
        for _, p, o, _ in self.backend.quads(node, None, None, graph_iri):
            out.setdefault(URIRef(str(p)), []).append(o)
        return out

    def stating(self, predicate: URIRef, obj: Node, graph_iri: str | None = None) -> list[tuple[URIRef, str]]:
        """(subject, named graph) of every ``subject predicate obj`` (in ``graph_iri`` only, when given), sorted."""
        return sorted((s, g) for s, _, _, g in self.backend.quads(None, predicate, obj, graph_iri)
                      if isinstance(s, URIRef))

    def subjects(self, predicate: URIRef, obj: Node) -> Iterator[tuple[Node, str]]:
        """(subject, named graph) of every ``subject predicate obj``, unsorted (a whole-store scan of one index)."""
        return ((s, g) for s, _, _, g in self.backend.quads(None, predicate, obj, None))

    def pairs(self, predicate: URIRef) -> Iterator[tuple[Node, Node, str]]:
        """(subject, object, named graph) of every statement with ``predicate``."""
        return ((s, o, g) for s, _, o, g in self.backend.quads(None, predicate, None, None))

    def by_subject(self, predicate: URIRef,
                   among: Collection[tuple[Node, str]] | None = None) -> dict[tuple[Node, str], list[Node]]:
        """(subject, named graph) -> the objects of ``predicate`` there (only for the subjects ``among``, if given):
        one scan of the store's index on ``predicate``."""
        out: dict[tuple[Node, str], list[Node]] = {}
        for s, o, g in self.pairs(predicate):
            if among is None or (s, g) in among:
                out.setdefault((s, g), []).append(o)
        return out

    def has_graph(self, graph_iri: str) -> bool:
        return self.backend.has_graph(graph_iri)

    def graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib :class:`~rdflib.Graph`."""
        out = Graph()
        for s, p, o, _ in self.backend.quads(None, None, None, graph_iri):
            out.add((s, p, o))
        return out

    def document_graphs(self) -> list[str]:
        """The named graphs of source documents, sorted."""
        stubs = self.stubs_graph
        return sorted(g for g in self.backend.graphs() if g != stubs)

    def graphs_of_file(self, file_name: str) -> list[str]:
        """The graphs an earlier ingest of the file ``file_name`` made."""
        return sorted({graph for source, graph in self.stating(LDO.fileName, Literal(file_name))
                       if self.stating(LDO.source, source, graph)})

    def own_description(self, nodes: Iterable[URIRef], exclude: Sequence[str] = ()) -> Graph:
        """What documents' own graphs say of them: the facts a new document is checked against."""
        out = Graph()
        for node in nodes:
            key = self.iris.key_of(str(node))
            graph_iri = self.iris.graph(key) if key else None
            if graph_iri is None or str(graph_iri) in exclude or not self.has_graph(graph_iri):
                continue
            for _, p, o, _ in self.backend.quads(node, None, None, graph_iri):
                out.add((node, p, o))
            for source in list(out.objects(node, LDO.source)):
                for _, p, o, _ in self.backend.quads(source, None, None, graph_iri):
                    out.add((source, p, o))
        return out

    def documents_numbered(self, number: str) -> list[tuple[URIRef, str]]:
        """Documents with their own graph whose số ký hiệu is ``number``, with their keys."""
        return self._keyed(ELI.id_local, Literal(number), LDO.source)

    def documents_titled(self, title_key: str) -> list[tuple[URIRef, str]]:
        """Numbered documents whose folded title is ``title_key``, as the corpus or a citation gives them."""
        return self._keyed(LDO.titleKey, Literal(title_key), ELI.id_local)

    def _keyed(self, predicate: URIRef, value: Literal, required: URIRef) -> list[tuple[URIRef, str]]:
        """(node, key) of the nodes a graph describes with ``predicate value`` and some ``required`` fact."""
        found: set[tuple[URIRef, str]] = set()
        for node, graph in self.stating(predicate, value):
            facts = self.describe(node, graph)
            if required in facts:
                found.update((node, str(key)) for key in facts.get(LDO.key, ()))
        return sorted(found)

    def mentions(self, node: URIRef) -> bool:
        """Whether any graph says anything of ``node``."""
        return any(True for _ in self.backend.quads(node, None, None, None))

    def numbered(self, node: URIRef) -> bool:
        """Whether any graph gives ``node`` a số ký hiệu."""
        return any(True for _ in self.backend.quads(node, ELI.id_local, None, None))

    def nodes_with(self, predicate: URIRef, value: Literal) -> list[URIRef]:
        """Nodes any graph describes with ``predicate value`` (stubs to re-resolve among them)."""
        return sorted({node for node, _ in self.stating(predicate, value)})

    # --- writing --------------------------------------------------------------------------------

    def commit(self, writes: Sequence[GraphWrite], renames: Sequence[tuple[URIRef, URIRef, str]] = (), *,
               bulk: bool = False) -> None:
        """Replace graphs and rename re-resolved stubs, all in one transaction.

        New graphs alone (the bulk of an ingest) go in as one insert — through the engine's bulk loader when
        ``bulk`` and it has one; anything that replaces or renames is one SPARQL update. The stub marks follow
        with :meth:`refresh_stubs`; until then a file beside the store says they may lag (:func:`marks_lag_file`)."""
        self._note_marks_lag()
        only_new = not renames and not any(w.drop for w in writes) and not any(self.has_graph(w.graph_iri)
                                                                                for w in writes)
        self._note_changes(writes if only_new else None)
        if only_new:
            self._insert(writes, bulk)
            return
        parts = []
        for write in writes:
            for old in (*write.drop, str(write.graph_iri)):
                parts.append(f"DROP SILENT GRAPH <{old}>")
            body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in write.graph)
            parts.append(f"INSERT DATA {{ GRAPH <{write.graph_iri}> {{\n{body}\n}} }}")
        parts.extend(_rename(old, new, key) for old, new, key in renames)
        if parts:
            self.backend.update(" ;\n".join(parts))

    def _insert(self, writes: Sequence[GraphWrite], bulk: bool) -> None:
        """New graphs in one insert: as N-Quads straight into the bulk loader when the writes carry them."""
        if bulk and (load := getattr(self.backend, "bulk_load", None)) and all(w.nquads for w in writes):
            load(b"".join(w.nquads for w in writes), [str(w.graph_iri) for w in writes])
            return
        quads = [(s, p, o, str(w.graph_iri)) for w in writes for s, p, o in w.graph]
        loader = getattr(self.backend, "bulk_insert", None) if bulk else None
        (loader or self.backend.insert)(quads)

    def refresh_stubs(self, nodes: Sequence[URIRef] | None = None) -> None:
        """Mark as ``ldo:Stub`` every cited document that has no graph of its own (and only those); only the
        ``nodes`` given, when the caller knows which documents the writes since the last refresh touched."""
        if nodes is not None:
            self._refresh_stubs_of(nodes)
        else:
            self.backend.update(f"""DROP SILENT GRAPH <{self.stubs_graph}> ;
                INSERT {{ GRAPH <{self.stubs_graph}> {{ ?d a <{LDO.Stub}> }} }}
                WHERE {{ {{ SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?x <{ELI.cites}> ?d }} }} }}
                         FILTER NOT EXISTS {{ GRAPH ?h {{ ?d <{LDO.source}> ?s }} }} }}""")
        self._note_marks_caught_up()

    def _refresh_stubs_of(self, nodes: Sequence[URIRef]) -> None:
        marked = {n for n in nodes if any(True for _ in self.backend.quads(n, RDF.type, LDO.Stub, self.stubs_graph))}
        wanted = {n for n in nodes if not self._has_own_graph(n) and any(
            True for _ in self.backend.quads(None, ELI.cites, n, None))}
        gone, new = (marked & set(nodes)) - wanted, wanted - marked
        if gone:
            body = " ".join(f"<{n}> a <{LDO.Stub}> ." for n in sorted(gone))
            self.backend.update(f"DELETE DATA {{ GRAPH <{self.stubs_graph}> {{ {body} }} }}")
        if new:
            self.backend.insert([(n, RDF.type, LDO.Stub, self.stubs_graph) for n in sorted(new)])

    def _has_own_graph(self, node: URIRef) -> bool:
        return any(True for _ in self.backend.quads(node, LDO.source, None, None))

    # --- the stub marks after a crash -------------------------------------------------------------

    def _note_marks_lag(self) -> None:
        """Before a write to the store on disk: leave the file saying the stub marks may lag behind it (with the
        base IRI they are written under), so that a process killed before :meth:`refresh_stubs` is caught up."""
        if self.path is None or self._marks_lag or not isinstance(self.backend, OxigraphBackend):
            return
        try:
            marks_lag_file(self.path).write_text(self.iris.base, encoding="utf-8")
        except OSError as exc:
            vi, en = reason(exc)
            raise StoreError(f"cannot write beside the store at {self.path} ({en}); nothing was changed",
                             f"không ghi được cạnh kho dữ liệu tại {self.path} ({vi}); không có gì thay đổi") from exc
        self._marks_lag = True

    def _note_changes(self, added: Sequence[GraphWrite] | None) -> None:
        """Before a write to the store on disk: add to the list of its writes beside it the keys of the documents
        it only adds (``added``), or that it changes anything else (None). A snapshot of the citation graph is of
        use while only additions follow it (:mod:`graph.snapshot`)."""
        if self.path is None or not isinstance(self.backend, OxigraphBackend):
            return
        prefix = f"{self.iris.base}graph/"
        names = [] if added is None else [str(w.graph_iri) for w in added]
        keys = [n[len(prefix):] for n in names if n.startswith(prefix) and " " not in n]
        try:
            note_write(self.path, keys if added is not None and len(keys) == len(names) else None)
        except OSError as exc:
            vi, en = reason(exc)
            raise StoreError(f"cannot write beside the store at {self.path} ({en}); nothing was changed",
                             f"không ghi được cạnh kho dữ liệu tại {self.path} ({vi}); không có gì thay đổi") from exc

    def _note_marks_caught_up(self) -> None:
        if self._marks_lag and self.path is not None:
            marks_lag_file(self.path).unlink(missing_ok=True)
            self._marks_lag = False

    def _catch_up_stub_marks(self) -> None:
        """A writer stopped between a write and its stub refresh: mark the stubs again, all of them, under the
        base IRI that writer used."""
        assert self.path is not None
        lag = marks_lag_file(self.path)
        base = lag.read_text(encoding="utf-8").strip() or self.iris.base
        (self if base == self.iris.base else Store(iris=Iris(base), backend=self.backend)).refresh_stubs()
        self.flush()
        lag.unlink(missing_ok=True)

    def stubs(self) -> list[URIRef]:
        return sorted({s for s, _, _, _ in self.backend.quads(None, None, None, self.stubs_graph)
                       if isinstance(s, URIRef)})

    # --- import and export ----------------------------------------------------------------------

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> bytes:
        data = self.backend.dump_nquads()
        if fmt == ox.RdfFormat.N_QUADS:
            return data
        return ox.serialize(ox.parse(data, ox.RdfFormat.N_QUADS), format=fmt) or b""

    def load_nquads(self, data: bytes) -> None:
        """Load an N-Quads export (a backup) in one transaction; call :meth:`refresh_stubs` after it."""
        self._note_marks_lag()
        self._note_changes(None)
        self.backend.load_nquads(data)

    def flush(self) -> None:
        self.backend.flush()


def marks_lag_file(path: Path) -> Path:
    """The file beside the store at ``path`` that says its stub marks may lag behind its documents: a write
    began and :meth:`Store.refresh_stubs` has not followed yet. The next writable open refreshes them all."""
    return path.with_name(path.name + ".stubs-lag")


def _finish_interrupted_write(path: Path) -> None:
    """Before a read-only open: a writer killed mid-write left a bulk load to undo or stub marks to refresh. A
    writable open does both, when no other process holds the store; otherwise the store is read as it is."""
    if not (journal_of(path).exists() or marks_lag_file(path).exists()):
        return
    with suppress(StoreError):  # a live writer holds the store (it finishes its own write), or it is read-only
        Store(path)  # recovers on opening; closed again when dropped


def _rename(old: URIRef, new: URIRef, key: str) -> str:
    """A stub found to be a corpus document takes its IRI and key in every graph that cites it."""
    key_literal = Literal(key).n3()
    return f"""DELETE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} INSERT {{ GRAPH ?g {{ ?s ?p <{new}> }} }}
        WHERE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} ;
        DELETE {{ GRAPH ?g {{ <{old}> ?p ?o }} }} INSERT {{ GRAPH ?g {{ <{new}> ?p ?o }} }}
        WHERE {{ GRAPH ?g {{ <{old}> ?p ?o FILTER(?p != <{LDO.key}>) }} }} ;
        DELETE {{ GRAPH ?g {{ <{old}> <{LDO.key}> ?k }} }} INSERT {{ GRAPH ?g {{ <{new}> <{LDO.key}> {key_literal} }} }}
        WHERE {{ GRAPH ?g {{ <{old}> <{LDO.key}> ?k }} }}"""
