"""A curated registry of Vietnamese national laws, to resolve laws cited by name and date only.

Nghị định 30/2020/NĐ-CP forbids giving a law's number when an administrative document cites it,
so documents write *"Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"* or *"Luật Thi đua, khen
thưởng năm 2022"*. The registry maps such a citation back to one entry of ``graph/data/laws.json``,
where every number and date of adoption was checked against public copies of the texts.

>>> reg = default_registry()
>>> reg.lookup("Luật Thi đua, khen thưởng", on=datetime.date(2022, 6, 15)).number
'06/2022/QH15'
>>> reg.lookup("luat thi dua khen thuong", year=2003).number
'15/2003/QH11'
>>> reg.lookup("Luật Thi đua, khen thưởng", as_of=datetime.date(2020, 1, 1)).number
'15/2003/QH11'
>>> reg.by_number("98/2023/ND-CP").guides
'06/2022/QH15'

Titles are compared with :func:`title_key`: accents, case, spacing and punctuation do not matter, and
a leading type word ("Luật", "Bộ luật", "Pháp lệnh", "Nghị định") may be given or left out. Amending
laws ("Luật sửa đổi, bổ sung một số điều của Luật X") are entries under their own full title, so a
plain "Luật X" never resolves to them.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

from graph.text import fold, squash

__all__ = ["LawEntry", "LawRegistry", "default_registry", "title_key"]

#: Type words that may lead a cited title, longest first ("bo luat" before "luat").
_TYPE_WORDS: tuple[str, ...] = ("bo luat", "phap lenh", "nghi dinh", "luat")
#: Types whose leading word :meth:`LawRegistry.title_keys` drops: documents cite these by name.
_CITED_BY_NAME = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def _strip_type_word(key: str) -> str:
    """Drop one leading type word from a folded key, unless nothing would remain."""
    for word in _TYPE_WORDS:
        if key.startswith(word + " ") and len(key) > len(word) + 1:
            return key[len(word) + 1 :]
    return key


def _unpunctuated(text: str) -> str:
    return " ".join(_NOT_ALNUM.sub(" ", squash(text)).split())


@functools.lru_cache(maxsize=4096)  # documents cite the same laws
def title_key(title: str) -> str:
    """The comparison key of a cited title: folded, punctuation-free, without a leading type word.

    >>> title_key("Luật Thi đua, Khen thưởng")
    'thi dua khen thuong'
    >>> title_key("  BỘ LUẬT   Lao động ")
    'lao dong'
    >>> title_key("Hiến pháp")
    'hien phap'
    """
    return _strip_type_word(_unpunctuated(title))


@functools.lru_cache(maxsize=4096)
def _number_key(number: str) -> str:
    """Case-, space- and dash-insensitive key of a document number ("NĐ" and "ND" alike)."""
    return "".join(fold(number.translate(_DASHES)).split())


@dataclass(frozen=True, slots=True)
class LawEntry:
    """One law, code, constitution, ordinance or decree of the registry.

    ``date`` is the date of adoption (ngày thông qua/ban hành), the date documents cite. ``guides`` is
    the number of the law a decree details; ``amends`` the numbers of the laws an amending law changes.

    >>> e = default_registry().by_number("06/2022/QH15")
    >>> (e.type, e.title, e.date.isoformat(), e.issuer)
    ('Luật', 'Luật Thi đua, khen thưởng', '2022-06-15', 'Quốc hội')
    """

    type: str
    number: str | None
    date: datetime.date | None
    title: str
    aliases: tuple[str, ...]
    issuer: str
    guides: str | None
    amends: tuple[str, ...]

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> LawEntry:
        """Build an entry from one object of ``laws.json``; raise :class:`ValueError` when malformed.

        >>> LawEntry.from_json({"type": "Luật", "number": "1/2020/QH14", "date": "2020-01-02",
        ...                     "title": "Luật X", "aliases": [], "issuer": "Quốc hội"}).date
        datetime.date(2020, 1, 2)
        """
        date_raw = raw.get("date")
        return cls(
            type=_text(raw, "type"),
            number=_optional_text(raw, "number"),
            date=None if date_raw is None else datetime.date.fromisoformat(_text(raw, "date")),
            title=_text(raw, "title"),
            aliases=_texts(raw, "aliases"),
            issuer=_text(raw, "issuer"),
            guides=_optional_text(raw, "guides"),
            amends=_texts(raw, "amends"),
        )


def _text(raw: Mapping[str, object], field: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"laws.json: field {field!r} must be a non-empty string, got {value!r}")
    return value


def _optional_text(raw: Mapping[str, object], field: str) -> str | None:
    return None if raw.get(field) is None else _text(raw, field)


def _texts(raw: Mapping[str, object], field: str) -> tuple[str, ...]:
    value = raw.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"laws.json: field {field!r} must be a list of strings, got {value!r}")
    return tuple(value)


def _by_date(entry: LawEntry) -> tuple[datetime.date, str]:
    return (entry.date or datetime.date.min, entry.number or "")


class LawRegistry:
    """Look laws up by number or by cited title and date.

    >>> reg = LawRegistry([LawEntry("Luật", "1/2020/QH14", datetime.date(2020, 1, 2), "Luật X", (),
    ...                             "Quốc hội", None, ())])
    >>> reg.lookup("x").number, reg.lookup("Luật X", year=2021), len(reg)
    ('1/2020/QH14', None, 1)
    """

    def __init__(self, entries: Iterable[LawEntry]) -> None:
        self._entries: tuple[LawEntry, ...] = tuple(entries)
        self._by_number: dict[str, LawEntry] = {}
        self._by_key: dict[str, list[LawEntry]] = {}
        for entry in self._entries:
            if entry.number is not None:
                self._by_number.setdefault(_number_key(entry.number), entry)
            for name in (entry.title, *entry.aliases):
                bucket = self._by_key.setdefault(title_key(name), [])
                if entry not in bucket:
                    bucket.append(entry)

    @classmethod
    def from_json(cls, text: str) -> LawRegistry:
        """Build a registry from the text of a ``laws.json``-shaped JSON list."""
        data = json.loads(text)
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ValueError("laws.json: expected a JSON list of objects")
        return cls(LawEntry.from_json(item) for item in data)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[LawEntry]:
        return iter(self._entries)

    @property
    def entries(self) -> tuple[LawEntry, ...]:
        """All entries, in file order."""
        return self._entries

    def by_number(self, number: str) -> LawEntry | None:
        """The entry with this number; case, spaces, dashes and "ND"/"NĐ"/"Ð" do not matter.

        >>> reg = default_registry()
        >>> reg.by_number("30/2020/nd-cp").title
        'Nghị định về công tác văn thư'
        >>> reg.by_number(" 06 / 2022 / qh15 ").number
        '06/2022/QH15'
        >>> reg.by_number("999/2099/QH99") is None
        True
        """
        return self._by_number.get(_number_key(number))

    def lookup(
        self,
        title: str,
        *,
        year: int | None = None,
        on: datetime.date | None = None,
        as_of: datetime.date | None = None,
    ) -> LawEntry | None:
        """Resolve a law cited by name, and by date or year when the citation gives one.

        ``on`` is the date written in the citation and must equal the entry's date; ``year`` is the
        year written ("Luật ... năm 2022") and must equal the entry's year. With neither, the result
        is the latest entry adopted on or before ``as_of`` (the citing document's date), or the latest
        of all when ``as_of`` is None. When several entries share the cited year, ``as_of`` again picks
        the latest one not after it. Returns None when nothing matches.

        >>> reg = default_registry()
        >>> reg.lookup("Luật Tổ chức chính quyền địa phương", on=datetime.date(2015, 6, 19)).number
        '77/2015/QH13'
        >>> reg.lookup("Luật Tổ chức chính quyền địa phương", year=2025,
        ...            as_of=datetime.date(2025, 3, 1)).number
        '65/2025/QH15'
        >>> reg.lookup("Luật Thi đua, khen thưởng", on=datetime.date(2022, 6, 16)) is None
        True
        >>> reg.lookup("Luật Thi đua, khen thưởng", as_of=datetime.date(2000, 1, 1)) is None
        True
        """
        candidates = self._by_key.get(title_key(title), [])
        if on is not None:
            candidates = [e for e in candidates if e.date == on]
        if year is not None:
            candidates = [e for e in candidates if e.date is not None and e.date.year == year]
        if as_of is not None and on is None:
            not_later = [e for e in candidates if e.date is not None and e.date <= as_of]
            if year is None or not_later:
                candidates = not_later
        return max(candidates, key=_by_date, default=None)

    def title_keys(self) -> list[str]:
        """Every title and alias, squashed and without its leading type word, longest first.

        Each name is given as :func:`graph.text.squash` leaves it (commas kept) and, when different,
        also with punctuation removed, so a matcher over squashed text finds both spellings. The type
        word is dropped from laws, codes and ordinances, which documents cite by name; decrees keep
        their "nghi dinh" (their subject alone, "ve cong tac van thu", is too common a phrase to match
        on) and the constitution keeps "hien phap". Any key passed back to :meth:`lookup` resolves.

        >>> keys = default_registry().title_keys()
        >>> "thi dua, khen thuong" in keys and "thi dua khen thuong" in keys
        True
        >>> "nghi dinh ve cong tac van thu" in keys
        True
        >>> len(keys[0]) >= len(keys[-1])
        True
        """
        keys: set[str] = set()
        for entry in self._entries:
            strip = entry.type in _CITED_BY_NAME
            for name in (entry.title, *entry.aliases):
                for key in (squash(name), _unpunctuated(name)):
                    keys.add(_strip_type_word(key) if strip else key)
        return sorted(keys, key=lambda k: (-len(k), k))


@functools.cache
def default_registry() -> LawRegistry:
    """The registry of ``graph/data/laws.json``, loaded once.

    >>> default_registry() is default_registry()
    True
    """
    text = resources.files("graph.data").joinpath("laws.json").read_text(encoding="utf-8")
    return LawRegistry.from_json(text)
