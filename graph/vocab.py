"""Domain vocabulary: provinces, document types and their symbol codes, national issuers, agency names.

Sources: Nghị định 30/2020/NĐ-CP (Phụ lục III, type abbreviations), the list of provinces before and
after the 2025 mergers (names kept by the new provinces are all in the old list).

>>> find_province("UBND TỈNH LÀO CAI")
'Lào Cai'
>>> TYPE_BY_CODE["KH"], type_from_word("chỉ thị")
('Kế hoạch', 'Chỉ thị')
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from graph.text import fold, fold_slice, is_plain, lowered_letters

__all__ = [
    "DOC_TYPES",
    "NATIONAL_ORG_CODES",
    "ORG_HEADS",
    "PROVINCES",
    "TYPE_BY_CODE",
    "TYPE_WORDS",
    "find_province",
    "is_national_issuer",
    "province_mentions",
    "starts_with_org_head",
    "type_from_word",
]

PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Huế",
)
_PROVINCE_BY_KEY = {fold(p).replace(" - ", "-"): p for p in PROVINCES}
_PROVINCE_BY_KEY.update({"hoa binh": "Hòa Bình", "bac can": "Bắc Kạn", "dak lak": "Đắk Lắk", "dac lac": "Đắk Lắk",
                         "thua thien - hue": "Thừa Thiên Huế", "ba ria-vung tau": "Bà Rịa - Vũng Tàu"})


def _names_pattern(keys: list[str]) -> re.Pattern[str]:
    """Any of ``keys`` (folded names, each starting with a letter) as a whole word (group 1), longest first.

    The match starts with the character before the name, which must not be a letter: search a text with a
    blank put before it. Speed: the regex engine then tries the names only after the few characters that
    are not letters, instead of at every letter (most letters start some name); the keys are grouped by
    first letter, so that one group is tried there instead of every name.
    """
    by_first: dict[str, list[str]] = {}
    spaced = (re.escape(k).replace(r"\-", r"\s*-\s*").replace(r"\ ", r"\s+") for k in keys)
    for pattern in sorted(spaced, key=len, reverse=True):
        by_first.setdefault(pattern[0], []).append(pattern[1:])
    groups = (f"{first}(?:{'|'.join(rests)})" for first, rests in by_first.items())
    return re.compile(f"\\W({'|'.join(groups)})(?!\\w)")


_PROVINCE_RE = _names_pattern(list(_PROVINCE_BY_KEY))
# A province named as such ('tỉnh Lào Cai', 'UBND TỈNH LAI CHÂU', 'Báo Lai Châu') weighs more than a bare name.
_PROVINCE_CUE = re.compile(r"(?:tinh|thanh pho|tp\.?|bao|dai pt-?th)\s+$")
_BLANKS, _SPACED_DASH = re.compile(r"\s+"), re.compile(r"\s*-\s*")


@cache
def _lowered_province_re() -> re.Pattern[str]:
    """_PROVINCE_RE for ``text.lower()`` (see :func:`graph.text.lowered_letters`): the same matches, same spans.

    A name's first letter is tried as itself, the most common form, and only then (one check) its accented forms:
    the regex engine tells letters apart at once, character classes one by one. The names that share the first
    letters of their first word share their test ('ha noi', 'ha nam', 'hai duong' after one 'h', one 'a'): a
    letter matches one way only, so trying it once for all of them finds what the names one by one find.
    """
    letters, _ = lowered_letters()

    def letter(c: str) -> str:
        return re.escape(c) if letters[c] == c else f"[{re.escape(letters[c])}]"

    def spelled(key: str) -> str:
        return "".join(r"\s+" if c == " " else r"\s*-\s*" if c == "-" else letter(c) for c in key)

    def shared(keys: list[str], at: int) -> str:
        """The keys from their letter ``at`` on, in order; those going on with the same letter of their first word
        together (different letters, or a letter and a blank, never match at the same place)."""
        after: dict[str, list[str]] = {}
        entries: list[tuple[str, str]] = []  # (a letter shared by keys, '') or ('', the rest of one key)
        for key in keys:
            if at < len(key) and key[:at + 1].isalpha():
                if key[at] not in after:
                    after[key[at]] = []
                    entries.append((key[at], ""))
                after[key[at]].append(key)
            else:
                entries.append(("", spelled(key[at:])))
        return "(?:" + "|".join(letter(c) + shared(after[c], at + 1) if c else rest for c, rest in entries) + ")"

    by_first: dict[str, list[str]] = {}
    for key in sorted(_PROVINCE_BY_KEY, key=lambda k: len(re.escape(k).replace(r"\-", r"\s*-\s*")
                                                           .replace(r"\ ", r"\s+")), reverse=True):
        by_first.setdefault(key[0], []).append(key)
    accented = {first: letters[first].replace(first, "") for first in by_first}
    plain = [f"{first}{shared(keys, 1)}" for first, keys in by_first.items()]
    others = [f"[{re.escape(accented[first])}]{shared(keys, 1)}" for first, keys in by_first.items() if accented[first]]
    any_other = re.escape("".join(accented.values()))
    return re.compile(f"\\W({'|'.join(plain)}|(?=[{any_other}])(?:{'|'.join(others)}))(?!\\w)")


def province_mentions(text: str) -> dict[str, float]:
    """Weighted count of the provinces a text names: 'tỉnh X' counts 3, a bare name 1."""
    counts: dict[str, float] = {}
    if is_plain(text) and not any(c in text for c in lowered_letters()[1]):
        # Speed: the names are found in the lowered text, and only they and the words before are folded.
        for match in _lowered_province_re().finditer(" " + text.lower()):
            start, end = match.start(1) - 1, match.end(1) - 1  # in ``text``
            _count(counts, fold_slice(text, start, end), fold_slice(text, max(0, start - 12), start))
        return counts
    folded = fold(text)
    for match in _PROVINCE_RE.finditer(" " + folded):
        start = match.start(1) - 1  # in ``folded``
        _count(counts, match.group(1), folded[max(0, start - 12):start])
    return counts


def _count(counts: dict[str, float], found: str, before: str) -> None:
    key = _BLANKS.sub(" ", found)
    name = _PROVINCE_BY_KEY.get(key) or _PROVINCE_BY_KEY.get(_SPACED_DASH.sub("-", key))
    if name is not None:
        counts[name] = counts.get(name, 0.0) + (3.0 if _PROVINCE_CUE.search(before) else 1.0)


@lru_cache(maxsize=4096)
def find_province(text: str) -> str | None:
    """The province a short text (an issuer, a place) names, if any."""
    mentions = province_mentions(text)
    return max(mentions, key=lambda k: mentions[k]) if mentions else None


DOC_TYPES = (
    "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị định", "Nghị quyết", "Quyết định", "Chỉ thị", "Thông tư",
    "Thông tư liên tịch", "Kế hoạch", "Thông báo", "Công văn", "Kết luận", "Hướng dẫn", "Báo cáo", "Chương trình",
    "Tờ trình", "Công điện", "Quy định", "Quy chế", "Đề án", "Phương án", "Lệnh", "Văn bản",
)

# Phụ lục III of Nghị định 30/2020/NĐ-CP, plus the normative codes.
TYPE_BY_CODE = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "QD": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QYĐ": "Quy định", "QyĐ": "Quy định", "TB": "Thông báo", "HD": "Hướng dẫn", "CTR": "Chương trình",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "BC": "Báo cáo", "TTR": "Tờ trình",
    "TTr": "Tờ trình", "CĐ": "Công điện", "KL": "Kết luận", "NĐ": "Nghị định", "ND": "Nghị định", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "NQLT": "Nghị quyết", "L": "Lệnh", "PL": "Pháp lệnh",
}
# Codes that name a type but no type in the schema: the document is a 'Văn bản'.
OTHER_TYPE_CODES = frozenset({"BB", "HĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS",
                              "SL", "TC", "DA", "VBHN", "QY"})

# Type words as written before a number, longest first; the value is the schema's type.
TYPE_WORDS = {
    "thông tư liên tịch": "Thông tư liên tịch", "nghị quyết liên tịch": "Nghị quyết", "nghị quyết": "Nghị quyết",
    "nghị định": "Nghị định", "quyết định": "Quyết định", "chỉ thị": "Chỉ thị", "thông tư": "Thông tư",
    "thông báo kết luận": "Thông báo", "thông báo": "Thông báo", "thông tri": "Văn bản", "kế hoạch": "Kế hoạch",
    "công văn": "Công văn", "văn bản hợp nhất": "Văn bản", "văn bản": "Văn bản", "hướng dẫn": "Hướng dẫn",
    "kết luận": "Kết luận", "báo cáo": "Báo cáo", "chương trình": "Chương trình", "tờ trình": "Tờ trình",
    "công điện": "Công điện", "quy định": "Quy định", "quy chế": "Quy chế", "đề án": "Đề án",
    "phương án": "Phương án", "pháp lệnh": "Pháp lệnh", "bộ luật": "Bộ luật", "luật": "Luật", "lệnh": "Lệnh",
    "hiến pháp": "Hiến pháp",
}
GENERIC_TYPES = frozenset({"Văn bản", "Công văn"})


_MOST_TYPE_WORDS = max(len(w.split()) for w in TYPE_WORDS)


def type_from_word(word: str) -> str | None:
    """Schema type of a type word in any case: 'CHỈ THỊ' -> 'Chỉ thị'."""
    if len(word.split(maxsplit=_MOST_TYPE_WORDS)) > _MOST_TYPE_WORDS:  # a sentence: split no further
        return None
    return TYPE_WORDS.get(" ".join(word.lower().split()))


# The words an organisation's name starts with ('Sở Nội vụ', 'Ban Thi đua - Khen thưởng', 'Phòng Tài chính - Kế
# hoạch'), longest first; the words after a dash inside a name ('Lao động - Thương binh và Xã hội') are none of them.
ORG_HEADS = tuple(sorted((
    "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Ủy ban", "UBMTTQ", "Mặt trận", "Bộ", "Bộ Chỉ huy",
    "Bộ Tư lệnh", "Sở", "Ban", "Phòng", "Văn phòng", "Cục", "Chi cục", "Tổng cục", "Vụ", "Viện", "Học viện",
    "Viện kiểm sát", "Tòa án", "Trung tâm", "Trường", "Bệnh viện", "Công an", "Đài", "Báo", "Hội đồng", "Thanh tra",
    "Kiểm toán", "Kho bạc", "Ngân hàng", "Bảo hiểm xã hội", "Liên đoàn", "Hội", "Đoàn", "Tỉnh đoàn", "Thành đoàn",
    "Khối", "Cụm", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "Đảng bộ", "Chi bộ", "Thường trực", "Công ty",
    "Tổng công ty", "Quỹ", "Cơ quan", "Đơn vị", "Các",
), key=len, reverse=True))
_ORG_HEAD_KEYS = tuple(head.lower() for head in ORG_HEADS)


def starts_with_org_head(name: str) -> bool:
    """Whether a name (in any case) starts with one of :data:`ORG_HEADS`: 'SỞ NỘI VỤ' does, 'TỈNH LÀO CAI' does not.

    >>> starts_with_org_head("SỞ NỘI VỤ"), starts_with_org_head("TỈNH LÀO CAI"), starts_with_org_head("VÀ DU LỊCH")
    (True, False, False)
    """
    key = " ".join(name.lower().split()) + " "
    return key.startswith(tuple(k + " " for k in _ORG_HEAD_KEYS))


# Issuing-body codes of national bodies in a symbol (the part after the type code).
NATIONAL_ORG_CODES = frozenset({
    "TW", "TƯ", "VPCP", "TTG", "CP", "UBTVQH", "VPQH", "CTN", "NHNN", "TTCP", "KTNN", "TANDTC", "VKSNDTC", "UBDT",
    "BTCTW", "BTGTW", "BDVTW", "BKTTW", "BNCTW", "UBKTTW", "VPTW", "HĐTĐKTTW", "BTĐKTTW", "MTTW", "ĐCSVN",
})
_MINISTRY_CODE = re.compile(r"^B[A-ZĐ&]{1,10}$")
_LOCAL_CODE = re.compile(r"(?:UBND|HĐND|HDND|TU|HU|ĐU|TĐ|UBMTTQ|VP|CAT|BCH.*|S[A-ZĐ&]{1,8})$")
_NATIONAL_NAMES = re.compile(
    r"^(?:quoc hoi|uy ban thuong vu quoc hoi|chinh phu|thu tuong|van phong chinh phu|bo |ban chap hanh trung uong|"
    r"bo chinh tri|ban bi thu|chu tich nuoc|toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|"
    r"kiem toan nha nuoc|ngan hang nha nuoc|thanh tra chinh phu|uy ban dan toc|"
    r"(?:ban|hoi dong|uy ban|van phong) .*(?:trung uong|tw)$|uy ban trung uong)"
)


@lru_cache(maxsize=4096)  # asked of every cited document's issuer and codes, which repeat
def is_national_issuer(name: str | None = None, org_codes: tuple[str, ...] = ()) -> bool | None:
    """True for a national body, False for a local one, None when neither its name nor code tells."""
    if name:
        key = " ".join(fold(name).replace("-", " ").split())
        key = re.sub(r"^chu tich (?=uy ban nhan dan|ubnd)", "", key)
        if _NATIONAL_NAMES.match(key) or (key.startswith("bo ") and "tinh" not in key):
            return True
        if re.search(r"\b(?:tinh|thanh pho|huyen|xa|quan|thi xa|phuong|ubnd|hdnd)\b", key):
            return False
    for code in org_codes:
        upper = code.upper()
        if upper in NATIONAL_ORG_CODES or upper.startswith("QH") or upper.endswith("TW"):
            return True
        if _MINISTRY_CODE.match(upper) and not upper.endswith(("TU", "HU")):
            return True
        if _LOCAL_CODE.match(upper):
            return False
    return None


# Abbreviations of agency names as they are written in documents (expanded when names are compared).
AGENCY_ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc", "TĐKT": "Thi đua - Khen thưởng", "VP": "Văn phòng", "TW": "Trung ương",
    "TƯ": "Trung ương", "PTTH": "Phát thanh - Truyền hình", "TTĐT": "Thông tin điện tử", "BCH": "Ban Chỉ huy",
    "LLVT": "lực lượng vũ trang", "TMTH": "Tham mưu tổng hợp", "MNBG": "miền núi biên giới", "HĐ": "Hội đồng",
}


@lru_cache(maxsize=4096)
def expand_abbreviations(name: str) -> str:
    """'VP UBND tỉnh' -> 'Văn phòng Ủy ban nhân dân tỉnh'."""
    return re.sub(r"(?<!\w)(" + "|".join(AGENCY_ABBREVIATIONS) + r")(?!\w)",
                  lambda m: AGENCY_ABBREVIATIONS[m.group(1)], name)
