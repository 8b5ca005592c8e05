"""Canonical keys and IRIs: one readable ASCII key per real document, agency and campaign.

A document's key is (scope, year, số ký hiệu): administrative and Party numbers restart every year for
each issuing body, so ``01/CT-UBND`` names a different Chỉ thị in every province and every year.

>>> from graph.models import DocRef
>>> document_key(DocRef("Chỉ thị", "01/CT-UBND", year=2024, scope="Lào Cai"))
'lao-cai/2024/01-ct-ubnd'
>>> document_key(DocRef("Luật", "06/2022/QH15", year=2022, scope="VN"))
'vn/2022/06-2022-qh15'
>>> agency_key("Sở Nội vụ tỉnh Lào Cai", "Lai Châu"), agency_key("UBND tỉnh", "Lào Cai")
('lao-cai/so-noi-vu', 'lao-cai/uy-ban-nhan-dan')
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rdflib import URIRef

from graph.models import DocRef
from graph.namespaces import LDT
from graph.symbols import normalize_number
from graph.text import fold, squash
from graph.vocab import expand_abbreviations, find_province, is_national_issuer

__all__ = ["DEFAULT_BASE", "NAMED_TYPES", "Iris", "agency_key", "agency_scope", "campaign_key",
           "canonical_agency_name", "document_key", "scope_slug", "slug", "type_iri"]

# Types cited by name ('Luật Thi đua, khen thưởng năm 2022'): type, title and year identify them.
NAMED_TYPES = frozenset({"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"})
DEFAULT_BASE = "https://w3id.org/luocdo/id/"
UNKNOWN = "unknown"
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SUBJECT_LEAD = re.compile(r"^(?:v-v-|ve-viec-|ve-)")  # 'V/v …', 'Về việc …' open a trích yếu
_MAX_SLUG = 72


def slug(text: str, limit: int = _MAX_SLUG) -> str:
    """ASCII, lower case, words joined by '-'; a long text is cut and keeps a short hash of the whole.

    >>> slug("Sở Nội vụ"), slug("98/2023/NĐ-CP"), slug("BNN&PTNT")
    ('so-noi-vu', '98-2023-nd-cp', 'bnn-ptnt')
    """
    result = _NOT_ALNUM.sub("-", fold(text)).strip("-")
    if len(result) <= limit:
        return result
    return result[:limit - 9].rstrip("-") + "-" + _digest(result)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:8]


def scope_slug(scope: str | None) -> str:
    """'VN' -> 'vn', 'Lào Cai' -> 'lao-cai', unknown -> 'unknown'."""
    return slug(scope) if scope else UNKNOWN


def document_key(ref: DocRef) -> str:
    """The document's key: scope/year/number, or scope/year/type-title-hash for a document without a number."""
    year = str(ref.year) if ref.year else UNKNOWN
    head = f"{scope_slug(ref.scope)}/{year}/"
    if ref.number:
        return head + slug(normalize_number(ref.number))
    if ref.type in NAMED_TYPES and ref.title:
        title = ref.title if fold(ref.title).startswith(fold(ref.type)) else f"{ref.type} {ref.title}"
        return head + slug(title)
    kind = slug(ref.type or "Văn bản")
    title = _SUBJECT_LEAD.sub("", slug(ref.title or "", 1000))[:32].rstrip("-")
    digest = _digest(squash(ref.issuer or ""), ref.date.isoformat() if ref.date else "", squash(ref.title or ""))
    return head + "-".join(p for p in (kind, title, digest) if p)


_PROVINCE_NAMED = re.compile(r"\s+(?:tinh|thanh pho|tp\.?)\s+(.+)$")
_LEVEL_TAIL = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)$", re.IGNORECASE)


def agency_scope(name: str, default: str | None) -> str | None:
    """The scope an agency belongs to: the province it names, 'VN' for a national body, else ``default``."""
    if province := find_province(name):
        return province
    return "VN" if is_national_issuer(name) else default


def canonical_agency_name(name: str) -> str:
    """The agency's name with abbreviations expanded and its province left out: 'UBND tỉnh Lào Cai' ->
    'Ủy ban nhân dân'."""
    expanded = " ".join(expand_abbreviations(name).split())
    province = find_province(expanded)
    tail = _PROVINCE_NAMED.search(fold(expanded)) if province else None
    if province and tail and tail.group(1).startswith(fold(province).split()[0]):
        expanded = expanded[:tail.start()]
    return _LEVEL_TAIL.sub("", expanded).strip()


def agency_key(name: str, default_scope: str | None) -> str:
    """Agencies are scoped to their province: Sở Nội vụ of Lào Cai is not Sở Nội vụ of Lai Châu."""
    return f"{scope_slug(agency_scope(name, default_scope))}/{slug(canonical_agency_name(name))}"


def campaign_key(name: str) -> str:
    """Campaigns keep one key across provinces: the same phong trào launched in two provinces is one node."""
    return slug(name)


def type_iri(doc_type: str | None) -> URIRef:
    """The SKOS concept of a document type: 'Chỉ thị' -> ``ldt:chi-thi``."""
    return LDT[slug(doc_type or "Văn bản")]


@dataclass(frozen=True, slots=True)
class Iris:
    """IRIs of the data under one base: documents, their named graphs, agencies, campaigns, sources.

    >>> Iris("https://example.org/").document("lao-cai/2024/01-ct-ubnd")
    rdflib.term.URIRef('https://example.org/doc/lao-cai/2024/01-ct-ubnd')
    """

    base: str = DEFAULT_BASE

    def document(self, key: str) -> URIRef:
        return URIRef(f"{self.base}doc/{key}")

    def graph(self, key: str) -> URIRef:
        return URIRef(f"{self.base}graph/{key}")

    def agency(self, key: str) -> URIRef:
        return URIRef(f"{self.base}org/{key}")

    def campaign(self, key: str) -> URIRef:
        return URIRef(f"{self.base}campaign/{key}")

    def source(self, sha256: str) -> URIRef:
        return URIRef(f"{self.base}source/{sha256}")

    def key_of(self, iri: str) -> str | None:
        """The key of a document IRI, or None for any other IRI."""
        prefix = f"{self.base}doc/"
        return iri[len(prefix):] if iri.startswith(prefix) else None
