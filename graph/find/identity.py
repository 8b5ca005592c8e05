"""What a document says of itself: header (issuer, Số, place and date), type heading and title or V/v line,
the annex line '(Kèm theo Chỉ thị số …)', Kính gửi, Nơi nhận and the signing block.

>>> ident, zones = find_identity("ỦY BAN NHÂN DÂN\\nTỈNH LÀO CAI\\nSố: 01/CT-UBND\\t"
...                             "Lào Cai, ngày 19 tháng 01 năm 2024\\nCHỈ THỊ\\n"
...                             "Về phát động phong trào thi đua năm 2024\\nNăm 2024 …")
>>> ident.ref.number, ident.ref.date.isoformat(), ident.ref.type, ident.ref.issuer, ident.place
('01/CT-UBND', '2024-01-19', 'Chỉ thị', 'Ủy ban nhân dân tỉnh Lào Cai', 'Lào Cai')
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from graph.dates import date_from_match
from graph.find.layout import Line, Zones, lines_of, section_start
from graph.models import DocRef, DocumentIdentity, Signer, Span
from graph.offsets import occurrences
from graph.regexes import DATE, OWN_NUMBER_LINE, PLACE_DATE_LINE, SYMBOL
from graph.symbols import normalize_number, parse_symbol
from graph.text import is_caps
from graph.vocab import TYPE_WORDS, find_province, starts_with_org_head, type_from_word

__all__ = ["find_identity", "sentence_case"]

_MOTTO = re.compile(
    r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc|"
    r"ĐẢNG CỘNG SẢN VIỆT NAM|^[\s\-_*=~.]+$",
    re.IGNORECASE,
)
_NUMBER_LINE = OWN_NUMBER_LINE
_PLACE_DATE = PLACE_DATE_LINE
# Each phrase of _MOTTO holds 'CỘNG' or 'ĐỘC' (ignoring case, these letters have no other forms than their
# two cases): without either, only a rule line can match.
_RULE_LINE = re.compile(r"[\s\-_*=~.]+$")
_VV = re.compile(r"^(?:V/v|Về việc)\b\s*:?\s*", re.IGNORECASE)
_TYPE_ALT = "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True))
_ANNEX = re.compile(
    rf"\(?\s*Kèm\s+theo\s+(?P<type>{_TYPE_ALT})\s*(?:số\s*)?[:.]?\s*"
    rf"(?:(?x:{SYMBOL.pattern}))?[^()\n]*?(?:của\s+(?P<issuer>[^()\n]+?))?\s*\)?\s*$",
    re.IGNORECASE,
)
_CAPACITY = re.compile(r"^(?P<cap>TM|KT|TL|TUQ|Q|T/M|K/T)\s*\.\s*(?P<body>.+)$")
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")
_KINH_GUI = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)
_NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
_ITEM_BREAK = re.compile(r";|\n")
_DROP_RECIPIENT = re.compile(r"^(?:Như\s+(?:trên|Điều|Khoản|Mục)|Lưu\b|Lưu\s*:)", re.IGNORECASE)
_NOTE = re.compile(r"\s*\((?:để\s+)?(?:b/c|báo cáo|t/h|thực hiện|để biết|p/h|chỉ đạo|biết)\)\s*", re.IGNORECASE)
# Only the body is read, so a 'Chủ tịch' before it is left out of the pattern: the regex engine then skips to
# the first letters of the body's names instead of trying the pattern at every position.
_ACTING_BODY = re.compile(
    r"(?P<body>(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+(?:tỉnh|thành phố)"
    r"(?:\s+[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*){0,3})?)\s+(?:yêu cầu|phát động|ban hành|xây dựng|chỉ thị|giao|"
    r"thông báo|hướng dẫn|quyết định|đề nghị|triển khai)"
)
_CAPACITY_MARK = re.compile(r"^\w+/?\w*\.\s*")
_HEAD_OF_BODY = re.compile(r"(?:Phó\s+)?Chủ tịch|Giám đốc|Bộ trưởng|Thủ tướng", re.IGNORECASE)
_CHAIRMAN = re.compile(r"^Chủ tịch\s+(?=Ủy ban|UBND)")
_PREAMBLE_START = re.compile(r"(?:Căn cứ|Thực hiện|Kính gửi)\b")


@lru_cache(maxsize=4096)  # the same headers, capacities and positions come back in document after document
def sentence_case(caps: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH LÀO CAI' -> 'Ủy ban nhân dân tỉnh Lào Cai'; 'SỞ NỘI VỤ' -> 'Sở Nội vụ'."""
    words = caps.lower().split()
    if not words:
        return caps
    province = find_province(caps)
    out = " ".join(words)
    out = out[0].upper() + out[1:]
    out = re.sub(r"(?<!\w)(sở|bộ|ban|cục|vụ|khối|cụm|chi cục|tổng cục|văn phòng|trung tâm|báo|đài|hội đồng)\s+(\w)",
                 lambda m: f"{m.group(1)} {m.group(2).upper()}", out, flags=re.IGNORECASE)
    out = re.sub(r"(?i)(ủy|uỷ) ban nhân dân", r"\1 ban nhân dân", out)
    if re.match(r"(?:Bộ|Sở|Ban|Cục|Tổng cục) ", out):  # 'Bộ Giáo dục và Đào tạo', 'Sở Văn hóa - Thể thao và Du lịch'
        out = re.sub(r"( và | - |, )(\w)", lambda m: m.group(1) + m.group(2).upper(), out)  # 'Sở Văn hóa, Thể thao …'
    out = out.replace(" trung ương", " Trung ương").replace("việt nam", "Việt Nam").replace("chính phủ", "Chính phủ")
    if province:
        out = re.sub(re.escape(province.lower()), province, out, flags=re.IGNORECASE)
    for abbr in dict.fromkeys(re.findall(r"\b[A-ZĐ]{2,}\b", caps)):  # each once: a header of 'UBND UBND …'
        if abbr in ("UBND", "HĐND", "TMTH", "TĐKT", "MTTQ", "TW", "TƯ", "VN"):
            out = re.sub(rf"\b{abbr}\b", abbr, out, flags=re.IGNORECASE)  # also first: "UBND TỈNH …"
    return out


def find_identity(text: str) -> tuple[DocumentIdentity, Zones]:
    """Read the document's own identity and the zones of its layout."""
    lines = lines_of(text)
    nonempty = [ln for ln in lines if ln.text.strip()]
    head = nonempty[:14]
    spans: dict[str, Span] = {}
    own: list[tuple[int, int]] = []

    number, draft = _number(head, spans, own)
    place, date, year = _place_date(head, spans, own)
    issuer, parent = _header_issuer(head)
    doc_type, title, title_span = _heading(nonempty, spans)
    annex = _annex(lines, own)
    if annex:
        a_type, a_number, a_date, a_issuer = annex
        if doc_type in (None, a_type):
            doc_type = doc_type or a_type
            if number is None and not draft:
                number = a_number
            date = date or a_date
            year = year or (a_date.year if a_date else None)
            issuer = issuer or a_issuer
    closing = _closing_start(lines)
    recipients = _recipients(lines)
    signer = _signer(lines, closing)
    addressees = _addressees(nonempty)
    if issuer is None and signer and signer.capacity:
        cap_body = _CAPACITY_MARK.sub("", signer.capacity)
        if not _HEAD_OF_BODY.fullmatch(cap_body):
            issuer = cap_body
    if issuer is None:
        acting = _ACTING_BODY.search(text)
        issuer = acting.group("body") if acting else None
    if issuer:
        issuer = _CHAIRMAN.sub("", issuer)
    if doc_type is None and title and title.lower().startswith(("v/v", "về việc")):
        doc_type = "Công văn"
    if number and not draft:
        year = year or (date.year if date else None) or parse_symbol(number).year  # 06/2022/QH15 carries its year
    ref = DocRef(doc_type, None if draft else number, date, year or (date.year if date else None), issuer,
                 None, title)
    zones = _zones(lines, title_span, closing, own)
    return DocumentIdentity(ref, place, signer, addressees, recipients, parent_issuer=parent, spans=spans), zones


def _search_cells(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern starting with ``(?:^|\\t)``: tried only where a cell starts.

    >>> _search_cells(_NUMBER_LINE, "ỦY BAN NHÂN DÂN\\tSố: 01/CT-UBND").group("number")
    '01/CT-UBND'
    """
    at = 0
    while at >= 0:
        match = pattern.match(text, at)
        if match is not None:
            return match
        at = text.find("\t", at + 1)
    return None


def _drop_motto(cell: str) -> str:
    if _RULE_LINE.match(cell) is None and not any(
            cell[at - 1:at + 3].lower() == "cộng" or cell[at - 1:at + 2].lower() == "độc"
            for at in occurrences(cell, "ộ", "Ộ") if at):  # the words around each 'ộ' only, not the whole line
        return cell
    return _MOTTO.sub("", cell)


def _number(head: list[Line], spans: dict[str, Span], own: list[tuple[int, int]]) -> tuple[str | None, bool]:
    for line in head:
        match = _search_cells(_NUMBER_LINE, line.text)
        if match:
            own.append((line.start, line.end))
            if match.group("number"):
                spans["number"] = Span(line.start + match.start("number"), line.start + match.end("number"))
                return normalize_number(match.group("number")), False
            return None, True
    return None, False


def _place_date(head: list[Line], spans: dict[str, Span],
                own: list[tuple[int, int]]) -> tuple[str | None, dt.date | None, int | None]:
    for line in head:
        match = _search_cells(_PLACE_DATE, line.text) if len(line.text) < 160 else None
        if match:
            own.append((line.start, line.end))
            spans["date"] = Span(line.start + match.start(), line.start + match.end())
            found = DATE.search(match.group(0))
            date = date_from_match(found) if found else None
            year = int(match.group("year")) if match.group("year") else (date.year if date else None)
            place = match.group("place").strip().split("\t")[-1].strip()
            return place, date, year
    return None, None, None


def _header_issuer(head: list[Line]) -> tuple[str | None, str | None]:
    """The issuing body of the header and the authority above it (Nghị định 30/2020/NĐ-CP: 'tên cơ quan, tổ chức
    chủ quản trực tiếp' over 'tên cơ quan, tổ chức ban hành'): a line in capitals starting with an organisation's
    first word ('SỞ NỘI VỤ' under 'UBND TỈNH QUẢNG NGÃI') starts a body, any other ('TỈNH LÀO CAI' under 'ỦY BAN
    NHÂN DÂN', 'VÀ DU LỊCH') goes on with the name above it.

    >>> _header_issuer(lines_of("UBND TỈNH QUẢNG NGÃI\\nSỞ NỘI VỤ\\nSố: 12/KH-SNV"))
    ('Sở Nội vụ', 'UBND tỉnh Quảng Ngãi')
    >>> _header_issuer(lines_of("ỦY BAN NHÂN DÂN\\nTỈNH LÀO CAI\\nSố: 01/CT-UBND"))
    ('Ủy ban nhân dân tỉnh Lào Cai', None)
    """
    bodies: list[list[str]] = []
    for line in head:
        cell = _drop_motto(line.text.lstrip("\t").split("\t")[0]).strip(" -_*")  # an empty first cell kept
        if _search_cells(_NUMBER_LINE, line.text) or _search_cells(_PLACE_DATE, line.text) or type_from_word(cell):
            break
        if is_caps(cell) and len(cell) > 2:
            if bodies and not starts_with_org_head(cell):
                bodies[-1].append(cell)
            else:
                bodies.append([cell])
        elif bodies:
            break
    names = [sentence_case(" ".join(body)) for body in bodies[-2:]]
    return (names[-1], names[0] if len(names) > 1 else None) if names else (None, None)


def _heading(nonempty: list[Line], spans: dict[str, Span]) -> tuple[str | None, str | None, tuple[int, int] | None]:
    for i, line in enumerate(nonempty[:25]):
        stripped = line.text.strip()
        if _VV.match(stripped):
            spans["title"] = Span(line.start, line.end)
            return None, stripped, (line.start, line.end)
        doc_type = type_from_word(stripped) if stripped.isupper() else None
        if doc_type and i + 1 < len(nonempty):
            nxt = nonempty[i + 1]
            body = nxt.text.strip()
            if body.isupper() or section_start(body) or _PREAMBLE_START.match(body):
                return doc_type, None, None
            spans["title"] = Span(nxt.start, nxt.end)
            return doc_type, body, (nxt.start, nxt.end)
        if doc_type:
            return doc_type, None, None
    return None, None, None


def _annex(lines: list[Line], own: list[tuple[int, int]]) -> tuple[str | None, str | None, dt.date | None,
                                                                   str | None] | None:
    for line in lines:
        if "Kèm theo" not in line.text:
            continue
        match = _ANNEX.search(line.text)
        if not match:
            continue
        own.append((line.start, line.end))
        date_match = DATE.search(line.text)
        number = match.group("number")
        return (type_from_word(match.group("type")), normalize_number(number) if number else None,
                date_from_match(date_match) if date_match else None, match.group("issuer"))
    return None


def _closing_start(lines: list[Line]) -> int:
    for line in lines:
        if _NOI_NHAN.match(line.text):
            return line.start
    return lines[-1].end if lines else 0


def _items(text: str) -> list[str]:
    out = []
    for part in _ITEM_BREAK.split(text):
        item = (_NOTE.sub(" ", part) if "(" in part else part).strip(" -+•.,\t")
        if _DROP_RECIPIENT.match(item):
            if item.lower().startswith("lưu"):
                break
            continue
        if item:
            out.append(item)
    return out


def _recipients(lines: list[Line]) -> tuple[str, ...]:
    out: list[str] = []
    started = False
    for line in lines:
        if not started and "ơ" not in line.text and "Ơ" not in line.text:  # no 'Nơi' (in any case) to match
            continue
        cell = line.text.split("\t")[0].strip()
        if not started:
            match = _NOI_NHAN.match(cell)
            if match:
                started = True
                out += _items(cell[match.end():])
            continue
        if not cell.startswith(("-", "+", "•")):
            break
        out += _items(cell)
    return tuple(out)


def _addressees(nonempty: list[Line]) -> tuple[str, ...]:
    for i, line in enumerate(nonempty[:30]):
        match = _KINH_GUI.match(line.text.strip())
        if not match:
            continue
        out = _items(line.text.strip()[match.end():])
        for nxt in nonempty[i + 1:]:
            if not nxt.text.startswith(("-", "+", "•")):
                break
            out += _items(nxt.text)
        return tuple(out)
    return ()


def _signer(lines: list[Line], closing: int) -> Signer | None:
    tail = [ln.text.split("\t")[-1].strip() for ln in lines if ln.start >= closing and ln.text.strip()]
    tail = [t for t in tail if not t.startswith(("-", "+", "•")) and not _NOI_NHAN.match(t)]
    capacity = position = name = None
    for cell in tail[:12]:
        if capacity is None and position is None and _CAPACITY.match(cell):
            match = _CAPACITY.match(cell)
            assert match is not None
            capacity = f"{match.group('cap')}. {sentence_case(match.group('body'))}"
        elif position is None and cell.isupper() and 1 <= len(cell.split()) <= 6:
            position = sentence_case(cell)
        elif position is not None and _NAME.match(cell):
            name = cell
            break
        elif position is not None and cell.isupper():
            break
    if capacity is None and position is None:
        return None
    return Signer(name, position, capacity)


def _zones(lines: list[Line], title: tuple[int, int] | None, closing: int,
           own: list[tuple[int, int]]) -> Zones:
    start = title[1] if title else 0
    if title is None:
        for line in lines[:30]:
            if (_KINH_GUI.match(line.text.strip()) or _search_cells(_NUMBER_LINE, line.text)
                    or _search_cells(_PLACE_DATE, line.text)):
                start = max(start, line.end)
    body = closing
    for line in lines:
        if line.start > start and section_start(line.text.strip()):
            body = line.start
            break
    return Zones(title, (start, min(body, closing)), closing, tuple(own))

