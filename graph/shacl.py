"""A compiled SHACL engine for the shapes Luocdo uses, fast enough to gate every document of a bulk ingest.

pySHACL takes 10–30 ms for one document's hundred triples, almost all of it in the generic machinery around
each constraint; that caps an ingest at a few dozen documents a second. The shapes here use a small part of
SHACL: targets by class and by subject of a property, property shapes with an IRI path, fifteen core
constraint components, and SPARQL-based constraints. :func:`compile_shapes` turns the shapes graph into plain
Python checks once; a shape that uses anything else raises :class:`Unsupported`, and the caller falls back to
pySHACL, which stays the reference (``tests/test_shacl.py`` runs both over every shape example and the seeds
and requires the same findings).

SPARQL constraints run in Oxigraph over a batch: each document's data is loaded as a named graph of one
in-memory store and the constraint's ``WHERE`` is evaluated inside ``GRAPH ?g``, once for the whole batch.
``$this`` is left unbound and the rows are kept for the shape's focus nodes, which gives the pre-bound result
when, as in these shapes, a top-level triple pattern binds ``$this``.

>>> from rdflib import Graph
>>> engine = compile_shapes(Graph())
>>> engine.validate([[]])
[[]]
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

import pyoxigraph as ox
from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from graph.backends import TermCache, to_rdflib

__all__ = ["Result", "ShapesEngine", "Triples", "Unsupported", "compile_shapes"]

Triple = tuple[Node, Node, Node]
Triples = Graph | Collection[Triple]

# Shape predicates this engine understands; any other sh: term in a shape makes it Unsupported.
_KNOWN = {SH[n] for n in ("path", "property", "message", "severity", "targetClass", "targetSubjectsOf",
                          "minCount", "maxCount", "datatype", "class", "nodeKind", "in", "or", "pattern", "flags",
                          "minLength", "minInclusive", "uniqueLang", "lessThanOrEquals", "hasValue", "sparql",
                          "name", "description", "order", "group")}


class Unsupported(Exception):
    """The shapes use a SHACL feature this engine does not implement (validate with pySHACL instead)."""


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, as pySHACL reports it."""

    severity: str  # 'Violation', 'Warning' or 'Info'
    focus: Node
    path: Node | None
    shape: Node
    messages: tuple[Literal, ...]


_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf


def _key(node: Node) -> Any:
    """What a node is indexed by: an IRI by its plain string (hashed and compared in C, where rdflib terms
    hash and compare in Python), anything else by itself (never equal to a plain string)."""
    return str(node) if isinstance(node, URIRef) else node


class _Data:
    """One data graph, indexed for the lookups shapes make."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.out: dict[Any, dict[str, list[Node]]] = {}
        self.subjects_of: dict[str, dict[Any, Node]] = defaultdict(dict)
        self.instances: dict[Any, dict[Any, Node]] = defaultdict(dict)
        self._superclasses: dict[Any, set[Any]] = {}
        out = self.out
        for s, p, o in triples:
            sk, pk = _key(s), str(p)
            facts = out.get(sk)
            if facts is None:
                facts = out[sk] = {}
            facts.setdefault(pk, []).append(o)
            self.subjects_of[pk][sk] = s
            if pk == _TYPE_KEY:
                self.instances[_key(o)][sk] = s
        for facts in out.values():  # the same triple given twice is one triple
            for pk, values in facts.items():
                if len(values) > 1:
                    facts[pk] = list(dict.fromkeys(values))

    def objects(self, s: Node, p: Node) -> list[Node]:
        facts = self.out.get(_key(s))
        return facts.get(str(p), []) if facts else []

    def superclasses(self, cls: Node) -> set[Any]:
        key = _key(cls)
        if (known := self._superclasses.get(key)) is None:
            known = self._superclasses[key] = self._walk_up(cls)
        return known

    def _walk_up(self, cls: Node) -> set[Any]:
        seen, todo = {_key(cls)}, [cls]
        while todo:
            for parent in self.objects(todo.pop(), _SUBCLASS):
                if _key(parent) not in seen:
                    seen.add(_key(parent))
                    todo.append(parent)
        return seen

    def is_instance(self, node: Node, cls: Node) -> bool:
        wanted = _key(cls)
        return any(wanted in self.superclasses(t) for t in self.objects(node, _TYPE))

    def instances_of(self, cls: Node) -> dict[Any, Node]:
        wanted, found = _key(cls), {}
        for t, members in self.instances.items():
            if t == wanted or wanted in self.superclasses(URIRef(t) if isinstance(t, str) else t):
                found.update(members)
        return found


_TYPE_KEY = str(_TYPE)


# --- value checks, each as pySHACL decides it -------------------------------------------------------

def _datatype_ok(v: Node, datatype: Node) -> bool:
    if not isinstance(v, Literal):
        return False
    if v.datatype == datatype:
        return not v.ill_typed and _actual_type_ok(v, datatype)
    if datatype == RDFS.Literal:
        return True
    return v.datatype is None and v.language is None and datatype == XSD.string


_PYTHON_TYPES: dict[Node, Any] = {XSD.string: (str, bytes), XSD.integer: int, XSD.float: float, XSD.decimal: Decimal,
                                  XSD.boolean: bool, XSD.date: dt.date, XSD.time: dt.time, XSD.dateTime: dt.datetime}


def _actual_type_ok(v: Literal, datatype: Node) -> bool:
    expected = _PYTHON_TYPES.get(datatype)
    return expected is None or isinstance(v.value, expected)


_NODE_KINDS = {SH.IRI: (URIRef,), SH.Literal: (Literal,), SH.BlankNode: (BNode,), SH.BlankNodeOrIRI: (BNode, URIRef),
               SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal)}


def _min_inclusive_ok(v: Node, bound: Literal) -> bool:
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        return bool(compare_literal(v, bound) >= 0)  # type: ignore[no-untyped-call]
    except (TypeError, NotImplementedError):
        return False


def _comparable(node: Node) -> tuple[bool, Any]:
    if isinstance(node, URIRef):
        return True, str(node)
    if isinstance(node, Literal) and isinstance(node.value, str):
        return True, node.value
    return False, node


def _not_above(v: Node, w: Node) -> bool:
    (v_text, v_value), (w_text, w_value) = _comparable(v), _comparable(w)
    return v_text == w_text and bool(v_value <= w_value)


# --- shapes ---------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Shape:
    node: Node
    severity: str = "Violation"
    path: URIRef | None = None
    messages: tuple[Literal, ...] = ()
    values: list[tuple[str, Any]] = field(default_factory=list)  # value-node checks (name, parameter)
    counts: list[tuple[str, Any]] = field(default_factory=list)  # checks over all value nodes of a focus
    properties: list[_Shape] = field(default_factory=list)
    sparql: list[_Sparql] = field(default_factory=list)
    target_classes: list[Node] = field(default_factory=list)
    target_subjects_of: list[Node] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Sparql:
    select: str  # with PREFIX lines, the WHERE evaluated inside GRAPH ?luocdo_graph
    messages: tuple[Literal, ...]
    predicates: frozenset[Node] | None  # the only predicates its patterns name (None: any)


def _compile_shape(g: Graph, node: Node, cache: dict[Node, _Shape]) -> _Shape:
    if node in cache:
        return cache[node]
    shape = cache[node] = _Shape(node)
    for p, o in g.predicate_objects(node):
        if str(p).startswith(str(SH)) and p not in _KNOWN:
            raise Unsupported(f"{node}: {p}")
        if p == SH.path and not isinstance(o, URIRef):
            raise Unsupported(f"{node}: a path that is not one IRI")
    path = g.value(node, SH.path)
    shape.path = path if isinstance(path, URIRef) else None
    severity = g.value(node, SH.severity)
    shape.severity = str(severity).rsplit("#", 1)[-1] if severity else "Violation"
    shape.messages = tuple(m for m in g.objects(node, SH.message) if isinstance(m, Literal))
    shape.target_classes = list(g.objects(node, SH.targetClass))
    shape.target_subjects_of = list(g.objects(node, SH.targetSubjectsOf))
    _compile_constraints(g, node, shape, cache)
    return shape


def _compile_constraints(g: Graph, node: Node, shape: _Shape, cache: dict[Node, _Shape]) -> None:
    def one(p: URIRef) -> Any:
        return g.value(node, p)

    for name, kind in (("minCount", "counts"), ("maxCount", "counts"), ("hasValue", "counts"),
                       ("uniqueLang", "counts"), ("lessThanOrEquals", "counts"), ("datatype", "values"),
                       ("class", "values"), ("nodeKind", "values"), ("minLength", "values"),
                       ("minInclusive", "values")):
        for value in g.objects(node, SH[name]):
            plain = isinstance(value, Literal) and name in ("minCount", "maxCount", "minLength", "uniqueLang")
            getattr(shape, kind).append((name, value.toPython() if plain else value))  # type: ignore[attr-defined]
    if (listed := one(SH["in"])) is not None:
        shape.values.append(("in", set(RdfList(g, listed))))
    for pattern in g.objects(node, SH.pattern):
        flags = str(one(SH.flags) or "").lower()
        shape.values.append(("pattern", re.compile(str(pattern), (re.I if "i" in flags else 0) |
                                                    (re.M if "m" in flags else 0))))
    for listed in g.objects(node, SH["or"]):
        shape.values.append(("or", [_compile_shape(g, m, cache) for m in RdfList(g, listed)]))
    shape.properties = [_compile_shape(g, p, cache) for p in g.objects(node, SH.property)]
    shape.sparql = [_compile_sparql(g, c) for c in g.objects(node, SH.sparql)]


_SELECT = re.compile(r"^\s*SELECT\s+(?P<vars>.*?)\s+WHERE\s*\{(?P<body>.*)\}\s*$", re.S | re.I)


def _compile_sparql(g: Graph, constraint: Node) -> _Sparql:
    if any(str(p).startswith(str(SH)) and p not in (SH.select, SH.prefixes, SH.message)
           for p in g.predicates(constraint)):
        raise Unsupported(f"{constraint}: a SPARQL constraint with more than sh:select, sh:prefixes, sh:message")
    select = g.value(constraint, SH.select)
    m = _SELECT.match(str(select or ""))
    if m is None or ("$this" not in m["vars"] and "?this" not in m["vars"]):
        raise Unsupported(f"{constraint}: a sh:select other than 'SELECT $this … WHERE {{ … }}'")
    prefixes = "".join(f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
                       for holder in g.objects(constraint, SH.prefixes) for d in g.objects(holder, SH.declare))
    text = f"{prefixes}SELECT ?luocdo_graph {m['vars']} WHERE {{ GRAPH ?luocdo_graph {{ {m['body']} }} }}"
    messages = tuple(x for x in g.objects(constraint, SH.message) if isinstance(x, Literal))
    return _Sparql(text, messages, _predicates(prepareQuery(text).algebra))


def _predicates(algebra: Any) -> frozenset[Node] | None:
    """The predicates of every triple pattern in a parsed query; None when one is a variable or a path."""
    found: set[Node] = set()
    todo = [algebra]
    while todo:
        part = todo.pop()
        if isinstance(part, dict):  # rdflib's algebra nodes are dicts
            if getattr(part, "name", None) == "BGP":
                for _, p, _ in part["triples"]:
                    if not isinstance(p, URIRef):
                        return None
                    found.add(p)
            todo.extend(v for v in part.values() if isinstance(v, dict | list))
        elif isinstance(part, list):
            todo.extend(part)
    return frozenset(found)


# --- evaluation -----------------------------------------------------------------------------------

def _value_ok(check: str, parameter: Any, v: Node, data: _Data) -> bool:
    if check == "datatype":
        return _datatype_ok(v, parameter)
    if check == "class":
        return not isinstance(v, Literal) and data.is_instance(v, parameter)
    if check == "nodeKind":
        return isinstance(v, _NODE_KINDS[parameter])
    if check == "in":
        return v in parameter
    if check == "pattern":
        return not isinstance(v, BNode) and parameter.search(str(v)) is not None
    if check == "minLength":
        return not isinstance(v, BNode) and len(str(v)) >= parameter
    if check == "minInclusive":
        return _min_inclusive_ok(v, parameter)
    if check == "or":
        return any(not _results(member, v, data) for member in parameter)
    raise Unsupported(check)


def _count_results(check: str, parameter: Any, focus: Node, values: list[Node], data: _Data) -> list[Node | None]:
    """The values reported (None: a result without a value) for a check over all value nodes of ``focus``."""
    if check == "minCount":
        return [None] if len(values) < parameter else []
    if check == "maxCount":
        return [None] if len(values) > parameter else []
    if check == "hasValue":
        return [] if parameter in values else [None]
    if check == "uniqueLang":
        langs = [v.language.lower() for v in values if isinstance(v, Literal) and v.language] if parameter else []
        return [None] * len({lang for lang in langs if langs.count(lang) > 1})
    if check == "lessThanOrEquals":
        return [v for v in values for w in data.objects(focus, parameter) if not _not_above(v, w)]
    raise Unsupported(check)


def _results(shape: _Shape, focus: Node, data: _Data) -> list[Result]:
    if shape.path is None:
        values = [focus]
    else:
        values = data.objects(focus, shape.path)
        if len(values) > 1:
            values = list(dict.fromkeys(values))
    found = 0
    for check, parameter in shape.counts:
        found += len(_count_results(check, parameter, focus, values, data))
    for check, parameter in shape.values:
        for v in values:
            if not _value_ok(check, parameter, v, data):
                found += 1
    out = [Result(shape.severity, focus, shape.path, shape.node, shape.messages)] * found if found else []
    for prop in shape.properties:
        for v in values:
            if found_there := _results(prop, v, data):
                out.extend(found_there)
    return out


@dataclass(frozen=True)
class ShapesEngine:
    """The shapes of a shapes graph, compiled."""

    shapes: tuple[_Shape, ...]

    @cached_property
    def _sparql_predicates(self) -> frozenset[Node] | None:
        """What the SPARQL constraints can see of a data graph (the rest is not loaded for them)."""
        found: set[Node] = {_TYPE}
        for constraint in (c for shape in self.shapes for c in shape.sparql):
            if constraint.predicates is None:
                return None
            found |= constraint.predicates
        return frozenset(found)

    def validate(self, graphs: Sequence[Triples]) -> list[list[Result]]:
        """The results for each data graph (each validated on its own), in the order given."""
        indexed = [_Data(triples) for triples in graphs]
        out = [self._core(data) for data in indexed]
        if any(shape.sparql for shape in self.shapes):
            for n, result in self._sparql(graphs, indexed):
                out[n].append(result)
        return out

    def _focus(self, shape: _Shape, data: _Data) -> dict[Any, Node]:
        """The focus nodes of a shape, by their index keys."""
        nodes: dict[Any, Node] = {}
        for cls in shape.target_classes:
            nodes.update(data.instances_of(cls))
        for p in shape.target_subjects_of:
            nodes.update(data.subjects_of.get(str(p), {}))
        return nodes

    def _core(self, data: _Data) -> list[Result]:
        out = []
        for shape in self.shapes:
            for focus in self._focus(shape, data).values():
                out.extend(_results(shape, focus, data))
        return out

    def _sparql(self, graphs: Sequence[Triples], indexed: list[_Data]) -> Iterable[tuple[int, Result]]:
        store, terms = ox.Store(), _TERMS
        wanted = self._sparql_predicates
        store.extend(ox.Quad(terms(s), terms(p), terms(o), ox.NamedNode(f"urn:luocdo:batch:{n}"))
                     for n, triples in enumerate(graphs) for s, p, o in triples if wanted is None or p in wanted)
        for shape in self.shapes:
            focus = [self._focus(shape, data) if shape.sparql else {} for data in indexed]
            for constraint in shape.sparql:
                for row in _rows(store, constraint.select):
                    n = int(str(row["luocdo_graph"]).rsplit(":", 1)[1])
                    if "this" in row and _key(row["this"]) in focus[n]:
                        yield n, _sparql_result(shape, constraint, row)


_TERMS = TermCache()


def _rows(store: ox.Store, select: str) -> Iterable[dict[str, Node]]:
    result = store.query(select)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    for solution in result:
        yield {n: to_rdflib(solution[n]) for n in names if solution[n] is not None}


def _sparql_result(shape: _Shape, constraint: _Sparql, row: dict[str, Node]) -> Result:
    messages = constraint.messages or shape.messages
    filled = tuple(Literal(_fill(str(m), row), lang=m.language) for m in messages)
    return Result(shape.severity, row["this"], row.get("path", shape.path), shape.node, filled)


def _fill(message: str, row: dict[str, Node]) -> str:
    """``{?var}`` and ``{$var}`` replaced by the row's values; unbound ones stay as written (as in pySHACL)."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(row[m[1]]) if m[1] in row else m[0], message)


def compile_shapes(shapes: Graph) -> ShapesEngine:
    """Compile the node shapes of ``shapes`` that have targets (raises :class:`Unsupported`)."""
    cache: dict[Node, _Shape] = {}
    roots = sorted({s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf)
                    for s in shapes.subjects(p, None)}, key=str)
    for root in roots:
        if (root, SH.targetNode, None) in shapes or (root, SH.targetObjectsOf, None) in shapes:
            raise Unsupported(f"{root}: sh:targetNode / sh:targetObjectsOf")
        if (root, RDF.type, RDFS.Class) in shapes:
            raise Unsupported(f"{root}: an implicit class target")
    return ShapesEngine(tuple(_compile_shape(shapes, root, cache) for root in roots))
