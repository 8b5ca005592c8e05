"""Citations of other documents: by số ký hiệu ('Chỉ thị số 01/CT-UBND ngày 19/01/2024 của UBND tỉnh về …')
and laws by name ('Luật Thi đua, khen thưởng năm 2022'), with the relation the text gives them.

Relations (strongest first, see :data:`graph.models.RELATION_STRENGTH`): 'Căn cứ …' -> based_on;
'Thực hiện / Triển khai …' in the document's own title or preamble -> implements; 'quy định chi tiết',
'hướng dẫn thi hành' -> guides; 'sửa đổi, bổ sung' -> amends; 'thay thế' -> replaces; 'bãi bỏ' -> repeals;
anything else -> cites. A cue inside the summary of another cited document states a relation between
those two documents instead (:class:`graph.models.Relation`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from graph.dates import date_from_match
from graph.find.layout import Zones
from graph.offsets import matches_at, occurrences
from graph.regexes import (
    AMENDING_LAW,
    CONSTITUTION_NAME,
    DATE_AFTER,
    ISSUER_AFTER,
    LAW_LIST_SEP,
    LAW_WORD,
    LAW_WORDS,
    LAWS_CONCERNING,
    LIST_BEFORE,
    NUMBER_AFTER_LAW,
    SYMBOL,
    SYMBOL_09,
    TITLE_AFTER,
    TYPE_BEFORE,
    UNKNOWN_LAW_TITLE,
    YEAR_AFTER,
)
from graph.registry import default_registry
from graph.symbols import normalize_number
from graph.text import fold, fold_slice, is_plain
from graph.vocab import type_from_word

__all__ = ["Mention", "find_mentions", "relation_cue"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where the text names a document; fields are raw, as written."""

    type: str | None
    number: str | None
    date: object
    year: int | None
    issuer: str | None
    title: str | None
    start: int
    end: int
    title_span: tuple[int, int] | None
    law: bool = False
    number_in_text: bool = True


def find_mentions(text: str, zones: Zones) -> list[Mention]:
    """Every mention of another document, in text order (the document's own number lines left out)."""
    mentions = _law_mentions(text)
    taken = _Taken([(m.start, m.end) for m in mentions])
    last: Mention | None = None
    for match in (SYMBOL_09 if is_plain(text) else SYMBOL).finditer(text):
        start = match.start()
        if zones.is_own(start) or start in taken:
            continue
        before = text[max(0, start - 40):start]
        type_match = TYPE_BEFORE.search(before)
        doc_type = type_from_word(type_match.group("type")) if type_match else None
        mention_start = start - (len(before) - type_match.start()) if type_match else start
        if doc_type is None and last is not None and LIST_BEFORE.fullmatch(text[last.end:start]):
            doc_type = last.type
        last = _complete(text, doc_type, normalize_number(match.group("number")), mention_start, match.end())
        mentions.append(last)
    return sorted(mentions, key=lambda m: m.start)


class _Taken:
    """Spans of the text already read (the laws named), asked whether a position lies in one: by bisection over
    the starts, with the furthest end of the spans so far (a text of thousands of laws and numbers is not
    scanned once per number).

    >>> taken = _Taken([(5, 9), (0, 3), (6, 20)])
    >>> [pos in taken for pos in (0, 3, 4, 7, 19, 20)]
    [True, False, False, True, True, False]
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def __contains__(self, pos: object) -> bool:
        assert isinstance(pos, int)
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


def _complete(text: str, doc_type: str | None, number: str | None, start: int, pos: int,
              law: bool = False, title: str | None = None, title_span: tuple[int, int] | None = None,
              number_in_text: bool = True) -> Mention:
    """Read what follows a number: date, issuer ('của …'), summary ('về …')."""
    date = year = None
    found = DATE_AFTER.match(text, pos)
    if found and date_from_match(found):
        date = date_from_match(found)
        pos = found.end()
    elif (found_year := YEAR_AFTER.match(text, pos)) is not None:
        year = int(found_year.group("year"))
        pos = found_year.end()
    issuer = None
    found_issuer = ISSUER_AFTER.match(text, pos)
    if found_issuer and len(found_issuer.group("issuer")) <= 90:
        issuer = found_issuer.group("issuer").strip()
        pos = found_issuer.end("issuer")
        if date is None and (late := DATE_AFTER.match(text, pos)) is not None and date_from_match(late):
            date, pos = date_from_match(late), late.end()
    found_title = TITLE_AFTER.match(text, pos)
    if found_title and not law:
        title = found_title.group("title").strip(" ,")
        title_span = (found_title.start("title"), found_title.end("title"))
        pos = found_title.end("title")
    return Mention(doc_type, number, date, year, issuer, title, start, pos, title_span, law, number_in_text)


_LAW_KEYS: re.Pattern[str] | None = None


def _law_keys() -> re.Pattern[str]:
    global _LAW_KEYS
    if _LAW_KEYS is None:
        keys = default_registry().title_keys()
        alternation = "|".join(
            re.escape(k).replace(r"\ ", r"\s+").replace(",", r"\s*,?").replace(r"\-", r"\s*-?\s*") for k in keys
        )
        _LAW_KEYS = re.compile(rf"(?:{alternation})(?![\w])")
    return _LAW_KEYS


# What a name of the registry can hold (folded): letters, blanks, commas and dashes. A match ends before anything else.
_NOT_IN_LAW_NAME = re.compile(r"[^\w\s,\-]")
_LAW_WINDOW = 300


class _FoldedText:
    """The folded text at a position, for the registry's names of laws. Speed: most texts fold in place
    (:func:`graph.text.is_plain`), and then only a window after each 'Luật' is folded, not the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded: str | None = None
        self.in_place: bool | None = None  # worked out at the first 'Luật'

    def law_name_end(self, pos: int) -> int | None:
        """Where a name of the registry that starts at ``pos`` ends (in the folded text), or None."""
        if self.in_place is None:
            self.in_place = is_plain(self.text)
            if not self.in_place:
                self.folded = fold(self.text)
        if self.folded is None:
            window = fold_slice(self.text, pos, pos + _LAW_WINDOW)
            if pos + _LAW_WINDOW >= len(self.text) or _NOT_IN_LAW_NAME.search(window):
                key = _law_keys().match(window)
                return pos + key.end() if key else None
            self.folded = fold(self.text)  # a window of nothing but words and blanks: fold the whole text
        key = _law_keys().match(self.folded, pos)
        return key.end() if key else None


def _law_mentions(text: str) -> list[Mention]:
    """'Luật Thi đua, khen thưởng số 06/2022/QH15', '… năm 2022', '… ngày 15/6/2022': laws cited by name; 'Hiến pháp
    năm 2013'; 'Luật sửa đổi, bổ sung một số điều của Luật X ngày …': the amending law (its date, number and issuer
    follow the whole title), then each law it amends, as written inside its title (with no date of its own)."""
    folded = _FoldedText(text)
    out: list[Mention] = []
    amended_until = -1  # where the title of the last amending law ends: the laws named before are those it amends
    for word in matches_at(LAW_WORD, text, occurrences(text, *LAW_WORDS)):
        pos, law_type = word.end(), word.group("type")
        if word.start() < amended_until:
            if (name_end := _name_end(text, folded, pos)) is not None:
                out.append(_named(text, law_type, word.start(), pos, name_end))
            continue
        amending = AMENDING_LAW.match(text, pos) if law_type != "Hiến pháp" else None
        if law_type == "Hiến pháp":
            constitution = CONSTITUTION_NAME.match(text, pos)
            title_end: int | None = constitution.end() if constitution else pos
        elif amending is not None:
            title_end = amended_until = _amended_end(text, folded, amending.end()) or -1
        else:
            title_end = _name_end(text, folded, pos)
        if title_end is None or title_end < 0:
            continue
        number = None
        after = NUMBER_AFTER_LAW.match(text, title_end)
        number_match = SYMBOL.match(text, after.end()) if after else None
        end = title_end
        if number_match:
            number, end = normalize_number(number_match.group("number")), number_match.end()
        named = _named(text, law_type, word.start(), pos, title_end)
        out.append(_complete(text, named.type, number, word.start(), end, law=True, title=named.title,
                             title_span=named.title_span, number_in_text=number is not None))
    return out


def _name_end(text: str, folded: _FoldedText, pos: int) -> int | None:
    """Where the name of a law starting at ``pos`` ends: a name of the registry, or two to nine words in capitals."""
    name_end = folded.law_name_end(pos)
    if name_end is not None:
        return name_end
    unknown = UNKNOWN_LAW_TITLE.match(text, pos)
    if not unknown or len(unknown.group("title").split()) < 2:
        return None
    return unknown.end()


_AMENDED_REACH = 500  # the laws an amending law amends are named within this many characters (a title is read
#                       no further: a run of law names of a megabyte is not read again from each of them)


def _amended_end(text: str, folded: _FoldedText, pos: int) -> int | None:
    """Where the laws an amending law amends end: '37 luật có liên quan đến quy hoạch', 'Luật A, Luật B và Luật C'
    (up to the next amending law, and within :data:`_AMENDED_REACH`)."""
    concerning = LAWS_CONCERNING.match(text, pos)
    if concerning is not None:
        return concerning.end()
    end = None
    reach = pos + _AMENDED_REACH
    while (pos < reach and (word := LAW_WORD.match(text, pos)) is not None and word.group("type") != "Hiến pháp"
           and AMENDING_LAW.match(text, word.end()) is None):
        name_end = _name_end(text, folded, word.end())
        if name_end is None:
            break
        end = name_end
        if (between := LAW_LIST_SEP.match(text, end)) is None:
            break
        pos = between.end()
    return end


def _named(text: str, law_type: str, start: int, pos: int, title_end: int) -> Mention:
    """A law named and nothing more: 'Luật Đất đai' from ``start`` to ``title_end`` (its name from ``pos``)."""
    title = f"{law_type} {text[pos:title_end].lstrip()}".rstrip()
    return Mention(type_from_word(law_type), None, None, None, None, title, start, title_end, (start, title_end),
                   law=True, number_in_text=False)


# --- relations ---------------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[;.:\n]\s*(?=\S)|\.\s")
_BASED_ON = re.compile(r"^(?:và\s+)?căn\s+cứ\b", re.IGNORECASE)
_IMPLEMENTS = re.compile(r"\b(?:thực\s+hiện|triển\s+khai|thi\s+hành)\b", re.IGNORECASE)
_OWN_CUES = (
    ("guides", re.compile(r"\b(?:quy\s+định\s+chi\s+tiết|hướng\s+dẫn\s+(?:thi\s+hành|thực\s+hiện|chi\s+tiết))\b[^;.]*$",
                          re.IGNORECASE)),
    ("amends", re.compile(r"\bsửa\s+đổi,?\s+bổ\s+sung\b[^;.]*$", re.IGNORECASE)),
    ("replaces", re.compile(r"\bthay\s+thế\b[^;.]*$", re.IGNORECASE)),
    ("repeals", re.compile(r"\b(?:bãi\s+bỏ|hết\s+hiệu\s+lực)\b[^;.]*$", re.IGNORECASE)),
)
_THIS = re.compile(r"\bnày\b")
_CONTINUES = re.compile(r"\btiếp\s+tục\b", re.IGNORECASE)
_TYPE_START = re.compile(r"^(?:các\s+)?(?:" + "|".join(re.escape(w) for w in sorted(
    ("luật", "bộ luật", "pháp lệnh", "nghị định", "nghị quyết", "quyết định", "chỉ thị", "thông tư", "thông báo",
     "kế hoạch", "công văn", "văn bản", "hướng dẫn", "kết luận", "chương trình", "quy định"),
    key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``, walking back over clauses that only continue a list of citations."""
    start = pos
    for _ in range(8):
        last = _last_break(text, floor, start)
        clause_start = last.end() if last else floor
        if clause_start < start and not _TYPE_START.match(text[clause_start:pos]):
            return clause_start
        if clause_start == floor or not last:
            return clause_start
        if text[last.start()] == ".":
            return clause_start
        start = last.start()
    return start


def _last_break(text: str, floor: int, end: int) -> re.Match[str] | None:
    """The last match of ``_CLAUSE_BREAK.finditer(text, floor, end)``, looked for near ``end`` first.

    A scan started right after a character that is neither blank nor one of ';.:' finds the same matches
    from there on as a scan from ``floor`` (no match goes past such a character), so only a stretch
    before ``end`` is scanned, and one twice as long only when it holds no match.

    >>> text = "Căn cứ Luật A; Nghị định B.\\nThực hiện " + "x" * 200 + ": Chỉ thị C"
    >>> _last_break(text, 0, len(text)).span() == list(_CLAUSE_BREAK.finditer(text))[-1].span()
    True
    """
    size = 64
    while True:
        begin = max(floor, end - size)
        while begin > floor and (text[begin - 1].isspace() or text[begin - 1] in ";.:"):
            begin -= 1
        size *= 2
        last = None
        for match in _CLAUSE_BREAK.finditer(text, begin, end):
            last = match
        if last is not None or begin == floor:
            return last


def relation_cue(text: str, mention: Mention, zones: Zones) -> str:
    """The relation the words before a mention give it, from this document's point of view."""
    floor = max(0, mention.start - 600)
    start = _clause_start(text, mention.start, floor)
    clause = text[start:mention.start]
    if _BASED_ON.match(clause.strip()):
        return "based_on"
    own_statement = zones.in_title(mention.start) or zones.in_preamble(mention.start)
    if own_statement or ("này" in clause and _THIS.search(clause)):
        for relation, cue in _OWN_CUES:  # the specific cues first: 'hướng dẫn thi hành' is no 'thi hành'
            if cue.search(clause):
                return relation
    if own_statement and _IMPLEMENTS.search(clause) and not _CONTINUES.search(clause):
        return "implements"
    return "cites"


def inner_relation(text: str, outer: Mention, inner: Mention) -> str | None:
    """The relation ``outer`` has to ``inner`` when ``inner`` is named inside ``outer``'s summary."""
    if outer.title_span is None or not outer.title_span[0] <= inner.start < outer.title_span[1]:
        return None
    lead = text[outer.title_span[0]:inner.start]
    for relation, cue in _OWN_CUES:
        if cue.search(lead):
            return relation
    return None
