"""Ingest: source files -> extraction -> RDF -> SHACL gate -> the store, one transaction per document.

A document with violations is rejected with its report and the store is unchanged for it. Re-ingesting a
file that did not change changes nothing; a changed file replaces the graph it made before. A reference
whose scope or year the text left open resolves to the one corpus document that fits, now or when that
document arrives later (the stub then takes the document's IRI in every graph that cites it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from graph.decode import MAX_BYTES, read_document
from graph.errors import LuocdoError
from graph.extract import extract
from graph.keys import NAMED_TYPES, document_key
from graph.models import DocRef
from graph.namespaces import ELI, LDO
from graph.rdf import DocumentGraph, to_rdf
from graph.store import GraphWrite, Store
from graph.symbols import normalize_number
from graph.text import squash
from graph.validate import Finding, ValidationReport, validate_graph

__all__ = ["IngestSummary", "Rejection", "SourceFile", "checked_data", "ingest", "ingest_document", "ingest_text",
           "source_files", "validate_store"]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to ingest and the name it is known by in the store (its path inside the ingested folder)."""

    path: Path
    name: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """A file that was not stored, and why: the violations found, or the reading error."""

    source: str
    reason: str
    findings: tuple[Finding, ...] = ()


@dataclass(slots=True)
class IngestSummary:
    accepted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[tuple[str, Finding]] = field(default_factory=list)
    stubs_created: int = 0
    stubs_merged: int = 0
    restructured: bool = False  # a stub was renamed or a file's former graph dropped: other documents changed

    def line(self) -> str:
        return (f"nhận / accepted {len(self.accepted)} · không đổi / unchanged {len(self.unchanged)} · "
                f"từ chối / rejected {len(self.rejected)} · cảnh báo / warnings {len(self.warnings)} · "
                f"văn bản chờ (stub) tạo / stubs created {self.stubs_created} · "
                f"gộp / merged {self.stubs_merged}")


Progress = Callable[[int, int, str], None]


def ingest(files: Iterable[SourceFile], store: Store, *, max_bytes: int = MAX_BYTES,
           progress: Progress | None = None) -> IngestSummary:
    """Ingest files in order; return what was accepted, unchanged and rejected."""
    files = list(files)
    summary = IngestSummary()
    stubs_before = set(store.stubs())
    for n, source in enumerate(files, 1):
        if progress:
            progress(n, len(files), source.name)
        try:
            text = read_document(source.path, max_bytes)
        except LuocdoError as err:
            summary.rejected.append(Rejection(source.name, str(err)))
            continue
        except OSError as err:
            summary.rejected.append(Rejection(source.name, f"{source.name}: không đọc được tệp / cannot read file "
                                                           f"({err.strerror})"))
            continue
        ingest_text(text, source.name, store, summary)
    store.refresh_stubs()
    stubs_after = set(store.stubs())
    summary.stubs_created = len(stubs_after - stubs_before)
    summary.stubs_merged = len(stubs_before - stubs_after)
    store.flush()
    return summary


def ingest_text(text: str, source_name: str, store: Store, summary: IngestSummary) -> str | None:
    """Ingest one document's text under ``source_name`` (call :meth:`Store.refresh_stubs` after a batch).

    Returns the document's key, or None when it was rejected (the reason is in ``summary``).
    """
    doc = to_rdf(extract(text, source_name), _resolver(store), store.iris)
    previous = store.graphs_of_file(source_name)
    if str(doc.graph_iri) in previous and _same(store.graph(str(doc.graph_iri)), doc.graph):
        summary.unchanged.append(source_name)
        return doc.key
    report = validate_graph(checked_data(doc.graph, doc.iri, store, previous))
    if not report.conforms:
        reason = "; ".join(str(f) for f in report.violations)
        summary.rejected.append(Rejection(source_name, reason, report.violations))
        return None
    drops = tuple(g for g in previous if g != str(doc.graph_iri))
    renames = _renames(doc, store)
    store.commit([GraphWrite(doc.graph_iri, doc.graph, drops)], renames)
    summary.restructured |= bool(drops or renames or previous)
    summary.accepted.append(source_name)
    summary.warnings.extend((source_name, w) for w in report.warnings)
    return doc.key


def ingest_document(text: str, source_name: str, store: Store) -> tuple[str | None, IngestSummary]:
    """Ingest one document given as text (an upload): its key (None if rejected) and what happened."""
    summary = IngestSummary()
    key = ingest_text(text, source_name, store, summary)
    if summary.accepted:
        store.refresh_stubs()
        store.flush()
    return key, summary


def _same(a: Graph, b: Graph) -> bool:
    # No blank nodes anywhere: graph equality is set equality.
    return len(a) == len(b) and all(t in a for t in b)


def checked_data(graph: Graph, doc: URIRef, store: Store, replaced: list[str]) -> Graph:
    """A document's graph plus what the stored graphs of the documents it names say of themselves."""
    nodes = {doc, *(o for o in graph.objects(None, ELI.cites) if isinstance(o, URIRef))}
    nodes.update(s for s in graph.subjects(ELI.cites, None) if isinstance(s, URIRef))
    return graph + store.own_description(sorted(nodes), exclude=replaced)


def validate_store(store: Store) -> list[tuple[str, ValidationReport]]:
    """The shapes over every document graph of the store, each with the facts it is checked against."""
    out = []
    for graph_iri in store.document_graphs():
        key = graph_iri.removeprefix(f"{store.iris.base}graph/")
        out.append((key, validate_graph(checked_data(store.graph(graph_iri), store.iris.document(key), store,
                                                     [graph_iri]))))
    return out


# --- resolution against the store ------------------------------------------------------------------

def _parts(key: str) -> tuple[str, str]:
    scope, year, _ = key.split("/", 2)
    return scope, year


def _fits(candidate_key: str, ref_key: str) -> bool:
    """A candidate fits a reference when they agree on every part the reference knows."""
    (c_scope, c_year), (r_scope, r_year) = _parts(candidate_key), _parts(ref_key)
    return r_scope in ("unknown", c_scope) and r_year in ("unknown", c_year)


def _is_open(key: str) -> bool:
    return "unknown" in _parts(key)


def _resolver(store: Store) -> Callable[[DocRef], str]:
    def resolve(ref: DocRef) -> str:
        key = document_key(ref)
        if ref.number and _is_open(key):
            found = [k for _, k in store.documents_numbered(normalize_number(ref.number)) if _fits(k, key)]
            return found[0] if len(found) == 1 else key
        if not ref.number and ref.type in NAMED_TYPES and ref.title:
            found = [k for _, k in store.documents_titled(squash(ref.title)) if _fits(k, key)]
            return found[0] if len(found) == 1 else key
        return key

    return resolve


def _renames(doc: DocumentGraph, store: Store) -> list[tuple[URIRef, URIRef, str]]:
    """Stubs that turn out to be documents this text identifies: open-keyed references to its own number, and
    laws cited by name only that this text gives with their number."""
    renames = [(node, doc.iri, doc.key) for node, key in _open_stubs(doc, store)
               if _fits(doc.key, key) and _unique_fit(doc, key, store)]
    for law in sorted({s for s in doc.graph.subjects(LDO.titleKey, None) if isinstance(s, URIRef)}):
        key = str(doc.graph.value(law, LDO.key))
        if (law, ELI.id_local, None) not in doc.graph:
            continue
        for stub in store.nodes_with(LDO.titleKey, Literal(str(doc.graph.value(law, LDO.titleKey)))):
            stub_key = store.iris.key_of(str(stub))
            if stub_key and stub_key != key and _parts(stub_key) == _parts(key) and not store.numbered(stub):
                renames.append((stub, law, key))
    return renames


def _open_stubs(doc: DocumentGraph, store: Store) -> list[tuple[URIRef, str]]:
    """Stubs whose key leaves the scope or year open and whose number is this document's."""
    out = []
    for number in doc.graph.objects(doc.iri, ELI.id_local):
        for node in store.nodes_with(ELI.id_local, Literal(str(number))):
            key = store.iris.key_of(str(node))
            if key and key != doc.key and _is_open(key) and not store.has_graph(str(store.iris.graph(key))):
                out.append((node, key))
    return out


def _unique_fit(doc: DocumentGraph, stub_key: str, store: Store) -> bool:
    number = doc.graph.value(doc.iri, ELI.id_local)
    others = [k for _, k in store.documents_numbered(str(number)) if k != doc.key and _fits(k, stub_key)]
    return not others


def source_files(paths: Iterable[str | Path], suffixes: frozenset[str]) -> list[SourceFile]:
    """Files to ingest, each named by its path inside the folder given (or by its own name)."""
    out: list[SourceFile] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out.extend(SourceFile(p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*"))
                       if p.is_file() and p.suffix.lower() in suffixes)
        else:
            out.append(SourceFile(path, path.name))
    return out

