"""Rules of the công văn (letters that ask for work), on short texts written for these tests in the
genre's shapes (not taken from any document of the dev or test sets)."""

from __future__ import annotations

from datetime import date

import pytest
from test_scope_rules import HEADER as PLAN_HEADER

from directive_parser import parse_text
from directive_parser.extract.grammar import find_subject
from directive_parser.extract.layouts.numbered import is_report_outline

ISSUED = date(2026, 3, 2)
HEADER = """BỘ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 123/BYT-KHTC
V/v báo cáo tình hình thực hiện
Hà Nội, ngày 02 tháng 3 năm 2026
Kính gửi: Các Sở Y tế tỉnh, thành phố
"""
FOOTER = """Nơi nhận:
- Như trên;
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn B
"""


def parse(body: str):
    return parse_text(HEADER + body + FOOTER, issued=ISSUED)


@pytest.mark.parametrize(
    "text, outline",
    [
        ("Bộ Y tế đề nghị các Sở Y tế báo cáo tình hình triển khai theo các nội dung cụ thể sau:", True),
        ("Báo cáo bao gồm các nội dung chủ yếu sau:", True),
        ("đề nghị các đơn vị báo cáo định kỳ kết quả thực hiện với những nội dung như sau:", True),
        ("Bộ Y tế đề nghị các Sở Y tế thực hiện các nội dung sau:", False),  # tasks, not a report's contents
        ("Báo cáo kết quả về Bộ Y tế trước ngày 15/3/2026.", False),
    ],
)
def test_report_outline(text, outline):
    assert is_report_outline(text) is outline


def test_items_of_a_report_outline_are_its_contents_not_tasks():
    doc = parse(
        "Để tổng hợp, Bộ Y tế đề nghị các Sở Y tế báo cáo tình hình thực hiện Thông tư số 05/2025/TT-BYT"
        " theo các nội dung cụ thể sau:\n"
        "1. Công tác chỉ đạo, hướng dẫn triển khai tại địa phương và kết quả đạt được.\n"
        "2. Khó khăn, vướng mắc trong quá trình thực hiện.\n"
        "3. Những đề xuất, kiến nghị.\n"
        "Nhận được công văn này, Bộ Y tế đề nghị các Sở Y tế khẩn trương tổng hợp, gửi báo cáo về Bộ Y tế"
        " trước ngày 20/3/2026.\n"
    )
    tasks = [(a.task[:25], [b.name for b in a.lead], a.deadline and a.deadline.due) for a in doc.assignments]
    assert not any(t.startswith(("Công tác", "Khó khăn", "Những đề xuất")) for t, _, _ in tasks), tasks
    closing = [r for r in tasks if r[0].startswith("khẩn trương tổng hợp")]
    assert closing == [("khẩn trương tổng hợp, gửi", ["Sở Y tế"], date(2026, 3, 20))]


def test_outline_ends_at_the_first_item_that_is_a_task():
    doc = parse(
        "Bộ Y tế đề nghị các Sở Y tế báo cáo kết quả thực hiện theo các nội dung sau:\n"
        "1. Kết quả tiêm chủng mở rộng năm 2025.\n"
        "2. Tổ chức rà soát, cập nhật danh sách đối tượng trước ngày 31/3/2026.\n"
    )
    assert [a.clause for a in doc.assignments] == ["2"]


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        # a letter's closing request opens with "Nhận được công văn này," before its subject or formula
        (
            "Nhận được công văn này, đề nghị các sở, ban, ngành khẩn trương triển khai thực hiện.",
            ["các sở, ban, ngành"],
            "khẩn trương triển khai",
        ),
        # the speaker's plural addressee, known to the gazetteer in the singular
        (
            "Nhận được văn bản này, Bộ Y tế đề nghị các Sở Giáo dục và Đào tạo phối hợp chỉ đạo các trường.",
            ["Sở Giáo dục và Đào tạo"],
            "phối hợp chỉ đạo",
        ),
        # … or written in lower case; "đào tạo" is a noun inside the name, not the predicate
        (
            "Bộ Giáo dục và Đào tạo đề nghị các sở giáo dục và đào tạo chỉ đạo các cơ sở giáo dục.",
            ["Các sở giáo dục và đào tạo"],
            "chỉ đạo các cơ sở",
        ),
        # a generic provincial role of normative decisions, and the goods it is meant for
        (
            "Sở quản lý ngành, lĩnh vực có trách nhiệm tham mưu Ủy ban nhân dân tỉnh tổ chức thực hiện.",
            ["Sở quản lý ngành, lĩnh vực"],
            "có trách nhiệm tham mưu",
        ),
        (
            "Sở quản lý ngành, lĩnh vực đối với hàng hóa, dịch vụ (quy định tại Phụ lục I) có trách nhiệm lấy ý"
            " kiến của Sở Tài chính.",
            ["Sở quản lý ngành, lĩnh vực"],
            "có trách nhiệm lấy ý kiến",
        ),
        (
            "Các cơ quan chuyên môn quản lý ngành, lĩnh vực có trách nhiệm báo cáo Sở Tài chính.",
            ["cơ quan chuyên môn quản lý ngành, lĩnh vực"],
            "có trách nhiệm báo cáo",
        ),
        # a name the topic lists before a preposition ("…, Chủ tịch Quốc hội tại các công văn …") is
        # no subject; the hand-over after it is
        (
            "Về ý kiến chỉ đạo của đồng chí Tổng Bí thư, Chủ tịch Quốc hội tại các công văn số 614, 615 ngày 21 tháng 4"
            " năm 2026 của Văn phòng Trung ương Đảng, Phó Thủ tướng Chính phủ giao Bộ Tài chính làm việc với các tỉnh.",
            ["Bộ Tài chính"],
            "làm việc",
        ),
    ],
)
def test_subject_and_where_the_task_starts(unit, lead, task):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == lead
    assert unit[subj.task_start :].startswith(task)


def test_heading_line_that_names_bodies_then_its_task_line_then_points():
    # the heading is the name, the next line its own task, its points below it
    doc = parse_text(
        PLAN_HEADER + "1. Sở Văn hóa, Thể thao và Du lịch, Cổng thông tin điện tử tỉnh\n"
        "Xây dựng các chương trình quảng bá sản phẩm của tỉnh trên các phương tiện truyền thông.\n"
        "a) Tổ chức hội chợ thương mại hằng năm.\n"
        "b) Hỗ trợ doanh nghiệp tham gia hội chợ trong nước.\n"
        # a topic line with no known name above its text is no heading of bodies
        "2. Doanh nghiệp số\n"
        "Phát triển các doanh nghiệp số là lực đẩy chủ đạo của tăng trưởng.\n"
        "a) Triển khai chương trình hỗ trợ chuyển đổi số doanh nghiệp.\n" + FOOTER,
        issued=date(2026, 2, 10),
    )
    got = {a.clause: ([b.name for b in a.lead], a.task[:19]) for a in doc.assignments}
    lead = ["Sở Văn hóa, Thể thao và Du lịch", "Cổng thông tin điện tử tỉnh"]
    assert got["1"] == (lead, "Xây dựng các chương")
    assert got["1.a"][0] == lead and got["1.b"][0] == lead
    assert not any(k.startswith("2") and v[0] == ["Doanh nghiệp số"] for k, v in got.items()), got


DECISION_HEADER = """THỦ TƯỚNG CHÍNH PHỦ
Số: 100/QĐ-TTg
Hà Nội, ngày 02 tháng 3 năm 2026
QUYẾT ĐỊNH
Thành lập Ban Chỉ đạo về phát triển nguồn nhân lực
THỦ TƯỚNG CHÍNH PHỦ
QUYẾT ĐỊNH:
"""


def test_a_decision_setting_up_a_body_lists_members_and_powers_not_tasks():
    doc = parse_text(
        DECISION_HEADER + "Điều 1. Thành lập Ban Chỉ đạo về phát triển nguồn nhân lực, gồm các thành viên sau:\n"
        "1. Trưởng ban: Phó Thủ tướng Chính phủ.\n"
        "2. Các ủy viên:\n"
        "- Bộ trưởng Bộ Giáo dục và Đào tạo;\n"
        "- Bộ trưởng Bộ Nội vụ.\n"
        "Điều 2. Nhiệm vụ của Ban Chỉ đạo:\n"
        "1. Nghiên cứu, đề xuất các chính sách phát triển nguồn nhân lực chất lượng cao.\n"
        "Điều 3. Quyền hạn của Ban Chỉ đạo\n"
        "1. Yêu cầu các bộ, ngành, địa phương cung cấp thông tin phục vụ hoạt động của Ban Chỉ đạo.\n"
        "2. Được mời tham dự các cuộc họp của các bộ, ngành.\n"
        "Điều 4. Ban Chỉ đạo làm việc theo nguyên tắc tập trung dân chủ.\n"
        "Điều 5. Các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố chịu trách nhiệm thi hành Quyết định"
        " này./.\n" + FOOTER,
        issued=date(2026, 3, 2),
    )
    clauses = {a.clause.split(".")[0] for a in doc.assignments}
    assert "2" in clauses  # the body's duties are tasks
    assert not clauses & {"1", "3", "4"}, [(a.clause, a.task[:30]) for a in doc.assignments]


RESOLUTION = """CHÍNH PHỦ
Số: 50/NQ-CP
Hà Nội, ngày 06 tháng 5 năm 2026
NGHỊ QUYẾT
Phiên họp Chính phủ thường kỳ tháng 4 năm 2026
CHÍNH PHỦ
QUYẾT NGHỊ:
I. Về quan điểm, định hướng chỉ đạo, điều hành
Trên cương vị cơ quan hành chính nhà nước cao nhất, Chính phủ thống nhất một số định hướng như sau:
1. Quán triệt, tổ chức thực hiện nghiêm các chủ trương phát triển đất nước.
2. Điều hành nền kinh tế đạt tốc độ tăng trưởng cao, bền vững.
II. Về nhiệm vụ cụ thể
Các bộ, cơ quan, địa phương thực hiện các nhiệm vụ cụ thể tại Phụ lục kèm theo Nghị quyết này.
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Văn C
Phụ lục
NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ, CƠ QUAN, ĐỊA PHƯƠNG
(Kèm theo Nghị quyết số 50/NQ-CP ngày 06 tháng 5 năm 2026 của Chính phủ)
1. Các bộ, cơ quan, địa phương căn cứ chức năng, nhiệm vụ, quyền hạn được giao:
a) Đẩy nhanh tiến độ giải ngân vốn đầu tư công, hoàn thành trong tháng 6 năm 2026.
b) Siết chặt và triệt để tiết kiệm chi thường xuyên.
2. Bộ Tài chính chủ trì, phối hợp với các cơ quan, địa phương:
a) Theo dõi, đôn đốc, tổng hợp báo cáo kế hoạch đầu tư công trung hạn.
"""


def test_resolution_annex_in_title_case_and_its_aims_section():
    doc = parse_text(RESOLUTION, issued=date(2026, 5, 6))
    got = {a.clause: [b.name for b in a.lead] for a in doc.assignments}
    # the aims section names no one its items are for
    assert not any(k.startswith("I.") for k in got), got
    # "Phụ lục" over a title in capitals and "(Kèm theo …)" opens an attachment; its sections restart
    assert got["PL.1.a"] == got["PL.1.b"] == ["Các bộ, cơ quan, địa phương"]
    assert got["PL.2.a"] == ["Bộ Tài chính"]


def test_a_task_that_lists_its_parts_is_one_record():
    doc = parse_text(
        PLAN_HEADER + "1. Công an tỉnh\n"
        "a) Chủ trì triển khai các nhiệm vụ được giao tại các dự án trong Chương trình, bao gồm:\n"
        "- Dự án 1: Phòng ngừa, đấu tranh tội phạm về ma túy.\n"
        "- Dự án 2: Ứng dụng khoa học và công nghệ trong phòng, chống ma túy.\n"
        "b) Các nội dung hỗ trợ thi hành Luật bao gồm:\n"
        # items that are tasks stay tasks
        "- Hướng dẫn áp dụng các văn bản quy định chi tiết thi hành Luật;\n"
        "- Tổ chức tiếp nhận và xử lý các kiến nghị của tổ chức, cá nhân.\n" + FOOTER,
        issued=date(2026, 2, 10),
    )
    got = [(a.clause, a.task[:12]) for a in doc.assignments]
    assert ("1.a", "Chủ trì triể") in got
    assert not any(task.startswith("Dự án") for _, task in got), got
    assert [c for c, _ in got if c.startswith("1.b")] == ["1.b.-1", "1.b.-2"]


def test_a_duty_over_the_objects_it_governs_is_one_record():
    doc = parse_text(
        PLAN_HEADER + "1. Sở Xây dựng chịu trách nhiệm cập nhật thông tin vào cơ sở dữ liệu đối với:\n"
        "a) Báo cáo tình hình thị trường bất động sản theo quy định;\n"
        "b) Giá vật liệu xây dựng do Sở Xây dựng công bố.\n"
        "2. Sở Tài chính chủ trì thẩm định phương án giá đối với:\n"
        # an item that names its own doer stays a task of its own
        "a) Dịch vụ thu gom rác thải sinh hoạt;\n"
        "b) Ủy ban nhân dân các xã, phường rà soát, đề xuất danh mục dịch vụ công ích.\n" + FOOTER,
        issued=date(2026, 2, 10),
    )
    got = [(a.clause, a.task[:14]) for a in doc.assignments]
    assert got[0] == ("1", "chịu trách nhi"), got
    assert not any(c.startswith("1.") for c, _ in got), got
    assert [c for c, _ in got if c.startswith("2")] == ["2.a", "2.b"], got


@pytest.mark.parametrize(
    "item, due, recurrence",
    [
        # a recurrence right before the date that closes the task goes with it
        ("Sở Tài chính báo cáo Ủy ban nhân dân tỉnh định kỳ hằng năm, trước ngày 31 tháng 12.", date(2026, 12, 31), "yearly"),
        ("Sở Y tế báo cáo kết quả trước ngày 15/6 hằng năm.", date(2026, 6, 15), "yearly"),
        # a recurrence of the work further back does not
        ("Sở Nội vụ theo dõi hằng tháng tình hình thực hiện, báo cáo trước ngày 30/6/2026.", date(2026, 6, 30), None),
    ],
)
def test_recurrence_kept_with_a_date(item, due, recurrence):
    doc = parse_text(PLAN_HEADER + "1. " + item + "\n" + FOOTER, issued=date(2026, 2, 10))
    (a,) = doc.assignments
    assert a.deadline is not None and a.deadline.due == due
    assert (a.recurrence.value if a.recurrence else None) == recurrence


def test_a_group_heading_described_by_what_it_does_names_its_items_lead():
    doc = parse_text(
        PLAN_HEADER + "1. Các chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp\n"
        "- Phối hợp với Sở Khoa học và Công nghệ phát triển hạ tầng 5G.\n"
        "- Triển khai các ứng dụng IoT trong quản lý khu công nghiệp.\n"
        "- Tuân thủ các quy định về an toàn thông tin mạng.\n"
        # a heading that is a sentence keeps its subject
        "2. Các sở, ngành triển khai các nhiệm vụ sau:\n"
        "- Rà soát thủ tục hành chính trong năm 2026.\n" + FOOTER,
        issued=date(2026, 2, 10),
    )
    got = {a.clause: [b.name for b in a.lead] for a in doc.assignments}
    group = ["Các chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp"]
    assert got["1.-1"] == got["1.-2"] == got["1.-3"] == group
    assert got["2.-1"] != ["Các sở, ngành triển khai các nhiệm vụ sau:"]


@pytest.mark.parametrize(
    "unit, lead",
    [
        ("Các Sở: Tư pháp, Nội vụ chủ trì rà soát các văn bản.", ["Sở Tư pháp", "Sở Nội vụ"]),
        ("Giao Giám đốc Sở: Tài chính, Y tế triển khai thực hiện.", ["Giám đốc Sở Tài chính", "Giám đốc Sở Y tế"]),
        ("Các Bộ: Tư pháp, Nội vụ chủ trì rà soát các văn bản.", ["Bộ Tư pháp", "Bộ Nội vụ"]),
    ],
)
def test_departments_listed_after_one_head_word(unit, lead):
    assert [b.name for b in find_subject(unit).lead] == lead


def test_signature_title_in_the_case_repair_left_ends_the_body():
    # English-model OCR repaired to "Tm. CHÍNH PHỦ": still the signature block, not a task's text
    doc = parse_text(
        RESOLUTION.split("TM. CHÍNH PHỦ")[0].replace(
            "II. Về nhiệm vụ cụ thể\n", "II. Về nhiệm vụ cụ thể\n1. Bộ Y tế tổng hợp số liệu./.\n"
        )
        + "Tm. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Văn Cường\n",
        issued=date(2026, 5, 6),
    )
    assert doc.signer == "Nguyễn Văn Cường"
    assert not any("CHÍNH PHỦ" in a.task for a in doc.assignments), [a.task for a in doc.assignments]


def test_letter_closing_formula_that_lost_its_de_is_no_task():
    doc = parse(
        "Bộ Y tế đề nghị các Sở Y tế rà soát danh mục thuốc trước ngày 20/3/2026.\n"
        "Bộ Y tế xin thông báo các cơ quan liên quan biết, thực hiện./.\n"
    )
    assert [a.task[:6] for a in doc.assignments] == ["rà soá"]


def test_whose_competence_a_matter_is_is_no_task():
    # stated alone, the competence is background; the case after it assigns
    doc = parse(
        "1. Việc đầu tư xây dựng trạm y tế xã thuộc thẩm quyền của Ủy ban nhân dân tỉnh Bắc Kạn. Trường hợp"
        " Tỉnh khó khăn về kinh phí, Ủy ban nhân dân tỉnh Bắc Kạn làm việc với Bộ Tài chính.\n"
    )
    assert [a.task[:12] for a in doc.assignments] == ["làm việc với"]
    # followed by its request, the unit is a task
    asked = parse(
        "1. Việc đầu tư xây dựng trạm y tế xã thuộc thẩm quyền của Ủy ban nhân dân tỉnh, đề nghị Ủy ban nhân dân tỉnh xem xét.\n"
    )
    assert [[b.name for b in a.lead] for a in asked.assignments] == [["Ủy ban nhân dân tỉnh"]]
