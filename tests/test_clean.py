"""Cleaning: one row per repair, and properties (idempotent, NFC, spans map back)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.clean import clean_text

DAMAGED = "khen th°ởng, Trung °¡ng, c¡ quan, Thủ t°ớng, Ban TĐKT T¯, <Kỷ cương trách nhiệm="


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Chi\u0309 thi\u0323 số 05-CT/TW", "Chỉ thị số 05-CT/TW"),       # NFD from a PDF reader
        ("Chỉ\nthị số 05-CT/TW", "Chỉ thị số 05-CT/TW"),                 # word broken across lines
        ("Văn bản số 59/TB-\n\nVPCP ngày 20/02/2024", "Văn bản số 59/TB-VPCP ngày 20/02/2024"),  # symbol broken
        ("ngày 19 / 01 / 2024", "ngày 19/01/2024"),                       # spaced date
        ("Số: 503 /KH-UBND", "Số: 503/KH-UBND"),                          # spaced number
        ("khen th ưởng", "khen thưởng"),                                  # split syllable from a PDF layer
        ("thư ởng", "thưởng"),                                            # split at the vowel
        ("ÐẢNG – Độc lập — Tự do", "ĐẢNG - Độc lập - Tự do"),             # eth and dash look-alikes
        ("**KẾ HOẠCH**", "KẾ HOẠCH"),                                     # Markdown bold
        ("<p>Một</p> <p>Hai</p>", "Một Hai"),                             # HTML paragraphs
        ("<tr><td>1</td><td>Sở Nội vụ</td></tr>", "1\tSở Nội vụ"),        # HTML table row stays a row
        ("| 1 | Sở Nội vụ | Tháng 3 |", "1 | Sở Nội vụ | Tháng 3"),       # Markdown table row
        ("<tr><td>1</td><td>Sở Nội vụ</td><td></td><td>Tháng 3</td></tr>", "1\tSở Nội vụ\t\tTháng 3"),  # empty cell
        ("<tr><td>2</td><td>Sở Y tế</td><td> </td><td>Quý II</td></tr>", "2\tSở Y tế\t\tQuý II"),  # blank cell
        ("<tr><td></td><td>Sở Tư pháp</td><td>Quý II</td></tr>", "\tSở Tư pháp\tQuý II"),  # empty first cell
        ("<tr><td>3</td><td>Sở Tài chính</td><td>&nbsp;</td></tr>", "3\tSở Tài chính"),  # no-break space
        ("Số: 12/KH-SNV    \t  Quảng Ngãi, ngày 12", "Số: 12/KH-SNV\tQuảng Ngãi, ngày 12"),  # one gap, one tab
        ("\tĐộc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),  # an indent alone is no cell
        ("BNN&amp;PTNT", "BNN&PTNT"),                                     # HTML entity
        ("của Thủ tướng\n\nChính phủ", "của Thủ tướng Chính phủ"),        # name broken over a blank line
        ("Nhiệt độ 25°C và ¡Hola!", "Nhiệt độ 25°C và ¡Hola!"),           # no damage: left alone
        ("Kết thúc.\nNăm 2024", "Kết thúc.\nNăm 2024"),                   # a real paragraph break stays
        ("Nơi nhận:\n- Như trên;\n- Lưu: VT.", "Nơi nhận:\n- Như trên;\n- Lưu: VT."),  # list items stay
    ],
)
def test_repairs(raw: str, want: str) -> None:
    assert clean_text(raw).text == want


def test_font_damage_is_repaired_where_it_shows() -> None:
    text = clean_text(DAMAGED).text
    assert text == "khen thưởng, Trung ương, cơ quan, Thủ tướng, Ban TĐKT TƯ, “Kỷ cương trách nhiệm”"


def test_an_empty_html_cell_maps_back_to_its_row() -> None:
    raw = "<tr><td>1</td><td>Sở Nội vụ</td><td> </td><td>Tháng 3/2025</td></tr>"
    cleaned = clean_text(raw)
    assert clean_text(cleaned.text).text == cleaned.text
    start = cleaned.text.index("Tháng 3/2025")
    s, e = cleaned.to_original(start, start + len("Tháng 3/2025"))
    assert raw[s:e] == "Tháng 3/2025"


def test_spans_map_back_to_the_original() -> None:
    raw = "Thực hiện Văn bản số 59/TB-\n\nVPCP ngày 20 / 02 / 2024 của Văn phòng Chính phủ"
    cleaned = clean_text(raw)
    start = cleaned.text.index("59/TB-VPCP")
    s, e = cleaned.to_original(start, start + len("59/TB-VPCP"))
    assert raw[s:e] == "59/TB-\n\nVPCP"


_PIECES = [*"aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ",
           *"AĂÂĐÊÔƠƯ0123456789 ,.;:-/\n\t“”\"()<=°¡¯*#|&", "\u0301", "\u0309", "\u0323", "Ð", "–",
           "<p>", "</td>", "&amp;", "Chỉ thị", "số", "th", "ưởng", " - ", "\n\n", "Luật"]
VIETNAMESE = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@given(VIETNAMESE | st.text(max_size=200))
def test_cleaning_is_idempotent_and_nfc(raw: str) -> None:
    once = clean_text(raw).text
    assert unicodedata.is_normalized("NFC", once)
    assert clean_text(once).text == once


@given(VIETNAMESE, st.data())
def test_every_span_maps_inside_the_original(raw: str, data: st.DataObject) -> None:
    cleaned = clean_text(raw)
    n = len(cleaned.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    s, e = cleaned.to_original(start, end)
    assert 0 <= s <= e <= len(raw)


@given(st.lists(st.sampled_from(["Chỉ thị", "số", "01/CT-UBND", "ngày", "thưởng", "Trung ương", "Lào Cai"]),
                min_size=1, max_size=12), st.lists(st.sampled_from([" ", "\n", "\n\n", "  "]), min_size=12))
def test_words_map_back_to_themselves(words: list[str], gaps: list[str]) -> None:
    raw = "".join(w + g for w, g in zip(words, gaps, strict=False))
    cleaned = clean_text(raw)
    pos = 0
    for word in words:
        start = cleaned.text.index(word, pos)
        s, e = cleaned.to_original(start, start + len(word))
        assert raw[s:e] == word
        pos = start + len(word)
