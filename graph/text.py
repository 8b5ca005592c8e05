"""Small text helpers shared by the finders and the registries.

>>> fold("Luật Thi đua, Khen thưởng")
'luat thi dua, khen thuong'
>>> fold("ĐẢNG") == fold("Ðảng")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "is_caps", "squash"]

def _fold_char(c: str) -> str:
    if c in "đĐÐð":
        return "d"
    return "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x)).casefold()


# Precomposed Latin letters (Vietnamese among them) fold through one table; the rest goes the long way.
_FOLDED = {cp: _fold_char(chr(cp)) for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))}
# Speed: the table is a list indexed by code point, with every other character up to U+2FFF mapped to itself:
# ``str.translate`` looks each character up, and a miss (a KeyError raised and cleared inside, as for every
# ASCII letter with a dict holding only the accented ones) costs more than the lookup. Characters past the
# list's end stay as they are, as with the dict.
_TABLE = [_FOLDED.get(cp, chr(cp)) for cp in range(0x3000)]
_SLOW = re.compile(r"[\u0300-\u036f]")


@lru_cache(maxsize=256)  # a document's text is folded by more than one finder
def fold(text: str) -> str:
    """Accent-, case- and normal-form-insensitive key: 'Thưởng' and 'THUONG' fold alike."""
    folded = text.translate(_TABLE)
    if _SLOW.search(folded):
        folded = "".join(_fold_char(c) for c in unicodedata.normalize("NFD", folded))
    return folded.casefold()


def is_caps(text: str) -> bool:
    """Whether ``text`` has letters and all of them are capitals: 'I. CHỈ TIÊU' yes, 'Chỉ tiêu 2024' no."""
    letters = False
    for c in text:  # a loop, not a list of letters: prose fails at its first small letter
        if c.isalpha():
            if not c.isupper():
                return False
            letters = True
    return letters


def squash(text: str) -> str:
    """Fold and collapse runs of white space: the key used to compare titles and names."""
    return " ".join(fold(text).split())
