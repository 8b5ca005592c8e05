"""The generated corpus (benchmarks/corpus.py): the reader finds in each text what the generator put there, the
same (n, seed) gives the same bytes, and every citation names an earlier document."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import STRENGTH, Facts, Generated, documents, top_law_key, write
from benchmarks.wording import LAWS, PROVINCES
from graph.extract import extract
from graph.records import to_record
from graph.registry import default_registry
from graph.vocab import PROVINCES as READER_PROVINCES

N = 30


@pytest.fixture(scope="module")
def corpus() -> list[Generated]:
    return list(documents(N, seed=11))


@pytest.fixture(scope="module")
def records(corpus: list[Generated]) -> list[dict[str, Any]]:
    return [to_record(extract(g.text, g.name)) for g in corpus]


def _words(text: str | None) -> str:
    return " ".join((text or "").split()).strip(" .;,")


class Score:
    """Found / expected per kind of fact, over the corpus."""

    def __init__(self) -> None:
        self.expected: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.misses: list[str] = []

    def add(self, kind: str, expected: Counter[Any], got: Counter[Any], name: str) -> None:
        self.expected[kind] += sum(expected.values())
        self.found[kind] += sum((expected & got).values())
        self.misses += [f"{name}: {kind} {miss}" for miss in expected - got]

    def rate(self, kind: str) -> float:
        return self.found[kind] / self.expected[kind]


def _score(facts: Facts, record: dict[str, Any], score: Score, name: str) -> None:
    d = record["document"]
    identity = (d["type"], d["number"], d["date"], d["scope"])
    score.add("identity", Counter([(facts.type, facts.number, facts.date.isoformat(), facts.scope)]),
              Counter([identity]), name)
    got = {(r["number"], r["year"]): r["relation"] for r in record["references"]}
    score.add("references", Counter((r.number, r.year) for r in facts.references), Counter(got.keys()), name)
    score.add("relations", Counter((r.number, r.year, r.relation) for r in facts.references),
              Counter((n, y, rel) for (n, y), rel in got.items()), name)
    score.add("extracted references (precision)", Counter(got.keys()),
              Counter((r.number, r.year) for r in facts.references), name)
    score.add("campaigns", Counter(facts.campaigns), Counter((c["name"], c["relation"]) for c in record["campaigns"]),
              name)
    score.add("tasks", Counter((_words(t.text), t.lead, t.partners, t.due) for t in facts.tasks),
              Counter((_words(t["text"]), tuple(t["lead"]), tuple(t["partners"]), t["due"]) for t in record["tasks"]),
              name)
    score.add("targets", Counter((_words(t.indicator), t.comparator, t.value, t.unit) for t in facts.targets),
              Counter((_words(t["indicator"]), t["comparator"], t["value"], t["unit"]) for t in record["targets"]),
              name)


def test_the_reader_finds_what_the_generator_wrote(corpus: list[Generated], records: list[dict[str, Any]]) -> None:
    score = Score()
    for generated, record in zip(corpus, records, strict=True):
        _score(generated.facts, record, score, generated.name)
    for kind in score.expected:
        assert score.expected[kind] > 0, kind
        assert score.rate(kind) >= 0.95, (kind, score.rate(kind), score.misses[:10])


def test_the_corpus_holds_every_kind_of_fact(corpus: list[Generated]) -> None:
    facts = [g.facts for g in corpus]
    types = {f.type for f in facts}
    assert {"Luật", "Chỉ thị", "Kế hoạch", "Công văn", "Quyết định", "Thông báo"} <= types, types
    relations = {r.relation for f in facts for r in f.references}
    assert {"based_on", "implements", "cites"} <= relations, relations
    assert {rel for f in facts for _, rel in f.campaigns} == {"launches", "mentions"}
    assert sum(len(f.tasks) for f in facts) > 2 * N
    assert sum(len(f.targets) for f in facts) > N
    assert any(t.due and t.due.startswith("Tháng") for f in facts for t in f.tasks)
    assert all(5_000 <= len(g.text.encode()) <= 16_500 for g in corpus), [len(g.text.encode()) for g in corpus]


def test_citations_name_earlier_documents_only(corpus: list[Generated]) -> None:
    issued = {(g.facts.number, g.facts.date.year): g.facts.date for g in corpus}
    dates = {(law.number, law.date.year): law.date for law in LAWS} | issued
    for g in corpus:
        for ref in g.facts.references:
            if (ref.number, ref.year) in dates:
                assert dates[ref.number, ref.year] < g.facts.date, (g.name, ref)
        assert all(r.relation in STRENGTH for r in g.facts.references)
    assert [g.facts.date for g in corpus] == sorted(g.facts.date for g in corpus)  # files in date order


def test_same_size_and_seed_same_bytes(tmp_path: Path) -> None:
    first = [(g.name, hashlib.sha256(g.text.encode()).hexdigest()) for g in documents(60, seed=5)]
    again = [(g.name, hashlib.sha256(g.text.encode()).hexdigest()) for g in documents(60, seed=5)]
    other = [(g.name, hashlib.sha256(g.text.encode()).hexdigest()) for g in documents(60, seed=6)]
    assert first == again
    assert first != other
    written = write(60, tmp_path / "docs", seed=5)
    assert [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in written] == first


def test_the_most_cited_law_is_the_law_on_local_government() -> None:
    cited = Counter((r.number, r.year) for g in documents(400, seed=2) for r in g.facts.references)
    (number, year), count = cited.most_common(1)[0]
    assert top_law_key() == f"vn/{year}/{number.lower().replace('/', '-')}"
    assert count > 0.5 * 400  # power law: one law under most documents


def test_the_words_agree_with_the_reader() -> None:
    registry = default_registry()
    for law in LAWS:
        entry = registry.by_number(law.number)
        assert entry is not None and entry.date == law.date, law
    assert len(PROVINCES) == 63
    assert {p.name for p in PROVINCES} <= set(READER_PROVINCES)
