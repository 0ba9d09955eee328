"""The task grammar of the genre on sentences written for these tests (not taken from the seeds)."""

from datetime import date

import pytest

from directive_parser import parse_text
from directive_parser.extract.grammar import find_product, find_subject, find_submit_to, split_units
from directive_parser.models import Completeness

ISSUED = date(2026, 2, 10)


def names(bodies):
    return [b.name for b in bodies]


@pytest.mark.parametrize(
    "unit, lead, coordinating, task_start",
    [
        (
            "Bộ Tài chính chủ trì, phối hợp với Bộ Xây dựng rà soát định mức chi phí.",
            ["Bộ Tài chính"],
            ["Bộ Xây dựng"],
            "chủ trì",
        ),
        ("Giao Bộ Y tế hướng dẫn các địa phương triển khai.", ["Bộ Y tế"], [], "hướng dẫn"),
        ("Yêu cầu Bộ Tư pháp khẩn trương thẩm định hồ sơ.", ["Bộ Tư pháp"], [], "khẩn trương"),
        ("Đồng thời, Bộ Công Thương tiếp tục theo dõi thị trường.", ["Bộ Công Thương"], [], "tiếp tục"),
        ("Về phát triển hạ tầng, cơ chế, Bộ Xây dựng rà soát quy hoạch.", ["Bộ Xây dựng"], [], "rà soát"),
        ("Thủ tướng yêu cầu Bộ Giáo dục và Đào tạo ban hành hướng dẫn.", ["Bộ Giáo dục và Đào tạo"], [], "ban hành"),
        ("Bộ Tài chính - cơ quan thường trực của Ban Chỉ đạo tổng hợp báo cáo.", ["Bộ Tài chính"], [], "tổng hợp"),
        (
            "UBND tỉnh Lào Cai và UBND thành phố Hải Phòng chủ trì thí điểm mô hình.",
            ["Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân thành phố Hải Phòng"],
            [],
            "chủ trì",
        ),
        (
            "Bộ Nội vụ chủ trì, phối hợp Bộ Tư pháp, Bộ Công an và các bộ, ngành liên quan xây dựng đề án.",
            ["Bộ Nội vụ"],
            ["Bộ Tư pháp", "Bộ Công an", "các bộ, ngành liên quan"],
            "chủ trì",
        ),
        ("Về nhiệm vụ cụ thể, Phó Thủ tướng đề nghị Bộ Y tế rà soát danh mục thuốc.", ["Bộ Y tế"], [], "rà soát"),
        ("Chiều 5/3, Phó Thủ tướng yêu cầu Bộ Xây dựng sớm hoàn thiện quy chuẩn.", ["Bộ Xây dựng"], [], "sớm"),
        # after "yêu cầu X" whatever follows the names is the task, even an unlisted verb
        ("Thủ tướng cũng yêu cầu các bộ, ngành quyết tâm cao hơn nữa.", ["các bộ, ngành"], [], "quyết tâm"),
        (
            "Các cơ quan chủ quản cơ sở dữ liệu đã có dữ liệu sạch có trách nhiệm công bố danh mục.",
            ["các cơ quan chủ quản cơ sở dữ liệu"],
            [],
            "có trách nhiệm",
        ),
        (
            "Chủ tịch Ủy ban nhân dân các tỉnh: Lào Cai, Tuyên Quang chỉ đạo sơ tán dân.",
            ["Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"],
            [],
            "chỉ đạo",
        ),
        ("Các Bộ: Quốc phòng, Công an sẵn sàng lực lượng cứu hộ.", ["Bộ Quốc phòng", "Bộ Công an"], [], "sẵn sàng"),
    ],
    ids=[
        "lead-coord",
        "giao",
        "yeu-cau",
        "dong-thoi",
        "topic-opener",
        "speaker",
        "apposition",
        "two-provinces",
        "coord-list",
        "topic-then-speaker",
        "lead-in-then-speaker",
        "addressed-unknown-verb",
        "relative-clause",
        "title-enumeration",
        "plural-enumeration",
    ],
)
def test_find_subject(unit, lead, coordinating, task_start):
    s = find_subject(unit)
    assert names(s.lead) == lead
    assert names(s.coordinating) == coordinating
    assert unit[s.task_start :].startswith(task_start)


@pytest.mark.parametrize(
    "unit",
    [
        "Chính phủ số được đẩy mạnh trong năm qua.",  # a name inside a noun phrase, not a subject
        "Tăng cường kiểm tra, giám sát.",
        "Trong năm 2025, nhiều kết quả đã đạt được.",
    ],
    ids=["noun-phrase", "no-subject", "statement"],
)
def test_no_subject(unit):
    assert find_subject(unit).lead == []


def test_accountability_is_not_a_task():
    assert find_subject(
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm trước Thủ tướng Chính phủ về kết quả."
    ).accountability


def test_split_units_respects_brackets_and_abbreviations():
    text = "Bộ A làm việc một (gồm: x; y); việc hai. TP. Hồ Chí Minh làm việc ba; việc bốn."
    units = [text[s:e] for s, e in split_units(text)]
    assert units == ["Bộ A làm việc một (gồm: x; y);", "việc hai.", "TP. Hồ Chí Minh làm việc ba;", "việc bốn."]


@pytest.mark.parametrize(
    "task, product, submit_to",
    [
        ("xây dựng, trình Chính phủ ban hành Nghị định về quản lý dữ liệu", "Nghị định về quản lý dữ liệu", "Chính phủ"),
        ("xây dựng Kế hoạch chuyển đổi số, trình Thủ tướng Chính phủ", "Kế hoạch chuyển đổi số", "Thủ tướng Chính phủ"),
        ("tăng cường kiểm tra, giám sát", None, None),
    ],
    ids=["nghi-dinh", "ke-hoach", "none"],
)
def test_product_and_submit_to(task, product, submit_to):
    assert find_product(task) == product
    assert find_submit_to(task) == submit_to


NUMBERED = """BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 05/CT-BYT Hà Nội, ngày 10 tháng 2 năm 2026
CHỈ THỊ
Về tăng cường chuyển đổi số ngành y tế
Để thực hiện hiệu quả nhiệm vụ năm 2026, Bộ trưởng Bộ Y tế yêu cầu các cơ quan, đơn vị thuộc Bộ, Sở Y tế các tỉnh, thành phố trực thuộc Trung ương thực hiện các nội dung sau:
1. Nhiệm vụ chung
a) Quán triệt nghiêm túc chủ trương chuyển đổi số; thường xuyên kiểm tra việc thực hiện.
b) Cập nhật hằng tháng số liệu lên hệ thống giám sát.
2. Nhiệm vụ cụ thể
a) Giao Cục Công nghệ thông tin:
- Chủ trì, phối hợp với Vụ Kế hoạch - Tài chính xây dựng Kế hoạch chuyển đổi số giai đoạn 2026 - 2030, trình Bộ trưởng trước ngày 31/3/2026.
- Hoàn thành kết nối dữ liệu khám chữa bệnh trong Quý II/2026; triển khai bệnh án điện tử, hoàn thành trong năm 2026.
b) Bộ Tài chính bố trí kinh phí thực hiện, hoàn thành trước ngày 15/4; Bộ Công an hướng dẫn bảo đảm an ninh dữ liệu.
Yêu cầu Thủ trưởng các cơ quan, đơn vị tổ chức thực hiện nghiêm Chỉ thị này.
Nơi nhận:
- Như trên;
- Lưu: VT.
BỘ TRƯỞNG
Đào Hồng Lan
"""


@pytest.fixture(scope="module")
def numbered():
    return parse_text(NUMBERED)


def records(doc):
    return [(a.clause, names(a.lead), a.deadline.due if a.deadline else None, a.recurrence) for a in doc.assignments]


def test_numbered_records(numbered):
    got = records(numbered)
    cong_nghe = "Cục Công nghệ thông tin"
    assert [r for r in got if r[0].startswith("2.a")] == [
        ("2.a.-1", [cong_nghe], date(2026, 3, 31), None),
        ("2.a.-2", [cong_nghe], date(2026, 6, 30), None),  # closed by "trong Quý II/2026"
        ("2.a.-2", [cong_nghe], date(2026, 12, 31), None),  # a new lower-case unit after the close
    ]
    assert [r for r in got if r[0] == "2.b"] == [
        ("2.b", ["Bộ Tài chính"], date(2026, 4, 15), None),  # "trước ngày 15/4": year from the issue date
        ("2.b", ["Bộ Công an"], None, None),  # a new explicit subject splits the clause
    ]


def test_preamble_addressees_are_inherited(numbered):
    first = numbered.assignments[0]
    assert first.clause == "1.a" and first.lead, "1.a names no body and must inherit the preamble's addressees"
    assert first.recurrence == "regular"  # "thường xuyên"
    assert numbered.assignments[1].recurrence == "monthly"  # "hằng tháng"


def test_coordination_and_six_ro(numbered):
    a = next(a for a in numbered.assignments if a.clause == "2.a.-1")
    assert names(a.coordinating) and "Vụ Kế hoạch" in names(a.coordinating)[0]
    assert a.product and a.product.startswith("Kế hoạch chuyển đổi số")
    assert a.submit_to is None or "Bộ trưởng" in (a.submit_to or "")
    assert {Completeness.nguoi, Completeness.viec, Completeness.thoi_gian, Completeness.san_pham} <= set(a.completeness)


def test_ids_are_stable_and_unique(numbered):
    ids = [a.id for a in numbered.assignments]
    assert len(ids) == len(set(ids))
    assert ids == [a.id for a in parse_text(NUMBERED).assignments]
    assert all(i.startswith("05/CT-BYT/") for i in ids)


def test_spans_point_at_the_task(numbered):
    for a in numbered.assignments:
        assert numbered.text[a.span.start : a.span.end].strip(), a.id
        assert a.span.start < a.span.end


PROSE = """ date 2026-02-10 (Báo Mới) - Phó Thủ tướng chủ trì cuộc họp về chuyển đổi số.

Ảnh: Hội nghị trực tuyến.

Theo thông báo, năm 2025 tỷ lệ hồ sơ trực tuyến đạt 40%.

Thủ tướng yêu cầu Bộ Tài chính khẩn trương hoàn thiện Nghị định về đầu tư công, trình Chính phủ trong tháng 3/2026; nghiên cứu sửa đổi Thông tư hướng dẫn, hoàn thành trong Quý II/2026.

Đồng thời, chủ trì, phối hợp với Bộ Tư pháp rà soát các thủ tục, hoàn thành trước ngày 30/6/2026.

Bộ Xây dựng đã hoàn thành 20 nhiệm vụ trong năm 2025.

Rà soát thủ tục hành chính ở 3 cấp chính quyền

Các bộ, ngành, địa phương đẩy mạnh đào tạo kỹ năng số cho cán bộ; nhiệm vụ thường xuyên.

Chiều 9/2, Phó Thủ tướng Trần Hồng Hà chủ trì cuộc họp với các bộ, ngành về chuyển đổi số.

Thứ trưởng Bộ Tài chính cho biết bộ đã hoàn thành 30 nhiệm vụ.
"""


def test_prose_tasks():
    doc = parse_text(PROSE)
    got = records(doc)
    assert doc.issued == date(2026, 2, 10)
    assert got == [
        ("p3", ["Bộ Tài chính"], date(2026, 3, 31), None),
        ("p3", ["Bộ Tài chính"], date(2026, 6, 30), None),
        ("p4", ["Bộ Tài chính"], date(2026, 6, 30), None),  # subject carried over after "Đồng thời,"
        ("p7", ["các bộ, ngành, địa phương"], None, "regular"),  # past facts (p5) and headlines (p6) skipped
    ]  # a meeting attribution (p8) and a report (p9) name no responsible body
    carried = doc.assignments[2]
    assert names(carried.coordinating) == ["Bộ Tư pháp"]


def test_passive_assignment_in_news_is_a_task_but_past_facts_are_not():
    doc = parse_text(
        " date 2026-01-05 (VGP) - Hội nghị.\n\n"
        "Bộ Tài chính được giao chủ trì xây dựng Nghị định về đầu tư công, hoàn thành trong Quý I/2026.\n\n"
        "Bộ Y tế đã ban hành 20 thông tư trong năm 2025.\n"
    )
    assert records(doc) == [("p1", ["Bộ Tài chính"], date(2026, 3, 31), None)]


def test_split_units_keeps_urls_and_numbers_whole():
    text = "Bộ A cập nhật hằng ngày tại https://nq57.vn theo dõi 3.241 thủ tục. Bộ B báo cáo."
    assert [text[s:e] for s, e in split_units(text)] == [
        "Bộ A cập nhật hằng ngày tại https://nq57.vn theo dõi 3.241 thủ tục.",
        "Bộ B báo cáo.",
    ]


def test_a_body_never_coordinates_with_itself():
    from directive_parser.extract.units import without_leads
    from directive_parser.models import Body, BodyKind

    mof = Body(name="Bộ Tài chính", text="Bộ Tài chính", kind=BodyKind.ministry)
    moh = Body(name="Bộ Y tế", text="Bộ Y tế", kind=BodyKind.ministry)
    assert without_leads([mof, moh], [mof]) == [moh]
    doc = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 5/KH-UBND\nAn Giang, ngày 10 tháng 02 năm 2026\nKẾ HOẠCH\nThực hiện\n"
        "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "| 1 | Rà soát danh mục dự án | Sở Tài chính | Sở Tài chính, Sở Xây dựng | Quý II/2026 |\n",
        issued=date(2026, 2, 10),
    )
    rows = [(a.lead[0].name, [b.name for b in a.coordinating]) for a in doc.assignments]
    assert rows == [("Sở Tài chính", ["Sở Xây dựng"])]
