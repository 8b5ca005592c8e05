"""Tests for graph.decode: encodings in, NFC text out; bad files raise errors that name the file."""

from __future__ import annotations

import codecs
import doctest
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import graph.decode
from graph.decode import MAX_BYTES, TCVN3_TO_UNICODE, VNI_TO_UNICODE, decode_bytes, read_document
from graph.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, UndecodableInput

# --- Encoders written from the inverse tables --------------------------------------------------------------

_TONES = "\u0301\u0300\u0309\u0303\u0323"
_TCVN3_CODES = {letter: bytes([code]) for code, letter in TCVN3_TO_UNICODE.items()}
_VNI_CODES = {letter: code for code, letter in VNI_TO_UNICODE.items()}


def encode_tcvn3(text: str) -> bytes:
    """TCVN3 bytes of ``text``; a capital toned letter takes its small letter's code, as in UniKey."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = _TCVN3_CODES.get(char) or _TCVN3_CODES.get(char.lower())
        out += code if code is not None else char.encode("cp1252")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """VNI-Windows bytes of ``text``."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        out += _VNI_CODES.get(char) or char.encode("cp1252")
    return bytes(out)


def encode_windows_1258(text: str, precomposed: bool = True) -> bytes:
    """Windows-1258 bytes as Windows writes them: a precomposed letter where the code page has one
    (unless ``precomposed`` is false), else the letter without its tone (â, ê, ô, ơ, ư, ă, đ are in the
    code page) followed by a combining tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in decomposed if c in _TONES)
        if precomposed or not tone:
            try:
                out += char.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += (base + tone).encode("cp1258")
    return bytes(out)


# --- Sample text ---------------------------------------------------------------------------------------

# An administrative paragraph. TCVN3 has no capital toned letters, so the text keeps them inside words
# written in capitals (which decode_bytes restores) and avoids them at the start of a word ("Ủy").
PARAGRAPH = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư;\n"
    "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 125/TTr-SNV,\n"
    "QUYẾT ĐỊNH:\n"
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế thực hiện công tác thi đua, khen thưởng "
    "trên địa bàn tỉnh.\n"
    "Điều 2. Các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố chịu trách nhiệm thi hành "
    "Quyết định này kể từ ngày ký.\n"
)
SENTENCES = [
    "Quyết định của Ủy ban nhân dân tỉnh về việc thực hiện kế hoạch năm 2024",
    "Hướng dẫn số 12/HD-UBND ngày 5 tháng 3 năm 2023 về công tác phòng chống lụt bão",
    "Người dân được hỗ trợ kinh phí theo quy định của pháp luật",
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- Decoding: one row per case ------------------------------------------------------------------------

DECODE_CASES = [
    # UTF-8
    pytest.param("Luật Thi đua, Khen thưởng".encode(), "Luật Thi đua, Khen thưởng", id="utf8"),
    # UTF-8 with a byte-order mark: the mark is dropped
    pytest.param(codecs.BOM_UTF8 + "Nghị quyết".encode(), "Nghị quyết", id="utf8-bom"),
    # UTF-16 little-endian with a byte-order mark
    pytest.param(codecs.BOM_UTF16_LE + "Hà Nội\r\n".encode("utf-16-le"), "Hà Nội\r\n", id="utf16-le-bom"),
    # UTF-16 big-endian with a byte-order mark
    pytest.param(codecs.BOM_UTF16_BE + "Đà Nẵng".encode("utf-16-be"), "Đà Nẵng", id="utf16-be-bom"),
    # UTF-32 little- and big-endian with a byte-order mark
    pytest.param(codecs.BOM_UTF32_LE + "Huế".encode("utf-32-le"), "Huế", id="utf32-le-bom"),
    pytest.param(codecs.BOM_UTF32_BE + "Huế".encode("utf-32-be"), "Huế", id="utf32-be-bom"),
    # NFD (decomposed) input comes out NFC
    pytest.param(unicodedata.normalize("NFD", SENTENCES[0]).encode(), SENTENCES[0], id="nfd-to-nfc"),
    # Windows-1258 by hand: "Việt Nam" = ê (0xEA) + combining dot below (0xF2); "Hà" uses precomposed à
    pytest.param(b"Vi\xea\xf2t Nam, H\xe0 N\xf4\xf2i", "Việt Nam, Hà Nội", id="cp1258-literal"),
    # Windows-1258 as Windows writes it (precomposed where the code page has it, else combining tones)
    *[pytest.param(encode_windows_1258(s), s, id=f"cp1258-{i}") for i, s in enumerate(SENTENCES)],
    pytest.param(encode_windows_1258(PARAGRAPH), PARAGRAPH, id="cp1258-paragraph"),
    # Windows-1258 with every tone written as a combining mark, even where a precomposed letter exists
    pytest.param(encode_windows_1258(SENTENCES[0], precomposed=False), SENTENCES[0], id="cp1258-combining"),
    # TCVN3 by hand from the table: "Việt Nam" (ệ = 0xD6), "Hà Nội" (à = 0xB5, ộ = 0xE9)
    pytest.param(b"Vi\xd6t Nam, H\xb5 N\xe9i", "Việt Nam, Hà Nội", id="tcvn3-viet-nam"),
    # TCVN3: "đường" = đ 0xAE, ư 0xAD, ờ 0xEA
    pytest.param(b"\xae\xad\xeang ph\xe8", "đường phố", id="tcvn3-duong-pho"),
    # TCVN3: "Quyết định của tỉnh" (ế 0xD5, đ 0xAE, ị 0xDE, ủ 0xF1, ỉ 0xD8)
    pytest.param(b"Quy\xd5t \xae\xdenh c\xf1a t\xd8nh", "Quyết định của tỉnh", id="tcvn3-quyet-dinh"),
    # TCVN3: "Thực hiện năm 2024" (ự 0xF9, ệ 0xD6, ă 0xA8)
    pytest.param(b"Th\xf9c hi\xd6n n\xa8m 2024", "Thực hiện năm 2024", id="tcvn3-thuc-hien"),
    # TCVN3: a heading in capitals -- the small toned codes become capitals again (Đ is 0xA7)
    pytest.param(b"C\xe9NG H\xdfA X\xb7 H\xe9I CH\xf1 NGH\xdcA VI\xd6T NAM\n\xa7\xe9c l\xcbp",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập", id="tcvn3-capitals"),
    # TCVN3 cannot tell "Ủy" from "ủy" (no capital toned codes): a word starting with one comes out small
    pytest.param(b"\xf1y ban nh\xa9n d\xa9n t\xd8nh", "ủy ban nhân dân tỉnh", id="tcvn3-no-toned-capitals"),
    # TCVN3 round trip of sentences and a paragraph through the inverse table
    *[pytest.param(encode_tcvn3(s), s, id=f"tcvn3-{i}") for i, s in enumerate(SENTENCES[1:], 1)],
    pytest.param(encode_tcvn3(PARAGRAPH), PARAGRAPH, id="tcvn3-paragraph"),
    # VNI by hand from the table: "Việt Nam" (e + 0xE4), "Hà Nội" (a + 0xF8, o + 0xE4)
    pytest.param(b"Vie\xe4t Nam, Ha\xf8 No\xe4i", "Việt Nam, Hà Nội", id="vni-viet-nam"),
    # VNI: "được" = đ 0xF1, ư 0xF6, ợ 0xF4 0xEF
    pytest.param(b"\xf1\xf6\xf4\xefc ph\xe9p", "được phép", id="vni-duoc"),
    # VNI: "Quyết định của tỉnh" (e 0xE1, đ 0xF1, ị 0xF2, u 0xFB, ỉ 0xE6)
    pytest.param(b"Quye\xe1t \xf1\xf2nh cu\xfba t\xe6nh", "Quyết định của tỉnh", id="vni-quyet-dinh"),
    # VNI: "Ủy ban nhân dân" (U 0xDB: capital diacritic bytes after a capital)
    pytest.param(b"U\xdby ban nha\xe2n da\xe2n", "Ủy ban nhân dân", id="vni-uy-ban"),
    # VNI round trip of sentences and a paragraph through the inverse table
    *[pytest.param(encode_vni(s), s, id=f"vni-{i}") for i, s in enumerate(SENTENCES)],
    pytest.param(encode_vni(PARAGRAPH), PARAGRAPH, id="vni-paragraph"),
    # UTF-8 file whose text was typed in a TCVN3 font (.VnTime): the characters are TCVN3 codes
    pytest.param("ViÖt Nam".encode(), "Việt Nam", id="utf8-tcvn3-font-word"),
    pytest.param(encode_tcvn3(PARAGRAPH).decode("cp1252").encode(), PARAGRAPH, id="utf8-tcvn3-font-text"),
    # the same with a UTF-8 byte-order mark, as Notepad saves it
    pytest.param(codecs.BOM_UTF8 + "Hµ Néi, ViÖt Nam".encode(), "Hà Nội, Việt Nam", id="utf8-bom-tcvn3-font"),
    # UTF-8 file whose text was typed in a VNI font
    pytest.param("Vieät Nam".encode(), "Việt Nam", id="utf8-vni-font-word"),
    pytest.param(encode_vni(SENTENCES[0]).decode("cp1252").encode(), SENTENCES[0], id="utf8-vni-font-text"),
    # ASCII only
    pytest.param(b"Luat so 45/2019/QH14\n", "Luat so 45/2019/QH14\n", id="ascii"),
    # Latin-1 text that is not a legacy font is left alone
    pytest.param("25°C".encode(), "25°C", id="degrees"),
    pytest.param("¡Hola!".encode(), "¡Hola!", id="spanish"),
    pytest.param("résumé".encode(), "résumé", id="french-word"),
    pytest.param("Le café était très bon à Noël".encode(), "Le café était très bon à Noël", id="french"),
    pytest.param("Größe und Übermaß".encode(), "Größe und Übermaß", id="german"),
    pytest.param("El niño come jalapeños".encode(), "El niño come jalapeños", id="spanish-enye"),
    pytest.param("10 µm and 20 µm".encode(), "10 µm and 20 µm", id="micrometres"),
    # Vietnamese whose letters all happen to be Latin-1 is not taken for a legacy font either
    pytest.param("Cà phê và trà".encode(), "Cà phê và trà", id="latin1-vietnamese"),
]


@pytest.mark.parametrize(("data", "expected"), DECODE_CASES)
def test_decode_bytes(data: bytes, expected: str) -> None:
    text = decode_bytes(data, "doc.txt")
    assert text == expected
    assert unicodedata.is_normalized("NFC", text)


# --- Errors: one row per case --------------------------------------------------------------------------

ERROR_CASES = [
    # no bytes at all
    pytest.param(b"", EmptyInput, None, id="empty"),
    # white space only
    pytest.param(b" \r\n\t \n", EmptyInput, None, id="whitespace"),
    # a byte-order mark and nothing else
    pytest.param(codecs.BOM_UTF8, EmptyInput, None, id="bom-only"),
    # a NUL byte, on line 3
    pytest.param(b"Dieu 1\nDieu 2\nDieu\x003", BinaryInput, 3, id="nul"),
    # random binary: a PNG header (its first NUL comes after two LF bytes, so "line" 3)
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", BinaryInput, 3, id="png"),
    # control characters without NUL, on line 2
    pytest.param(b"abc\n\x01\x02\x03\x04\x05\x06 text", BinaryInput, 2, id="controls"),
    # UTF-16 with a NUL character
    pytest.param(codecs.BOM_UTF16_LE + "a\0b".encode("utf-16-le"), BinaryInput, 1, id="utf16-nul"),
    # German in Windows-1252: not UTF-8, and Vietnamese in no legacy encoding; first such byte on line 2
    pytest.param(b"Hallo\nGr\xfc\xdfe aus M\xfcnchen", UndecodableInput, 2, id="german-cp1252"),
    # high bytes without meaning
    pytest.param(bytes(range(0xA0, 0x100)) * 4, UndecodableInput, 1, id="high-bytes"),
    # a UTF-16 mark followed by a lone surrogate, on line 2
    pytest.param(codecs.BOM_UTF16_LE + "a\nb".encode("utf-16-le") + b"\x00\xd8", UndecodableInput, 2,
                 id="utf16-lone-surrogate"),
]


@pytest.mark.parametrize(("data", "error", "line"), ERROR_CASES)
def test_decode_errors(data: bytes, error: type[InputError], line: int | None) -> None:
    with pytest.raises(error) as caught:
        decode_bytes(data, "bad-file.txt")
    assert "bad-file.txt" in str(caught.value)
    assert caught.value.vi and caught.value.en
    if line is not None:
        assert caught.value.line == line
        assert f"bad-file.txt:{line}:" in str(caught.value)


# --- Reading files -------------------------------------------------------------------------------------


def test_read_document_decodes_a_legacy_file(tmp_path: Path) -> None:
    path = tmp_path / "quyet-dinh.txt"
    path.write_bytes(encode_vni(PARAGRAPH))
    assert read_document(path) == PARAGRAPH
    assert read_document(str(path)) == PARAGRAPH


FILE_ERROR_CASES = [
    # larger than a small limit: refused from its size, before it is read
    pytest.param(b"x" * 101, 100, InputTooLarge, id="too-large"),
    # empty file
    pytest.param(b"", MAX_BYTES, EmptyInput, id="empty"),
    # white space only
    pytest.param(b"\n\n   \n", MAX_BYTES, EmptyInput, id="whitespace"),
    # NUL bytes
    pytest.param(b"abc\x00\x00", MAX_BYTES, BinaryInput, id="nul"),
    # random binary: a PNG header
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", MAX_BYTES, BinaryInput, id="png"),
    # undecodable bytes
    pytest.param(b"Gr\xfc\xdfe aus M\xfcnchen", MAX_BYTES, UndecodableInput, id="undecodable"),
]


@pytest.mark.parametrize(("content", "max_bytes", "error"), FILE_ERROR_CASES)
def test_read_document_errors(
    tmp_path: Path, content: bytes, max_bytes: int, error: type[InputError]
) -> None:
    path = tmp_path / "van-ban.txt"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_document(path, max_bytes=max_bytes)
    assert str(caught.value).startswith("van-ban.txt")  # the file's name, not its directory


def test_read_document_accepts_a_file_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 100)
    assert read_document(path, max_bytes=100) == "x" * 100


def test_read_document_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt"):
        read_document(tmp_path / "missing.txt")


def test_max_bytes_is_five_mebibytes() -> None:
    assert MAX_BYTES == 5 * 1024 * 1024


def test_doctests() -> None:
    result = doctest.testmod(graph.decode)
    assert result.attempted > 0
    assert result.failed == 0


# --- Property: UTF-8 text comes back as it was, in NFC -----------------------------------------------------

_WORDS = [
    "Việt", "Nam", "Hà", "Nội", "quyết", "định", "của", "các", "được", "năm", "ngày", "thực", "hiện",
    "tỉnh", "Ủy", "ban", "nhân", "dân", "nghị", "thông", "tư", "hướng", "dẫn", "điều", "khoản", "luật",
    "Quốc", "hội", "Chính", "phủ", "Thủ", "tướng", "Bộ", "trưởng", "ĐẢNG", "CỘNG", "SẢN", "chỉ", "thị",
    "kế", "hoạch", "công", "văn", "báo", "cáo", "tờ", "trình", "phường", "xã", "huyện", "người", "đường",
]  # fmt: skip
_LETTERS = "".join(
    sorted({c for w in _WORDS for c in w.lower() + w.upper()} | set("ăâêôơưđáàảãạắằẳẵặấầẩẫậ"))
)
vietnamese_text = st.one_of(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30).map(" ".join),
    st.text(alphabet=_LETTERS + " ,.;:-()\n0123456789", min_size=1),
)
any_text = st.one_of(
    vietnamese_text,
    st.text(),
    st.tuples(vietnamese_text, st.text(), vietnamese_text).map("".join),
    vietnamese_text.map(lambda s: unicodedata.normalize("NFD", s)),
)


@given(any_text)
@example("\ufeffVăn bản")  # a leading U+FEFF is read as the UTF-8 byte-order mark
@example("x\x00y")
@example("Cà phê, 25°C, ¡Hola!, résumé")
def test_utf8_text_round_trips(text: str) -> None:
    """UTF-8 text comes back unchanged but for NFC, unless it is blank or binary.

    The one deliberate exception, text that reads as typed in a TCVN3/VNI font ("ViÖt Nam"), needs whole
    Vietnamese words spelt in legacy codes; neither strategy writes those (see the decode cases above).
    """
    body = text.removeprefix("\ufeff")
    try:
        decoded = decode_bytes(text.encode("utf-8"), "x")
    except EmptyInput:
        assert not body.strip()
        return
    except BinaryInput:
        assert any(c < " " and c not in "\t\n\r\f" for c in body)
        return
    assert decoded == nfc(body)
