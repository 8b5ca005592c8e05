"""What the benchmark asks: the same questions at the store level (:class:`graph.queries.Queries`, "raw
engine"), as SPARQL through the store's ``select``, and as routes of the query API.

Each question rotates over a fixed sample of documents (call ``i`` asks about document ``i mod n``), so the three
ways of asking, and the baseline store, get the same questions in the same order.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import statistics
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from rdflib import Literal

from graph.keys import Iris
from graph.namespaces import ELI, LDO
from graph.queries import Queries
from graph.store import Store

__all__ = ["HTTP_ROUTES", "QUERIES", "Inputs", "api_urls", "choose_inputs", "sparql_queries", "store_queries"]

# The questions, in the order they are reported.
QUERIES = (
    "document by number",
    "document detail (references)",
    "references (direct)",
    "implemented-by (transitive)",
    "implemented-by top law (transitive)",
    "lineage depth 3 (up)",
    "citation path to top law",
    "tasks due in a month",
    "most cited (stats)",
)
# The routes the HTTP load rotates over: the interactive ones (the whole-corpus answers would only measure
# themselves).
HTTP_ROUTES = ("document by number", "document detail (references)", "lineage depth 3 (up)",
               "citation path to top law")
SPARQL = "sparql: "
_PREFIXES = f"PREFIX eli: <{ELI}>\nPREFIX ldo: <{LDO}>\n"

Call = Callable[[int], object]


@dataclass(frozen=True, slots=True)
class Inputs:
    """The documents and values the questions are about."""

    documents: tuple[str, ...]  # keys of numbered corpus documents
    numbers: tuple[str, ...]  # their số ký hiệu
    citing: tuple[str, ...]  # keys of corpus documents that cite something
    top: str  # the most-cited document
    month: tuple[int, int]  # (year, month) of the tasks-due question
    cited: tuple[str, ...] = ()  # keys of corpus documents that something cites (the top one left out)

    def document(self, i: int) -> str:
        return self.documents[i % len(self.documents)]

    def number(self, i: int) -> str:
        return self.numbers[i % len(self.numbers)]

    def cited_from(self, i: int) -> str:
        return self.citing[i % len(self.citing)]

    def cited_one(self, i: int) -> str:
        return self.cited[i % len(self.cited)] if self.cited else self.top

    @property
    def due_after(self) -> dt.date:
        return dt.date(self.month[0], self.month[1], 1)

    @property
    def due_before(self) -> dt.date:
        year, month = self.month
        return dt.date(year, month, calendar.monthrange(year, month)[1])


def choose_inputs(queries: Queries, seed: int, sources: Collection[str] | None = None, size: int = 50) -> Inputs:
    """A sample of ``size`` documents read from ``sources`` (file names; all when None), and the most-cited
    document of the whole graph."""
    g = queries.graph
    own = sorted(k for k, d in g.nodes(data=True)
                 if not d["stub"] and d["number"] and (sources is None or d.get("source") in sources))
    if not own:
        raise ValueError("no numbered document in the store / kho không có văn bản nào có số")
    rng = random.Random(seed)
    documents = tuple(rng.sample(own, min(size, len(own))))
    citing = [k for k in own if g.out_degree(k)] or own
    top = max(sorted(g.nodes), key=g.in_degree)
    year = int(statistics.median(g.nodes[k]["year"] or 2024 for k in own))
    cited = [k for k in own if g.in_degree(k) and k != top]
    return Inputs(documents, tuple(g.nodes[k]["number"] for k in documents),
                  tuple(rng.sample(citing, min(size, len(citing)))), top, (year, 6),
                  tuple(rng.sample(cited, min(size, len(cited)))))


def store_queries(queries: Queries, inputs: Inputs) -> dict[str, Call]:
    """The questions at the store level: the methods of :class:`Queries` the API's routes call."""
    q = queries
    return {
        "document by number": lambda i: q.documents(number=inputs.number(i)),
        "document detail (references)": lambda i: q.document(inputs.document(i)),
        "references (direct)": lambda i: q.related(inputs.cited_from(i), "up"),
        "implemented-by (transitive)": lambda i: q.related(inputs.cited_one(i), "down", transitive=True),
        "implemented-by top law (transitive)": lambda i: q.related(inputs.top, "down", transitive=True),
        "lineage depth 3 (up)": lambda i: q.node_link(q.lineage(inputs.cited_from(i), "up", 3)),
        "citation path to top law": lambda i: q.path(inputs.cited_from(i), inputs.top),
        "tasks due in a month": lambda i: q.tasks(due_before=inputs.due_before, due_after=inputs.due_after),
        "most cited (stats)": lambda i: q.stats(),
    }


def sparql_texts(iris: Iris, inputs: Inputs) -> dict[str, Callable[[int], str]]:
    """One SPARQL SELECT per question, answering about what the route answers."""

    def doc(key: str) -> str:
        return f"<{iris.document(key)}>"

    top = doc(inputs.top)
    month = f"{inputs.month[0]}-{inputs.month[1]:02d}"
    return {
        "document by number": lambda i: (
            f"SELECT ?d ?key WHERE {{ GRAPH ?g {{ ?d eli:id_local {Literal(inputs.number(i)).n3()} ; "
            "ldo:source ?s ; ldo:key ?key } }"),
        "document detail (references)": lambda i: (
            f"SELECT ?cited ?rel WHERE {{ GRAPH <{iris.graph(inputs.document(i))}> {{ ?c ldo:citing "
            f"{doc(inputs.document(i))} ; ldo:cited ?cited ; ldo:relation ?rel }} }}"),
        "references (direct)": lambda i: f"SELECT DISTINCT ?d WHERE {{ {doc(inputs.cited_from(i))} eli:cites ?d }}",
        "implemented-by (transitive)": lambda i: (
            f"SELECT DISTINCT ?d WHERE {{ ?d eli:cites+ {doc(inputs.cited_one(i))} }}"),
        "implemented-by top law (transitive)": lambda i: f"SELECT DISTINCT ?d WHERE {{ ?d eli:cites+ {top} }}",
        "lineage depth 3 (up)": lambda i: (
            f"SELECT DISTINCT ?a WHERE {{ {{ {doc(inputs.cited_from(i))} eli:cites ?a }} UNION "
            f"{{ {doc(inputs.cited_from(i))} eli:cites/eli:cites ?a }} UNION "
            f"{{ {doc(inputs.cited_from(i))} eli:cites/eli:cites/eli:cites ?a }} }}"),
        "citation path to top law": lambda i: (
            f"SELECT ?next WHERE {{ {doc(inputs.cited_from(i))} eli:cites ?next . ?next eli:cites* {top} }} LIMIT 1"),
        "tasks due in a month": lambda i: (
            f'SELECT ?t ?due WHERE {{ ?t a ldo:Task ; ldo:due ?due . FILTER (STRSTARTS(STR(?due), "{month}")) }}'),
        "most cited (stats)": lambda i: (
            "SELECT ?d (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s eli:cites ?d } GROUP BY ?d ORDER BY DESC(?n) LIMIT 20"),
    }


def sparql_queries(store: Store, inputs: Inputs) -> dict[str, Call]:
    """The SPARQL questions through the store's ``select`` (all rows read)."""
    def ask(text: Callable[[int], str]) -> Call:
        return lambda i: list(store.select(_PREFIXES + text(i)))

    return {SPARQL + name: ask(text) for name, text in sparql_texts(store.iris, inputs).items()}


def api_urls(iris: Iris, inputs: Inputs) -> dict[str, Callable[[int], str]]:
    """The questions as URLs of the query API (and of its SPARQL endpoint)."""
    def key(k: str) -> str:
        return quote(k, safe="/")

    due = urlencode({"due_after": inputs.due_after.isoformat(), "due_before": inputs.due_before.isoformat()})
    urls: dict[str, Callable[[int], str]] = {
        "document by number": lambda i: "/api/documents?" + urlencode({"number": inputs.number(i)}),
        "document detail (references)": lambda i: f"/api/documents/{key(inputs.document(i))}",
        "references (direct)": lambda i: f"/api/documents/{key(inputs.cited_from(i))}/implements",
        "implemented-by (transitive)": lambda i: f"/api/documents/{key(inputs.cited_one(i))}/implemented-by"
                                                 "?transitive=true",
        "implemented-by top law (transitive)": lambda i: f"/api/documents/{key(inputs.top)}/implemented-by"
                                                         "?transitive=true",
        "lineage depth 3 (up)": lambda i: f"/api/documents/{key(inputs.cited_from(i))}/lineage?direction=up&depth=3",
        "citation path to top law": lambda i: "/api/path?" + urlencode({"from": inputs.cited_from(i),
                                                                         "to": inputs.top}),
        "tasks due in a month": lambda i: f"/api/tasks?{due}",
        "most cited (stats)": lambda i: "/api/stats",
    }
    def endpoint(text: Callable[[int], str]) -> Callable[[int], str]:
        return lambda i: "/sparql?" + urlencode({"query": _PREFIXES + text(i)})

    return urls | {SPARQL + name: endpoint(text) for name, text in sparql_texts(iris, inputs).items()}


def check_answer(name: str) -> Callable[[tuple[int, bytes]], None]:
    """A check that an API answer is a success (a benchmark of error pages would measure nothing)."""
    def check(answer: tuple[int, bytes]) -> None:
        status, body = answer
        if status != 200:
            raise RuntimeError(f"{name}: HTTP {status}: {body[:300]!r}")
    return check
