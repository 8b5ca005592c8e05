"""The facts the query API shows, read from the store by index lookups: citations, campaign mentions, tasks,
targets, recipients and agencies, each as a flat row (name -> rdflib term) with its evidence.

No query text is built here, so no value can break out of one, and each lookup costs what its answer holds:
a document cited by thousands is one index range, not a join over the union of all graphs (Oxigraph plans a
SPARQL pattern with a substituted value as if the value were unknown).

>>> from graph.store import Store
>>> citations(Store(), URIRef("https://w3id.org/luocdo/id/doc/vn/2022/06-2022-qh15"), "cited")
[]
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Literal as Choice

from rdflib import RDF, SKOS, Literal, URIRef
from rdflib.namespace import ORG, PROV
from rdflib.term import Node

from graph.namespaces import LDO
from graph.store import Store

__all__ = ["Row", "agencies", "agency", "campaign_mentions", "citations", "count_citations", "document_facts", "task",
           "task_counts", "task_start", "tasks", "tasks_of_agency"]

Row = dict[str, Node]
Facts = dict[URIRef, list[Node]]


def _one(facts: Facts, predicate: URIRef) -> Node | None:
    values = facts.get(predicate)
    return sorted(values, key=str)[0] if values else None


def _put(row: Row, name: str, value: Node | None) -> None:
    if value is not None:
        row[name] = value


def _evidence(store: Store, facts: Facts, graph: str) -> Row:
    """start, end, sentence, mention and file of the evidence a node points to."""
    row: Row = {}
    node = _one(facts, LDO.evidence)
    if not isinstance(node, URIRef):
        return row
    evidence = store.describe(node, graph)
    for name, predicate in (("start", LDO.start), ("end", LDO.end), ("sentence", LDO.sentence),
                            ("mention", LDO.mention)):
        _put(row, name, _one(evidence, predicate))
    source = _one(evidence, PROV.wasDerivedFrom)
    if isinstance(source, URIRef):
        _put(row, "file", _one(store.describe(source, graph), LDO.fileName))
    return row


def _key(store: Store, node: Node | None, graph: str) -> Node | None:
    """The key ``graph`` gives ``node`` (one lookup of that one fact: a document says much of itself)."""
    if not isinstance(node, URIRef):
        return None
    keys = sorted((o for _, _, o, _ in store.backend.quads(node, LDO.key, None, graph)), key=str)
    return keys[0] if keys else None


def citations(store: Store, doc: URIRef, side: Choice["citing", "cited"], *, graph: str | None = None,
              limit: int | None = None, evidence_of: Collection[Node] | None = None) -> list[Row]:
    """The citations in which ``doc`` is the citing (``citing``) or the cited (``cited``) document, in ``graph``
    or every graph that states one (at most ``limit``, by stating graph): ``other``, ``rel``, ``g`` and the
    evidence (only for the ``other`` documents in ``evidence_of``, when given)."""
    rows: list[Row] = []
    other_side = LDO.cited if side == "citing" else LDO.citing
    for citation, in_graph in store.stating(LDO[side], doc, graph):
        if limit is not None and len(rows) >= limit:
            break
        facts = store.describe(citation, in_graph)
        if LDO.Citation not in facts.get(RDF.type, ()):
            continue
        row: Row = {"c": citation, "g": URIRef(in_graph)}
        _put(row, "other", _one(facts, other_side))
        _put(row, "rel", _one(facts, LDO.relation))
        rows.append(row | _evidence(store, facts, in_graph) if evidence_of is None or row.get("other") in evidence_of
                    else row)
    return rows


def count_citations(store: Store, doc: URIRef, side: Choice["citing", "cited"]) -> int:
    """How many citation statements name ``doc`` on ``side`` (without reading them)."""
    return len(store.stating(LDO[side], doc))


def campaign_mentions(store: Store, *, document: URIRef | None = None, campaign: URIRef | None = None
                      ) -> list[Row]:
    """Mentions of campaigns: by one document, of one campaign, or all. Rows: campaign, name, docKey, rel,
    period and the evidence."""
    if document is not None:
        found = store.stating(LDO.document, document)
    elif campaign is not None:
        found = store.stating(LDO.campaign, campaign)
    else:
        found = store.stating(RDF.type, LDO.CampaignMention)
    rows = []
    for mention, graph in found:
        facts = store.describe(mention, graph)
        if LDO.CampaignMention not in facts.get(RDF.type, ()):
            continue
        row: Row = {}
        named = _one(facts, LDO.campaign)
        _put(row, "campaign", named)
        _put(row, "name", _one(store.describe(named, graph), SKOS.prefLabel) if isinstance(named, URIRef) else None)
        _put(row, "docKey", _key(store, _one(facts, LDO.document), graph))
        _put(row, "rel", _one(facts, LDO.relation))
        _put(row, "period", _one(facts, LDO.period))
        if {"campaign", "name", "docKey"} <= set(row):
            rows.append(row | _evidence(store, facts, graph))
    return rows


def _task(store: Store, task: URIRef, graph: str) -> tuple[Row, Facts]:
    facts = store.describe(task, graph)
    row: Row = {"c": task}
    _put(row, "text", _one(facts, LDO.description))
    _put(row, "dueText", _one(facts, LDO.dueText))
    _put(row, "due", _one(facts, LDO.due))
    return row | _evidence(store, facts, graph), facts


def _assigner_key(store: Store, task: URIRef, graph: str) -> Node | None:
    documents = store.stating(LDO.assigns, task, graph)
    return _key(store, documents[0][0], graph) if documents else None


def tasks(store: Store) -> Iterator[Row]:
    """Every task with the key of the document that assigns it."""
    for task_iri, graph in store.stating(RDF.type, LDO.Task):
        row = task(store, task_iri, graph)
        if row is not None:
            yield row


def task(store: Store, task_iri: URIRef, graph: str) -> Row | None:
    """One task (in ``graph``) with the key of the document that assigns it; None if no document does."""
    row, _ = _task(store, task_iri, graph)
    _put(row, "docKey", _assigner_key(store, task_iri, graph))
    return row if "docKey" in row else None


def task_start(store: Store, task_iri: URIRef, graph: str) -> int:
    """Where the evidence of a task starts in its file (-1 without evidence): the order of a document's tasks."""
    evidence = _one(store.describe(task_iri, graph), LDO.evidence)
    start = _one(store.describe(evidence, graph), LDO.start) if isinstance(evidence, URIRef) else None
    return int(str(start)) if start is not None else -1


def tasks_of_agency(store: Store, agency: URIRef) -> list[Row]:
    """The tasks ``agency`` leads (``role`` "lead") or takes part in ("partner"), with the assigner's key."""
    rows = []
    for role, predicate in (("lead", LDO.lead), ("partner", LDO.partner)):
        for task, graph in store.stating(predicate, agency):
            row, _ = _task(store, task, graph)
            _put(row, "docKey", _assigner_key(store, task, graph))
            if "docKey" in row:
                rows.append(row | {"role": Literal(role), "agency": agency})
    return rows


def document_facts(store: Store, doc: URIRef, graph: str) -> tuple[list[Row], list[Row], list[URIRef]]:
    """What a document's own graph assigns and sets: task rows (one per agency and role), target rows, and the
    agencies it is sent or addressed to."""
    own = store.describe(doc, graph)
    task_rows: list[Row] = []
    for task in sorted(t for t in own.get(LDO.assigns, ()) if isinstance(t, URIRef)):
        row, facts = _task(store, task, graph)
        agencies = [(role, a) for role, p in (("lead", LDO.lead), ("partner", LDO.partner))
                    for a in sorted(facts.get(p, ()), key=str)]
        task_rows.extend(row | {"role": Literal(role), "agency": a} for role, a in agencies)
        if not agencies:
            task_rows.append(row)
    target_rows = []
    for target in sorted(t for t in own.get(LDO.setsTarget, ()) if isinstance(t, URIRef)):
        facts = store.describe(target, graph)
        found: Row = {}
        for name, predicate in (("indicator", LDO.indicator), ("comparator", LDO.comparator),
                                ("value", LDO.value), ("unit", LDO.unit)):
            _put(found, name, _one(facts, predicate))
        target_rows.append(found | _evidence(store, facts, graph))
    recipients = sorted({a for p in (LDO.recipient, LDO.addressee) for a in own.get(p, ()) if isinstance(a, URIRef)})
    return task_rows, target_rows, recipients


def task_counts(store: Store) -> dict[str, int]:
    """Agency IRI -> the number of tasks it leads or takes part in."""
    pairs = {(str(task), str(agency)) for p in (LDO.lead, LDO.partner) for task, agency, _ in store.pairs(p)}
    counts: dict[str, int] = {}
    for _, agency in pairs:
        counts[agency] = counts.get(agency, 0) + 1
    return counts


def agencies(store: Store, graph: str | None = None) -> dict[str, Row]:
    """Agencies (of one graph, or all): IRI -> key, name, scope and ``g``, the first graph (in order) that gives
    its key, from which the others come."""
    out: dict[str, Row] = {}
    for iri, in_graph in store.stating(RDF.type, ORG.Organization, graph):
        if str(iri) not in out and (row := agency(store, iri, in_graph)) is not None:
            out[str(iri)] = row
    return out


def agency(store: Store, iri: URIRef, graph: str) -> Row | None:
    """What ``graph`` says of the agency ``iri``: key, name, scope and ``g`` (None without a key)."""
    facts = store.describe(iri, graph)
    row: Row = {"g": URIRef(graph)}
    _put(row, "key", _one(facts, LDO.key))
    _put(row, "name", _one(facts, SKOS.prefLabel))
    _put(row, "scope", _one(facts, LDO.scope))
    return row if "key" in row else None
