"""Phong trào thi đua named in a text, and whether this document launches them.

>>> [c.name for c in find_campaigns('phong trào thi đua “Dân vận khéo”; “Toàn dân đoàn kết xây dựng nông thôn mới”')]
['Dân vận khéo', 'Toàn dân đoàn kết xây dựng nông thôn mới']
"""

from __future__ import annotations

import re

from graph.models import Campaign, Span
from graph.text import squash

__all__ = ["find_campaigns"]

_QUOTED = re.compile(r"[“\"](?P<name>[^“”\"\n]{3,300}?)[”\"]")
# The words right before a quoted name that make it a campaign's name or slogan.
_CUE = re.compile(r"(?:phong\s+trào(?:\s+thi\s+đua)?(?:\s+yêu\s+nước)?|cuộc\s+vận\s+động|thi\s+đua|chủ\s+đề|"
                  r"khẩu\s+hiệu|phát\s+động\s*:)\s*:?\s*$", re.IGNORECASE)
_CHAIN = re.compile(r"^\s*[;,]?\s*(?:và\s+)?(?:(?:phong\s+trào|cuộc\s+vận\s+động)(?:\s+thi\s+đua)?\s*)?$",
                    re.IGNORECASE)
# 'phát động: Phong trào thi đua thực hiện Chương trình …;' — a named campaign without quotes.
_UNQUOTED = re.compile(r"(?<=[:;])\s*Phong\s+trào\s+(?:thi\s+đua\s+)?(?P<name>[^;.“”\"\n]{12,200}?)(?=\s*[;.\n])")
_LAUNCH = re.compile(r"phát\s+động", re.IGNORECASE)
_NOT_OWN_LAUNCH = re.compile(r"(?:\bdo\b[^.;:]{0,60}|\bđược\s+|\bđã\s+|\bvề\s+(?:việc\s+)?)$", re.IGNORECASE)
_PERIOD = re.compile(r"(?:giai\s+đoạn|năm)\s+\(?(\d{4}(?:\s*-\s*\d{4})?)\)?")
_CLAUSE_STOP = re.compile(r"[.!?;](?:\s|$)|\n")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE_STOP.finditer(text, max(0, start - 800), start)), default=0)
    right = _CLAUSE_STOP.search(text, end)
    return left, right.start() if right else len(text)


def _launched(text: str, start: int, end: int, cue: str) -> bool:
    if not re.search(r"chủ\s+đề|khẩu\s+hiệu|phong\s+trào", cue, re.IGNORECASE):
        return False
    left, right = _clause(text, start, end)
    for match in _LAUNCH.finditer(text, left, right):
        if not _NOT_OWN_LAUNCH.search(text[max(left, match.start() - 80):match.start()]):
            return True
    return False


def find_campaigns(text: str) -> list[Campaign]:
    """Quoted names after 'phong trào', 'thi đua', 'chủ đề', 'khẩu hiệu' (and lists of them), and
    'Phong trào thi đua …' items of a list."""
    found: list[Campaign] = []
    seen: set[str] = set()
    last_end, last_cue = -1, ""
    for match in _QUOTED.finditer(text):
        before = text[max(0, match.start() - 80):match.start()]
        cue = _CUE.search(before)
        chained = last_end >= 0 and _CHAIN.match(text[last_end:match.start()]) is not None
        if not cue and not chained:
            continue
        cue_text = cue.group(0) if cue else last_cue
        name = match.group("name").strip(" ,;")
        relation = "launches" if _launched(text, match.start(), match.end(), cue_text) else "mentions"
        _add(found, seen, name, relation, match.start("name"), match.end("name"))
        last_end, last_cue = match.end(), cue_text
    for match in _UNQUOTED.finditer(text):
        _add(found, seen, match.group("name").strip(), "mentions", match.start("name"), match.end("name"))
    return sorted(found, key=lambda c: c.span.start)


def _add(found: list[Campaign], seen: set[str], name: str, relation: str, start: int, end: int) -> None:
    key = squash(name)
    if len(key) < 4 or key in seen:
        return
    seen.add(key)
    period = _PERIOD.search(name)
    found.append(Campaign(name, relation, Span(start, end), period.group(1) if period else None))
