"""What the whole-corpus questions of the query API read, kept between writes: tasks by due date, and the
figures of ``/api/stats``, ``/api/campaigns`` and ``/api/agencies``.

The store answers a lookup of one value from its indexes, but a question over the whole corpus read every
document on each request: "the tasks due in June" took 62 s at 10,000 documents (every task described), the
statistics 26 s (every campaign mention described, every quad counted). Here:

- the due values of the store are listed once (the engine keeps them distinct: 84 at 10,000 documents); the tasks
  of each due value in the range asked for are found by the store's index on that value and kept, the start of a
  task's evidence (its order within a day and file) is read only for the tasks near the page, and only the page's
  tasks are read in full;
- the counts (quads, campaigns, the agencies' tasks) and the agencies are read with one query each, joined and
  grouped by the engine rather than by lookups from Python, and kept.

Everything here is read when a question first needs it (the counts also when a snapshot is written,
:mod:`graph.snapshot`, which keeps them), brought up to date when one document is added
(:meth:`TaskIndex.add_graph` and :meth:`Aggregates.add_graph`, from :meth:`graph.queries.Queries.refresh` with
the document's key), and dropped after any other change (a new :class:`TaskIndex` and :class:`Aggregates`).

It relies on what :mod:`graph.rdf` writes: a task is described, with at most one due value, in the graph of the
document that assigns it, and its evidence is that document's file; a campaign mention is in the graph of the
document that mentions it. ``tests/test_queries_scale.py`` checks that the answers are those of the plain
reading, on the seeds and on generated corpora.

>>> from graph.store import Store
>>> TaskIndex(Store(), lambda key: "").page(None, None, None, 0, 10)
([], 0)
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, SKOS, Graph, URIRef
from rdflib.namespace import ORG
from rdflib.term import Node

from graph import facts, scans
from graph.namespaces import LDO
from graph.store import Store

__all__ = ["Aggregates", "Campaign", "Member", "TaskIndex", "agencies", "due_date"]


def due_date(value: Node | None) -> dt.date | None:
    """The last day a task may be done: a date as it is, a month (xsd:gYearMonth) at its last day.

    >>> from rdflib import Literal
    >>> due_date(Literal("2024-03", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")))
    datetime.date(2024, 3, 31)
    """
    if value is None:
        return None
    text = str(value)
    try:
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None

_DUE_VALUES = f"""PREFIX ldo: <{LDO._NS}>
SELECT DISTINCT ?due WHERE {{ GRAPH ?g {{ ?t ldo:due ?due }} }}"""

_TASKS_PER_GRAPH = f"""PREFIX ldo: <{LDO._NS}> PREFIX rdf: <{RDF._NS}>
SELECT ?g (COUNT(DISTINCT ?t) AS ?n) WHERE {{ GRAPH ?g {{ ?t rdf:type ldo:Task }} }} GROUP BY ?g"""

# The rows of Queries.campaigns: one per campaign, name, mentioning document and relation (a mention counts when
# its graph names the campaign and gives the document's key, as facts.campaign_mentions requires).
_CAMPAIGN_ROWS = f"""PREFIX ldo: <{LDO._NS}> PREFIX rdf: <{RDF._NS}> PREFIX skos: <{SKOS._NS}>
SELECT DISTINCT ?campaign ?name ?docKey ?rel WHERE {{ GRAPH ?g {{
  ?m rdf:type ldo:CampaignMention ; ldo:campaign ?campaign ; ldo:document ?d .
  ?campaign skos:prefLabel ?name . ?d ldo:key ?docKey OPTIONAL {{ ?m ldo:relation ?rel }} }} }}"""

# The first graph (in the order of their names) that gives each agency its key: where its name and scope are read.
_AGENCY_GRAPHS = f"""PREFIX ldo: <{LDO._NS}> PREFIX rdf: <{RDF._NS}> PREFIX org: <{ORG._NS}>
SELECT ?agency (MIN(STR(?g)) AS ?first) WHERE {{ GRAPH ?g {{ ?agency rdf:type org:Organization ; ldo:key ?key }} }}
GROUP BY ?agency"""

# Agency -> the tasks it leads or takes part in (as graph.facts.task_counts counts them: distinct tasks).
_TASK_COUNTS = f"""PREFIX ldo: <{LDO._NS}>
SELECT ?agency (COUNT(DISTINCT ?task) AS ?n) WHERE {{ GRAPH ?g {{ ?task ?role ?agency
  VALUES ?role {{ ldo:lead ldo:partner }} }} }} GROUP BY ?agency"""

_COUNT_STUB_MARKS = f"""PREFIX ldo: <{LDO._NS}> PREFIX rdf: <{RDF._NS}>
SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?d rdf:type ldo:Stub }} }}"""


def agencies(store: Store) -> dict[str, facts.Row]:
    """:func:`graph.facts.agencies` of the whole store: the first graph of each agency found by the engine (one
    query), then what that graph says of it (one lookup each), not every graph's description read."""
    firsts = {str(r["agency"]): str(r["first"]) for r in scans.rows(store, _AGENCY_GRAPHS, scans.agency_graphs)
              if isinstance(r.get("agency"), URIRef) and "first" in r}
    out: dict[str, facts.Row] = {}
    for iri in sorted(firsts):
        if (row := facts.agency(store, URIRef(iri), firsts[iri])) is not None:
            out[iri] = row
    return out


@dataclass(frozen=True, slots=True)
class Member:
    """A task as the index holds it: where it is and which document assigns it (the document of its graph)."""

    task: URIRef
    graph: str
    key: str

    @property
    def scope(self) -> str:
        return self.key.split("/", 1)[0]


class TaskIndex:
    """Tasks by due date for :meth:`graph.queries.Queries.tasks`: which tasks a page holds, and how many match.

    ``file_of`` gives the file a document was read from (the second sort key of tasks, after the due date);
    the third is the start of the task's evidence in that file, read only for the tasks near the page asked for.
    """

    def __init__(self, store: Store, file_of: Callable[[str], str]) -> None:
        self.store = store
        self.file_of = file_of
        self._prefix = f"{store.iris.base}graph/"
        self._lock = threading.Lock()
        self._dues: list[tuple[str, tuple[Node, ...]]] | None = None  # due day (ISO) -> its due values, by day
        self._undated_values: tuple[Node, ...] = ()  # due values that are no date (left with the undated tasks)
        self._groups: dict[Node, tuple[Member, ...]] = {}  # due value -> its tasks
        self._starts: dict[tuple[URIRef, str], int] = {}
        self._per_graph: dict[str, int] | None = None  # graph -> number of tasks

    # --- reading, once per state of the store ---------------------------------------------------------------

    def _due_days(self) -> list[tuple[str, tuple[Node, ...]]]:
        if self._dues is None:
            with self._lock:
                if self._dues is None:
                    found = scans.rows(self.store, _DUE_VALUES, scans.due_values)
                    self._set_dues(row["due"] for row in found if "due" in row)
        assert self._dues is not None
        return self._dues

    def _set_dues(self, values: Iterable[Node]) -> None:
        by_day: dict[str, set[Node]] = {}
        undated: set[Node] = set(self._undated_values)
        for value in values:
            day = due_date(value)
            if day is None:
                undated.add(value)
            else:
                by_day.setdefault(day.isoformat(), set()).add(value)
        self._undated_values = tuple(sorted(undated, key=str))
        self._dues = [(day, tuple(sorted(found, key=str))) for day, found in sorted(by_day.items())]

    def _group(self, value: Node) -> tuple[Member, ...]:
        found = self._groups.get(value)
        if found is None:
            members = []
            for task, graph in self.store.stating(LDO.due, value):
                if graph.startswith(self._prefix):
                    members.append(Member(task, graph, graph[len(self._prefix):]))
            found = self._groups[value] = tuple(members)
        return found

    def _tasks_per_graph(self) -> dict[str, int]:
        if self._per_graph is None:
            with self._lock:
                if self._per_graph is None:
                    found = scans.rows(self.store, _TASKS_PER_GRAPH, scans.tasks_per_graph)
                    self._per_graph = {str(row["g"]): int(str(row["n"])) for row in found
                                       if str(row.get("g", "")).startswith(self._prefix)}
        return self._per_graph

    def _start(self, member: Member) -> int:
        place = (member.task, member.graph)
        start = self._starts.get(place)
        if start is None:
            start = self._starts[place] = facts.task_start(self.store, member.task, member.graph)
        return start

    # --- a page -------------------------------------------------------------------------------------------

    def page(self, scope: str | None, due_after: dt.date | None, due_before: dt.date | None, offset: int,
             limit: int) -> tuple[list[Member], int]:
        """The tasks at ``offset`` … ``offset + limit`` in the order of :meth:`Queries.tasks` (due day, file,
        start; tasks without a due day last, when no bound is given), and how many match in all."""
        bounded = due_after is not None or due_before is not None
        low = due_after.isoformat() if due_after else ""
        high = due_before.isoformat() if due_before else "9999-99-99"
        days = self._due_days()
        first = bisect.bisect_left(days, (low,))
        runs: list[list[Member]] = []
        for day, values in days[first:]:
            if day > high:
                break
            members = [m for v in values for m in self._group(v) if scope is None or m.scope == scope]
            if members:
                runs.append(members)
        count = sum(len(run) for run in runs)
        page: list[Member] = []
        position = 0
        for run in runs:
            position = self._take(run, offset, limit, position, page)
        if not bounded:
            undated, dated = self._undated(scope)
            count += sum(n for _, n in undated)
            if len(page) < limit:
                self._take_undated(undated, dated, offset, limit, position, page)
        return page, count

    def _take(self, run: list[Member], offset: int, limit: int, position: int, page: list[Member]) -> int:
        """Add to ``page`` the members of ``run`` (one due day) that fall in the page; the position after it."""
        end = position + len(run)
        if end <= offset or len(page) >= limit:
            return end
        by_file: dict[str, list[Member]] = {}
        for member in run:
            by_file.setdefault(self.file_of(member.key), []).append(member)
        for file in sorted(by_file):
            members = by_file[file]
            if position + len(members) > offset and len(page) < limit:
                members.sort(key=lambda m: (self._start(m), m.task, m.graph))
                skip = max(0, offset - position)
                page.extend(members[skip:skip + limit - len(page)])
            position += len(members)
        return end

    def _undated(self, scope: str | None) -> tuple[list[tuple[str, int]], set[tuple[URIRef, str]]]:
        """(graph, how many of its tasks have no due day) for the graphs of ``scope``, by file; and the tasks that
        have one."""
        dated: set[tuple[URIRef, str]] = set()
        per_graph: dict[str, int] = {}
        for _, values in self._due_days():
            for value in values:
                for member in self._group(value):
                    dated.add((member.task, member.graph))
                    per_graph[member.graph] = per_graph.get(member.graph, 0) + 1
        found = []
        for graph, n in self._tasks_per_graph().items():
            key = graph[len(self._prefix):]
            if (scope is None or key.split("/", 1)[0] == scope) and n > per_graph.get(graph, 0):
                found.append((self.file_of(key), graph, n - per_graph.get(graph, 0)))
        found.sort()
        return [(graph, n) for _, graph, n in found], dated

    def _take_undated(self, undated: list[tuple[str, int]], dated: set[tuple[URIRef, str]], offset: int, limit: int,
                      position: int, page: list[Member]) -> None:
        by_file: dict[str, list[tuple[str, int]]] = {}
        for graph, n in undated:
            by_file.setdefault(self.file_of(graph[len(self._prefix):]), []).append((graph, n))
        for file in sorted(by_file):
            graphs = by_file[file]
            n = sum(k for _, k in graphs)
            if position + n > offset and len(page) < limit:
                members = [m for graph, _ in graphs for m in self._undated_of(graph, dated)]
                members.sort(key=lambda m: (self._start(m), m.task, m.graph))
                skip = max(0, offset - position)
                page.extend(members[skip:skip + limit - len(page)])
            position += n
            if len(page) >= limit:
                return

    def _undated_of(self, graph: str, dated: set[tuple[URIRef, str]]) -> list[Member]:
        """The tasks of ``graph`` without a due day."""
        key = graph[len(self._prefix):]
        return [Member(task, graph, key) for task, _ in self.store.stating(RDF.type, LDO.Task, graph)
                if (task, graph) not in dated]

    # --- after a write ------------------------------------------------------------------------------------

    def add_graph(self, graph_iri: str, own: Graph) -> None:
        """The document whose graph ``own`` is (new to the store, nothing else changed) was added."""
        if not graph_iri.startswith(self._prefix):
            return
        key = graph_iri[len(self._prefix):]
        with self._lock:
            added: dict[Node, list[Member]] = {}
            for task, value in own.subject_objects(LDO.due):
                if isinstance(task, URIRef):
                    added.setdefault(value, []).append(Member(task, graph_iri, key))
            for value, members in added.items():
                if value in self._groups:
                    self._groups[value] = tuple(sorted((*self._groups[value], *members),
                                                       key=lambda m: (m.task, m.graph)))
            if self._dues is not None and added:
                known = [v for _, values in self._dues for v in values]
                self._set_dues([*known, *added])
            if self._per_graph is not None:
                tasks = {t for t in own.subjects(RDF.type, LDO.Task) if isinstance(t, URIRef)}
                self._per_graph = {**self._per_graph, graph_iri: len(tasks)} if tasks else self._per_graph


@dataclass(frozen=True, slots=True)
class Campaign:
    """What the list of campaigns says of one: its name (the first, when documents write it differently), the
    documents that mention it and those that launch it (keys, sorted)."""

    name: str
    documents: tuple[str, ...]
    launchers: tuple[str, ...]

    @classmethod
    def of(cls, rows: Iterable[facts.Row]) -> Campaign:
        """From rows with ``name``, ``docKey`` and ``rel`` (the mentions of one campaign)."""
        rows = list(rows)
        return cls(min(str(r["name"]) for r in rows), tuple(sorted({str(r["docKey"]) for r in rows})),
                   tuple(sorted({str(r["docKey"]) for r in rows if str(r.get("rel")) == str(LDO.launches)})))

    def merged(self, other: Campaign) -> Campaign:
        return Campaign(min(self.name, other.name), tuple(sorted({*self.documents, *other.documents})),
                        tuple(sorted({*self.launchers, *other.launchers})))


class Aggregates:
    """The whole-corpus figures of :meth:`Queries.stats`, :meth:`Queries.campaigns` and :meth:`Queries.agencies`
    that are not in the citation graph: the quads in the store, the campaigns, the agencies' task counts. Kept in
    the snapshot beside the store with the citation graph (:meth:`export`, :meth:`restore`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._quads: tuple[int, int] | None = None  # quads, stub marks among them
        self._campaigns: dict[str, Campaign] | None = None
        self._task_counts: dict[str, int] | None = None

    def task_counts(self) -> dict[str, int]:
        """Agency IRI -> the number of tasks it leads or takes part in."""
        with self._lock:
            if self._task_counts is None:
                found = scans.rows(self.store, _TASK_COUNTS, scans.task_counts)
                self._task_counts = {str(r["agency"]): int(str(r["n"])) for r in found if "agency" in r and "n" in r}
            return self._task_counts

    def quads(self) -> int:
        with self._lock:
            if self._quads is None:
                self._quads = (len(self.store), self._stub_marks())
            return self._quads[0]

    def _stub_marks(self) -> int:
        rows = list(scans.rows(self.store, _COUNT_STUB_MARKS, scans.stub_marks))
        return int(str(rows[0]["n"])) if rows and "n" in rows[0] else 0

    def campaigns(self) -> dict[str, Campaign]:
        """Campaign key -> what the list of campaigns says of it."""
        with self._lock:
            if self._campaigns is None:
                prefix = f"{self.store.iris.base}campaign/"
                rows: dict[str, list[facts.Row]] = {}
                for row in scans.rows(self.store, _CAMPAIGN_ROWS, scans.campaign_rows):
                    rows.setdefault(str(row["campaign"]).removeprefix(prefix), []).append(row)
                self._campaigns = {key: Campaign.of(found) for key, found in rows.items()}
            return self._campaigns

    def add_graph(self, graph_iri: str, own: Graph, document: URIRef, *, marks: bool = True) -> None:
        """The document ``document``, whose graph ``own`` is, was added (and the stub marks may have changed:
        counted again unless ``marks`` is False, when the caller calls :meth:`count_marks` after a series)."""
        with self._lock:
            if self._quads is not None:
                quads, counted = self._quads
                self._quads = (quads + len(own), counted)
            if self._task_counts is not None:
                pairs = {pair for role in (LDO.lead, LDO.partner) for pair in own.subject_objects(role)}
                counts = dict(self._task_counts)
                for _, agency in pairs:
                    counts[str(agency)] = counts.get(str(agency), 0) + 1
                self._task_counts = counts
            if self._campaigns is not None:
                prefix = f"{self.store.iris.base}campaign/"
                rows: dict[str, list[facts.Row]] = {}
                for row in facts.campaign_mentions(self.store, document=document):
                    rows.setdefault(str(row["campaign"]).removeprefix(prefix), []).append(row)
                if rows:
                    campaigns = dict(self._campaigns)
                    for key, found in rows.items():
                        new = Campaign.of(found)
                        campaigns[key] = campaigns[key].merged(new) if key in campaigns else new
                    self._campaigns = campaigns
        if marks:
            self.count_marks()

    def count_marks(self) -> None:
        """The stub marks counted again, and the quads with them."""
        with self._lock:
            if self._quads is not None:
                quads, counted = self._quads
                now = self._stub_marks()
                self._quads = (quads + now - counted, now)

    def export(self) -> dict[str, Any]:
        """What is known (read, or kept up to date) as JSON-ready data."""
        with self._lock:
            out: dict[str, Any] = {}
            if self._quads is not None:
                out["quads"] = list(self._quads)
            if self._campaigns is not None:
                out["campaigns"] = {k: [c.name, list(c.documents), list(c.launchers)]
                                    for k, c in self._campaigns.items()}
            if self._task_counts is not None:
                out["task_counts"] = self._task_counts
            return out

    def restore(self, data: dict[str, Any]) -> None:
        """What :meth:`export` gave (parts missing or malformed are read again when needed)."""
        with self._lock:
            try:
                quads = data.get("quads")
                if isinstance(quads, list) and len(quads) == 2:
                    self._quads = (int(quads[0]), int(quads[1]))
                found = data.get("campaigns")
                if isinstance(found, dict):
                    self._campaigns = {str(k): Campaign(str(v[0]), tuple(map(str, v[1])), tuple(map(str, v[2])))
                                       for k, v in found.items()}
                counts = data.get("task_counts")
                if isinstance(counts, dict):
                    self._task_counts = {str(k): int(v) for k, v in counts.items()}
            except (TypeError, ValueError, IndexError):
                self._quads, self._campaigns, self._task_counts = None, None, None
