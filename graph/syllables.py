"""Vietnamese syllable shape: onset + rhyme, with at most one tone mark.

Used by cleaning to tell a syllable that a PDF text layer split ('th ưởng') from two real syllables.

>>> is_syllable("thưởng"), is_syllable("Nghiêng"), is_syllable("ởng"), is_syllable("km")
(True, True, False, False)
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["is_syllable", "untoned"]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on ong ooc
oong op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ up ut uy uya uych uyên uyêt uynh uyt uyu uôc uôi uôm
uôn uông uôt ư ưa ưc ưi ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu y yêm yên yêng yêt yêu
""".split())


def untoned(word: str) -> tuple[str, int]:
    """The word without tone marks, and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(c in _TONES for c in decomposed)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)), tones


@lru_cache(maxsize=8192)
def is_syllable(word: str) -> bool:
    """Whether ``word`` has the shape of one Vietnamese syllable."""
    bare, tones = untoned(word)
    if tones > 1 or not bare:
        return False
    for onset in _ONSETS:
        if bare.startswith(onset):
            rhyme = bare[len(onset):]
            if rhyme in _RHYMES or (onset == "gi" and (rhyme == "" or "i" + rhyme in _RHYMES)):
                return True
    return False
