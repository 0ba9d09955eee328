"""Rules from this round's documents, each on short texts written for these tests in the genre's
shapes: spoken ordinals in speech reports, the Party's own document format and bodies, committees
named by number, a group's member list, and a heading that is a described group."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser import parse_text
from directive_parser.extract import bodies
from directive_parser.extract.grammar import strip_openers

ISSUED = date(2026, 3, 2)

HEADER = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 15/UBND-TH
An Giang, ngày 02 tháng 3 năm 2026
V/v triển khai Nghị định số 10/2026/NĐ-CP
Kính gửi: Các sở, ban, ngành thuộc UBND tỉnh.
Thực hiện Nghị định số 10/2026/NĐ-CP, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:
"""
FOOTER = """Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def rows(doc):
    return [(a.clause, [b.name for b in a.lead], a.task[:24]) for a in doc.assignments]


NEWS = """Phó Thủ tướng giao nhiệm vụ phòng chống buôn lậu cho tỉnh Hà Giang
Ngày 3/2, Phó Thủ tướng Chính phủ đã làm việc với tỉnh Hà Giang về công tác chống buôn lậu.
Năm 2025, tỉnh đã xử lý 800 vụ vi phạm, tăng 10% so với năm trước.
Phó Thủ tướng yêu cầu {who} cần tập trung làm tốt {count} nhiệm vụ trọng tâm{colon}
{first} tổ chức triển khai nghiêm các chỉ đạo của Chính phủ về chống buôn lậu.
{second} Ban Chỉ đạo 389 tỉnh Hà Giang làm tốt hơn nữa công tác điều phối các lực lượng chức năng.
{third} đẩy mạnh tuyên truyền pháp luật đến người dân khu vực biên giới.
Minh Anh
"""


@pytest.mark.parametrize(
    "first, second, third, count, colon",
    [("Một là,", "Hai là,", "Ba là,", "3", "."), ("Thứ nhất,", "Thứ hai,", "Thứ ba,", "các", " sau:")],
    ids=["mot-la", "thu-nhat"],
)
def test_spoken_ordinals_are_the_tasks_of_their_introduction(first, second, third, count, colon):
    # "Một là, …" / "Thứ nhất, …": each point is a task; a point without a subject is the introduction's
    # body's even after a point that named another; the introduction that counts them is no task.
    text = NEWS.format(who="tỉnh Hà Giang", first=first, second=second, third=third, count=count, colon=colon)
    doc = parse_text(text, issued=ISSUED)
    got = [([b.name for b in a.lead], a.task.split()[:2]) for a in doc.assignments]
    assert got == [
        (["Ủy ban nhân dân tỉnh Hà Giang"], ["tổ", "chức"]),
        (["Ban Chỉ đạo 389 tỉnh Hà Giang"], ["làm", "tốt"]),
        (["Ủy ban nhân dân tỉnh Hà Giang"], ["đẩy", "mạnh"]),
    ]


def test_a_weekday_is_not_a_spoken_ordinal():
    # "Thứ hai, ngày 5/1, …" is Monday, not the second point: the mark is not stripped before a date.
    assert strip_openers("Thứ hai, tổ chức phòng, chống buôn lậu …") == len("Thứ hai, ")
    assert strip_openers("Hai là, tổ chức phòng, chống buôn lậu …") == len("Hai là, ")
    assert strip_openers("Thứ hai, ngày 5/1/2026, tổ chức …") != len("Thứ hai, ")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ban Chỉ đạo 389 quốc gia chỉ đạo các bộ", "Ban Chỉ đạo 389 quốc gia"),
        ("Ban chỉ đạo 389 tỉnh Lào Cai làm tốt công tác chỉ đạo", "Ban chỉ đạo 389 tỉnh Lào Cai"),
        ("Ban Chỉ đạo 389 tỉnh chủ trì kiểm tra", "Ban Chỉ đạo 389 tỉnh"),
        ("Ban Chỉ đạo 138/CP và các bộ", "Ban Chỉ đạo 138/CP"),
        ("Ban Chỉ đạo 57 Chính phủ họp", "Ban Chỉ đạo 57 Chính phủ"),
    ],
)
def test_a_committee_named_by_its_number_ends_with_its_level_or_place(text, name):
    assert bodies.find_bodies(text)[0].body.text == name


@pytest.mark.parametrize(
    "text, name",
    [
        ("Quân uỷ Trung ương chủ trì", "Quân ủy Trung ương"),
        ("Đảng uỷ Công an Trung ương chỉ đạo", "Đảng ủy Công an Trung ương"),
        ("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương lãnh đạo", "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương"),
        ("Các tỉnh uỷ, thành uỷ xây dựng chương trình", "các tỉnh ủy, thành ủy"),
        ("Đảng uỷ các bộ, ngành thuộc Đảng uỷ Chính phủ xây dựng kế hoạch", "Đảng ủy các bộ, ngành"),
    ],
)
def test_party_committees_are_bodies(text, name):
    assert bodies.find_bodies(text)[0].body.name == name


PARTY = """BAN CHẤP HÀNH TRUNG ƯƠNG
Số 12-CTr/TW Hà Nội, ngày 02 tháng 3 năm 2026
CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Kết luận số 10-KL/TW về chuyển đổi số
1- MỤC ĐÍCH, YÊU CẦU
1. Chương trình hành động nhằm cụ thể hoá Kết luận.
II- NHIỆM VỤ CHỦ YẾU
1. Tăng cường sự lãnh đạo của Đảng
- Đẩy mạnh tuyên truyền về chuyển đổi số.
HI- TỔ CHỨC THỰC HIỆN
1. Quân uỷ Trung ương
a) Chủ trì xây dựng đề án chuyển đổi số trong quân đội.
b) Chỉ đạo rà soát hạ tầng số.
2. Các tỉnh uỷ, thành uỷ
8) Xây dựng chương trình hành động của địa phương.
b) Lãnh đạo, chỉ đạo bố trí ngân sách.
3. Ban Tuyên giáo và Dân vận Trung ương
Chủ trì hướng dẫn công tác tuyên truyền.
T/M BỘ CHÍNH TRỊ
"""


def test_party_format_parts_and_a_point_read_as_a_digit():
    # "I- …" / "II- …" / "III- …" are the Party's parts ("1-" and "HI-" as a scan reads them); "8)"
    # where "a)" is due, its section's own number next, is the point "a)".
    doc = parse_text(PARTY, issued=ISSUED)
    assert rows(doc) == [
        ("III.1.a", ["Quân ủy Trung ương"], "Chủ trì xây dựng đề án c"),
        ("III.1.b", ["Quân ủy Trung ương"], "Chỉ đạo rà soát hạ tầng "),
        ("III.2.a", ["các tỉnh ủy, thành ủy"], "Xây dựng chương trình hà"),
        ("III.2.b", ["các tỉnh ủy, thành ủy"], "Lãnh đạo, chỉ đạo bố trí"),
        ("III.3", ["Ban Tuyên giáo và Dân vận Trung ương"], "Chủ trì hướng dẫn công t"),
    ]


def test_a_groups_member_list_gives_no_tasks_and_its_name_line_heads_the_points():
    body = """1. Các sở quản lý nhà nước về hạ tầng
Giao các sở quản lý chuyên ngành về hạ tầng theo lĩnh vực gồm:
- Sở Công Thương (đối với hạ tầng thương mại);
- Sở Xây dựng (đối với hạ tầng đô thị; hạ tầng kỹ thuật).
Có trách nhiệm:
a) Chủ trì rà soát, thống kê tài sản thuộc phạm vi quản lý.
b) Hướng dẫn các đơn vị lập hồ sơ tài sản.
2. Các cơ quan, đơn vị được giao quản lý tài sản kết cấu hạ tầng
a) Thực hiện kê khai tài sản đúng quy định.
b) Phối hợp với Sở Tài chính trong việc kiểm kê.
"""
    doc = parse_text(HEADER + body + FOOTER, issued=ISSUED)
    assert rows(doc) == [
        ("1.a", ["Các sở quản lý nhà nước về hạ tầng"], "Chủ trì rà soát, thống k"),
        ("1.b", ["Các sở quản lý nhà nước về hạ tầng"], "Hướng dẫn các đơn vị lập"),
        ("2.a", ["Các cơ quan, đơn vị được giao quản lý tài sản kết cấu hạ tầng"], "Thực hiện kê khai tài sả"),
        ("2.b", ["Các cơ quan, đơn vị được giao quản lý tài sản kết cấu hạ tầng"], "Phối hợp với Sở Tài chín"),
    ]


def test_the_bare_closing_request_is_no_task_but_the_report_after_it_is():
    body = """1. Sở Tài chính chủ trì rà soát tài sản công trên địa bàn tỉnh.
2. Ủy ban nhân dân các xã, phường kê khai tài sản đúng quy định.
Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, Ủy ban nhân dân các xã, phường nghiêm túc triển khai thực hiện; định kỳ trước ngày 30 tháng 11 hằng năm báo cáo kết quả thực hiện về Sở Tài chính.
"""
    doc = parse_text(HEADER + body + FOOTER, issued=ISSUED)
    tasks = [a.task for a in doc.assignments]
    assert not any(t.strip(" ./;").endswith("triển khai thực hiện") and len(t) < 40 for t in tasks)
    report = [a for a in doc.assignments if "báo cáo kết quả" in a.task]
    assert len(report) == 1 and report[0].lead and report[0].deadline is not None


def test_a_review_clause_before_the_speaker_is_a_lead_in():
    # "Sau khi xem xét Chủ tịch … giao Sở …": the comma after the time clause is often left out.
    doc = parse_text(
        HEADER.replace(
            "Thực hiện Nghị định số 10/2026/NĐ-CP, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:\n",
            "",
        )
        + "Sau khi xem xét Chủ tịch Ủy ban nhân dân tỉnh giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, "
        "Ủy ban nhân dân xã Tân Lập và các cơ quan liên quan kiểm tra, xử lý việc lấn chiếm đất công.\n" + FOOTER,
        issued=ISSUED,
    )
    first = doc.assignments[0]
    assert [b.name for b in first.lead] == ["Sở Xây dựng"]
    assert "Sở Tài chính" in [b.name for b in first.coordinating]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Vườn quốc gia Cúc Phương chủ trì", "Vườn quốc gia Cúc Phương"),
        ("Công ty Lâm nghiệp Văn Bàn thực hiện", "Công ty Lâm nghiệp Văn Bàn"),
        ("Công ty Điện lực Lào Cai bảo đảm cấp điện", "Công ty Điện lực Lào Cai"),
        ("các Công ty Lâm nghiệp rà soát", "Công ty Lâm nghiệp"),
    ],
)
def test_forest_owners_and_firms_are_bodies(text, name):
    assert bodies.find_bodies(text)[0].body.text == name


def test_a_name_line_over_a_scoped_task():
    body = """1. Công an tỉnh, các sở, ban, ngành và Ủy ban nhân dân các xã, phường
Theo chức năng, nhiệm vụ, phạm vi quản lý tổ chức tuyên truyền, phổ biến Quyết định số 15/QĐ-BXD.
2. Sở Xây dựng
Chủ trì hướng dẫn áp dụng các giải pháp kỹ thuật.
"""
    doc = parse_text(HEADER + body + FOOTER, issued=ISSUED)
    first = doc.assignments[0]
    assert first.task.startswith("Theo chức năng")
    assert "Công an tỉnh" in [b.name for b in first.lead] and not any("Theo" in b.name for b in first.lead)


def test_an_official_quoted_by_title_speaks_and_background_does_not_carry_the_subject():
    text = """Ngành Hải quan triển khai nhiệm vụ thu ngân sách năm 2026
Ngày 5/1, hội nghị trực tuyến toàn Ngành Hải quan đã diễn ra tại Hà Nội.
Phó Tổng cục trưởng Nguyễn Văn B cũng yêu cầu Cục Hải quan các tỉnh, thành phố tăng cường kiểm tra sau thông quan.
Bên cạnh đó, tình hình thương mại quốc tế tiếp tục diễn biến phức tạp.
Minh Anh
"""
    doc = parse_text(text, issued=ISSUED)
    assert [([b.name for b in a.lead], a.task.split()[:2]) for a in doc.assignments] == [
        (["Cục Hải quan các tỉnh, thành phố"], ["tăng", "cường"])
    ]
