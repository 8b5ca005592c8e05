"""A generated corpus of raw Vietnamese document texts, with the facts each text was written to hold.

Deterministic: the same ``(n, seed)`` gives byte-identical texts. Streamed: :func:`documents` yields one document
at a time and keeps only what later documents may cite (a few hundred bytes each), so 100,000 documents are
written in well under a minute with little memory.

What the corpus looks like, shaped after ``../shared/seeds``:

- **National documents** (about 4 %): laws of ``graph/data/laws.json`` (real numbers and dates), decrees,
  circulars, the Prime Minister's directives and decisions, Party directives, resolutions and conclusions
  (``05-CT/TW``), the Government Office's notices (``59/TB-VPCP``). About half as many again are cited but not in
  the corpus (stubs).
- **Provincial documents** across the 63 provinces, 2019–2025: Chỉ thị, Kế hoạch (with a task table),
  Quyết định, Công văn (``V/v``, ``Kính gửi``), Thông báo kết luận, documents of the Sở and of the Tỉnh ủy.
- **Citations**: "Căn cứ …" lines (based on), "Thực hiện …" in the preamble or title (implements), "hướng dẫn
  thực hiện …" (guides), "sửa đổi, bổ sung …" (amends), "… này thay thế …" (replaces), "… này bãi bỏ …" (repeals),
  mentions in the body (cites). The law on local government is the basis of almost every provincial decision and
  plan; other national documents are picked Zipf-like (a few cited by almost everything); provinces build chains
  (a plan carrying out a directive, a letter carrying out the plan). Every citation names a document dated
  strictly earlier than the citing one, with the date that document carries (citing a later one would be a
  SHACL violation).
- **Campaigns** ("phong trào thi đua “…”"), launched by directives and mentioned by plans and letters; **tasks** in
  tables (chủ trì, phối hợp, thời gian hoàn thành) and in sentences ("Giao Sở X chủ trì, phối hợp với …");
  **targets** ("… đạt 95%", "dưới 3%", "từ 40 xã trở lên").
- Sizes like the seeds' (5–16 KB of UTF-8).

Run ``luocdo bench generate --docs N --out DIR`` to write a corpus (``luocdo bench run`` measures it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.wording import (
    AGENCIES,
    DEPARTMENTS,
    FAMILY,
    FILLER,
    GIVEN,
    GOVERNANCE_LAW,
    LAWS,
    LETTER_UNITS,
    MIDDLE,
    PROVINCES,
    PROVINCIAL_CAMPAIGNS,
    TOPICS,
    Law,
    Province,
    Topic,
)

__all__ = ["VERSION", "Facts", "Generated", "Issued", "Reference", "Target", "Task", "documents", "generate",
           "top_law_key", "write"]

VERSION = 2  # of the texts: a cached corpus of another version is written again
START, END = dt.date(2019, 1, 1), dt.date(2025, 12, 31)
NATIONAL_START = dt.date(2016, 1, 1)
# Relations from strongest to weakest: a document cited several times keeps its strongest (as the reader does).
STRENGTH = ("based_on", "implements", "guides", "amends", "replaces", "repeals", "cites")
TOP_LAW = LAWS[0]  # Luật Tổ chức chính quyền địa phương 2015: the basis of almost every provincial decision


def top_law_key() -> str:
    """The store key of the law the corpus cites most (``vn/2015/77-2015-qh13``)."""
    number = TOP_LAW.number.lower().replace("/", "-")
    return f"vn/{TOP_LAW.date.year}/{number}"


# --- what a generated document holds ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Issued:
    """A document as later documents cite it."""

    type: str  # 'Luật', 'Nghị định', 'Chỉ thị', …
    number: str
    date: dt.date
    issuer: str  # as a citation names it after 'của'
    about: str  # its summary as cited ('về …'); a law's name
    scope: str  # 'VN' or the province
    kind: str  # law, decree, circular, ttg-ct, ttg-qd, party-ct, party-nq, party-kl, tb, ct, kh, qd, cv, tbp, so, tu
    topic: int
    inner: tuple[tuple[str, int], ...] = ()  # (number, year) of documents named inside ``about``
    in_corpus: bool = True

    @property
    def ref(self) -> tuple[str, int]:
        return self.number, self.date.year


@dataclass(frozen=True, slots=True)
class Reference:
    number: str
    year: int
    relation: str


@dataclass(frozen=True, slots=True)
class Task:
    text: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    due: str | None


@dataclass(frozen=True, slots=True)
class Target:
    indicator: str
    comparator: str
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class Facts:
    """What the text of one generated document was written to say (the reader should find all of it)."""

    type: str
    number: str
    date: dt.date
    scope: str
    references: tuple[Reference, ...]
    campaigns: tuple[tuple[str, str], ...]  # (name, 'launches' | 'mentions')
    tasks: tuple[Task, ...]
    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True)
class Generated:
    name: str
    text: str
    facts: Facts


# --- writing one document -------------------------------------------------------------------------------


def _vn_number(value: float) -> str:
    """12500 -> '12.500', 98.5 -> '98,5'."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _long_date(d: dt.date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


class _Draft:
    """The text of one document as it is written, and the facts put into it."""

    def __init__(self, rng: random.Random, date: dt.date, size: int) -> None:
        self.rng, self.date, self.size = rng, date, size
        self.parts: list[str] = []
        self.length = 0
        self.refs: dict[tuple[str, int], str] = {}
        self.campaigns: list[tuple[str, str]] = []
        self.tasks: list[Task] = []
        self.targets: list[Target] = []

    def add(self, *lines: str) -> None:
        for line in lines:
            self.parts.append(line)
            self.length += len(line.encode()) + 1

    def text(self) -> str:
        return "\n".join(self.parts) + "\n"

    # --- citations

    def relate(self, ref: tuple[str, int], relation: str) -> None:
        kept = self.refs.get(ref)
        if kept is None or STRENGTH.index(relation) < STRENGTH.index(kept):
            self.refs[ref] = relation

    def cite(self, doc: Issued | Law, relation: str, *, about: bool = True) -> str:
        """How the text names ``doc``; the reference (and those inside its summary) is recorded."""
        if isinstance(doc, Law):
            self.relate((doc.number, doc.date.year), relation)
            return self.law(doc)
        assert doc.date < self.date, (doc, self.date)
        self.relate(doc.ref, relation)
        when = self.cited_date(doc.date)
        words = f"{doc.type} số {doc.number} {when} của {doc.issuer}"
        if about and doc.about:
            for inner in doc.inner:
                self.relate(inner, "cites")
            words += f" {doc.about}"
        return words

    def law(self, law: Law) -> str:
        style = self.rng.random()
        if style < 0.6:
            return f"Luật {law.name} ngày {law.date.day} tháng {law.date.month} năm {law.date.year}"
        if style < 0.8 and _unique_year(law):
            return f"Luật {law.name} năm {law.date.year}"
        return f"Luật {law.name} số {law.number}"

    def cited_date(self, d: dt.date) -> str:
        style = self.rng.random()
        if style < 0.45:
            return f"ngày {d.day:02d}/{d.month:02d}/{d.year}"
        if style < 0.75:
            return f"ngày {d.day}/{d.month}/{d.year}"
        return _long_date(d)

    # --- campaigns, tasks, targets

    def campaign(self, name: str, relation: str) -> str:
        if all(name != n for n, _ in self.campaigns):
            self.campaigns.append((name, relation))
        return f"“{name}”"

    def task(self, text: str, lead: str, partners: tuple[str, ...] = (), due: str | None = None) -> None:
        self.tasks.append(Task(text, (lead,), partners, due))

    def target(self, topic: Topic, *, inline: bool) -> str:
        """One target of ``topic``: as a list line ('Tỷ lệ …: đạt 95%.') or a clause ('tỷ lệ … đạt 95%')."""
        rng = self.rng
        indicator, unit, low, high = rng.choice(topic.indicators)
        if unit in ("%", "triệu lượt"):
            value = round(rng.uniform(low, high), rng.choice((0, 1)))
            value = min(value, 100.0) if unit == "%" else value
        else:
            value = float(rng.randint(int(low), int(high)))
            value = float(round(value, -2)) if value > 1000 else value
        words, comparator = rng.choice((("đạt ", "="), ("", "="), ("trên ", ">"), ("đạt trên ", ">"),
                                        ("tối thiểu ", ">="), ("khoảng ", "~"), ("từ ", ">=")))
        if "giảm" in indicator.lower() or "hộ nghèo" in indicator.lower():
            words, comparator = rng.choice((("dưới ", "<"), ("đạt ", "=")))
        tail = " trở lên" if words == "từ " else ""
        amount = f"{_vn_number(value)}{unit}" if unit == "%" else f"{_vn_number(value)} {unit}"
        shown = indicator[0].lower() + indicator[1:] if inline else indicator
        self.targets.append(Target(shown, comparator, value, unit))
        return f"{shown} {words}{amount}{tail}" if inline else f"{indicator}: {words}{amount}{tail}."

    # --- filler

    def paragraph(self, topic: Topic, province: Province | None, sentences: int = 3) -> str:
        rng = self.rng
        pool = [*rng.sample(FILLER, sentences), rng.choice(topic.sentences)]
        rng.shuffle(pool)
        words = {"p": province.name if province else "", "y": self.date.year,
                 "level": province.level if province else "cả nước"}
        return " ".join(s.format(**words) for s in pool)

    def fill(self, topic: Topic, province: Province | None, room: int) -> list[str]:
        """Paragraphs of about ``room`` bytes (at least one)."""
        out: list[str] = []
        used = 0
        while not out or used < room:
            para = self.paragraph(topic, province, self.rng.randint(2, 4))
            out.append(para)
            used += len(para.encode()) + 1
        return out

    def facts(self, doc: Issued) -> Facts:
        refs = tuple(Reference(n, y, rel) for (n, y), rel in self.refs.items())
        return Facts(doc.type, doc.number, doc.date, doc.scope, refs, tuple(self.campaigns), tuple(self.tasks),
                     tuple(self.targets))


_YEARS: dict[tuple[str, int], int] = {}
for _l in LAWS:
    _YEARS[_l.name, _l.date.year] = _YEARS.get((_l.name, _l.date.year), 0) + 1


def _unique_year(law: Law) -> bool:
    """Whether 'Luật X năm YYYY' names one law (two laws on local government were passed in 2025)."""
    return _YEARS[law.name, law.date.year] == 1


def _law_in_force(name: str, on: dt.date) -> Law | None:
    """The law of that name a document dated ``on`` cites: the latest adopted at least 45 days before."""
    found = [law for law in LAWS if law.name == name and law.date + dt.timedelta(days=45) < on]
    return max(found, key=lambda law: law.date, default=None)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _header(d: _Draft, body: tuple[str, ...], number_line: str, place: str, party: bool = False) -> None:
    """The two-column header, as a PDF copy gives it (tab between columns) or one column after the other."""
    date_line = f"{place}, {_long_date(d.date)}"
    if party:
        d.add(f"{body[0]}\t{PARTY_MOTTO}", *body[1:], "*", f"{number_line}\t{date_line}", "")
    elif d.rng.random() < 0.6:
        d.add(f"{body[0]}\t{MOTTO[0]}", f"{body[1] if len(body) > 1 else ''}\t{MOTTO[1]}".lstrip("\t"),
              *body[2:], f"{number_line}\t{date_line}", "")
    else:
        d.add(*body, MOTTO[0], MOTTO[1], number_line, date_line, "")


# --- the corpus plan: national catalogue, provinces, timeline --------------------------------------------

MINISTRIES = {  # topic index -> (ministry, code in a circular's number)
    0: ("Bộ Nội vụ", "BNV"), 1: ("Bộ Nội vụ", "BNV"), 2: ("Bộ Thông tin và Truyền thông", "BTTTT"),
    3: ("Bộ Nông nghiệp và Phát triển nông thôn", "BNNPTNT"), 4: ("Bộ Nông nghiệp và Phát triển nông thôn", "BNNPTNT"),
    5: ("Bộ Lao động - Thương binh và Xã hội", "BLĐTBXH"), 6: ("Bộ Tài nguyên và Môi trường", "BTNMT"),
    7: ("Bộ Kế hoạch và Đầu tư", "BKHĐT"), 8: ("Bộ Tư pháp", "BTP"), 9: ("Thanh tra Chính phủ", "TTCP"),
    10: ("Bộ Tài chính", "BTC"), 11: ("Bộ Công an", "BCA"), 12: ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL"),
    13: ("Bộ Tài nguyên và Môi trường", "BTNMT"), 14: ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
}
_RESERVED = frozenset({"30/2020/NĐ-CP", "91/2017/NĐ-CP", "98/2023/NĐ-CP", "34/2016/NĐ-CP", "40/2020/NĐ-CP",
                       "110/2004/NĐ-CP"})  # decrees of the registry: the reader resolves them by number
NATIONAL_KINDS = ("decree", "party-ct", "ttg-ct", "tb", "circular", "ttg-qd", "party-nq", "party-kl")
NATIONAL_WEIGHTS = (35, 6, 9, 10, 15, 10, 5, 4)
PROVINCIAL_KINDS = ("kh", "cv", "qd", "ct", "so", "tbp", "tu")
PROVINCIAL_WEIGHTS = (30, 28, 18, 8, 8, 4, 4)


@dataclass
class _Register:
    """Running numbers of issuing bodies: one register per (body, year), numbers growing with the date."""

    rng: random.Random
    gap: int
    last: dict[tuple[str, int], int] = field(default_factory=dict)

    def next(self, body: str, year: int, gap: int | None = None) -> int:
        number = self.last.get((body, year), 0) + self.rng.randint(1, gap or self.gap)
        self.last[body, year] = number
        return number


def _national_about(rng: random.Random, kind: str, topic: Topic, date: dt.date,
                    earlier: list[Issued]) -> tuple[str, tuple[tuple[str, int], ...]]:
    """The summary of a national document as it is cited, and the documents it names."""
    if kind == "decree":
        law = _law_in_force(rng.choice(topic.laws), date)
        if law is not None and _unique_year(law):
            return (f"quy định chi tiết thi hành một số điều của Luật {law.name} năm {law.date.year}",
                    ((law.number, law.date.year),))
        return f"quy định về {topic.name} trên phạm vi cả nước", ()
    if kind == "circular":
        decrees = [d for d in earlier if d.kind == "decree" and d.topic == TOPICS.index(topic)]
        if decrees and "," not in MINISTRIES[TOPICS.index(topic)][0]:  # 'Bộ Văn hóa, …': the reader's issuer stops
            decree = rng.choice(decrees[-5:])
            when = f"ngày {decree.date.day:02d}/{decree.date.month:02d}/{decree.date.year}"
            return (f"hướng dẫn thi hành một số điều của Nghị định số {decree.number} {when} của Chính phủ",
                    (decree.ref,))
        return f"hướng dẫn thực hiện {topic.name} tại các bộ, ngành, địa phương", ()
    if kind == "party-kl":
        directives = [d for d in earlier if d.kind in ("party-ct", "party-nq")]
        if directives:
            base = rng.choice(directives[-8:])
            when = f"ngày {base.date.day}/{base.date.month}/{base.date.year}"
            return f"về tiếp tục thực hiện {base.type} số {base.number} {when} của {base.issuer}", (base.ref,)
        return f"về tiếp tục đẩy mạnh {topic.name} trong tình hình mới", ()
    return {
        "ttg-ct": f"về việc tăng cường {topic.name} trong tình hình mới",
        "ttg-qd": f"phê duyệt Đề án {topic.name} giai đoạn 2021 - 2025",
        "party-ct": f"về tăng cường sự lãnh đạo của Đảng đối với {topic.name} trong tình hình mới",
        "party-nq": f"về {topic.name} đến năm 2030, tầm nhìn đến năm 2045",
        "tb": f"về kết luận của Thủ tướng Chính phủ tại hội nghị toàn quốc về {topic.name} năm {date.year}",
    }[kind], ()


_NATIONAL_FORM = {  # kind -> (type, issuer as cited, number pattern)
    "decree": ("Nghị định", "Chính phủ", "{n}/{y}/NĐ-CP"),
    "circular": ("Thông tư", "", "{n}/{y}/TT-{code}"),
    "ttg-ct": ("Chỉ thị", "Thủ tướng Chính phủ", "{n}/CT-TTg"),
    "ttg-qd": ("Quyết định", "Thủ tướng Chính phủ", "{n}/QĐ-TTg"),
    "party-ct": ("Chỉ thị", "Ban Bí thư", "{n:02d}-CT/TW"),
    "party-nq": ("Nghị quyết", "Bộ Chính trị", "{n:02d}-NQ/TW"),
    "party-kl": ("Kết luận", "Bộ Chính trị", "{n:02d}-KL/TW"),
    "tb": ("Thông báo", "Văn phòng Chính phủ", "{n}/TB-VPCP"),
}
_NATIONAL_GAP = {"decree": 6, "circular": 3, "ttg-ct": 3, "ttg-qd": 40, "party-ct": 2, "party-nq": 2, "party-kl": 3,
                 "tb": 25}


def _national_catalogue(rng: random.Random, n_corpus: int) -> list[Issued]:
    """National documents by date: ``n_corpus`` of them in the corpus (laws first), half as many more cited only."""
    laws = [LAWS[0], LAWS[8], *rng.sample(LAWS[1:8] + LAWS[9:], len(LAWS) - 2)]
    n_laws = min(len(laws), max(min(2, n_corpus), n_corpus // 10))
    corpus_laws = {law.number for law in laws[:n_laws]}
    n_other = (n_corpus - n_laws) + n_corpus // 2 + 2  # in the corpus, and cited only
    kinds = list(NATIONAL_KINDS[:min(len(NATIONAL_KINDS), n_other)])
    kinds += rng.choices(NATIONAL_KINDS, NATIONAL_WEIGHTS, k=n_other - len(kinds))
    span = (END - dt.timedelta(days=60) - NATIONAL_START).days
    dated = sorted((NATIONAL_START + dt.timedelta(days=rng.randrange(span)), kind, rng.randrange(len(TOPICS)))
                   for kind in kinds)
    in_corpus = set(rng.sample(range(len(dated)), n_corpus - n_laws)) if n_corpus > n_laws else set()
    register = _Register(rng, 2)
    generated: list[Issued] = []
    for i, (date, kind, topic_index) in enumerate(dated):
        topic = TOPICS[topic_index]
        doc_type, issuer, pattern = _NATIONAL_FORM[kind]
        ministry, code = MINISTRIES[topic_index]
        issuer = issuer or ministry
        series = f"{kind}-{code}" if kind == "circular" else kind
        year = 0 if kind.startswith("party") else date.year  # Party numbers run on across years
        number = pattern.format(n=register.next(series, year, _NATIONAL_GAP[kind]), y=date.year, code=code)
        while number in _RESERVED:
            number = pattern.format(n=register.next(series, year, _NATIONAL_GAP[kind]), y=date.year, code=code)
        about, inner = _national_about(rng, kind, topic, date, [d for d in generated[-300:] if d.date < date])
        generated.append(Issued(doc_type, number, date, issuer, about, "VN", kind, topic_index, inner, i in in_corpus))
    laws_issued = [Issued("Luật", law.number, law.date, "Quốc hội", law.name, "VN", "law", _law_topic(law), (),
                          law.number in corpus_laws) for law in LAWS]
    return sorted(laws_issued + generated, key=lambda d: d.date)


def _law_topic(law: Law) -> int:
    return next((i for i, t in enumerate(TOPICS) if law.name in t.laws), 1)


class _Zipf:
    """Picks among ranked documents with weight 1/(rank+1): a few are cited by almost everything."""

    def __init__(self, rng: random.Random, docs: list[Issued]) -> None:
        self.rng = rng
        self.docs = docs[:]
        rng.shuffle(self.docs)
        self.cumulative = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(self.docs))))

    def pick(self, before: dt.date, tries: int = 12) -> Issued | None:
        if not self.docs:
            return None
        total = self.cumulative[-1]
        for _ in range(tries):
            doc = self.docs[bisect.bisect_left(self.cumulative, self.rng.random() * total)]
            if doc.date < before:
                return doc
        return None


@dataclass
class _ProvinceState:
    province: Province
    recent: list[Issued] = field(default_factory=list)

    def earlier(self, kinds: tuple[str, ...], before: dt.date, rng: random.Random, number: str) -> Issued | None:
        """A recent document of these kinds, dated before, with another number (the reader drops a citation of
        its own number, even of another year)."""
        found = [d for d in self.recent[-30:] if d.kind in kinds and d.date < before and d.number != number]
        return rng.choice(found[-4:]) if found else None

    def remember(self, doc: Issued) -> None:
        self.recent.append(doc)
        if len(self.recent) > 60:
            del self.recent[:20]


# --- national documents ---------------------------------------------------------------------------------


def _write_national(d: _Draft, doc: Issued, earlier: list[Issued]) -> None:
    rng = d.rng
    topic = TOPICS[doc.topic]
    if doc.kind == "law":
        _write_law(d, doc, topic)
        return
    heading = {"Nghị định": "NGHỊ ĐỊNH", "Thông tư": "THÔNG TƯ", "Chỉ thị": "CHỈ THỊ", "Quyết định": "QUYẾT ĐỊNH",
               "Nghị quyết": "NGHỊ QUYẾT", "Kết luận": "KẾT LUẬN", "Thông báo": "THÔNG BÁO"}[doc.type]
    party = doc.kind.startswith("party")
    body = {"decree": ("CHÍNH PHỦ",), "circular": (doc.issuer.upper(),), "tb": ("VĂN PHÒNG CHÍNH PHỦ",),
            "ttg-ct": ("THỦ TƯỚNG CHÍNH PHỦ",), "ttg-qd": ("THỦ TƯỚNG CHÍNH PHỦ",)}.get(
        doc.kind, ("BAN CHẤP HÀNH TRUNG ƯƠNG",))
    _header(d, body, f"Số {doc.number}" if party else f"Số: {doc.number}", "Hà Nội", party)
    if party:
        d.add(heading, f"CỦA {doc.issuer.upper()}", doc.about, "")
        for inner in doc.inner:
            d.relate(inner, "cites")
    else:
        d.add(heading, _title(doc), "")
        if doc.kind in ("decree", "circular"):
            for inner in doc.inner:  # the title: 'Quy định chi tiết … của Luật X năm Y', 'Hướng dẫn … Nghị định số …'
                d.relate(inner, "guides")
    if doc.kind in ("decree", "circular", "ttg-qd"):
        _national_basis(d, doc, topic, earlier)
    elif doc.kind in ("ttg-ct", "party-ct", "party-nq"):
        base = _pick_earlier(rng, earlier, ("party-nq", "party-ct") if doc.kind == "ttg-ct" else ("party-nq",), d.date)
        if base is not None:
            d.add(f"Thực hiện {d.cite(base, 'implements')}, để tạo chuyển biến mạnh mẽ về {topic.name},", "")
    _national_body(d, doc, topic, earlier)


def _title(doc: Issued) -> str:
    """The document's own title line from its summary: 'Về phát động …', 'Quy định chi tiết …', 'Kết luận …'."""
    about = doc.about.removeprefix("về ") if doc.kind in ("kh", "tb", "tbp", "so") else doc.about
    return about[0].upper() + about[1:]


def _pick_earlier(rng: random.Random, earlier: list[Issued], kinds: tuple[str, ...], before: dt.date) -> Issued | None:
    found = [e for e in earlier[-200:] if e.kind in kinds and e.date < before]
    return rng.choice(found[-10:]) if found else None


def _national_basis(d: _Draft, doc: Issued, topic: Topic, earlier: list[Issued]) -> None:
    government = _law_in_force("Tổ chức Chính phủ", d.date)
    if government is not None:
        d.add(f"Căn cứ {d.cite(government, 'based_on')};")
    law = _law_in_force(d.rng.choice(topic.laws), d.date)
    if law is not None:
        d.add(f"Căn cứ {d.cite(law, 'based_on')};")
    if doc.kind == "ttg-qd":
        base = _pick_earlier(d.rng, earlier, ("party-nq", "decree"), d.date)
        if base is not None:
            d.add(f"Căn cứ {d.cite(base, 'based_on')};")
    ministry = MINISTRIES[doc.topic][0]
    d.add(f"Theo đề nghị của Bộ trưởng {ministry};" if ministry.startswith("Bộ") else
          f"Theo đề nghị của Tổng Thanh tra {ministry.removeprefix('Thanh tra ')};")
    who = {"decree": "Chính phủ ban hành Nghị định", "circular": f"Bộ trưởng {ministry} ban hành Thông tư",
           "ttg-qd": "QUYẾT ĐỊNH:"}[doc.kind]
    if doc.kind == "ttg-qd":
        d.add("", who)
    else:
        d.add(f"{who} {doc.about.removeprefix('về ')}.", "")


def _national_body(d: _Draft, doc: Issued, topic: Topic, earlier: list[Issued]) -> None:
    rng = d.rng
    articles = doc.kind in ("decree", "circular", "ttg-qd")
    n = 1
    if articles and doc.kind != "ttg-qd":
        d.add("Chương I", "QUY ĐỊNH CHUNG")
    room = d.size - d.length - 1200
    for para in d.fill(topic, None, room):
        head = f"Điều {n}." if articles else f"{n}."
        d.add(f"{head} {para}")
        n += 1
    if doc.kind == "ttg-ct" and rng.random() < 0.7:
        d.add(f"{n}. Thủ tướng Chính phủ phát động phong trào thi đua {d.campaign(topic.campaign, 'launches')} "
              f"trong phạm vi cả nước, bảo đảm thiết thực, hiệu quả.")
        n += 1
    if doc.kind in ("ttg-qd", "party-nq"):
        clauses = "; ".join(d.target(topic, inline=True) for _ in range(rng.randint(1, 3)))
        d.add(f"{'Điều' if articles else ''} {n}. Phấn đấu đến năm 2025 hoàn thành các chỉ tiêu chủ yếu: {clauses}."
              .lstrip())
        n += 1
    if doc.kind in ("ttg-ct", "tb", "ttg-qd"):
        partners = tuple(rng.sample(("Bộ Tài chính", "Bộ Kế hoạch và Đầu tư", "Bộ Tư pháp", "Văn phòng Chính phủ"), 2))
        lead = MINISTRIES[doc.topic][0] if "," not in MINISTRIES[doc.topic][0] else "Bộ Kế hoạch và Đầu tư"
        text = f"hướng dẫn các bộ, ngành, địa phương triển khai thực hiện nhiệm vụ về {topic.name}"
        d.add(f"{'Điều' if articles else ''} {n}. Giao {lead} chủ trì, phối hợp với {partners[0]}, {partners[1]} "
              f"và các cơ quan có liên quan {text}.".lstrip())
        d.task(text, lead, partners)
        n += 1
    replaced = [e for e in earlier[-300:] if e.kind == doc.kind and e.topic == doc.topic and e.date < d.date]
    if doc.kind in ("decree", "circular", "ttg-qd") and replaced and rng.random() < 0.4:
        name = {"decree": "Nghị định", "circular": "Thông tư", "ttg-qd": "Quyết định"}[doc.kind]
        d.add(f"Điều {n}. Hiệu lực thi hành", f"{name} này có hiệu lực kể từ ngày ký ban hành. {name} này thay thế "
              f"{d.cite(replaced[-1], 'replaces', about=False)}.")
    _national_closing(d, doc)


def _national_closing(d: _Draft, doc: Issued) -> None:
    signer = {"decree": ("TM. CHÍNH PHỦ", "THỦ TƯỚNG"), "ttg-ct": ("THỦ TƯỚNG",), "ttg-qd": ("KT. THỦ TƯỚNG",
              "PHÓ THỦ TƯỚNG"), "tb": ("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
              "circular": ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")}.get(doc.kind, ("T/M BỘ CHÍNH TRỊ", "THƯỜNG TRỰC BAN BÍ THƯ"))
    d.add("", "Nơi nhận:", "- Ban Bí thư Trung ương Đảng;", "- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;",
          "- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;", "- Lưu: VT.", "", *signer, "", _name(d.rng))


def _write_law(d: _Draft, doc: Issued, topic: Topic) -> None:
    _header(d, ("QUỐC HỘI",), f"Số: {doc.number}", "Hà Nội")
    d.add("LUẬT", doc.about.upper(), "", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
          f"Quốc hội ban hành Luật {doc.about}.", "", "Chương I", "NHỮNG QUY ĐỊNH CHUNG")
    n = 1
    for para in d.fill(topic, None, d.size - d.length - 600):
        d.add(f"Điều {n}. {para}")
        n += 1
    d.add(f"Điều {n}. Hiệu lực thi hành",
          f"1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm {doc.date.year + 1}.")
    before = [law for law in LAWS if law.name == doc.about and law.date < doc.date]
    if before:
        d.add(f"2. Luật này thay thế Luật {doc.about} số {before[-1].number}.")
        d.relate((before[-1].number, before[-1].date.year), "replaces")
    d.add("", f"Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam thông qua {_long_date(doc.date)}.",
          "", "CHỦ TỊCH QUỐC HỘI", "", _name(d.rng))


# --- provincial documents -------------------------------------------------------------------------------


@dataclass
class _Provincial:
    """Writes one provincial document; ``doc`` is what later documents will cite of it."""

    d: _Draft
    state: _ProvinceState
    doc: Issued
    zipf: _Zipf

    @property
    def rng(self) -> random.Random:
        return self.d.rng

    @property
    def p(self) -> Province:
        return self.state.province

    @property
    def topic(self) -> Topic:
        return TOPICS[self.doc.topic]

    def ubnd(self) -> str:
        return self.rng.choice((f"UBND {self.p.level}", f"Ủy ban nhân dân {self.p.level}",
                                f"UBND {self.p.level} {self.p.name}"))

    def header(self) -> None:
        p, doc = self.p, self.doc
        level = p.level.upper()
        if doc.kind == "so":
            body: tuple[str, ...] = (f"UBND {level} {p.name.upper()}", doc.issuer.upper())
        elif doc.kind == "tu":
            body = (f"TỈNH ỦY {p.name.upper()}" if not p.city else f"THÀNH ỦY {p.name.upper()}",)
        else:
            body = ("ỦY BAN NHÂN DÂN", f"{level} {p.name.upper()}")
        number = f"Số {doc.number}" if doc.kind == "tu" else f"Số: {doc.number}"
        _header(self.d, body, number, p.place, party=doc.kind == "tu")

    def basis(self, share: float) -> None:
        """'Căn cứ …' lines: the law on local government, the topic's law, a national document or two."""
        d = self.d
        if self.rng.random() < share:
            law = _law_in_force(GOVERNANCE_LAW, d.date)
            if law is not None:
                d.add(f"Căn cứ {d.cite(law, 'based_on')};")
        law = _law_in_force(self.rng.choice(self.topic.laws), d.date)
        if law is not None and self.rng.random() < 0.7:
            d.add(f"Căn cứ {d.cite(law, 'based_on')};")
        picked = (self.zipf.pick(d.date) for _ in range(self.rng.randint(0, 2)))
        for national in dict.fromkeys(p for p in picked if p is not None):
            d.add(f"Căn cứ {d.cite(national, 'based_on')};")

    def carried_out(self, kinds: tuple[str, ...]) -> Issued | None:
        """A document this one carries out: of the province when there is one, else a national one."""
        found = self.state.earlier(kinds, self.d.date, self.rng, self.doc.number)
        return found or self.zipf.pick(self.d.date)

    def mentions(self, n: int) -> str:
        """A body sentence naming national documents (relation 'cites')."""
        cited = list(dict.fromkeys(c for c in (self.zipf.pick(self.d.date) for _ in range(n)) if c is not None))
        if not cited:
            return ""
        names = "; ".join(self.d.cite(c, "cites") for c in cited)
        return f"Tiếp tục quán triệt, thực hiện nghiêm {names}."

    def campaigns_line(self, launch: bool) -> str:
        rng, d, y = self.rng, self.d, self.d.date.year
        slogan = PROVINCIAL_CAMPAIGNS[0].format(p=self.p.name, y=y)
        if launch:
            return (f"Chủ tịch Ủy ban nhân dân {self.p.level} phát động phong trào thi đua yêu nước năm {y} với chủ đề "
                    f"{d.campaign(slogan, 'launches')}, nhằm hoàn thành xuất sắc các nhiệm vụ được giao.")
        national = rng.sample([t.campaign for t in TOPICS], 2)
        local = PROVINCIAL_CAMPAIGNS[rng.randint(1, 3)].format(p=self.p.name, y=y)
        first = d.campaign(self.topic.campaign, "mentions")
        others = "; ".join(d.campaign(c, "mentions") for c in dict.fromkeys((*national, local))
                           if c != self.topic.campaign)
        return (f"Tiếp tục hưởng ứng phong trào thi đua {first} do Thủ tướng Chính phủ phát động; các phong trào "
                f"{others} do Trung ương và {self.p.level} phát động.")

    def sentence_tasks(self, n: int, start: int) -> list[str]:
        rng, d = self.rng, self.d
        lines = []
        for i in range(n):
            lead = self.topic.lead if i == 0 else rng.choice(AGENCIES)
            verb = rng.choice(("tham mưu UBND tỉnh", "hướng dẫn, đôn đốc các cơ quan, đơn vị", "chủ động"))
            text = f"{verb} {rng.choice(_WORK)} {self.topic.name} năm {d.date.year}"
            style = rng.random()
            if style < 0.55:
                partners = tuple(a for a in dict.fromkeys(rng.sample(AGENCIES, 2)) if a != lead)
                listed = ", ".join(partners)
                lines.append(f"{start + i}. Giao {lead} chủ trì, phối hợp với {listed} và các cơ quan có liên quan "
                             f"{text}.")
                d.task(text, lead, partners)
            elif style < 0.85:
                lines.append(f"{start + i}. {lead}: {text}.")
                d.task(text, lead)
            else:
                text = f"phối hợp tuyên truyền, vận động Nhân dân tích cực hưởng ứng {self.topic.name}"
                lines.append(f"{start + i}. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {self.p.level} {text}.")
                d.task(text, f"Ủy ban Mặt trận Tổ quốc Việt Nam {self.p.level}")
        return lines

    def task_table(self, rows: int) -> list[str]:
        rng, d = self.rng, self.d
        y = d.date.year
        header = rng.choice((("Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
                             ("Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn")))
        lines = [f"| STT | {' | '.join(header)} |", "|---|---|---|---|---|"]
        for i in range(1, rows + 1):
            work = rng.choice(_WORK)
            text = f"{work[0].upper()}{work[1:]} {self.topic.name} {rng.choice(_WHERE)}"
            lead = self.topic.lead if i == 1 else rng.choice(AGENCIES)
            partners = tuple(a for a in dict.fromkeys(rng.sample(AGENCIES, rng.randint(1, 3))) if a != lead) or (
                "Văn phòng UBND tỉnh",)
            listed = rng.random() < 0.3 and not any(" - " in a for a in partners)  # the reader splits a list at ' - '
            cell = "; ".join(f"- {a}" for a in partners) if listed else "; ".join(partners)
            due = _due(rng, y, d.date.month)
            lines.append(f"| {i} | {text} | {lead} | {cell} | {due} |")
            d.task(text, lead, partners, due)
        return lines

    def closing(self, signer: tuple[str, ...]) -> None:
        self.d.add("", "Nơi nhận:", "- Như trên;", f"- TT. Tỉnh ủy, TT. HĐND {self.p.level};",
                   "- Chủ tịch, các PCT UBND tỉnh;", "- Các sở, ban, ngành tỉnh;", "- Lưu: VT, TH.", "", *signer, "",
                   _name(self.rng))

    def body(self, room_left: int, first: int = 1, governance: float = 0.0) -> int:
        """Numbered paragraphs up to the document's size, less ``room_left`` bytes, and with the chance
        ``governance`` a line naming the law on local government; the next number."""
        n = first
        for para in self.d.fill(self.topic, self.p, self.d.size - self.d.length - room_left):
            self.d.add(f"{n}. {para}")
            n += 1
        law = _law_in_force(GOVERNANCE_LAW, self.d.date)
        if law is not None and self.rng.random() < governance:
            self.d.add(f"{n}. Thủ trưởng các cơ quan, đơn vị, địa phương thực hiện nhiệm vụ theo thẩm quyền được quy "
                       f"định tại {self.d.cite(law, 'cites')}.")
            n += 1
        return n


_WORK = ("tổ chức triển khai các nhiệm vụ về", "rà soát, đánh giá kết quả thực hiện công tác",
         "xây dựng kế hoạch kiểm tra việc thực hiện công tác", "tổ chức tập huấn nghiệp vụ về",
         "tổng hợp, đánh giá tình hình thực hiện công tác", "tuyên truyền, phổ biến các quy định về")
_WHERE = ("trên địa bàn tỉnh", "tại các cơ quan, đơn vị", "ở cấp huyện và cấp xã", "trong toàn ngành")
_QUARTERS = ("I", "II", "III", "IV")


def _due(rng: random.Random, year: int, month: int) -> str:
    later = rng.randint(month, 12)
    return rng.choice((f"Tháng {later}/{year}", f"Tháng {later:02d}", f"Trước tháng {later}/{year}", "Thường xuyên",
                       f"Quý {_QUARTERS[(later - 1) // 3]}/{year}", f"Tháng {later}/{year}"))


def _write_ct(w: _Provincial) -> None:
    """Chỉ thị of the Chairman: launches the year's campaign; may carry out a national directive."""
    d, y = w.d, w.d.date.year
    w.header()
    d.add("CHỈ THỊ", _title(w.doc), "")
    d.add(w.d.paragraph(w.topic, w.p))
    base = w.zipf.pick(d.date)
    if base is not None and w.rng.random() < 0.6:
        d.add(f"Thực hiện {d.cite(base, 'implements')}, Chủ tịch Ủy ban nhân dân {w.p.level} yêu cầu các cơ quan, "
              f"đơn vị, địa phương tập trung thực hiện tốt các nội dung sau:")
    else:
        d.add(f"Chủ tịch Ủy ban nhân dân {w.p.level} yêu cầu các cơ quan, đơn vị, địa phương tập trung thực hiện tốt "
              "các nội dung sau:")
    d.add(f"1. {w.campaigns_line(launch=True)}")
    clauses = "; ".join(d.target(w.topic, inline=True) for _ in range(w.rng.randint(1, 3)))
    d.add(f"2. Phấn đấu hoàn thành các chỉ tiêu chủ yếu năm {y}: {clauses}.")
    n = 3
    if mention := w.mentions(w.rng.randint(1, 2)):
        d.add(f"3. {mention}")
        n = 4
    n = w.body(1500, n, governance=0.8)
    d.add(f"{n}. Tổ chức thực hiện")
    d.add(*w.sentence_tasks(w.rng.randint(2, 4), n + 1))
    w.closing(("CHỦ TỊCH",))


def _write_kh(w: _Provincial) -> None:
    """Kế hoạch: carries out a directive (the province's, the Tỉnh ủy's or a national one); targets; task table."""
    d, rng = w.d, w.rng
    w.header()
    base = w.carried_out(("ct", "tu", "tbp"))
    in_title = base is not None and rng.random() < 0.3
    title = f"Triển khai thực hiện {d.cite(base, 'implements')}" if in_title and base else _title(w.doc)
    d.add("KẾ HOẠCH", title, "")
    if base is not None and not in_title:
        d.add(f"Thực hiện {d.cite(base, 'implements')};")
    w.basis(0.85)
    d.add(f"Ủy ban nhân dân {w.p.level} {w.p.name} ban hành Kế hoạch {w.topic.name} năm {d.date.year}, cụ thể như sau:",
          "", "I. MỤC ĐÍCH, YÊU CẦU", f"1. Mục đích: {d.paragraph(w.topic, w.p)}",
          f"2. Yêu cầu: {d.paragraph(w.topic, w.p, 2)}", "II. MỤC TIÊU, CHỈ TIÊU")
    for i in range(1, rng.randint(2, 4) + 1):
        d.add(f"{i}. {d.target(w.topic, inline=False)}")
    d.add("III. NHIỆM VỤ, GIẢI PHÁP", f"1. {w.campaigns_line(launch=False)}")
    n = 2
    if mention := w.mentions(rng.randint(0, 2)):
        d.add(f"2. {mention}")
        n = 3
    rows = rng.randint(4, 12)
    w.body(1800 + rows * 220, n)
    d.add("IV. TỔ CHỨC THỰC HIỆN", *w.sentence_tasks(rng.randint(1, 3), 1))
    w.closing(("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))
    d.add("", "PHỤ LỤC", "NHIỆM VỤ TRIỂN KHAI THỰC HIỆN",
          f"(Kèm theo Kế hoạch số {w.doc.number} {_long_date(d.date)} của UBND {w.p.level} {w.p.name})", "",
          *w.task_table(rows))


def _write_cv(w: _Provincial) -> None:
    """Công văn (V/v): carries out a plan or directive of the province, or a national document."""
    d, rng = w.d, w.rng
    w.header()
    base = w.carried_out(("kh", "ct", "qd", "tu"))
    if base is not None and rng.random() < 0.6:
        d.add(f"V/v triển khai thực hiện {d.cite(base, 'implements')}")
    else:
        d.add(f"V/v {w.doc.about.removeprefix('về việc ')}")
        if base is not None:
            d.add(f"Thực hiện {d.cite(base, 'implements')};")
    d.add("Kính gửi:", "- Các sở, ban, ngành tỉnh;", "- UBND các huyện, thị xã, thành phố.", "")
    if rng.random() < 0.3:
        w.basis(0.1)
    d.add(f"{d.paragraph(w.topic, w.p, 2)} Ủy ban nhân dân {w.p.level} yêu cầu các cơ quan, đơn vị, địa phương "
          "thực hiện tốt một số nội dung sau:")
    d.add(f"1. {w.campaigns_line(launch=False)}" if rng.random() < 0.5 else f"1. {d.paragraph(w.topic, w.p)}")
    n = 2
    if mention := w.mentions(rng.randint(0, 2)):
        d.add(f"{n}. {mention}")
        n += 1
    if rng.random() < 0.4:
        clauses = "; ".join(d.target(w.topic, inline=True) for _ in range(rng.randint(1, 2)))
        d.add(f"{n}. Phấn đấu hoàn thành các chỉ tiêu: {clauses}.")
        n += 1
    n = w.body(1200, n, governance=0.7)
    d.add(*w.sentence_tasks(rng.randint(1, 3), n))
    w.closing(("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))


def _write_qd(w: _Provincial) -> None:
    """Quyết định: based on the laws; may amend, replace or repeal an earlier decision of the province."""
    d, rng = w.d, w.rng
    w.header()
    earlier = w.state.earlier(("qd",), d.date, rng, w.doc.number)
    action = rng.random() if earlier is not None else 1.0
    if action < 0.25 and earlier is not None:
        title = f"Về việc sửa đổi, bổ sung một số điều của {d.cite(earlier, 'amends')}"
    else:
        title = _title(w.doc)
    d.add("QUYẾT ĐỊNH", title, "", f"CHỦ TỊCH ỦY BAN NHÂN DÂN {w.p.level.upper()} {w.p.name.upper()}", "")
    w.basis(0.95)
    sender = rng.choice(("Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tư pháp"))
    d.add(f"Theo đề nghị của Giám đốc {sender}.", "", "QUYẾT ĐỊNH:")
    d.add(f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch {w.topic.name} giai đoạn {d.date.year} - "
          f"{d.date.year + 2}.")
    n = 2
    for para in d.fill(w.topic, w.p, d.size - d.length - 900):
        d.add(f"Điều {n}. {para}")
        n += 1
    last = "Quyết định này có hiệu lực kể từ ngày ký."
    if earlier is not None and 0.25 <= action < 0.55:
        last += f" Quyết định này thay thế {d.cite(earlier, 'replaces', about=False)}."
    elif earlier is not None and 0.55 <= action < 0.65:
        last += f" Quyết định này bãi bỏ {d.cite(earlier, 'repeals', about=False)}."
    d.add(f"Điều {n}. {last}", f"Điều {n + 1}. Chánh Văn phòng UBND {w.p.level}, Giám đốc các sở, Thủ trưởng các ban, "
          "ngành và Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này./.")
    w.closing(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))


def _write_so(w: _Provincial) -> None:
    """A Sở's letter guiding the implementation of the UBND's plan or decision (relation 'guides')."""
    d, rng = w.d, w.rng
    w.header()
    base = w.state.earlier(("kh", "qd", "ct"), d.date, rng, w.doc.number)
    if base is not None:
        d.add(f"V/v hướng dẫn thực hiện {d.cite(base, 'guides')}")
    else:
        d.add(f"V/v {w.doc.about.removeprefix('về ')}")
    d.add("Kính gửi: Các cơ quan, đơn vị, địa phương trong tỉnh.", "")
    d.add(f"{d.paragraph(w.topic, w.p, 2)} {w.doc.issuer} hướng dẫn một số nội dung như sau:")
    n = 1
    if mention := w.mentions(rng.randint(0, 1)):
        d.add(f"1. {mention}")
        n = 2
    n = w.body(900, n, governance=0.5)
    d.add(*w.sentence_tasks(rng.randint(1, 2), n))
    w.d.add("", "Nơi nhận:", "- Như trên;", "- UBND tỉnh (b/c);", "- Lưu: VT.", "", "GIÁM ĐỐC", "", _name(rng))


def _write_tbp(w: _Provincial) -> None:
    """Thông báo kết luận of the Chairman's meeting: tasks for the departments."""
    d, rng = w.d, w.rng
    w.header()
    d.add("THÔNG BÁO", _title(w.doc), "")
    d.add(f"{d.paragraph(w.topic, w.p, 2)} Sau khi nghe báo cáo và ý kiến của các đại biểu, Chủ tịch UBND {w.p.level} "
          "kết luận như sau:")
    n = 1
    if mention := w.mentions(rng.randint(1, 2)):
        d.add(f"1. {mention}")
        n = 2
    n = w.body(1000, n, governance=0.6)
    d.add(*w.sentence_tasks(rng.randint(2, 4), n))
    w.closing(("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"))


def _write_tu(w: _Provincial) -> None:
    """A Tỉnh ủy plan or resolution carrying out a Party document of the centre."""
    d, rng = w.d, w.rng
    w.header()
    heading = {"Kế hoạch": "KẾ HOẠCH", "Chỉ thị": "CHỈ THỊ", "Nghị quyết": "NGHỊ QUYẾT"}[w.doc.type]
    base = w.zipf.pick(d.date)
    d.add(heading, _title(w.doc), "")
    if base is not None:
        d.add(f"Thực hiện {d.cite(base, 'implements')}, Ban Thường vụ Tỉnh ủy đề ra các nội dung sau:")
    d.add("I. MỤC ĐÍCH, YÊU CẦU", d.paragraph(w.topic, w.p))
    if mention := w.mentions(rng.randint(0, 2)):
        d.add("II. NỘI DUNG TRỌNG TÂM", f"1. {mention}")
    w.body(600, 2)
    w.d.add("", "Nơi nhận:", "- Các huyện ủy, thành ủy;", "- Các đảng đoàn, ban cán sự đảng;",
            "- Lưu Văn phòng Tỉnh ủy.", "", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", _name(rng))


_WRITERS: dict[str, Callable[[_Provincial], None]] = {
    "ct": _write_ct, "kh": _write_kh, "cv": _write_cv, "qd": _write_qd, "so": _write_so, "tbp": _write_tbp,
    "tu": _write_tu,
}


def _provincial_identity(rng: random.Random, kind: str, p: Province, date: dt.date, topic_index: int,
                         register: _Register) -> Issued:
    """Number, issuer and summary of a new provincial document."""
    topic, y = TOPICS[topic_index], date.year
    ubnd = f"UBND {p.level}"
    if kind == "so":
        agency, code, unit = rng.choice(DEPARTMENTS)
        number = f"{register.next(f'{p.name}/{code}', y)}/{code}-{unit}"
        return Issued("Công văn", number, date, agency, f"về hướng dẫn thực hiện {topic.name} năm {y}", p.name, kind,
                      topic_index)
    if kind == "tu":
        doc_type, code = rng.choice((("Kế hoạch", "KH"), ("Chỉ thị", "CT"), ("Nghị quyết", "NQ")))
        number = f"{register.next(f'{p.name}/TU', y)}-{code}/TU"
        about = f"về tăng cường sự lãnh đạo của Đảng đối với {topic.name} giai đoạn {y} - {y + 5}"
        committee = "Ban Thường vụ Thành ủy" if p.city else "Ban Thường vụ Tỉnh ủy"
        return Issued(doc_type, number, date, committee, about, p.name, kind, topic_index)
    n = register.next(f"{p.name}/UBND", y)
    if kind == "cv":
        return Issued("Công văn", f"{n}/UBND-{rng.choice(LETTER_UNITS)}", date, ubnd,
                      f"về việc tăng cường {topic.name} năm {y}", p.name, kind, topic_index)
    doc_type, code, about = {
        "ct": ("Chỉ thị", "CT", f"về phát động phong trào thi đua thực hiện nhiệm vụ {topic.name} năm {y}"),
        "kh": ("Kế hoạch", "KH", f"về {topic.name} năm {y}"),
        "qd": ("Quyết định", "QĐ", f"về việc ban hành Kế hoạch {topic.name} giai đoạn {y} - {y + 2}"),
        "tbp": ("Thông báo", "TB", f"về kết luận của Chủ tịch UBND {p.level} tại cuộc họp về {topic.name} năm {y}"),
    }[kind]
    issuer = f"Chủ tịch {ubnd}" if kind == "ct" else ubnd
    return Issued(doc_type, f"{n}/{code}-UBND", date, issuer, about, p.name, kind, topic_index)


# --- the stream ------------------------------------------------------------------------------------------


def _size(rng: random.Random) -> int:
    return int(rng.triangular(5_400, 15_500, 8_500))


def _national_count(n: int) -> int:
    return max(min(n // 4, 8), n // 25)


def documents(n: int, seed: int = 1) -> Iterator[Generated]:
    """``n`` documents in date order (each cites only documents dated before it), with the facts of each."""
    rng = random.Random(f"luocdo-corpus/{VERSION}/{seed}")
    catalogue = _national_catalogue(rng, _national_count(n))
    national = [doc for doc in catalogue if doc.in_corpus]
    zipf = _Zipf(rng, [doc for doc in catalogue if doc.kind not in ("law",)])
    provincial = n - len(national)
    active = max(3, min(len(PROVINCES), n // 20))
    order = rng.sample(PROVINCES, len(PROVINCES))[:active]
    weights = [1.0 / (r + 1) ** 0.5 for r in range(active)]
    states = {p.name: _ProvinceState(p) for p in order}
    per_year = max(1.0, provincial / active / 7)
    register = _Register(rng, max(2, min(60, int(3000 / per_year))))
    days = (END - START).days
    index = itertools.count()  # of the file: names sort in date order
    dates = [doc.date for doc in catalogue]
    queue = iter(national)
    pending = next(queue, None)

    def national_document(doc: Issued) -> Generated:
        at = bisect.bisect_left(dates, doc.date)
        return _national_document(rng, next(index), doc, catalogue[max(0, at - 400):at])

    first_kinds = iter(("ct", "kh", "cv", "qd", "so", "tbp", "tu", "kh", "cv"))
    for j in range(provincial):
        date = START + dt.timedelta(days=j * days // max(1, provincial))
        while pending is not None and pending.date <= date:
            yield national_document(pending)
            pending = next(queue, None)
        kind = next(first_kinds, None) or rng.choices(PROVINCIAL_KINDS, PROVINCIAL_WEIGHTS)[0]
        state = states[rng.choices(order, weights)[0].name]
        doc = _provincial_identity(rng, kind, state.province, date, rng.randrange(len(TOPICS)), register)
        draft = _Draft(rng, date, _size(rng))
        _WRITERS[kind](_Provincial(draft, state, doc, zipf))
        yield Generated(_file_name(rng, next(index)), draft.text(), draft.facts(doc))
        state.remember(doc)
    while pending is not None:
        yield national_document(pending)
        pending = next(queue, None)


def _national_document(rng: random.Random, index: int, doc: Issued, earlier: list[Issued]) -> Generated:
    """The text of a national document; ``earlier``: national documents (in the corpus or not) dated before."""
    draft = _Draft(rng, doc.date, _size(rng))
    _write_national(draft, doc, earlier)
    return Generated(_file_name(rng, index), draft.text(), draft.facts(doc))


def _file_name(rng: random.Random, index: int) -> str:
    return f"{index:06d}_{rng.getrandbits(64):016x}.txt"


def generate(n: int, seed: int = 1) -> list[tuple[str, str]]:
    """``n`` (file name, text) pairs, in memory (small corpora; :func:`write` streams to disk)."""
    return [(g.name, g.text) for g in documents(n, seed)]


def write(n: int, out: Path, seed: int = 1, progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write ``n`` documents into the folder ``out`` (created); their paths in date order."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, doc in enumerate(documents(n, seed), 1):
        path = out / doc.name
        path.write_bytes(doc.text.encode())
        paths.append(path)
        if progress is not None:
            progress(i, n)
    return paths
