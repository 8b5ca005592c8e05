"""Stage 4, RDF: one extraction becomes the named graph of its document.

Every node has a deterministic IRI (no blank nodes), so the same text always gives the same triples and a
corpus ingested in any order gives the same graph. Nothing about the ingest run (times, paths) goes in.

>>> from graph.extract import extract
>>> doc = to_rdf(extract("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, UBND tỉnh Lai Châu …"))
>>> (doc.iri, LDO.implements, Iris().document("vn/2016/05-ct-tw")) in doc.graph
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV

from graph.extract import Extraction
from graph.find.identity import sentence_case
from graph.keys import (
    NAMED_TYPES,
    Iris,
    agency_key,
    agency_scope,
    campaign_key,
    canonical_agency_name,
    document_key,
    type_iri,
)
from graph.models import DocRef, Span
from graph.namespaces import ELI, LDO
from graph.records import evidence
from graph.text import squash

__all__ = ["RELATION_PROPERTY", "DocumentGraph", "Resolver", "nt", "to_rdf"]

# Relation names of the extraction schema -> the typed property; every edge also asserts eli:cites.
RELATION_PROPERTY: dict[str, URIRef | None] = {
    "based_on": LDO.basedOn, "implements": LDO.implements, "guides": LDO.guides, "amends": LDO.amends,
    "replaces": LDO.replaces, "repeals": LDO.repeals, "cites": None,
}

Resolver = Callable[[DocRef], str]
"""Gives the key of the document a reference names; the ingest passes one that knows the store."""


Triple = tuple[URIRef, URIRef, URIRef | Literal]


@dataclass(frozen=True)
class DocumentGraph:
    """The named graph of one source document: its key, its IRI, the graph's IRI and the triples.

    ``named_laws`` pairs each law the text cites by number *and* name with the key the name alone gives it
    (``vn/2022/luat-thi-dua-khen-thuong``): a stub of that key is this law.
    """

    key: str
    iri: URIRef
    graph_iri: URIRef
    triples: tuple[Triple, ...]
    source_name: str
    ref: DocRef
    named_laws: tuple[tuple[URIRef, str], ...] = ()

    @cached_property
    def nquads(self) -> bytes:
        """The triples as N-Quads in the document's named graph, the bulk loader's input (made once, in the
        worker that read the file, and sent with it)."""
        graph = f"<{self.graph_iri}> .\n"
        return "".join(f"{nt(s)} {nt(p)} {nt(o)} {graph}" for s, p, o in self.triples).encode()

    @cached_property
    def graph(self) -> Graph:
        """The triples as an rdflib :class:`~rdflib.Graph` (made when first asked for)."""
        out = Graph()
        for triple in self.triples:
            out.add(triple)
        return out


def to_rdf(ex: Extraction, resolve: Resolver = document_key, iris: Iris | None = None) -> DocumentGraph:
    """Map one :class:`~graph.extract.Extraction` to RDF; ``resolve`` turns cited references into keys."""
    iris = iris or Iris()
    ref = ex.document.ref
    key = document_key(ref)
    builder = _Builder(ex, iris, iris.document(key), resolve)
    builder.document(key)
    builder.references()
    builder.campaigns()
    builder.tasks()
    builder.targets()
    return DocumentGraph(key, builder.doc, iris.graph(key), tuple(builder.triples), ex.source, ref,
                         tuple(builder.named_laws.items()))


_IRI_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x21), *map(ord, '<>"{}|^`\\'))}
_STRING_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_XSD_STRING = str(XSD.string)


def nt(term: URIRef | Literal) -> str:
    r"""A term in N-Triples syntax (what Oxigraph writes for it).

    >>> print(nt(URIRef("urn:x")), nt(Literal('say "hi"\n', lang="vi")), nt(Literal("2024-01-05", datatype=XSD.date)))
    <urn:x> "say \"hi\"\n"@vi "2024-01-05"^^<http://www.w3.org/2001/XMLSchema#date>
    """
    if isinstance(term, URIRef):
        return f"<{str(term).translate(_IRI_ESCAPES)}>"
    lexical = f'"{str(term).translate(_STRING_ESCAPES)}"'
    if term.language:
        return f"{lexical}@{term.language}"
    if term.datatype is not None and str(term.datatype) != _XSD_STRING:
        return f"{lexical}^^{nt(term.datatype)}"
    return lexical


def _date(value: dt.date | None) -> Literal | None:
    return Literal(value.isoformat(), datatype=XSD.date) if value else None


def _decimal(value: float) -> Literal:
    """xsd:decimal in its canonical form ('100', '59.2'), as stores write it back."""
    return Literal(format(Decimal(str(value)).normalize(), "f"), datatype=XSD.decimal)


_MONTH_YEAR = re.compile(r"^(?:trước\s+|trong\s+|đến\s+)?tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*((?:19|20)\d{2}))?\s*$",
                         re.IGNORECASE)


def _due(text: str | None, by: dt.date | None, year: int | None) -> Literal | None:
    """The due time as a date, or as a month: 'trước tháng 6/2024' -> 2024-06 (xsd:gYearMonth); a month
    without a year ('Tháng 6' in a plan's table) is in the plan's year."""
    if by:
        return _date(by)
    m = _MONTH_YEAR.match(text.strip()) if text else None
    if m and 1 <= int(m.group(1)) <= 12 and (m.group(2) or year):
        return Literal(f"{m.group(2) or year}-{int(m.group(1)):02d}", datatype=XSD.gYearMonth)
    return None


class _Builder:
    def __init__(self, ex: Extraction, iris: Iris, doc: URIRef, resolve: Resolver) -> None:
        self.ex, self.iris, self.doc, self.resolve = ex, iris, doc, resolve
        self.triples: dict[Triple, None] = {}  # an ordered set
        self.named_laws: dict[URIRef, str] = {}
        self.scope = ex.document.ref.scope
        original = ex.cleaned.original.encode("utf-8", "surrogatepass")
        self.source = iris.source(hashlib.sha256(original).hexdigest())

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None and (not isinstance(o, Literal) or str(o) != ""):
            self.triples[(s, p, o)] = None

    def text(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value:
            self.add(s, p, Literal(value, lang="vi"))

    # --- documents ----------------------------------------------------------------------------

    def document(self, key: str) -> None:
        ident = self.ex.document
        self.describe(self.doc, ident.ref, key)
        self.add(self.doc, LDO.source, self.source)
        self.add(self.source, RDF.type, LDO.SourceText)
        self.add(self.source, LDO.fileName, Literal(self.ex.source))
        self.add(self.source, LDO.sha256, Literal(str(self.source).rsplit("/", 1)[1]))
        self.text(self.doc, LDO.place, ident.place)
        self.parent_issuer(ident.ref, ident.parent_issuer)
        if ident.year_inferred:
            self.add(self.doc, LDO.yearInferred, Literal(True))
        if signer := ident.signer:
            self.text(self.doc, LDO.signerName, signer.name)
            self.text(self.doc, LDO.signerPosition, signer.position)
            self.add(self.doc, LDO.signingCapacity, Literal(signer.capacity) if signer.capacity else None)
        for name in ident.addressees:
            self.add(self.doc, LDO.addressee, self.agency(name))
        for name in ident.recipients:
            if _is_note(name):
                self.text(self.doc, LDO.recipientNote, name)
            else:
                self.add(self.doc, LDO.recipient, self.agency(name))

    def describe(self, node: URIRef, ref: DocRef, key: str) -> None:
        """What a text says of a document: its own header, or a citation of it."""
        self.add(node, RDF.type, ELI.LegalResource)
        self.add(node, LDO.key, Literal(key))
        self.add(node, ELI.id_local, Literal(ref.number) if ref.number else None)
        self.add(node, ELI.date_document, _date(ref.date))
        self.add(node, LDO.year, Literal(ref.year) if ref.year else None)
        self.add(node, ELI.type_document, type_iri(ref.type))
        self.text(node, ELI.title, ref.title)
        self.add(node, LDO.scope, Literal(ref.scope) if ref.scope else None)
        if ref.issuer:
            self.text(node, LDO.issuerName, ref.issuer)
            self.add(node, ELI.passed_by, self.agency(ref.issuer, ref.scope))
        if ref.type in NAMED_TYPES and ref.title:
            self.add(node, LDO.titleKey, Literal(squash(ref.title)))
            if ref.number:
                self.named_laws[node] = document_key(replace(ref, number=None))

    def parent_issuer(self, ref: DocRef, parent: str | None) -> None:
        """The authority above the issuer in the header ('UBND tỉnh Quảng Ngãi' over 'Sở Nội vụ'): the issuing
        agency is ``org:subOrganizationOf`` it."""
        if not parent:
            return
        self.text(self.doc, LDO.parentIssuerName, parent)
        if ref.issuer:
            issuer, above = self.agency(ref.issuer, ref.scope), self.agency(parent, ref.scope)
            if issuer != above:
                self.add(issuer, ORG.subOrganizationOf, above)

    def cited(self, ref: DocRef) -> URIRef:
        key = self.resolve(ref)
        node = self.iris.document(key)
        self.describe(node, ref, key)
        return node

    # --- references ---------------------------------------------------------------------------

    def references(self) -> None:
        for i, ref in enumerate(self.ex.references, 1):
            target = self.cited(ref.target)
            self.edge(f"citation/{i}", self.doc, ref.relation, target, ref.span, ref.target.number_in_text)
        for i, rel in enumerate(self.ex.relations, 1):
            subject, obj = self.cited(rel.subject), self.cited(rel.object)
            self.edge(f"relation/{i}", subject, rel.relation, obj, rel.span, None)

    def edge(self, name: str, citing: URIRef, relation: str, cited: URIRef, span: Span,
             number_in_text: bool | None) -> None:
        prop = RELATION_PROPERTY[relation]
        self.add(citing, ELI.cites, cited)
        if prop:
            self.add(citing, prop, cited)
        node = self.child(name)
        self.add(node, RDF.type, LDO.Citation)
        self.add(node, LDO.citing, citing)
        self.add(node, LDO.cited, cited)
        self.add(node, LDO.relation, prop or ELI.cites)
        self.add(node, LDO.statedBy, self.doc)
        if number_in_text is not None:
            self.add(node, LDO.numberInText, Literal(number_in_text))
        self.add(node, LDO.evidence, self.evidence(name, span))

    def child(self, name: str) -> URIRef:
        return URIRef(f"{self.doc}/{name}")

    def evidence(self, name: str, span: Span) -> URIRef:
        found = evidence(self.ex, span)
        node = self.child(f"{name}/evidence")
        self.add(node, RDF.type, LDO.Evidence)
        self.add(node, LDO.start, Literal(found["start"]))
        self.add(node, LDO.end, Literal(found["end"]))
        self.text(node, LDO.sentence, found["text"])
        self.text(node, LDO.mention, found["mention"])
        self.add(node, PROV.wasDerivedFrom, self.source)
        return node

    # --- agencies, campaigns, tasks, targets --------------------------------------------------

    def agency(self, name: str, scope: str | None = None) -> URIRef:
        written = " ".join(name.split())
        key = agency_key(written, scope or self.scope)
        node = self.iris.agency(key)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, LDO.key, Literal(key))
        self.add(node, LDO.scope, Literal(s) if (s := agency_scope(written, scope or self.scope)) else None)
        label = canonical_agency_name(written)
        self.add(node, SKOS.prefLabel, Literal(sentence_case(label) if label.isupper() else label, lang="vi"))
        if written != label:
            self.add(node, SKOS.altLabel, Literal(written, lang="vi"))
        return node

    def campaigns(self) -> None:
        for i, campaign in enumerate(self.ex.campaigns, 1):
            node = self.iris.campaign(campaign_key(campaign.name))
            self.add(node, RDF.type, LDO.Campaign)
            self.text(node, SKOS.prefLabel, campaign.name)
            prop = LDO.launches if campaign.relation == "launches" else LDO.mentionsCampaign
            self.add(self.doc, prop, node)
            mention = self.child(f"campaign/{i}")
            self.add(mention, RDF.type, LDO.CampaignMention)
            self.add(mention, LDO.document, self.doc)
            self.add(mention, LDO.campaign, node)
            self.add(mention, LDO.relation, prop)
            self.add(mention, LDO.period, Literal(campaign.period) if campaign.period else None)
            self.add(mention, LDO.evidence, self.evidence(f"campaign/{i}", campaign.span))

    def tasks(self) -> None:
        for i, task in enumerate(self.ex.tasks, 1):
            node = self.child(f"task/{i}")
            self.add(self.doc, LDO.assigns, node)
            self.add(node, RDF.type, LDO.Task)
            self.text(node, LDO.description, task.text)
            for name in task.lead:
                self.add(node, LDO.lead, self.agency(name))
            for name in task.partners:
                self.add(node, LDO.partner, self.agency(name))
            self.text(node, LDO.dueText, task.due)
            self.add(node, LDO.due, _due(task.due, task.due_by, self.ex.document.ref.year))
            self.add(node, LDO.evidence, self.evidence(f"task/{i}", task.span))

    def targets(self) -> None:
        for i, target in enumerate(self.ex.targets, 1):
            node = self.child(f"target/{i}")
            self.add(self.doc, LDO.setsTarget, node)
            self.add(node, RDF.type, LDO.Target)
            self.text(node, LDO.indicator, target.indicator)
            self.add(node, LDO.comparator, Literal(target.comparator))
            self.add(node, LDO.value, _decimal(target.value))
            self.add(node, LDO.unit, Literal(target.unit) if target.unit else None)
            self.add(node, LDO.evidence, self.evidence(f"target/{i}", target.span))


_NOTE = re.compile(r"^(?:như trên|lưu\b|lưu:|lưu trữ)", re.IGNORECASE)


def _is_note(name: str) -> bool:
    """'Như trên', 'Lưu: VT, TH' in a Nơi nhận list are filing notes, not agencies."""
    return bool(_NOTE.match(name.strip()))
