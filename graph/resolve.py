"""Stage 3, resolve: turn raw mentions into documents — type from the symbol, issuer made explicit, scope,
laws resolved to their number through the registry — and keep one reference per distinct document.

>>> from graph.models import DocRef
>>> context = Context(province="Lào Cai", date=None, year=2024, national=False)
>>> resolve_issuer("UBND tỉnh", context)
'UBND tỉnh Lào Cai'
>>> resolve_issuer("Chủ tịch Ủy ban nhân dân tỉnh", context)
'Ủy ban nhân dân tỉnh Lào Cai'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.find.references import Mention
from graph.models import RELATION_STRENGTH, DocRef
from graph.registry import default_registry
from graph.symbols import parse_symbol
from graph.vocab import GENERIC_TYPES, find_province, is_national_issuer

__all__ = ["Context", "merge_refs", "resolve_issuer", "resolve_mention"]

_ISSUER_BY_CODE = {"CP": "Chính phủ", "TTG": "Thủ tướng Chính phủ", "VPCP": "Văn phòng Chính phủ",
                   "UBTVQH": "Ủy ban Thường vụ Quốc hội", "CTN": "Chủ tịch nước"}
_LOCAL_ORG = {"UBND": "UBND", "HĐND": "HĐND", "TU": "Tỉnh ủy"}
_CHAIRMAN = re.compile(r"^Chủ tịch\s+(?=Ủy ban nhân dân|UBND)")
_TERM = re.compile(r"\s+khóa\s+[IVXL]+$")
_ENDS_IN_PROVINCE_LEVEL = re.compile(r"(?:\btỉnh|\bTỉnh ủy|\bthành phố)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Context:
    """What the citing document tells about the documents it cites."""

    province: str | None
    date: dt.date | None
    year: int | None
    national: bool


def resolve_issuer(issuer: str | None, context: Context) -> str | None:
    """Make the jurisdiction explicit: 'UBND tỉnh' in a Lào Cai document is 'UBND tỉnh Lào Cai'."""
    if not issuer:
        return None
    issuer = _CHAIRMAN.sub("", issuer.strip())
    issuer = _TERM.sub("", issuer)
    if context.province and _ENDS_IN_PROVINCE_LEVEL.search(issuer) and not find_province(issuer):
        issuer = f"{issuer} {context.province}"
    return issuer


def resolve_mention(mention: Mention, context: Context) -> DocRef:
    """One mention as a document reference, with type, year, issuer and scope worked out."""
    return _resolved(mention.type, mention.number, mention.date, mention.year, mention.issuer, mention.title,
                     mention.law, mention.number_in_text, context)


@lru_cache(maxsize=4096)  # a document cites the same documents again and again, and so do documents one another
def _resolved(mention_type: str | None, number: str | None, mention_date: object, mention_year: int | None,
              mention_issuer: str | None, title: str | None, cited_law: bool, number_in_text: bool,
              context: Context) -> DocRef:
    symbol = parse_symbol(number) if number else None
    doc_type = mention_type
    if symbol and symbol.type and (doc_type is None or doc_type in GENERIC_TYPES):
        doc_type = symbol.type
    date = mention_date if isinstance(mention_date, dt.date) else None
    year = date.year if date else (symbol.year if symbol and symbol.year else mention_year)
    issuer = resolve_issuer(mention_issuer, context)
    law = None
    registry = default_registry()
    if number:
        law = registry.by_number(number)
    elif cited_law and title:
        as_of = context.date or (dt.date(context.year, 12, 31) if context.year else None)
        law = registry.lookup(title, year=mention_year if date is None else None, on=date, as_of=as_of)
    if law is not None:
        number = number or law.number
        date = date or law.date
        year = year or (law.date.year if law.date else None)
        issuer = issuer or law.issuer
        doc_type = law.type
        title = title if title and law.number else law.title  # no number: its one title tells it from the others
    if issuer is None and symbol:
        issuer = _issuer_from_symbol(symbol.orgs, context)
    scope = _scope(issuer, symbol.orgs if symbol else (), doc_type, context)
    return DocRef(doc_type or "Văn bản", number, date, year, issuer, scope, title, number_in_text)


def _issuer_from_symbol(orgs: tuple[str, ...], context: Context) -> str | None:
    for org in orgs:
        if org.upper() in _ISSUER_BY_CODE:
            return _ISSUER_BY_CODE[org.upper()]
        if org.upper().startswith("QH"):
            return "Quốc hội"
        if org in _LOCAL_ORG and context.province and not context.national:
            return f"{_LOCAL_ORG[org]} tỉnh {context.province}" if org != "TU" else f"Tỉnh ủy {context.province}"
    return None


def _scope(issuer: str | None, orgs: tuple[str, ...], doc_type: str | None, context: Context) -> str | None:
    if doc_type in ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch"):
        return "VN"
    national = is_national_issuer(issuer, orgs)
    if national:
        return "VN"
    named = find_province(issuer) if issuer else None
    if named:
        return named
    if national is False:
        return context.province
    return None


def merge_refs(first: DocRef, other: DocRef) -> DocRef:
    """Fill what one mention lacks from another mention of the same document."""
    updates = {name: getattr(other, name) for name in ("date", "year", "issuer", "scope", "title")
               if getattr(first, name) is None and getattr(other, name) is not None}
    if first.type in GENERIC_TYPES and other.type not in GENERIC_TYPES:
        updates["type"] = other.type
    return replace(first, **updates) if updates else first


def stronger(a: str, b: str) -> str:
    return a if RELATION_STRENGTH.index(a) <= RELATION_STRENGTH.index(b) else b
