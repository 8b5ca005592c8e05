"""Whole-store reads for an engine that joins in Python (rdflib's SPARQL evaluator): one index scan per property,
joined here graph by graph, with the rows the queries of :mod:`graph.indexes` give.

On rdflib these take seconds where the queries took minutes (10,000 documents); on Oxigraph and SPARQL servers the
engine joins faster than Python can read the quads, so the queries are kept there (:func:`rows` chooses).
``tests/test_queries_scale.py`` checks that both give the same rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import product

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, SKOS
from rdflib.term import Node

from graph.namespaces import LDO
from graph.store import Store

__all__ = ["Row", "Scan", "agency_graphs", "campaign_rows", "due_values", "rows", "stub_marks", "task_counts",
           "tasks_per_graph"]

Row = dict[str, Node]
Scan = Callable[[Store], Iterable[Row]]


def rows(store: Store, query: str, scan: Scan) -> Iterable[Row]:
    """The rows of ``query``, asked of the engine when it joins natively, else read by ``scan``."""
    return store.select(query) if store.backend.joins_natively else scan(store)


def due_values(store: Store) -> Iterator[Row]:
    """``SELECT DISTINCT ?due`` of every ``ldo:due``."""
    return ({"due": value} for value in {o for _, o, _ in store.pairs(LDO.due)})


def tasks_per_graph(store: Store) -> Iterator[Row]:
    """``?g (COUNT(DISTINCT ?t) AS ?n)`` of the tasks typed in each graph."""
    counts = Counter(g for _, g in set(store.subjects(RDF.type, LDO.Task)))
    return ({"g": URIRef(g), "n": Literal(n)} for g, n in counts.items())


def task_counts(store: Store) -> Iterator[Row]:
    """``?agency (COUNT(DISTINCT ?task) AS ?n)`` of the tasks an agency leads or takes part in."""
    tasks: dict[Node, set[Node]] = {}
    for role in (LDO.lead, LDO.partner):
        for task, agency, _ in store.pairs(role):
            tasks.setdefault(agency, set()).add(task)
    return ({"agency": agency, "n": Literal(len(found))} for agency, found in tasks.items())


def stub_marks(store: Store) -> list[Row]:
    """``(COUNT(*) AS ?n)`` of the ``rdf:type ldo:Stub`` statements."""
    return [{"n": Literal(sum(1 for _ in store.subjects(RDF.type, LDO.Stub)))}]


def agency_graphs(store: Store) -> Iterator[Row]:
    """``?agency (MIN(STR(?g)) AS ?first)``: the first graph that types an agency and gives its key."""
    organizations = set(store.subjects(RDF.type, ORG.Organization))
    firsts: dict[Node, str] = {}
    for s, _, g in store.pairs(LDO.key):
        if (s, g) in organizations and (s not in firsts or g < firsts[s]):
            firsts[s] = g
    return ({"agency": agency, "first": Literal(g)} for agency, g in firsts.items())


def campaign_rows(store: Store) -> list[Row]:
    """``DISTINCT ?campaign ?name ?docKey ?rel`` of each campaign mention whose graph names the campaign and keys
    the mentioning document (``?rel`` optional)."""
    mentions = set(store.subjects(RDF.type, LDO.CampaignMention))
    campaign, document, relation = (store.by_subject(p, mentions)
                                    for p in (LDO.campaign, LDO.document, LDO.relation))
    labels, keys = store.by_subject(SKOS.prefLabel), store.by_subject(LDO.key)
    found: set[tuple[Node, Node, Node, Node | None]] = set()
    for m, g in mentions:
        for c, d in product(campaign.get((m, g), ()), document.get((m, g), ())):
            rels: list[Node | None] = [*relation.get((m, g), ())] or [None]
            found.update(product([c], labels.get((c, g), ()), keys.get((d, g), ()), rels))
    return [{"campaign": c, "name": name, "docKey": key, **({"rel": rel} if rel is not None else {})}
            for c, name, key, rel in found]
