"""Ingest: source files -> extraction -> RDF -> SHACL gate -> the store, one transaction per document.

A document with violations is rejected with its report and the store is unchanged for it. Re-ingesting a
file that did not change changes nothing; a changed file replaces the graph it made before. A reference
whose scope or year the text left open resolves to the one corpus document that fits, now or when that
document arrives later (the stub then takes the document's IRI in every graph that cites it).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from rdflib import Graph, URIRef

from graph.decode import MAX_BYTES, read_document
from graph.errors import LuocdoError
from graph.extract import Extraction, extract
from graph.keys import NAMED_TYPES, Iris, document_key
from graph.models import DocRef
from graph.namespaces import ELI, LDO
from graph.rdf import DocumentGraph, Triple, to_rdf
from graph.store import GraphWrite, Store
from graph.symbols import normalize_number
from graph.text import squash
from graph.validate import Finding, ValidationReport, validate_graphs

__all__ = ["Gate", "IngestSummary", "Rejection", "SourceFile", "checked_data", "ingest", "ingest_document",
           "ingest_text", "prepare", "prepare_all", "source_files", "validate_store"]


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
           progress: Progress | None = None, workers: int | None = None) -> IngestSummary:
    """Ingest files in order; return what was accepted, unchanged and rejected.

    Reading and extraction run in ``workers`` processes (default: one per core, for more than a few dozen
    files); each document is then checked and stored in order, as if alone, new ones in batches through the
    bulk loader (see :class:`Gate`).
    """
    files = list(files)
    summary = IngestSummary()
    stubs_before = set(store.stubs())
    gate = Gate(store, bulk=True)
    for n, (source, prepared) in enumerate(prepare_all(files, max_bytes, store.iris, workers), 1):
        if progress:
            progress(n, len(files), source.name)
        if isinstance(prepared, Rejection):
            summary.rejected.append(prepared)
        else:
            gate.admit(prepared, summary)
    gate.close()
    stubs_after = set(store.stubs())
    summary.stubs_created = len(stubs_after - stubs_before)
    summary.stubs_merged = len(stubs_before - stubs_after)
    return summary


def ingest_text(text: str, source_name: str, store: Store, summary: IngestSummary) -> str | None:
    """Ingest one document's text under ``source_name`` (call :meth:`Store.refresh_stubs` after a batch).

    Returns the document's key, or None when it was rejected (the reason is in ``summary``).
    """
    gate = Gate(store)
    key = gate.admit(extract(text, source_name), summary)
    gate.close(flush=False)
    return key


def ingest_document(text: str, source_name: str, store: Store) -> tuple[str | None, IngestSummary]:
    """Ingest one document given as text (an upload): its key (None if rejected) and what happened."""
    summary = IngestSummary()
    gate = Gate(store)
    key = gate.admit(extract(text, source_name), summary)
    gate.close()
    return key, summary


# --- reading, in worker processes -----------------------------------------------------------------

Prepared = DocumentGraph | Extraction | Rejection
_PARALLEL_FROM = 48  # files; below this, starting the workers costs more than it saves


def prepare_all(files: Sequence[SourceFile], max_bytes: int, iris: Iris,
                workers: int | None = None) -> Iterator[tuple[SourceFile, Prepared]]:
    """Each file read, extracted and mapped to RDF, in order; in ``workers`` processes when there are many."""
    workers = workers or os.cpu_count() or 1
    job = partial(prepare, max_bytes=max_bytes, base=iris.base)
    if workers < 2 or len(files) < _PARALLEL_FROM:
        yield from zip(files, map(job, files), strict=True)
        return
    # Forked workers run only the reader (pure Python); they never touch the parent's store. At most a few
    # chunks per worker are under way, so documents read ahead of the checking never pile up in memory.
    chunks = iter(files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK))
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        ahead = deque((chunk, pool.submit(_prepare_chunk, job, chunk)) for chunk in islice(chunks, 4 * workers))
        while ahead:
            chunk, done = ahead.popleft()
            if (following := next(chunks, None)) is not None:
                ahead.append((following, pool.submit(_prepare_chunk, job, following)))
            yield from zip(chunk, done.result(), strict=True)


_CHUNK = 8  # files per task sent to a worker


def _prepare_chunk(job: Callable[[SourceFile], Prepared], chunk: Sequence[SourceFile]) -> list[Prepared]:
    return [job(source) for source in chunk]


def prepare(source: SourceFile, max_bytes: int = MAX_BYTES, base: str | None = None) -> Prepared:
    """One file as its document graph; its extraction when a reference needs the store to be resolved."""
    try:
        text = read_document(source.path, max_bytes)
    except LuocdoError as err:
        return Rejection(source.name, str(err))
    except OSError as err:
        return Rejection(source.name, f"{source.name}: không đọc được tệp / cannot read file ({err.strerror})")
    ex = extract(text, source.name)
    if any(_needs_store(ref) for ref in _cited(ex)):
        return ex
    doc = to_rdf(ex, document_key, Iris(base) if base else Iris())
    doc.nquads  # noqa: B018 -- made here, in the worker, and sent with the document
    return doc


def _cited(ex: Extraction) -> Iterator[DocRef]:
    yield from (r.target for r in ex.references)


def _needs_store(ref: DocRef) -> bool:
    """Whether resolving ``ref`` looks in the store (:func:`_resolver`)."""
    key = document_key(ref)
    return bool(ref.number and _is_open(key)) or (not ref.number and ref.type in NAMED_TYPES and bool(ref.title))


# --- the gate: check and store, one document at a time ---------------------------------------------

class Gate:
    """Checks documents against the shapes and stores the ones that pass, in order, as if one at a time.

    It remembers what stored documents say of themselves (the facts a new document is checked against), so a
    law that every document cites is read from the store once, not once per document. New documents are
    written in batches of up to ``batch`` (one transaction each: a document is wholly stored or not at all);
    what a document in the batch says of itself is known before it is written, so citing it does not cut the
    batch; the batch is written first when the next document could see it otherwise: it has the key of a
    document in the batch, comes from the same file, or renames a stub the batch mentions.
    """

    def __init__(self, store: Store, batch: int = 1000, *, bulk: bool = False) -> None:
        self.store, self.batch, self.bulk = store, batch, bulk
        self._own: dict[URIRef, tuple[Triple, ...]] = {}
        self._touched: set[URIRef] = set()
        self._restructured = False
        self._pending = _Batch()
        self._sent: tuple[_Batch, Future[None]] | None = None  # the batch the writer thread is storing
        # Oxigraph's bulk loader lets go of the GIL: a full batch is stored while the next ones are checked.
        self._writer = ThreadPoolExecutor(1, "luocdo-writer") if bulk and store.backend.name == "oxigraph" else None

    def admit(self, item: DocumentGraph | Extraction, summary: IngestSummary) -> str | None:
        store = self.store
        if isinstance(item, Extraction):
            self.write()  # its references are resolved against the store, batch included
            doc = to_rdf(item, _resolver(store), store.iris)
        else:
            doc = item
        named = _named(doc)
        candidates = _stub_candidates(doc, store.iris)
        if any(batch.hides(doc, candidates) for batch in self._unsettled()):
            self.write()
        previous = store.graphs_of_file(doc.source_name)
        if str(doc.graph_iri) in previous and _same(store.graph(str(doc.graph_iri)), doc.triples):
            summary.unchanged.append(doc.source_name)
            return doc.key
        report = validate_graphs([self.checked_data(doc, named, previous)])[0]
        if not report.conforms:
            reason = "; ".join(str(f) for f in report.violations)
            summary.rejected.append(Rejection(doc.source_name, reason, report.violations))
            return None
        self._store(doc, previous, summary)
        summary.accepted.append(doc.source_name)
        summary.warnings.extend((doc.source_name, w) for w in report.warnings)
        return doc.key

    def _store(self, doc: DocumentGraph, previous: Sequence[str], summary: IngestSummary) -> None:
        drops = tuple(g for g in previous if g != str(doc.graph_iri))
        if any(self.store.mentions(stub) for stub in _stub_candidates(doc, self.store.iris)):
            self.write()  # a rename looks at every document with this number, the batch's too
        renames = _renames(doc, self.store)
        write = GraphWrite(doc.graph_iri, doc.triples, drops, doc.nquads)
        if drops or renames or previous:
            self.write()
            self.store.commit([write], renames)
            self._own.clear()
            self._restructured = summary.restructured = True
        else:
            self._pending.add(write, doc)
            if len(self._pending.writes) >= self.batch:
                self._send()
        self._own[doc.iri] = _own_description(doc)  # what the store says of it once written, batch or not
        self._touched.add(doc.iri)
        self._touched.update(o for _, p, o in doc.triples if p == _CITES and isinstance(o, URIRef))

    def write(self) -> None:
        """Store the documents waiting in the batch, in one transaction, and wait for the writer."""
        self._settle()
        if self._pending.writes:
            self.store.commit(self._pending.writes, bulk=self.bulk)
        self._pending = _Batch()

    def _send(self) -> None:
        """Hand the full batch to the writer thread (written now when there is none)."""
        if self._writer is None:
            self.write()
            return
        self._settle()
        batch, self._pending = self._pending, _Batch()
        self._sent = batch, self._writer.submit(self.store.commit, batch.writes, bulk=self.bulk)

    def _settle(self) -> None:
        """Wait until the batch sent to the writer is stored (its error, if any, is raised here)."""
        if self._sent is not None:
            sent, self._sent = self._sent, None
            sent[1].result()

    def _unsettled(self) -> list[_Batch]:
        return [self._pending] if self._sent is None else [self._pending, self._sent[0]]

    def checked_data(self, doc: DocumentGraph, named: set[URIRef], replaced: Sequence[str]) -> list[Triple]:
        """The document's triples plus what the stored graphs of the documents it names say of themselves."""
        data = list(doc.triples)
        for node in sorted(named):
            data.extend(self._own_facts(node, replaced))
        return data

    def _own_facts(self, node: URIRef, replaced: Sequence[str]) -> tuple[Triple, ...]:
        key = self.store.iris.key_of(str(node))
        if key and str(self.store.iris.graph(key)) in replaced:
            return ()
        if node not in self._own:
            if len(self._own) > 50_000:  # the batches' documents are not in the store yet: they stay
                waiting = set().union(*(batch.docs for batch in self._unsettled()))
                self._own = {n: facts for n, facts in self._own.items() if n in waiting}
            self._own[node] = tuple(self.store.own_description([node]))  # type: ignore[arg-type]
        return self._own[node]

    def close(self, *, flush: bool = True) -> None:
        """Write the batch, bring the stub marks up to date (all of them after a rename or a replaced file) and
        flush."""
        self.write()
        if self._writer is not None:
            self._writer.shutdown()
            self._writer = None
        if self._restructured:
            self.store.refresh_stubs()
        elif self._touched:
            self.store.refresh_stubs(sorted(self._touched))
        self._touched.clear()
        self._restructured = False
        if flush:
            self.store.flush()


_CITES = ELI.cites


@dataclass(slots=True)
class _Batch:
    """New documents not stored yet, and what a later document must not miss of them."""

    writes: list[GraphWrite] = field(default_factory=list)
    docs: set[URIRef] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    nodes: set[URIRef] = field(default_factory=set)

    def add(self, write: GraphWrite, doc: DocumentGraph) -> None:
        self.writes.append(write)
        self.docs.add(doc.iri)
        self.files.add(doc.source_name)
        self.nodes.update(n for triple in doc.triples for n in triple if isinstance(n, URIRef))

    def hides(self, doc: DocumentGraph, stub_candidates: set[URIRef]) -> bool:
        """Whether checking ``doc`` against the store alone would miss this batch: same key or same file, or a
        stub it renames is mentioned here."""
        return doc.iri in self.docs or doc.source_name in self.files or bool(self.nodes & stub_candidates)


def _named(doc: DocumentGraph) -> set[URIRef]:
    """The document and every document its graph links by a citation."""
    named = {doc.iri}
    for s, p, o in doc.triples:
        if p == _CITES:
            named.add(s)
            if isinstance(o, URIRef):
                named.add(o)
    return named


def _own_description(doc: DocumentGraph) -> tuple[Triple, ...]:
    """What the document's graph says of it and of its source: :meth:`Store.own_description` once it is stored."""
    facts = [t for t in doc.triples if t[0] == doc.iri]
    sources = {o for _, p, o in facts if p == LDO.source}
    return (*facts, *(t for t in doc.triples if t[0] in sources))


def _stub_candidates(doc: DocumentGraph, iris: Iris) -> set[URIRef]:
    """The stubs this document could rename (:func:`_renames`)."""
    return {iris.document(k) for k in _open_keys(doc.key)} | {iris.document(k) for _, k in doc.named_laws}


def _same(stored: Graph, triples: Sequence[Triple]) -> bool:
    # No blank nodes anywhere: graph equality is set equality.
    return len(stored) == len(set(triples)) and all(t in stored for t in triples)


def checked_data(graph: Graph, doc: URIRef, store: Store, replaced: list[str]) -> Graph:
    """A document's graph plus what the stored graphs of the documents it names say of themselves."""
    nodes = {doc, *(o for o in graph.objects(None, ELI.cites) if isinstance(o, URIRef))}
    nodes.update(s for s in graph.subjects(ELI.cites, None) if isinstance(s, URIRef))
    return graph + store.own_description(sorted(nodes), exclude=replaced)


def validate_store(store: Store) -> list[tuple[str, ValidationReport]]:
    """The shapes over every document graph of the store, each with the facts it is checked against (as lists
    of triples, the way the gate checks them: building an rdflib graph of each was most of the time)."""
    keys, datas = [], []
    for graph_iri in store.document_graphs():
        key = graph_iri.removeprefix(f"{store.iris.base}graph/")
        keys.append(key)
        triples = [(s, p, o) for s, p, o, _ in store.backend.quads(None, None, None, graph_iri)]
        nodes = {store.iris.document(key), *(o for _, p, o in triples if p == ELI.cites and isinstance(o, URIRef)),
                 *(s for s, p, _ in triples if p == ELI.cites and isinstance(s, URIRef))}
        own = store.own_description(sorted(nodes), exclude=[graph_iri])
        datas.append(list(dict.fromkeys([*triples, *own])))  # a triple in both counts once, as in a graph
    return list(zip(keys, validate_graphs(datas), strict=True))


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


Rename = tuple[URIRef, URIRef, str]


def _renames(doc: DocumentGraph, store: Store) -> list[Rename]:
    """Stubs that turn out to be documents this text identifies: references to its own number that left the
    scope or year open, and laws cited by name only that this text gives with their number."""
    iris = store.iris
    renames = []
    for stub_key in _open_keys(doc.key):
        stub = iris.document(stub_key)
        if store.mentions(stub) and not store.has_graph(iris.graph(stub_key)) and _unique_fit(doc, stub_key, store):
            renames.append((stub, doc.iri, doc.key))
    for law, named_key in doc.named_laws:
        stub, key = iris.document(named_key), iris.key_of(str(law))
        if key and named_key != key and store.mentions(stub) and not store.numbered(stub):
            renames.append((stub, law, key))
    return renames


def _open_keys(key: str) -> list[str]:
    """The keys a citation of this document gives when it leaves the scope, the year or both open."""
    scope, year, number = key.split("/", 2)
    return [k for k in (f"unknown/{year}/{number}", f"{scope}/unknown/{number}", f"unknown/unknown/{number}")
            if k != key]


def _unique_fit(doc: DocumentGraph, stub_key: str, store: Store) -> bool:
    number = next((o for s, p, o in doc.triples if s == doc.iri and p == ELI.id_local), None)
    others = [k for _, k in store.documents_numbered(str(number)) if k != doc.key and _fits(k, stub_key)]
    return number is not None and not others


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

