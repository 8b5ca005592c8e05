"""RDF a user hands in (a backup for ``luocdo import``), read without trusting it.

- The syntax comes from the file's suffix: ``.nq``, ``.trig``, ``.jsonld``/``.json``, ``.ttl``, ``.nt``,
  ``.rdf``/``.owl``/``.xml``.
- RDF/XML: a document type declaration (``<!DOCTYPE …>``, ``<!ENTITY …>``) is refused before anything is parsed,
  so no entity is ever expanded (billion laughs) or fetched (``file:///etc/passwd``, ``http://…``); elements nest
  at most :data:`MAX_XML_DEPTH` deep (Oxigraph's RDF/XML reader slows down with the square of the depth).
- JSON-LD: a context is written inline, or names the project's own (:data:`CONTEXT_IRI`, read from
  ``ontology/context.jsonld`` on disk); any other remote context, and ``@import``, is refused: nothing is fetched.
- Everything is parsed by Oxigraph (no network, no recursion: 100,000 nested brackets cost no stack).
- A backup is what ``luocdo export --format nq`` (or ``trig``) writes: every statement in a named graph, every node
  named by an IRI (the graph has no blank nodes, so nested ``[ … ]`` and ``( … )`` are refused too).

Each refusal is an :class:`RdfRefused` naming the file (and line where known) in Vietnamese and English; nothing
is read from the network or from any other file.

>>> read_rdf(b'<https://e.vn/g> { <https://e.vn/a> <https://e.vn/p> "x" }', "backup.trig")
b'<https://e.vn/a> <https://e.vn/p> "x" <https://e.vn/g> .\\n'
>>> try:
...     read_rdf(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "evil.rdf")
... except RdfRefused as refused:
...     print(refused.en)
RDF/XML with a DOCTYPE/ENTITY declaration is not accepted
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from xml.parsers import expat

import pyoxigraph as ox

from graph.errors import InputError

__all__ = ["CONTEXT_IRI", "FORMATS", "MAX_XML_DEPTH", "RdfRefused", "read_backup", "read_rdf"]

CONTEXT_IRI = "https://w3id.org/luocdo/context.jsonld"
"""The IRI that names the project's JSON-LD context; it is read from ``ontology/context.jsonld``, never fetched."""

CONTEXT_FILE = Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld"

MAX_XML_DEPTH = 64
"""Deepest nesting of RDF/XML elements accepted (a backup's RDF/XML nests five deep)."""

FORMATS: dict[str, ox.RdfFormat] = {
    ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD, ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


class RdfRefused(InputError):
    """An RDF file that is not read: unsafe (DTD, remote context), malformed, or not a backup."""


def read_backup(path: Path) -> bytes:
    """The backup at ``path`` as N-Quads, every statement checked, before anything is written anywhere."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise RdfRefused(path.name, f"không biết định dạng của tệp (đuôi: {known})",
                         f"unknown RDF syntax (suffixes: {known})")
    try:
        data = path.read_bytes()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise RdfRefused(path.name, f"không đọc được tệp ({reason})", f"cannot read the file ({reason})") from err
    return read_rdf(data, path.name, fmt)


def read_rdf(data: bytes, source: str, fmt: ox.RdfFormat | None = None) -> bytes:
    """Parse ``data`` (named ``source`` in errors) safely, as a backup (named graphs, no blank nodes), into
    N-Quads (N-Quads given come back as they are)."""
    fmt = fmt or FORMATS.get(Path(source).suffix.lower(), ox.RdfFormat.N_QUADS)
    if fmt == ox.RdfFormat.RDF_XML:
        _check_xml(data, source)
    elif fmt == ox.RdfFormat.JSON_LD:
        data = _own_contexts_only(data, source)
    checked = _checked(ox.parse(data, fmt), source)
    try:
        if fmt == ox.RdfFormat.N_QUADS:
            for _ in checked:
                pass
            return data
        return ox.serialize(checked, format=ox.RdfFormat.N_QUADS) or b""
    except SyntaxError as err:
        raise _syntax_error(source, fmt, err) from None


# --- RDF/XML -----------------------------------------------------------------------------------------------------


class _Stop(Exception):
    """Raised from an expat handler: what was found, in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en


_DTD = _Stop("tệp RDF/XML có khai báo DOCTYPE/ENTITY: không được phép",
             "RDF/XML with a DOCTYPE/ENTITY declaration is not accepted")


def _check_xml(data: bytes, source: str) -> None:
    """Refuse a DTD (before any entity is read) and deep nesting: one pass of expat, which fetches nothing."""
    parser = expat.ParserCreate()
    depth = 0

    def refuse_dtd(*_: Any) -> None:
        raise _DTD

    def start(*_: Any) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise _Stop(f"phần tử XML lồng nhau quá {MAX_XML_DEPTH} tầng",
                        f"XML elements nested more than {MAX_XML_DEPTH} deep")

    def end(*_: Any) -> None:
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_dtd  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if declared := _DECLARATION.search(data):  # a declaration in an encoding expat reads otherwise than Oxigraph
        raise RdfRefused(source, _DTD.vi, _DTD.en, line=data.count(b"\n", 0, declared.start()) + 1)
    try:
        parser.Parse(data, True)
    except _Stop as stop:
        raise RdfRefused(source, stop.vi, stop.en, line=parser.CurrentLineNumber) from None
    except expat.ExpatError as err:
        reason = expat.errors.messages[err.code]
        raise RdfRefused(source, f"XML sai cú pháp ({reason})", f"malformed XML ({reason})", line=err.lineno) from None


_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.IGNORECASE)


# --- JSON-LD -----------------------------------------------------------------------------------------------------


@cache
def _own_context() -> Any:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def _own_contexts_only(data: bytes, source: str) -> bytes:
    """The document with the project's context written in where it is named; any other remote context refused."""
    try:
        document = json.loads(data)
    except RecursionError:
        raise RdfRefused(source, "JSON lồng nhau quá sâu", "JSON nested too deep") from None
    except (UnicodeDecodeError, ValueError) as err:
        line = getattr(err, "lineno", None)
        raise RdfRefused(source, f"JSON sai cú pháp ({err})", f"malformed JSON ({err})", line=line) from None
    for holder, key in _context_slots(document):
        value = holder[key]
        if key != "@import" and value == CONTEXT_IRI:
            holder[key] = _own_context()
        else:
            raise RdfRefused(source, f"ngữ cảnh JSON-LD từ xa không được phép: {value} (chỉ {CONTEXT_IRI})",
                             f"remote JSON-LD context not accepted: {value} (only {CONTEXT_IRI})")
    return json.dumps(document, ensure_ascii=False).encode()


def _context_slots(document: Any) -> Iterator[tuple[Any, Any]]:
    """``(holder, key)`` of every context given by reference in ``document`` (a string, which a JSON-LD reader
    would fetch) and of every ``@import``, walked without recursion."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@import" or (key == "@context" and isinstance(value, str)):
                    yield node, key
                elif key == "@context" and isinstance(value, list):
                    yield from ((value, i) for i, context in enumerate(value) if isinstance(context, str))
                    stack.extend(context for context in value if not isinstance(context, str))
                else:
                    stack.append(value)


# --- any syntax --------------------------------------------------------------------------------------------------

_POSITION = re.compile(r"line (\d+)")


def _syntax_error(source: str, fmt: ox.RdfFormat, err: SyntaxError) -> RdfRefused:
    message = str(err).splitlines()[0][:300]
    found = _POSITION.search(message)
    return RdfRefused(source, f"tệp {fmt.name} sai cú pháp ({message})", f"invalid {fmt.name} ({message})",
                      line=int(found.group(1)) if found else None)


def _checked(quads: Iterator[ox.Quad], source: str) -> Iterator[ox.Quad]:
    """The quads of a backup, the first that is not refused: in no named graph, or with a blank node."""
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise RdfRefused(source, f"bộ ba không thuộc đồ thị có tên nào ({quad.triple}): bản sao lưu là N-Quads, "
                                     "TriG hoặc JSON-LD có đồ thị (luocdo export --format nq)",
                             f"a statement in no named graph ({quad.triple}): a backup is N-Quads, TriG or JSON-LD "
                             "with named graphs (luocdo export --format nq)")
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            raise RdfRefused(source, f"nút trống ([ … ], ( … ), _:b) trong {quad}: kho chỉ giữ nút có IRI",
                             f"a blank node ([ … ], ( … ), _:b) in {quad}: the store names every node by an IRI")
        yield quad
