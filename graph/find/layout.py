"""Lines and zones of a document: header, own title, preamble, body, closing, annex.

The zone a citation stands in decides what it means: 'Thực hiện …' in the preamble states what the
document carries out; the same words in the body are one task among others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "Zones", "lines_of", "section_start"]

SECTION = re.compile(r"^(?:[IVXL]+\.|\d+(?:\.\d+)*\.|Điều\s+\d+|Phần\s+[IVX\d]+|[a-zđ]\)|QUYẾT ĐỊNH:|QUYẾT NGHỊ:)\s*")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Zones:
    """Offsets in the cleaned text: [title_start, title_end) own title, [title_end, body) preamble, …"""

    title: tuple[int, int] | None
    preamble: tuple[int, int]
    closing: int
    own: tuple[tuple[int, int], ...] = ()

    def in_title(self, pos: int) -> bool:
        return self.title is not None and self.title[0] <= pos < self.title[1]

    def in_preamble(self, pos: int) -> bool:
        return self.preamble[0] <= pos < self.preamble[1]

    def is_own(self, pos: int) -> bool:
        """Inside a line where the document names itself (Số:, Kèm theo …)."""
        return any(s <= pos < e for s, e in self.own)


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(raw, pos))
        pos += len(raw) + 1
    return out


def section_start(line: str) -> bool:
    return bool(SECTION.match(line))
