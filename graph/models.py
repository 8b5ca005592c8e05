"""What the reader extracts: small frozen records, each carrying the span of text it came from.

Spans (``start``, ``end``) are offsets in the *cleaned* text; :func:`graph.extract.extract` maps them
back to the original file when it builds the evidence of a record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "RELATION_STRENGTH",
    "Campaign",
    "DocRef",
    "DocumentIdentity",
    "Reference",
    "Relation",
    "Signer",
    "Span",
    "Target",
    "Task",
]

# Strongest first: when one document is cited several ways, the strongest relation is kept.
RELATION_STRENGTH = ("based_on", "implements", "guides", "amends", "replaces", "repeals", "cites")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the cleaned text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document as one text names it: type, số ký hiệu, date, issuer, scope, title."""

    type: str | None
    number: str | None
    date: dt.date | None = None
    year: int | None = None
    issuer: str | None = None
    scope: str | None = None
    title: str | None = None
    number_in_text: bool = True


@dataclass(frozen=True, slots=True)
class Reference:
    """One mention of another document, with how this document relates to it."""

    target: DocRef
    relation: str
    span: Span
    title_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two other documents that the text states ('NĐ 98 quy định chi tiết … Luật')."""

    subject: DocRef
    relation: str
    object: DocRef
    span: Span


@dataclass(frozen=True, slots=True)
class Campaign:
    """A phong trào thi đua (or movement) named in the text; ``launches`` when this document launches it."""

    name: str
    relation: str
    span: Span
    period: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """Who must do what by when: lead and partner agencies, the due time as written."""

    text: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    due: str | None
    span: Span
    due_by: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """A quantified target: 'Tỷ lệ che phủ rừng: 59,2%' -> ('Tỷ lệ che phủ rừng', '=', 59.2, '%')."""

    indicator: str
    comparator: str
    value: float
    unit: str
    span: Span


@dataclass(frozen=True, slots=True)
class Signer:
    """The signing block: capacity (TM./KT./TL./TUQ./Q.), position, name."""

    name: str | None
    position: str | None
    capacity: str | None


@dataclass(frozen=True, slots=True)
class DocumentIdentity:
    """What the document says of itself: its header, heading, annex line and signing block."""

    ref: DocRef
    place: str | None = None
    signer: Signer | None = None
    addressees: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    year_inferred: bool = False
    parent_issuer: str | None = None  # the authority above the issuer in the header ('UBND tỉnh X' over 'Sở Nội vụ')
    spans: dict[str, Span] = field(default_factory=dict, compare=False)
