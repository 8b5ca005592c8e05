"""Regression tests for ten extractor bugs: each case is a document layout of another province, ministry, type or
year than the seeds, so that the rules fixed are the conventions (Nghị định 30/2020/NĐ-CP), not a seed."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from rdflib import RDF, SKOS, Literal
from rdflib.namespace import ORG

from graph.clean import clean_text
from graph.extract import extract
from graph.find.tasks import find_tasks
from graph.keys import Iris
from graph.namespaces import ELI, LDO
from graph.rdf import to_rdf
from graph.validate import validate_graph

_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_FREEDOM = "Độc lập - Tự do - Hạnh phúc"


# 1. A law's own number line --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("number_line", "heading", "name", "number", "doc_type"),
    [
        ("Luật số: 45/2024/QH15", "LUẬT", "DI SẢN VĂN HÓA", "45/2024/QH15", "Luật"),
        ("Luật số 31/2024/QH15", "LUẬT", "ĐẤT ĐAI", "31/2024/QH15", "Luật"),
        ("Bộ luật số: 45/2019/QH14", "BỘ LUẬT", "LAO ĐỘNG", "45/2019/QH14", "Bộ luật"),
        ("Số: 33/2024/QH15", "LUẬT", "LƯU TRỮ", "33/2024/QH15", "Luật"),
    ],
)
def test_a_laws_own_number_line_is_its_identity(number_line: str, heading: str, name: str, number: str,
                                                doc_type: str) -> None:
    text = (f"QUỐC HỘI\t{_MOTTO}\n\t{_FREEDOM}\n-------\n{number_line}\n\n{heading}\n{name}\n\n"
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
            f"Quốc hội ban hành {heading.capitalize()} {name.capitalize()}.\n")
    ex = extract(text)
    ref = ex.document.ref
    assert (ref.number, ref.type, ref.year, ref.issuer) == (number, doc_type, int(number.split("/")[1]), "Quốc hội")
    assert number not in {r.target.number for r in ex.references}  # its own number is no citation


# 2. The Constitution, cited by name ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "basis",
    [
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
        "Căn cứ Hiến pháp năm 2013;",
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
    ],
)
def test_the_constitution_is_a_reference(basis: str) -> None:
    text = f"{basis}\nCăn cứ Luật Hòa giải ở cơ sở;\nHội đồng nhân dân tỉnh quy định mức chi hỗ trợ hòa giải ở cơ sở.\n"
    refs = [r for r in extract(text).references if r.target.type == "Hiến pháp"]
    assert len(refs) == 1
    target = refs[0].target
    assert (refs[0].relation, target.number, target.date, target.scope) == ("based_on", None, dt.date(2013, 11, 28),
                                                                            "VN")


def test_the_constitution_named_twice_is_one_reference() -> None:
    text = ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
            "Điều 1. Công dân có quyền tham gia quản lý nhà nước theo quy định của Hiến pháp năm 2013.\n")
    assert [r.relation for r in extract(text).references if r.target.type == "Hiến pháp"] == ["based_on"]


# 3. A place with a hyphen in the place-date line ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("province_lines", "place_date", "place", "date"),
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu, ngày 12 tháng 3 năm 2024",
         "Bà Rịa - Vũng Tàu", dt.date(2024, 3, 12)),
        ("ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ", "Thừa Thiên - Huế, ngày 05 tháng 8 năm 2019",
         "Thừa Thiên - Huế", dt.date(2019, 8, 5)),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "TP. Hồ Chí Minh, ngày 20/11/2023", "TP. Hồ Chí Minh",
         dt.date(2023, 11, 20)),
    ],
)
def test_a_hyphenated_place_keeps_the_date(province_lines: str, place_date: str, place: str, date: dt.date) -> None:
    text = f"{province_lines}\nSố: 120/KH-UBND\t{place_date}\nKẾ HOẠCH\nTổ chức Ngày hội Đại đoàn kết toàn dân tộc\n"
    ident = extract(text).document
    assert (ident.place, ident.ref.date, ident.ref.year) == (place, date, date.year)


# 4. Amending laws -------------------------------------------------------------------------------------------------

def _by_number(text: str) -> dict[str | None, tuple[str, dt.date | None]]:
    return {r.target.number: (r.relation, r.target.date) for r in extract(text).references}


def test_an_amending_law_cited_by_name_is_the_amending_law() -> None:
    text = ("QUYẾT ĐỊNH\nBan hành Quy chế khen thưởng của tỉnh\n"
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
            "Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005;\n")
    ex = extract(text)
    found = {r.target.number: (r.relation, r.target.date) for r in ex.references}
    assert found["47/2005/QH11"] == ("based_on", dt.date(2005, 6, 14))  # the amending law
    assert found["15/2003/QH11"] == ("based_on", dt.date(2003, 11, 26))  # the amended one, with its own date
    assert len(found) == 2  # no 'Luật Thi đua, khen thưởng' dated like the amending law
    assert [(r.subject.number, r.relation, r.object.number) for r in ex.relations] == [
        ("47/2005/QH11", "amends", "15/2003/QH11")]


def test_the_laws_an_amending_law_amends_are_those_before_it() -> None:
    text = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật Kinh doanh bất động sản "
            "và Luật Các tổ chức tín dụng ngày 29 tháng 6 năm 2024;\n")
    ex = extract(text)
    amending = [r for r in ex.references if r.relation == "based_on"]
    assert len(amending) == 1
    assert amending[0].target.title is not None and amending[0].target.title.startswith("Luật sửa đổi, bổ sung")
    assert amending[0].target.date == dt.date(2024, 6, 29)
    amended = {r.object.title: r.object.number for r in ex.relations if r.relation == "amends"}
    assert amended["Luật Đất đai"] == "31/2024/QH15"  # the one in force before 29/6/2024, not a later one
    assert amended["Luật Nhà ở"] == "27/2023/QH15"
    assert "Luật Kinh doanh bất động sản" in amended and "Luật Các tổ chức tín dụng" in amended


def test_a_long_run_of_amending_laws_is_read_in_linear_time() -> None:
    text = "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng, Luật Đất đai và " * 2500  # 200 kB
    started = time.perf_counter()
    extract(text)
    assert time.perf_counter() - started < 5  # a title read to the end of the text from each law: ~40 s


@pytest.mark.parametrize(
    ("basis", "number", "date"),
    [
        ("Căn cứ Luật số 35/2018/QH14 sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch;",
         "35/2018/QH14", None),
        ("Căn cứ Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch ngày 20 tháng 11 năm 2018;",
         None, dt.date(2018, 11, 20)),
    ],
)
def test_an_amending_law_of_many_laws(basis: str, number: str | None, date: dt.date | None) -> None:
    refs = extract(f"{basis}\nCăn cứ Nghị định số 37/2019/NĐ-CP ngày 07/5/2019 của Chính phủ;\n").references
    first = refs[0]
    assert (first.target.number, first.target.date, first.relation) == (number, date, "based_on")
    assert first.target.title is not None and "37 luật có liên quan đến quy hoạch" in first.target.title


# 5. Joining lines stops at a blank line and before 'Căn cứ' --------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("QUYẾT ĐỊNH\nVề việc khen thưởng phong trào thi đua\n\nCăn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
         "QUYẾT ĐỊNH\nVề việc khen thưởng phong trào thi đua\nCăn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;"),
        ("Ban hành Quy chế công tác thi đua, khen thưởng\nCăn cứ Nghị định số 98/2023/NĐ-CP;",
         "Ban hành Quy chế công tác thi đua, khen thưởng\nCăn cứ Nghị định số 98/2023/NĐ-CP;"),
        ("Tổ chức Hội nghị điển hình tiên tiến tỉnh Hà Giang\nCăn cứ Kế hoạch số 12/KH-UBND;",
         "Tổ chức Hội nghị điển hình tiên tiến tỉnh Hà Giang\nCăn cứ Kế hoạch số 12/KH-UBND;"),
        ("Hướng dẫn chấm điểm thi đua\n\nNăm 2025, các cụm, khối thi đua tổ chức ký kết giao ước.",
         "Hướng dẫn chấm điểm thi đua\nNăm 2025, các cụm, khối thi đua tổ chức ký kết giao ước."),
        ("của Chủ tịch Ủy ban nhân dân\n\ntỉnh về việc tặng Bằng khen", "của Chủ tịch Ủy ban nhân dân tỉnh về việc "
         "tặng Bằng khen"),  # a sentence wrapped across a blank line still joins
    ],
)
def test_lines_are_not_joined_across_a_paragraph_break(raw: str, want: str) -> None:
    cleaned = clean_text(raw).text
    assert [line for line in cleaned.split("\n") if line] == want.split("\n")
    assert clean_text(cleaned).text == cleaned


def test_a_title_is_not_joined_with_the_legal_basis() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 25/QĐ-UBND\tHà Giang, ngày 10 tháng 01 năm 2025\nQUYẾT ĐỊNH\n"
            "Về việc khen thưởng phong trào thi đua\n\nCăn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n")
    ex = extract(text)
    assert ex.document.ref.title == "Về việc khen thưởng phong trào thi đua"
    assert [(r.target.number, r.relation) for r in ex.references] == [("06/2022/QH15", "based_on")]


# 6. The document's own number from another year is a citation ------------------------------------------------------

_HEADER_2024 = "ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 15/KH-UBND\tNam Định, ngày 20 tháng 01 năm 2024\nKẾ HOẠCH\n"


def test_the_own_number_of_another_year_is_kept() -> None:
    text = (_HEADER_2024 + "Công tác cải cách hành chính năm 2024\n"
            "Căn cứ kết quả thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2023 của UBND tỉnh về cải cách hành chính "
            "năm 2023;\n")
    refs = {r.target.number: r.target.date for r in extract(text).references}
    assert refs == {"15/KH-UBND": dt.date(2023, 1, 10)}


def test_the_own_number_of_the_same_year_is_still_the_document_itself() -> None:
    text = (_HEADER_2024 + "Công tác cải cách hành chính năm 2024\nI. MỤC ĐÍCH\n"
            "Các sở, ngành triển khai Kế hoạch số 15/KH-UBND ngày 20/01/2024 đúng tiến độ. "
            "Kế hoạch số 15/KH-UBND được gửi đến các huyện.\n")
    assert extract(text).references == ()


# 7. ' - ' inside an agency name in a table cell ---------------------------------------------------------------------

_TABLE_HEAD = ("| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
               "|---|---|---|---|---|\n")


def test_a_dash_inside_a_name_does_not_split_a_cell() -> None:
    row = ("| 2 | Tổng kết phong trào thi đua giai đoạn 2021-2025 | - Ban Thi đua - Khen thưởng tỉnh | "
           "- Sở Lao động - Thương binh và Xã hội; - Sở Tài chính | Tháng 11/2025 |\n")
    task = find_tasks(clean_text(_TABLE_HEAD + row).text)[0]
    assert task.lead == ("Ban Thi đua - Khen thưởng tỉnh",)
    assert task.partners == ("Sở Lao động - Thương binh và Xã hội", "Sở Tài chính")


def test_a_dash_before_another_agency_still_splits_a_listed_cell() -> None:
    row = "| 1 | Tuyên truyền phòng, chống dịch bệnh | Sở Y tế | - Sở Y tế - Trung tâm Kiểm soát bệnh tật | Quý II |\n"
    task = find_tasks(clean_text(_TABLE_HEAD + row).text)[0]
    assert task.partners == ("Sở Y tế", "Trung tâm Kiểm soát bệnh tật")


# 8. Empty markdown cells -------------------------------------------------------------------------------------------

def test_an_empty_cell_does_not_shift_the_cells_after_it() -> None:
    rows = ("| 1 | Xây dựng kế hoạch kiểm tra công vụ | Sở Nội vụ | | Tháng 3/2025 |\n"
            "| 2 | Tập huấn nghiệp vụ văn thư, lưu trữ | Sở Nội vụ | Sở Tư pháp | Quý II/2025 |\n")
    tasks = find_tasks(clean_text(_TABLE_HEAD + rows).text)
    assert [(t.text, t.lead, t.partners, t.due) for t in tasks] == [
        ("Xây dựng kế hoạch kiểm tra công vụ", ("Sở Nội vụ",), (), "Tháng 3/2025"),
        ("Tập huấn nghiệp vụ văn thư, lưu trữ", ("Sở Nội vụ",), ("Sở Tư pháp",), "Quý II/2025"),
    ]


def test_an_empty_first_cell_does_not_shift_the_cells_after_it() -> None:
    rows = ("| 1 | Rà soát thủ tục hành chính | Văn phòng UBND tỉnh | Các sở, ngành | Tháng 6/2025 |\n"
            "| | Công bố thủ tục hành chính đã chuẩn hóa | Văn phòng UBND tỉnh | Sở Tư pháp | Tháng 9/2025 |\n")
    cleaned = clean_text(_TABLE_HEAD + rows).text
    assert clean_text(cleaned).text == cleaned
    tasks = find_tasks(cleaned)
    assert [(t.text, t.lead, t.due) for t in tasks] == [
        ("Rà soát thủ tục hành chính", ("Văn phòng UBND tỉnh",), "Tháng 6/2025"),
        ("Công bố thủ tục hành chính đã chuẩn hóa", ("Văn phòng UBND tỉnh",), "Tháng 9/2025"),
    ]


_HTML_HEAD = ("<table><tr><td><b>TT</b></td><td><b>Nội dung</b></td><td><b>Cơ quan chủ trì</b></td>"
              "<td><b>Cơ quan phối hợp</b></td><td><b>Thời gian</b></td></tr>\n")


@pytest.mark.parametrize("empty", ["<td></td>", "<td> </td>", "<td>&nbsp;</td>"])
def test_an_empty_html_cell_does_not_shift_the_cells_after_it(empty: str) -> None:
    rows = (f"<tr><td>1</td><td>Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn</td><td>Sở Nội vụ</td>{empty}"
            "<td>Quý II/2025</td></tr>\n"
            "<tr><td>2</td><td>Tổ chức Hội nghị điển hình tiên tiến cấp tỉnh</td><td>Ban Thi đua - Khen thưởng</td>"
            "<td>Sở Văn hóa, Thể thao và Du lịch</td><td>Tháng 6/2025</td></tr>\n"
            f"<tr>{empty}<td>Kiểm tra công tác văn thư, lưu trữ</td><td>Sở Nội vụ</td>{empty}"
            "<td>Tháng 10/2025</td></tr></table>\n")
    cleaned = clean_text("KẾ HOẠCH\nCông tác nội vụ năm 2025 của tỉnh Bình Định\n" + _HTML_HEAD + rows).text
    assert clean_text(cleaned).text == cleaned
    tasks = find_tasks(cleaned)
    assert [(t.text, t.lead, t.partners, t.due) for t in tasks] == [
        ("Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn", ("Sở Nội vụ",), (), "Quý II/2025"),
        ("Tổ chức Hội nghị điển hình tiên tiến cấp tỉnh", ("Ban Thi đua - Khen thưởng",),
         ("Sở Văn hóa, Thể thao và Du lịch",), "Tháng 6/2025"),
        ("Kiểm tra công tác văn thư, lưu trữ", ("Sở Nội vụ",), (), "Tháng 10/2025"),
    ]
    for task in tasks:
        assert cleaned[task.span.start:task.span.end] == task.text


def test_an_html_header_with_an_empty_first_column_still_gives_the_issuer() -> None:
    text = ("<table><tr><td></td><td>UBND TỈNH BÌNH ĐỊNH</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>"
            "<tr><td></td><td>SỞ NỘI VỤ</td><td>Độc lập - Tự do - Hạnh phúc</td></tr>"
            "<tr><td></td><td>Số: 27/KH-SNV</td><td>Bình Định, ngày 14 tháng 02 năm 2025</td></tr></table>\n"
            "KẾ HOẠCH\nCông tác văn thư, lưu trữ năm 2025\n")
    ident = extract(text).document
    assert (ident.ref.issuer, ident.parent_issuer, ident.ref.number, ident.place) == (
        "Sở Nội vụ", "UBND tỉnh Bình Định", "27/KH-SNV", "Bình Định")


# 9. Agency names holding a comma ----------------------------------------------------------------------------------

def test_an_agency_name_with_a_comma_is_not_cut() -> None:
    text = ("1. Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội, "
            "Sở Tài chính tổ chức Liên hoan văn nghệ quần chúng.\n"
            "2. Đề nghị Bộ Văn hóa, Thể thao và Du lịch hướng dẫn việc tổ chức lễ hội truyền thống.\n"
            "3. Giao Sở Tài chính, Kho bạc Nhà nước tỉnh bố trí kinh phí thực hiện.\n")
    tasks = find_tasks(clean_text(text).text)
    assert [(t.lead, t.partners) for t in tasks] == [
        (("Sở Văn hóa, Thể thao và Du lịch",), ("Sở Lao động - Thương binh và Xã hội", "Sở Tài chính")),
        (("Bộ Văn hóa, Thể thao và Du lịch",), ()),
        (("Sở Tài chính",), ()),
    ]
    assert tasks[0].text == "tổ chức Liên hoan văn nghệ quần chúng"


def test_a_cited_issuer_with_a_comma_is_not_cut() -> None:
    text = ("Thực hiện Kế hoạch số 1520/KH-BVHTTDL ngày 05/4/2024 của Bộ Văn hóa, Thể thao và Du lịch về tổ chức "
            "Ngày Gia đình Việt Nam, Sở Văn hóa, Thể thao và Du lịch xây dựng kế hoạch như sau:\n")
    ref = extract(text).references[0]
    assert (ref.target.number, ref.target.issuer) == ("1520/KH-BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch")


# 10. Parent authority over the issuing body in the header -----------------------------------------------------------

@pytest.mark.parametrize(
    ("header", "issuer", "parent"),
    [
        ("UBND TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ", "Sở Nội vụ", "UBND tỉnh Quảng Ngãi"),
        ("UBND TỈNH NINH BÌNH\nSỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch",
         "UBND tỉnh Ninh Bình"),
        ("BỘ NỘI VỤ\nBAN THI ĐUA - KHEN THƯỞNG\nTRUNG ƯƠNG", "Ban Thi đua - Khen thưởng Trung ương", "Bộ Nội vụ"),
        ("ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN", "Ủy ban nhân dân tỉnh Điện Biên", None),  # one name on two lines
    ],
)
def test_the_issuer_is_the_body_under_its_parent(header: str, issuer: str, parent: str | None) -> None:
    lines = header.split("\n")
    lines[0] += f"\t{_MOTTO}"
    lines[1] += f"\t{_FREEDOM}"
    text = "\n".join(lines) + ("\nSố: 45/KH-SNV\tĐiện Biên, ngày 05 tháng 02 năm 2025\nKẾ HOẠCH\n"
                               "Tổ chức các hoạt động kỷ niệm năm 2025\n")
    ident = extract(text).document
    assert (ident.ref.issuer, ident.parent_issuer) == (issuer, parent)


def _header_document(header: str) -> str:
    lines = header.split("\n")
    lines[0] += f"\t{_MOTTO}"
    lines[1] += f"\t{_FREEDOM}"
    return "\n".join(lines) + ("\nSố: 18/KH-SNV\tQuảng Ngãi, ngày 12 tháng 3 năm 2025\nKẾ HOẠCH\n"
                               "Tổ chức phong trào thi đua năm 2025\n")


def test_the_issuing_agency_is_a_sub_organization_of_its_parent() -> None:
    doc = to_rdf(extract(_header_document("UBND TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ")))
    graph, iris = doc.graph, Iris()
    issuer, parent = iris.agency("quang-ngai/so-noi-vu"), iris.agency("quang-ngai/uy-ban-nhan-dan")
    assert (doc.iri, ELI.passed_by, issuer) in graph
    assert list(graph.triples((None, ORG.subOrganizationOf, None))) == [(issuer, ORG.subOrganizationOf, parent)]
    assert (parent, RDF.type, ORG.Organization) in graph
    assert (parent, LDO.key, Literal("quang-ngai/uy-ban-nhan-dan")) in graph
    assert (parent, LDO.scope, Literal("Quảng Ngãi")) in graph
    assert (parent, SKOS.prefLabel, Literal("Ủy ban nhân dân", lang="vi")) in graph
    assert (doc.iri, LDO.parentIssuerName, Literal("UBND tỉnh Quảng Ngãi", lang="vi")) in graph
    for engine in ("compiled", "pyshacl"):
        report = validate_graph(graph, engine=engine)
        assert report.conforms, report.violations


def test_a_national_parent_gives_a_national_agency() -> None:
    doc = to_rdf(extract(_header_document("BỘ NỘI VỤ\nBAN THI ĐUA - KHEN THƯỞNG\nTRUNG ƯƠNG")))
    pairs = [(doc.graph.value(s, LDO.key), doc.graph.value(o, LDO.key))
             for s, o in doc.graph.subject_objects(ORG.subOrganizationOf)]
    assert pairs == [(Literal("vn/ban-thi-dua-khen-thuong-trung-uong"), Literal("vn/bo-noi-vu"))]


def test_a_header_without_a_parent_gives_no_sub_organization() -> None:
    doc = to_rdf(extract(_header_document("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI")))
    assert (doc.iri, ELI.passed_by, Iris().agency("quang-ngai/uy-ban-nhan-dan")) in doc.graph
    assert list(doc.graph.triples((None, ORG.subOrganizationOf, None))) == []
    assert list(doc.graph.triples((None, LDO.parentIssuerName, None))) == []
