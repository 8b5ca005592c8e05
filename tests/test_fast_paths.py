"""The reader's shortcuts give what the plain way gives: each fast path against the slow one it stands for.

Speed-ups in :mod:`graph.clean`, :mod:`graph.find` and :mod:`graph.vocab` find where a pattern can match with
``str.find`` or a cheaper pattern, fold only stretches of a text, or test a letter's two cases where
``re.IGNORECASE`` was; the records must not change (see ``README.md``, "Quality and speed").
"""

from __future__ import annotations

import re
import sys
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.clean import _SPLIT_PAIR, STEPS, _merge_syllable, join_split_syllables
from graph.find import campaigns, identity, references, targets
from graph.offsets import matches_at, occurrences, replace_matches, substitute
from graph.regexes import _TYPE_GROUPS, CASES, SYMBOL, SYMBOL_09, TYPE_BEFORE, YEAR_SPOKEN
from graph.text import fold, fold_slice, is_plain, lowered_letters
from graph.vocab import _PROVINCE_RE, TYPE_WORDS, _lowered_province_re


def texts(*pieces: str, size: int = 40) -> st.SearchStrategy[str]:
    """Texts made of ``pieces`` (words, marks, blanks) and a few odd characters."""
    odd = ("\t", "\n", " ", "  ", "\u00a0", "ß", "\u0301", "İ", "\u212a", "\u017f", "٣", "中", "\U0001F600")
    return st.lists(st.sampled_from(pieces + odd), max_size=size).map("".join)


VIETNAMESE = ("Căn cứ ", "Luật ", "Thi đua, khen thưởng", " năm 2022", "Chỉ thị số ", "05-CT/TW", "01/CT-UBND",
              " ngày 19/01/2024", "19 / 01 / 2024", "503 /KH-UBND", "05 - CT/TW", "59/TB-\n\nVPCP", "tỉnh ",
              "Lào Cai", "LÀO CAI", "Bà Rịa - Vũng Tàu", "Hoà Bình", "Thừa Thiên\nHuế", "khen th ưởng", "thư ởng",
              "**", "*", "# ", "---", "| ", " |", "“", "”", "phong trào thi đua ", "chỉ tiêu", "CHỈ TIÊU", ";", ".",
              ":", ",", "-", "/", "Ủy ban", "ủy", "và", "a", "Đ", "1", "2024", "x")


@pytest.mark.parametrize("letters", list("cghnmaouỉăộơàớềệđ"))
def test_letters_matched_by_their_two_cases_alone(letters: str) -> None:
    """Under re.IGNORECASE these letters match only themselves and their capitals (unlike 'i', 'k', 's'): the
    shortcuts that test for 'ỉ' or 'Ỉ', or write '[cC]' where a pattern ignored case, rely on it."""
    assert set(re.findall(re.escape(letters), _every_character(), re.IGNORECASE)) == {letters, letters.upper()}


@pytest.mark.parametrize("first", sorted(_TYPE_GROUPS))
def test_type_words_first_letters_spelled_with_their_cases(first: str) -> None:
    assert set(re.findall(re.escape(first), _every_character(), re.IGNORECASE)) == set(
        CASES.get(first, first + first.upper()))


@given(texts(*(w.upper() for w in TYPE_WORDS), *TYPE_WORDS, "Chỉ thị", "số ", "SỐ ", ": ", ".", "các ", "và "))
def test_type_word_before_a_number(text: str) -> None:
    words = "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True))
    plain = re.search(rf"(?P<type>{words})\s*(?:số\s*)?(?:[:.]\s*)?$", text, re.IGNORECASE)
    found = TYPE_BEFORE.search(text)
    assert (found and (found.span(), found.group("type"))) == (plain and (plain.span(), plain.group("type")))


@cache
def _every_character() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


@given(texts(*VIETNAMESE))
def test_cleaning_steps_try_every_place_an_edit_starts(text: str) -> None:
    for step in STEPS:
        pattern, repl, starts = (getattr(step, name, None) for name in ("pattern", "repl", "starts"))
        if pattern is not None and repl is not None and starts is not None:
            edited = replace_matches(matches_at(pattern, text, starts(text)), repl, text)
            assert edited == substitute(pattern, repl, text), step.__name__


@given(texts("th", "ưởng", "ư", "ở", "ng", "kh", "en", "ủy", "và", "abcdef", "Ủy", "_", "1", "nghiêng", "ngh", "iêng"))
def test_split_syllables_are_found_at_their_spaces(text: str) -> None:
    assert join_split_syllables(text) == replace_matches(_SPLIT_PAIR.finditer(text), _merge_syllable, text)


@given(texts(*VIETNAMESE), st.data())
def test_plain_text_folds_in_stretches(text: str, data: st.DataObject) -> None:
    if is_plain(text):
        start = data.draw(st.integers(0, len(text)))
        stop = data.draw(st.integers(start, len(text) + 3))
        assert fold_slice(text, start, stop) == fold(text)[start:stop]
        assert [m.span() for m in SYMBOL_09.finditer(text)] == [m.span() for m in SYMBOL.finditer(text)]


@given(texts(*VIETNAMESE, "Lao Cai", "lào cai", "TP. ", "Báo ", "Yên Bái", "Hà Nội", "ĐẮK LẮK", "Dak Lak"))
def test_provinces_are_found_in_the_lowered_text(text: str) -> None:
    if is_plain(text) and not any(c in text for c in lowered_letters()[1]):
        lowered = [(m.span(1), fold(m.group(1))) for m in _lowered_province_re().finditer(" " + text.lower())]
        assert lowered == [(m.span(1), m.group(1)) for m in _PROVINCE_RE.finditer(" " + fold(text))]


@given(texts(*VIETNAMESE, "Luật ", "Tổ chức chính quyền", " địa phương", "x" * 300, " " * 300), st.data())
def test_law_names_are_matched_in_a_window(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    key = references._law_keys().match(fold(text), pos)
    assert references._FoldedText(text).law_name_end(pos) == (key.end() if key else None)


@given(texts(";", ".", ":", "\n", " ", "a", ". ", "x" * 70, " " * 70), st.data())
def test_last_clause_break_is_found_from_the_end(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, end))
    last = references._last_break(text, floor, end)
    every = [m.span() for m in references._CLAUSE_BREAK.finditer(text, floor, end)]
    assert (last.span() if last else None) == (every[-1] if every else None)


@given(texts("năm", "NĂM", "Năm", "nĂm", "n", "ă", "m", "2024", "19", "20", "_", "ănăm", "chỉ", "tiêu", "CHỈ", "Tiêu",
             "hỉ", "c"))
def test_caseless_words_spelled_with_their_cases(text: str) -> None:
    spoken = sorted((m for pattern in YEAR_SPOKEN for m in pattern.finditer(text)), key=lambda m: m.start())
    assert [m.group(1) for m in spoken] == re.findall(r"\bnăm\s+((?:19|20)\d{2})\b", text, re.IGNORECASE)
    assert ([m.span() for m in targets._CONTEXT.finditer(text)]
            == [m.span() for m in re.finditer(r"chỉ\s+tiêu", text, re.IGNORECASE)])


@given(texts("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hoà xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc",
             "ĐẢNG CỘNG SẢN VIỆT NAM", "cộng", "độc", "ộ", "-", "_", "*", "=", "~", ".", "Số: 01/CT-UBND",
             "Lào Cai, ngày 19 tháng 01 năm 2024", "UBND tỉnh"))
def test_header_shortcuts(text: str) -> None:
    assert identity._drop_motto(text) == identity._MOTTO.sub("", text)
    for pattern in (identity._NUMBER_LINE, identity._PLACE_DATE):
        found, want = identity._search_cells(pattern, text), pattern.search(text)
        assert (found and found.span()) == (want and want.span())


@given(texts("phong trào", "Phong trào", " thi đua", " yêu nước", "cuộc vận động", "chủ đề", "khẩu hiệu", "phát động",
             ":", ";", "“", "”", '"', "Dân vận khéo", "ng", "ua", "Phong trào thi đua thực hiện Chương trình"))
def test_campaign_shortcuts(text: str) -> None:
    quoted = [m.span() for m in matches_at(campaigns._QUOTED, text, occurrences(text, "“", '"'))]
    assert quoted == [m.span() for m in campaigns._QUOTED.finditer(text)]
    unquoted = [m.span() for m in matches_at(campaigns._UNQUOTED, text, campaigns._unquoted_starts(text))]
    assert unquoted == [m.span() for m in campaigns._UNQUOTED.finditer(text)]
    if text.rstrip(campaigns._BLANKS_AND_COLON)[-2:].lower() not in campaigns._CUE_ENDINGS:
        assert campaigns._CUE.search(text) is None
