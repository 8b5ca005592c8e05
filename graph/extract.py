"""The reader's main function: raw document text in, one :class:`Extraction` out.

text -> :func:`graph.clean.clean_text` -> finders (:mod:`graph.find`) -> :mod:`graph.resolve`.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from graph.clean import CleanText, clean_text
from graph.find.campaigns import find_campaigns
from graph.find.identity import find_identity
from graph.find.layout import Zones
from graph.find.references import Mention, find_mentions, inner_relation, relation_cue
from graph.find.targets import find_targets
from graph.find.tasks import find_tasks
from graph.models import Campaign, DocRef, DocumentIdentity, Reference, Relation, Span, Target, Task
from graph.regexes import YEAR_SPOKEN
from graph.resolve import Context, merge_refs, resolve_issuer, resolve_mention, stronger
from graph.vocab import find_province, is_national_issuer, province_mentions

__all__ = ["Extraction", "extract"]

_BARE_COUNCIL = re.compile(r"(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one source document; spans are in ``cleaned.text``."""

    source: str
    cleaned: CleanText
    document: DocumentIdentity
    references: tuple[Reference, ...]
    relations: tuple[Relation, ...]
    campaigns: tuple[Campaign, ...]
    tasks: tuple[Task, ...]
    targets: tuple[Target, ...]


def extract(text: str, source: str = "<text>") -> Extraction:
    """Read one document.

    >>> ex = extract("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, UBND tỉnh Lai Châu ban hành …")
    >>> [(r.target.number, r.target.scope, r.relation) for r in ex.references]
    [('05-CT/TW', 'VN', 'implements')]
    """
    cleaned = clean_text(text)
    body = cleaned.text
    identity, zones = find_identity(body)
    mentions = find_mentions(body, zones)
    context = _context(body, identity, mentions)
    identity = _resolve_identity(identity, context, mentions)
    references, relations = _references(body, mentions, zones, context, identity.ref)
    return Extraction(source, cleaned, identity, references, relations, tuple(find_campaigns(body)),
                      tuple(find_tasks(body)), tuple(find_targets(body)))


def _context(text: str, identity: DocumentIdentity, mentions: list[Mention]) -> Context:
    ref = identity.ref
    national = bool(is_national_issuer(ref.issuer)) if ref.issuer else False
    if ref.issuer and identity.parent_issuer and is_national_issuer(ref.issuer) is None:
        national = bool(is_national_issuer(identity.parent_issuer))  # 'Cục …' under 'BỘ Y TẾ'
    province = None if national else _province(text, identity)
    return Context(province, ref.date, ref.year or _infer_year(text, mentions), national)


def _province(text: str, identity: DocumentIdentity) -> str | None:
    for named in (identity.ref.issuer, identity.parent_issuer, identity.place):
        if named and (found := find_province(named)):
            return found
    counts = province_mentions(text)
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    runner_up = max((v for k, v in counts.items() if k != best), default=0.0)
    return best if counts[best] >= 2 and counts[best] >= 1.5 * runner_up else None


def _infer_year(text: str, mentions: list[Mention]) -> int | None:
    """A document without a date: the year it speaks of most ('năm 2024'), never before what it cites."""
    cited = [m.date.year for m in mentions if isinstance(m.date, dt.date)]
    floor = max(cited, default=None)
    spoken = sorted((m for pattern in YEAR_SPOKEN for m in pattern.finditer(text)), key=lambda m: m.start())
    years = Counter(int(m.group(1)) for m in spoken)
    candidates = [y for y, _ in years.most_common() if floor is None or y >= floor]
    return candidates[0] if candidates else floor


def _resolve_identity(identity: DocumentIdentity, context: Context, mentions: list[Mention]) -> DocumentIdentity:
    ref = identity.ref
    issuer = _resolve_body(ref.issuer, context)
    scope = "VN" if context.national else context.province
    year = ref.year or context.year
    resolved = replace(ref, issuer=issuer, scope=scope, year=year)
    return replace(identity, ref=resolved, year_inferred=ref.year is None and year is not None,
                   parent_issuer=_resolve_body(identity.parent_issuer, context))


def _resolve_body(name: str | None, context: Context) -> str | None:
    """A body of the header with its jurisdiction made explicit: a bare 'UBND' of a province's document is
    'UBND tỉnh …' of that province."""
    body = resolve_issuer(name, context)
    if body and _BARE_COUNCIL.fullmatch(body) and context.province:
        body = f"{body} tỉnh {context.province}"
    return body


def _references(text: str, mentions: list[Mention], zones: Zones, context: Context,
                own: DocRef) -> tuple[tuple[Reference, ...], tuple[Relation, ...]]:
    refs: list[Reference] = []
    relations: list[Relation] = []
    resolved = [resolve_mention(m, context) for m in mentions]
    outers = _outer_mentions(mentions)
    for i, outer in enumerate(outers):  # a law named in another document's title is the one of that document's time
        if outer is not None and mentions[i].law and mentions[i].number is None:
            resolved[i] = resolve_mention(mentions[i], _as_of(context, resolved[outer]))
    for i, (mention, target) in enumerate(zip(mentions, resolved, strict=True)):
        if _is_own(own, target):
            continue
        outer = outers[i]
        relation = "cites" if outer is not None else relation_cue(text, mention, zones)
        if outer is not None and (rel := inner_relation(text, mentions[outer], mention)):
            relations.append(Relation(resolved[outer], rel, target, Span(mentions[outer].start, mention.end)))
        refs.append(Reference(target, relation, Span(mention.start, mention.end),
                              Span(*mention.title_span) if mention.title_span else None))
    return tuple(_dedupe(refs)), tuple(_dedupe_relations(relations))


def _is_own(own: DocRef, target: DocRef) -> bool:
    """Whether a citation names the document itself: its number, and neither another date nor another year (a number
    restarts every year: the plan 15/KH-UBND of 2024 cites the plan 15/KH-UBND of 2023)."""
    if not (own.number and target.number and target.number.upper() == own.number.upper()):
        return False
    if own.date is not None and target.date is not None:
        return own.date == target.date
    return own.year is None or target.year is None or own.year == target.year


def _as_of(context: Context, ref: DocRef) -> Context:
    """The context of the time of ``ref``: 'Luật sửa đổi … của Luật Đất đai ngày 29/6/2024' amends the Luật Đất đai
    in force on 29/6/2024, whatever the date of the document citing both."""
    if ref.date is not None:
        return replace(context, date=ref.date, year=ref.date.year)
    return replace(context, date=None, year=ref.year) if ref.year is not None else context


def _outer_mentions(mentions: list[Mention]) -> list[int | None]:
    """For each mention, the first mention before it in whose summary it is named ('… về sửa đổi Nghị định
    số …'), or None.

    The mentions come in text order: a summary that has begun before a mention has begun before every later
    one, and one that has ended has ended for them too; so each summary goes into a heap when it begins and out
    when it ends, and a text of thousands of mentions is not read once per mention.
    """
    if any(a.start > b.start for a, b in itertools.pairwise(mentions)):  # never so from find_mentions
        return [next((j for j in range(i) if _inside(mentions[j], m)), None) for i, m in enumerate(mentions)]
    found: list[int | None] = []
    waiting: list[tuple[int, int, int]] = []  # (start, j, end): summaries not begun yet, by start
    begun: list[tuple[int, int]] = []  # (j, end): summaries begun, the first mention's on top
    for i, mention in enumerate(mentions):
        while waiting and waiting[0][0] <= mention.start:
            _, j, end = heapq.heappop(waiting)
            heapq.heappush(begun, (j, end))
        while begun and begun[0][1] <= mention.start:
            heapq.heappop(begun)
        found.append(begun[0][0] if begun else None)
        if mention.title_span is not None:
            start, end = mention.title_span
            heapq.heappush(waiting, (start, i, end))
    return found


def _inside(outer: Mention, inner: Mention) -> bool:
    return outer.title_span is not None and outer.title_span[0] <= inner.start < outer.title_span[1]


def _same_document(a: DocRef, b: DocRef) -> bool:
    if a.number and b.number:
        return a.number.upper() == b.number.upper() and (a.year is None or b.year is None or a.year == b.year)
    if a.number or b.number:
        return False
    return a.type == b.type and (a.title or "").lower() == (b.title or "").lower()


def _dedupe(refs: list[Reference]) -> list[Reference]:
    """Once per distinct document: the strongest relation, with the evidence of the mention that gave it."""
    out: list[Reference] = []
    kept_by: dict[tuple[str, str], list[int]] = {}  # the references kept that a document can be the same as
    for ref in refs:
        same = kept_by.setdefault(_alike(ref.target), [])
        for k in same:
            kept = out[k]
            if _same_document(kept.target, ref.target):
                target = merge_refs(kept.target, ref.target)
                best = ref if stronger(ref.relation, kept.relation) != kept.relation else kept
                out[k] = replace(best, target=target)
                break
        else:
            same.append(len(out))
            out.append(ref)
    return out


def _alike(ref: DocRef) -> tuple[str, str]:
    """What two references to the same document (:func:`_same_document`) share, and merging never changes: the
    number, or for documents without one the title (found in a dict instead of compared with every other)."""
    return ("number", ref.number.upper()) if ref.number else ("title", (ref.title or "").lower())


def _dedupe_relations(relations: list[Relation]) -> list[Relation]:
    out: list[Relation] = []
    seen: dict[tuple[tuple[str, str], str, tuple[str, str]], list[Relation]] = {}
    for rel in relations:
        same = seen.setdefault((_alike(rel.subject), rel.relation, _alike(rel.object)), [])
        if not any(_same_document(r.subject, rel.subject) and _same_document(r.object, rel.object) for r in same):
            same.append(rel)
            out.append(rel)
    return out
