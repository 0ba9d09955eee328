"""Who a Chỉ thị's sections are for: the addressees its preamble names (and the short name it gives
them), long addressee lists, and the "trong đó" unit that details a dated task. Short texts written
for these tests in the genre's shapes, not taken from any document of the dev or test sets."""

from __future__ import annotations

from datetime import date

import pytest
from _factories import leads_by_clause

from directive_parser import parse_text
from directive_parser.extract.grammar import find_subject
from directive_parser.extract.layouts.numbered import addressees

ISSUED = date(2026, 3, 2)

HEADER = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 08/CT-TTg
Hà Nội, ngày 02 tháng 3 năm 2026
CHỈ THỊ
Về các giải pháp thúc đẩy sản xuất nông nghiệp
"""
FOOTER = """Nơi nhận:
- Các Bộ, cơ quan ngang Bộ;
- Lưu: VT, KTTH.
THỦ TƯỚNG
Nguyễn Văn B
"""

ADDRESSEES = (
    "các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các "
    "tỉnh, thành phố trực thuộc Trung ương, Chủ tịch Hội đồng thành viên, Tổng giám đốc các tập đoàn kinh "
    "tế, tổng công ty nhà nước"
)

BODY = """Để thúc đẩy sản xuất nông nghiệp, Thủ tướng Chính phủ yêu cầu {who}{alias}{end}
I. NHIỆM VỤ TRỌNG TÂM
1. Quán triệt quan điểm phát triển nông nghiệp bền vững, lấy nông dân làm trung tâm.
2. Tập trung tháo gỡ khó khăn cho các hợp tác xã nông nghiệp.
II. NHIỆM VỤ, GIẢI PHÁP CỤ THỂ
1. Bộ Nông nghiệp và Môi trường hướng dẫn các địa phương chuyển đổi cơ cấu cây trồng.
III. TỔ CHỨC THỰC HIỆN
1. Bộ Tài chính theo dõi, đôn đốc việc thực hiện Chỉ thị này.
"""


def parse(body: str):
    return parse_text(HEADER + body + FOOTER, issued=ISSUED)


@pytest.mark.parametrize(
    "alias, end, general",
    [
        # the preamble ends by addressing who does the sections: its addressees do the general ones,
        # though the Chỉ thị also has a "TỔ CHỨC THỰC HIỆN" section
        (" (sau đây gọi tắt là các bộ, cơ quan trung ương và địa phương)", ":", ["các bộ, cơ quan trung ương và địa phương"]),
        (" (sau đây gọi chung là các bộ, ngành, địa phương)", " thực hiện các nhiệm vụ sau:", ["các bộ, ngành, địa phương"]),
        (
            "",
            ":",
            [
                "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ",
                "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                "Chủ tịch Hội đồng thành viên, Tổng giám đốc các tập đoàn, tổng công ty nhà nước",
            ],
        ),
        # a preamble that closes with a full stop introduces no sections: a plan organised by its
        # "TỔ CHỨC THỰC HIỆN" section gives its general sections no doer
        ("", " tổ chức thực hiện nghiêm Chỉ thị này.", None),
    ],
    ids=["alias-colon", "gọi-chung", "no-alias", "full-stop"],
)
def test_a_preamble_that_addresses_the_sections_gives_their_doer(alias, end, general):
    doc = parse(BODY.format(who=ADDRESSEES, alias=alias, end=end))
    leads = leads_by_clause(doc)
    assert leads["II.1"] == ["Bộ Nông nghiệp và Môi trường"]
    assert leads["III.1"] == ["Bộ Tài chính"]
    if general is None:
        assert "I.1" not in leads and "I.2" not in leads
    else:
        assert leads["I.1"] == general and leads["I.2"] == general


def test_the_short_name_is_the_lead_and_the_list_its_text():
    text = f"Thủ tướng Chính phủ yêu cầu {ADDRESSEES} (sau đây gọi tắt là các bộ, ngành, địa phương):"
    (body,) = addressees(text)
    assert body.name == "các bộ, ngành, địa phương"
    assert body.text == ADDRESSEES


@pytest.mark.parametrize(
    "tail",
    [" tập trung chỉ đạo triển khai ngay các giải pháp sau:", " khẩn trương rà soát các dự án chậm tiến độ."],
)
def test_an_addressee_list_longer_than_the_subject_window_keeps_its_last_name(tail):
    # 230 characters of names: the last, "… tổng công ty nhà nước", is not cut to "… tổng công ty"
    text = ADDRESSEES[0].upper() + ADDRESSEES[1:] + tail
    subj = find_subject(text)
    assert [b.name for b in subj.lead][-1] == "Chủ tịch Hội đồng thành viên, Tổng giám đốc các tập đoàn, tổng công ty nhà nước"
    assert len(subj.lead) == 3
    assert text[subj.task_start :].startswith(tail.strip())


@pytest.mark.parametrize(
    "item, records",
    [
        (
            "a) Bộ Tài chính chủ trì tổ chức hội nghị toàn quốc về giải ngân vốn đầu tư công trong tháng 4 năm 2026; "
            "trong đó làm rõ trách nhiệm của người đứng đầu trong giải ngân chậm.",
            1,
        ),
        (
            "a) Bộ Tài chính hoàn thành dự thảo Nghị định trước ngày 30/6/2026; trong đó ưu tiên các chính sách "
            "hỗ trợ doanh nghiệp nhỏ và vừa.",
            1,
        ),
        # a unit that opens with its own verb after the dated task is still a task of its own
        (
            "a) Bộ Tài chính hoàn thành dự thảo Nghị định trước ngày 30/6/2026; tổng kết việc thực hiện "
            "Nghị định cũ, báo cáo Thủ tướng Chính phủ trong quý IV năm 2026.",
            2,
        ),
    ],
    ids=["trong-do-details", "trong-do-priority", "own-verb"],
)
def test_a_trong_do_unit_details_the_dated_task_before_it(item, records):
    body = "Thủ tướng Chính phủ yêu cầu các bộ, ngành thực hiện các nhiệm vụ sau:\n1. Về đầu tư công\n" + item + "\n"
    doc = parse(body)
    assert len(doc.assignments) == records
    assert all([b.name for b in a.lead] == ["Bộ Tài chính"] for a in doc.assignments)


LETTER = """BỘ TÀI CHÍNH
TỔNG CỤC HẢI QUAN
Số: 512/TCHQ-GSQL
V/v tăng cường kiểm tra sau thông quan
Hà Nội, ngày 02 tháng 3 năm 2026
Kính gửi: Cục Hải quan các tỉnh, thành phố.
Trong năm 2025, toàn ngành đã kiểm tra sau thông quan được 4.100 doanh nghiệp, cho thấy:
- Một số đơn vị có tỷ lệ hoàn thành kế hoạch thấp.
- Dữ liệu trên hệ thống chưa được cập nhật đầy đủ.
{request}
1/ Rà soát lại kế hoạch kiểm tra sau thông quan năm 2026.
2/ Tăng cường phối hợp với cơ quan thuế trong trao đổi thông tin doanh nghiệp.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. TỔNG CỤC TRƯỞNG
PHÓ TỔNG CỤC TRƯỞNG
Nguyễn Văn C
"""


@pytest.mark.parametrize(
    "request_line, lead",
    [
        # the request closes the background bullets and introduces the points
        (
            "Để hoàn thành nhiệm vụ năm 2026, Tổng cục Hải quan yêu cầu Cục Hải quan các tỉnh, thành phố thực hiện "
            "một số giải pháp sau:",
            ["Cục Hải quan các tỉnh, thành phố"],
        ),
        # a sentence that ends the bullets without a colon addresses no points
        ("Tổng cục Hải quan yêu cầu Cục Hải quan các tỉnh, thành phố nghiêm túc rút kinh nghiệm.", None),
    ],
    ids=["colon", "no-colon"],
)
def test_a_request_after_the_background_bullets_addresses_the_points(request_line, lead):
    doc = parse_text(LETTER.format(request=request_line), issued=ISSUED)
    leads = leads_by_clause(doc)
    if lead is None:
        assert "1" not in leads and "2" not in leads
    else:
        assert leads["1"] == lead and leads["2"] == lead


@pytest.mark.parametrize(
    "unit",
    [
        "Đối với các dự án chậm tiến độ, yêu cầu có báo cáo kết quả thực hiện trước ngày 30/6/2026.",
        "Đề nghị có ý kiến bằng văn bản gửi Bộ Tài chính trước ngày 15/3/2026.",
    ],
)
def test_asking_to_have_a_report_names_no_addressee(unit):
    assert find_subject(unit).lead == []


@pytest.mark.parametrize(
    "sentence, leads",
    [
        # "giao ban" is the briefing meeting, not a hand-over to a "Ban"
        ("Ngày 04/10/2026, Phó Tổng cục trưởng đã chủ trì Hội nghị giao ban đánh giá tình hình thực hiện nhiệm vụ tháng 9.", []),
        ("Tổng cục giao Ban Quản lý dự án thực hiện các nhiệm vụ sau:", ["Ban Quản lý dự án"]),
    ],
    ids=["briefing-meeting", "hand-over-to-a-board"],
)
def test_a_briefing_meeting_addresses_nobody(sentence, leads):
    assert [b.name for b in addressees(sentence)] == leads


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        # the head of a general department's unit, and a body's Party organ, open the subject
        (
            "Tổng cục Hải quan yêu cầu Cục trưởng Cục Hải quan các tỉnh, thành phố nghiêm túc thực hiện.",
            "Cục trưởng Cục Hải quan các tỉnh, thành phố",
            "nghiêm túc thực hiện.",
        ),
        ("Ban cán sự đảng Bộ Tài chính chỉ đạo xây dựng đề án trình Chính phủ.", "Ban cán sự đảng Bộ Tài chính", "chỉ đạo"),
        ("Đảng ủy Chính phủ lãnh đạo việc sắp xếp các đơn vị sự nghiệp.", "Đảng ủy Chính phủ", "lãnh đạo"),
        # a speaker with the committee he heads in apposition, and a comma after the verb
        (
            "Phó Thủ tướng Chính phủ, Trưởng Ban Chỉ đạo quốc gia về phòng chống thiên tai yêu cầu Bộ Xây dựng "
            "kiểm tra an toàn các công trình.",
            "Bộ Xây dựng",
            "kiểm tra",
        ),
        ("Thủ tướng Chính phủ yêu cầu, Bộ Y tế khẩn trương hướng dẫn các địa phương.", "Bộ Y tế", "khẩn trương"),
        # a news report: the situation first, then the telegram the Prime Minister signed
        (
            "Trước diễn biến phức tạp của cơn bão số 5, chiều ngày 20 tháng 9, Thủ tướng Chính phủ đã ký ban hành "
            "Công điện số 12/CĐ-TTg yêu cầu Bộ Quốc phòng sẵn sàng lực lượng cứu hộ.",
            "Bộ Quốc phòng",
            "sẵn sàng",
        ),
        # "tổ chức" is the noun of a group before "và cá nhân", not the verb
        (
            "Thủ tướng yêu cầu các tổ chức và cá nhân liên quan khẩn trương triển khai các nhiệm vụ.",
            "Các tổ chức và cá nhân liên quan",
            "khẩn trương",
        ),
    ],
    ids=["cuc-truong", "ban-can-su", "dang-uy", "apposition", "comma", "situation-telegram", "organisations-and-people"],
)
def test_titles_party_organs_and_speakers(unit, lead, task):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == [lead]
    assert unit[subj.task_start :].startswith(task)


def test_the_speakers_own_request_about_a_document_names_no_lead():
    # "yêu cầu," then a thing that must be so: the speaker is no lead of it
    subj = find_subject("Thủ tướng Chính phủ yêu cầu, Đề án phải bảo đảm tính khả thi và hiệu quả.")
    assert "Thủ tướng Chính phủ" not in [b.name for b in subj.lead]


@pytest.mark.parametrize(
    "heading, lead, successor",
    [
        # a Party cell of a committee's standing members, titles stacked before the committee
        ("Tổ đảng ở Thường trực Ủy ban Tư pháp", "Tổ đảng ở Thường trực Ủy ban Tư pháp", None),
        ("Thường trực Hội đồng Dân tộc", "Thường trực Hội đồng Dân tộc", None),
        # the National Assembly's committees before the 2025 merger keep their names, with today's holder
        ("Ủy ban Tài chính, Ngân sách", "Ủy ban Tài chính, Ngân sách", "Ủy ban Kinh tế và Tài chính"),
        ("Ủy ban Quốc phòng và An ninh", "Ủy ban Quốc phòng và An ninh", "Ủy ban Quốc phòng, An ninh và Đối ngoại"),
    ],
)
def test_committee_headings_name_their_doer(heading, lead, successor):
    subj = find_subject(heading + " chủ trì thẩm tra các dự án luật.")
    assert [b.name for b in subj.lead] == [lead]
    assert subj.lead[0].successor == successor


@pytest.mark.parametrize(
    "unit, lead",
    [
        (
            "Trường hợp cần điều chỉnh danh mục hàng hóa, dịch vụ, Sở Tài chính có trách nhiệm tham mưu Ủy ban nhân dân tỉnh.",
            ["Sở Tài chính"],
        ),
        (
            "Trường hợp hàng hóa do một cấp định giá: Sở Công Thương có trách nhiệm trình Ủy ban nhân dân tỉnh.",
            ["Sở Công Thương"],
        ),
        # a case followed by a bare verb names nobody: it continues the task before it
        ("Trường hợp vượt thẩm quyền, báo cáo Ủy ban nhân dân tỉnh xem xét.", []),
    ],
    ids=["comma", "colon", "bare-verb"],
)
def test_a_rules_case_before_the_body_whose_duty_it_is(unit, lead):
    assert [b.name for b in find_subject(unit).lead] == lead


@pytest.mark.parametrize(
    "unit, lead, task",
    [
        (
            "Về nhiệm vụ trọng tâm, Tổng Bí thư nêu rõ, Ban cán sự đảng Chính phủ chỉ đạo rà soát quy hoạch điện.",
            ["Ban cán sự đảng Chính phủ"],
            "chỉ đạo rà soát",
        ),
        ("Tổng Bí thư Tô Lâm yêu cầu: Bộ Công an chỉ đạo triển khai Đề án 06.", ["Bộ Công an"], "chỉ đạo triển khai"),
    ],
)
def test_the_party_head_quoted_by_the_news_is_a_speaker(unit, lead, task):
    subj = find_subject(unit)
    assert [b.name for b in subj.lead] == lead
    assert unit[subj.task_start :].startswith(task)


def test_handing_over_a_power_names_no_addressee():
    # "giao quyền tự chủ …": what is handed over, so the unit names no doer
    assert find_subject("giao quyền tự chủ trong sử dụng kinh phí nghiên cứu khoa học cho các viện.").lead == []


NEWS = """Chỉ đạo, điều hành nổi bật trong tuần
01/09/2016 10:00 AM
Bảo đảm tăng trưởng từng ngành
Trong tuần, Thủ tướng Chính phủ đã chủ trì nhiều cuộc làm việc với các bộ, ngành về tình hình kinh tế.
Theo kết luận của Thủ tướng, Chính phủ yêu cầu Bộ Công Thương tháo gỡ khó khăn cho sản xuất kinh doanh.
Bảo đảm an toàn thanh toán
{lead_in}- Tại văn bản 12/VPCP-KTTH, Thủ tướng Chính phủ yêu cầu Ngân hàng Nhà nước Việt Nam tăng cường thanh tra.
"""


@pytest.mark.parametrize(
    "lead_in, leads",
    [
        # OCR opened a paragraph with a speck read as "- ": the report stays prose, every paragraph read
        ("", [["Bộ Công Thương"], ["Ngân hàng Nhà nước Việt Nam"]]),
        # a list of one, announced by its intro: the paragraphs before it are the preamble
        (
            "Thủ tướng Chính phủ yêu cầu Ngân hàng Nhà nước Việt Nam thực hiện các nhiệm vụ sau:\n",
            [["Ngân hàng Nhà nước Việt Nam"]],
        ),
    ],
    ids=["speck-dash", "list-of-one"],
)
def test_a_lone_dash_item_makes_a_numbered_body_only_after_a_list_intro(lead_in, leads):
    doc = parse_text(NEWS.format(lead_in=lead_in), issued=ISSUED)
    assert [[b.name for b in a.lead] for a in doc.assignments] == leads


@pytest.mark.parametrize(
    "unit, task",
    [
        # the document's own province after a body the gazetteer knows without it is part of the name
        ("Ban Quản lý Khu kinh tế tỉnh chủ trì tham mưu thực hiện thủ tục đầu tư.", "chủ trì tham mưu"),
        ("Ban Quản lý Khu kinh tế và Ban Quản lý các Khu công nghiệp tỉnh đầu tư hạ tầng kỹ thuật.", "đầu tư hạ tầng"),
        # a ministry is no provincial body: "tỉnh táo" is the task's word
        ("Bộ Y tế tỉnh táo xử lý tình huống.", "tỉnh táo"),
    ],
    ids=["own-province", "after-a-list", "not-after-a-ministry"],
)
def test_the_own_province_after_a_provincial_body(unit, task):
    subj = find_subject(unit)
    assert unit[subj.task_start :].startswith(task)
