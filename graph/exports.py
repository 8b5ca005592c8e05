"""Files for other programs, well formed whatever the data holds: GraphML and GEXF (Gephi, yEd), RDF/XML, and CSV
for Excel.

Text pasted from broken PDFs can hold characters XML 1.0 cannot (C0 controls but tab, new line and CR; U+FFFE,
U+FFFF; lone surrogates) or discourages (DEL and the C1 controls): in every XML file written here each becomes
U+FFFD, in node keys, labels, attributes and literals alike, so any XML parser reads the file.

CSV is UTF-8 with a byte-order mark (Excel then reads Vietnamese), one header row, CRLF line ends, the same
characters made U+FFFD (tab, new line and CR stay, quoted); a cell that starts with ``=``, ``+``, ``-``, ``@`` (or
their full-width forms), a tab or a CR is written after an apostrophe, so a spreadsheet shows it as text and runs
no formula (OWASP, "CSV Injection"): ``=HYPERLINK(…)`` stays words.

>>> xml_text("Kế hoạch\\x00 số\\x1f 1\\ufffe")
'Kế hoạch\\ufffd số\\ufffd 1\\ufffd'
>>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-1"), csv_cell("Sở Nội vụ")
('\\'=HYPERLINK("http://x")', "'-1", 'Sở Nội vụ')
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import pyoxigraph as ox

if TYPE_CHECKING:  # networkx is imported where a graph is written: the SPARQL workers use only xml_bytes
    import networkx as nx

__all__ = ["DOCUMENT_COLUMNS", "TASK_COLUMNS", "csv_cell", "csv_table", "document_rows", "documents_csv", "gexf",
           "graphml", "rdf_xml", "tasks_csv", "xml_bytes", "xml_text"]

Graph: TypeAlias = "nx.DiGraph[str]"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_XML_UTF8 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]")
_FORMULA_START = tuple("=+-@\t\r＝＋－＠")


def xml_text(value: str) -> str:
    """``value`` with every character XML 1.0 cannot hold (or discourages) made U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def xml_bytes(data: bytes) -> bytes:
    """Serialized UTF-8 XML (Oxigraph's RDF/XML writes literals as they are) with those characters made U+FFFD:
    they are whole bytes of UTF-8 that never occur inside another character's bytes."""
    return _NOT_XML_UTF8.sub("\ufffd".encode(), data)


def _xml_safe_graph(g: Graph, label: bool = False) -> Graph:
    """A copy of ``g`` with every key and string attribute XML-safe (None attributes left out); ``label``: each
    document also gets a ``label`` ('Kế hoạch 503/KH-UBND'), which Gephi shows."""
    import networkx as nx

    safe: Graph = nx.DiGraph()
    for key, data in g.nodes(data=True):
        attributes = {name: xml_text(v) if isinstance(v, str) else v for name, v in data.items()
                      if v is not None and not (label and name == "key")}  # GEXF: the key is the node's id
        if label:
            attributes["label"] = xml_text(" ".join(str(data.get(f) or "") for f in ("type", "number")).strip()
                                           or str(data.get("title") or key))
        safe.add_node(xml_text(key), **attributes)
    for a, b, data in g.edges(data=True):
        safe.add_edge(xml_text(a), xml_text(b),
                      **{name: xml_text(v) if isinstance(v, str) else v for name, v in data.items() if v is not None})
    return safe


def rdf_xml(nquads: bytes, prefixes: Mapping[str, str] | None = None) -> bytes:
    """The union of the named graphs of an N-Quads dump as RDF/XML (which has no named graphs), triples in order."""
    triples = sorted({q.triple for q in ox.parse(nquads, ox.RdfFormat.N_QUADS)}, key=str)
    return xml_bytes(ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=dict(prefixes or {})) or b"")


def graphml(g: Graph) -> str:
    """GraphML for yEd and Gephi."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(_xml_safe_graph(g)))


def gexf(g: Graph) -> str:
    """GEXF 1.2 for Gephi, each document labelled with its type and number."""
    import networkx as nx

    return "\n".join(nx.generate_gexf(_xml_safe_graph(g, label=True)))


# --- CSV -------------------------------------------------------------------------------------------------------

DOCUMENT_COLUMNS = ("key", "type", "number", "date", "year", "issuer", "scope", "title", "stub", "source")
TASK_COLUMNS = ("due_by", "due", "text", "document", "number", "type", "issuer", "scope", "source", "start", "end")


def csv_cell(value: object) -> str:
    """One cell: empty for None, 'true'/'false' for booleans, the characters of :func:`xml_text` made U+FFFD; text
    that a spreadsheet would take for a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = xml_text(str(value))  # NUL and the other controls (which break readers), lone surrogates: U+FFFD
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file for Excel: UTF-8 with a byte-order mark, a header row, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def document_rows(g: Graph) -> list[dict[str, Any]]:
    """Every document of the citation graph (own ones before stubs, then by key), as the API's Document."""
    keys = sorted(g, key=lambda k: (bool(g.nodes[k].get("stub")), k))
    return [{"key": k} | {c: g.nodes[k].get(c) for c in DOCUMENT_COLUMNS[1:]} for k in keys]


def documents_csv(documents: Iterable[Mapping[str, Any]]) -> bytes:
    """Documents (the API's Document objects, or :func:`document_rows`) as CSV."""
    return csv_table(DOCUMENT_COLUMNS, ([d.get(c) for c in DOCUMENT_COLUMNS] for d in documents))


def tasks_csv(tasks: Iterable[Mapping[str, Any]]) -> bytes:
    """Tasks (the API's Task objects with their document) as CSV, one row each."""
    def row(task: Mapping[str, Any]) -> list[object]:
        doc, evidence = task.get("document") or {}, task.get("evidence") or {}
        return [task.get("due_by"), task.get("due"), task.get("text"), doc.get("key"), doc.get("number"),
                doc.get("type"), doc.get("issuer"), doc.get("scope"), evidence.get("source"), evidence.get("start"),
                evidence.get("end")]
    return csv_table(TASK_COLUMNS, (row(t) for t in tasks))
