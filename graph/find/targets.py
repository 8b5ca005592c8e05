"""Quantified targets (chỉ tiêu): 'Tỷ lệ che phủ rừng: 59,2%', 'GRDP bình quân đầu người khoảng 51,5 triệu đồng'.

>>> found = find_targets("Các chỉ tiêu: Tỷ lệ hộ nghèo: Dưới 1,2%; thu ngân sách đạt 2.236 tỷ đồng")
>>> [(t.comparator, t.value, t.unit) for t in found]
[('<', 1.2, '%'), ('=', 2236.0, 'tỷ đồng')]
"""

from __future__ import annotations

import re

from graph.models import Span, Target
from graph.offsets import line_numbers, occurrences
from graph.text import is_caps

__all__ = ["find_targets", "parse_vn_number"]

_UNIT = (r"%(?:/năm)?|‰|(?:nghìn|ngàn|triệu|tỷ)\s+(?:đồng|USD|lượt(?:\s+khách)?|người|tấn|m3|kWh|lượt)"
         r"(?:/(?:năm|người|tháng|ha))*|đồng(?:/[\wđ]+)?|USD|lượt|người|lao\s+động|xã|huyện|hộ|giường\s+bệnh|"
         r"bác\s+s[ỹĩ]|ha|km|tấn|trường|doanh\s+nghiệp|hợp\s+tác\s+xã|thôn|bản|công\s+trình|dự\s+án|sản\s+phẩm")
_VALUE = re.compile(
    rf"""(?P<cmp>(?:Đạt|đạt)\s+(?:trên|từ)|[Tt]rên|[Dd]ưới|[Kk]hoảng|[Tt]ối\s+thiểu|[Íí]t\s+nhất|[Kk]hông\s+dưới|
                  [Tt]ối\s+đa|[Kk]hông\s+(?:vượt\s+)?quá|[Tt]ừ|[Đđ]ạt|[Gg]iảm|[Tt]ăng)?\s*
    (?P<value>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?)\s*
    (?P<unit>{_UNIT})(?![\w])(?P<upward>\s+trở\s+lên)?""",
    re.VERBOSE,
)
_COMPARATORS = {"trên": ">", "đạt trên": ">", "dưới": "<", "khoảng": "~", "tối thiểu": ">=", "ít nhất": ">=",
                "không dưới": ">=", "tối đa": "<=", "không quá": "<=", "không vượt quá": "<="}
# What every value holds (a number's last digit, then its unit): a cheap test before the full pattern.
_DIGIT_AND_UNIT = re.compile(rf"\d\s*(?:{_UNIT})")
# 'chỉ tiêu' in any case. The first letter is a class of its two cases ('c' has no other under re.IGNORECASE) and
# the rest ignores case: the regex engine then skips from one 'c' to the next instead of trying every position.
_CONTEXT = re.compile(r"[cC](?i:hỉ\s+tiêu)")
# Every match holds an 'hỉ' in some case (ignoring case, 'h' and 'ỉ' have no other forms): a line without is not
# searched. The 'ỉ' are found first: str.find skips to one character much faster than to two.
_CLAUSE = re.compile(r";|,\s*(?=trong\s+đó|riêng)|\.\s+(?=[A-ZĐ])")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•])\s*")
_SECTION_HEAD = re.compile(r"^(?:[IVXL]+\.|\d+\.|PHỤ LỤC)")
_CONTEXT_LEAD = re.compile(r"^.*chỉ\s+tiêu[^:]*:\s*", re.IGNORECASE)


def parse_vn_number(text: str) -> float:
    """'60.000' -> 60000, '12,1' -> 12.1, '1.234,5' -> 1234.5."""
    return float(text.replace(".", "").replace(",", "."))


def find_targets(text: str) -> list[Target]:
    """Targets in paragraphs that speak of chỉ tiêu, and in the section under a heading that does."""
    out: list[Target] = []
    in_section = False
    pos = 0
    hinted = line_numbers(text, [at for at in occurrences(text, "ỉ", "Ỉ") if at and text[at - 1] in "hH"])
    for i, line in enumerate(text.split("\n")):
        if is_caps(line):
            starts_section = _SECTION_HEAD.match(line.strip()) is not None
            in_section = bool(i in hinted and _CONTEXT.search(line)) or (in_section and not starts_section)
        elif in_section or (i in hinted and _CONTEXT.search(line)):
            out += _line_targets(line, pos)
        pos += len(line) + 1
    return out


def _line_targets(line: str, offset: int) -> list[Target]:
    out = []
    start = 0
    for piece in [*_CLAUSE.split(line), None]:
        if piece is None:
            break
        clause_start = line.find(piece, start)
        start = clause_start + len(piece)
        target = _clause_target(piece, offset + clause_start)
        if target:
            out.append(target)
    return out


def _clause_target(clause: str, offset: int) -> Target | None:
    head = clause.rfind(":")
    search_from = head + 1 if head >= 0 else 0
    match = _VALUE.search(clause, search_from) if _DIGIT_AND_UNIT.search(clause, search_from) else None
    if not match:
        return None
    indicator = clause[:head] if head >= 0 and not clause[search_from:match.start()].strip() else clause[:match.start()]
    indicator = _NUMBERING.sub("", indicator).strip(" :,.")
    indicator = _CONTEXT_LEAD.sub("", indicator)
    if len(indicator) < 3:
        return None
    word = " ".join((match.group("cmp") or "").lower().split())
    comparator = ">=" if match.group("upward") else _COMPARATORS.get(word, "=")
    unit = " ".join(match.group("unit").split())
    return Target(indicator, comparator, parse_vn_number(match.group("value")), unit,
                  Span(offset + match.start("value"), offset + match.end()))
