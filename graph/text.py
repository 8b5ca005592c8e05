"""Small text helpers shared by the finders and the registries.

>>> fold("Luật Thi đua, Khen thưởng")
'luat thi dua, khen thuong'
>>> fold("ĐẢNG") == fold("Ðảng")
True
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "squash"]

_DD = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def fold(text: str) -> str:
    """Accent-, case- and normal-form-insensitive key: 'Thưởng' and 'THUONG' fold alike."""
    decomposed = unicodedata.normalize("NFD", text.translate(_DD))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def squash(text: str) -> str:
    """Fold and collapse runs of white space: the key used to compare titles and names."""
    return " ".join(fold(text).split())
