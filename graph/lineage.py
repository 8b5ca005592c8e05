"""Lineage analysis: the citation graph read from the store into networkx.

Edges point from the citing (acting, later) document to the cited one and carry the strongest relation
stated between them ("based_on", "implements", "guides", "amends", "replaces", "repeals", "cites").
"Up" follows edges toward laws; "down" goes toward the letters that carry a document out.

>>> g = nx.DiGraph()
>>> g.add_edge("vn/2024/kh", "vn/2022/06-2022-qh15", relation="based_on")
>>> g.add_edge("vn/2024/cv", "vn/2024/kh", relation="implements")
>>> sorted(related(g, "vn/2024/cv", "up"))
['vn/2022/06-2022-qh15', 'vn/2024/kh']
>>> citation_path(g, "vn/2024/cv", "vn/2022/06-2022-qh15")
['vn/2024/cv', 'vn/2024/kh', 'vn/2022/06-2022-qh15']
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from itertools import product
from typing import Any, TypeAlias
from typing import Literal as Choice

import networkx as nx
from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from graph import exports
from graph.errors import NotFound
from graph.keys import scope_slug, type_iri
from graph.models import RELATION_STRENGTH
from graph.namespaces import ELI, LDO
from graph.rdf import RELATION_PROPERTY
from graph.store import Store
from graph.symbols import normalize_number
from graph.text import squash
from graph.vocab import DOC_TYPES

__all__ = ["DocumentNode", "citation_graph", "citation_path", "cycles", "dot", "find_document", "graphml",
           "launchers", "lineage", "most_cited", "node_link", "orphan_stubs", "pagerank", "related", "tree",
           "update_citation_graph"]

Direction = Choice["up", "down", "both"]
CitationGraph: TypeAlias = "nx.DiGraph[str]"
BASIS = frozenset({"based_on", "guides", "implements"})
_RELATION_NAME = {str(p or ELI.cites): name for name, p in RELATION_PROPERTY.items()}


@dataclass(frozen=True, slots=True)
class DocumentNode:
    """A document as the lineage shows it (field names as in the extraction schema)."""

    key: str
    type: str | None
    number: str | None
    date: str | None
    year: int | None
    issuer: str | None
    scope: str | None
    title: str | None
    stub: bool
    source: str | None = None  # the file the document was read from; None for a stub


_NODES = f"""PREFIX eli: <{ELI._NS}> PREFIX ldo: <{LDO._NS}>
SELECT DISTINCT ?k ?number ?date ?year ?t ?title ?issuer ?scope ?source WHERE {{ GRAPH ?g {{
  ?d a eli:LegalResource ; ldo:key ?k .
  OPTIONAL {{ ?d eli:id_local ?number }} OPTIONAL {{ ?d eli:date_document ?date }} OPTIONAL {{ ?d ldo:year ?year }}
  OPTIONAL {{ ?d eli:type_document ?t }} OPTIONAL {{ ?d eli:title ?title }} OPTIONAL {{ ?d ldo:issuerName ?issuer }}
  OPTIONAL {{ ?d ldo:scope ?scope }} OPTIONAL {{ ?d ldo:source ?s . ?s ldo:fileName ?source }} }} }}"""
_EDGES = f"""PREFIX ldo: <{LDO._NS}>
SELECT DISTINCT ?a ?b ?rel WHERE {{ GRAPH ?g {{ ?c a ldo:Citation ; ldo:citing ?x ; ldo:cited ?y ; ldo:relation ?rel .
  ?x ldo:key ?a . ?y ldo:key ?b }} }}"""
_TYPE_NAME = {str(type_iri(t)): t for t in DOC_TYPES}
# What a graph says of a document node, by the field of :class:`DocumentNode` it gives.
_NODE_FIELDS = {ELI.id_local: "number", ELI.date_document: "date", LDO.year: "year", ELI.type_document: "type",
                ELI.title: "title", LDO.issuerName: "issuer", LDO.scope: "scope"}
Placed: TypeAlias = tuple[Node, str]  # a node as one named graph speaks of it


def citation_graph(store: Store) -> CitationGraph:
    """All documents (own or known from citations) and the citations between them."""
    g: CitationGraph = nx.DiGraph()
    nodes, links = _read_by_sparql(store) if store.backend.joins_natively else _read_by_scans(store)
    for key, node in sorted(nodes.items()):
        g.add_node(key, **asdict(node))
    _add_edges(g, links)
    return g


Links: TypeAlias = list[tuple[str, str, str]]  # (citing key, cited key, relation IRI)


def _read_by_sparql(store: Store) -> tuple[dict[str, DocumentNode], Links]:
    """Documents and citations by two queries: the engine joins (Oxigraph: 1.8 s at 2,000 documents)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in store.select(_NODES):
        values = {k: v.toPython() for k, v in row.items() if k != "t" and isinstance(v, Literal)}
        if "t" in row:
            values["type"] = _TYPE_NAME.get(str(row["t"]))
        rows.setdefault(str(row["k"]), []).append(values)
    links = sorted({(str(r["a"]), str(r["b"]), str(r["rel"])) for r in store.select(_EDGES)})
    return {k: _node(k, found) for k, found in rows.items()}, links


def _read_by_scans(store: Store) -> tuple[dict[str, DocumentNode], Links]:
    """The same, by one index scan per property joined here graph by graph: for an engine that joins in Python
    (rdflib: 0.6 s instead of 16.5 s at 1,000 documents)."""
    keys = _keys(store)
    return _nodes(store, keys), _citations(store, keys)


def _keys(store: Store) -> dict[Placed, list[str]]:
    """The ``ldo:key`` of each node, in each graph that gives it."""
    keys: dict[Placed, list[str]] = {}
    for s, o, g in store.pairs(LDO.key):
        keys.setdefault((s, g), []).append(str(o))
    return keys


def _nodes(store: Store, keys: dict[Placed, list[str]]) -> dict[str, DocumentNode]:
    """Each key's node, from what every graph that types it as a document says of it."""
    said: dict[Placed, dict[str, set[Node]]] = {d: {} for d in store.subjects(RDF.type, ELI.LegalResource)
                                                if d in keys}
    for p, name in _NODE_FIELDS.items():
        for s, o, g in store.pairs(p):
            if (found := said.get((s, g))) is not None:
                found.setdefault(name, set()).add(o)
    files = store.by_subject(LDO.fileName)
    for s, o, g in store.pairs(LDO.source):
        if (found := said.get((s, g))) is not None and (names := files.get((o, g))):
            found.setdefault("source", set()).update(names)
    rows: dict[str, list[dict[str, Any]]] = {}
    for placed, found in said.items():
        for key in keys[placed]:
            rows.setdefault(key, []).extend(_rows(found))
    return {k: _node(k, found) for k, found in rows.items()}


def _rows(said: dict[str, set[Node]]) -> list[dict[str, Any]]:
    """What one graph says of a document as rows for :func:`_node`: one value a row, each row marked with a source
    file when the graph gives one (the document's own graph)."""
    values = {name: {_TYPE_NAME.get(str(v)) for v in found} if name == "type" else
              {v.toPython() for v in found if isinstance(v, Literal)} for name, found in said.items()}
    marker = {"source": min(values["source"], key=str)} if values.get("source") else {}
    return [{**marker, name: v} for name, found in values.items() for v in found] or [marker]


def _citations(store: Store, keys: dict[Placed, list[str]]) -> Links:
    """(citing key, cited key, relation) of every ``ldo:Citation`` whose graph keys both ends, sorted."""
    citations = set(store.subjects(RDF.type, LDO.Citation))
    citing, cited, relation = (store.by_subject(p, citations) for p in (LDO.citing, LDO.cited, LDO.relation))
    links: set[tuple[str, str, str]] = set()
    for c, g in citations:
        for x, y, rel in product(citing.get((c, g), ()), cited.get((c, g), ()), relation.get((c, g), ())):
            links.update((a, b, str(rel)) for a in keys.get((x, g), ()) for b in keys.get((y, g), ()))
    return sorted(links)


def update_citation_graph(g: CitationGraph, store: Store, key: str) -> None:
    """Bring ``g`` up to date after the document ``key`` was added (not after renames or replaced files: read
    the whole graph again then). Touches only the documents its graph names, by index lookups."""
    graph_iri = str(store.iris.graph(key))
    own = store.graph(graph_iri)
    for other in sorted({str(k) for d in own.subjects(RDF.type, ELI.LegalResource) for k in own.objects(d, LDO.key)}):
        if other != key and other in g and not g.nodes[other]["stub"]:
            continue  # a document of the corpus is what its own graph says, and that graph did not change
        said = _described(store, other, graph_iri)
        if other != key and other in g:  # a stub: what the other graphs said, and what this one says
            known = _as_row(g.nodes[other])
            rows = [known, *said] if known is not None else _described(store, other)
        else:  # the document added (its own graph says what it is), or one no other graph names
            rows = said
        g.add_node(other, **asdict(_node(other, rows)))
    g.remove_edges_from(list(g.out_edges(key)))
    stated = [(c, graph_iri) for c in own.subjects(RDF.type, LDO.Citation) if isinstance(c, URIRef)]
    links = []
    for citation, in_graph in [*store.stating(LDO.citing, store.iris.document(key)), *stated]:
        facts = store.describe(citation, in_graph)
        citing, cited = facts.get(LDO.citing, [None])[0], facts.get(LDO.cited, [None])[0]
        a, b = store.iris.key_of(str(citing)), store.iris.key_of(str(cited))
        if a and b and LDO.relation in facts:
            links.append((a, b, str(facts[LDO.relation][0])))
    _add_edges(g, links)


_FIELDS = {ELI.id_local: "number", ELI.date_document: "date", LDO.year: "year", ELI.title: "title",
           LDO.issuerName: "issuer", LDO.scope: "scope"}


def _as_row(node: dict[str, Any]) -> dict[str, Any] | None:
    """A stub's node as one row of what is said of it, for :func:`_node` to merge with new rows (each field is
    the least of what was said, so the least of it and the new ones is the least of all); None when that cannot
    stand for all that was said: a type left None may be a type of no known name, which sorts among names."""
    if node["type"] is None:
        return None
    row = {f: node[f] for f in ("type", "number", "year", "issuer", "scope", "title") if node[f] is not None}
    if node["date"] is not None:
        row["date"] = dt.date.fromisoformat(node["date"])
    return row


def _described(store: Store, key: str, graph: str | None = None) -> list[dict[str, Any]]:
    """What each graph (or only ``graph``) says of the document ``key``, as the rows :func:`_node` merges."""
    rows = []
    for doc, in_graph in store.stating(LDO.key, Literal(key), graph):
        facts = store.describe(doc, in_graph)
        if ELI.LegalResource not in facts.get(RDF.type, ()):
            continue
        row = {name: min(values, key=str).toPython() for p, name in _FIELDS.items()
               if (values := [v for v in facts.get(p, ()) if isinstance(v, Literal)])}
        if ELI.type_document in facts:
            row["type"] = _TYPE_NAME.get(str(min(facts[ELI.type_document], key=str)))
        for source in facts.get(LDO.source, ()):
            if isinstance(source, URIRef) and (names := store.describe(source, in_graph).get(LDO.fileName)):
                row["source"] = str(names[0])
        rows.append(row)
    return rows


def _add_edges(g: CitationGraph, links: Iterable[tuple[str, str, str]]) -> None:
    """Citations as edges; several citations between two documents make one edge with the strongest relation."""
    for a, b, relation in links:
        rel = _RELATION_NAME.get(relation, "cites")
        if a == b or a not in g or b not in g:
            continue
        old = g.edges[a, b]["relation"] if g.has_edge(a, b) else None
        g.add_edge(a, b, relation=rel if old is None or _stronger(rel, old) else old)


def _stronger(a: str, b: str) -> bool:
    return RELATION_STRENGTH.index(a) < RELATION_STRENGTH.index(b)


def _node(key: str, rows: list[dict[str, Any]]) -> DocumentNode:
    """One node's facts: its own graph's where it has one, else the first (sorted) a citing text gives."""
    own = [r for r in rows if "source" in r]
    pool = own or rows

    def pick(field: str) -> Any:
        values = sorted({r[field] for r in pool if field in r}, key=str)
        return values[0] if values else None

    date = pick("date")
    return DocumentNode(key, pick("type"), pick("number"), date.isoformat() if date else None, pick("year"),
                        pick("issuer"), pick("scope"), pick("title"), not own, pick("source"))


def _edges(g: CitationGraph, relations: Collection[str] | None) -> CitationGraph:
    if relations is None:
        return g
    view: CitationGraph = nx.subgraph_view(g, filter_edge=lambda a, b: g.edges[a, b]["relation"] in relations)
    return view


def related(g: CitationGraph, key: str, direction: Direction = "up", depth: int | None = None,
            relations: Collection[str] | None = None) -> dict[str, int]:
    """Documents above (cited, transitively) or below (citing) ``key``, with their distance: a breadth-first walk
    over the links of the relations given that touches only what it reaches."""
    if key not in g:
        raise nx.NodeNotFound(f"Source {key} is not in G")
    out: dict[str, int] = {}
    for way in (("up", "down") if direction == "both" else (direction,)):
        links = g.succ if way == "up" else g.pred
        seen = {key}
        frontier, dist = [key], 0
        while frontier and (depth is None or dist < depth):
            dist += 1
            reached = []
            for node in frontier:
                for other, data in links[node].items():
                    if other not in seen and (relations is None or data["relation"] in relations):
                        seen.add(other)
                        reached.append(other)
                        out[other] = min(dist, out.get(other, dist))
            frontier = reached
    return out


def lineage(g: CitationGraph, key: str, direction: Direction = "up", depth: int | None = 3,
            relations: Collection[str] | None = None) -> CitationGraph:
    """The subgraph of ``key`` and its related documents, with the edges among them."""
    nodes = {key, *related(g, key, direction, depth, relations)}
    return _edges(g, relations).subgraph(nodes).copy()


def citation_path(g: CitationGraph, source: str, target: str) -> list[str] | None:
    """The shortest citation chain from ``source`` up to ``target`` (or down, if only that exists)."""
    for a, b in ((source, target), (target, source)):
        try:
            path: list[str] = nx.shortest_path(g, a, b)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            continue
        return path if a == source else path[::-1]
    return None


def cycles(g: CitationGraph, limit: int = 100) -> list[list[str]]:
    """Citation cycles (a document citing, through others, itself): a sign of a misread reference."""
    out = []
    for cycle in nx.simple_cycles(g):
        out.append(cycle)
        if len(out) >= limit:
            break
    return out


def most_cited(g: CitationGraph, n: int = 20) -> list[tuple[str, int]]:
    """Documents by the number of documents citing them (the first ``n``, without sorting them all)."""
    return heapq.nsmallest(n, ((k, int(d)) for k, d in g.in_degree()), key=lambda kv: (-kv[1], kv[0]))


def pagerank(g: CitationGraph, n: int = 20) -> list[tuple[str, float]]:
    """Documents ranked by PageRank over the basis edges (based_on, guides, implements)."""
    ranks = _pagerank(_edges(g, BASIS))
    return sorted(ranks.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _pagerank(g: CitationGraph, alpha: float = 0.85, iterations: int = 100, tol: float = 1e-10) -> dict[str, float]:
    """Power iteration, as networkx's pagerank but without its numpy/scipy dependency."""
    nodes = list(g)
    if not nodes:
        return {}
    rank = dict.fromkeys(nodes, 1.0 / len(nodes))
    out_degree = {k: g.out_degree(k) for k in nodes}
    for _ in range(iterations):
        dangling = alpha * sum(rank[k] for k in nodes if out_degree[k] == 0) / len(nodes)
        new = {k: (1 - alpha) / len(nodes) + dangling + alpha * sum(rank[p] / out_degree[p]
                                                                     for p in g.predecessors(k)) for k in nodes}
        if sum(abs(new[k] - rank[k]) for k in nodes) < tol * len(nodes):
            return new
        rank = new
    return rank


def orphan_stubs(g: CitationGraph) -> list[str]:
    """Stubs only one document cites: likely misread numbers, or documents worth adding to the corpus."""
    return sorted(k for k, data in g.nodes(data=True) if data["stub"] and g.in_degree(k) == 1)


def launchers(store: Store) -> list[tuple[str, str]]:
    """(document key, campaign name) for every document that launches a campaign."""
    rows = store.select(f"""PREFIX ldo: <{LDO._NS}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?k ?name WHERE {{ GRAPH ?g {{
            ?d ldo:launches ?c ; ldo:key ?k . ?c skos:prefLabel ?name }} }}""")
    return sorted((str(r["k"]), str(r["name"])) for r in rows)


def find_document(g: CitationGraph, asked: str, scope: str | None = None, year: int | None = None) -> str:
    """The key of the one document a user means by a key or a số ký hiệu in any spacing or case.

    Several documents with that number (other provinces, other years) raise :class:`NotFound` listing them.
    """
    if asked in g:
        return asked
    wanted = squash(normalize_number("".join(asked.split())))
    found = [k for k, d in g.nodes(data=True) if d["number"] and squash(d["number"]) == wanted
             and (scope is None or scope_slug(scope) == k.split("/", 1)[0])
             and (year is None or d["year"] == year)]
    if len(found) == 1:
        return str(found[0])
    raise NotFound(asked, tuple(sorted(found)))


def node_link(g: CitationGraph) -> dict[str, list[dict[str, Any]]]:
    """``{"nodes": [...], "links": [{"source", "target", "relation"}]}`` with links from citing to cited."""
    nodes = [dict(g.nodes[k]) for k in sorted(g)]
    links = [{"source": a, "target": b, "relation": d["relation"]} for a, b, d in sorted(g.edges(data=True))]
    return {"nodes": nodes, "links": links}


def graphml(g: CitationGraph) -> str:
    """GraphML for Gephi and yEd (:func:`graph.exports.graphml`: characters XML cannot hold become U+FFFD)."""
    return exports.graphml(g)


def dot(g: CitationGraph) -> str:
    """Graphviz DOT, laws at the top."""
    lines = ["digraph lineage {", "  rankdir=BT;", "  node [shape=box];"]
    for k in sorted(g):
        d = g.nodes[k]
        label = f"{d['type'] or 'Văn bản'} {d['number'] or ''}".strip().replace('"', "'")
        lines.append(f'  "{k}" [label="{label}"{", style=dashed" if d["stub"] else ""}];')
    lines.extend(f'  "{a}" -> "{b}" [label="{d["relation"]}"];' for a, b, d in sorted(g.edges(data=True)))
    return "\n".join([*lines, "}"])


def tree(g: CitationGraph, key: str, direction: Direction = "up", depth: int = 3) -> str:
    """An indented tree for the terminal: each line a document and how it relates to its parent."""
    lines = [_label(g, key)]
    ways: Iterable[str] = ("up", "down") if direction == "both" else (direction,)
    for way in ways:
        _walk(g, key, way, depth, "", {key}, lines)
    return "\n".join(lines)


def _walk(g: CitationGraph, key: str, way: str, depth: int, indent: str, seen: set[str], lines: list[str]) -> None:
    if depth == 0:
        return
    nexts = sorted(g.successors(key) if way == "up" else g.predecessors(key))
    for i, other in enumerate(nexts):
        last = i == len(nexts) - 1
        relation = g.edges[key, other]["relation"] if way == "up" else g.edges[other, key]["relation"]
        arrow = "↑" if way == "up" else "↓"
        lines.append(f"{indent}{'└─' if last else '├─'} {arrow} {relation}: {_label(g, other)}")
        if other not in seen:
            _walk(g, other, way, depth - 1, indent + ("   " if last else "│  "), seen | {other}, lines)


def _label(g: CitationGraph, key: str) -> str:
    d = g.nodes[key]
    what = f"{d['type'] or 'Văn bản'} {d['number'] or '(chưa số)'}"
    when = d["date"] or d["year"] or "?"
    stub = " [stub]" if d["stub"] else ""
    return f"{what} · {d['issuer'] or '?'} · {when} · {key}{stub}"
