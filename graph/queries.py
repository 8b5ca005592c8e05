"""The questions users ask of the corpus, answered as JSON-ready dicts: the engine under the query API.

Which documents implement an instruction, the chain from a letter up to the law, who launched a campaign, which
agency must do what by when. Lists come from the citation graph held in memory (:mod:`graph.lineage`), details
from the store with bound SPARQL (:mod:`graph.questions`). Field names are those of the extraction schema.

>>> from graph.store import Store
>>> q = Queries(Store())
>>> q.documents(number="01/ct-ubnd")
{'items': [], 'count': 0}
"""

from __future__ import annotations

import copy
import datetime as dt
import heapq
import itertools
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import URIRef

from graph import facts, indexes, snapshot
from graph import lineage as lin
from graph.backends import OxigraphBackend
from graph.errors import NotFound
from graph.indexes import Aggregates, Campaign, TaskIndex, due_date
from graph.ingest import validate_store
from graph.keys import scope_slug
from graph.namespaces import ELI, LDO
from graph.ranks import levels
from graph.store import Store
from graph.symbols import normalize_number
from graph.text import fold, squash
from graph.vocab import TYPE_BY_CODE

__all__ = ["DESCENT", "MAX_LIMIT", "RELATED_PAGE", "Queries", "due_date"]

# What "implements" walks follow by default: every relation by which a document carries another out or acts
# under it. Amending, replacing and repealing change a document rather than carry it out.
DESCENT = frozenset({"implements", "based_on", "guides", "cites"})
_RELATION = {str(LDO.basedOn): "based_on", str(LDO.implements): "implements", str(LDO.guides): "guides",
             str(LDO.amends): "amends", str(LDO.replaces): "replaces", str(LDO.repeals): "repeals",
             str(ELI.cites): "cites", str(LDO.launches): "launches", str(LDO.mentionsCampaign): "mentions"}
_INSTRUCTIONS = frozenset({"Chỉ thị", "Nghị quyết", "Kết luận", "Kế hoạch", "Chương trình"})
MAX_LIMIT = 500
# Documents of a related list given at once: a law cited by most of a national collection is carried out by
# tens of thousands (65,000 at 100,000 documents: 40 MB of JSON); ``count`` says how many there are in all.
RELATED_PAGE, RELATED_MAX = 1000, 10_000
MAX_STATED = 50  # statements by other documents read per document, for its references and links
_NO_NODE: dict[str, Any] = {"stub": True}
_STATED_KEPT = 20_000  # documents whose statements by others are kept (at most MAX_STATED rows each)
Row = facts.Row


def _text(row: Row, name: str) -> str | None:
    value = row.get(name)
    return str(value) if value is not None else None


def _evidence(row: Row) -> dict[str, Any]:
    return {"source": _text(row, "file"), "start": int(str(row["start"])), "end": int(str(row["end"])),
            "text": _text(row, "sentence"), "mention": _text(row, "mention")}


def _number_key(number: str) -> str:
    return squash(normalize_number("".join(number.split())))


@dataclass(frozen=True, slots=True)
class Agencies:
    """Agencies by IRI (key, name, scope), each as the first graph that names it (in the order of the graphs'
    names) says, and that graph."""

    found: dict[str, dict[str, Any]]
    graphs: dict[str, str]

    def merged(self, more: Agencies) -> Agencies:
        """With the agencies of another graph: each as its first graph says."""
        found, graphs = dict(self.found), dict(self.graphs)
        for iri, graph in more.graphs.items():
            if iri not in graphs or graph < graphs[iri]:
                found[iri], graphs[iri] = more.found[iri], graph
        return Agencies(found, graphs)

    def export(self) -> dict[str, dict[str, Any]]:
        return {iri: {**agency, "graph": self.graphs[iri]} for iri, agency in self.found.items()}

    @classmethod
    def restore(cls, data: dict[str, dict[str, Any]]) -> Agencies:
        return cls({iri: {k: v for k, v in a.items() if k != "graph"} for iri, a in data.items()},
                   {iri: str(a.get("graph", "")) for iri, a in data.items()})


@dataclass(frozen=True, slots=True)
class _State:
    """What the answers read from memory, for one state of the store (replaced whole after each write)."""

    graph: lin.CitationGraph
    by_number: dict[str, list[str]]
    agencies: Agencies
    tasks: TaskIndex
    aggregates: Aggregates
    stats: dict[int, dict[str, Any]] = field(default_factory=dict)  # top -> stats(top), until the next write
    stated: dict[str, list[Row]] = field(default_factory=dict)  # Queries._stated, until the next write


class Queries:
    """Answers over one :class:`~graph.store.Store`; call :meth:`refresh` after the store changed.

    The citation graph and the agencies are read in a thread of their own (``wait=False``, as the API does, so
    that it answers ``/health`` at once) or before the constructor returns; a question that needs them waits
    for them. On an embedded store on disk they come from the snapshot beside it when one is of use
    (:mod:`graph.snapshot`: 1 s at 10,000 documents instead of 22 s), and a snapshot is written after each
    full read.
    """

    def __init__(self, store: Store, *, wait: bool = True) -> None:
        self.store = store
        self.iris = store.iris
        self._lock = threading.Lock()
        self._opening = threading.Lock()  # held while the state is read (opening, refresh)
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._validation: dict[str, Any] | None = None
        self._state: _State | None = None
        self.opened_from: str | None = None  # "store", "snapshot" or "snapshot+N" once open (for the benchmarks)
        if wait:
            self._open()
            self.wait()  # what stopped the reading, raised here
        else:
            threading.Thread(target=self._open, name="luocdo-open", daemon=True).start()

    def _open(self) -> None:
        try:
            with self._opening:
                self._install(*self._first_state())
        except BaseException as exc:  # kept for the questions waiting on it: each raises it
            self._failure = exc
        finally:
            self._ready.set()

    def wait(self) -> None:
        """Until the citation graph is read (at once when it is); what stopped the reading, raised."""
        self._ready.wait()
        if self._failure is not None:
            raise self._failure

    def _now(self) -> _State:
        if self._state is None or not self._ready.is_set():
            self.wait()
        assert self._state is not None
        return self._state

    @property
    def graph(self) -> lin.CitationGraph:
        return self._now().graph

    @property
    def _by_number(self) -> dict[str, list[str]]:
        return self._now().by_number

    @property
    def _agencies(self) -> dict[str, dict[str, Any]]:
        return self._now().agencies.found

    @property
    def _tasks_index(self) -> TaskIndex:
        return self._now().tasks

    @property
    def _aggregates(self) -> Aggregates:
        return self._now().aggregates

    def _snapshot_path(self, *, writing: bool = False) -> Path | None:
        """Where the store keeps its snapshot (an embedded store on disk); to write one, not a read-only open:
        what it reads may be older than the list of writes beside it."""
        store = self.store
        usable = store.path is not None and isinstance(store.backend, OxigraphBackend)
        return store.path if usable and not (writing and store.read_only) else None

    def _first_state(self) -> tuple[lin.CitationGraph, Agencies, Aggregates]:
        """The citation graph, the agencies and the counts: from the snapshot and the documents added since, or
        read."""
        path = self._snapshot_path()
        if path is not None:
            mark = snapshot.mark_of(path)  # before anything is read: a write from now on is after it
            kept = snapshot.load(path, self.iris.base)
            added = snapshot.additions_since(path, kept.mark) if kept is not None else None
            if kept is not None and added is not None and mark is not None:
                graph, agencies = kept.graph, Agencies.restore(kept.agencies)
                aggregates = Aggregates(self.store)
                aggregates.restore(kept.aggregates)
                for key in added:
                    graph_iri = str(self.iris.graph(key))
                    if self.store.has_graph(graph_iri):  # (a write that failed after its line has nothing to add)
                        lin.update_citation_graph(graph, self.store, key)
                        agencies = agencies.merged(self._read_agencies(graph_iri))
                        aggregates.add_graph(graph_iri, self.store.graph(graph_iri), self.iris.document(key),
                                             marks=False)
                if added:
                    aggregates.count_marks()
                    if self._snapshot_path(writing=True):
                        snapshot.save(path, self.iris.base, mark, graph, agencies.export(), aggregates.export())
                self.opened_from = f"snapshot+{len(added)}" if added else "snapshot"
                return graph, agencies, aggregates
        return self._read_all()

    def _read_all(self) -> tuple[lin.CitationGraph, Agencies, Aggregates]:
        """Everything read from the store; on an embedded store on disk, the counts too, and a snapshot written."""
        path = self._snapshot_path(writing=True)
        mark = snapshot.mark_of(path)
        graph, agencies, aggregates = lin.citation_graph(self.store), self._read_agencies(None), Aggregates(self.store)
        if path is not None and mark is not None:
            aggregates.quads()  # counted now, to be kept in the snapshot for the next opening
            aggregates.campaigns()
            aggregates.task_counts()
            snapshot.save(path, self.iris.base, mark, graph, agencies.export(), aggregates.export())
        self.opened_from = "store"
        return graph, agencies, aggregates

    def _install(self, graph: lin.CitationGraph, agencies: Agencies, aggregates: Aggregates,
                 tasks: TaskIndex | None = None) -> None:
        by_number: dict[str, list[str]] = {}
        for key, data in graph.nodes(data=True):
            if data["number"]:
                by_number.setdefault(_number_key(data["number"]), []).append(key)
        state = _State(graph, by_number, agencies, tasks or TaskIndex(self.store, self._file_of), aggregates)
        with self._lock:
            self._state = state
            self._validation = None

    def refresh(self, added: str | None = None) -> None:
        """Read the citation graph and the agencies again, or only what the document ``added`` brought (when
        the ingest changed no other document's graph). The indexes of the whole-corpus questions
        (:mod:`graph.indexes`) are brought up to date with ``added``, or read again when first needed."""
        self._ready.wait()  # the first reading, if it is still going on, then this one
        with self._opening:
            if added is None or self._state is None:
                self._failure = None
                self._install(*self._read_all())
                return
            old = self._state
            graph = old.graph.copy()  # readers keep the old graph while this one is brought up to date
            lin.update_citation_graph(graph, self.store, added)
            graph_iri = str(self.iris.graph(added))
            agencies = old.agencies.merged(self._read_agencies(graph_iri))
            own = self.store.graph(graph_iri)
            old.tasks.add_graph(graph_iri, own)
            old.aggregates.add_graph(graph_iri, own, self.iris.document(added))
            self._install(graph, agencies, old.aggregates, old.tasks)

    def _file_of(self, key: str) -> str:
        """The file document ``key`` was read from ("" when unknown): the order of tasks within a due day."""
        data = self.graph.nodes.get(key, _NO_NODE)
        return str(data.get("source") or "")

    def _read_agencies(self, graph: str | None) -> Agencies:
        """The agencies of one graph, or of the store (:func:`graph.indexes.agencies`)."""
        rows = facts.agencies(self.store, graph) if graph is not None else indexes.agencies(self.store)
        return Agencies({iri: {"key": str(row["key"]), "name": _text(row, "name"), "scope": _text(row, "scope")}
                         for iri, row in rows.items()}, {iri: str(row["g"]) for iri, row in rows.items()})

    # --- documents ------------------------------------------------------------------------------

    def document_summary(self, key: str) -> dict[str, Any]:
        """The Document object of ``key``: key, iri, type, number, date, year, issuer, scope, title, stub, source."""
        data: dict[str, Any] = self.graph.nodes.get(key, _NO_NODE)
        return {"key": key, "iri": f"{self.iris.base}doc/{key}", "type": data.get("type"), "number": data.get("number"),
                "date": data.get("date"), "year": data.get("year"), "issuer": data.get("issuer"),
                "scope": data.get("scope"), "title": data.get("title"), "stub": bool(data.get("stub", True)),
                "source": data.get("source")}

    def find(self, asked: str) -> str:
        """The key of the document ``asked`` names: a key, or a số ký hiệu that only one document has."""
        return lin.find_document(self.graph, asked)

    def documents(self, *, number: str | None = None, scope: str | None = None, year: int | None = None,
                  type: str | None = None, issuer: str | None = None, q: str | None = None,
                  limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Documents matching every filter given, own documents before stubs, newest first."""
        keys: Iterable[str] = self._numbered(number) if number else self.graph.nodes
        wanted_type = _type_name(type) if type else None
        words = squash(q).split() if q else []
        found = []
        for key in keys:
            data = self.graph.nodes[key]
            if ((scope and key.split("/", 1)[0] != scope_slug(scope.strip()))
                    or (year and data["year"] != year)
                    or (wanted_type and fold(data["type"] or "") != wanted_type)
                    or (issuer and squash(issuer) not in squash(data["issuer"] or ""))
                    or (words and not _has_words(data, words))):
                continue
            found.append(key)
        found.sort(key=lambda k: (self.graph.nodes[k]["stub"], -(self.graph.nodes[k]["year"] or 0), k))
        page = found[offset:offset + min(limit, MAX_LIMIT)]
        return {"items": [self.document_summary(k) for k in page], "count": len(found)}

    def _numbered(self, number: str) -> list[str]:
        """Keys of documents numbered ``number`` in any spacing, case or Đ/D; a bare '503' finds 503/KH-UBND."""
        wanted = _number_key(number)
        exact = self._by_number.get(wanted, [])
        if exact or "/" in wanted:
            return exact
        return [k for n, keys in self._by_number.items() if n.split("/", 1)[0] == wanted for k in keys]

    def document(self, key: str, cited_by_limit: int = 200) -> dict[str, Any]:
        """A document with its references out and in (each with its evidence), campaigns, tasks, targets and
        recipients. What others say it cites counts once per cited document and relation; ``cited_by`` holds
        the first ``cited_by_limit`` citing statements (``cited_by_count`` says how many there are)."""
        self._known(key)
        doc, own = self.iris.document(key), str(self.iris.graph(key))
        stated = facts.citations(self.store, doc, "citing", graph=own)
        stated += [r for r in self._stated(doc) if str(r["g"]) != own]
        references = [{"target": self._other(r), "relation": self._relation(r), "evidence": _evidence(r)}
                      for r in _first_per_link(stated)]
        cited_by = [{"source": self._other(r), "relation": self._relation(r), "evidence": _evidence(r)}
                    for r in facts.citations(self.store, doc, "cited", limit=cited_by_limit)]
        campaigns = [{"key": self._campaign_key(r), "name": str(r["name"]), "relation": self._relation(r),
                      "period": _text(r, "period"), "evidence": _evidence(r)}
                     for r in facts.campaign_mentions(self.store, document=doc)]
        task_rows, target_rows, recipients = facts.document_facts(self.store, doc, str(self.iris.graph(key)))
        targets = [{"indicator": str(r["indicator"]), "comparator": _text(r, "comparator"),
                    "value": float(str(r["value"])) if "value" in r else None, "unit": _text(r, "unit"),
                    "evidence": _evidence(r)} for r in target_rows]
        return self.document_summary(key) | {
            "references": _by_start(references), "cited_by": _by_start(cited_by),
            "cited_by_count": facts.count_citations(self.store, doc, "cited"),
            "campaigns": _by_start(campaigns), "tasks": self._tasks(task_rows),
            "targets": _by_start(targets), "recipients": [self.agency(str(iri)) for iri in recipients],
        }

    def _stated(self, doc: URIRef) -> list[Row]:
        """The first :data:`MAX_STATED` statements (by stating graph) in which ``doc`` is the citing document,
        with their evidence; kept until the next write, since finding them reads every statement of ``doc`` (a
        decree that thousands of texts restate as guiding a law is in the lineage of each of them)."""
        kept = self._now().stated
        rows = kept.get(str(doc))
        if rows is None:
            rows = facts.citations(self.store, doc, "citing", limit=MAX_STATED)
            if len(kept) >= _STATED_KEPT:
                kept.clear()
            kept[str(doc)] = rows
        return rows

    def _known(self, key: str) -> None:
        if key not in self.graph:
            raise NotFound(key)

    def _other(self, row: Row) -> dict[str, Any]:
        return self.document_summary(self.iris.key_of(str(row["other"])) or str(row["other"]))

    def _campaign_key(self, row: Row) -> str:
        return str(row["campaign"]).removeprefix(f"{self.iris.base}campaign/")

    @staticmethod
    def _relation(row: Row) -> str:
        return _RELATION.get(str(row["rel"]), "cites")

    # --- lineage --------------------------------------------------------------------------------

    def related(self, key: str, way: lin.Direction, transitive: bool = False,
                relations: Collection[str] | None = None, limit: int | None = RELATED_PAGE,
                offset: int = 0) -> dict[str, Any]:
        """Documents below ``key`` (``down``: those carrying it out) or above it (``up``: what it acts under),
        nearest first (then by key): ``limit`` of them from ``offset`` (None: all), and their ``count`` in all.

        Each item has its ``depth`` (citations away), the ``relation`` of its link toward ``key`` and ``via``:
        every document of the answer (or ``key`` itself) it links to directly, so a letter that cites a law and
        also implements a directive based on that law shows both ways.
        """
        self._known(key)
        relations = DESCENT if relations is None else relations
        found = lin.related(self.graph, key, way, None if transitive else 1, relations)
        reached = {key, *found}
        ordered = sorted(found.items(), key=lambda kv: (kv[1], kv[0]))
        items = []
        for other, depth in ordered[offset:None if limit is None else offset + limit]:
            links = self._links(other, way, relations, reached)
            nearest = [rel for k, rel in links if found.get(k, 0) == depth - 1]
            items.append(self.document_summary(other) | {"depth": depth, "relation": nearest[0] if nearest else None,
                                                         "via": [k for k, _ in links]})
        return {"items": items, "count": len(found)}

    def _links(self, node: str, way: str, relations: Collection[str], among: set[str]) -> list[tuple[str, str]]:
        """(document, relation) for each link of ``node`` toward the start of a walk, within ``among`` (looked up
        from the smaller side: a law cited by thousands has few of them among a walk's documents)."""
        links = self.graph.pred[node] if way == "up" else self.graph.succ[node]
        found = links.items() if len(links) <= len(among) else ((o, links[o]) for o in among if o in links)
        return sorted((other, str(data["relation"])) for other, data in found
                      if data["relation"] in relations and other in among)

    def lineage(self, key: str, direction: lin.Direction = "up", depth: int = 3,
                relations: Collection[str] | None = None) -> lin.CitationGraph:
        self._known(key)
        return lin.lineage(self.graph, key, direction, depth, relations)

    def node_link(self, sub: lin.CitationGraph) -> dict[str, Any]:
        """Node-link JSON of a subgraph: documents with their drawing ``level``, links with their evidence."""
        level = levels(sub)
        nodes = [self.document_summary(k) | {"level": level[k]} for k in sorted(sub)]
        evidence = self._edge_evidence(sub)
        links = [{"source": a, "target": b, "relation": d["relation"], "evidence": evidence.get((a, b), [])}
                 for a, b, d in sorted(sub.edges(data=True))]
        return {"nodes": nodes, "links": links}

    def _edge_evidence(self, sub: lin.CitationGraph) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Up to three sentences for each link: the citing document's own first, then other documents' that
        state the relation (a decree 'guiding' a law is said so by many)."""
        out: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for key in sorted(sub):
            wanted = set(sub.successors(key))
            if not wanted:
                continue
            doc = self.iris.document(key)
            linked = {self.iris.document(k) for k in wanted}  # only their evidence is read
            own = facts.citations(self.store, doc, "citing", graph=str(self.iris.graph(key)), evidence_of=linked)
            for row in [*own, *self._stated(doc)]:
                other = self.iris.key_of(str(row.get("other")))
                found = out.setdefault((key, other), []) if other in wanted else None
                if found is not None and len(found) < 3 and not any(e["start"] == int(str(row["start"])) and
                                                                     e["source"] == _text(row, "file") for e in found):
                    found.append(_evidence(row) | {"relation": self._relation(row)})
        return out

    def path(self, source: str, target: str) -> dict[str, Any]:
        """The citation chain between two documents: ``found``, its documents and its links."""
        self._known(source)
        self._known(target)
        keys = lin.citation_path(self.graph, source, target)
        if keys is None:
            return {"found": False, "nodes": [], "links": []}
        sub: lin.CitationGraph = nx.DiGraph()
        for key in keys:
            sub.add_node(key, **self.graph.nodes[key])
        for a, b in itertools.pairwise(keys):
            a, b = (a, b) if self.graph.has_edge(a, b) else (b, a)
            sub.add_edge(a, b, **self.graph.edges[a, b])
        answer = self.node_link(sub)
        order = {k: i for i, k in enumerate(keys)}
        answer["nodes"].sort(key=lambda n: order[n["key"]])
        return {"found": True, **answer}

    # --- campaigns ------------------------------------------------------------------------------

    def campaigns(self) -> dict[str, Any]:
        """Every campaign: how many documents mention it, in which scopes, who launched it."""
        found = self._aggregates.campaigns()
        return {"items": [self._campaign_summary(key, found[key]) for key in sorted(found)]}

    def campaign(self, key: str) -> dict[str, Any]:
        rows = self._campaign_rows(self.iris.campaign(key)).get(key)
        if not rows:
            raise NotFound(key)
        mentions: list[dict[str, Any]] = sorted(
            ({"document": self.document_summary(str(r["docKey"])), "relation": self._relation(r),
              "period": _text(r, "period"), "evidence": _evidence(r)} for r in rows),
            key=lambda m: (m["document"]["key"], m["evidence"]["start"]))
        return self._campaign(key, rows) | {"mentions": mentions}

    def _campaign_rows(self, campaign: URIRef | None = None) -> dict[str, list[Row]]:
        rows: dict[str, list[Row]] = {}
        for row in facts.campaign_mentions(self.store, campaign=campaign):
            rows.setdefault(self._campaign_key(row), []).append(row)
        return rows

    def _campaign(self, key: str, rows: list[Row]) -> dict[str, Any]:
        return self._campaign_summary(key, Campaign.of(rows))

    def _campaign_summary(self, key: str, campaign: Campaign) -> dict[str, Any]:
        scopes = sorted({s for k in campaign.documents if (s := self.document_summary(k)["scope"])})
        return {"key": key, "name": campaign.name, "documents": len(campaign.documents), "scopes": scopes,
                "launched_by": [self.document_summary(k) for k in campaign.launchers]}

    # --- agencies and tasks ---------------------------------------------------------------------

    def agency(self, iri: str) -> dict[str, Any]:
        return self._agencies.get(iri) or {"key": iri, "name": None, "scope": None}

    def agency_iri(self, key: str) -> str:
        iri = str(self.iris.agency(key))
        if iri not in self._agencies:
            raise NotFound(key)
        return iri

    def agencies(self, scope: str | None = None) -> dict[str, Any]:
        """Agencies (of one province, or all), with the number of tasks each leads or takes part in."""
        counts = self._aggregates.task_counts()
        wanted = scope_slug(scope) if scope else None
        items = [agency | {"tasks": counts.get(iri, 0)} for iri, agency in self._agencies.items()
                 if wanted is None or agency["key"].split("/", 1)[0] == wanted]
        items.sort(key=lambda a: (-a["tasks"], a["key"]))
        return {"items": items, "count": len(items)}

    def agency_tasks(self, key: str, due_before: dt.date | None = None,
                     due_after: dt.date | None = None) -> dict[str, Any]:
        """The tasks an agency leads or takes part in, by due date; a month is due on its last day."""
        iri = self.agency_iri(key)
        items = []
        for row in facts.tasks_of_agency(self.store, URIRef(iri)):
            task = self._task(row) | {"role": str(row["role"]), "document": self.document_summary(str(row["docKey"]))}
            if _due_between(task, due_before, due_after):
                items.append(task)
        items.sort(key=_task_order)
        return {"agency": self._agencies[iri], "items": items, "count": len(items)}

    def tasks(self, scope: str | None = None, due_before: dt.date | None = None,
              due_after: dt.date | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        """Tasks of every document (of one province), by due date: found through the index of due dates
        (:class:`graph.indexes.TaskIndex`), only the page's tasks read in full."""
        wanted = scope_slug(scope) if scope else None
        page, count = self._tasks_index.page(wanted, due_after, due_before, offset, min(limit, MAX_LIMIT))
        items = []
        for member in page:
            row = facts.task(self.store, member.task, member.graph)
            if row is not None:
                items.append(self._task(row) | {"document": self.document_summary(str(row["docKey"]))})
        return {"items": items, "count": count}

    def _task(self, row: Row) -> dict[str, Any]:
        due = due_date(row.get("due"))
        return {"text": _text(row, "text"), "due": _text(row, "dueText"), "due_by": due.isoformat() if due else None,
                "evidence": _evidence(row)}

    def _tasks(self, rows: Iterable[Row]) -> list[dict[str, Any]]:
        """One entry per task with its lead and partner agencies."""
        tasks: dict[str, dict[str, Any]] = {}
        for row in rows:
            task = tasks.setdefault(str(row["c"]), self._task(row) | {"lead": [], "partners": []})
            if "agency" in row:
                task["lead" if str(row["role"]) == "lead" else "partners"].append(self.agency(str(row["agency"])))
        for task in tasks.values():
            task["lead"].sort(key=lambda a: a["key"])
            task["partners"].sort(key=lambda a: a["key"])
        return _by_start(list(tasks.values()))

    # --- the corpus as a whole ------------------------------------------------------------------

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts, the most-cited documents, directives nothing implements yet, and stubs worth adding (worked out
        once per state of the store: kept until the next write)."""
        state = self._now()
        answer = state.stats.get(top)
        if answer is None:
            answer = state.stats[top] = self._stats_of(state.graph, state.agencies.found, state.aggregates, top)
        return copy.deepcopy(answer)

    def _stats_of(self, g: lin.CitationGraph, agencies: dict[str, Any], aggregates: Aggregates,
                  top: int) -> dict[str, Any]:
        own = [k for k, d in g.nodes(data=True) if not d["stub"]]
        implemented = {b for a, b, d in g.edges(data=True) if d["relation"] in ("implements", "guides")}
        orphans = heapq.nsmallest(top, (k for k in own if g.nodes[k]["type"] in _INSTRUCTIONS and k not in implemented),
                                  key=lambda k: (-(g.nodes[k]["year"] or 0), k))
        stubs = [k for k, d in g.nodes(data=True) if d["stub"]]
        worth = heapq.nsmallest(top, stubs, key=lambda k: (-g.in_degree(k), k))
        return {
            "counts": {"documents": len(own), "stubs": len(stubs), "citations": g.number_of_edges(),
                       "campaigns": len(aggregates.campaigns()), "agencies": len(agencies),
                       "quads": aggregates.quads()},
            "most_cited": [self.document_summary(k) | {"cited_by": n} for k, n in lin.most_cited(g, top) if n],
            "orphan_directives": [self.document_summary(k) for k in orphans],
            "stubs": [self.document_summary(k) | {"cited_by": g.in_degree(k)} for k in worth],
        }

    def validation(self) -> dict[str, Any]:
        """The SHACL report of the stored graphs (computed once per state of the store)."""
        with self._lock:
            if self._validation is None:
                self._validation = _summary(validate_store(self.store))
            return self._validation


def _first_per_link(rows: list[Row]) -> list[Row]:
    """One row per (cited document, relation): the first, so the document's own statement wins."""
    seen: set[tuple[str, str]] = set()
    out = []
    for row in rows:
        link = (str(row.get("other")), str(row.get("rel")))
        if link not in seen:
            seen.add(link)
            out.append(row)
    return out


def _type_name(asked: str) -> str:
    """A document type as the user writes it: 'chi thi', 'Chỉ thị' or the code 'CT'."""
    return fold(TYPE_BY_CODE.get(asked.strip().upper(), asked.strip()))


def _has_words(data: dict[str, Any], words: list[str]) -> bool:
    title = squash(data["title"] or "")
    return all(w in title for w in words)


def _by_start(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda i: (i["evidence"]["source"] or "", i["evidence"]["start"], i["evidence"]["end"]))


def _due_between(task: dict[str, Any], before: dt.date | None, after: dt.date | None) -> bool:
    if before is None and after is None:
        return True
    due = task["due_by"]
    return due is not None and (before is None or due <= before.isoformat()) and (
        after is None or due >= after.isoformat())


def _task_order(task: dict[str, Any]) -> tuple[str, str, int]:
    return task["due_by"] or "9999", task["evidence"]["source"] or "", task["evidence"]["start"]


def _summary(reports: list[tuple[str, Any]]) -> dict[str, Any]:
    findings = [{"document": key, "severity": f.severity, "focus": f.focus, "path": f.path, "shape": f.shape,
                 "message": {"vi": f.vi, "en": f.en}} for key, report in reports for f in report.findings]
    violations = sum(1 for f in findings if f["severity"] == "Violation")
    return {"conforms": violations == 0, "documents": len(reports), "violations": violations,
            "warnings": len(findings) - violations, "findings": findings}

