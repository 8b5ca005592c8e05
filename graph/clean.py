"""Stage 1, clean: repair damaged document text and keep a map back to the original.

Cleaning is a list of pure ``text -> text`` steps (:data:`STEPS`), each recording its edits, so every
span found later can be shown in the file the clerk has.

>>> cleaned = clean_text("Chi\u0309\\nthi\u0323 số 05-CT/TW ngày 19 / 01 / 2024")
>>> cleaned.text
'Chỉ thị số 05-CT/TW ngày 19/01/2024'
>>> start = cleaned.text.index("thị")
>>> cleaned.to_original(start, start + 3)
(5, 9)
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph.offsets import Edit, OffsetMap, matches_at, occurrences, replace_matches, substitute
from graph.syllables import is_syllable

__all__ = ["STEPS", "CleanText", "clean_text"]

Step = Callable[[str], tuple[str, list[Edit]]]


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text, the original it came from, and one :class:`OffsetMap` per step."""

    text: str
    original: str
    maps: tuple[OffsetMap, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of :attr:`text` to the span of :attr:`original` it was made from."""
        for offset_map in reversed(self.maps):
            if offset_map:
                start, end = offset_map.to_source(start), offset_map.to_source(end, end=True)
        return start, max(start, end)


# Speed: the steps run over every document, so their patterns begin with a character, not with an
# anchor or a look-behind (those come right after the first character): the regex engine then skips
# ahead to the characters a match can start with instead of trying the whole pattern at every position.
# Where that character is common (a blank, a letter), ``starts`` finds the few places a match can start
# with a cheaper search (a rare string, a digit), and the pattern is tried only there.
def _regex_step(pattern: str, repl: str | Callable[[re.Match[str]], str], flags: int = 0,
                needs: Callable[[str], object] | None = None,
                starts: Callable[[str], Iterable[int]] | None = None) -> Step:
    """A step replacing each match of ``pattern``; ``needs`` is a cheap test that a text can match at all,
    ``starts`` gives (in ascending order) every position where a match can start."""
    compiled = re.compile(pattern, flags)
    if callable(repl):
        func = repl
    elif "\\" in repl:  # a template with group references
        func = lambda m: m.expand(repl)  # noqa: E731
    else:  # a plain string: Match.expand would parse it again at every match
        func = lambda m: repl  # noqa: E731

    def step(text: str) -> tuple[str, list[Edit]]:
        if needs is not None and not needs(text):
            return text, []
        if starts is not None:
            return replace_matches(matches_at(compiled, text, starts(text)), func, text)
        return substitute(compiled, func, text)

    step.__name__ = f"sub({pattern[:30]})"
    step.__dict__.update(pattern=compiled, repl=func, starts=starts)  # for tests: ``starts`` misses no edit
    return step


# --- Unicode -----------------------------------------------------------------------------------

# ASCII letters never compose with what stands before them, so NFC can be done run by run.
_NON_ASCII_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def to_nfc(text: str) -> tuple[str, list[Edit]]:
    """NFC, run by run: 'Chi\\u0309 thi\\u0323' (NFD, as pasted from some PDF readers) -> 'Chỉ thị'."""
    if unicodedata.is_normalized("NFC", text):
        return text, []
    return substitute(_NON_ASCII_RUN, lambda m: unicodedata.normalize("NFC", m.group(0)), text)


_LOOK_ALIKES = {
    "\u00d0": "Đ", "\u00f0": "đ",  # Icelandic eth typed for Vietnamese D-stroke
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n",
}
unify_characters = _regex_step(
    "[" + "".join(_LOOK_ALIKES) + "](?:(?<=\r)\n)?",
    lambda m: "\n" if m.group(0) == "\r\n" else _LOOK_ALIKES[m.group(0)],
    needs=lambda text: any(c in text for c in _LOOK_ALIKES),  # one fast search each, for most texts none found
)
unify_characters.__doc__ = "Dash and space look-alikes, 'Ð' (U+00D0) -> 'Đ', CR/LF -> LF, invisible characters out."


# --- Broken font (a TCVN3-era font mapped to low bytes): ư->°, ơ->¡, Ư->¯, “…”-><…= -------------

_DAMAGE_EVIDENCE = re.compile(r"[^\W\d_][°¡¯]|[°¡][^\W\d_]")
# A run of marks after a letter or before a small letter; written as what follows its first mark.
_LETTER = r"(?<=[^\W\d_][°¡¯])[°¡¯]*|(?<=[°¡¯])[°¡¯]*(?=[^\W\d_A-ZĐ])"
_DAMAGED_LETTER = re.compile(rf"[°¡¯](?:{_LETTER})")
_FONT_DAMAGE = re.compile(rf"[<°¡¯](?:(?<=<)(?=[^\s<>=])(?P<quoted>[^<>=]{{1,400}}?)(?<=\S)=|{_LETTER})")
_FONT_LETTERS = {"°": "ư", "¡": "ơ", "¯": "Ư"}


def _repair(match: re.Match[str]) -> str:
    quoted = match.group("quoted")
    if quoted is None:
        return _fix_letters(match.group(0))
    return "“" + _DAMAGED_LETTER.sub(lambda m: _fix_letters(m.group(0)), quoted) + "”"


def _fix_letters(marks: str) -> str:
    return marks.translate(_FONT_TABLE)  # marks: only '°', '¡', '¯'


_FONT_TABLE = str.maketrans(_FONT_LETTERS)


def repair_font_damage(text: str) -> tuple[str, list[Edit]]:
    """Undo the low-byte font damage ('th°ởng', 'c¡ quan', 'T¯', '<Kỷ cương…=') only where it shows.

    A text counts as damaged when at least three letters stand next to '°' or '¡'; then only marks next
    to letters are repaired, so '25°C' and '¡Hola' stay as they are.
    """
    if not any(mark in text for mark in _FONT_LETTERS):
        return text, []
    if len(list(itertools.islice(_DAMAGE_EVIDENCE.finditer(text), 3))) < 3:
        return text, []
    return substitute(_FONT_DAMAGE, _repair, text)


# --- Markup from Word, web pages and Markdown ------------------------------------------------------

_BLOCK_TAGS = "p|div|li|ul|ol|br|h[1-6]|table|thead|tbody|tr|td|th|span|font|b|strong|i|em|u|sup|sub|tfoot|caption"
_TAG = re.compile(rf"<\s*(/?)\s*({_BLOCK_TAGS})\b[^<>]*>", re.IGNORECASE)


def _tag_replacement(match: re.Match[str]) -> str:
    closing, name = match.group(1), match.group(2).lower()
    if name in ("td", "th"):
        return "\t" if closing else ""
    if name in ("tr", "table", "thead", "tbody", "tfoot", "caption", "br"):
        return "\n"
    if name in ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"):
        return " "
    return ""


strip_html_tags = _regex_step(_TAG.pattern, _tag_replacement, re.IGNORECASE)
strip_html_tags.__doc__ = "HTML tags out: a cell ends in a tab, a row or <br> in a new line, a paragraph in a space."

# '&amp;amp;nbsp;' resolves in one go; '&lt;' and '&gt;' stay escaped so no tag is ever made from text.
_ENTITY = re.compile(r"&(?:amp;)*(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});|&(?:amp;)+")


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:
        return "&"
    if name.lower() in ("lt", "gt"):
        return f"&{name};"
    if name == "amp":
        return "&"
    value = html.unescape(f"&{name};")
    if _LOOK_ALIKES.get(value) in (" ", ""):  # '&nbsp;' (U+00A0, not printable) is a space, as unify_characters
        value = _LOOK_ALIKES[value]            # has it; '&#8203;' (zero width) nothing
    if value.startswith("&") or value in ("<", ">") or (not value.isprintable() and value not in "\t\n"):
        return f"&{name};"
    return value


unescape_entities = _regex_step(_ENTITY.pattern, _entity)
unescape_entities.__doc__ = "HTML character references: '&nbsp;' -> ' ', 'BNN&amp;PTNT' -> 'BNN&PTNT'."

strip_markdown = _regex_step(
    r"\*(?:(?<=\S\*)\*{2,}(?=\S)|\**)|^[ \t]*(?:#{1,6}(?:[ \t]+|$))+"
    r"|^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$",
    lambda m: "\n" if len(m.group(0)) >= 3 and m.group(0).strip("*") == "" and _between_words(m) else "",
    re.MULTILINE,
    needs=lambda text: "*" in text or "#" in text or "---" in text,
    starts=lambda text: _markdown_starts(text),
)


def _between_words(match: re.Match[str]) -> bool:
    """'**PHỤ LỤC****NỘI DUNG**': a bold run closing and another opening at once starts a new line."""
    text, start, stop = match.string, match.start(), match.end()
    return start > 0 and stop < len(text) and not text[start - 1].isspace() and not text[stop].isspace()


strip_markdown.__doc__ = "Markdown emphasis ('**KẾ HOẠCH**'), heading marks and table rules out."

# The start of a line whose first mark is '#', '|', ':' or '-' (after its new line, which the regex engine skips
# to fast); a match of strip_markdown starts there, at a '*' or at the text's start.
_MARKDOWN_LINE = re.compile(r"\n[ \t]*[#|:-]")


def _markdown_starts(text: str) -> list[int]:
    return sorted({0, *occurrences(text, "*"), *(m.start() + 1 for m in _MARKDOWN_LINE.finditer(text))})


def _pipe_starts(text: str) -> list[int]:
    """Where a match of :data:`markdown_table_pipes` can start: the start of a line holding a '|', a '|', and
    the first of the blanks before a '|' (no match ends among blanks: it takes them all)."""
    found: set[int] = set()
    line_start = last_bar = 0
    for bar in occurrences(text, "|"):
        line_start = text.rfind("\n", last_bar, bar) + 1 or line_start  # since the last '|': a long line once
        last_bar = bar
        found.add(line_start)
        found.add(_blanks_before(text, bar))
    return sorted(found)


def _blanks_before(text: str, end: int, stop: int = 0) -> int:
    """Where the run of spaces and tabs ending at ``end`` starts (looked for back to ``stop`` at most)."""
    while end > stop and text[end - 1] in " \t":
        end -= 1
    return end


# The outer pipe at a row's start goes only before a cell holding something: in '| | Công bố … | Sở Tư pháp |' it
# opens an empty first cell, and stays ('| Công bố … | Sở Tư pháp'), so that the cells after it keep their columns.
markdown_table_pipes = _regex_step(r"^[ \t]*\|[ \t]*(?=[^|\s])|(?:[ \t]*\|)+[ \t]*$", "", re.MULTILINE,
                                   needs=lambda text: "|" in text, starts=_pipe_starts)
markdown_table_pipes.__doc__ = ("'| a | b |' -> 'a | b', '| | b |' -> '| | b': outer pipes of Markdown table rows "
                                "out (but one opening an empty first cell), inner ones kept.")


# --- White space, lines and symbols -----------------------------------------------------------------

def _tidy(match: re.Match[str]) -> str:
    """A run of blanks: none at a line's end; a tab for each tab of the run between cells (an empty cell,
    '<td></td>' or '<td> </td>', keeps the cells after it in their columns), and at a line's start only before
    another cell ('\\tSở Tư pháp\\tQuý II': an empty first cell; '\\tĐộc lập …' alone is an indent); a tab for
    a wide gap (two columns of a header), else one space."""
    (start, stop), text = match.span(), match.string
    if stop == len(text) or text[stop] == "\n":
        return ""
    run = match.group(0)
    tabs = run.count("\t")
    if start == 0 or text[start - 1] == "\n":
        line_end = text.find("\n", stop)
        return "\t" * tabs if tabs and text.find("\t", stop, line_end if line_end >= 0 else len(text)) >= 0 else ""
    return "\t" * tabs if tabs else "\t" if len(run) >= 4 else " "


# Each starts with a literal, which the regex engine finds fastest (no class to try at each character).
_TWO_BLANKS, _BLANK_AT_END, _BLANK_AT_START = re.compile("  "), re.compile(" \n"), re.compile("\n ")


def _blank_starts(text: str) -> list[int]:
    """Where a match of :data:`tidy_spaces` that changes something can start: the first blank of a run of two or
    more, of a run at a line's start or end, or a tab (one alone inside a line is kept as it is: left out)."""
    found = {m.start() for m in _TWO_BLANKS.finditer(text)}
    for end in _BLANK_AT_END.finditer(text):  # mostly one space: its run starts there
        at = end.start()
        found.add(_blanks_before(text, at) if at and text[at - 1] in " \t" else at)
    found.update(m.end() - 1 for m in _BLANK_AT_START.finditer(text))
    size = len(text)
    last_tab = last_start = -1
    for tab in occurrences(text, "\t"):
        start = _blanks_before(text, tab, last_tab + 1)  # a run of many tabs is walked once, not once a tab
        if start == last_tab + 1 and last_tab >= 0:
            start = last_start
        last_tab, last_start = tab, start
        if start < tab or tab == 0 or text[tab - 1] == "\n" or tab + 1 == size or text[tab + 1] in " \t\n":
            found.add(start)
    if text[:1] == " ":
        found.add(0)
    if text[-1:] == " ":
        found.add(_blanks_before(text, size))
    return sorted(found)


tidy_spaces = _regex_step(r"[ \t](?:[ \t]+|(?<=\t)|(?<=^ )|(?<= )$)", _tidy, re.MULTILINE,  # '[ \t]{2,}|\t|^ | $'
                          starts=_blank_starts)
tidy_spaces.__doc__ = ("Blanks at line ends go; a wide gap inside a line (two columns of a header) becomes a tab; "
                       "the tabs of empty table cells stay, one per cell.")


def _slash_starts(text: str) -> list[int]:
    """Where a match of :data:`join_slashes` can start: at a '/', or at the blanks before a '/' or '-'.

    Slashes and dashes are few, and ``str.find`` skips to them much faster than a regex to digits.
    """
    found: set[int] = set()
    for mark in occurrences(text, "/", "-"):
        blanks = _blanks_before(text, mark)
        if blanks and blanks < mark and text[blanks - 1].isdecimal():  # '503 /KH', '19 / 01', '05 - CT/TW'
            found.add(blanks)
        if mark and text[mark] == "/" and text[mark - 1].isdecimal() and text[mark + 1:mark + 2] in (" ", "\t", "\n"):
            found.add(mark)  # '19/ 01'
    return sorted(found)


# '19 / 01 / 2024' -> '19/01/2024', 'Số: 503 /KH-UBND' -> '503/KH-UBND', '05 - CT/TW' -> '05-CT/TW';
# a bare '19/01' has nothing to join and is no match.
join_slashes = _regex_step(
    r"""[ \t/](?:
          (?<=\d/)[ \t\n]+(?=[\dA-ZĐ])                              # '19/ 01'
        | (?<=\d[ \t])(?:[ \t]*/[ \t\n]*(?=[\dA-ZĐ])                # '503 /KH', '19 / 01'
                      | [ \t]*-[ \t]*(?=[A-ZĐ][A-Za-zĐ]*/)))         # '05 - CT/TW'
    """,
    lambda m: m.group(0).strip(" \t\n"),
    re.VERBOSE,
    starts=_slash_starts,
)

# '59/TB-\n\nVPCP' -> '59/TB-VPCP', '4647/QĐ-\nUBND' -> '4647/QĐ-UBND', '05-CT/\nTW' -> '05-CT/TW'
join_broken_symbols = _regex_step(
    r"(\d(?:\d*/(?:\d{4}/)?(?:[A-ZĐ][\w&]*-)*[A-ZĐ][\w&]*-|\d*-[A-ZĐ][\w&]*/))[ \t]*\n\s*(?=[A-ZĐ])",
    lambda m: m.group(1),
    starts=lambda text: _broken_symbol_starts(text),
)

# The end of a line broken after a symbol's '-' or '/': a match of join_broken_symbols starts at a digit
# on such a line (the symbol holds no blank). Each pattern starts with a literal, which the regex engine
# skips to fast (a class such as '[-/]' is tried character by character).
_BROKEN_LINE_ENDS = (re.compile(r"-[ \t]*\n"), re.compile(r"/[ \t]*\n"))
_DIGIT = re.compile(r"\d")


def _broken_symbol_starts(text: str) -> Iterator[int]:
    ends = sorted(m.start() for pattern in _BROKEN_LINE_ENDS for m in pattern.finditer(text))
    for end in ends:
        line_start = text.rfind("\n", 0, end) + 1
        for digit in _DIGIT.finditer(text, line_start, end):
            yield digit.start()


def _vowel_class() -> str:
    chars = [chr(c) for c in range(0x41, 0x1F00)
             if unicodedata.normalize("NFD", chr(c))[0] in "aeiouyAEIOUY" and chr(c).isalpha()]
    return "".join(chars)


# A short word, one space, then a word that starts with a vowel: where a PDF layer splits a syllable.
_VOWELS = _vowel_class()
_SPLIT_PAIR = re.compile(rf"(?<![^\W\d_])([^\W\d_]{{1,5}}) ([{_VOWELS}][^\W\d_]{{0,5}})(?![^\W\d_])")
# The space of such a pair; group 1: the rest of the word after it, groups 2 to 6: the word before it (5 letters
# for group 2, 1 for group 6). Few spaces stand before a vowel, and the regex engine skips from space to space:
# finding the pairs so is much faster than trying _SPLIT_PAIR at every position.
_PAIR_SPACE = re.compile(rf" [{_VOWELS}](?=([^\W\d_]{{0,5}})(?![^\W\d_]))(?:"
                         + "|".join(rf"(?<=(?<![^\W\d_])([^\W\d_]{{{k}}}) .)" for k in range(5, 0, -1)) + ")")


def _merge_syllable(match: re.Match[str]) -> str:
    """'khen th ưởng' -> 'khen thưởng', 'th ư ởng' -> 'thư ởng' -> 'thưởng' (the step repeats)."""
    merged = _merged(*match.group(1, 2))
    return match.group(0) if merged is None else merged


def _merged(prev: str, word: str) -> str | None:
    """The syllable a pair of words makes, or None when they stay two words."""
    if not (prev[-1].islower() and word[0].islower()) or not is_syllable(prev + word):
        return None
    if not _has_vowel(prev) or not is_syllable(word):
        return prev + word
    return None


def _has_vowel(word: str) -> bool:
    return any(_is_vowel(c) for c in word)


@lru_cache(maxsize=1024)
def _is_vowel(char: str) -> bool:
    return unicodedata.normalize("NFD", char)[0].lower() in "aeiouy"


def _merging_pairs(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_SPLIT_PAIR.finditer(text)`` that :func:`_merge_syllable` changes, looked for only at the
    spaces of pairs (:data:`_PAIR_SPACE`, which tells where each pair starts and ends): a pair whose first word
    starts inside the pair before it is no pair."""
    end = 0
    for space in _PAIR_SPACE.finditer(text):
        at = space.start()
        start = at - 7 + (space.lastindex or 7)  # one of the groups 2 to 6 always matched
        if start < end:
            continue
        end = at + 2 + len(space.group(1))
        if _merged(text[start:at], text[at + 1:end]) is not None and (match := _SPLIT_PAIR.match(text, start)):
            yield match


def join_split_syllables(text: str) -> tuple[str, list[Edit]]:
    """Re-join syllables a PDF text layer split at a diacritic ('khen th ưởng', 'thư ởng')."""
    return replace_matches(_merging_pairs(text), _merge_syllable, text)


# Function words and titles that never end a sentence: a line ending in one continues below.
_CONTINUES = frozenset(
    "của và với tại theo về cho do là các những số ngày tháng năm trong trên dưới từ đến để được bị như "
    "khi nhằm gồm thuộc hoặc thủ tướng chủ tịch bộ sở ban ủy sự quy định thi đua khen thưởng phó".split()
)
# The last words of a phrase that can end a heading or a title ('… phong trào thi đua', '… công tác khen thưởng',
# '… Quy chế … quy định'): they carry a line on to the next one only with no blank line between them.
_PHRASE_ENDS = frozenset("đua thưởng định".split())
# A line opening a paragraph of the legal basis or the preamble: 'Căn cứ Luật …', 'Theo đề nghị của …', 'Xét đề nghị
# của …', 'Xét Tờ trình số …', 'Thực hiện Kế hoạch số …' (never a wrapped line: it would start in lower case).
_OPENS_PARAGRAPH = re.compile(r"(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+(?:đề\s+nghị|Tờ\s+trình)|Thực\s+hiện)\b")
_LIST_MARKER = re.compile(r"^(?:[-+•–]\s|[a-zđ]\)|[a-zđ]\.\s|\d+(?:\.\d+)*[.)]\s|[IVXLC]+\.\s|Điều\s\d)")
_TERMINAL = ".;:!?"


def _is_caps_line(line: str) -> bool:
    return len(line) >= 2 and line.isupper()


def _soft_break(prev: str, nxt: str, in_quote: bool, table: bool, caps: bool, before: list[str],
                blank: bool = False) -> bool:
    """Whether the line break between two non-empty lines is only a wrap of one paragraph; ``table``: either line
    is a table row, ``caps``: either is a heading in capitals (worked out once per line by the caller); ``before``:
    the last words of the paragraph ``prev`` continues, if it does (cleaning cleaned text must change nothing, and
    then that paragraph is one line); ``blank``: a blank line stands between them (only a sentence plainly going on
    crosses it: PDF pastes put blank lines inside sentences, 'kịp\n\nthời', 'của Thủ tướng\n\nChính phủ')."""
    if table:
        return False
    if in_quote:
        return True
    if caps or _LIST_MARKER.match(nxt) or (nxt[0] in "CTX" and _OPENS_PARAGRAPH.match(nxt)):
        return False
    first = nxt[0]
    if first.islower() and prev[-1] not in ":!?":
        return True
    if prev[-1] in _TERMINAL:
        return False
    if first.isdigit() or prev[-1] in ",-(":
        return True
    words = (before + prev.split())[-6:] if before else prev.split()
    last = words[-1].lower()
    if last in _CONTINUES and not (blank and last in _PHRASE_ENDS):
        return True
    head = nxt.split(maxsplit=1)[0]
    if words[-1].islower():  # '… công tác' + 'TĐKT; Chỉ thị …': an abbreviation carries the sentence on
        return _is_caps_line(head)
    # '… Chủ tịch Hồ Chí' + 'Minh; …': a proper name goes on, but a line that is only a name does not
    name_line = len(words) <= 5 and all(w[:1].isupper() for w in words)
    return (not name_line and len(words) >= 2 and all(w[:1].isupper() for w in words[-2:])
            and head[:1].isupper() and not _is_caps_line(head))


def join_lines(text: str) -> tuple[str, list[Edit]]:
    """Re-join paragraphs wrapped across lines and blank lines; blank lines between paragraphs go.

    'Chỉ\\nthị số' -> 'Chỉ thị số'; 'của Thủ tướng\\n\\nChính phủ' -> 'của Thủ tướng Chính phủ';
    a table row, a list item, a heading in capitals and a line ending in '.', ';' or ':' stay.
    """
    parts: list[str] = []
    edits: list[Edit] = []
    pos = out_len = 0
    prev = ""
    before: list[str] = []  # the last words of the paragraph before ``prev``, when ``prev`` continues one
    prev_table = prev_caps = False
    quote_depth = 0
    gap_start = -1  # where the text after the last line kept starts (-1: no line kept yet)
    for line in text.split("\n"):
        size = len(line)
        if not line or line.isspace():
            pos += size + 1
            continue
        table = "\t" in line or " | " in line  # a table row
        caps = size >= 2 and line.isupper()  # _is_caps_line, inline: once per line
        if gap_start >= 0:
            blank = text.count("\n", gap_start, pos) > 1
            args = (prev, line, quote_depth > 0, prev_table or table, prev_caps or caps, before)
            soft = _soft_break(*args, blank=blank)
            if soft:  # the gap starts with a new line: always an edit
                edits.append((gap_start, pos, out_len, out_len + 1))
                parts.append(" ")
                before = (before + prev.split())[-6:]
                out_len += 1
            else:
                # A blank line that alone parts the two lines stays: without it, cleaning again would join them.
                brk = "\n\n" if blank and _soft_break(*args) else "\n"
                before = []
                if text[gap_start:pos] != brk:
                    edits.append((gap_start, pos, out_len, out_len + len(brk)))
                parts.append(brk)
                quote_depth = 0
                out_len += len(brk)
        elif pos:
            edits.append((0, pos, 0, 0))
        parts.append(line)
        out_len += size
        if "“" in line or "”" in line:
            quote_depth = max(0, quote_depth + line.count("“") - line.count("”"))
        if quote_depth and size > 600:
            quote_depth = 0
        prev, prev_table, prev_caps = line, table, caps
        gap_start = pos + size
        pos += size + 1
    gap_start = max(gap_start, 0)
    if gap_start < len(text):
        edits.append((gap_start, len(text), out_len, out_len))
    return "".join(parts), edits


STEPS: tuple[Step, ...] = (
    to_nfc,
    unify_characters,
    strip_html_tags,
    unescape_entities,
    strip_markdown,
    repair_font_damage,  # after the mark-up is out: '**th°ởng**' shows its damage only without the '*'
    markdown_table_pipes,
    tidy_spaces,
    join_slashes,
    join_broken_symbols,
    join_split_syllables,
    join_lines,
    join_split_syllables,  # again: joining lines can bring 'th' + 'ưởng' together
    to_nfc,  # again: a removed '*' or tag can bring a letter and a combining mark together
)


# Steps whose output can offer new matches to themselves run until nothing changes (at most this often: a
# syllable is at most seven letters, and each repeat makes one longer).
_REPEATS: dict[Step, int] = {join_split_syllables: 8, strip_markdown: 4}
# Mark-up taken out can leave more behind ('|# Kế hoạch' is a heading once its bar is out, '<b>*</b>*' bold once
# its tags are): a text whose mark-up steps changed something is cleaned again, until they change nothing (at most
# this often), so that cleaning a cleaned text changes nothing. Text without mark-up is cleaned once, and a pass
# again whose mark-up steps change nothing stops there (what follows them gave this very text already).
_MARKUP: frozenset[Step] = frozenset({strip_html_tags, unescape_entities, strip_markdown, repair_font_damage,
                                      markdown_table_pipes})
_PASSES = 4


def clean_text(text: str, steps: tuple[Step, ...] = STEPS) -> CleanText:
    """Run every cleaning step over ``text``; the result knows where each character came from."""
    maps: list[OffsetMap] = []
    current, marked_up = _clean_once(text, steps, maps)
    last_markup = max((i for i, step in enumerate(steps) if step in _MARKUP), default=-1)
    for _ in range(_PASSES - 1):
        if not marked_up:
            break
        current, marked_up = _clean_once(current, steps, maps, stop_unchanged_after=last_markup)
    return CleanText(current, text, tuple(maps))


def _clean_once(text: str, steps: tuple[Step, ...], maps: list[OffsetMap],
                stop_unchanged_after: int | None = None) -> tuple[str, bool]:
    """One pass of ``steps`` (adding their maps to ``maps``): the text, and whether a mark-up step changed it;
    a pass that has changed nothing by step ``stop_unchanged_after`` stops there."""
    marked_up = changed = False
    for i, step in enumerate(steps):
        for _ in range(_REPEATS.get(step, 1)):
            text, edits = step(text)
            maps.append(OffsetMap(edits))
            if not edits:
                break
            changed = True
            marked_up = marked_up or step in _MARKUP
        if i == stop_unchanged_after and not changed:
            break
    return text, marked_up
