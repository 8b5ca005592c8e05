"""Số, ký hiệu: what a document number says about the document.

>>> parse_symbol("98/2023/NĐ-CP")
Symbol(number='98/2023/NĐ-CP', year=2023, type='Nghị định', orgs=('CP',), party=False)
>>> parse_symbol("5588/BGDĐT-GDPT").type
'Công văn'
>>> parse_symbol("05-CT/TW").type, parse_symbol("59/TB-VPCP").type
('Chỉ thị', 'Thông báo')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.vocab import OTHER_TYPE_CODES, TYPE_BY_CODE

__all__ = ["Symbol", "normalize_number", "parse_symbol"]

_FIXES = ((re.compile(r"(?<![\w])ND-CP\b"), "NĐ-CP"), (re.compile(r"(?<=/)QD-"), "QĐ-"),
          (re.compile(r"HDND\b"), "HĐND"), (re.compile(r"\s+"), ""))


_YEAR_FIRST = re.compile(r"\d{4}/.*")
_ASSEMBLY = re.compile(r"(?:QH|UBTVQH)\d*")


@lru_cache(maxsize=4096)
def normalize_number(number: str) -> str:
    """Số ký hiệu as it should be written: no spaces, 'ND-CP' -> 'NĐ-CP', 'QD-' -> 'QĐ-'."""
    for pattern, repl in _FIXES:
        number = pattern.sub(repl, number)
    return number


@dataclass(frozen=True, slots=True)
class Symbol:
    number: str
    year: int | None
    type: str | None
    orgs: tuple[str, ...]
    party: bool


@lru_cache(maxsize=4096)  # the same numbers are cited in document after document
def parse_symbol(number: str) -> Symbol:
    """Split a number into its year (normative numbers carry one), type code and issuing-body codes."""
    number = normalize_number(number)
    head, _, tail = number.partition("/")
    if "-" in head:  # Party: 05-CT/TW
        code = head.split("-", 1)[1]
        return Symbol(number, None, _type_of(code, party=True), tuple(tail.split("-")), True)
    year = None
    if _YEAR_FIRST.fullmatch(tail):
        year, tail = int(tail[:4]), tail[5:]
    groups = tail.split("-")
    if _ASSEMBLY.fullmatch(groups[0]):
        kind = "Pháp lệnh" if groups[0].startswith("UBTVQH") else "Luật"
        return Symbol(number, year, kind, (groups[0],), False)
    doc_type = _type_of(groups[0], party=False)
    if doc_type is None:  # no type code: a công văn 5588/BGDĐT-GDPT
        return Symbol(number, year, "Công văn", tuple(groups[:1]), False)
    return Symbol(number, year, doc_type, tuple(groups[1:]), False)


def _type_of(code: str, *, party: bool) -> str | None:
    if party and code.upper() == "TT":
        return "Văn bản"  # Thông tri
    if code in TYPE_BY_CODE:
        return TYPE_BY_CODE[code]
    if code.upper() in TYPE_BY_CODE:
        return TYPE_BY_CODE[code.upper()]
    if code in OTHER_TYPE_CODES or code.upper() in OTHER_TYPE_CODES:
        return "Văn bản"
    return "Văn bản" if party else None
