"""Position maps: where a character of a cleaned text came from in the text before cleaning.

Each cleaning step records its edits as ``(src_start, src_end, out_start, out_end)``: the source
slice ``src[src_start:src_end]`` became ``out[out_start:out_end]``. Unchanged text between edits maps
one to one. A chain of maps takes a span of the final text back to the original file.

>>> out, edits = substitute(re.compile(r"°"), lambda m: "ư", "th°ởng")
>>> out
'thưởng'
>>> OffsetMap(edits).to_source(3, end=True)
3
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["Edit", "OffsetMap", "line_numbers", "matches_at", "occurrences", "replace_matches", "substitute"]

Edit = tuple[int, int, int, int]


class OffsetMap:
    """Maps offsets in an edited text back to the text the edits were made on."""

    __slots__ = ("_edits", "_starts")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = list(edits)
        self._starts = [e[2] for e in self._edits]

    def __bool__(self) -> bool:
        return bool(self._edits)

    def to_source(self, pos: int, *, end: bool = False) -> int:
        """Source offset of ``pos``; an ``end`` offset maps past the whole edit it ends in."""
        if end:
            if pos <= 0:
                return self.to_source(0) if pos == 0 else pos
            i = bisect_right(self._starts, pos - 1) - 1
            if i >= 0 and pos - 1 < self._edits[i][3]:
                return self._edits[i][1]
            return pos + self._delta(i)
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._edits[i][3]:
            return self._edits[i][0]
        return pos + self._delta(i)

    def _delta(self, i: int) -> int:
        return self._edits[i][1] - self._edits[i][3] if i >= 0 else 0


def substitute(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str) -> tuple[str, list[Edit]]:
    """``pattern.sub`` that also returns the edits it made (matches replaced by themselves are skipped)."""
    return replace_matches(pattern.finditer(text), repl, text)


def occurrences(text: str, *needles: str, shift: int = 0) -> list[int]:
    """Where any of ``needles`` occurs in ``text`` (plus ``shift``), in order: with ``str.find``, which skips to
    a rare string much faster than a regex does to a class of characters ('[“"]' is tried at every character).

    >>> occurrences("a “b” 'c'", "“", "'")
    [2, 6, 8]
    """
    found: list[int] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append(at + shift)
            at = text.find(needle, at + 1)
    return sorted(found) if len(needles) > 1 else found


def line_numbers(text: str, positions: Iterable[int]) -> set[int]:
    """The numbers (from 0) of the lines of ``text`` holding ``positions`` (ascending).

    >>> sorted(line_numbers("a\\nbb\\n\\nc", [0, 3, 6]))
    [0, 1, 3]
    """
    found: set[int] = set()
    line = last = 0
    for pos in positions:
        line += text.count("\n", last, pos)
        last = pos
        found.add(line)
    return found


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, trying ``pattern`` only at ``starts`` (ascending).

    Exact when every match of ``pattern`` starts at one of ``starts`` and no match is empty: a cheap search for
    where a match can start then spares the regex engine a try at every character.

    >>> [m.group() for m in matches_at(re.compile(r"\\d+"), "a1 b22 c333", [1, 4, 5, 8])]
    ['1', '22', '333']
    """
    end = 0
    for pos in starts:
        if pos >= end and (match := pattern.match(text, pos)) is not None:
            end = match.end()
            yield match


def replace_matches(matches: Iterable[re.Match[str]], repl: Callable[[re.Match[str]], str],
                    text: str) -> tuple[str, list[Edit]]:
    """Replace non-overlapping ``matches`` of ``text``, in text order, and return the edits made."""
    parts: list[str] = []
    edits: list[Edit] = []
    last = out_len = 0
    for match in matches:
        start, stop = match.span()
        new = repl(match)
        if new == match.group(0):
            continue
        parts.append(text[last:start])
        out_len += start - last
        edits.append((start, stop, out_len, out_len + len(new)))
        parts.append(new)
        out_len += len(new)
        last = stop
    if not edits:
        return text, []
    parts.append(text[last:])
    return "".join(parts), edits
