"""Every pattern the reader uses, in one place, each with real examples.

Patterns run over *cleaned* text (NFC, repaired, lines re-joined; see :mod:`graph.clean`).
"""

from __future__ import annotations

import re

from graph.vocab import ORG_HEADS, TYPE_WORDS

_UP = "A-ZĐÀ-ỸẠ-Ỹ"  # capital letters incl. Vietnamese ones (ranges are generous on purpose)

# Số, ký hiệu (Nghị định 30/2020/NĐ-CP, Phụ lục I):
SYMBOL = re.compile(
    rf"""
    (?P<number>
      \d(?<![\w/-]\d)  # 1 to 5 digits, nothing of a word before them; the check after the first digit
                       #   lets the regex engine skip from digit to digit
      (?: \d{{0,4}}-[{_UP}][\w]{{0,5}}/[{_UP}][\w&]*(?:-[{_UP}\d][\w&]*)*  # Party: 05-CT/TW, 613-BC/BTCTW, 10-NQ/TU
        | \d{{0,4}}/\d{{4}}/[{_UP}][\w&]*(?:-[{_UP}][\w&]*)*                # normative: 06/2022/QH15, 98/2023/NĐ-CP,
                                                                            #   13/2014/TTLT-BLĐTBXH-BTC
        | \d{{0,4}}/[{_UP}][\w&]*(?:-[{_UP}\d][\w&]*)+                      # 503/KH-UBND, 5588/BGDĐT-GDPT,
                                                                            #   155/VBHN-VPQH, 59/TB-VPCP
        | \d{{0,4}}/[{_UP}][{_UP}&]{{2,}}(?=[\s,;.)])                        # 123/UBND (short form)
      )
    )
    (?![\w/]|-[\w])
    """,
    re.VERBOSE,
)

# SYMBOL for a text whose only decimal digits are 0-9 (graph.text.is_plain): the same matches, found faster (the
# regex engine skips to the characters of a small class faster than to those of the category of decimal digits).
SYMBOL_09 = re.compile(SYMBOL.pattern.replace(r"\d(?<!", r"[0-9](?<!", 1), re.VERBOSE)

# The document's own number line in its header (Nghị định 30/2020/NĐ-CP, Phụ lục I): 'Số: 01/CT-UBND',
# 'Số: 503 /KH-UBND' (spaces joined by cleaning), a draft 'Số:      /KH-UBND' (group draft); a law, code, ordinance
# or resolution of the National Assembly writes its type before 'số': 'Luật số: 06/2022/QH15', 'Bộ luật số
# 45/2019/QH14', 'Nghị quyết số: 27/2022/QH15' -- then the number ends its cell (a line 'Luật số 06/2022/QH15 ngày …'
# is a citation). A match starts at a line's start or a tab (a cell of a two-column header).
OWN_NUMBER_LINE = re.compile(
    rf"""(?:^|\t)
    (?:(?P<law>Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết)\s+số|Số)\s*[:.]?\s*
    (?:{SYMBOL.pattern}|(?P<draft>[.…\s]*/[\w&-]+))
    (?(law)[ ]*(?:\t|$))
    """,
    re.VERBOSE,
)

# The place and date line of the header: 'Lai Châu, ngày 07 tháng 02 năm 2024', 'Bà Rịa - Vũng Tàu, ngày 12 tháng 3
# năm 2024', 'Thừa Thiên - Huế, ngày …', 'TP. Hồ Chí Minh, ngày 20/11/2023', a draft 'Hà Nội, ngày   tháng   năm 2025';
# the place is at most 41 characters (letters, blanks, '.', "'", '-'), at a line's start or after a tab.
PLACE_DATE_LINE = re.compile(
    r"""(?:^|\t)(?P<place>[A-ZĐÀ-Ỹ][\w.' -]{1,40}?)\s*,\s*ngày\s*
    (?P<rest>(?:\d{1,2}|[.…\s]*)\s*tháng\s*(?:\d{1,2}|[.…\s]*)\s*năm\s*(?P<year>\d{4})|\d{1,2}/\d{1,2}/\d{4})
    """,
    re.VERBOSE,
)

# Dates: 'ngày 05 tháng 3 năm 2020', 'ngày 19/01/2024', '15-5-2016'; 'năm 2024' alone is only a year.
DATE = re.compile(
    r"""
    (?:ngày\s*)?
    (?P<day>\d{1,2})
    (?: \s*(?:tháng)\s*(?P<month_w>\d{1,2})\s*(?:năm)\s*(?P<year_w>\d{4})
      | (?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})
    )
    (?!\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)
DATE_AFTER = re.compile(r"[\s,]*(?:ban hành\s+)?ngày\s+" + DATE.pattern.replace("(?:ngày\\s*)?", ""),
                        re.VERBOSE | re.IGNORECASE)
YEAR_AFTER = re.compile(r"\s*,?\s*năm\s+(?P<year>(?:19|20)\d{2})(?!\d)", re.IGNORECASE)

# A year the text speaks of: 'năm 2024', 'Năm 2023', 'NĂM 2025' (not 'khoảng năm 20245', 'trong năm nay'), in
# group 1. The cases are spelled out instead of re.IGNORECASE (which gives no other character for 'n', 'ă', 'm'),
# and the match starts at the 'ă', looking back at the 'n' and the start of the word; the two patterns, one for
# each case of 'ă', start with a single character, which the regex engine skips to fastest (the matches of both,
# in the order of the text, are those of r"\bnăm\s+((?:19|20)\d{2})\b" with re.IGNORECASE).
YEAR_SPOKEN = tuple(re.compile(rf"{a}(?<=(?<!\w)[nN]{a})[mM]\s+((?:19|20)\d{{2}})\b") for a in ("ă", "Ă"))

# A type word right before a number: 'Chỉ thị số 01/CT-UBND', 'Văn bản số 59/TB-VPCP', 'Chỉ thị 05-CT/TW',
# 'Chỉ thị số: 01/CT-UBND'; a list 'Nghị định số 91/2017/NĐ-CP và 98/2023/NĐ-CP' repeats the first type.
# The words are matched ignoring case, grouped by first letter, each group starting with a class of that letter's
# cases (CASES) outside re.IGNORECASE: the regex engine then tests one class at each position instead of trying
# every word ignoring case (same matches: at one position only the group of its letter can match, in word order).
CASES = {"k": "kK\u212a"}  # re.IGNORECASE matches KELVIN SIGN for 'k'; the other first letters, their two cases
_TYPE_GROUPS: dict[str, list[str]] = {}
for _word in sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True):
    _TYPE_GROUPS.setdefault(_word[0], []).append(_word[1:])
_TYPE_ALT = "|".join(f"[{CASES.get(first, first + first.upper())}](?i:{'|'.join(rests)})"
                     for first, rests in _TYPE_GROUPS.items())
TYPE_BEFORE = re.compile(rf"(?P<type>{_TYPE_ALT})(?i:\s*(?:số\s*)?(?:[:.]\s*)?)$")
LIST_BEFORE = re.compile(r"(?:\s*,\s*|\s+và\s+|\s*;\s*)(?:số\s*)?$")

# Speed on hostile text: a pattern that reads on to where something ends ('… up to the summary') reads at most
# a bounded stretch (an issuer 90 characters, a summary 500), so a line of a megabyte with no such end is not
# read again from every mention on it.

# The first words of an organisation's name (graph.vocab.ORG_HEADS): 'Sở', 'Ban', 'Ủy ban nhân dân', 'Kho bạc' …
ORG_HEAD = "|".join(re.escape(head).replace(r"\ ", r"\s+") for head in ORG_HEADS)
# A comma inside an agency's name: 'Sở Văn hóa, Thể thao và Du lịch', 'Bộ Văn hóa, Thể thao và Du lịch', 'Sở Văn
# hóa, Thông tin, Thể thao và Du lịch' -- one to three words of a field after it, maybe more such, then 'và' and
# the last field; not a comma before another organisation ('Sở Tài chính, Kho bạc Nhà nước tỉnh và …').
NAME_COMMA = (rf",(?!\s+(?:{ORG_HEAD})\b)"
              rf"(?=\s+[{_UP}]\w*(?:\s+\w+){{0,2}}(?:,\s+[{_UP}]\w*(?:\s+\w+){{0,2}}){{0,3}}\s+và\s+[{_UP}])")

# 'của Chính phủ', 'của Ủy ban nhân dân tỉnh' … up to the summary ('về …'), a clause break or a date; at most
# 90 characters (a longer one is no issuer).
ISSUER_AFTER = re.compile(
    rf"""\s*,?\s*(?:của|do)\s+
    (?P<issuer>[{_UP}](?:[^;:.,()\n“"]|\.(?=\S)|{NAME_COMMA}){{0,89}}?)
    (?=\s+(?:về|V/v|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|sửa\s+đổi|thông\s+báo|triển\s+khai|
            đã|đến|và\s+các|tại|theo|với|ngày)\b|\s*(?:[;:.()\n“"]|(?!{NAME_COMMA}),)|\s*$)""",
    re.VERBOSE,
)
# The summary of a cited document: 'về phát động phong trào thi đua năm 2024', 'quy định chi tiết …'; at most
# 500 characters after its first word (a longer run with no end is no summary).
TITLE_AFTER = re.compile(
    r"""\s*,?\s*(?P<title>(?:về|V/v|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|sửa\s+đổi)\b[^;\n]{0,500}?)
    (?=\s*;|\s*\n|\.\s|\.$|\s*\((?!\d)|$)""",
    re.VERBOSE,
)

# Laws are cited by name: 'Luật Thi đua, khen thưởng ngày 15/6/2022', 'Luật … năm 2022', 'Luật … số 06/2022/QH15'.
# Each word checks after itself that it starts a word, so that the regex engine can skip to its first letter.
LAW_WORDS = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")  # a match starts with one: str.find goes there fastest
# A name starts in capitals ('Luật Đất đai'); an amending law's starts 'sửa đổi' ('Luật sửa đổi, bổ sung một số điều
# của Luật Đất đai'); the Constitution needs no name ('Hiến pháp năm 2013', 'Hiến pháp nước Cộng hòa …').
LAW_WORD = re.compile("(?P<type>" + "|".join(rf"{w}(?<!\w{w})" for w in LAW_WORDS)
                      + rf")(?:\s+(?=[{_UP}]|sửa\s+đổi\b)|(?<=Hiến pháp)(?!\w))")
# The Constitution's full name after 'Hiến pháp': 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam' (also 'Cộng
# hoà', 'CHXHCN Việt Nam').
CONSTITUTION_NAME = re.compile(
    r"""\s*nước\s+(?:(?i:cộng\s+h(?:òa|oà)\s+xã\s+hội\s+chủ\s+nghĩa)|CHXHCN)\s+Việt\s+Nam(?!\w)""",
    re.VERBOSE,
)
# An amending law, after its type word: 'Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng',
# 'Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh …'; the laws it amends follow.
AMENDING_LAW = re.compile(r"[sS]ửa\s+đổi\s*,?\s*bổ\s+sung\s+(?:một\s+số\s+điều\s+)?(?:của\s+)?")
# The laws an amending law amends named by what they concern: 'của 37 luật có liên quan đến quy hoạch' (Luật số
# 35/2018/QH14), 'của các luật có liên quan đến đầu tư'; the subject ends before 'số', 'ngày', 'năm' or a mark.
LAWS_CONCERNING = re.compile(
    r"""(?:\d{1,3}|các|một\s+số)\s+(?:[lL]uật|bộ\s+luật)\s+có\s+liên\s+quan\s+(?:đến|tới)\s+
    \w+(?:\s+(?!số\b|ngày\b|năm\b|của\b|đã\b|được\b|và\b)\w+){0,5}""",
    re.VERBOSE,
)
# Between the laws an amending law amends: 'của Luật Đất đai, Luật Nhà ở và Luật Kinh doanh bất động sản'.
LAW_LIST_SEP = re.compile(r"\s*,\s*|\s+và\s+")
UNKNOWN_LAW_TITLE = re.compile(
    rf"""(?P<title>[{_UP}][\w]*(?:\s+(?!số\b|ngày\b|năm\b|của\b|và\b|đã\b|được\b|có\b|hiện\b|để\b|do\b|tại\b|
    theo\b|với\b|trong\b|quy\b|hướng\b|này\b)[\w]+){{0,8}})""",
    re.VERBOSE,
)
NUMBER_AFTER_LAW = re.compile(r"\s*,?\s*số\s*:?\s*")

# Sentence and clause ends in cleaned text.
SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?=[\"“(]?[{_UP}\d])|\n|(?<=\./\.)")
