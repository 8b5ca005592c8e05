"""Finders, one row per tricky case: symbol families, dates, relation cues, layouts from other provinces."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.dates import parse_date
from graph.extract import extract
from graph.regexes import SYMBOL
from graph.symbols import parse_symbol


@pytest.mark.parametrize(
    ("text", "number", "doc_type", "year"),
    [
        ("Luật số 06/2022/QH15 ngày", "06/2022/QH15", "Luật", 2022),                       # law
        ("Nghị định 98/2023/NĐ-CP,", "98/2023/NĐ-CP", "Nghị định", 2023),                   # decree
        ("số 13/2014/TTLT-BLĐTBXH-BTC;", "13/2014/TTLT-BLĐTBXH-BTC", "Thông tư liên tịch", 2014),  # joint circular
        ("Số: 503/KH-UBND", "503/KH-UBND", "Kế hoạch", None),                               # admin, no year
        ("Công văn 5588/BGDĐT-GDPT.", "5588/BGDĐT-GDPT", "Công văn", None),                 # công văn: no type code
        ("Chỉ thị 05-CT/TW,", "05-CT/TW", "Chỉ thị", None),                                 # Party
        ("Báo cáo 613-BC/BTCTW", "613-BC/BTCTW", "Báo cáo", None),                          # Party, central body
        ("văn bản 155/VBHN-VPQH", "155/VBHN-VPQH", "Văn bản", None),                        # consolidated text
        ("Thông báo 59/TB-VPCP", "59/TB-VPCP", "Thông báo", None),                          # TB tells Thông báo
    ],
)
def test_symbol_families(text: str, number: str, doc_type: str, year: int | None) -> None:
    match = SYMBOL.search(text)
    assert match and match.group("number") == number
    symbol = parse_symbol(number)
    assert (symbol.type, symbol.year) == (doc_type, year)


@pytest.mark.parametrize("text", ["ngày 19/01/2024", "2021-2025", "năm 2024", "19/5/1890-19/5/2024 x"])
def test_dates_are_not_symbols(text: str) -> None:
    assert SYMBOL.search(text) is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ngày 05 tháng 3 năm 2020", dt.date(2020, 3, 5)),   # words
        ("ngày 19/01/2024", dt.date(2024, 1, 19)),          # slashes
        ("15-5-2016", dt.date(2016, 5, 15)),                # dashes
        ("31/04/2024", None),                               # no such day
        ("năm 2024", None),                                 # a year is not a date
    ],
)
def test_dates(text: str, want: dt.date | None) -> None:
    assert parse_date(text) == want


def _refs(text: str) -> dict[str, str]:
    return {r.target.number or r.target.title or "": r.relation for r in extract(text).references}


@pytest.mark.parametrize(
    ("text", "number", "relation"),
    [
        ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;", "98/2023/NĐ-CP", "based_on"),
        ("Căn cứ Luật A số 01/2020/QH14;\nLuật B số 02/2021/QH15;", "02/2021/QH15", "based_on"),  # list
        ("KẾ HOẠCH\nTriển khai thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị\nI. MỤC ĐÍCH",
         "05-CT/TW", "implements"),                                                            # own title
        ("Thực hiện Văn bản số 59/TB-VPCP ngày 20/02/2024 của Văn phòng Chính phủ, UBND tỉnh yêu cầu:\n1. Làm",
         "59/TB-VPCP", "implements"),                                                          # preamble
        ("1. Tiếp tục thực hiện có hiệu quả Kế hoạch số 57/KH-UBND ngày 23/3/2023 của UBND tỉnh.",
         "57/KH-UBND", "cites"),                                                               # a task in the body
        ("Thông tư này hướng dẫn thi hành Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ.",
         "91/2017/NĐ-CP", "guides"),
        ("Quyết định này sửa đổi, bổ sung Quyết định số 12/2020/QĐ-UBND ngày 01/6/2020.", "12/2020/QĐ-UBND", "amends"),
        ("Quyết định này thay thế Quyết định số 1234/QĐ-UBND ngày 01/6/2020.", "1234/QĐ-UBND", "replaces"),
        ("Bãi bỏ Quyết định số 15/2019/QĐ-UBND ngày 01/6/2019 của UBND tỉnh.", "15/2019/QĐ-UBND", "repeals"),
        ("theo tinh thần Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị", "34-CT/TW", "cites"),
    ],
)
def test_relation_cues(text: str, number: str, relation: str) -> None:
    assert _refs(text).get(number) == relation


def test_law_cited_by_name_resolves_through_the_registry() -> None:
    ex = extract("Thực hiện Luật Thi đua, Khen thưởng ngày 15/6/2022; UBND tỉnh ban hành Kế hoạch.")
    law = ex.references[0].target
    assert (law.number, law.scope, law.number_in_text) == ("06/2022/QH15", "VN", False)


def test_relation_between_two_cited_documents() -> None:
    ex = extract("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành "
                 "một số điều của Luật Thi đua, khen thưởng;")
    assert [(r.subject.number, r.relation, r.object.number) for r in ex.relations] == [
        ("98/2023/NĐ-CP", "guides", "06/2022/QH15")]


MINISTRY = """BỘ GIÁO DỤC VÀ ĐÀO TẠO\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
\tĐộc lập - Tự do - Hạnh phúc
Số: 5588/BGDĐT-GDPT\tHà Nội, ngày 12 tháng 10 năm 2023
V/v hướng dẫn thực hiện nhiệm vụ
giáo dục năm học 2023-2024
Kính gửi: Các Sở Giáo dục và Đào tạo
Căn cứ Quyết định số 2171/QĐ-BGDĐT ngày 28/7/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo, Bộ Giáo dục và Đào tạo
hướng dẫn như sau:
1. Các Sở Giáo dục và Đào tạo chủ động triển khai.
Nơi nhận:\tKT. BỘ TRƯỞNG
- Như trên;\tTHỨ TRƯỞNG
- Lưu: VT, GDPT.
\tNguyễn Văn Phúc
"""

DRAFT_PLAN = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
Số:      /KH-UBND\tThanh Hóa, ngày      tháng     năm 2025
KẾ HOẠCH
Triển khai Chỉ thị số 19/CT-TTg ngày 16/7/2021
của Thủ tướng Chính phủ
STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
1 | Tổ chức hội nghị quán triệt | Sở Nội vụ | Sở Tài chính; Sở Tư pháp | Tháng 5
Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
"""


def test_ministry_letter_with_two_column_header() -> None:
    doc = extract(MINISTRY).document
    ref = doc.ref
    assert (ref.number, ref.type, ref.scope, ref.date) == ("5588/BGDĐT-GDPT", "Công văn", "VN", dt.date(2023, 10, 12))
    assert ref.issuer == "Bộ Giáo dục và Đào tạo"
    assert doc.signer is not None and doc.signer.name == "Nguyễn Văn Phúc"
    assert doc.addressees == ("Các Sở Giáo dục và Đào tạo",)


def test_draft_plan_of_another_province_with_pipe_table() -> None:
    ex = extract(DRAFT_PLAN)
    ref = ex.document.ref
    assert (ref.number, ref.year, ref.scope, ref.type) == (None, 2025, "Thanh Hóa", "Kế hoạch")
    assert [(r.target.number, r.relation) for r in ex.references] == [("19/CT-TTg", "implements")]
    task = ex.tasks[0]
    assert (task.lead, task.partners, task.due) == (("Sở Nội vụ",), ("Sở Tài chính", "Sở Tư pháp"), "Tháng 5")


def test_targets_read_vietnamese_numbers() -> None:
    ex = extract("Các chỉ tiêu chủ yếu: Tổng vốn đầu tư: 60.000 tỷ đồng; Tỷ lệ hộ nghèo giảm khoảng 12,1%; "
                 "Tỷ lệ hộ văn hóa: Đạt từ 86% trở lên; Tỷ lệ thất nghiệp: Dưới 1,2%.")
    assert [(t.comparator, t.value, t.unit) for t in ex.targets] == [
        ("=", 60000.0, "tỷ đồng"), ("~", 12.1, "%"), (">=", 86.0, "%"), ("<", 1.2, "%")]
