"""Assignments: who must do what by when, from task tables (chủ trì / phối hợp / thời gian columns) and
from sentences such as 'Giao Sở X chủ trì, phối hợp với Sở Y …', 'Đề nghị X …', 'Sở Tài chính: …'.

>>> t = find_tasks("c) Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Văn hóa - Thể thao và Du lịch "
...                "hướng dẫn các cơ quan báo chí.")[0]
>>> t.lead, t.partners, t.text
(('Sở Thông tin và Truyền thông',), ('Sở Văn hóa - Thể thao và Du lịch',), 'hướng dẫn các cơ quan báo chí')
"""

from __future__ import annotations

import re
from bisect import bisect_right

from graph.find.layout import section_start
from graph.models import Span, Task
from graph.offsets import occurrences
from graph.regexes import NAME_COMMA, ORG_HEAD

__all__ = ["find_tasks"]

_HEADS = (r"Ủy\s+ban\s+nhân\s+dân|UBND|Ủy\s+ban\s+Mặt\s+trận\s+Tổ\s+quốc(?:\s+Việt\s+Nam)?|UBMTTQ|Sở|Ban|"
          r"Văn\s+phòng|VP|Công\s+an|Bộ\s+Chỉ\s+huy|Bộ|Cục|Chi\s+cục|Đài|Báo|Trung\s+tâm|Hội\s+đồng|Thanh\s+tra|"
          r"Kho\s+bạc|Ngân\s+hàng|Bảo\s+hiểm\s+xã\s+hội|Liên\s+đoàn|Hội|Tỉnh\s+đoàn|Đoàn|Viện|Trường|Khối|Cụm")
_STOP = (r"chủ\s+trì|phối\s+hợp|có\s+trách\s+nhiệm|tham\s+mưu|theo\s+dõi|là\b|với\b|thực\s+hiện|triển\s+khai|"
         r"hướng\s+dẫn|tổ\s+chức|xây\s+dựng|căn\s+cứ|tiếp\s+tục|kiểm\s+tra|đôn\s+đốc|báo\s+cáo|nghiên\s+cứu|"
         r"chỉ\s+đạo|rà\s+soát|phát\s+động|và\s+các|trình\b|vận\s+động|đề\s+xuất")
# A name goes on word by word, and over a comma inside it ('Sở Văn hóa, Thể thao và Du lịch', NAME_COMMA).
AGENCY = re.compile(
    rf"(?:(?:các|Các)\s+)?(?:{_HEADS})(?:\s+(?!(?:{_STOP}))[\w-]+|{NAME_COMMA}\s+[\w-]+)*?"
    rf"(?=\s+(?:{_STOP})|\s*(?:[;:.()\n]|(?!{NAME_COMMA}),)|\s*$)"
)
# A verb at the start of a line or after a blank, '.', ';' or ':'; each verb checks this after its first word so
# that the regex engine can skip from one first letter to the next.
_VERB = "|".join(rf"{head}(?<![^\s.;:]{head}){tail}" for head, tail in (("Giao", ""), ("Đề", r"\s+nghị"),
                                                                        ("Yêu", r"\s+cầu")))
# A line holding none of the words the verbs of _VERB start with ('Giao', 'Đề', 'Yêu') has no match: they are
# found in the whole text with str.find, much faster than the regex engine skipping from one 'G', 'Đ' or 'Y' to
# the next, line by line ('Đề' as an 'Đ' before an 'ề': str.find skips to one character faster than to two).
_GIAO = re.compile(rf"(?P<verb>{_VERB})\s+(?P<lead>{AGENCY.pattern})(?:\s*\([^)]*\))?")
_LABELLED = re.compile(rf"^(?:\d+(?:\.\d+)*[.)]\s*|[a-zđ]\)\s*)?(?P<lead>{AGENCY.pattern})\s*:\s*(?P<rest>\S.*)$")
_PARTNERS = re.compile(rf"\s*,?\s*phối\s+hợp\s+với\s+(?P<partners>{AGENCY.pattern}(?:\s*,\s*{AGENCY.pattern})*)"
                       r"(?:\s+(?:và|với)\s+các\s+(?:cơ\s+quan|đơn\s+vị|sở|ngành)[^,;.]*?(?:liên\s+quan|có\s+liên\s+quan))?")
_LEAD_CUES = re.compile(r"\s*(?:là\s+cơ\s+quan[^:]*|chủ\s+trì|có\s+trách\s+nhiệm)\s*,?\s*", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^[-+•]\s*")
_HEADER_CELLS = {"lead": re.compile(r"chủ\s+trì", re.I), "partners": re.compile(r"phối\s+hợp", re.I),
                 "due": re.compile(r"thời\s+(?:gian|hạn)|tiến\s+độ", re.I),
                 "text": re.compile(r"nội\s+dung|nhiệm\s+vụ|công\s+việc", re.I)}
# Items of a listed cell: '- Sở Y tế; - Sở Tài chính', '- Sở Y tế - Trung tâm Y tế huyện'; a dash inside a name
# ('- Ban Thi đua - Khen thưởng', '- Sở Lao động - Thương binh và Xã hội') is followed by no organisation's first word.
_LISTED_BREAK = re.compile(rf";|\s+[+•]\s+(?=[A-ZĐÀ-Ỹ])|\s+-\s+(?=(?:{ORG_HEAD})\b)|\.\s+[-+•]\s*|\n")
_BREAK = re.compile(r";|\n")
_BASED_ON_LEAD = re.compile(r"^Căn\s+cứ[^,]*,\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s|\./\.|:\s*$")


def find_tasks(text: str) -> list[Task]:
    """Tasks of the document, table rows first, in text order."""
    return sorted(_table_tasks(text) + _sentence_tasks(text), key=lambda t: t.span.start)


def split_agencies(cell: str) -> tuple[str, ...]:
    """'- VP UBND tỉnh; - Các cơ quan, đơn vị, địa phương.' -> ('VP UBND tỉnh', 'Các cơ quan, đơn vị, địa phương')."""
    listed = cell.lstrip().startswith(("-", "+", "•"))
    parts = (_LISTED_BREAK if listed else _BREAK).split(cell)
    return tuple(p.strip(" -.;,\t") for p in parts if p and p.strip(" -.;,\t"))


def _cells(line: str) -> list[str]:
    """The cells of a table row: 'a\tb' (HTML, Word), 'a | | c' (Markdown, an empty cell kept in its column); a row
    starting with '|' kept the pipe that opens its empty first cell (:data:`graph.clean.markdown_table_pipes`)."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    cells = [c.strip() for c in line.split("|")]
    return cells[1:] if line.lstrip().startswith("|") else cells


def _table_tasks(text: str) -> list[Task]:
    out: list[Task] = []
    columns: dict[str, int] | None = None
    pos = 0
    for line in text.split("\n"):
        if "\t" in line or " | " in line:
            cells = _cells(line)
            header = _header(cells)
            if header is not None:
                columns = header
            elif columns is not None and len(cells) > columns["lead"]:
                task = _row_task(cells, columns, pos, line)
                if task:
                    out.append(task)
        elif line.strip():
            columns = None if section_start(line) or line.isupper() else columns
        pos += len(line) + 1
    return out


def _header(cells: list[str]) -> dict[str, int] | None:
    """The columns of a header row (for each kind the last cell naming it), or None: no 'chủ trì' column, or
    neither a 'nội dung' nor a 'thời gian' one. Rows without a 'chủ trì' cell (most) are not searched further."""
    if not any(_HEADER_CELLS["lead"].search(c) for c in cells):
        return None
    header = {k: i for k, rx in _HEADER_CELLS.items() for i, c in enumerate(cells) if rx.search(c)}
    return header if "text" in header or "due" in header else None


def _row_task(cells: list[str], columns: dict[str, int], pos: int, line: str) -> Task | None:
    def cell(name: str) -> str:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    text_col = columns.get("text", max(0, columns["lead"] - 1))
    body = cells[text_col] if text_col < len(cells) else ""
    lead = split_agencies(cell("lead"))
    if not body or not lead:
        return None
    start = pos + line.find(body)
    return Task(body, lead, split_agencies(cell("partners")), cell("due") or None, Span(start, start + len(body)))


def _sentence_tasks(text: str) -> list[Task]:
    out: list[Task] = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    verbs = occurrences(text, "Giao", "Yêu") + [at for at in occurrences(text, "Đ") if text[at + 1:at + 2] == "ề"]
    verb_lines = {bisect_right(offsets, at) - 1 for at in verbs}
    for i, line in enumerate(lines):
        if "\t" in line or " | " in line:
            continue
        line_end = len(line.rstrip())
        for match in _GIAO.finditer(line) if i in verb_lines else ():
            lead = match.group("lead")
            rest_start = match.end()
            partners: tuple[str, ...] = ()
            cue = _LEAD_CUES.match(line, rest_start)
            if cue:
                rest_start = cue.end()
            found = _PARTNERS.match(line, rest_start)
            if found:
                partners = tuple(a.group(0) for a in AGENCY.finditer(found.group("partners")))
                rest_start = found.end()
            body = _first_sentence(line, rest_start, line_end)
            if body:
                start = offsets[i] + line.find(body, rest_start)
                out.append(Task(body, (lead,), partners, None, Span(start, start + len(body))))
            elif line_end <= rest_start or line[line_end - 1] == ":":  # nothing after the lead, or a list
                out += _following_items(lines, offsets, i + 1, lead)
        labelled = _LABELLED.match(line)
        if labelled and not (i in verb_lines and _GIAO.search(line)):
            body = _first_sentence(_BASED_ON_LEAD.sub("", labelled.group("rest")))
            if body:
                start = offsets[i] + line.find(body)
                out.append(Task(body, (labelled.group("lead"),), (), None, Span(start, start + len(body))))
    return out


_SENTENCE_REACH = 1000  # a task's sentence is read this far at most: a line with no sentence end is not read
#                        to its end from each task on it


def _first_sentence(line: str, start: int = 0, end: int | None = None) -> str:
    """The first sentence of ``line[start:end]`` (``end``: where the line's trailing blanks start; at most
    :data:`_SENTENCE_REACH` characters), read in place: a line holding many tasks is not copied once per task."""
    end = len(line.rstrip()) if end is None else end
    while start < end and line[start].isspace():
        start += 1
    end = min(end, start + _SENTENCE_REACH)
    found = _SENTENCE_END.search(line, start, end)  # no match at ``start`` looks behind it: it is no blank
    body = line[start:found.start() if found else end].strip(" ,;:.")
    return body if len(body) >= 8 else ""


def _following_items(lines: list[str], offsets: list[int], start: int, lead: str) -> list[Task]:
    """Tasks listed under 'Giao Sở Nội vụ:' — its list items, or the paragraphs up to the next section."""
    out = []
    for j in range(start, len(lines)):
        line = lines[j]
        if not line.strip():
            continue
        if section_start(line) or line.isupper() or line.startswith(("Nơi nhận", "Chủ tịch")) or _GIAO.match(line):
            break  # the next section, or the next 'Giao …', which has a list of its own
        body = _first_sentence(_LIST_ITEM.sub("", line)).split(";")[0].strip()
        if body:
            begin = offsets[j] + line.find(body)
            out.append(Task(body, (lead,), (), None, Span(begin, begin + len(body))))
    return out
