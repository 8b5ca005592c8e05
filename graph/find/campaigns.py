"""Phong trào thi đua named in a text, and whether this document launches them.

>>> [c.name for c in find_campaigns('phong trào thi đua “Dân vận khéo”; “Toàn dân đoàn kết xây dựng nông thôn mới”')]
['Dân vận khéo', 'Toàn dân đoàn kết xây dựng nông thôn mới']
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator

from graph.models import Campaign, Span
from graph.offsets import matches_at, occurrences
from graph.text import squash

__all__ = ["find_campaigns"]

_QUOTED = re.compile(r"[“\"](?P<name>[^“”\"\n]{3,300}?)[”\"]")
# The words right before a quoted name that make it a campaign's name or slogan.
_CUE = re.compile(r"(?:phong\s+trào(?:\s+thi\s+đua)?(?:\s+yêu\s+nước)?|cuộc\s+vận\s+động|thi\s+đua|chủ\s+đề|"
                  r"khẩu\s+hiệu|phát\s+động\s*:)\s*:?\s*$", re.IGNORECASE)
# How each cue ends, in small letters (ignoring case, these letters match only their capitals): the words before a
# quote that end otherwise (after blanks and colons) hold no cue, and _CUE, tried at each of them, is not run.
_CUE_ENDINGS = ("ào", "ua", "ớc", "ng", "đề", "ệu")
_BLANKS_AND_COLON = "".join(c for c in map(chr, range(0x3100)) if c.isspace()) + ":"  # every blank is below U+3100
# Matched from where the text between two quotes starts to where it ends.
_CHAIN = re.compile(r"\s*[;,]?\s*(?:và\s+)?(?:(?:phong\s+trào|cuộc\s+vận\s+động)(?:\s+thi\s+đua)?\s*)?$",
                    re.IGNORECASE)
# 'phát động: Phong trào thi đua thực hiện Chương trình …;' — a named campaign without quotes.
_UNQUOTED = re.compile(r"(?<=[:;])\s*Phong\s+trào\s+(?:thi\s+đua\s+)?(?P<name>[^;.“”\"\n]{12,200}?)(?=\s*[;.\n])")
_LAUNCH = re.compile(r"phát\s+động", re.IGNORECASE)
_NOT_OWN_LAUNCH = re.compile(r"(?:\bdo\b[^.;:]{0,60}|\bđược\s+|\bđã\s+|\bvề\s+(?:việc\s+)?)$", re.IGNORECASE)
_LAUNCH_CUE = re.compile(r"chủ\s+đề|khẩu\s+hiệu|phong\s+trào", re.IGNORECASE)
_PERIOD = re.compile(r"(?:giai\s+đoạn|năm)\s+\(?(\d{4}(?:\s*-\s*\d{4})?)\)?")
_CLAUSE_STOP = re.compile(r"[.!?;](?:\s|$)|\n")


_CLAUSE_REACH = 800  # how far a clause is read each side of a name: a line with no stop is not read to its end


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    reach = end + _CLAUSE_REACH
    right = _CLAUSE_STOP.search(text, end, reach + 1)  # a stop found at ``reach`` (its '$' the window's end) is cut
    right_end = min(right.start() if right else len(text), reach)
    return _last_stop_end(text, max(0, start - _CLAUSE_REACH), start), right_end


def _last_stop_end(text: str, low: int, high: int) -> int:
    """Where the last match of ``_CLAUSE_STOP.finditer(text, low, high)`` ends (0 without one), found backwards.

    The last '.', '!', '?', ';' or new line that is a match gives it ('\\n', or a mark before a blank or at
    ``high``); a match before it ends no later.

    >>> text = "Một. Hai; ba 1.5 bốn"
    >>> _last_stop_end(text, 0, len(text)) == max(m.end() for m in _CLAUSE_STOP.finditer(text, 0, len(text)))
    True
    """
    at = high
    while (at := max(text.rfind(mark, low, at) for mark in ".!?;\n")) >= 0:
        if text[at] == "\n" or at + 1 == high:
            return at + 1
        if text[at + 1].isspace():
            return at + 2
    return 0


class _Launches:
    """Where 'phát động' stands in a text: looked for in the clause of each of the first names, then, for a text that
    names more, found once in the whole text (one naming thousands is not read again for each)."""

    _CLAUSES = 8

    def __init__(self, text: str) -> None:
        self.text = text
        self.asked = 0
        self.everywhere: list[tuple[int, int]] | None = None

    def within(self, left: int, right: int) -> Iterator[int]:
        """The start of each match of ``_LAUNCH.finditer(text, left, right)``."""
        self.asked += 1
        if self.everywhere is None and self.asked <= self._CLAUSES:
            return (m.start() for m in _LAUNCH.finditer(self.text, left, right))
        if self.everywhere is None:
            self.everywhere = [m.span() for m in _LAUNCH.finditer(self.text)]
        found = itertools.islice(self.everywhere, bisect_left(self.everywhere, (left, 0)), None)
        return (at for at, _ in itertools.takewhile(lambda span: span[1] <= right, found))


def _launched(text: str, start: int, end: int, cue: str, launches: _Launches) -> bool:
    if not _LAUNCH_CUE.search(cue):
        return False
    left, right = _clause(text, start, end)
    return any(not _NOT_OWN_LAUNCH.search(text[max(left, at - 80):at]) for at in launches.within(left, right))


def find_campaigns(text: str) -> list[Campaign]:
    """Quoted names after 'phong trào', 'thi đua', 'chủ đề', 'khẩu hiệu' (and lists of them), and
    'Phong trào thi đua …' items of a list."""
    found: list[Campaign] = []
    seen: set[str] = set()
    last_end, last_cue = -1, ""
    launches = _Launches(text)
    for match in matches_at(_QUOTED, text, occurrences(text, "“", '"')):
        before = text[max(0, match.start() - 80):match.start()]
        cue = _CUE.search(before) if before.rstrip(_BLANKS_AND_COLON)[-2:].lower() in _CUE_ENDINGS else None
        chained = last_end >= 0 and _CHAIN.match(text, last_end, match.start()) is not None
        if not cue and not chained:
            continue
        cue_text = cue.group(0) if cue else last_cue
        name = match.group("name").strip(" ,;")
        relation = "launches" if _launched(text, match.start(), match.end(), cue_text, launches) else "mentions"
        _add(found, seen, name, relation, match.start("name"), match.end("name"))
        last_end, last_cue = match.end(), cue_text
    for match in matches_at(_UNQUOTED, text, _unquoted_starts(text)):
        _add(found, seen, match.group("name").strip(), "mentions", match.start("name"), match.end("name"))
    return sorted(found, key=lambda c: c.span.start)


def _unquoted_starts(text: str) -> Iterator[int]:
    """Where a match of _UNQUOTED can start: after a ':' or ';' and the blanks before a 'Phong'."""
    for word in occurrences(text, "Phong"):
        start = word
        while start and text[start - 1].isspace():
            start -= 1
        if start and text[start - 1] in ":;":
            yield start


def _add(found: list[Campaign], seen: set[str], name: str, relation: str, start: int, end: int) -> None:
    key = squash(name)
    if len(key) < 4 or key in seen:
        return
    seen.add(key)
    period = _PERIOD.search(name)
    found.append(Campaign(name, relation, Span(start, end), period.group(1) if period else None))
