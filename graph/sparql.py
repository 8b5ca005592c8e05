"""The public, read-only SPARQL 1.1 endpoint: a guard, killable worker processes, capped and marked answers.

Neither pyoxigraph nor rdflib can stop a running query, so queries run in worker processes (fresh interpreters,
never forks) that each open the store with ``pyoxigraph.Store.read_only``; a query that outlives the time limit
has its worker killed (SIGKILL; a replacement starts in the background) while the service and the other workers
carry on.

Before anything runs, :func:`check_query` reads the query text with comments, strings, IRIs, variables and
prefixed names set aside and refuses what the endpoint never does: updates, ``SERVICE`` (Oxigraph would make
the HTTP request), ``FROM`` / ``FROM NAMED`` — also glued to a name, as Oxigraph reads ``SERVICE:a`` — and
brackets nested more than :data:`MAX_DEPTH` deep; it reads any text in linear time. Where the system allows it
(Linux user namespaces), each worker also runs in a network namespace of its own, with no interface but a down
loopback: no connection can leave it whatever the query says. Workers answer on a deep stack, so a long chain
(``!!!…``, ``a || b || …``) within the size limit does not overflow Oxigraph's recursive parser.

Answers hold at most ``max_rows`` solutions (or triples); a cut answer says so (:attr:`Answer.truncated`, and in
the body where the format has a place for it). Result formats: SPARQL JSON, XML, CSV and TSV for SELECT and
ASK; Turtle, N-Triples, JSON-LD and RDF/XML for CONSTRUCT and DESCRIBE, chosen by :func:`negotiate`.

>>> check_query("PREFIX ex: <http://example.org/> SELECT ?service WHERE { ?service ex:from ?x }")
'SELECT'
>>> negotiate("SELECT", "text/csv;q=0.5, application/sparql-results+json").name
'json'
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal, TypeAlias
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.errors import InputTooLarge, QueryError, QueryRefused, QueryTimeout, StoreError
from graph.exports import xml_bytes

__all__ = [
    "GRAPH_FORMATS",
    "MAX_QUERY_BYTES",
    "PREFIXES",
    "RESULT_FORMATS",
    "SD_FORMATS",
    "Answer",
    "EndpointUnavailable",
    "NotAcceptable",
    "QueryForm",
    "ResultFormat",
    "SparqlEndpoint",
    "check_query",
    "negotiate",
    "prepare_query",
    "service_description",
    "short_message",
    "write_result",
]

log = logging.getLogger("luocdo.sparql")

QueryForm: TypeAlias = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

MAX_QUERY_BYTES = 100 * 1024
"""The longest query text (UTF-8 bytes) the endpoint reads."""

TRUNCATED = "urn:luocdo:truncated"
"""The link a cut SPARQL JSON or XML answer carries in its head."""

PREFIXES = {
    "eli": "http://data.europa.eu/eli/ontology#",
    "ldo": "https://w3id.org/luocdo/ontology#",
    "ldt": "https://w3id.org/luocdo/type/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefixes of the Turtle answers (and of the example queries of the web page)."""

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


# --- formats and content negotiation -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ResultFormat:
    """One way to write an answer: its short name (``format=``), media types (canonical first), kind."""

    name: str
    media_types: tuple[str, ...]
    kind: Literal["results", "graph", "page"]
    aliases: tuple[str, ...] = ()
    text: bool = False  # a text/* type: the Content-Type names the charset

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.text else self.media_type


RESULT_FORMATS = (
    ResultFormat("json", ("application/sparql-results+json", "application/json"), "results"),
    ResultFormat("xml", ("application/sparql-results+xml", "application/xml", "text/xml"), "results"),
    ResultFormat("csv", ("text/csv",), "results", text=True),
    ResultFormat("tsv", ("text/tab-separated-values",), "results", text=True),
)
"""Formats of SELECT and ASK answers, the default first."""

GRAPH_FORMATS = (
    ResultFormat("ttl", ("text/turtle", "application/x-turtle"), "graph", ("turtle",), text=True),
    ResultFormat("nt", ("application/n-triples", "text/plain"), "graph", ("ntriples", "n-triples"), text=True),
    ResultFormat("jsonld", ("application/ld+json", "application/json"), "graph", ("json-ld", "json")),
    ResultFormat("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"), "graph", ("rdf", "xml")),
)
"""Formats of CONSTRUCT and DESCRIBE answers (and of the service description), the default first."""

HTML = ResultFormat("html", ("text/html", "application/xhtml+xml"), "page", text=True)

SD_FORMATS = (*GRAPH_FORMATS, HTML)
"""What ``GET /sparql`` without a query offers: the service description, or the query page."""

_RDF_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
               "rdfxml": ox.RdfFormat.RDF_XML}


def _accept_ranges(accept: str) -> list[tuple[str, str, float]]:
    """``(type, subtype, q)`` of each media range of an Accept header; malformed ranges are left out."""
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media.count("/") != 1:
            continue
        main, sub = media.split("/")
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((main, sub, q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, str, float]]) -> float:
    """The q of ``media_type``: that of the most specific range that matches it (0 when none does)."""
    main, sub = media_type.split("/")
    best, specificity = 0.0, -1
    for r_main, r_sub, q in ranges:
        if (r_main, r_sub) == (main, sub):
            level = 2
        elif r_main == main and r_sub == "*":
            level = 1
        elif (r_main, r_sub) == ("*", "*"):
            level = 0
        else:
            continue
        if level > specificity:
            best, specificity = q, level
    return best


def negotiate(form: QueryForm | Literal["SD"], accept: str | None = None,
              format: str | None = None) -> ResultFormat | None:
    """The format to answer a query of ``form`` in, from ``format=`` (a short name or a media type), else
    from the ``Accept`` header (q-values honoured, the server's order breaks ties); None when nothing
    acceptable is offered. ``form="SD"`` is a request without a query: service description or page.

    >>> negotiate("SELECT").name, negotiate("CONSTRUCT").name
    ('json', 'ttl')
    >>> negotiate("ASK", "text/tab-separated-values").name
    'tsv'
    >>> negotiate("CONSTRUCT", "application/sparql-results+json, application/ld+json;q=0.1").name
    'jsonld'
    >>> negotiate("SD", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").name
    'html'
    >>> negotiate("SD", "*/*").name, negotiate("CONSTRUCT", format="json").name
    ('ttl', 'jsonld')
    >>> negotiate("SELECT", "text/turtle") is None, negotiate("SELECT", format="ttl") is None
    (True, True)
    """
    offers = SD_FORMATS if form == "SD" else RESULT_FORMATS if form in ("SELECT", "ASK") else GRAPH_FORMATS
    if format is not None:
        wanted = format.strip().lower()
        for offer in offers:
            if wanted == offer.name or wanted in offer.aliases or wanted in offer.media_types:
                return offer
        return None
    if not accept or not accept.strip():
        return offers[0]
    ranges = _accept_ranges(accept)
    best: ResultFormat | None = None
    best_q = 0.0
    for offer in offers:
        q = max(_quality(media, ranges) for media in offer.media_types)
        if q > best_q:
            best, best_q = offer, q
    return best


# --- the guard ------------------------------------------------------------------------------------------

_ESCAPED = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_NAME_CHAR = r"[\w\-.:%\u00B7\u0300-\u036F\u203F\u2040]"
# Strings are not in this pattern: :func:`_string_end` finds where they end, in one pass (a regular expression
# for them tries again from every quote of an unterminated string: quadratic, a minute and a half on 100 KB).
_TOKEN = re.compile(
    r'(?P<comment>\#[^\n\r]*)'
    r'|(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)'
    r'|(?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+)'
    r'|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)'
    r'|(?P<bnode>_:[\w\-.\u00B7\u0300-\u036F\u203F\u2040]+)'
    rf'|(?P<pname>(?:[^\W\d_][\w\-.\u00B7\u0300-\u036F\u203F\u2040]*)?:(?:{_NAME_CHAR}|{_ESCAPED})*)'
    r'|(?P<word>[A-Za-z_][A-Za-z0-9_]*)'
    r'|(?P<space>\s+)'
    r'|(?P<other>.)',
    re.DOTALL,
)
_QUOTES = "\"'"
_SHORT_STOP = {q: re.compile(rf"[{q}\\\n\r]") for q in _QUOTES}
_LONG_STOP = {q: re.compile(rf"[{q}\\]") for q in _QUOTES}
_OPEN, _CLOSE = "{([", "})]"
_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_FORMS: frozenset[str] = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

MAX_DEPTH = 100
"""The deepest nesting of ``{ }``, ``( )`` and ``[ ]`` a query may have (the parser and the optimiser recurse)."""


def _unescaped(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded, as SPARQL 1.0 said a parser should before parsing."""
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _UNICODE_ESCAPE.sub(char, text)


def _string_end(text: str, start: int) -> int:
    """Where the string literal opening at ``start`` ends (just past its closing quotes), or -1 when it does not
    end (a short string at a line break or the end, a long one at the end). Each character is looked at once."""
    quote = text[start]
    long = text.startswith(quote * 3, start)
    stop = (_LONG_STOP if long else _SHORT_STOP)[quote]
    pos = start + (3 if long else 1)
    while (found := stop.search(text, pos)) is not None:
        at = found.start()
        if text[at] == "\\":
            pos = at + 2  # an escape: the next character is the string's
        elif text[at] != quote:
            return -1  # a line break in a short string
        elif not long:
            return at + 1
        elif text.startswith(quote * 3, at):
            return at + 3
        else:
            pos = at + 1
    return -1


_OPERATORS = frozenset("(,=!<>&|+-*/^{[")
"""After one of these a ``<`` cannot be a comparison: it opens an IRI."""
_NOT_INERT = re.compile(r"[#'()\[\]]")


@dataclass(frozen=True, slots=True)
class _Scan:
    words: list[str]  # the bare words (keywords and function names), upper-cased, in order
    prefixes: list[str]  # the prefixes of the prefixed names (``ex`` of ``ex:a``), upper-cased
    depth: int  # the deepest nesting of brackets
    unterminated: bool  # a string literal that never ends (the scan stopped there)
    ambiguous: str | None  # an IRI-like ``<…>`` that the parser may read as ``<`` and code, and that matters


def _scan(text: str) -> _Scan:
    """What a query says once comments, strings, IRIs, variables, language tags, blank nodes and prefixed names
    are set aside: its bare words (keywords and function names), the prefixes of its prefixed names, how deep
    its brackets nest. Linear in the length of the text.

    ``<`` is the one character SPARQL reads two ways: an IRI (``<http://a/#b>``) or a comparison (``?a<?b``),
    and the parser decides by context. Where a comparison may stand (in an expression's parentheses, after an
    operand) or where ``<<`` may be a triple term, an IRI-like ``<…>`` must read the same both ways: no ``#``
    (a comment as code), ``'`` (a string), brackets, or refused word inside; else it is reported
    (:attr:`_Scan.ambiguous`)."""
    words: list[str] = []
    prefixes: list[str] = []
    stack: list[str] = []  # open brackets: "(" an expression (or a collection), "t" a list of terms, "{", "["
    depth = pos = 0
    after_operand = values = False
    ambiguous: str | None = None
    end = len(text)
    while pos < end:
        char = text[pos]
        if char in _QUOTES:
            pos = _string_end(text, pos)
            if pos < 0:
                return _Scan(words, prefixes, depth, True, ambiguous)
            after_operand = True
            continue
        token = _TOKEN.match(text, pos)
        assert token is not None  # ``other`` matches any character
        kind = token.lastgroup
        if kind == "iri" and ambiguous is None and (
                (pos > 0 and text[pos - 1] == "<") or (after_operand and stack and stack[-1] == "(")):
            inner = token.group()[1:-1]
            if _NOT_INERT.search(inner) or _refusal(_scan(inner)) is not None:
                ambiguous = token.group()
        pos = token.end()
        if kind == "word":
            word = token.group().upper()
            words.append(word)
            values = values or word == "VALUES"
        elif kind == "pname":
            prefixes.append(token.group().partition(":")[0].upper())
        elif kind == "space":
            continue
        elif kind == "other":
            if char in _OPEN:
                # the variables and rows of VALUES hold terms, never a comparison
                stack.append("t" if char == "(" and (values or stack[-1:] == ["v"]) else
                             "v" if char == "{" and values else char)
                values = values and char == "("
                depth = max(depth, len(stack))
            elif char in _CLOSE and stack:
                stack.pop()
            after_operand = char not in _OPERATORS
            continue
        if kind != "comment":
            after_operand = True
    return _Scan(words, prefixes, depth, False, ambiguous)


def _refusal(scan: _Scan) -> QueryRefused | None:
    """Why the endpoint refuses a query with these words and prefixes, if it does. Oxigraph reads a keyword
    glued to what follows (``SERVICEex:a`` is ``SERVICE ex:a``, ``SERVICE:a`` is ``SERVICE :a``), so a word or
    a prefix holding SERVICE or FROM is refused as well."""
    words = scan.words
    for i, word in enumerate(words):
        if word in _UPDATES:
            return QueryRefused(f"read-only endpoint: {word} (an update) is not allowed",
                                f"điểm truy vấn chỉ đọc: không chấp nhận {word} (lệnh cập nhật)")
        if "SERVICE" in word:
            return QueryRefused("SERVICE (a federated query to another endpoint) is not allowed",
                                "không chấp nhận SERVICE (truy vấn liên kết tới máy chủ khác)")
        if "FROM" in word:
            clause = "FROM NAMED" if word == "FROM" and i + 1 < len(words) and words[i + 1] == "NAMED" else "FROM"
            return QueryRefused(f"{clause} is not allowed: the default graph is the union of all the documents' "
                                "graphs, GRAPH ?g { … } reaches each one",
                                f"không chấp nhận {clause}: đồ thị mặc định là hợp của mọi đồ thị văn bản, "
                                "dùng GRAPH ?g { … } để truy vấn từng đồ thị")
    for prefix in scan.prefixes:
        if "SERVICE" in prefix or "FROM" in prefix:
            keyword = "SERVICE" if "SERVICE" in prefix else "FROM"
            return QueryRefused(f"the prefix '{prefix.lower()}:' reads as {keyword} (not allowed) followed by a "
                                "prefixed name: name the prefix otherwise",
                                f"tiền tố '{prefix.lower()}:' được đọc thành {keyword} (không được phép) và một "
                                "tên có tiền tố: hãy đặt tên tiền tố khác")
    return None


def check_query(text: str) -> QueryForm:
    """The form of a query (``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``) once it is known to be one the
    public endpoint may run; :class:`~graph.errors.QueryRefused` for updates (``INSERT``, ``DELETE``, ``LOAD``,
    ``CLEAR``, ``DROP``, ``CREATE``, ``ADD``, ``MOVE``, ``COPY``, ``WITH``), ``SERVICE`` and ``FROM`` /
    ``FROM NAMED``, as words or glued to a prefixed name (``SERVICE:a``), and for an IRI-like ``<…>`` the
    parser might read as ``<`` and code (:func:`_scan`); :class:`~graph.errors.QueryError` for an unterminated
    string, brackets nested deeper than :data:`MAX_DEPTH`, or no query form. Keywords are looked for outside
    comments, strings, IRIs, variables and prefixed names, in the text as written and with its ``\\u`` escapes
    decoded. The rest of the syntax is left to the store's parser. Linear in the length of the query.

    >>> check_query('SELECT ?from WHERE { ?s <http://example.org/service> "INSERT" } # DROP ALL')
    'SELECT'
    >>> check_query("PREFIX ex: <http://example.org/> ASK { ?s ex:from ex:load }")
    'ASK'
    >>> check_query("PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:a { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.QueryRefused: tiền tố 'service:' được đọc thành SERVICE ...
    >>> check_query("INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.QueryRefused: điểm truy vấn chỉ đọc: không chấp nhận INSERT (lệnh cập nhật) / read-only endpoint: ...
    >>> check_query("SELECT * WHERE { service <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.QueryRefused: không chấp nhận SERVICE (truy vấn liên kết tới máy chủ khác) / SERVICE ...
    >>> check_query("SELECT * FROM NAMED <file:///etc/hostname> WHERE { ?s ?p ?o }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.QueryRefused: không chấp nhận FROM NAMED: ...
    """
    scans = [_scan(text)]
    decoded = _unescaped(text)
    if decoded != text:
        scans.append(_scan(decoded))
    for scan in scans:
        if (refused := _refusal(scan)) is not None:
            raise refused
    for scan in scans:
        if scan.ambiguous is not None:
            iri = _short(scan.ambiguous, 60)
            raise QueryRefused(f"'{iri}' may read as an IRI or as '<' and code: put spaces around a comparison's "
                               "'<', or write the IRI as a prefixed name",
                               f"'{iri}' có thể đọc là IRI hoặc là dấu '<' và mã lệnh: đặt dấu cách quanh '<' khi "
                               "so sánh, hoặc viết IRI bằng tên có tiền tố")
    scan = scans[0]
    if scan.unterminated:
        raise QueryError("syntax error: a string literal is not closed", "câu truy vấn sai cú pháp: chuỗi chưa đóng")
    if scan.depth > MAX_DEPTH:
        raise QueryError(f"the query nests brackets more than {MAX_DEPTH} deep ({scan.depth})",
                         f"câu truy vấn lồng ngoặc sâu quá {MAX_DEPTH} mức ({scan.depth})")
    for word in scan.words:
        if word in _FORMS:
            form: QueryForm = word  # type: ignore[assignment]
            return form
    raise QueryError("not a SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE expected",
                     "không phải câu truy vấn SPARQL: cần SELECT, ASK, CONSTRUCT hoặc DESCRIBE")


# --- answers: the serializers (run in the workers) -------------------------------------------------------

def _literal_json(term: ox.Literal) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
        if term.direction is not None:
            out["its:dir"] = str(term.direction)
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _term_json(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        return _literal_json(term)
    return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                        "predicate": _term_json(term.predicate),
                                        "object": _term_json(term.object)}}


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """Character data for XML 1.0 (which cannot hold most control characters: they become U+FFFD)."""
    return escape(_XML_ILLEGAL.sub("\ufffd", value))


def _term_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
            if term.direction is not None:
                attrs += f" its:dir={quoteattr(str(term.direction))}"
        elif term.datatype.value != _XSD_STRING:
            attrs = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attrs = ""
        return f"<literal{attrs}>{_xml_text(term.value)}</literal>"
    return (f"<triple><subject>{_term_xml(term.subject)}</subject><predicate>{_term_xml(term.predicate)}"
            f"</predicate><object>{_term_xml(term.object)}</object></triple>")


def _term_csv(term: Term | None) -> str:
    """A term in the SPARQL 1.1 CSV format: IRIs and literals as their plain value, blank nodes ``_:b``."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return _term_nt(term)


def _term_nt(term: Term | None) -> str:
    """A term in N-Triples syntax (as the TSV format wants): tabs and line breaks are escaped."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_term_nt(term.subject)} {_term_nt(term.predicate)} {_term_nt(term.object)} )>>"
    return str(term)


def _select(result: ox.QuerySolutions, fmt: str, max_rows: int) -> tuple[bytes, bool, int]:
    names = [v.value for v in result.variables]
    rows: list[list[Term | None]] = []
    for solution in islice(result, max_rows + 1):
        rows.append([solution[name] for name in names])
    truncated = len(rows) > max_rows
    del rows[max_rows:]
    if fmt == "json":
        head: dict[str, Any] = {"vars": names}
        if truncated:
            head["link"] = [TRUNCATED]
        bindings = [{n: _term_json(t) for n, t in zip(names, row, strict=True) if t is not None} for row in rows]
        doc: dict[str, Any] = {"head": head, "results": {"bindings": bindings}}
        if truncated:
            doc["truncated"] = True
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    elif fmt == "xml":
        parts = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"'
                 ' xmlns:its="http://www.w3.org/2005/11/its">\n<head>']
        parts.extend(f"<variable name={quoteattr(n)}/>" for n in names)
        if truncated:
            parts.append(f'<link href="{TRUNCATED}"/>')
        parts.append("</head>\n<results>\n")
        for row in rows:
            parts.append("<result>")
            parts.extend(f"<binding name={quoteattr(n)}>{_term_xml(t)}</binding>"
                         for n, t in zip(names, row, strict=True) if t is not None)
            parts.append("</result>\n")
        parts.append("</results>\n</sparql>\n")
        body = "".join(parts)
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([_term_csv(t) for t in row] for row in rows)
        body = out.getvalue()
    else:
        lines = ["\t".join(f"?{n}" for n in names)]
        lines.extend("\t".join(_term_nt(t) for t in row) for row in rows)
        body = "\n".join(lines) + "\n"
    return body.encode("utf-8"), truncated, len(rows)


def _ask(value: bool, fmt: str) -> bytes:
    word = "true" if value else "false"
    if fmt == "json":
        return f'{{"head":{{}},"boolean":{word}}}\n'.encode()
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"\n<head></head>\n<boolean>{word}</boolean>\n</sparql>\n").encode()
    return f"{word}\r\n".encode() if fmt == "csv" else f"{word}\n".encode()


def _graph(triples: Iterable[ox.Triple], fmt: str, max_rows: int) -> tuple[bytes, bool, int]:
    """At most ``max_rows`` distinct triples (a CONSTRUCT answer is a set), in the order they came."""
    seen: dict[ox.Triple, None] = {}
    truncated = False
    for triple in triples:
        if triple in seen:
            continue
        if len(seen) == max_rows:
            truncated = True
            break
        seen[triple] = None
    prefixes = PREFIXES if fmt in ("ttl", "jsonld", "rdfxml") else None
    body = ox.serialize(list(seen), format=_RDF_FORMAT[fmt], prefixes=prefixes) or b""
    if fmt == "rdfxml":  # Oxigraph writes literals as they are: characters XML cannot hold become U+FFFD
        body = xml_bytes(body)
    if truncated and fmt in ("ttl", "nt"):
        body = f"# truncated: at most {max_rows} triples / đã cắt bớt\n".encode() + body
    return body, truncated, len(seen)


def _answer(store: ox.Store, query: str, fmt: str, max_rows: int) -> tuple[bytes, bool, int]:
    return write_result(store.query(query, use_default_graph_as_union=True), fmt, max_rows)


def write_result(result: bool | ox.QueryBoolean | ox.QuerySolutions | Iterable[ox.Triple], fmt: str,
                 max_rows: int) -> tuple[bytes, bool, int]:
    """A query's answer written in the format named ``fmt``, cut at ``max_rows``: (body, truncated, rows)."""
    if isinstance(result, bool | ox.QueryBoolean):
        return _ask(bool(result), fmt), False, 1
    if isinstance(result, ox.QuerySolutions):
        return _select(result, fmt, max_rows)
    return _graph(result, fmt, max_rows)


# --- the worker process --------------------------------------------------------------------------------

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def _isolate_network() -> bool:
    """Move this process into new user and network namespaces (Linux): no route leaves it. Best effort."""
    if not hasattr(os, "sched_getaffinity"):  # not Linux
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0)
    except (OSError, AttributeError):
        return False


_STACK_BYTES = 512 * 1024 * 1024
"""The stack of the thread a worker answers in. Oxigraph's parser and optimiser recurse: on the 8 MiB of a main
thread, 20,000 ``!`` or ``1 + 1 + …`` in 100 KB overflow it (SIGSEGV); 256 MiB was enough for every shape of
100 KB tried. Only the pages a query touches are used."""


_NICE = 10
"""How much lower than the server's the workers' CPU priority is."""


def _worker_main(conn: Connection, store_path: str, generation: int, isolate: bool = True) -> None:
    """A worker: open the store read-only (the data of ``generation``), then answer ``(query, format, max_rows,
    generation)`` messages until the connection closes or ``None`` comes; reopen the store when the generation
    changed. With ``isolate``, first leave the network (see :func:`_isolate_network`). The answering runs in a
    thread with a deep stack (:data:`_STACK_BYTES`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the server, which stops us
    with contextlib.suppress(OSError):
        os.nice(_NICE)  # a runaway query must not take the CPU from the server's own answers (/health, the API)
    isolated = isolate and _isolate_network()  # first: a process must still be single-threaded to unshare
    for stack in (_STACK_BYTES, 0):  # 0: the system's default, where so much address space is refused
        threading.stack_size(stack)
        answering = threading.Thread(target=_worker_loop, args=(conn, store_path, generation, isolated),
                                     name="luocdo-sparql-worker")
        try:
            answering.start()
        except RuntimeError:
            continue
        answering.join()
        return


def _worker_loop(conn: Connection, store_path: str, generation: int, isolated: bool) -> None:
    try:
        store = ox.Store.read_only(store_path)
    except (OSError, ValueError) as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        query, fmt, max_rows, wanted = message
        try:
            if wanted != generation:
                store = ox.Store.read_only(store_path)  # the former one closes once dropped
                generation = wanted
            conn.send(("ok", *_answer(store, query, fmt, max_rows)))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _worker_entry() -> None:
    """``python -c`` entry of a worker process: ``FD STORE GENERATION ISOLATE`` on the command line."""
    fd, store_path, generation, isolate = sys.argv[1:5]
    _worker_main(Connection(int(fd)), store_path, int(generation), isolate == "1")


# The package's parent folder, put first on the worker's sys.path (it runs ``python -I``: no environment).
_ROOT = str(Path(__file__).resolve().parent.parent)
_BOOT = "import sys; sys.path.insert(0, sys.argv.pop(1)); from graph.sparql import _worker_entry; _worker_entry()"


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    isolated: bool = False

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
        try:
            self.process.wait(2.0)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(2.0)
        self.conn.close()


# --- the endpoint --------------------------------------------------------------------------------------

class NotAcceptable(QueryError):
    """No format the client accepts can carry this kind of answer (HTTP 406)."""


class EndpointUnavailable(QueryTimeout):
    """Every worker stayed busy, or the query stopped its worker: try again later (HTTP 503)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A query's answer, written: the bytes, their format, and whether the row cap cut it."""

    body: bytes
    format: ResultFormat
    form: QueryForm
    rows: int
    truncated: bool
    max_rows: int

    @property
    def content_type(self) -> str:
        return self.format.content_type


def _short(message: str, limit: int = 300) -> str:
    line = " ".join(message.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def prepare_query(query: str, accept: str | None = None,
                  format: str | None = None) -> tuple[str, QueryForm, ResultFormat]:
    """A query as the endpoint runs it (NFC), its form and the answer's format, once the query is known to be
    short enough and one the endpoint may run (:func:`check_query`) and a format is acceptable.

    Raises :class:`~graph.errors.InputTooLarge`, :class:`~graph.errors.QueryRefused`,
    :class:`~graph.errors.QueryError` or :class:`NotAcceptable`."""
    if len(query.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise InputTooLarge("query", f"câu truy vấn dài quá {MAX_QUERY_BYTES // 1024} KB",
                            f"the query is longer than {MAX_QUERY_BYTES // 1024} KB")
    query = unicodedata.normalize("NFC", query)  # the data is NFC; a query typed in NFD must match it
    form = check_query(query)
    fmt = negotiate(form, accept, format)
    if fmt is None:
        offers = RESULT_FORMATS if form in ("SELECT", "ASK") else GRAPH_FORMATS
        listed = ", ".join(f"{f.media_type} ({f.name})" for f in offers)
        raise NotAcceptable(f"no acceptable format for a {form} answer; offered: {listed}",
                            f"không có định dạng phù hợp cho kết quả {form}; có: {listed}")
    return query, form, fmt


def short_message(message: str, limit: int = 300) -> str:
    """A server's or parser's message on one line of at most ``limit`` characters."""
    return _short(message, limit)


class SparqlEndpoint:
    """Read-only SPARQL over the store at ``store_path``, in ``workers`` killable processes.

    ``timeout`` seconds per query (its worker is killed past it), at most ``max_rows`` rows or triples per
    answer. A query waits at most ``queue_timeout`` seconds for a free worker, then gets
    :class:`EndpointUnavailable` (a public endpoint answers "busy, come back" at once rather than holding the
    connection while runaway queries use every worker). :meth:`run` is synchronous and thread-safe;
    :meth:`data_changed` makes the workers reopen the store before their next query; :meth:`close` stops them.
    """

    def __init__(self, store_path: Path | str, *, workers: int = 2, timeout: float = 30.0,
                 max_rows: int = 10_000, queue_timeout: float = 1.0, start_timeout: float = 60.0) -> None:
        self.store_path = Path(store_path)
        self.workers, self.timeout, self.max_rows = workers, timeout, max_rows
        self.queue_timeout = queue_timeout
        self.start_timeout = start_timeout
        if not (self.store_path / "CURRENT").is_file():
            raise StoreError(f"no store at {self.store_path} for the SPARQL endpoint (luocdo ingest FOLDER)",
                             f"không có kho dữ liệu tại {self.store_path} cho điểm truy vấn SPARQL "
                             "(luocdo ingest THƯ_MỤC)")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._live: set[_Worker] = set()
        self._generation = 0
        self._closed = False
        self._isolate = True
        try:
            workers_ready = self._start_all()
        except StoreError:
            # In a user namespace even root reads only what its permissions allow (no DAC override): a store
            # another user owns may be unreadable there. Then the workers run without network isolation.
            self._isolate = False
            workers_ready = self._start_all()
            log.warning("SPARQL workers cannot read %s from a user namespace: they run without network isolation "
                        "(the query guard still refuses SERVICE)", self.store_path)
        self.isolated = all(w.isolated for w in workers_ready)
        """True when the workers run without network access (each in a network namespace of its own)."""
        for worker in workers_ready:
            self._add(worker)

    # --- workers ---

    def _start_all(self) -> list[_Worker]:
        """Start the workers side by side; when one fails, stop them all."""
        started = [self._start() for _ in range(self.workers)]
        ready: list[_Worker] = []
        try:
            for process, conn in started:
                ready.append(self._ready(process, conn))
        except StoreError:
            for worker in ready:
                worker.stop()
            for process, conn in started[len(ready):]:
                process.kill()
                process.wait(2.0)
                conn.close()
            raise
        return ready

    def _start(self) -> tuple[subprocess.Popen[bytes], Connection]:
        """Start a worker: a fresh interpreter (not a fork, and without re-running ``__main__`` as
        multiprocessing's spawn would) that imports only pyoxigraph and this module."""
        ours, theirs = socket.socketpair()
        with self._lock:
            generation = self._generation
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOT, _ROOT, str(theirs.fileno()), str(self.store_path),
                 str(generation), "1" if self._isolate else "0"],
                stdin=subprocess.DEVNULL, pass_fds=(theirs.fileno(),))
        except OSError as exc:
            ours.close()
            raise StoreError(f"cannot start a SPARQL worker: {exc}", f"không khởi động được tiến trình SPARQL: {exc}"
                             ) from exc
        finally:
            theirs.close()
        return process, Connection(ours.detach())

    def _ready(self, process: subprocess.Popen[bytes], conn: Connection) -> _Worker:
        """Wait for a started worker to open the store."""
        message: tuple[Any, ...] = ("failed", "did not start in time")
        try:
            if conn.poll(self.start_timeout):
                message = conn.recv()
        except (EOFError, OSError):
            message = ("failed", f"exited with status {process.poll()}")
        if message[0] != "ready":
            process.kill()
            process.wait(2.0)
            conn.close()
            raise StoreError(f"a SPARQL worker could not open the store at {self.store_path}: {message[1]}",
                             f"tiến trình SPARQL không mở được kho dữ liệu tại {self.store_path}: {message[1]}")
        return _Worker(process, conn, bool(message[1]))

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._live.add(worker)
        self._idle.put(worker)

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead`` and start a worker in its place, in the background."""
        with self._lock:
            self._live.discard(dead)

        def replace() -> None:
            dead.stop(kill=True)
            for attempt in range(3):
                if self._closed:
                    return
                try:
                    self._add(self._ready(*self._start()))
                    return
                except StoreError as exc:
                    log.error("%s (attempt %d)", exc, attempt + 1)
                    time.sleep(1.0)

        threading.Thread(target=replace, name="luocdo-sparql-replace", daemon=True).start()

    # --- the API ---

    def run(self, query: str, *, accept: str | None = None, format: str | None = None) -> Answer:
        """Answer ``query`` in the format ``format=`` names, else the one ``accept`` prefers.

        Raises :class:`~graph.errors.InputTooLarge` (over :data:`MAX_QUERY_BYTES`),
        :class:`~graph.errors.QueryRefused`, :class:`NotAcceptable`, :class:`~graph.errors.QueryError` (syntax),
        :class:`~graph.errors.QueryTimeout` (its worker was killed) or :class:`EndpointUnavailable`.
        """
        query, form, fmt = prepare_query(query, accept, format)
        if self._closed:
            raise EndpointUnavailable("the SPARQL endpoint is shut down", "điểm truy vấn SPARQL đã dừng")
        try:
            worker = self._idle.get(timeout=self.queue_timeout)
        except queue.Empty:
            raise EndpointUnavailable(f"all {self.workers} SPARQL workers are busy; try again later",
                                      f"cả {self.workers} tiến trình SPARQL đều đang bận; hãy thử lại sau") from None
        with self._lock:
            generation = self._generation
        try:
            worker.conn.send((query, fmt.name, self.max_rows, generation))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped",
                                   f"câu truy vấn chạy quá {self.timeout:g} giây và đã bị dừng")
            reply = worker.conn.recv()
        except (EOFError, OSError, ValueError):
            self._replace(worker)
            raise EndpointUnavailable("the query stopped its worker (out of memory?); try again later",
                                      "câu truy vấn làm dừng tiến trình SPARQL (hết bộ nhớ?); "
                                      "hãy thử lại sau") from None
        self._idle.put(worker)
        if reply[0] == "syntax":
            message = _short(reply[1])
            raise QueryError(f"syntax error: {message}", f"câu truy vấn sai cú pháp: {message}")
        if reply[0] == "error":
            message = _short(reply[1])
            raise QueryError(f"the query failed: {message}", f"truy vấn thất bại: {message}")
        _, body, truncated, rows = reply
        return Answer(body, fmt, form, rows, truncated, self.max_rows)

    def data_changed(self) -> None:
        """The store changed: each worker reopens it before its next query."""
        with self._lock:
            self._generation += 1

    def close(self) -> None:
        """Stop the workers (a busy one is killed)."""
        with self._lock:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
        idle = []
        while True:
            try:
                idle.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in workers:
            worker.stop(kill=worker not in idle)

    def __enter__(self) -> SparqlEndpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the service description ---------------------------------------------------------------------------

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
_FORMAT_IRI = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD",
               "rdfxml": "RDF_XML"}


def _triples(endpoint: str, timeout: float, max_rows: int) -> Iterator[ox.Triple]:
    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    rdf_type = iri(PREFIXES["rdf"] + "type")
    service, dataset, default = iri(endpoint + "#service"), iri(endpoint + "#dataset"), iri(endpoint + "#default")
    yield ox.Triple(service, rdf_type, iri(_SD + "Service"))
    yield ox.Triple(service, iri(_SD + "endpoint"), iri(endpoint))
    yield ox.Triple(service, iri(_SD + "supportedLanguage"), iri(_SD + "SPARQL11Query"))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        yield ox.Triple(service, iri(_SD + "resultFormat"), iri(_FORMATS_NS + _FORMAT_IRI[fmt.name]))
    yield ox.Triple(service, iri(_SD + "feature"), iri(_SD + "UnionDefaultGraph"))
    yield ox.Triple(service, iri(_SD + "defaultDataset"), dataset)
    yield ox.Triple(dataset, rdf_type, iri(_SD + "Dataset"))
    yield ox.Triple(dataset, iri(_SD + "defaultGraph"), default)
    yield ox.Triple(default, rdf_type, iri(_SD + "Graph"))
    comment = iri(PREFIXES["rdfs"] + "comment")
    yield ox.Triple(default, comment, ox.Literal("The union of the named graphs, one per document", language="en"))
    yield ox.Triple(default, comment, ox.Literal("Hợp của các đồ thị có tên, mỗi văn bản một đồ thị", language="vi"))
    yield ox.Triple(service, iri("http://purl.org/dc/terms/title"),
                    ox.Literal("Luocdo: SPARQL chỉ đọc / read-only SPARQL", language="vi"))
    yield ox.Triple(service, comment, ox.Literal(
        f"Read-only: no updates, SERVICE, FROM or FROM NAMED. Each query may run {timeout:g} s; an answer holds at "
        f"most {max_rows} rows or triples, and says when it was cut (X-SPARQL-Truncated).", language="en"))
    yield ox.Triple(service, comment, ox.Literal(
        f"Chỉ đọc: không cập nhật, không SERVICE, FROM hay FROM NAMED. Mỗi câu truy vấn chạy tối đa {timeout:g} "
        f"giây; kết quả có tối đa {max_rows} dòng hoặc bộ ba, và báo khi bị cắt bớt (X-SPARQL-Truncated).",
        language="vi"))


def service_description(endpoint: str, fmt: ResultFormat = GRAPH_FORMATS[0], *, timeout: float = 30.0,
                        max_rows: int = 10_000) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint at the URL ``endpoint``, in ``fmt`` (Turtle).

    >>> turtle = service_description("http://localhost:8000/sparql").decode()
    >>> "<http://localhost:8000/sparql#service> a sd:Service" in turtle, "sd:UnionDefaultGraph" in turtle
    (True, True)
    """
    prefixes = {"sd": _SD, "formats": _FORMATS_NS, "rdfs": PREFIXES["rdfs"], "dcterms": "http://purl.org/dc/terms/"}
    triples = list(_triples(endpoint, timeout, max_rows))
    return ox.serialize(triples, format=_RDF_FORMAT[fmt.name],
                        prefixes=prefixes if fmt.name != "nt" else None) or b""
