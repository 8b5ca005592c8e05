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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import StoreError
from graph.keys import Iris
from graph.namespaces import ELI, LDO

__all__ = ["DEFAULT_STORE", "GraphWrite", "Store", "default_store_path", "to_oxigraph", "to_rdflib"]

DEFAULT_STORE = Path("~/.local/share/luocdo/store")
STUBS_GRAPH = "graph/_stubs"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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
    graph: Graph
    drop: tuple[str, ...] = ()


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


class Store:
    """Documents as named graphs in Oxigraph, on disk at ``path`` (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | str | None = None, iris: Iris | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.iris = iris or Iris()
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}",
                             f"không mở được kho dữ liệu tại {self.path}: {exc}") from exc

    def __len__(self) -> int:
        return len(self._ox)

    @property
    def stubs_graph(self) -> str:
        return f"{self.iris.base}{STUBS_GRAPH}"

    # --- reading --------------------------------------------------------------------------------

    def select(self, query: str) -> Iterator[dict[str, Node]]:
        """Rows of a SPARQL SELECT over the union of the named graphs, as rdflib terms; unbound variables are
        left out. For whole-store reads: lookups of one value use the indexes (:meth:`stating`, :meth:`describe`)."""
        result = self._ox.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        for solution in result:
            yield {n: to_rdflib(solution[n]) for n in names if solution[n] is not None}

    def ask(self, query: str) -> bool:
        result = self._ox.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QueryBoolean)
        return bool(result)

    def describe(self, node: URIRef, graph_iri: str) -> dict[URIRef, list[Node]]:
        """What one named graph says of ``node``: predicate -> objects (an index lookup, no query)."""
        out: dict[URIRef, list[Node]] = {}
        for quad in self._ox.quads_for_pattern(ox.NamedNode(str(node)), None, None, ox.NamedNode(graph_iri)):
            out.setdefault(URIRef(quad.predicate.value), []).append(to_rdflib(quad.object))
        return out

    def stating(self, predicate: URIRef, obj: Node, graph_iri: str | None = None) -> list[tuple[URIRef, str]]:
        """(subject, named graph) of every ``subject predicate obj`` (in ``graph_iri`` only, when given), sorted."""
        graph = ox.NamedNode(graph_iri) if graph_iri else None
        quads = self._ox.quads_for_pattern(None, ox.NamedNode(str(predicate)), to_oxigraph(obj), graph)
        return sorted((URIRef(q.subject.value), q.graph_name.value) for q in quads
                      if isinstance(q.subject, ox.NamedNode) and isinstance(q.graph_name, ox.NamedNode))

    def pairs(self, predicate: URIRef) -> Iterator[tuple[Node, Node, str]]:
        """(subject, object, named graph) of every statement with ``predicate``."""
        for q in self._ox.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, None):
            if isinstance(q.graph_name, ox.NamedNode):
                yield to_rdflib(q.subject), to_rdflib(q.object), q.graph_name.value

    def has_graph(self, graph_iri: str) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(graph_iri))

    def graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib :class:`~rdflib.Graph`."""
        out = Graph()
        for quad in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
            out.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return out

    def document_graphs(self) -> list[str]:
        """The named graphs of source documents, sorted."""
        stubs = self.stubs_graph
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode) and g.value != stubs)

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
            for quad in self._ox.quads_for_pattern(ox.NamedNode(str(node)), None, None, ox.NamedNode(graph_iri)):
                out.add((node, to_rdflib(quad.predicate), to_rdflib(quad.object)))
            for source in out.objects(node, LDO.source):
                for quad in self._ox.quads_for_pattern(ox.NamedNode(str(source)), None, None,
                                                       ox.NamedNode(graph_iri)):
                    out.add((source, to_rdflib(quad.predicate), to_rdflib(quad.object)))
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

    def numbered(self, node: URIRef) -> bool:
        """Whether any graph gives ``node`` a số ký hiệu."""
        return any(True for _ in self._ox.quads_for_pattern(ox.NamedNode(str(node)), ox.NamedNode(str(ELI.id_local)),
                                                             None, None))

    def nodes_with(self, predicate: URIRef, value: Literal) -> list[URIRef]:
        """Nodes any graph describes with ``predicate value`` (stubs to re-resolve among them)."""
        return sorted({node for node, _ in self.stating(predicate, value)})

    # --- writing --------------------------------------------------------------------------------

    def commit(self, writes: Sequence[GraphWrite], renames: Sequence[tuple[URIRef, URIRef, str]] = ()) -> None:
        """Replace graphs and rename re-resolved stubs, all in one transaction."""
        parts = []
        for write in writes:
            for old in (*write.drop, str(write.graph_iri)):
                parts.append(f"DROP SILENT GRAPH <{old}>")
            body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in write.graph)
            parts.append(f"INSERT DATA {{ GRAPH <{write.graph_iri}> {{\n{body}\n}} }}")
        parts.extend(_rename(old, new, key) for old, new, key in renames)
        if parts:
            self._update(" ;\n".join(parts))

    def refresh_stubs(self) -> None:
        """Mark as ``ldo:Stub`` every cited document that has no graph of its own (and only those)."""
        self._update(f"""DROP SILENT GRAPH <{self.stubs_graph}> ;
            INSERT {{ GRAPH <{self.stubs_graph}> {{ ?d a <{LDO.Stub}> }} }}
            WHERE {{ {{ SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?x <{ELI.cites}> ?d }} }} }}
                     FILTER NOT EXISTS {{ GRAPH ?h {{ ?d <{LDO.source}> ?s }} }} }}""")

    def stubs(self) -> list[URIRef]:
        return sorted(URIRef(q.subject.value) for q in self._ox.quads_for_pattern(
            None, None, None, ox.NamedNode(self.stubs_graph)) if isinstance(q.subject, ox.NamedNode))

    def _update(self, update: str) -> None:
        try:
            self._ox.update(update)
        except OSError as exc:
            raise StoreError(f"the store refused the write ({exc}); nothing was changed",
                             f"kho dữ liệu từ chối ghi ({exc}); không có gì thay đổi") from exc

    # --- import and export ----------------------------------------------------------------------

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        data = self._ox.dump(format=fmt)
        assert data is not None
        return data

    def load_nquads(self, data: bytes) -> None:
        """Load an N-Quads export (a backup) in one transaction."""
        try:
            self._ox.load(data, ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot load the backup: {exc}", f"không nạp được bản sao lưu: {exc}") from exc

    def flush(self) -> None:
        if self.path is not None:
            self._ox.flush()


def _rename(old: URIRef, new: URIRef, key: str) -> str:
    """A stub found to be a corpus document takes its IRI and key in every graph that cites it."""
    key_literal = Literal(key).n3()
    return f"""DELETE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} INSERT {{ GRAPH ?g {{ ?s ?p <{new}> }} }}
        WHERE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} ;
        DELETE {{ GRAPH ?g {{ <{old}> ?p ?o }} }} INSERT {{ GRAPH ?g {{ <{new}> ?p ?o }} }}
        WHERE {{ GRAPH ?g {{ <{old}> ?p ?o FILTER(?p != <{LDO.key}>) }} }} ;
        DELETE {{ GRAPH ?g {{ <{old}> <{LDO.key}> ?k }} }} INSERT {{ GRAPH ?g {{ <{new}> <{LDO.key}> {key_literal} }} }}
        WHERE {{ GRAPH ?g {{ <{old}> <{LDO.key}> ?k }} }}"""
