"""Stage 5, the SHACL gate: a document's graph is checked against the shapes before it is stored.

The shapes (``shapes/*.ttl``) are split by concern and severity: a *violation* blocks the document, a
*warning* informs. They run on the compiled engine of :mod:`graph.shacl` (a batch of documents at a time);
pySHACL is the reference, used when the shapes need more than that engine knows, or when asked for
(``engine="pyshacl"``). pySHACL never follows ``owl:imports`` here: shapes and data are given as graphs.

>>> report = validate_graph(Graph())
>>> report.conforms, report.findings
(True, ())
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from typing import Literal as OneOf

import pyshacl
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from graph.shacl import ShapesEngine, Triples, Unsupported, compile_shapes

__all__ = ["SHAPES_DIR", "Engine", "Finding", "ValidationReport", "load_shapes", "validate_graph", "validate_graphs"]

Engine = OneOf["auto", "compiled", "pyshacl"]

SHAPES_DIR = Path(__file__).resolve().parents[1] / "shapes"


@dataclass(frozen=True, slots=True)
class Finding:
    """One SHACL result: where (focus node, path), how bad, and why in both languages."""

    severity: str  # 'Violation', 'Warning' or 'Info'
    focus: str
    path: str | None
    shape: str | None
    vi: str
    en: str

    def __str__(self) -> str:
        field = f" [{self.path.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}]" if self.path else ""
        return f"{self.severity}: {self.focus}{field}: {self.vi} / {self.en}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The findings for one data graph; it conforms when no finding is a violation."""

    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> ValidationReport:
        return cls(tuple(sorted(findings, key=lambda f: (f.severity, f.focus, f.path or "", f.en, f.vi,
                                                         f.shape or ""))))

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Warning")


@lru_cache(maxsize=4)
def load_shapes(directory: Path = SHAPES_DIR) -> Graph:
    """Every ``*.ttl`` file of the shapes folder, as one graph (parsed once per process)."""
    shapes = Graph()
    for path in sorted(directory.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


class _PreparedQueries(Graph):
    """A graph that parses each SPARQL text once: pySHACL sends the same constraint query for every focus
    node, and parsing it (not running it) was most of the time a document's validation took."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


@lru_cache(maxsize=1)
def _engine() -> ShapesEngine | None:
    try:
        return compile_shapes(load_shapes())
    except Unsupported:
        return None


def validate_graph(data: Graph, shapes: Graph | None = None, engine: Engine = "auto") -> ValidationReport:
    """Run the shapes over ``data`` (one document's graph and the facts it is checked against)."""
    return validate_graphs([data], shapes, engine)[0]


def validate_graphs(datas: Sequence[Triples], shapes: Graph | None = None,
                    engine: Engine = "auto") -> list[ValidationReport]:
    """Run the shapes over each data graph on its own (a batch: the compiled engine loads them together)."""
    compiled = _engine() if shapes is None and engine != "pyshacl" else None
    if compiled is None and engine == "compiled":
        compiled = compile_shapes(shapes if shapes is not None else load_shapes())
    if compiled is None:
        return [_pyshacl(data, shapes) for data in datas]
    return [ValidationReport.of(_finding(r.severity, r.focus, r.path, r.shape, r.messages) for r in results)
            for results in compiled.validate(datas)]


def _pyshacl(data: Triples, shapes: Graph | None) -> ValidationReport:
    if len(data) == 0:
        return ValidationReport(())
    target = _PreparedQueries()
    for triple in data:
        target.add(triple)
    _, results, _ = pyshacl.validate(target, shacl_graph=shapes if shapes is not None else load_shapes(),
                                     inference="none", allow_warnings=True, abort_on_first=False, inplace=True,
                                     do_owl_imports=False)  # never fetched (tests/test_uploads.py)
    assert isinstance(results, Graph)
    return ValidationReport.of(_reported(results, r) for r in results.subjects(RDF.type, SH.ValidationResult))


def _reported(results: Graph, result: Node) -> Finding:
    messages = tuple(m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal))
    return _finding(results.value(result, SH.resultSeverity) or SH.Violation, results.value(result, SH.focusNode),
                    results.value(result, SH.resultPath), results.value(result, SH.sourceShape), messages)


def _finding(severity: Node | str, focus: Node | None, path: Node | None, shape: Node | None,
             messages: Sequence[Literal]) -> Finding:
    vi = next((str(m) for m in messages if m.language == "vi" or (not m.language and _is_vietnamese(m))), None)
    en = next((str(m) for m in messages if m.language == "en" or (not m.language and not _is_vietnamese(m))), None)
    return Finding(str(severity).rsplit("#", 1)[-1], "?" if focus is None else str(focus),
                   None if path is None else str(path), None if shape is None else str(shape),
                   vi or en or "?", en or vi or "?")


_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323\u1ea0-\u1ef9]")


def _is_vietnamese(message: str) -> bool:
    """pySHACL drops the language tag of a message it fills in ({?var}); the letters tell the language."""
    return bool(_VIETNAMESE_LETTERS.search(message))
