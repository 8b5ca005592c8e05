"""Turn the raw bytes of a Vietnamese document file into text.

Documents reach Luocdo as UTF-8, as UTF-16 from Windows editors, and still as legacy 8-bit files:
Windows-1258, TCVN3 (the ABC encoding of the ".VnTime" fonts) and VNI-Windows. :func:`decode_bytes`
tries, in this order:

1. a byte-order mark: UTF-8 (the mark is dropped), UTF-32 LE/BE, UTF-16 LE/BE;
2. strict UTF-8;
3. the legacy encodings: the bytes are decoded as each of Windows-1258, TCVN3 and VNI, each result is
   scored for how Vietnamese it reads (the share of words that are valid Vietnamese syllables, then the
   number of very common words), and the best one wins -- if it is plausible at all.

Unicode text (1 and 2) that was typed in a TCVN3 or VNI *font* ("ViÖt Nam", "Vieät Nam": the characters
are really the legacy byte codes) is converted with the same tables, when it clearly reads as Vietnamese
afterwards and did not before.

Whatever the route, the text returned is NFC.

>>> decode_bytes("Quyết định".encode("utf-8"), "a.txt")
'Quyết định'
>>> decode_bytes(b"Vi\\xea\\xf2t Nam, H\\xe0 N\\xf4\\xf2i", "cp1258.txt")   # Windows-1258, combining tones
'Việt Nam, Hà Nội'
>>> decode_bytes(b"Vi\\xd6t Nam, H\\xb5 N\\xe9i", "abc.txt")               # TCVN3 (ABC)
'Việt Nam, Hà Nội'
>>> decode_bytes(b"Vie\\xe4t Nam, Ha\\xf8 No\\xe4i", "vni.txt")            # VNI-Windows
'Việt Nam, Hà Nội'
>>> decode_bytes("ViÖt Nam, Hµ Néi".encode("utf-8"), "font.txt")         # UTF-8 typed in .VnTime
'Việt Nam, Hà Nội'
>>> decode_bytes("résumé, 25°C, ¡Hola!".encode("utf-8"), "latin.txt")   # ordinary Latin-1 text is left alone
'résumé, 25°C, ¡Hola!'
>>> decode_bytes(b"  \\n", "blank.txt")
Traceback (most recent call last):
...
graph.errors.EmptyInput: blank.txt: tệp chỉ có khoảng trắng / file holds only white space
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, UndecodableInput

__all__ = ["MAX_BYTES", "decode_bytes", "read_document"]

MAX_BYTES = 5 * 1024 * 1024
"""Largest document :func:`read_document` accepts by default (5 MiB)."""


# --- Legacy tables -------------------------------------------------------------------------------------
#
# Both tables are transcribed from the charset tables of UniKey's VnConv library (Pham Kim Long),
# ukengine/data.cpp as shipped in ibus-unikey (github.com/vn-input/ibus-unikey): the TCVN3 row of
# ``SingleByteTables`` and the VNI-WIN row of ``DoubleByteTables``. They were cross-checked against
# xvnkb (github.com/lamdao/xvnkb, tcvn.h and vni.h), against duydev/vietnamese-conversion
# (src/charsets.ts), and, for TCVN3, against glibc iconv's TCVN5712-1 codec, which agrees on every code
# below.

TCVN3_TO_UNICODE: dict[int, str] = {
    # TCVN3 (TCVN 5712:1993 VN3, the "ABC" encoding): one byte per letter. VN3 has no code for capital
    # letters with a tone mark; the .VnTimeH fonts draw the small-letter codes as capitals instead.
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB8: "á", 0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB9: "ạ",  # a
    0xBE: "ắ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xC6: "ặ",  # ă
    0xCA: "ấ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCB: "ậ",  # â
    0xD0: "é", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD1: "ẹ",  # e
    0xD5: "ế", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD6: "ệ",  # ê
    0xDD: "í", 0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDE: "ị",  # i
    0xE3: "ó", 0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE4: "ọ",  # o
    0xE8: "ố", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE9: "ộ",  # ô
    0xED: "ớ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xEE: "ợ",  # ơ
    0xF3: "ú", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF4: "ụ",  # u
    0xF8: "ứ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF9: "ự",  # ư
    0xFD: "ý", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFE: "ỵ",  # y
}
"""TCVN3 byte -> letter. Bytes not listed read as Windows-1252, as in UniKey."""

VNI_TO_UNICODE: dict[bytes, str] = {
    # VNI-Windows: a base letter followed by one diacritic byte (circumflex, breve, tone, or a mark that
    # combines both); đ, ơ, ư, the toned i's and ỵ have one byte of their own. Capitals take the capital
    # diacritic bytes (0xC0-0xDF), small letters the small ones (0xE0-0xFF).
    b"A\xd9": "Á", b"A\xd8": "À", b"A\xdb": "Ả", b"A\xd5": "Ã", b"A\xcf": "Ạ",
    b"a\xf9": "á", b"a\xf8": "à", b"a\xfb": "ả", b"a\xf5": "ã", b"a\xef": "ạ",
    b"A\xc2": "Â", b"A\xc1": "Ấ", b"A\xc0": "Ầ", b"A\xc5": "Ẩ", b"A\xc3": "Ẫ", b"A\xc4": "Ậ",
    b"a\xe2": "â", b"a\xe1": "ấ", b"a\xe0": "ầ", b"a\xe5": "ẩ", b"a\xe3": "ẫ", b"a\xe4": "ậ",
    b"A\xca": "Ă", b"A\xc9": "Ắ", b"A\xc8": "Ằ", b"A\xda": "Ẳ", b"A\xdc": "Ẵ", b"A\xcb": "Ặ",
    b"a\xea": "ă", b"a\xe9": "ắ", b"a\xe8": "ằ", b"a\xfa": "ẳ", b"a\xfc": "ẵ", b"a\xeb": "ặ",
    b"\xd1": "Đ", b"\xf1": "đ",
    b"E\xd9": "É", b"E\xd8": "È", b"E\xdb": "Ẻ", b"E\xd5": "Ẽ", b"E\xcf": "Ẹ",
    b"e\xf9": "é", b"e\xf8": "è", b"e\xfb": "ẻ", b"e\xf5": "ẽ", b"e\xef": "ẹ",
    b"E\xc2": "Ê", b"E\xc1": "Ế", b"E\xc0": "Ề", b"E\xc5": "Ể", b"E\xc3": "Ễ", b"E\xc4": "Ệ",
    b"e\xe2": "ê", b"e\xe1": "ế", b"e\xe0": "ề", b"e\xe5": "ể", b"e\xe3": "ễ", b"e\xe4": "ệ",
    b"\xcd": "Í", b"\xcc": "Ì", b"\xc6": "Ỉ", b"\xd3": "Ĩ", b"\xd2": "Ị",
    b"\xed": "í", b"\xec": "ì", b"\xe6": "ỉ", b"\xf3": "ĩ", b"\xf2": "ị",
    b"O\xd9": "Ó", b"O\xd8": "Ò", b"O\xdb": "Ỏ", b"O\xd5": "Õ", b"O\xcf": "Ọ",
    b"o\xf9": "ó", b"o\xf8": "ò", b"o\xfb": "ỏ", b"o\xf5": "õ", b"o\xef": "ọ",
    b"O\xc2": "Ô", b"O\xc1": "Ố", b"O\xc0": "Ồ", b"O\xc5": "Ổ", b"O\xc3": "Ỗ", b"O\xc4": "Ộ",
    b"o\xe2": "ô", b"o\xe1": "ố", b"o\xe0": "ồ", b"o\xe5": "ổ", b"o\xe3": "ỗ", b"o\xe4": "ộ",
    b"\xd4": "Ơ", b"\xd4\xd9": "Ớ", b"\xd4\xd8": "Ờ", b"\xd4\xdb": "Ở", b"\xd4\xd5": "Ỡ", b"\xd4\xcf": "Ợ",
    b"\xf4": "ơ", b"\xf4\xf9": "ớ", b"\xf4\xf8": "ờ", b"\xf4\xfb": "ở", b"\xf4\xf5": "ỡ", b"\xf4\xef": "ợ",
    b"U\xd9": "Ú", b"U\xd8": "Ù", b"U\xdb": "Ủ", b"U\xd5": "Ũ", b"U\xcf": "Ụ",
    b"u\xf9": "ú", b"u\xf8": "ù", b"u\xfb": "ủ", b"u\xf5": "ũ", b"u\xef": "ụ",
    b"\xd6": "Ư", b"\xd6\xd9": "Ứ", b"\xd6\xd8": "Ừ", b"\xd6\xdb": "Ử", b"\xd6\xd5": "Ữ", b"\xd6\xcf": "Ự",
    b"\xf6": "ư", b"\xf6\xf9": "ứ", b"\xf6\xf8": "ừ", b"\xf6\xfb": "ử", b"\xf6\xf5": "ữ", b"\xf6\xef": "ự",
    b"Y\xd9": "Ý", b"Y\xd8": "Ỳ", b"Y\xdb": "Ỷ", b"Y\xd5": "Ỹ", b"\xce": "Ỵ",
    b"y\xf9": "ý", b"y\xf8": "ỳ", b"y\xfb": "ỷ", b"y\xf5": "ỹ", b"\xee": "ỵ",
}
"""VNI-Windows byte sequence -> letter. Bytes outside a sequence read as Windows-1252."""


# --- Reading a file ------------------------------------------------------------------------------------


def read_document(path: Path | str, max_bytes: int = MAX_BYTES) -> str:
    """Read the document at ``path`` and decode it with :func:`decode_bytes`.

    The size is checked with ``stat`` before anything is read (and again on the bytes read, in case the
    file grew): a file over ``max_bytes`` raises :class:`~graph.errors.InputTooLarge`. Errors name the
    file by its name, without the directory.
    """
    path = Path(path)
    source = path.name
    try:
        _check_size(source, path.stat().st_size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        vi, en = f"không đọc được tệp ({reason})", f"cannot read the file ({reason})"
        raise InputError(source, vi, en) from err
    _check_size(source, len(data), max_bytes)
    return decode_bytes(data, source)


def _check_size(source: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputTooLarge(
            source,
            f"tệp quá lớn ({size} byte, giới hạn {max_bytes} byte)",
            f"file is too large ({size} bytes, limit {max_bytes} bytes)",
        )


# --- Decoding ------------------------------------------------------------------------------------------


def decode_bytes(data: bytes, source: str) -> str:
    """Decode the bytes of a document into NFC text; ``source`` names the file in error messages.

    Raises :class:`~graph.errors.EmptyInput` (no bytes, or only white space),
    :class:`~graph.errors.BinaryInput` (NUL bytes in a file without a UTF-16/32 mark, or many control
    characters) and :class:`~graph.errors.UndecodableInput` (no encoding gives Vietnamese text).
    """
    if not data:
        raise EmptyInput(source, "tệp rỗng", "file is empty")
    text = _decode_with_bom(data, source)
    if text is None:
        text = _decode_without_bom(data, source)
    return unicodedata.normalize("NFC", text)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose mark is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode_with_bom(data: bytes, source: str) -> str | None:
    """The text after a byte-order mark (repaired if typed in a legacy font), or None without a mark."""
    failure: tuple[str, bytes, UnicodeDecodeError] | None = None
    for bom, codec in _BOMS:
        if not data.startswith(bom):
            continue
        payload = data[len(bom) :]
        try:
            text = payload.decode(codec)
        except UnicodeDecodeError as err:
            failure = failure or (codec, payload, err)
            continue  # FF FE 00 00 may still be UTF-16 LE text starting with U+0000
        _check_text(text, source)
        return _repair_legacy_font(text)
    if failure is None:
        return None
    codec, payload, error = failure
    line = payload[: error.start].decode(codec, errors="replace").count("\n") + 1
    raise UndecodableInput(
        source,
        f"tệp có dấu BOM {codec.upper()} nhưng chứa byte không hợp lệ",
        f"file has a {codec.upper()} byte-order mark but holds invalid bytes",
        line=line,
    )


def _decode_without_bom(data: bytes, source: str) -> str:
    nul = data.find(b"\0")
    if nul >= 0:
        raise BinaryInput(
            source,
            "tệp chứa byte NUL: tệp nhị phân, hoặc UTF-16 không có BOM",
            "file holds NUL bytes: binary data, or UTF-16 without a byte-order mark",
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _decode_legacy(data, source, err.start)
    _check_text(text, source)
    return _repair_legacy_font(text)


_SAMPLE = 256 * 1024  # bytes or characters scored to choose an encoding: plenty to tell them apart


def _decode_legacy(data: bytes, source: str, first_non_utf8: int) -> str:
    """Decode bytes that are not UTF-8 as the legacy encoding whose text reads most like Vietnamese.

    The encodings are scored on a sample that starts at the line of the first byte that is not UTF-8.
    """
    _check_text(_as_windows_1252(data), source)  # controls and blanks are alike in every candidate
    sample = data[data.rfind(b"\n", 0, first_non_utf8) + 1 :][:_SAMPLE]
    scores = {decoder: _score(text) for decoder in _LEGACY_DECODERS if (text := decoder(sample)) is not None}
    plausible = [decoder for decoder, score in scores.items() if score.plausible]
    for decoder in sorted(plausible, key=lambda decoder: scores[decoder].rank, reverse=True):
        text = decoder(data)
        if text is not None:  # Windows-1258 may meet an undefined byte after the sample
            return text
    raise UndecodableInput(
        source,
        "tệp không phải UTF-8 và không đọc được bằng Windows-1258, TCVN3 hay VNI",
        "file is not UTF-8 and reads as Vietnamese in none of Windows-1258, TCVN3, VNI",
        line=data.count(b"\n", 0, first_non_utf8) + 1,
    )


# --- Checks on the decoded text ------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls except \t \n \f \r
_MAX_CONTROL_SHARE = 0.01


def _check_text(text: str, source: str) -> None:
    """Reject binary data (a NUL, or more than one control character in a hundred) and blank text."""
    controls = _CONTROL.findall(text)
    if controls and ("\0" in controls or len(controls) > max(1, _MAX_CONTROL_SHARE * len(text))):
        first = text.index(controls[0])
        raise BinaryInput(
            source,
            f"tệp chứa {len(controls)} ký tự điều khiển: đây là dữ liệu nhị phân",
            f"file holds {len(controls)} control characters: it is binary data",
            line=text.count("\n", 0, first) + 1,
        )
    if not text.strip():
        raise EmptyInput(source, "tệp chỉ có khoảng trắng", "file holds only white space")


# --- Legacy decoders -----------------------------------------------------------------------------------

def _byte_table(overrides: dict[int, str]) -> str:
    """A 256-character decoding table: Windows-1252 (Latin-1 for its five undefined bytes), then overrides."""
    table = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
    for byte, char in overrides.items():
        table[byte] = char
    return "".join(table)


_WINDOWS_1252_TABLE = _byte_table({})
_TCVN3_TABLE = _byte_table(TCVN3_TO_UNICODE)


def _as_windows_1252(data: bytes) -> str:
    """Each byte as its Windows-1252 character."""
    return codecs.charmap_decode(data, "strict", _WINDOWS_1252_TABLE)[0]


def _from_windows_1258(data: bytes) -> str | None:
    """Windows-1258 puts most tone marks after the letter as combining characters: compose them (NFC)."""
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None  # a byte Windows-1258 leaves undefined


def _from_tcvn3_bytes(data: bytes) -> str:
    return _restore_capitals(codecs.charmap_decode(data, "strict", _TCVN3_TABLE)[0])


def _from_vni_bytes(data: bytes) -> str:
    return _from_vni(_as_windows_1252(data))


_LEGACY_DECODERS: tuple[Callable[[bytes], str | None], ...] = (
    _from_windows_1258,  # first: it wins a tie
    _from_tcvn3_bytes,
    _from_vni_bytes,
)


def _from_tcvn3(text: str) -> str:
    """Read TCVN3 codes given as the Windows-1252 characters of their bytes (TCVN3 letters are >= 0xA1)."""
    return _restore_capitals(text.translate(TCVN3_TO_UNICODE))


_VNI_BY_CHARS = {code.decode("latin-1"): letter for code, letter in VNI_TO_UNICODE.items()}
_VNI_CODE = re.compile("|".join(re.escape(code) for code in sorted(_VNI_BY_CHARS, key=len, reverse=True)))


def _from_vni(text: str) -> str:
    """Read VNI codes given as the Windows-1252 characters of their bytes (VNI marks are >= 0xC0)."""
    return _VNI_CODE.sub(lambda match: _VNI_BY_CHARS[match.group()], text)


_TCVN3_LETTERS = frozenset(TCVN3_TO_UNICODE.values())
_TCVN3_CASELESS = "".join(sorted(c for c in _TCVN3_LETTERS if c.upper() not in _TCVN3_LETTERS))  # toned
_CAPITALS = "".join(sorted(c for c in set(_WINDOWS_1252_TABLE) | _TCVN3_LETTERS if c.isupper()))
_CAPITALS_WORD = re.compile(  # a word of capitals and caseless letters, with at least one caseless letter
    rf"(?<![^\W\d_])[{_CAPITALS}{_TCVN3_CASELESS}]*"
    rf"[{_TCVN3_CASELESS}][{_CAPITALS}{_TCVN3_CASELESS}]*(?![^\W\d_])"
)
_DROP_CASELESS = dict.fromkeys(map(ord, _TCVN3_CASELESS))


def _restore_capitals(text: str) -> str:
    """Upper-case TCVN3's toned letters inside words written in capitals ("VIÖT" -> "VIỆT").

    TCVN3 has no capital toned letters, so they come out small. A word is taken to be in capitals when
    its other letters are all capitals and there are at least two of them, or when its whole line is.
    """
    lines: dict[int, bool] = {}

    def line_in_capitals(index: int) -> bool:
        start = text.rfind("\n", 0, index) + 1
        if start not in lines:
            end = text.find("\n", index)
            rest = text[start : end if end >= 0 else len(text)].translate(_DROP_CASELESS)
            lines[start] = rest.isupper() and sum(map(str.isupper, rest)) >= 3
        return lines[start]

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        capitals = len(word.translate(_DROP_CASELESS))
        return word.upper() if capitals >= 2 or line_in_capitals(match.start()) else word

    return _CAPITALS_WORD.sub(fix, text)


# --- UTF-8 text typed in a legacy font -----------------------------------------------------------------

_SMALL_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + mark)
    for base in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
    for mark in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
) | {"đ"}
_VIETNAMESE_LETTERS = _SMALL_LETTERS | {c.upper() for c in _SMALL_LETTERS}
_NOT_WINDOWS_1252 = re.compile("[^" + re.escape(_WINDOWS_1252_TABLE) + "]")
_LEGACY_CHARS = {chr(b) for b in TCVN3_TO_UNICODE} | {c for code in _VNI_BY_CHARS for c in code if c > "\x7f"}
_FONT_SIGNS = re.compile("[" + re.escape("".join(sorted(_LEGACY_CHARS - _VIETNAMESE_LETTERS))) + "]")


def _repair_legacy_font(text: str) -> str:
    """Convert UTF-8 text typed in a TCVN3 or VNI font ("ViÖt Nam") into real Vietnamese letters.

    Text that already reads as Vietnamese, or that does not look typed in such a font, is kept as it is.
    The choice is made on a sample that starts at the line of the first character only such a font explains.
    """
    first_sign = _FONT_SIGNS.search(text)
    if first_sign is None or not _looks_typed_in_legacy_font(text):
        return text
    sample = text[text.rfind("\n", 0, first_sign.start()) + 1 :][:_SAMPLE]
    if _score(sample).plausible:
        return text
    converted = {convert: convert(sample) for convert in (_from_tcvn3, _from_vni)}
    best = max(converted, key=lambda convert: _score(converted[convert]).rank)
    return best(text) if _convincing(sample, converted[best]) else text


def _looks_typed_in_legacy_font(text: str) -> bool:
    """Whether ``text`` holds characters only a legacy font explains (e.g. "Ö", "µ", "ø") and next to
    none that such a font could not have typed (real Vietnamese letters, or anything outside 1252)."""
    signs = len(_FONT_SIGNS.findall(text))
    return signs > 0 and len(_NOT_WINDOWS_1252.findall(text)) * 20 <= signs


def _convincing(before: str, after: str) -> bool:
    """Whether the converted text reads clearly as Vietnamese, and the conversion made a very common word
    of three letters or more, or at least three distinct syllables of two letters or more (a stray "µ" or
    "Ö" in Latin-1 text is no evidence)."""
    score = _score(after)
    made = {word for word in _new_words(before, after) if _is_syllable(word) and len(word) > 1}
    evidence = any(len(word) > 2 for word in made & _COMMON_WORDS) or len(made) >= 3
    return score.marked_share >= _CLEAR_SHARE and score.syllable_share >= 0.5 and evidence


def _new_words(before: str, after: str) -> set[str]:
    """Words (lower case) with non-ASCII letters in ``after`` that ``before`` does not have."""
    old = {word.lower() for word in _WORD.findall(before)}
    return {word.lower() for word in _WORD.findall(after) if not word.isascii()} - old


# --- How Vietnamese does a text read? ------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_WORDS = 20_000  # scoring stops after this many words: enough to tell encodings apart
_PLAUSIBLE_SHARE = 0.6  # of the words with diacritics, for bytes that are not UTF-8
_CLEAR_SHARE = 0.8  # the same, before UTF-8 text is converted from a legacy font

_COMMON_WORDS = frozenset(
    {
        "và", "của", "các", "được", "năm", "ngày", "thực", "hiện", "việt", "nam", "tỉnh", "là", "có",
        "trong", "cho", "những", "người", "với", "không", "này", "theo", "về", "một", "đã", "để", "đến",
        "tại", "số", "quyết", "định", "ủy", "ban", "nhân", "dân", "thành", "phố", "huyện", "xã", "nước",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _Score:
    """Counts over the words of a text; "marked" words hold a letter outside ASCII."""

    words: int
    syllables: int
    marked: int
    marked_syllables: int
    common: int

    @property
    def marked_share(self) -> float:
        return self.marked_syllables / self.marked if self.marked else 0.0

    @property
    def syllable_share(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def plausible(self) -> bool:
        """Most words with diacritics are Vietnamese syllables."""
        return self.marked > 0 and self.marked_share >= _PLAUSIBLE_SHARE

    @property
    def rank(self) -> tuple[float, int, int]:
        return (self.marked_share, self.common, self.marked_syllables)


def _score(text: str) -> _Score:
    words = syllables = marked = marked_syllables = common = 0
    for match in _WORD.finditer(text):
        word = match.group().lower()
        valid = _is_syllable(word)
        words += 1
        syllables += valid
        common += word in _COMMON_WORDS
        if not word.isascii():
            marked += 1
            marked_syllables += valid
        if words >= _SAMPLE_WORDS:
            break
    return _Score(words, syllables, marked, marked_syllables, common)


_TONES = frozenset("\u0301\u0300\u0309\u0303\u0323")  # sắc, huyền, hỏi, ngã, nặng
_STOP_TONES = frozenset("\u0301\u0323")  # the only tones a syllable ending in c, ch, p, t can carry
_STOPS = frozenset({"c", "ch", "p", "t"})
_SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"  # initial consonant
    "(?:"
    # vowel groups that end the syllable
    "(?:uyu|uya|oai|oao|oay|oeo|uây|uôi|ươi|ươu|iêu|yêu"
    "|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ưa|ua|uơ)"
    # vowel groups that may take a final consonant
    "|(?:oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y)(?P<final>ch|ng|nh|[cmnpt])?"
    # vowel groups that need one
    "|(?:uyê|iê|yê|uô|ươ|oă|uâ|oo|ă|â)(?P<closing>ch|ng|nh|[cmnpt])"
    ")"
)


@lru_cache(maxsize=65_536)
def _is_syllable(word: str) -> bool:
    """Whether a lower-case word is a well-formed Vietnamese syllable (at most one tone, valid rhyme).

    >>> [_is_syllable(w) for w in ("việt", "nguyễn", "được", "vieät", "résumé", "mat")]
    [True, True, True, False, False, False]
    """
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    final = match.group("final") or match.group("closing")
    return final not in _STOPS or (bool(tones) and tones[0] in _STOP_TONES)
