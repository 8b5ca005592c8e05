"""Tests of the law registry (graph/registry.py) and of its data file (graph/data/laws.json)."""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.registry import LawEntry, LawRegistry, default_registry, title_key
from graph.text import fold

D = datetime.date
REG = default_registry()


def _raw_entries() -> list[dict[str, Any]]:
    text = resources.files("graph.data").joinpath("laws.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, list)
    return data


RAW = _raw_entries()

# --------------------------------------------------------------------------------------------------
# lookup(): one row per case — (cited title, keyword arguments, expected number or None)
# --------------------------------------------------------------------------------------------------
LOOKUP_CASES: list[tuple[str, dict[str, Any], str | None]] = [
    # name only: the latest law of that name
    ("Luật Thi đua, khen thưởng", {}, "06/2022/QH15"),
    ("Luật Tổ chức chính quyền địa phương", {}, "72/2025/QH15"),
    ("Luật Ban hành văn bản quy phạm pháp luật", {}, "64/2025/QH15"),
    ("Luật Đất đai", {}, "31/2024/QH15"),
    # by year ("Luật ... năm 2022")
    ("Luật Thi đua, khen thưởng", {"year": 2022}, "06/2022/QH15"),
    ("Luật Thi đua, khen thưởng", {"year": 2003}, "15/2003/QH11"),
    ("Luật Đất đai", {"year": 2013}, "45/2013/QH13"),
    ("Bộ luật Dân sự", {"year": 2005}, "33/2005/QH11"),
    # by year with two laws of that name in the same year: as_of decides, else the later one
    ("Luật Tổ chức chính quyền địa phương", {"year": 2025, "as_of": D(2025, 4, 1)}, "65/2025/QH15"),
    ("Luật Tổ chức chính quyền địa phương", {"year": 2025}, "72/2025/QH15"),
    # by a year with no such law
    ("Luật Thi đua, khen thưởng", {"year": 2010}, None),
    # by the exact date written in the citation
    ("Luật Thi đua, khen thưởng", {"on": D(2022, 6, 15)}, "06/2022/QH15"),
    ("Luật Thi đua, khen thưởng", {"on": D(2003, 11, 26)}, "15/2003/QH11"),
    ("Luật Tổ chức chính quyền địa phương", {"on": D(2015, 6, 19)}, "77/2015/QH13"),
    ("Luật Tổ chức chính quyền địa phương", {"on": D(2025, 2, 19)}, "65/2025/QH15"),
    ("Luật Tổ chức Chính phủ", {"on": D(2015, 6, 19)}, "76/2015/QH13"),
    # the exact date wins over as_of
    ("Luật Thi đua, khen thưởng", {"on": D(2003, 11, 26), "as_of": D(2024, 1, 1)}, "15/2003/QH11"),
    # a wrong date: no match, even though the name is known
    ("Luật Thi đua, khen thưởng", {"on": D(2022, 6, 16)}, None),
    ("Luật Thi đua, khen thưởng", {"on": D(2022, 6, 15), "year": 2021}, None),
    # as_of before the new law: the old one (the document predates the 2022 law)
    ("Luật Thi đua, khen thưởng", {"as_of": D(2020, 1, 1)}, "15/2003/QH11"),
    ("Luật Thi đua, khen thưởng", {"as_of": D(2022, 6, 15)}, "06/2022/QH15"),
    ("Luật Cán bộ, công chức", {"as_of": D(2025, 6, 1)}, "22/2008/QH12"),
    ("Luật Ban hành văn bản quy phạm pháp luật", {"as_of": D(2016, 1, 1)}, "80/2015/QH13"),
    # as_of before any law of that name
    ("Luật Thi đua, khen thưởng", {"as_of": D(2003, 1, 1)}, None),
    # case, accents, spacing, commas and the type word do not matter
    ("luat thi dua khen thuong", {"year": 2022}, "06/2022/QH15"),
    ("Luật Thi đua, Khen thưởng", {"year": 2022}, "06/2022/QH15"),
    ("LUẬT  THI   ĐUA ,KHEN THƯỞNG", {"year": 2022}, "06/2022/QH15"),
    ("Thi đua, khen thưởng", {"year": 2022}, "06/2022/QH15"),
    ("Luật Phòng chống tham nhũng", {}, "36/2018/QH14"),
    ("Luật Phòng, chống ma tuý", {}, "73/2021/QH14"),  # old-style tone mark placement
    # "Luật Lao động" is the code "Bộ luật Lao động" (alias and type word)
    ("Luật Lao động", {}, "45/2019/QH14"),
    ("Bộ luật Lao động", {"year": 2019}, "45/2019/QH14"),
    # an unknown title
    ("Luật Không có thật", {}, None),
    ("", {}, None),
    # amending laws resolve by their own full title only
    ("Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng", {"year": 2013}, "39/2013/QH13"),
    ("Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng", {"year": 2005}, "47/2005/QH11"),
    # ... and never for the plain name, even on the amending law's own date
    ("Luật Thi đua, khen thưởng", {"on": D(2013, 11, 16)}, None),
    ("Luật Thi đua, khen thưởng", {"year": 2005}, None),
    ("Luật Ban hành văn bản quy phạm pháp luật", {"year": 2020}, None),
    ("Luật Ban hành văn bản quy phạm pháp luật", {"as_of": D(2020, 12, 31)}, "80/2015/QH13"),
]


@pytest.mark.parametrize(("title", "kwargs", "expected"), LOOKUP_CASES)
def test_lookup(title: str, kwargs: dict[str, Any], expected: str | None) -> None:
    entry = REG.lookup(title, **kwargs)
    assert (entry.number if entry else None) == expected


def test_lookup_constitution() -> None:
    # Hiến pháp has no number; "Hiến pháp năm 2013" is found by name and year
    entry = REG.lookup("Hiến pháp", year=2013)
    assert entry is not None
    assert (entry.type, entry.number, entry.date) == ("Hiến pháp", None, D(2013, 11, 28))
    assert REG.lookup("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam") is entry


# --------------------------------------------------------------------------------------------------
# by_number(): one row per case — (number as written, expected number or None)
# --------------------------------------------------------------------------------------------------
BY_NUMBER_CASES: list[tuple[str, str | None]] = [
    ("06/2022/QH15", "06/2022/QH15"),  # exact
    ("06/2022/qh15", "06/2022/QH15"),  # lower case
    (" 06 / 2022 / QH15 ", "06/2022/QH15"),  # spaces
    ("98/2023/NĐ-CP", "98/2023/NĐ-CP"),  # exact, with Đ
    ("98/2023/ND-CP", "98/2023/NĐ-CP"),  # "ND" spelling
    ("98/2023/nd-cp", "98/2023/NĐ-CP"),  # "nd" spelling
    ("98/2023/NÐ-CP", "98/2023/NĐ-CP"),  # Ð (U+00D0, eth) instead of Đ (U+0110)
    ("30/2020/NĐ–CP", "30/2020/NĐ-CP"),  # en dash
    ("6/2022/QH15", None),  # the leading zero is part of the number
    ("999/2099/QH99", None),  # unknown
]


@pytest.mark.parametrize(("number", "expected"), BY_NUMBER_CASES)
def test_by_number(number: str, expected: str | None) -> None:
    entry = REG.by_number(number)
    assert (entry.number if entry else None) == expected


def test_decree_guides_and_amending_links() -> None:
    nd98 = REG.by_number("98/2023/ND-CP")
    nd91 = REG.by_number("91/2017/ND-CP")
    assert nd98 is not None and nd98.guides == "06/2022/QH15"
    assert nd91 is not None and nd91.guides == "15/2003/QH11"
    amending = REG.by_number("39/2013/QH13")
    assert amending is not None and amending.amends == ("15/2003/QH11",)


# --------------------------------------------------------------------------------------------------
# title_keys(), title_key()
# --------------------------------------------------------------------------------------------------
def test_title_keys_longest_first_and_complete() -> None:
    keys = REG.title_keys()
    assert keys == sorted(set(keys), key=lambda k: (-len(k), k))
    assert "thi dua, khen thuong" in keys  # squashed, comma kept
    assert "thi dua khen thuong" in keys  # and without punctuation
    assert "hien phap" in keys  # the constitution keeps its name
    assert not any(k.startswith(("luat ", "bo luat ")) for k in keys)  # type word dropped from laws
    assert "nghi dinh ve cong tac van thu" in keys  # but kept on decrees
    assert "ve cong tac van thu" not in keys
    assert "sua doi, bo sung mot so dieu cua luat thi dua, khen thuong" in keys
    # every key resolves back to an entry
    for key in keys:
        assert REG.lookup(key) is not None, key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Luật Thi đua, khen thưởng", "thi dua khen thuong"),  # type word and comma dropped
        ("Bộ luật Hình sự", "hinh su"),  # two-word type word
        (
            "Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự",
            "sua doi bo sung mot so dieu cua bo luat hinh su",
        ),
        ("Hiến pháp", "hien phap"),  # nothing would remain: kept
        ("Luật", "luat"),  # same
    ],
)
def test_title_key(text: str, expected: str) -> None:
    assert title_key(text) == expected


@given(st.sampled_from(RAW), st.randoms(use_true_random=False))
def test_lookup_ignores_case_and_accents(raw: dict[str, Any], rnd: Any) -> None:
    # any mix of upper/lower case, with or without accents, finds the same entry on its own date
    title: str = raw["title"]
    mangled = "".join(c.upper() if rnd.random() < 0.5 else c for c in title)
    if rnd.random() < 0.5:
        mangled = fold(mangled)
    entry = REG.lookup(mangled, on=datetime.date.fromisoformat(raw["date"]))
    assert entry is not None and entry.title == title


# --------------------------------------------------------------------------------------------------
# The registry class on its own data
# --------------------------------------------------------------------------------------------------
def test_registry_from_json_rejects_malformed_entries() -> None:
    with pytest.raises(ValueError):
        LawRegistry.from_json('{"type": "Luật"}')  # not a list
    with pytest.raises(ValueError):
        LawRegistry.from_json('[{"type": "Luật", "number": null, "date": null, "aliases": []}]')  # no title
    with pytest.raises(ValueError):
        LawRegistry.from_json(
            '[{"type": "Luật", "date": "2020-02-30", "title": "Luật X", "issuer": "Quốc hội"}]'
        )


def test_lookup_with_undated_entry() -> None:
    reg = LawRegistry([LawEntry("Luật", None, None, "Luật X", (), "Quốc hội", None, ())])
    assert reg.lookup("Luật X") is not None  # found by name
    assert reg.lookup("Luật X", year=2020) is None  # but no year to match
    assert reg.lookup("Luật X", as_of=D(2020, 1, 1)) is None  # nor a date to compare


# --------------------------------------------------------------------------------------------------
# Integrity of graph/data/laws.json
# --------------------------------------------------------------------------------------------------
TYPES = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh", "Nghị định"}
ISSUERS = {"Luật": "Quốc hội", "Bộ luật": "Quốc hội", "Hiến pháp": "Quốc hội",
           "Pháp lệnh": "Ủy ban Thường vụ Quốc hội", "Nghị định": "Chính phủ"}  # fmt: skip
NUMBER_PATTERNS = {
    "Luật": re.compile(r"^\d{1,3}/(\d{4})/QH(\d{2})$"),
    "Bộ luật": re.compile(r"^\d{1,3}/(\d{4})/QH(\d{2})$"),
    "Pháp lệnh": re.compile(r"^\d{1,3}/(\d{4})/(?:PL-)?UBTVQH(\d{2})$"),
    "Nghị định": re.compile(r"^\d{1,3}/(\d{4})/NĐ-CP$"),
}
# Terms (khóa) of the National Assembly, with a little slack at each end.
TERMS = {
    10: (D(1997, 7, 1), D(2002, 7, 31)),
    11: (D(2002, 7, 1), D(2007, 7, 31)),
    12: (D(2007, 7, 1), D(2011, 7, 31)),
    13: (D(2011, 7, 1), D(2016, 7, 31)),
    14: (D(2016, 7, 1), D(2021, 7, 31)),
    15: (D(2021, 7, 1), D(2026, 6, 30)),
}
ALLOWED_FIELDS = {"type", "number", "date", "title", "aliases", "issuer", "guides", "amends"}


def test_data_covers_enough_laws() -> None:
    assert sum(1 for r in RAW if r["type"] in {"Luật", "Bộ luật"}) >= 60
    assert len(REG) == len(RAW)


@pytest.mark.parametrize("raw", RAW, ids=lambda r: r.get("number") or r["title"])
def test_entry_is_well_formed(raw: dict[str, Any]) -> None:
    assert set(raw) <= ALLOWED_FIELDS
    assert {"type", "number", "date", "title", "aliases", "issuer"} <= set(raw)
    assert raw["type"] in TYPES
    assert raw["issuer"] == ISSUERS[raw["type"]]
    assert raw["title"].startswith(raw["type"] + " ")  # the title starts with its type word
    assert raw["title"] == " ".join(raw["title"].split())
    assert isinstance(raw["aliases"], list) and all(a == " ".join(a.split()) for a in raw["aliases"])
    day = datetime.date.fromisoformat(raw["date"])  # a real date
    assert D(1945, 9, 2) <= day <= D(2026, 12, 31)
    if raw["type"] == "Hiến pháp":
        assert raw["number"] is None
        return
    match = NUMBER_PATTERNS[raw["type"]].match(raw["number"])
    assert match, raw["number"]
    assert int(match.group(1)) == day.year  # the number's year is the year of adoption
    if raw["type"] in {"Luật", "Bộ luật", "Pháp lệnh"}:
        start, end = TERMS[int(match.group(2))]
        assert start <= day <= end  # adopted during the term its number names
    assert ("guides" in raw) <= (raw["type"] == "Nghị định")
    assert ("amends" in raw) <= (raw["type"] == "Luật")


def test_numbers_are_unique() -> None:
    counts = Counter(r["number"] for r in RAW if r["number"] is not None)
    assert [n for n, c in counts.items() if c > 1] == []


def test_guides_and_amends_targets_exist() -> None:
    numbers = {r["number"] for r in RAW}
    for raw in RAW:
        for target in ([raw["guides"]] if "guides" in raw else []) + raw.get("amends", []):
            assert target in numbers, (raw["number"], target)
            assert target != raw["number"]


def test_amending_laws_are_separate_entries() -> None:
    by_number = {r["number"]: r for r in RAW}
    for raw in RAW:
        if "amends" not in raw:
            continue
        assert raw["title"].startswith("Luật sửa đổi, bổ sung")
        day = datetime.date.fromisoformat(raw["date"])
        for target in raw["amends"]:
            # the plain name of the amended law never resolves to the amending law
            plain = by_number[target]["title"]
            for found in (
                REG.lookup(plain, on=day),
                REG.lookup(plain, year=day.year),
                REG.lookup(plain, as_of=day),
            ):
                assert found is None or found.number != raw["number"]


@pytest.mark.parametrize("raw", RAW, ids=lambda r: r.get("number") or r["title"])
def test_every_entry_round_trips(raw: dict[str, Any]) -> None:
    day = datetime.date.fromisoformat(raw["date"])
    by_title = REG.lookup(raw["title"], on=day)
    assert by_title is not None and by_title.title == raw["title"] and by_title.date == day
    if raw["number"] is not None:
        assert by_title.number == raw["number"]  # no two entries share a title and a date
        entry = REG.by_number(raw["number"])
        assert entry is not None and entry.title == raw["title"]
    for alias in raw["aliases"]:
        assert REG.lookup(alias, on=day) is by_title
