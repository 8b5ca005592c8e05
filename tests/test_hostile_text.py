"""Hostile text: the cleaner and the reader against arbitrary Unicode, random bytes and megabyte lines.

What is promised (``docs/security.md``, "Inputs"):

- cleaning is idempotent and gives NFC, whatever the text;
- :func:`graph.extract.extract` never raises, whatever the text (controls, lone surrogates, U+FFFE, any script);
- bytes are decoded or refused with one of the documented errors (:class:`graph.errors.InputError`, naming the
  file, in Vietnamese and English), never another exception;
- every evidence span lies inside the text read, and holds the letters and digits of what the record says was
  mentioned there;
- a line of a megabyte is read in seconds: no pattern reads the rest of a line again from each match on it.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graph.clean import clean_text
from graph.decode import decode_bytes
from graph.errors import InputError
from graph.extract import extract
from graph.records import to_record

# --- what the texts are made of ----------------------------------------------------------------------------------

# Pieces of real documents: header, numbers, citations with their dates, issuers and summaries, tasks, campaigns,
# targets, tables, lists and signatures.
DOCUMENT = (
    "ỦY BAN NHÂN DÂN\n", "TỈNH LÀO CAI\n", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "Độc lập - Tự do - Hạnh phúc\n",
    "Số: 503/KH-UBND\n", "Lào Cai, ngày 19 tháng 01 năm 2024\n", "KẾ HOẠCH\n", "CHỈ THỊ\n", "V/v thi đua năm 2024\n",
    "Kính gửi: Sở Nội vụ; Sở Tài chính.\n", "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;\n",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết;\n",
    "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập;\n",
    "Quyết định số 4647/QĐ-UBND ngày 14/12/2023 của UBND tỉnh", " sửa đổi Quyết định số 12/2020/QĐ-UBND",
    "Văn bản số 59/TB-VPCP", " này thay thế ", " này bãi bỏ ", "hướng dẫn thực hiện ",
    "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tổ chức triển khai kế hoạch.\n", "Giao Sở Y tế:\n",
    "- Rà soát các cơ sở y tế;\n", "phong trào thi đua “Dân vận khéo”", "phát động phong trào thi đua ",
    "“Cả nước chung tay vì người nghèo”", "phấn đấu 100% số xã đạt chuẩn nông thôn mới", "chỉ tiêu 95%",
    "1\tSở Nội vụ\tTổ chức hội nghị\tSở Tài chính\tTháng 3/2024\n", "| 2 | Sở Y tế | Kiểm tra | | Quý II |\n",
    "Nơi nhận:\n", "- Như trên;\n", "- Lưu: VT.\n", "KT. CHỦ TỊCH\n", "PHÓ CHỦ TỊCH\n", "Nguyễn Văn A\n",
    "Luật ", "Chỉ thị số ", "số ", "ngày ", "năm 2024", "của ", "về ", "và ", "; ", ". ", ", ", ": ", " ", "\n",
)
# What PDF and Word do to them, and what an attacker adds: marks, look-alikes, broken fonts, markup, controls.
ODD = (
    "\t", "\r\n", "\r", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\u2028", "Ð", "–", "—", "\u0301", "\u0309", "\u0323",
    "th ưởng", "th°ởng", "c¡ quan", "T¯", "<Kỷ cương=", "**", "# ", "| ", "---", "<p>", "</td>", "<td>", "<br>",
    "&amp;", "&nbsp;", "&#273;", "&lt;script&gt;", "<img src=x onerror=alert(1)>", "\x00", "\x01", "\x1b", "\x7f",
    "\ud800", "\udfff", "\ufffe", "\uffff", "\U0001f600", "中", "İ", "\u212a", "ß", "٣", "\u0663", "(", ")", "/", "-",
)
ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates and controls too
hostile_text = st.one_of(
    st.text(ANY_CHARACTER, max_size=300),
    st.lists(st.sampled_from(DOCUMENT + ODD), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(DOCUMENT + ODD), st.text(ANY_CHARACTER, max_size=5)), max_size=60).map("".join),
)


def _damaged(pieces: list[str], draw: Callable[..., Any]) -> str:
    """A document as a PDF reader pastes it: decomposed, lines broken and joined, blanks doubled, look-alikes."""
    out = []
    for piece in pieces:
        form = draw(st.sampled_from(("NFC", "NFD", "broken", "spaced", "crlf", "invisible")))
        if form == "NFD":
            piece = unicodedata.normalize("NFD", piece)
        elif form == "broken":
            piece = piece.replace(" ", draw(st.sampled_from(("\n", " \n", "\n\n", "  "))), 1)
        elif form == "spaced":
            piece = piece.replace(" ", "  ").replace("/", " / ", 1)
        elif form == "crlf":
            piece = piece.replace("\n", "\r\n").replace("Đ", "Ð")
        elif form == "invisible":
            piece = piece.replace(" ", "\u00a0", 1).replace("-", "\u2013", 1) + "\u200b"
        out.append(piece)
    return "".join(out)


@st.composite
def damaged_documents(draw: Callable[..., Any]) -> str:
    plain = [p for p in DOCUMENT if "“" not in p and "\t" not in p and "|" not in p]  # marks the skeleton keeps out
    return _damaged(draw(st.lists(st.sampled_from(plain), min_size=1, max_size=40)), draw)


# --- properties ----------------------------------------------------------------------------------------------------


@given(hostile_text)
@example("th ư ởng")
@example("\u0301\u0301a")
@example("*\u0301")
def test_cleaning_is_idempotent_and_gives_nfc(text: str) -> None:
    once = clean_text(text).text
    assert unicodedata.is_normalized("NFC", once)
    assert clean_text(once).text == once


def _evidence(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for field in ("references", "relations", "campaigns", "tasks", "targets"):
        for item in record[field]:
            yield item["evidence"]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
@example("Căn cứ Luật Thi đua, khen thưởng\x00 ngày 15/6/2022 \ud800 Chỉ thị số 01/CT-UBND \ufffe")
def test_the_reader_never_raises_and_every_span_lies_inside(text: str) -> None:
    record = to_record(extract(text, "hostile.txt"))
    for ev in _evidence(record):
        assert 0 <= ev["start"] <= ev["end"] <= len(text), ev
        assert ev["mention"] in ev["text"] or not ev["mention"].strip()


def _skeleton(text: str) -> str:
    """The letters and digits of a text, in NFC, with the look-alikes cleaning repairs ('Ð' for 'Đ')."""
    text = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("ð", "đ")
    return "".join(c for c in text if c.isalnum())


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents())
@example("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết;\n")
def test_evidence_holds_what_the_original_says_there(text: str) -> None:
    """Spans are offsets in the original file: what it holds there is what the record says was mentioned, but
    for blanks, line breaks, marks and look-alikes (the damage cleaning repairs)."""
    record = to_record(extract(text, "damaged.txt"))
    for ev in _evidence(record):
        assert 0 <= ev["start"] <= ev["end"] <= len(text)
        assert _skeleton(text[ev["start"]:ev["end"]]) == _skeleton(ev["mention"]), ev


LEGACY_BYTES = st.lists(st.sampled_from([b"Vi\xd6t Nam ", b"Vie\xe4t Nam ", b"Vi\xea\xf2t ", b"\xd0", b"\xfe\xff",
                                         b"\xff\xfe", b"\xef\xbb\xbf", b"\x00", b"\n", b"S\xe1\xbb\x91 "]),
                        max_size=30).map(b"".join)


@given(st.one_of(st.binary(max_size=2000), LEGACY_BYTES,
                 hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@example(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate
@example(b"\xef\xbb\xbf\xed\xa0\x80")  # UTF-8 mark, then an encoded surrogate
def test_random_bytes_are_read_or_refused_with_a_documented_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "upload.txt")
    except InputError as err:
        message = str(err)
        assert message.startswith("upload.txt") and " / " in message, message
        return
    assert unicodedata.is_normalized("NFC", text)
    to_record(extract(text, "upload.txt"))


# --- a megabyte on one line ----------------------------------------------------------------------------------------

MEGABYTE = 1_000_000
BUDGET_S = 20.0  # CPU seconds (the machine is shared): the slowest shape takes about 10


def _numbered(template: str) -> Callable[[int], str]:
    return template.format


LINES: dict[str, Callable[[int], str]] = {
    # each of these read the rest of the line again from every match on it (minutes, or hours, for a megabyte)
    "tabs": lambda i: "\t",
    "laws": lambda i: "Luật ",
    "laws and numbers": _numbered("Luật Thi đua, khen thưởng {}/KH-UBND "),
    "numbered laws": _numbered("Luật Thi đua số {}/2022/QH15 "),
    "distinct numbers": _numbered("Chỉ thị số {}/CT-UBND, "),
    "summaries with no end": _numbered("Quyết định số {0}/QĐ-UBND về việc {0} "),
    "capital headers": lambda i: "UBND ",
    "tasks with no sentence end": lambda i: "Giao Sở Nội vụ chủ trì, phối hợp với ",
    "campaigns with no clause end": _numbered("phong trào thi đua “Cả nước {}” "),
    "table bars": lambda i: "|",
    # and the rest of the usual suspects
    "one word": lambda i: "a",
    "digits": lambda i: "1",
    "blanks": lambda i: " ",
    "broken font": lambda i: "th°",
    "tags": lambda i: "<td>",
    "quotes": lambda i: "“",
    "split syllables": lambda i: "th ư ",
    "dates": _numbered("ngày {}/3/2024 "),
}


def _line(unit: Callable[[int], str], size: int) -> str:
    parts, length, i = [], 0, 0
    while length < size:
        part = unit(i)
        parts.append(part)
        length += len(part)
        i += 1
    return "".join(parts)[:size]


@pytest.mark.parametrize("shape", list(LINES))
def test_a_megabyte_on_one_line_is_read_in_seconds(shape: str) -> None:
    text = _line(LINES[shape], MEGABYTE)
    started = time.process_time()
    record = to_record(extract(text, "one-line.txt"), with_text=False)
    elapsed = time.process_time() - started
    assert elapsed < BUDGET_S, f"{shape}: {elapsed:.1f} CPU seconds for a megabyte on one line"
    for ev in _evidence(record):
        assert 0 <= ev["start"] <= ev["end"] <= len(text)
