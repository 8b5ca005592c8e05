"""Extraction records as JSON (``../shared/spec/extraction.schema.json``), evidence spans in the original file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.extract import Extraction
from graph.models import DocRef, Span

__all__ = ["evidence", "to_record"]


def _doc(ref: DocRef) -> dict[str, Any]:
    return {"type": ref.type, "number": ref.number, "date": ref.date.isoformat() if ref.date else None,
            "year": ref.year, "issuer": ref.issuer, "scope": ref.scope, "title": ref.title}


SENTENCE_REACH = 2000
"""How far the sentence of an evidence is read each side of the mention: a line of a megabyte with no full stop
is no sentence, and is not read again for each mention on it."""


def evidence(ex: Extraction, span: Span) -> dict[str, Any]:
    """The span in the original file, and the sentence around it (cleaned) for a clerk to check."""
    text = ex.cleaned.text
    low, high = max(0, span.start - SENTENCE_REACH), span.end + SENTENCE_REACH
    breaks = (text.rfind(". ", low, span.start), text.rfind("; ", low, span.start))
    left = max([low, text.rfind("\n", low, span.start) + 1, *(at + 2 for at in breaks if at >= 0)])
    right_candidates = [i for i in (text.find("\n", span.end, high), text.find(". ", span.end, high + 1)) if i >= 0]
    right = min(right_candidates, default=min(len(text), high))
    start, end = ex.cleaned.to_original(span.start, span.end)
    return {"source": ex.source, "start": start, "end": end, "text": text[left:right + 1].strip(),
            "mention": text[span.start:span.end]}


def to_record(ex: Extraction, *, with_text: bool = True) -> dict[str, Any]:
    """One JSON-ready record of an :class:`~graph.extract.Extraction`."""
    ident = ex.document
    document = _doc(ident.ref) | {
        "place": ident.place,
        "signer": None if ident.signer is None else {"name": ident.signer.name, "position": ident.signer.position,
                                                      "capacity": ident.signer.capacity},
        "addressees": list(ident.addressees),
        "recipients": list(ident.recipients),
        "year_inferred": ident.year_inferred,
    }
    record: dict[str, Any] = {
        "source": ex.source,
        "document": document,
        "references": [_doc(r.target) | {"relation": r.relation, "number_in_text": r.target.number_in_text,
                                         "evidence": evidence(ex, r.span)} for r in ex.references],
        "relations": [{"subject": _doc(r.subject), "relation": r.relation, "object": _doc(r.object),
                       "evidence": evidence(ex, r.span)} for r in ex.relations],
        "campaigns": [{"name": c.name, "relation": c.relation, "period": c.period, "evidence": evidence(ex, c.span)}
                      for c in ex.campaigns],
        "tasks": [{"text": t.text, "lead": list(t.lead), "partners": list(t.partners), "due": t.due,
                   "due_by": _iso(t.due_by), "evidence": evidence(ex, t.span)} for t in ex.tasks],
        "targets": [{"indicator": t.indicator, "comparator": t.comparator, "value": t.value, "unit": t.unit,
                     "evidence": evidence(ex, t.span)} for t in ex.targets],
    }
    if with_text:
        record["text"] = ex.cleaned.text
    return record


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
