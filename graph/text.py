"""Small text helpers shared by the finders and the registries.

>>> fold("Luật Thi đua, Khen thưởng")
'luat thi dua, khen thuong'
>>> fold("ĐẢNG") == fold("Ðảng")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

__all__ = ["fold", "fold_slice", "is_caps", "is_plain", "lowered_letters", "squash"]

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
    return _fold(text)


def _fold(text: str) -> str:
    folded = text.translate(_TABLE)
    if _SLOW.search(folded):
        folded = "".join(_fold_char(c) for c in unicodedata.normalize("NFD", folded))
    return folded.casefold()


# What does not fold to exactly one character on its own: a combining mark (a text holding one is folded the
# long way), 'ß' -> 'ss' and the like, and (not checked one by one) everything from U+3000 on. Characters past
# U+FFFF are left to a cheaper test (see is_plain): a class within the BMP is one table lookup.
_UNEVEN = "".join(re.escape(chr(cp)) for cp in range(0x3000)
                  if len(_TABLE[cp].casefold()) != 1 or _SLOW.search(_TABLE[cp]))
# ... and decimal digits other than 0-9 (the same search answers both questions of is_plain).
_NOT_PLAIN = re.compile("[" + _UNEVEN + "".join(c for c in map(chr, range(0x80, 0x3000)) if c.isdecimal())
                        + "\u3000-\uffff]")


@lru_cache(maxsize=256)  # asked of a document's text by more than one finder
def is_plain(text: str) -> bool:
    """Whether every character of ``text`` folds to one character, whatever surrounds it, and its only decimal
    digits are 0-9: then a stretch of ``fold(text)`` is the fold of the same stretch of ``text`` (and
    :func:`fold_slice` can fold just that), and a pattern's ``\\d`` finds the digits ``[0-9]`` does.

    >>> [is_plain(t) for t in ("Luật Thi đua, khen thưởng số 06/2022", "Strasse ß", "thi\u0301", "\U0001F600", "٣")]
    [True, False, False, False, False]
    """
    # In UTF-16 a character past U+FFFF takes four bytes, every other one two.
    return _NOT_PLAIN.search(text) is None and len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


def fold_slice(text: str, start: int, stop: int) -> str:
    """``fold(text)[start:stop]`` for a text that :func:`is_plain`, folding only that stretch (uncached).

    >>> text = "Căn cứ Luật Thi đua, khen thưởng năm 2022"
    >>> fold_slice(text, 7, 32) == fold(text)[7:32] == "luat thi dua, khen thuong"
    True
    """
    return _fold(text[start:stop])


@cache
def lowered_letters() -> tuple[dict[str, str], str]:
    """For matching folded words in ``text.lower()`` instead of ``fold(text)`` (lowering is several times faster):
    for each small ASCII letter, the characters of a lowered text that fold to it; and the characters a text must
    not hold, those whose lowered form is not one character folding, blank or word-like as they do. In a text that
    :func:`is_plain` and holds none of these, each lowered character folds as the character it comes from.

    >>> letters, misfits = lowered_letters()
    >>> sorted(letters["d"])[:3], "\u212b" in misfits  # 'Å' (angstrom sign) lowers to 'å', which folds to 'a'
    (['d', 'ð', 'ď'], True)
    """
    def folded(char: str) -> str:  # the fold of one plain character
        return _TABLE[ord(char)].casefold() if ord(char) < 0x3000 else _fold(char)

    letters: dict[str, set[str]] = {}
    misfits: list[str] = []
    for cp in range(0x3000):
        char = chr(cp)
        low = char.lower()
        if _NOT_PLAIN.match(char):
            continue
        if low != char and (len(low) != 1 or folded(low) != folded(char) or low.isspace() != char.isspace()
                            or bool(_WORD.match(low)) != bool(_WORD.match(char))):
            misfits.append(char)
        elif "a" <= (letter := folded(low)) <= "z":
            letters.setdefault(letter, set()).add(low)
    return {k: "".join(sorted(v)) for k, v in letters.items()}, "".join(misfits)


_WORD = re.compile(r"\w")


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
