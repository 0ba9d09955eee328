"""Rules of the genre that decide which text is a task and who holds it, each on short texts written
for these tests in the genre's shapes (not taken from any document of the dev or test sets)."""

from __future__ import annotations

from datetime import date

import pytest
from _factories import leads_by_clause

from directive_parser import parse_text
from directive_parser.extract.deadlines import pick_deadline
from directive_parser.extract.grammar import find_subject
from directive_parser.extract.layouts.numbered import addressees, is_aim_heading, is_organisation_heading

ISSUED = date(2026, 2, 10)

HEADER = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 12/KH-UBND
An Giang, ngày 10 tháng 02 năm 2026
KẾ HOẠCH
Triển khai công tác năm 2026
"""
FOOTER = """Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def parse(body: str):
    return parse_text(HEADER + body + FOOTER, issued=ISSUED)


def rows(doc):
    return [(a.clause, [b.name for b in a.lead], a.deadline.due if a.deadline else None, a.task[:30]) for a in doc.assignments]


# Rule 1: a heading that only names a body, with or without a colon or a duty phrase, heads its items.
@pytest.mark.parametrize(
    "heading, lead",
    [
        ("2. Sở Y tế", "Sở Y tế"),
        ("2. Sở Y tế:", "Sở Y tế"),
        ("2. Các đơn vị quản lý chợ trên địa bàn tỉnh có trách nhiệm", "Các đơn vị quản lý chợ trên địa bàn tỉnh"),
        ("2. Ủy ban nhân dân tỉnh cần tập trung thực hiện các nhiệm vụ sau:", "Ủy ban nhân dân tỉnh"),
        ("2. Các cơ quan thẩm định (Sở Tài chính, Sở Xây dựng)", "Các cơ quan thẩm định"),
        (
            "2. Các sở, ban, ngành, địa phương: Là cơ quan được lấy ý kiến, chịu trách nhiệm về nội dung.",
            "Các sở, ban, ngành, địa phương",
        ),
        ("2. Để bảo đảm tiến độ, các sở, ngành và các đơn vị liên quan:", "Các sở, ngành và các đơn vị liên quan"),
    ],
    ids=["bare", "colon", "co-trach-nhiem", "can-tap-trung", "bracketed-members", "name-colon-description", "lead-in"],
)
def test_heading_naming_a_body_heads_its_items(heading, lead):
    body = (
        "Yêu cầu các sở, ban, ngành thực hiện các nội dung sau:\n"
        "1. Chung\na) Quán triệt nội dung Kế hoạch.\n"
        f"{heading}\na) Kiểm tra việc thực hiện quy định về an toàn thực phẩm.\n"
        "b) Tổng hợp kết quả báo cáo Ủy ban nhân dân tỉnh.\n"
    )
    got = leads_by_clause(parse(body))
    assert got["2.a"] == [lead] and got["2.b"] == [lead]


def test_heading_that_is_a_sentence_gives_its_subject():
    body = (
        "1. Bộ Tài chính chủ trì, phối hợp với các bộ, địa phương liên quan:\n"
        "a) Hướng dẫn thanh toán chi phí.\nb) Tổng hợp kết quả thực hiện.\n"
    )
    assert leads_by_clause(parse(body))["1.a"] == ["Bộ Tài chính"]


# Rule 4: decimal numbering "2.1.", "2.2." with lettered points restarting under each.
def test_decimal_sections_restart_points():
    body = (
        "1. Sở Tài chính\na) Thẩm định hồ sơ dự án.\n"
        "2. Các sở, ngành:\n2.1. Trách nhiệm chung\na) Đánh giá sự phù hợp với quy hoạch.\nb) Trả lời bằng văn bản.\n"
        "2.2. Trách nhiệm cụ thể\na) Sở Xây dựng\n- Đánh giá việc đấu nối giao thông.\nb) Sở Y tế\n- Đánh giá yêu cầu y tế.\n"
    )
    got = leads_by_clause(parse(body))
    assert got["2.1.a"] == got["2.1.b"] and got["2.1.a"][0].lower().startswith("các sở")
    assert got["2.2.a.-1"] == ["Sở Xây dựng"] and got["2.2.b.-1"] == ["Sở Y tế"]


# Rule 4 (segment): a section run whose first numbers a text export lost still counts.
def test_section_run_without_its_first_numbers():
    body = (
        "Các cơ quan có trách nhiệm chấp hành nghiêm quy định.\n"
        "3. Sở Công Thương\na) Kiểm tra thị trường.\n4. Sở Y tế\na) Kiểm tra an toàn thực phẩm.\n"
    )
    got = leads_by_clause(parse(body))
    assert got["3.a"] == ["Sở Công Thương"] and got["4.a"] == ["Sở Y tế"]


def test_a_lone_far_number_is_not_a_section():
    body = "1. Sở Y tế\na) Kiểm tra an toàn thực phẩm.\n7. Khánh Hòa là địa bàn trọng điểm.\n"
    assert "7" not in leads_by_clause(parse(body))


# Rule 10: the closing paragraph is found by its structure (its own paragraph names the document),
# however long the address list before "Kế hoạch này" is.
def test_closing_paragraph_found_however_long():
    names = ", ".join(f"Sở số {k}" for k in range(60))
    body = (
        f"1. Sở Y tế\na) Kiểm tra an toàn thực phẩm.\n"
        f"Yêu cầu Thủ trưởng các cơ quan: {names} tổ chức thực hiện nghiêm Kế hoạch này.\n"
    )
    doc = parse(body)
    last = [a for a in doc.assignments if a.clause == "1.a"][0]
    assert "Kế hoạch này" not in last.task


# Rule 11 (sections): aims, viewpoints, scope and definitions are not tasks.
@pytest.mark.parametrize(
    "heading",
    [
        "MỤC ĐÍCH, YÊU CẦU",
        "QUAN ĐIỂM",
        "MỤC TIÊU CỦA KẾ HOẠCH",
        "Mục tiêu cụ thể",
        "Phạm vi điều chỉnh",
        "ĐỐI TƯỢNG, PHẠM VI ÁP DỤNG",
    ],
)
def test_aim_headings(heading):
    assert is_aim_heading(heading)


@pytest.mark.parametrize(
    "heading",
    ["Yêu cầu các sở, ngành thực hiện các nội dung sau:", "NHIỆM VỤ, GIẢI PHÁP", "Mục tiêu 2030 được giao cho Sở Y tế theo dõi"],
)
def test_not_aim_headings(heading):
    assert not is_aim_heading(heading)


def test_organisation_headings():
    assert is_organisation_heading("TỔ CHỨC THỰC HIỆN") and is_organisation_heading("PHÂN CÔNG NHIỆM VỤ")
    assert not is_organisation_heading("Tổ chức tập huấn cho cán bộ")


PLAN = """Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các sở, ngành thực hiện các nội dung sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ về chuyển đổi số.
2. Bảo đảm thực hiện đồng bộ, hiệu quả.
II. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện cơ chế, chính sách về dữ liệu.
2. Sở Nội vụ rà soát vị trí việc làm, hoàn thành trong Quý II/2026.
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
- Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.
2. Các sở, ngành xây dựng kế hoạch chi tiết, gửi Sở Khoa học và Công nghệ trước ngày 15/3/2026.
"""


def test_plan_sections_without_a_named_body_are_contents():
    got = rows(parse(PLAN))
    clauses = [r[0] for r in got]
    assert not any(c.startswith("I.") for c in clauses)  # aims
    assert "II.1" not in clauses  # a plan's content, no body named: the work is assigned in III
    assert ("II.2", ["Sở Nội vụ"], date(2026, 6, 30)) in [r[:3] for r in got]
    assert ("III.1.-1", ["Sở Khoa học và Công nghệ"]) in [r[:2] for r in got]


# A plan's activity written as fields: content, executor, partner, time.
ACTIVITIES = """I. NỘI DUNG
1. Tổ chức tập huấn nghiệp vụ cho cán bộ cấp xã
- Nội dung thực hiện: Tổ chức tập huấn nghiệp vụ quản lý đất đai cho cán bộ cấp xã.
- Cơ quan thực hiện: Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Ủy ban nhân dân các xã.
- Thời gian thực hiện: Quý III năm 2026.
2. Kiểm tra việc thi hành pháp luật về đất đai
- Cơ quan chủ trì: Thanh tra tỉnh.
- Cơ quan phối hợp: Sở Tư pháp, Công an tỉnh.
3. Hoạt động truyền thông
a) Hoạt động 1
- Nội dung:
- Xây dựng phóng sự về quản lý đất đai.
- Đăng tải tin bài trên Cổng thông tin điện tử tỉnh.
- Cơ quan thực hiện: Sở Văn hóa, Thể thao và Du lịch.
"""


def test_activity_fields():
    got = rows(parse(ACTIVITIES))
    first = [r for r in got if r[0].startswith("I.1")]
    assert [(r[1], r[2], r[3]) for r in first] == [
        (["Sở Nông nghiệp và Môi trường"], date(2026, 9, 30), "Tổ chức tập huấn nghiệp vụ quả")
    ]
    second = [r for r in got if r[0].startswith("I.2")]
    assert [(r[1], r[3]) for r in second] == [(["Thanh tra tỉnh"], "Kiểm tra việc thi hành pháp luật về đất đai"[:30])]
    third = [r for r in got if r[0].startswith("I.3")]
    assert [r[3] for r in third] == ["Xây dựng phóng sự về quản lý đ", "Đăng tải tin bài trên Cổng thô"]
    assert all(r[1] == ["Sở Văn hóa, Thể thao và Du lịch"] for r in third)


# Rule 5: a lead-in clause, commas and all, hides the subject that follows it.
@pytest.mark.parametrize(
    "unit, lead, task",
    [
        ("Sau khi Nghị định có hiệu lực, Bộ Tài chính hướng dẫn các địa phương thực hiện.", "Bộ Tài chính", "hướng dẫn"),
        (
            "Trên cơ sở đề xuất của các sở, căn cứ khả năng ngân sách, Sở Tài chính tổng hợp, trình Ủy ban nhân dân tỉnh.",
            "Sở Tài chính",
            "tổng hợp",
        ),
        (
            "Đối với các chi phí phát sinh năm 2025, giao Bảo hiểm xã hội Việt Nam tổ chức thanh toán.",
            "Bảo hiểm xã hội Việt Nam",
            "tổ chức",
        ),
        ("Liên quan đến đề xuất của Bộ Xây dựng, Thủ tướng giao Bộ Tài chính rà soát nguồn vốn.", "Bộ Tài chính", "rà soát"),
        ("Trong năm 2026, Bộ Y tế hoàn thành việc sắp xếp các bệnh viện.", "Bộ Y tế", "hoàn thành"),
        # an addressee formula after the lead-in wins over a name inside it
        (
            "Để bảo đảm tiến độ theo chỉ đạo của Chính phủ, Thủ tướng Chính phủ và phấn đấu hoàn thành sớm, "
            "yêu cầu Bộ Y tế chỉ đạo các chủ đầu tư.",
            "Bộ Y tế",
            "chỉ đạo",
        ),
        # the lead-in ends in an enumeration of its own: the comma inside it does not end it
        (
            "Trên cơ sở đề nghị của các bộ, cơ quan liên quan, Bộ Tài chính khẩn trương bố trí kinh phí.",
            "Bộ Tài chính",
            "khẩn trương",
        ),
        # … but a lead-in that ends in one name keeps the first comma
        ("Căn cứ báo cáo của Bộ Y tế, Bộ Tài chính tổng hợp nhu cầu kinh phí.", "Bộ Tài chính", "tổng hợp"),
        # a Thông báo kết luận addresses ministers as comrades
        (
            "Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ chỉ đạo rà soát các nhiệm vụ.",
            "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ",
            "chỉ đạo",
        ),
    ],
    ids=[
        "sau-khi",
        "tren-co-so-can-cu",
        "doi-voi-giao",
        "lien-quan-den",
        "trong-nam",
        "de-then-yeu-cau",
        "lead-in-enumeration",
        "lead-in-one-name",
        "cac-dong-chi",
    ],
)
def test_lead_in_clause_hides_the_subject(unit, lead, task):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == [lead] and unit[subj.task_start :].startswith(task)


def test_lead_in_without_a_subject_stays_the_task():
    unit = "Đối với các khu công nghiệp chưa có hệ thống xử lý, khẩn trương xây dựng hệ thống."
    assert not find_subject(unit).explicit


# Rule 9: the nouns that look like verbs ("tổ chức chính trị - xã hội", "giao thông", "chương trình",
# "cấp xã") do not end a subject, and "Xét đề nghị của …", "theo yêu cầu …" address no one.
def test_nouns_that_look_like_verbs_do_not_end_the_subject():
    unit = "Các sở, ban, ngành, tổ chức chính trị - xã hội và Ủy ban nhân dân cấp xã xây dựng kế hoạch."
    subj = find_subject(unit)
    assert subj.explicit and unit[subj.task_start :].startswith("xây dựng")
    unit = "Sở Công Thương đăng tải thông tin trên bảng điện tử giao thông công cộng."
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == ["Sở Công Thương"] and unit[subj.task_start :].startswith("đăng tải")


def test_request_of_a_body_is_not_an_address():
    body = (
        "Căn cứ Luật Tổ chức chính quyền địa phương; Xét đề nghị của Sở Nội vụ tại Tờ trình số 12/TTr-SNV.\n"
        "I. QUY ĐỊNH CHUNG\n1. Phạm vi điều chỉnh\na) Quy định này áp dụng đối với cán bộ cấp xã.\n"
        "b) Việc bố trí cán bộ bảo đảm đúng quy định.\n"
    )
    assert parse(body).assignments == []


# Rule 13: "theo chức năng, nhiệm vụ được giao" belongs to the task, whole.
def test_scope_phrase_starts_the_task():
    unit = "Bộ Công Thương theo chức năng, nhiệm vụ được giao chủ trì kiểm tra thị trường."
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == ["Bộ Công Thương"]
    assert unit[subj.task_start :].startswith("theo chức năng, nhiệm vụ được giao chủ trì")


# Rule 4 (segment): an article holds its own numbered clauses; "Điều 3." may stand alone on its line.
def test_articles_hold_their_own_clauses():
    body = (
        "Điều 1. Ban hành Quy định về quản lý chợ.\n"
        "Điều 2. Trách nhiệm thi hành\n1. Sở Công Thương\na) Hướng dẫn quản lý chợ.\n"
        "2. Ủy ban nhân dân các xã, phường\na) Kiểm tra hoạt động của chợ.\n"
        "Điều 3.\nChánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết định này.\n"
    )
    got = leads_by_clause(parse(body))
    assert got["2.1.a"] == ["Sở Công Thương"]
    assert got["2.2.a"][0].startswith("Ủy ban nhân dân các xã, phường")


# Rule 13: the end mark "./." is not part of the last task.
def test_end_mark_is_not_in_the_task():
    doc = parse("1. Sở Y tế kiểm tra an toàn thực phẩm, báo cáo Ủy ban nhân dân tỉnh./.\n")
    assert doc.assignments[0].task.endswith("tỉnh.")


# Rule 3: a numbered heading that states a duty of its own before "…; trong đó … sau:" is a task, and
# so are its items; the intro paragraph under a section title only addresses the items.
HEADING_DUTY = """I. NHIỆM VỤ TRỌNG TÂM
Đề nghị Sở Tài chính tập trung chỉ đạo thực hiện các nhiệm vụ trong năm 2026; trong đó lưu ý một số nội dung sau:
1. Sở Xây dựng theo chức năng, nhiệm vụ chủ động rà soát, đôn đốc tiến độ các dự án trọng điểm của tỉnh; trong đó tập trung các nội dung sau:
- Hoàn thành thủ tục đầu tư các dự án giao thông trước ngày 30/6/2026.
- Báo cáo kết quả giải ngân hằng tháng.
2. Sở Y tế thực hiện các nhiệm vụ sau:
- Rà soát mạng lưới cơ sở y tế.
II. TỔ CHỨC THỰC HIỆN
Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch này.
"""


def test_heading_with_its_own_duty_is_a_task():
    got = rows(parse(HEADING_DUTY))
    by_clause = {r[0]: r for r in got}
    assert by_clause["I.1"][1] == ["Sở Xây dựng"] and by_clause["I.1"][3].startswith("theo chức năng")
    assert by_clause["I.1.-1"][1:3] == (["Sở Xây dựng"], date(2026, 6, 30))
    assert "I.2" not in by_clause  # "thực hiện các nhiệm vụ sau:" states no duty of its own
    assert "I" not in by_clause  # the section's intro paragraph addresses its items
    assert by_clause["I.2.-1"][1] == ["Sở Y tế"]


# A section title in capitals and its first sentence, once wrapped lines are joined; a heading name
# whose next line opens with a lead-in clause.
TITLED = """I. CHẾ ĐỘ BÁO CÁO
Sở Nội vụ gửi báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15/12/2026.
II. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp
Căn cứ tình hình thực tế của ngành, xây dựng kế hoạch triển khai thực hiện.
"""


def test_caps_title_and_lead_in_line():
    got = rows(parse(TITLED))
    assert ("I", ["Sở Nội vụ"], date(2026, 12, 15), "gửi báo cáo kết quả thực hiện ") in got
    assert [(r[1], r[3]) for r in got if r[0] == "II.1"] == [(["Sở Tư pháp"], "Căn cứ tình hình thực tế của n")]


# A plan writes an item's deadline as a field line under it, a bare phrase like a table's time cell;
# "Trách nhiệm của X:" and a role ("Trưởng Ban Chỉ đạo") head the items that follow.
FIELD_DEADLINES = """I. NHIỆM VỤ CỤ THỂ
1. Trưởng Ban Chỉ đạo
- Phụ trách chung, trực tiếp chỉ đạo việc tổng kiểm kê tài sản công trên địa bàn tỉnh.
2. Sở Tài chính
- Tham mưu triển khai kế hoạch kiểm kê và phân công nhiệm vụ cho các thành viên
Thời gian hoàn thành: Tháng 11 - 12/2026.
- Tuyên truyền, phổ biến quy định về quản lý tài sản công.
Thời gian thực hiện: Từ tháng 11/2026 đến khi kết thúc Tổng kiểm kê.
3. Trách nhiệm của đối tượng thực hiện kiểm kê:
- Thành lập Tổ kiểm kê tài sản. Thời hạn hoàn thành: Trước ngày 30/11/2026.
"""


def test_time_fields_and_duty_headings():
    got = {r[0]: r for r in rows(parse(FIELD_DEADLINES))}
    assert got["I.1.-1"][1] == ["Trưởng Ban Chỉ đạo"]
    assert got["I.2.-1"][1:3] == (["Sở Tài chính"], date(2026, 12, 31))
    assert got["I.2.-2"][2] is None  # open-ended: "đến khi kết thúc" names no due date
    assert got["I.3.-1"][1:3] == (["Đối tượng thực hiện kiểm kê"], date(2026, 11, 30))


# A heading's own deadline passes down to the items it introduces; context dates do not.
HEADING_DEADLINE = """I. NHIỆM VỤ
1. Sở Y tế khẩn trương khắc phục các bất cập của hệ thống thông tin, hoàn thành trong tháng 11 năm 2026, cụ thể:
- Kết nối cơ sở dữ liệu khám bệnh, chữa bệnh với hệ thống của tỉnh.
- Xử lý lỗi thường xuyên của phần mềm một cửa trước ngày 15/11/2026.
2. Từ nay đến hết năm 2026 chỉ còn gần 2 tháng; do vậy, yêu cầu Sở Xây dựng:
- Rà soát tiến độ các công trình trọng điểm.
"""


def test_heading_deadline_passes_down():
    got = {r[0]: r for r in rows(parse(HEADING_DEADLINE))}
    assert got["I.1.-1"][2] == date(2026, 11, 30)
    assert got["I.1.-2"][2] == date(2026, 11, 15)  # the item's own deadline wins
    assert got["I.2.-1"][1:3] == (["Sở Xây dựng"], None)


# Rule 6: in a Thông báo kết luận about one province, a capitalised "Tỉnh" is that province; "Bộ"
# is the ministry named last.
TB_PROVINCE = """VĂN PHÒNG CHÍNH PHỦ
Số: 700/TB-VPCP
Hà Nội, ngày 10 tháng 02 năm 2026
THÔNG BÁO
Kết luận của Phó Thủ tướng Chính phủ tại buổi làm việc với lãnh đạo tỉnh Lai Châu
Phó Thủ tướng biểu dương kết quả phát triển kinh tế - xã hội của tỉnh Lai Châu.
1. Về hỗ trợ xe cứu thương: Tỉnh căn cứ các quy định hiện hành để sắp xếp, bố trí xe phục vụ công tác.
2. Trong thời gian tới, Tỉnh tổ chức thực hiện nghiêm túc các chỉ tiêu Trung ương giao.
3. Về dự án cao tốc: giao Bộ Xây dựng nghiên cứu đề xuất của tỉnh. Bộ chủ động làm việc với Tỉnh về nguồn vốn.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_back_references_name_the_body_meant():
    doc = parse_text(TB_PROVINCE, issued=ISSUED)
    got = {(a.clause, a.task[:12]): [b.name for b in a.lead] for a in doc.assignments}
    assert got[("1", "căn cứ các q")] == ["Ủy ban nhân dân tỉnh Lai Châu"]
    assert got[("2", "tổ chức thực")] == ["Ủy ban nhân dân tỉnh Lai Châu"]
    assert got[("3", "chủ động làm")] == ["Bộ Xây dựng"]


@pytest.mark.parametrize(
    "unit, is_task",
    [
        ("Bộ Y tế chịu trách nhiệm về tính chính xác của số liệu đã tổng hợp.", True),
        ("Bộ Tư pháp chịu trách nhiệm toàn diện về nội dung dự thảo Luật.", True),
        ("Bộ Công an chịu trách nhiệm trước Thủ tướng Chính phủ về kết quả thực hiện.", False),
    ],
    ids=["ve-noi-dung", "toan-dien-ve", "truoc"],
)
def test_responsibility_for_content_is_a_duty(unit, is_task):
    subj = find_subject(unit)
    assert subj.explicit and subj.accountability is not is_task


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        # after a complete name a lower-case word is the verb, even an unlisted one
        ("Bộ Công an lựa chọn đơn vị phối hợp thu nhận mẫu.", "Bộ Công an", "lựa chọn"),
        # a role given to a body is its duty
        ("Bộ Nội vụ là cơ quan đầu mối giúp Chính phủ theo dõi việc thực hiện.", "Bộ Nội vụ", "là cơ quan đầu mối"),
    ],
    ids=["unlisted-verb-after-ministry", "la-co-quan-dau-moi"],
)
def test_where_a_complete_name_ends(unit, lead, task):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == [lead] and unit[subj.task_start :].startswith(task)


# An inline enumeration after an introduction that sets a deadline: each "(n)" is a task of its own
# body and takes the introduction's deadline; a point title followed on the same line by its
# sentence still names the items' lead.
INLINE = """I. NHIỆM VỤ
1. Các Sở: Tài chính, Y tế khẩn trương khắc phục các lỗi của hệ thống thông tin, hoàn thành trong tháng 11 năm 2026, cụ thể: (1) Sở Tài chính kết nối cơ sở dữ liệu thuế với hệ thống của tỉnh. (2) Sở Y tế hoàn thành nâng cấp hệ thống cấp phép hành nghề.
2. Các hoạt động chính
Căn cứ tình hình thực tế, Sở Văn hóa và Thể thao phối hợp thực hiện các hoạt động sau:
- Tổ chức lễ phát động tháng hành động.
"""


def test_inline_enumeration_and_title_then_sentence():
    got = [(r[1], r[2], r[3][:20]) for r in rows(parse(INLINE))]
    assert (["Sở Tài chính"], date(2026, 11, 30), "kết nối cơ sở dữ liệu"[:20]) in got
    assert (["Sở Y tế"], date(2026, 11, 30), "hoàn thành nâng cấp hệ"[:20]) in got
    assert (["Sở Văn hóa và Thể thao"], None, "Tổ chức lễ phát động"[:20]) in got


# The duty after a statement of accountability is a task; a "(i)" list inside an "(n)" item stays
# with that item.
ACCOUNTABLE = """I. NHIỆM VỤ
1. Giao Giám đốc các sở chịu trách nhiệm trước Ủy ban nhân dân tỉnh về kết quả cắt giảm thủ tục, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện hằng tháng.
2. Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc triển khai các nhiệm vụ nêu trên. Báo cáo Chủ tịch Ủy ban nhân dân tỉnh kết quả thực hiện trước ngày 20/3/2026.
3. Các Sở: Tài chính, Y tế khẩn trương khắc phục lỗi, cụ thể: (1) Sở Tài chính giải quyết 02 vấn đề: (i) kết nối thanh toán trực tuyến; (ii) xử lý lỗi phần mềm. (2) Sở Y tế hoàn thành nâng cấp hệ thống cấp phép.
"""


def test_accountability_own_deadline_and_nested_lists():
    got = [(r[0], r[1], r[2], r[3][:20]) for r in rows(parse(ACCOUNTABLE))]
    tasks = [g[3] for g in got]
    assert "báo cáo Ủy ban nhân dân tỉnh kết quả"[:20] in tasks
    # undated work, then a report sentence with its own deadline: two tasks of the same body
    assert ("I.2", ["Văn phòng Ủy ban nhân dân tỉnh"], None, "theo dõi, đôn đốc việc"[:20]) in got
    assert ("I.2", ["Văn phòng Ủy ban nhân dân tỉnh"], date(2026, 3, 20), "Báo cáo Chủ tịch Ủy ban"[:20]) in got
    assert [g[1] for g in got if g[0] == "I.3"] == [["Sở Tài chính"], ["Sở Y tế"]]


# A list's introduction is not a task; sub-items that name the products of their heading's task are
# that one task; "trong phạm vi, trách nhiệm của mình" after a name is the task's scope.
INTRO_AND_PRODUCTS = """I. NHIỆM VỤ
1. Trong thời gian tới, yêu cầu các sở, ngành tập trung thực hiện một số nhiệm vụ như sau: (1) Giao Sở Xây dựng rà soát quy hoạch. (2) Giao Sở Y tế hoàn thiện hồ sơ dự án.
2. Sở Tư pháp khẩn trương hoàn thiện các báo cáo: (i) Báo cáo tình hình thi hành pháp luật; (ii) Báo cáo xử lý văn bản. Các báo cáo gửi Ủy ban nhân dân tỉnh trước ngày 05/12/2026.
3. Chủ đầu tư, trong phạm vi, trách nhiệm của mình, đẩy nhanh tiến độ hoàn thành dự án.
"""


def test_list_intro_product_list_and_scope():
    got = [(r[0], r[1], r[2], r[3][:12]) for r in rows(parse(INTRO_AND_PRODUCTS))]
    assert [g[1] for g in got if g[0] == "I.1"] == [["Sở Xây dựng"], ["Sở Y tế"]]
    assert [(g[1], g[2]) for g in got if g[0].startswith("I.2")] == [(["Sở Tư pháp"], date(2026, 12, 5))]
    assert [g[1] for g in got if g[0] == "I.3"] == [["Chủ đầu tư"]]


def test_a_subject_with_an_alias_is_one_group():
    unit = (
        "Các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc tỉnh, các doanh nghiệp (sau đây gọi tắt là cơ quan, đơn vị) "
        "và mọi người dân triển khai Đợt thi đua."
    )
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == ["Các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc tỉnh, các doanh nghiệp"]
    assert unit[subj.task_start :].startswith("triển khai")


def test_a_person_after_a_titled_body_is_part_of_the_mention():
    unit = (
        "Thủ tướng Chính phủ đã đề nghị Bộ trưởng Bộ Y tế Nguyễn Thanh Long, Bộ trưởng Bộ Công an Lương Tam Quang "
        "nghiên cứu, tiếp thu các ý kiến."
    )
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == ["Bộ trưởng Bộ Y tế", "Bộ trưởng Bộ Công an"]
    assert unit[subj.task_start :].startswith("nghiên cứu")


def test_an_introduction_that_is_no_task_still_dates_every_item():
    body = """I. NHIỆM VỤ
1. Trong thời gian tới, yêu cầu các sở tập trung thực hiện một số nhiệm vụ trong tháng 11 năm 2026 như sau: (1) Giao Sở Tài chính rà soát quy hoạch. (2) Giao Sở Y tế hoàn thiện hồ sơ dự án.
"""
    got = [(r[1], r[2]) for r in rows(parse(body))]
    assert got == [(["Sở Tài chính"], date(2026, 11, 30)), (["Sở Y tế"], date(2026, 11, 30))]


# A recurrence written after the date closing a unit keeps the date as the due date.
def test_yearly_date_closing_a_unit_is_due_and_recurs():
    doc = parse(
        "1. Sở Tài chính:\n- Theo dõi, đôn đốc việc thực hiện, tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 25/12 hằng năm.\n"
    )
    (a,) = doc.assignments
    assert a.deadline is not None and a.deadline.due == date(2026, 12, 25)
    assert a.recurrence is not None and a.recurrence.value == "yearly"


# A deadline written before the subject opens the sentence like any lead-in, and dates the task.
@pytest.mark.parametrize(
    "unit, lead, due",
    [
        (
            "Trước ngày 30 tháng 11 năm 2026, Sở Xây dựng báo cáo Ủy ban nhân dân tỉnh kết quả rà soát.",
            "Sở Xây dựng",
            date(2026, 11, 30),
        ),
        ("Chậm nhất ngày 15/3/2026, Sở Tư pháp gửi dự thảo quy chế đến các sở để lấy ý kiến.", "Sở Tư pháp", date(2026, 3, 15)),
        ("Trong tháng 6 năm 2026, Sở Nội vụ trình Ủy ban nhân dân tỉnh đề án vị trí việc làm.", "Sở Nội vụ", date(2026, 6, 30)),
    ],
    ids=["truoc-ngay", "cham-nhat", "trong-thang"],
)
def test_deadline_before_the_subject(unit, lead, due):
    (a,) = parse(f"1. {unit}\n").assignments
    assert [b.name for b in a.lead] == [lead]
    assert a.deadline is not None and a.deadline.due == due
    assert not a.task.startswith(unit.split(",")[0])


# The work given names the lead when the plan names no body: "Các cơ quan được phân công chủ trì …
# có trách nhiệm …"; a body given the work may go straight to its verb ("… được giao nhiệm vụ chủ động …").
@pytest.mark.parametrize(
    "unit, lead, task",
    [
        (
            "Các cơ quan được giao chủ trì nhiệm vụ tại Kế hoạch này có trách nhiệm lập dự toán kinh phí.",
            "Các cơ quan được giao chủ trì nhiệm vụ tại Kế hoạch này",
            "có trách nhiệm lập dự toán",
        ),
        (
            "Các đơn vị được phân công thu thập số liệu phải gửi báo cáo đúng thời hạn.",
            "Các đơn vị được phân công thu thập số liệu",
            "phải gửi báo cáo",
        ),
        ("Các sở, ban, ngành được giao nhiệm vụ chủ động bố trí cán bộ đầu mối.", None, "chủ động bố trí"),
    ],
    ids=["co-trach-nhiem", "phai", "chu-dong"],
)
def test_a_lead_named_by_the_work_given(unit, lead, task):
    s = find_subject(unit)
    assert s.explicit
    if lead is not None:
        assert [b.name for b in s.lead] == [lead]
    assert unit[s.task_start :].startswith(task)


def test_facts_with_da_are_not_given_work():
    assert not find_subject("Các sở đã chủ động triển khai các nhiệm vụ được giao.").explicit


# A plan item whose first line is a heading and whose next line is the sentence: a task title over
# the sentence that names its lead, or the lead's name over its duties.
def test_title_line_then_sentence_and_name_line_then_duties():
    doc = parse(
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Rà soát các văn bản quy định chi tiết thi hành Luật\n"
        "Các sở, ngành có trách nhiệm rà soát, đề xuất sửa đổi văn bản thuộc lĩnh vực quản lý.\n"
        "2. Các doanh nghiệp nhà nước trên địa bàn tỉnh\n"
        "Phối hợp với Sở Tài chính trong việc thực hiện các giải pháp của Kế hoạch.\n"
        "3. Tiêu chuẩn khen thưởng\n"
        "Các sở, ngành căn cứ thành tích để bình xét khen thưởng.\n"
    )
    got = {a.clause: ([b.name for b in a.lead], a.task[:25]) for a in doc.assignments}
    assert got["II.1"] == (["các sở, ban, ngành"], "có trách nhiệm rà soát, đ")
    assert got["II.2"] == (["Các doanh nghiệp nhà nước trên địa bàn tỉnh"], "Phối hợp với Sở Tài chính")
    assert "II.3" not in got  # a definition heading names no work


@pytest.mark.parametrize(
    "text",
    [
        "Xác định khung năng lực của công chức, kết hợp một số yêu cầu riêng cho cán bộ quản lý thực hiện.",
        "Bảo đảm các yêu cầu về an toàn thông tin cho các hệ thống thực hiện.",
        "Hoàn thành việc bàn giao các cơ sở đào tạo cho địa phương quản lý.",
    ],
    ids=["mot-so-yeu-cau-rieng", "yeu-cau-ve", "ban-giao"],
)
def test_a_noun_yeu_cau_or_giao_is_no_address(text):
    assert addressees(text) == []


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        # "Yêu cầu và đôn đốc …": two verbs of the task, not the addressee formula
        (
            "Sở Công Thương:\n- Yêu cầu và đôn đốc các doanh nghiệp khẩn trương có phương án.",
            ["Sở Công Thương"],
            "Yêu cầu và đôn đốc",
        ),
        # a contract role is a subject: "Yêu cầu Nhà đầu tư (Công ty …) rà soát …"
        (
            "Yêu cầu Nhà đầu tư (Công ty cổ phần ABC) rà soát lại tiến độ thi công.",
            ["Nhà đầu tư (Công ty cổ phần ABC)"],
            "rà soát lại",
        ),
    ],
    ids=["yeu-cau-va", "nha-dau-tu"],
)
def test_verbs_joined_to_the_formula_and_contract_roles(unit, lead, task):
    (a,) = parse(f"1. {unit}\n").assignments
    assert [b.name for b in a.lead] == lead
    assert a.task.startswith(task)


@pytest.mark.parametrize(
    "unit",
    [
        "Các sở, ngành thống nhất chỉ có một cơ quan chủ trì.",
        "Văn phòng Ủy ban nhân dân tỉnh xin thông báo để các sở, ngành biết, thực hiện.",
        "Về đề nghị của Sở Y tế tại Tờ trình số 15/TTr-SYT, Phó Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:",
        "Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:",
        "Báo Nhân dân có loạt bài phản ánh về tình trạng khai thác cát trái phép trên sông.",
        "Sở Tài chính có Tờ trình số 20/TTr-STC đề nghị bổ sung kinh phí.",
    ],
    ids=["bare-role", "xin-thong-bao", "co-y-kien", "co-y-kien-chi-dao", "loat-bai", "to-trinh-so"],
)
def test_statements_that_are_no_tasks(unit):
    assert parse(f"1. {unit}\n").assignments == []


NEWS = """Thủ tướng chỉ đạo kiểm tra chất lượng nước sông
Thứ Hai, 04-05-2026
{sapo}
{body}
"""


@pytest.mark.parametrize(
    "sapo, body, leads",
    [
        (
            # the summary counts the bodies the next paragraph names: one record, the detailed one
            "Ngày 3-5, Phó Thủ tướng Thường trực Chính phủ Nguyễn Văn B giao hai tỉnh kiểm tra chất lượng nước sông.",
            "Theo đó, Phó Thủ tướng giao Chủ tịch Ủy ban nhân dân tỉnh Cà Mau chỉ đạo các sở kiểm tra, báo cáo Thủ tướng Chính phủ trước ngày 1-7-2026.",
            [["Chủ tịch Ủy ban nhân dân tỉnh Cà Mau"]],
        ),
        (
            # the instrument between the speaker and the formula: "Thủ tướng đã có Công điện yêu cầu …"
            "Chiều 3-5, Thủ tướng đã có Công điện yêu cầu các bộ, ngành, địa phương tập trung kiểm tra chất lượng nước sông.",
            "Công điện nêu rõ tình hình còn phức tạp.",
            [["các bộ, ngành, địa phương"]],
        ),
        (
            # the speaker's approval is a decision, not his task, and nothing he says after it is his
            "Chiều 3-5, Thủ tướng Chính phủ cơ bản nhất trí với dự kiến kế hoạch tổng kết chương trình nước sạch.",
            "Thủ tướng Chính phủ yêu cầu, kế hoạch phải bám sát thực tế. Bộ Nông nghiệp và Môi trường khẩn trương hoàn thiện kế hoạch.",
            [["Bộ Nông nghiệp và Môi trường"]],
        ),
    ],
    ids=["counted-summary", "instrument-before-formula", "approval-is-no-task"],
)
def test_news_summaries_and_instruments(sapo, body, leads):
    doc = parse_text(NEWS.format(sapo=sapo, body=body), issued=date(2026, 5, 4))
    assert [[b.name for b in a.lead] for a in doc.assignments] == leads


def test_a_request_heading_that_lists_its_bodies():
    # "2. Đề nghị: A, B, C" with a colon after the formula heads its points with every listed body
    doc = parse(
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương chủ trì tổ chức hội chợ.\n2. Đề nghị: Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh\n"
        "a) Tuyên truyền, vận động hội viên tham gia chuyển đổi số.\nb) Phối hợp với Sở Công Thương tổ chức hội chợ.\n"
    )
    assert {a.clause: [b.name for b in a.lead] for a in doc.assignments} == {
        "II.1": ["Sở Công Thương"],
        "II.2.a": ["Hội Nông dân tỉnh", "Liên minh Hợp tác xã tỉnh"],
        "II.2.b": ["Hội Nông dân tỉnh", "Liên minh Hợp tác xã tỉnh"],
    }


def test_one_deadline_per_part_splits_the_task():
    # "… xong trước ngày A đối với X, xong trước ngày B đối với Y": two tasks, each with its date
    doc = parse(
        "1. Sở Tài chính khẩn trương quyết toán kinh phí xong trước ngày 01 tháng 5 năm 2026 đối với các dự án "
        "nhóm A, xong trước ngày 01 tháng 8 năm 2026 đối với các dự án nhóm B.\n"
    )
    assert [(a.deadline.due if a.deadline else None, a.task[:20]) for a in doc.assignments] == [
        (date(2026, 5, 1), "khẩn trương quyết to"),
        (date(2026, 8, 1), "xong trước ngày 01 t"),
    ]
    assert all([b.name for b in a.lead] == ["Sở Tài chính"] for a in doc.assignments)


@pytest.mark.parametrize(
    "item, tasks",
    [
        # a new sentence opening with a verb, dated on its own after undated work
        (
            "1. Sở Công Thương theo dõi sát diễn biến thị trường xăng dầu. Khẩn trương hoàn thiện phương án dự trữ, "
            "trình Ủy ban nhân dân tỉnh trước ngày 15 tháng 5 năm 2026.",
            [(None, "theo dõi sát"), (date(2026, 5, 15), "Khẩn trương ho")],
        ),
        # … and after work dated otherwise
        (
            "1. Sở Tài chính hoàn thiện phương án sắp xếp doanh nghiệp, hoàn thành trong tháng 5 năm 2026. Trình Ủy ban "
            "nhân dân tỉnh quyết định tiêu chí phân loại trong tháng 7 năm 2026.",
            [(date(2026, 5, 31), "hoàn thiện phươ"), (date(2026, 7, 31), "Trình Ủy ban nh")],
        ),
        # a ';'-unit that opens with its own date
        (
            "1. Sở Xây dựng theo dõi giá vật liệu xây dựng; trước ngày 10 tháng 5 năm 2026, có hướng dẫn các chủ đầu "
            "tư điều chỉnh hợp đồng.",
            [(None, "theo dõi giá vậ"), (date(2026, 5, 10), "trước ngày 10 t")],
        ),
        # a sentence that describes the work (its verb is the subject of a modal) dates the whole item
        (
            "1. Sở Nội vụ tổ chức đánh giá cán bộ năm 2026. Đánh giá phải thực chất, công khai, hoàn thành trước ngày "
            "15 tháng 12 năm 2026.",
            [(date(2026, 12, 15), "tổ chức đánh g")],
        ),
        # the same date again is the same task
        (
            "1. Sở Y tế hoàn thành rà soát trước ngày 30 tháng 6 năm 2026. Báo cáo Ủy ban nhân dân tỉnh trước ngày 30 "
            "tháng 6 năm 2026.",
            [(date(2026, 6, 30), "hoàn thành rà s")],
        ),
    ],
    ids=["sentence-after-undated", "sentence-after-other-date", "opening-date", "describes", "same-date"],
)
def test_a_dated_sentence_of_an_item_is_a_task_of_its_own(item, tasks):
    # GUIDE: "where one item holds several tasks with different deadlines …, split them"
    doc = parse(item + "\n")
    assert [(a.deadline.due if a.deadline else None, a.task[: len(t)]) for a, (_, t) in zip(doc.assignments, tasks)] == tasks
    assert len(doc.assignments) == len(tasks)
    assert len({tuple(b.name for b in a.lead) for a in doc.assignments}) == 1


def test_a_deadline_with_its_part_still_closes_the_task():
    (a,) = parse("1. Sở Xây dựng hoàn thành thẩm định trước ngày 30 tháng 6 năm 2026 đối với các dự án nhóm A.\n").assignments
    assert a.deadline is not None and a.deadline.due == date(2026, 6, 30)


@pytest.mark.parametrize(
    "unit, lead",
    [
        ("Đối với các chủ đầu tư cần nhanh chóng dọn dẹp mặt bằng, khôi phục lại thi công.", "Chủ đầu tư"),
        ("Đối với Sở Xây dựng phải khẩn trương hoàn thiện hồ sơ dự án.", "Sở Xây dựng"),
    ],
    ids=["can", "phai"],
)
def test_a_body_as_topic_without_a_comma_is_the_subject(unit, lead):
    s = find_subject(unit)
    assert s.explicit and [b.name for b in s.lead] == [lead]
    assert unit[s.task_start :].startswith(("cần", "phải"))


def test_examples_after_nhu_are_one_task_with_its_deadline():
    doc = parse(
        "1. Các sở, ngành khẩn trương rà soát các quy định không phù hợp như: yêu cầu nộp hồ sơ gốc; "
        "yêu cầu có mặt tại nơi giải quyết; yêu cầu xác nhận của địa phương, hoàn thành trong năm 2026.\n"
    )
    (a,) = doc.assignments
    assert a.deadline is not None and a.deadline.due == date(2026, 12, 31)
    assert a.task.endswith("hoàn thành trong năm 2026.")


def test_a_place_after_a_group_and_the_end_mark():
    # "…, đặc khu Cồn Cỏ;" — an unknown place closes the group's name, and the list of addressees
    # goes on; "./." ends the task even when the signer block follows on the same line.
    doc = parse(
        "1. Sở Tài chính bố trí kinh phí thực hiện.\n"
        "Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu Hòn Mê; "
        "Thủ trưởng các cơ quan liên quan triển khai thực hiện nghiêm túc Kế hoạch này./. KT. CHỦ TỊCH PHÓ CHỦ TỊCH\n"
    )
    last = doc.assignments[-1]
    assert last.task == "triển khai thực hiện nghiêm túc Kế hoạch này."
    assert [b.name for b in last.lead] == [
        "Giám đốc các sở, ban, ngành",
        "Chủ tịch Ủy ban nhân dân các xã, phường",
        "Thủ trưởng các cơ quan liên quan",
    ]


def test_a_speaker_whose_name_lost_its_capital():
    # OCR repair may lower-case the last syllable of a name: "Thủ tướng Nguyễn Xuân phúc yêu cầu …"
    s = find_subject("Thủ tướng Nguyễn Xuân phúc yêu cầu Bộ Nội vụ chủ trì giải quyết biên chế giáo viên.")
    assert [b.name for b in s.lead] == ["Bộ Nội vụ"]


def test_a_topic_that_lists_subjects_with_semicolons():
    # "Về A; B: Tỉnh …" — one topic up to its colon; the body named again in the sentence is one task
    doc = parse(
        "1. Về dự án đường tỉnh 10; dự án cầu Bến Lức: Ủy ban nhân dân tỉnh thực hiện theo chỉ đạo tại "
        "Thông báo số 75-TB/VPTW; chủ động làm việc với Bộ Xây dựng; trên cơ sở đó, Ủy ban nhân dân tỉnh "
        "nghiên cứu lập báo cáo tiền khả thi của dự án.\n"
    )
    (a,) = doc.assignments
    assert a.task.startswith("thực hiện theo chỉ đạo") and a.task.endswith("tiền khả thi của dự án.")


@pytest.mark.parametrize(
    "text, due",
    [
        ("xây dựng kịch bản tăng trưởng cụ thể cho những tháng cuối năm 2026, phát huy tinh thần đoàn kết.", None),
        ("hoàn thành việc sắp xếp trụ sở trước cuối năm 2026.", date(2026, 12, 31)),
    ],
    ids=["period-the-work-is-for", "cued-end-of-year"],
)
def test_a_period_the_work_is_for_is_no_deadline(text, due):
    dl = pick_deadline(text, ISSUED)
    assert (dl.due if dl else None) == due


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        # the unnamed council of the province the document is about is a subject
        (
            "Ủy ban nhân dân tỉnh chủ động làm việc với Bộ Xây dựng về cơ quan chủ quản dự án.",
            ["Ủy ban nhân dân tỉnh"],
            "chủ động làm việc",
        ),
        # a body that hands the work on is a speaker: the addressee leads
        (
            "UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với các sở xây dựng kế hoạch vốn.",
            ["Sở Tài chính"],
            "chủ trì, phối hợp",
        ),
        ("Bộ Y tế đề nghị các địa phương tăng cường kiểm tra an toàn thực phẩm.", ["các địa phương"], "tăng cường kiểm tra"),
    ],
    ids=["own-council", "council-hands-over", "ministry-requests"],
)
def test_own_council_and_bodies_that_hand_work_on(unit, lead, task):
    s = find_subject(unit)
    assert [b.name for b in s.lead] == lead
    assert unit[s.task_start :].startswith(task)


def test_titled_names_alone_before_the_next_addressee():
    # "Thủ trưởng các Sở, ban, ngành; Chủ tịch UBND cấp xã căn cứ …" — the first unit is names only
    (a,) = parse(
        "1. Thủ trưởng các sở, ban, ngành; Chủ tịch UBND cấp xã căn cứ chức năng, nhiệm vụ được giao triển khai thực hiện.\n"
    ).assignments
    assert len(a.lead) == 2 and a.task.startswith("căn cứ chức năng")


def test_garbled_roman_labels_still_open_their_tasks():
    # OCR read "(i)" as "(¡)" and "(iii)" as a second "(ii)": the sequence no longer reads, but each
    # label before a named doer still opens its task
    doc = parse(
        "1. Về dự án điện khí\nb) Để làm tốt các nhiệm vụ sắp tới, đề nghị: (¡) Sở Công Thương báo cáo Ủy ban nhân dân tỉnh "
        "về thời gian khánh thành dự án. (ii) Chủ đầu tư phối hợp với các đơn vị hoàn thành nghiệm thu. (ii) Sở Xây dựng "
        "hướng dẫn Chủ đầu tư các thủ tục cần thiết.\n"
    )
    assert [[b.name for b in a.lead] for a in doc.assignments] == [["Sở Công Thương"], ["Chủ đầu tư"], ["Sở Xây dựng"]]


def test_the_prime_minister_speaks_even_as_ocr_left_the_title():
    # "Thủ tưởng" (OCR repair's "tướng"): still the speaker, so the task names nobody new
    s = find_subject("Thủ tưởng yêu cầu đối với vấn đề vượt thẩm quyền, báo cáo Thủ tướng Chính phủ xem xét.")
    assert not s.explicit


def test_products_listed_under_a_garbled_first_label_stay_one_task():
    # OCR read "(i)" as "(¡)": the heading still ends at its colon, and the items it names are its products
    doc = parse(
        "1. Các sở, ngành:\n- Khẩn trương hoàn thiện các báo cáo: (¡) Báo cáo tình hình thực hiện Nghị quyết;\n"
        "(ii) Báo cáo xử lý các khó khăn, vướng mắc;\n(iii) Báo cáo về cắt giảm thủ tục hành chính.\n"
    )
    assert [a.task[:28] for a in doc.assignments] == ["Khẩn trương hoàn thiện các b"]


# A subject made only of plural groups is one addressee, written as the document writes it.
@pytest.mark.parametrize(
    "unit, lead",
    [
        (
            "Các sở, ban, ngành, Ủy ban nhân dân xã, phường và các đơn vị liên quan có trách nhiệm xây dựng kế hoạch.",
            ["Các sở, ban, ngành, Ủy ban nhân dân xã, phường và các đơn vị liên quan"],
        ),
        (
            "Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan bố trí kinh phí thực hiện.",
            ["Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan"],
        ),
        (
            "Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể chủ động phối hợp với Sở Y tế.",
            ["Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể"],
        ),
        # a list with a named body keeps its names; one group that is the whole phrase keeps its name
        (
            "Sở Tài chính, Sở Nội vụ và các cơ quan liên quan xây dựng kế hoạch.",
            ["Sở Tài chính", "Sở Nội vụ", "các cơ quan liên quan"],
        ),
        (
            "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ xây dựng kế hoạch.",
            ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"],
        ),
        # a description after the groups is not part of the name
        (
            "Các bộ, ngành, địa phương, các nhà đầu tư, nhà thầu trên tinh thần “vượt nắng, thắng mưa” đẩy nhanh tiến độ.",
            ["Các bộ, ngành, địa phương, các nhà đầu tư, nhà thầu"],
        ),
    ],
    ids=["groups-and-council", "groups-and-places", "group-tail", "named-list", "one-group", "description-after"],
)
def test_plural_groups_are_one_addressee(unit, lead):
    assert [b.name for b in find_subject(unit).lead] == lead


def test_announced_attachment_without_its_attached_line():
    # the copy lost "(Ban hành kèm theo Quyết định số …)", but Điều 1 announces the Kế hoạch
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 12/QĐ-UBND\nAn Giang, ngày 10 tháng 02 năm 2026\nQUYẾT ĐỊNH\n"
        "Ban hành Kế hoạch phát triển thương mại\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển thương mại.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n" + FOOTER + "KẾ HOẠCH\nPHÁT TRIỂN THƯƠNG MẠI TỈNH AN GIANG\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương\n- Chủ trì tổ chức hội chợ thương mại hằng năm.\n"
        "2. Sở Tài chính\n- Bố trí kinh phí thực hiện Kế hoạch.\n"
    )
    doc = parse_text(text, issued=ISSUED)
    assert [(a.clause, a.lead[0].name) for a in doc.assignments] == [
        ("KH.I.1.-1", "Sở Công Thương"),
        ("KH.I.2.-1", "Sở Tài chính"),
    ]
    # without the announcement a capitals "KẾ HOẠCH" after the signature opens no part
    unannounced = parse_text(text.replace("Ban hành kèm theo Quyết định này Kế hoạch", "Phê duyệt chủ trương"), issued=ISSUED)
    assert not any(a.clause.startswith("KH.") for a in unannounced.assignments)


def test_conclusions_for_the_body_a_list_intro_or_the_closing_names():
    # a Thông báo kết luận: the sentence before the list names the city; the closing names the province
    intro = parse(
        "I. ĐÁNH GIÁ CHUNG\nThành phố đã đạt nhiều kết quả.\nĐể tiếp tục phát triển, thành phố Cần Thơ cần tập trung "
        "thực hiện tốt một số nhiệm vụ sau đây:\n1. Rà soát quy hoạch đô thị.\n2. Đẩy nhanh giải ngân vốn đầu tư công.\n"
    )
    assert [(a.clause, a.lead[0].name.lower()) for a in intro.assignments] == [
        ("I.1", "ủy ban nhân dân thành phố cần thơ"),
        ("I.2", "ủy ban nhân dân thành phố cần thơ"),
    ]
    closing = parse(
        "I. ĐÁNH GIÁ CHUNG\nTỉnh đã đạt nhiều kết quả.\nII. NHIỆM VỤ THỜI GIAN TỚI\n1. Rà soát quy hoạch đô thị.\n"
        "2. Đẩy nhanh giải ngân vốn đầu tư công.\nVăn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh An Giang và các Bộ, "
        "cơ quan liên quan biết, thực hiện./.\n"
    )
    assert [(a.clause, a.lead[0].name) for a in closing.assignments] == [
        ("II.1", "Ủy ban nhân dân tỉnh An Giang"),
        ("II.2", "Ủy ban nhân dân tỉnh An Giang"),
    ]


def test_field_points_with_a_lead_item():
    # "a) Nhiệm vụ:" / "b) Cơ quan thực hiện:" / "- Đơn vị chủ trì: …" / "c) Thời gian thực hiện: …"
    doc = parse(
        "1. Về dữ liệu\na) Nhiệm vụ:\n- Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị.\n- Kết nối dữ liệu với hệ thống dùng chung.\n"
        "b) Cơ quan thực hiện:\n- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n- Đơn vị phối hợp: Các sở, ban, ngành.\n"
        "c) Thời gian thực hiện: Hoàn thành trong năm 2026.\n"
    )
    assert [(a.lead[0].name, a.deadline.due if a.deadline else None) for a in doc.assignments] == [
        ("Sở Khoa học và Công nghệ", date(2026, 12, 31)),
        ("Sở Khoa học và Công nghệ", date(2026, 12, 31)),
    ]


def test_partners_listed_with_semicolons_stay_one_task():
    (a,) = parse(
        "Điều 2. Giao Sở Công Thương chủ trì, phối hợp với các sở, ban, ngành của tỉnh; Ủy ban nhân dân các xã, phường; "
        "các cơ quan, đơn vị có liên quan triển khai thực hiện Kế hoạch.\n"
    ).assignments
    assert [b.name for b in a.lead] == ["Sở Công Thương"] and a.task.endswith("triển khai thực hiện Kế hoạch.")


def test_titled_article_whose_sentence_names_its_subject_and_capital_recipients():
    doc = parse_text(
        HEADER.replace("KẾ HOẠCH", "QUYẾT ĐỊNH") + "Điều 1. Trách nhiệm của Ủy ban nhân dân các tỉnh, thành phố\n"
        "Ủy ban nhân dân các tỉnh, thành phố quản lý, sử dụng kinh phí được bổ sung đúng mục đích.\nNƠI NHẬN\n- Như Điều 1;\n"
        "- Thủ tướng, Phó Thủ tướng Nguyễn Văn B;\n- Lưu: VT.\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Văn B\n",
        issued=ISSUED,
    )
    assert [(a.clause, a.task[:20]) for a in doc.assignments] == [("1", "quản lý, sử dụng kin")]
    assert any("Thủ tướng" in r for r in doc.recipients)


def test_article_titled_by_its_topic_over_a_sentence_that_states_a_duty():
    doc = parse_text(
        HEADER.replace("KẾ HOẠCH", "QUYẾT ĐỊNH") + "Điều 1. Hiệp thương giá\n"
        "Sở Công Thương chủ trì hiệp thương giá đối với hàng hóa thuộc lĩnh vực quản lý.\n"
        "Điều 2. Kiểm tra giá\nCác sở, ban, ngành có trách nhiệm kiểm tra yếu tố hình thành giá.\n"
        # a topic over a statement that assigns nothing stays whole
        "Điều 3. Danh mục hàng hóa\nDanh mục hàng hóa được quy định tại Phụ lục kèm theo.\n" + FOOTER,
        issued=ISSUED,
    )
    got = {a.clause: ([b.name for b in a.lead], a.task[:20]) for a in doc.assignments}
    assert got["1"] == (["Sở Công Thương"], "chủ trì hiệp thương "), got
    assert got["2"][1] == "có trách nhiệm kiểm ", got
    assert "3" not in got, got


def test_title_line_over_the_sentence_that_names_who_does_its_items():
    doc = parse_text(
        HEADER + "1. Đẩy mạnh thông tin truyền thông\n"
        "Bộ Văn hóa, Thể thao và Du lịch chủ trì cùng các bộ, ngành, địa phương:\n"
        "- Chỉ đạo các cơ quan báo chí cung cấp thông tin chính thống.\n"
        "- Tăng cường quảng bá hình ảnh điểm đến an toàn.\n"
        "2. Tập trung xử lý vướng mắc về lao động\n"
        "Bộ Nội vụ chủ trì, phối hợp với các địa phương khẩn trương giải quyết các vướng mắc về lao động, "
        "báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2026 các vấn đề sau:\n"
        "- Tình hình lao động, việc làm trong các doanh nghiệp.\n" + FOOTER,
        issued=ISSUED,
    )
    got = {a.clause: ([b.name for b in a.lead], a.task[:14]) for a in doc.assignments}
    assert got["1.-1"][0] == got["1.-2"][0] == ["Bộ Văn hóa, Thể thao và Du lịch"], got
    assert "1" not in got, got  # the sentence only names who does the items
    assert got["2"] == (["Bộ Nội vụ"], "chủ trì, phối "), got  # a report asked for is a task of its own


def test_lower_case_delegation_is_a_noun():
    # "ủy quyền" in a list of nouns is no delegation: the lead-in does not end there
    s = find_subject("Căn cứ các tiêu chí về dân số, diện tích để phân cấp, phân quyền, ủy quyền phù hợp, phát huy thế mạnh.")
    assert not s.lead
    assert [b.name for b in find_subject("Ủy quyền Chủ tịch Ủy ban nhân dân tỉnh phê duyệt dự án.").lead] == [
        "Chủ tịch Ủy ban nhân dân tỉnh"
    ]


@pytest.mark.parametrize(
    "unit, task",
    [
        ("Các đơn vị được giao thực hiện các nhiệm vụ thuộc Kế hoạch lập dự toán kinh phí và chủ động cân đối.", "lập dự toán"),
        (
            "Các cơ quan, đơn vị được giao nhiệm vụ tại Kế hoạch này xây dựng kế hoạch chi tiết và chủ động triển khai.",
            "xây dựng kế",
        ),
        ("Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm lập dự toán.", "có trách nhi"),
    ],
)
def test_a_group_given_its_work_ends_with_the_document_it_is_in(unit, task):
    # "được giao nhiệm vụ tại Kế hoạch này" describes the group; the next verb starts its task
    s = find_subject(unit)
    assert s.lead and unit[s.task_start :].startswith(task)


def test_heading_of_plural_groups_heads_its_items_as_one_group():
    doc = parse("1. Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan\na) Bố trí kinh phí thực hiện.\n")
    assert [[b.name for b in a.lead] for a in doc.assignments] == [
        ["Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan"]
    ]


# A plan's contingency line ("nếu có khó khăn, vướng mắc … kịp thời phản ánh") is no task to track;
# the task before it keeps its record.
@pytest.mark.parametrize(
    "closing",
    [
        "3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các sở, ngành kịp thời phản ánh về Sở Nội vụ để tổng hợp.\n",
        "3. Nếu có vướng mắc, đề nghị các cơ quan, đơn vị báo cáo Ủy ban nhân dân tỉnh (qua Sở Tư pháp) để xem xét.\n",
        "3. Trong quá trình triển khai, nếu có phát sinh, vướng mắc, kịp thời báo cáo Ủy ban nhân dân tỉnh.\n",
    ],
    ids=["trong-qua-trinh", "de-nghi", "phat-sinh"],
)
def test_a_contingency_line_is_no_task(closing):
    body = "1. Sở Nội vụ chủ trì tổ chức tập huấn cho cán bộ cấp xã trong năm 2026.\n2. Sở Tài chính bố trí kinh phí thực hiện.\n"
    doc = parse(body + closing)
    assert [(c, lead) for c, lead, _, _ in rows(doc)] == [("1", ["Sở Nội vụ"]), ("2", ["Sở Tài chính"])]


# A periodic report in a new sentence, or with its own date, is a record of its own for the same
# body; undated in the same sentence it stays with the actions it closes.
@pytest.mark.parametrize(
    "item, tasks, due",
    [
        ("1. Các sở, ngành xây dựng kế hoạch thực hiện. Hằng năm báo cáo kết quả về Sở Tư pháp.", 2, None),
        (
            "1. Các sở, ngành xây dựng kế hoạch thực hiện; định kỳ trước ngày 15 tháng 12 hằng năm báo cáo kết quả về Sở Tư pháp.",
            2,
            date(2026, 12, 15),
        ),
        (
            "1. Sở Tư pháp chủ trì theo dõi việc thực hiện; kiểm tra, giám sát; định kỳ hằng năm báo cáo Ủy ban nhân dân tỉnh.",
            1,
            None,
        ),
    ],
    ids=["new-sentence", "dated", "same-sentence-undated"],
)
def test_a_periodic_report_is_its_own_record(item, tasks, due):
    doc = parse(item + "\n")
    assert len(doc.assignments) == tasks
    last = doc.assignments[-1]
    assert [b.name for b in last.lead] == [b.name for b in doc.assignments[0].lead]
    if tasks == 2:
        assert last.task.lower().startswith(("hằng năm báo cáo", "định kỳ"))
        assert last.recurrence is not None and last.recurrence.value == "yearly"
        assert (last.deadline.due if last.deadline else None) == due


def test_the_council_asking_to_carry_out_closes_the_plan():
    body = (
        "1. Sở Y tế tổ chức kiểm tra các cơ sở khám bệnh trong Quý I năm 2026.\n"
        "- Hướng dẫn các cơ sở tự kiểm tra.\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành nghiêm túc triển khai thực hiện; định kỳ trước ngày "
        "20 tháng 11 hằng năm báo cáo kết quả về Sở Y tế./.\n"
    )
    doc = parse(body)
    closing = [a for a in doc.assignments if a.clause == "closing"]
    assert [a.clause for a in doc.assignments if a.clause != "closing"] == ["1", "1.-1"]
    report = closing[-1]
    assert [b.name for b in report.lead] == ["các sở, ban, ngành"]
    assert report.deadline is not None and report.deadline.due == date(2026, 11, 20)


# Activity fields without their dash ("Đơn vị chủ trì thực hiện: …" on its own line) are the
# activity's fields, as the dashed "- Cơ quan chủ trì: …" are; a lone time line stays in its item.
def test_activity_fields_without_dashes():
    body = (
        "1. Nâng cao năng lực cán bộ\n"
        "- Tổ chức tập huấn kỹ năng cho cán bộ cấp xã.\n"
        "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.\n"
        "Đơn vị phối hợp thực hiện: Sở Nội vụ.\n"
        "Thời gian thực hiện: Tháng 12/2026.\n"
        "- Biên soạn tài liệu bồi dưỡng.\n"
        "Đơn vị chủ trì: Sở Nội vụ.\n"
        "2. Các sở, ngành rà soát đội ngũ công chức.\n"
        "Thời hạn hoàn thành: Trước ngày 30/6/2026.\n"
    )
    doc = parse(body)
    got = [(lead, due, task[:12].strip()) for _, lead, due, task in rows(doc)]
    assert got == [
        (["Sở Tư pháp"], date(2026, 12, 31), "Tổ chức tập"),
        (["Sở Nội vụ"], None, "Biên soạn tà"),
        (["các sở, ban, ngành"], date(2026, 6, 30), "rà soát đội"),
    ]
    assert [b.name for b in doc.assignments[0].coordinating] == ["Sở Nội vụ"]


@pytest.mark.parametrize(
    "phrase, names",
    [
        ("Công an tỉnh Lai Châu", ["Công an tỉnh Lai Châu"]),
        ("Sở Tài chính tỉnh Lai Châu và Sở Y tế", ["Sở Tài chính tỉnh Lai Châu", "Sở Y tế"]),
        ("Báo và Phát thanh, Truyền hình Sơn La", ["Báo và Phát thanh, Truyền hình tỉnh Sơn La"]),
        ("Sở Nội vụ Hà Nội", ["Sở Nội vụ thành phố Hà Nội"]),
        ("Công an Thành phố", ["Công an thành phố"]),
        ("Bộ Tài chính, tỉnh Lai Châu", ["Bộ Tài chính", "Ủy ban nhân dân tỉnh Lai Châu"]),
        ("Ngân hàng nhà nước khu vực XII", ["Ngân hàng Nhà nước khu vực XII"]),
        ("Chi cục Hải quan khu vực V và Chi cục Thuế khu vực 2", ["Chi cục Hải quan khu vực V", "Chi cục Thuế khu vực 2"]),
        ("Mặt trận Tổ quốc tỉnh", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]),
        # English-model OCR runs "Sở Y" together; blind repair leaves "SOY tế" or "SOY tổ"
        ("SOY tổ", ["Sở Y tế"]),
    ],
    ids=[
        "police",
        "department",
        "media",
        "city",
        "city-police",
        "ministry-then-province",
        "bank-region",
        "customs-tax-region",
        "front",
        "ocr-soy",
    ],
)
def test_a_provincial_agency_keeps_its_province(phrase, names):
    from directive_parser.extract.bodies import split_bodies

    assert [b.name for b in split_bodies(phrase)] == names


def test_content_introduced_with_nhu_sau_starts_its_own_sentence():
    doc = parse(
        "Xét đề nghị của Sở Xây dựng, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau: Sở Tài chính khẩn trương "
        "bố trí kinh phí cho dự án; báo cáo kết quả trước ngày 15 tháng 3 năm 2026. Sở Xây dựng hướng dẫn các "
        "xã hoàn thiện hồ sơ.\n"
    )
    assert [(lead, due) for _, lead, due, _ in rows(doc)] == [(["Sở Tài chính"], date(2026, 3, 15)), (["Sở Xây dựng"], None)]


def test_the_signature_and_the_attachments_own_header_are_not_body_text():
    # "Nơi nhận" only at the very end, none between the signature and the attached programme, which
    # repeats the issuer and the motto
    text = (
        "CHÍNH PHỦ\nSố: 12/NQ-CP\nHà Nội, ngày 10 tháng 02 năm 2026\nNGHỊ QUYẾT\nBan hành Chương trình hành động\n"
        "Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động về chuyển đổi số.\n"
        "Điều 2. Bộ trưởng các bộ, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Nghị quyết này.\n"
        "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Văn An\nCHÍNH PHỦ\nĐộc lập - Tự do - Hạnh phúc\n"
        "CHƯƠNG TRÌNH\nHành động về chuyển đổi số\n(Kèm theo Nghị quyết số 12/NQ-CP ngày 10 tháng 02 năm 2026 của Chính phủ)\n"
        "1. Bộ Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu trong năm 2026.\n" + FOOTER
    )
    doc = parse_text(text, issued=ISSUED)
    article = next(c for c in doc.clauses if c.path == "2")
    assert article.text.endswith("thi hành Nghị quyết này.")
    assert not any("Hạnh phúc" in a.task or "CHÍNH PHỦ" in a.task for a in doc.assignments)
    assert [a.lead[0].name for a in doc.assignments if a.clause.startswith("CT.1")][:1] == ["Bộ Khoa học và Công nghệ"]


# News reports name the letter the speaker wrote, and open with the instrument they carry out.
@pytest.mark.parametrize(
    "unit, lead, task",
    [
        ("UBND tỉnh vừa có văn bản đề nghị các sở, ngành tiếp tục rà soát hồ sơ.", "các sở, ban, ngành", "tiếp tục rà soát"),
        ("Bộ Y tế đã ban hành Công văn số 12/BYT-KCB yêu cầu Sở Y tế khẩn trương kiểm tra.", "Sở Y tế", "khẩn trương kiểm tra"),
        (
            "Thực hiện Chỉ thị số 15/CT-TTg của Thủ tướng Chính phủ, UBND tỉnh vừa có văn bản giao Sở Tài chính bố trí kinh phí.",
            "Sở Tài chính",
            "bố trí kinh phí",
        ),
        (
            "Thực hiện công điện của Thủ tướng, UBND tỉnh đã yêu cầu Chủ tịch UBND các huyện, thành phố, thị xã chỉ đạo chống rét.",
            "Chủ tịch Ủy ban nhân dân cấp huyện",
            "chỉ đạo chống rét",
        ),
        ("Ủy ban nhân dân quận, huyện, thị xã tổ chức kiểm tra.", "Ủy ban nhân dân cấp huyện", "tổ chức kiểm tra"),
        ("“Sở Y tế phối hợp với các địa phương giám sát dịch bệnh”. Đó là chỉ đạo của UBND tỉnh.", "Sở Y tế", "phối hợp với"),
        (
            "Vì đây là nội dung chuyên môn nên UBND tỉnh giao Giám đốc Sở Y tế: Phê duyệt Kế hoạch.",
            "Giám đốc Sở Y tế",
            "Phê duyệt",
        ),
        (
            "Chủ tịch UBND tỉnh giao thủ trưởng các cơ quan, đơn vị liên quan phối hợp với Sở Y tế.",
            "Thủ trưởng các cơ quan, đơn vị liên quan",
            "phối hợp",
        ),
        (
            "Chủ tịch UBND tỉnh yêu cầu giám đốc các sở, ban, ngành khẩn trương rà soát.",
            "Giám đốc các sở, ban, ngành",
            "khẩn trương",
        ),
        (
            "Bộ trưởng Bộ Tư pháp tiếp thu, giải trình ý kiến Thành viên Chính phủ.",
            "Bộ trưởng Bộ Tư pháp",
            "tiếp thu, giải trình",
        ),
        (
            "Bộ Xây dựng vừa có công văn khẩn về việc phòng, chống bão gửi UBND các tỉnh ven biển, "
            "đề nghị các địa phương rà soát các công trình đang thi công.",
            "các địa phương",
            "rà soát các công trình",
        ),
        (
            "UBND tỉnh đã có Công điện hỏa tốc số 06/CĐ-UBND gửi các sở, ban, ngành yêu cầu Sở Công Thương kiểm tra thị trường.",
            "Sở Công Thương",
            "kiểm tra thị trường",
        ),
    ],
    ids=[
        "vua-co-van-ban",
        "ban-hanh-cong-van",
        "thuc-hien-chi-thi",
        "district-chairs",
        "district-councils",
        "quoted",
        "vi-nen",
        "chair-hands-over",
        "heads-of-departments",
        "tiep-thu",
        "letter-topic-and-addressees",
        "letter-number-and-addressees",
    ],
)
def test_news_speakers_and_district_groups(unit, lead, task):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == [lead]
    assert unit[subj.task_start :].startswith(task)


def test_a_letter_whose_topic_names_the_hand_over_is_a_report_of_the_letter():
    # the topic "về việc giao …" ends at no comma and no "gửi": the letter is reported, not quoted
    unit = "UBND tỉnh đã ban hành văn bản số 12/UBND-VX về việc giao Sở Y tế phê duyệt Kế hoạch."
    assert "Sở Y tế" not in [b.name for b in find_subject(unit).lead]


def test_heads_of_unlisted_groups_join_the_plural_addressee():
    unit = "Giám đốc các Sở, Thủ trưởng các ngành cấp tỉnh, UBND các xã, phường xây dựng kế hoạch cụ thể."
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == ["Giám đốc các Sở, Thủ trưởng các ngành cấp tỉnh, UBND các xã, phường"]


def test_cong_lap_is_no_verb_and_a_bare_formula_heading_addresses_its_items():
    subj = find_subject("Các đơn vị sự nghiệp công lập thực hiện tự chủ tài chính.")
    assert [b.name for b in subj.lead] == ["các đơn vị sự nghiệp công lập"]
    assert addressees("Giao người đứng đầu các cơ quan chuyên môn; Chủ tịch Ủy ban nhân dân các xã, phường") != []
    assert addressees("Giao thông vận tải") == []


@pytest.mark.parametrize(
    "body, expected",
    [
        # undated work, then a sentence with its verb and a date of its own: two tasks
        (
            "1. Sở Nông nghiệp và Môi trường huy động lực lượng hỗ trợ người dân khôi phục sản xuất. "
            "Báo cáo nhu cầu giống cây trồng, gửi Sở Tài chính trước ngày 15/3/2026 để tổng hợp, trình Ủy ban nhân dân tỉnh.\n",
            [(None, "huy động lực lượng"), (date(2026, 3, 15), "Báo cáo nhu cầu gi")],
        ),
        # a sentence that goes on describing the work dates the whole item
        (
            "1. Sở Nông nghiệp và Môi trường huy động lực lượng hỗ trợ người dân khôi phục sản xuất. "
            "Việc hỗ trợ phải thực chất, đúng đối tượng, hoàn thành trước ngày 15/3/2026.\n",
            [(date(2026, 3, 15), "huy động lực lượng")],
        ),
        # the first sentence is dated already: the next one stays in its task
        (
            "1. Sở Nông nghiệp và Môi trường hoàn thành kiểm kê trước ngày 15/3/2026. "
            "Tổng hợp kết quả, gửi Sở Tài chính trước ngày 30/3/2026 để trình Ủy ban nhân dân tỉnh.\n",
            [(date(2026, 3, 15), "hoàn thành kiểm kê")],
        ),
        # a second sentence without a date of its own stays in the task
        (
            "1. Sở Nông nghiệp và Môi trường huy động lực lượng hỗ trợ người dân khôi phục sản xuất. "
            "Báo cáo nhu cầu giống cây trồng để hỗ trợ kịp thời.\n",
            [(None, "huy động lực lượng")],
        ),
    ],
    ids=["dated-report-sentence", "describing-sentence", "both-dated", "undated-report-sentence"],
)
def test_a_dated_sentence_after_undated_work_is_its_own_task(body, expected):
    doc = parse(body)
    assert [(a.deadline.due if a.deadline else None, a.task[:18]) for a in doc.assignments] == expected
    assert all([b.name for b in a.lead] == ["Sở Nông nghiệp và Môi trường"] for a in doc.assignments)


def test_a_letter_that_asks_for_guidance_is_still_a_task():
    (a,) = parse("1. Sở Tài chính có văn bản hướng dẫn các xã lập dự toán năm 2027.\n").assignments
    assert [b.name for b in a.lead] == ["Sở Tài chính"] and a.task.startswith("có văn bản hướng dẫn")


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        # letters and telegrams address leaders as comrades
        (
            "Đồng chí Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo rà soát các hồ chứa.",
            "Chủ tịch Ủy ban nhân dân tỉnh",
            "chỉ đạo rà soát",
        ),
        ("Đồng chí Bí thư Tỉnh ủy trực tiếp chỉ đạo công tác phòng, chống dịch.", "Bí thư Tỉnh ủy", "trực tiếp chỉ đạo"),
        # a Prime Minister's telegram in the first person
        ("Tôi yêu cầu các Bộ trưởng khẩn trương chỉ đạo khắc phục hậu quả bão.", "Các Bộ trưởng", "khẩn trương chỉ đạo"),
        (
            "Tôi khẩn thiết đề nghị đồng chí Chủ tịch Ủy ban nhân dân các tỉnh tập trung cao nhất cho công tác cứu hộ.",
            "Chủ tịch Ủy ban nhân dân các tỉnh",
            "tập trung cao nhất",
        ),
        # a Văn phòng Chính phủ letter forwards the matter to the body that must handle it
        ("Chuyển Bộ Tài chính nghiên cứu, xử lý theo thẩm quyền.", "Bộ Tài chính", "nghiên cứu, xử lý"),
        ("Thường trực Thành ủy chỉ đạo các cấp ủy triển khai thực hiện.", "Thường trực Thành ủy", "chỉ đạo các cấp ủy"),
    ],
    ids=["dong-chi-chair", "dong-chi-party", "toi-yeu-cau", "toi-khan-thiet", "chuyen", "party-standing"],
)
def test_comrades_first_person_telegrams_and_forwarding(unit, lead, task):
    subj = find_subject(unit)
    assert lead in [b.name for b in subj.lead]
    assert unit[subj.task_start :].startswith(task)


@pytest.mark.parametrize(
    "unit",
    ["Chuyển đổi số các hoạt động của Sở Y tế.", "Tôi đề nghị được hưởng hỗ trợ từ quỹ bảo hiểm thất nghiệp."],
    ids=["chuyen-doi-so", "applicant-form"],
)
def test_no_forwarding_or_telegram_without_an_addressee(unit):
    assert find_subject(unit).lead == []


LETTER = """VĂN PHÒNG CHÍNH PHỦ
Số: 77/VPCP-KGVX
V/v xử lý thông tin báo nêu
Hà Nội, ngày 05 tháng 3 năm 2026
Kính gửi: Ủy ban nhân dân tỉnh Nghệ An.
Báo Nhân dân có loại phóng sự phản ánh về tình trạng khai thác cát trái phép.
Về việc này, Phó Thủ tướng giao Ủy ban nhân dân tỉnh Nghệ An kiểm tra, xử lý, báo cáo Thủ tướng Chính phủ trước ngày 20/3/2026.
- Văn phòng Chính phủ xin thông báođể Ủy ban nhân dân tỉnh Nghệ An biết, thực hiện./.
"""


def test_a_letters_closing_with_an_ocr_speck_is_no_item_and_no_task():
    doc = parse_text(LETTER, issued=ISSUED)
    assert [[b.name for b in a.lead] for a in doc.assignments] == [["Ủy ban nhân dân tỉnh Nghệ An"]]
    assert doc.assignments[0].deadline is not None and doc.assignments[0].deadline.due == date(2026, 3, 20)
    assert all(c.kind.value == "paragraph" for c in doc.clauses)


@pytest.mark.parametrize(
    "unit, lead",
    [
        ("Đồng thời, Phó Thủ tướng cũng yêu cầu Bộ trưởng Bộ Tài chính báo cáo tình hình.", ["Bộ trưởng Bộ Tài chính"]),
        # the adverb as OCR repair left it
        ("Đồng thời, Phó Thủ tướng cứng yêu cầu Bộ trưởng Bộ Tài chính báo cáo tình hình.", ["Bộ trưởng Bộ Tài chính"]),
    ],
    ids=["cung", "ocr-cung"],
)
def test_an_adverb_between_the_speaker_and_the_verb(unit, lead):
    assert [b.name for b in find_subject(unit).lead] == lead


def test_a_negated_request_names_no_addressee():
    assert [b.name for b in find_subject("Thủ tướng không yêu cầu Bộ Y tế báo cáo.").lead] != ["Bộ Y tế"]


@pytest.mark.parametrize(
    "unit",
    [
        "Đồng ý với đề nghị của Sở Tài chính tại Tờ trình nêu trên.",
        "Chấp thuận chủ trương đầu tư dự án đường ven biển theo đề nghị của Sở Xây dựng.",
        "Vănphòng Ủy ban nhân dân tỉnh xin thông báo để các sở, ngành biết, thực hiện.",
        "Văn phòng Ủy ban nhân dân tỉnh xin thôngbáo để các sở, ngành biết, thực hiện.",
        # a meeting announced, as the blind repair reads "sẽ họp với"
        "Trên cơ sở đó, Phó Thủ tướng sẽ hợp với Bộ trưởng Bộ Tài chính và các Bộ, cơ quan liên quan về nội dung này.",
    ],
    ids=["dong-y", "chap-thuan", "glued-subject", "glued-formula", "meeting-as-repaired"],
)
def test_approvals_and_notice_formulas_are_no_tasks(unit):
    assert parse(f"1. {unit}\n").assignments == []


def test_a_news_letter_that_asks_addresses_its_numbered_items():
    found = addressees("Ngày 9/11, UBND tỉnh ban hành văn bản yêu cầu các sở, ngành chủ động ứng phó với bão:")
    assert [b.name for b in found] == ["các sở, ban, ngành"]  # the gazetteer's name of the group


def test_reports_a_meeting_heard_are_no_tasks():
    # a monthly resolution's section of the reports the Government heard, in the past tense
    body = (
        "I. Về nhiệm vụ trọng tâm\n"
        "1. Sở Tài chính khẩn trương hoàn thiện phương án phân bổ vốn.\n"
        "II. Về việc báo cáo theo Quy chế làm việc\n"
        "Tại phiên họp, các sở đã có báo cáo Ủy ban nhân dân tỉnh như sau:\n"
        "1. Sở Tư pháp báo cáo về tiếp thu, giải trình dự thảo Quy chế phối hợp.\n"
        "2. Sở Xây dựng báo cáo về điều chỉnh quy hoạch chung đô thị.\n"
    )
    assert [(a.clause, [b.name for b in a.lead]) for a in parse(body).assignments] == [("I.1", ["Sở Tài chính"])]
    # the same items under a heading that asks for the reports are tasks
    asked = parse(body.replace("các sở đã có báo cáo Ủy ban nhân dân tỉnh như sau:", "yêu cầu các sở báo cáo như sau:"))
    assert [a.clause for a in asked.assignments] == ["I.1", "II.1", "II.2"]


@pytest.mark.parametrize(
    "case",
    [
        "Trường hợp hợp đồng quy định thanh toán bằng quỹ đất thì Ủy ban nhân dân tỉnh thực hiện như sau:",
        "Đối với dự án đã hoàn thành, cơ quan có thẩm quyền xử lý như sau:",
        "Khi nhận được quyết định phê duyệt của Chủ tịch Ủy ban nhân dân tỉnh, thực hiện như sau:",
    ],
    ids=["truong-hop-thi", "doi-voi", "khi"],
)
def test_a_rules_procedure_for_a_case_gives_no_tasks(case):
    body = (
        "1. Sở Tài chính khẩn trương hoàn thiện phương án phân bổ vốn.\n"
        f"2. {case}\n"
        "a) Sở Tài chính rà soát hợp đồng, thỏa thuận với nhà đầu tư;\n"
        "b) Sở Xây dựng bố trí quỹ đất thanh toán cho nhà đầu tư.\n"
    )
    assert [a.clause for a in parse(body).assignments] == ["1"]
    # the same items under a heading that gives them are tasks
    given = parse(body.replace(case, "Ủy ban nhân dân tỉnh chỉ đạo thực hiện các nhiệm vụ sau:"))
    assert [a.clause for a in given.assignments][-2:] == ["2.a", "2.b"]


def test_a_paragraph_opening_trong_do_details_the_task_before():
    news = (
        "Phó Thủ tướng yêu cầu Bộ Tài chính báo cáo về công tác quản lý hạn ngạch xuất khẩu.\n"
        "Trong đó, nêu cụ thể quy trình, cách làm và danh sách các doanh nghiệp đã đăng ký.\n"
        "Phó Thủ tướng cũng yêu cầu Bộ Công Thương báo cáo việc triển khai công tác phối hợp.\n"
    )
    doc = parse_text(news, issued=ISSUED)
    assert [([b.name for b in a.lead], a.task[:9]) for a in doc.assignments] == [
        (["Bộ Tài chính"], "báo cáo v"),
        (["Bộ Công Thương"], "báo cáo v"),
    ]
    # without "Trong đó," the paragraph is a task of its own for the body carried over
    other = parse_text(news.replace("Trong đó, nêu", "Đồng thời, nêu"), issued=ISSUED)
    assert len(other.assignments) == 3


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        (
            "Trong phạm vi nhiệm vụ, quyền hạn của mình, Bộ Công an có trách nhiệm phối hợp với Bộ Quốc phòng.",
            ["Bộ Công an"],
            "có trách nhiệm phối hợp",
        ),
        ("Theo chức năng, nhiệm vụ được giao, Sở Y tế chủ động triển khai kế hoạch.", ["Sở Y tế"], "chủ động triển khai"),
        # no subject: the scope opens the task of the body named before, and stays in it
        ("Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan liên quan.", [], "Căn cứ chức năng"),
    ],
    ids=["trong-pham-vi", "theo-chuc-nang", "no-subject"],
)
def test_a_scope_opening_the_sentence_is_a_lead_in_before_its_subject(unit, lead, task):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == lead
    assert unit[subj.task_start :].startswith(task)


def test_a_paragraph_opening_with_its_scope_continues_the_subject_before():
    text = (
        "Chủ tịch UBND tỉnh vừa có công văn giao UBND các huyện, thành phố tổ chức kiểm tra, rà soát tình hình "
        "sạt lở bờ sông, gửi Sở Nông nghiệp và Phát triển nông thôn trước ngày 29/6/2018.\n"
        "Theo chức năng, nhiệm vụ được giao, chủ động triển khai thực hiện các nội dung Công văn nêu trên.\n"
    )
    doc = parse_text(text, issued=ISSUED)
    scoped = [a for a in doc.assignments if "chủ động triển khai" in a.task]
    assert len(scoped) == 1
    assert [b.name for b in scoped[0].lead] == [b.name for b in doc.assignments[0].lead]


def test_lower_case_sub_items_are_the_objects_of_one_task():
    item = (
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n- Hướng dẫn các chủ đầu tư thực hiện theo quy định về: (i) đấu nối giao thông"
        " các tuyến đường nhánh; (ii) cải tạo công trình trong phạm vi đường bộ; (iii) quản lý hành lang an toàn đường bộ.\n"
    )
    doc = parse(item)
    assert [(a.clause, a.task[:9]) for a in doc.assignments] == [("II.1.-1", "Hướng dẫn")]
    # capitalised, each naming its own doer, they are tasks of their own
    named = parse(
        item.replace("(i) đấu nối", "(i) Sở Giao thông đấu nối")
        .replace("(ii) cải tạo", "(ii) Công an tỉnh cải tạo")
        .replace("(iii) quản lý", "(iii) Sở Tài chính quản lý")
    )
    assert [[b.name for b in a.lead] for a in named.assignments][-2:] == [["Công an tỉnh"], ["Sở Tài chính"]]
    # after a verb, lower-case sub-items are its tasks
    verb = parse(item.replace("thực hiện theo quy định về:", "chỉ đạo:"))
    assert [a.clause for a in verb.assignments] == ["II.1.-1.(i)", "II.1.-1.(ii)", "II.1.-1.(iii)"]


@pytest.mark.parametrize(
    "heading, lead",
    [
        ("1. Trách nhiệm chung của các sở, ngành", "các sở, ban, ngành"),
        ("1. Nhiệm vụ cụ thể của các cơ quan, đơn vị", "các cơ quan, đơn vị"),
        ("1. Trách nhiệm của các cơ quan, đơn vị", "các cơ quan, đơn vị"),
    ],
    ids=["chung", "cu-the", "plain"],
)
def test_a_heading_of_common_or_specific_duties_names_whose_they_are(heading, lead):
    doc = parse(
        f"II. TỔ CHỨC THỰC HIỆN\n{heading}\n- Lãnh đạo, chỉ đạo thực hiện nghiêm các quy định.\n- Thực hiện thanh tra, kiểm tra.\n"
    )
    assert [[b.name for b in a.lead] for a in doc.assignments] == [[lead], [lead]]


def test_sub_items_after_dac_biet_la_are_cases_of_one_task():
    item = (
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường\n- Kịp thời phát hiện và xử lý nghiêm các hành vi vi phạm, "
        "đặc biệt là: (i) Khai thác khoáng sản trái phép; (ii) Khai thác không đúng nội dung giấy phép.\n"
    )
    assert [a.clause for a in parse(item).assignments] == ["II.1.-1"]
    # after a verb the capitalised sub-items stay tasks
    verb = parse(item.replace("các hành vi vi phạm, đặc biệt là:", "chỉ đạo:"))
    assert [a.clause for a in verb.assignments] == ["II.1.-1.(i)", "II.1.-1.(ii)"]


def test_an_ellipsis_ends_the_item_before_the_next_dash():
    doc = parse(
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n- Tiếp tục kiểm tra, kiểm soát, xử lý vi phạm đối với các bến, bãi tập kết vật liệu "
        "cát, sỏi xây dựng theo đúng quy định. Kiên quyết chấm dứt các bến bãi tập kết cát, sỏi trái phép, tự phát…\n"
        "- Chủ trì, phối hợp với các cơ quan liên quan kiểm soát tải trọng phương tiện.\n"
    )
    assert [a.clause for a in doc.assignments] == ["II.1.-1", "II.1.-2"]


@pytest.mark.parametrize(
    "line",
    [
        "- Rà soát các dự án; đối với những dự án đã phê duyệt, chủ động hướng dẫn, đôn đốc, yêu cầu các đơn vị điều chỉnh thiết kế.",
        "- Đánh giá tiềm năng tạo tín chỉ; yêu cầu các tổ chức, doanh nghiệp thực hiện dự án báo cáo kết quả.",
        "- Yêu cầu các đơn vị hoạt động khai thác khoáng sản lắp đặt hệ thống giám sát.",
    ],
    ids=["verb-series", "firms-after-semicolon", "operators-item"],
)
def test_a_body_asking_firms_to_act_is_its_own_task(line):
    doc = parse(f"II. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n{line}\n")
    assert [([b.name for b in a.lead], a.task[:8]) for a in doc.assignments] == [(["Sở Xây dựng"], line[2:10])]


def test_a_state_body_asked_by_name_is_still_addressed():
    doc = parse("II. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n- Rà soát các dự án; yêu cầu Sở Tài chính bố trí kinh phí.\n")
    assert [[b.name for b in a.lead] for a in doc.assignments] == [["Sở Xây dựng"], ["Sở Tài chính"]]


@pytest.mark.parametrize(
    "line",
    [
        "Trong quá trình thực hiện, nếu phát sinh vướng mắc, các cơ quan báo cáo Sở Nội vụ để tổng hợp.",
        "Trong quá trình thực hiện, nếu phát hiện khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo Bộ Tài chính.",
        "Nếu gặp khó khăn, các sở, ngành kịp thời phản ánh về Sở Nội vụ.",
    ],
)
def test_contingency_lines_in_every_form_are_no_task(line):
    doc = parse(f"II. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính bố trí kinh phí thực hiện.\n2. {line}\n")
    assert [a.clause for a in doc.assignments] == ["II.1"]


@pytest.mark.parametrize(
    "unit",
    [
        "Tổng Bí thư lưu ý cơ cấu trong hội đồng phải bảo đảm cân đối tỷ lệ các nhà khoa học.",
        "Tổng Bí thư nhấn mạnh cơ chế tài chính phải thông thoáng hơn.",
    ],
)
def test_what_the_party_head_notes_names_no_subject(unit):
    # the speaker's words are no name of a body, whatever predicate follows them
    assert find_subject(unit).lead == []


@pytest.mark.parametrize("verb", ["Ra soát", "Khan trương rà soát", "Rà soát"], ids=["ra-soat", "khan-truong", "clean"])
def test_a_task_verb_that_lost_its_first_marks_still_ends_the_names(verb):
    # OCR'd archives: the line break after the heading lost, its task verb without marks
    doc = parse(f"II. TỔ CHỨC THỰC HIỆN\n1. Cục Thuế {verb} các hồ sơ khai thuế, hoàn thành trước ngày 30/6/2026.\n")
    assert [([b.name for b in a.lead], a.task.split(" ")[0]) for a in doc.assignments] == [(["Cục Thuế"], verb.split(" ")[0])]


@pytest.mark.parametrize(
    "unit",
    [
        "Tổ dạng & Thường trực Ủy ban Pháp luật chủ trì rà soát các luật.",
        "Tổ đăng 6 Thường trực Ủy ban Pháp luật chủ trì rà soát các luật.",
    ],
    ids=["ampersand", "six"],
)
def test_a_party_cell_as_english_model_ocr_reads_it_is_still_the_subject(unit):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == [unit.split(" chủ trì")[0]]
    assert unit[subj.task_start :].startswith("chủ trì")


@pytest.mark.parametrize(
    "unit, lead",
    [
        ("Giáo Vụ TCCB chủ trì, phối hợp với các đơn vị rà soát.", ["Vụ TCCB"]),
        ("Giáo các Cục Thuế chủ động rà soát hồ sơ.", ["Cục Thuế"]),
        ("Giáo dục pháp luật cho cán bộ, công chức.", []),
    ],
    ids=["unit", "plural", "the-noun"],
)
def test_the_hand_over_verb_as_the_blind_repair_reads_it(unit, lead):
    assert [b.name for b in find_subject(unit).lead][:1] == lead


def test_plus_items_under_a_dash_heading_are_its_items():
    doc = parse(
        "II. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của các bộ, ngành liên quan\n- Bộ Nông nghiệp và Phát triển nông thôn:\n"
        "+ Chủ trì tổ chức triển khai thực hiện Chương trình.\n+ Xây dựng kế hoạch thực hiện hằng năm.\n- Bộ Tài chính:\n"
        "+ Bố trí kinh phí thực hiện.\n"
    )
    assert [(a.clause, [b.name for b in a.lead]) for a in doc.assignments] == [
        ("II.1.-1.-1", ["Bộ Nông nghiệp và Phát triển nông thôn"]),
        ("II.1.-1.-2", ["Bộ Nông nghiệp và Phát triển nông thôn"]),
        ("II.1.-2.-1", ["Bộ Tài chính"]),
    ]
    # a plan's activity fields stay side by side, whatever their marks
    fields = parse(
        "II. TỔ CHỨC THỰC HIỆN\n1. Rà soát văn bản\n- Nội dung: Rà soát các văn bản quy phạm pháp luật có liên quan.\n"
        "- Thời gian thực hiện:\n+ Các bộ gửi kết quả rà soát về Bộ Công an trước ngày 15 tháng 12 năm 2025.\n"
        "+ Bộ Công an tổng hợp kết quả rà soát, báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12 năm 2025.\n"
    )
    assert all(a.clause.count("-") == 1 for a in fields.assignments)
