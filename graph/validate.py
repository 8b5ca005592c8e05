"""Stage 5, the SHACL gate: a document's graph is checked against the shapes before it is stored.

The shapes (``shapes/*.ttl``) are split by concern and severity: a *violation* blocks the document, a
*warning* informs. pySHACL never follows ``owl:imports`` here: shapes and data are given as graphs.

>>> report = validate_graph(Graph())
>>> report.conforms, report.findings
(True, ())
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

__all__ = ["SHAPES_DIR", "Finding", "ValidationReport", "load_shapes", "validate_graph"]

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


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Run the shapes over ``data`` (one document's graph and the facts it is checked against)."""
    if len(data) == 0:
        return ValidationReport(())
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes if shapes is not None else load_shapes(),
                                     inference="none", allow_warnings=True, abort_on_first=False)
    assert isinstance(results, Graph)
    findings = sorted((_finding(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)),
                      key=lambda f: (f.severity, f.focus, f.path or "", f.en))
    return ValidationReport(tuple(findings))


def _finding(results: Graph, result: Node) -> Finding:
    def one(p: URIRef) -> str | None:
        value = results.value(result, p)
        return None if value is None else str(value)

    messages = {m.language or "": str(m) for m in results.objects(result, SH.resultMessage)
                if isinstance(m, Literal)}
    fallback = messages.get("", next(iter(messages.values()), "?"))
    severity = one(SH.resultSeverity) or str(SH.Violation)
    return Finding(severity.rsplit("#", 1)[-1], one(SH.focusNode) or "?", one(SH.resultPath),
                   one(SH.sourceShape), messages.get("vi", fallback), messages.get("en", fallback))
