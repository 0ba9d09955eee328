"""Other document types of the genre, written for these tests: a Thông báo kết luận and a Công điện."""

from datetime import date
from pathlib import Path

import pytest

from directive_parser import parse_directive

DATA = Path(__file__).parent / "data"


def rows(doc):
    return [(a.clause, [b.name for b in a.lead], a.deadline.due if a.deadline else None, a.recurrence) for a in doc.assignments]


@pytest.fixture(scope="module")
def thong_bao():
    return parse_directive(DATA / "genre_thong_bao.txt")


@pytest.fixture(scope="module")
def cong_dien():
    return parse_directive(DATA / "genre_cong_dien.txt")


def test_thong_bao_header(thong_bao):
    assert (thong_bao.number, thong_bao.doc_type, thong_bao.issuer, thong_bao.issued) == (
        "512/TB-VPCP",
        "Thông báo",
        "Văn phòng Chính phủ",
        date(2025, 12, 15),
    )
    # "… về chuyển đổi số" ends the title: "số" continues a title only into a number
    assert thong_bao.title == "Kết luận của Phó Thủ tướng Chính phủ Nguyễn Chí Dũng tại cuộc họp về chuyển đổi số"
    assert (thong_bao.signer, thong_bao.signer_title) == ("Nguyễn Sỹ Hiệp", "Phó chủ nhiệm")


def test_thong_bao_records(thong_bao):
    assert rows(thong_bao) == [
        ("II.1", ["các bộ, ngành, địa phương"], date(2025, 12, 31), None),
        ("II.2.a", ["Bộ Khoa học và Công nghệ"], date(2026, 1, 31), None),  # heading "2. Bộ KH&CN:" inherited
        ("II.2.b", ["Bộ Khoa học và Công nghệ"], None, "quarterly"),
        ("II.3", ["Bộ Tài chính"], None, None),
        ("II.3", ["Văn phòng Chính phủ"], None, None),
        # points of a heading whose own sentence addresses them: "Đề nghị Thường trực Tỉnh ủy …"
        ("III.1", ["Thường trực Tỉnh ủy"], None, None),
        ("III.2", ["Thường trực Tỉnh ủy"], None, None),
        # "Về <topic>: giao Bộ X …", "Về <topic>: <request>: đề nghị các Tập đoàn: A, B …"
        ("IV.1", ["Bộ Tài chính"], date(2026, 1, 31), None),
        ("IV.2", ["Bộ Nông nghiệp và Môi trường"], None, None),
        ("IV.3", ["Các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội"], date(2026, 12, 31), None),
    ]
    # the findings of part I ("… đã hoàn thành 90% nhiệm vụ") are not tasks; the closing
    # "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./." is not one either
    assert not any("thông báo" in a.task for a in thong_bao.assignments)
    coordinated = thong_bao.assignments[1]
    assert [b.name for b in coordinated.coordinating] == ["Bộ Tài chính"]
    assert coordinated.product and coordinated.product.startswith("Nghị định") and coordinated.submit_to == "Chính phủ"


def test_cong_dien(cong_dien):
    assert (cong_dien.number, cong_dien.doc_type, cong_dien.signer_title) == ("12/CĐ-TTg", "Công điện", "Phó Thủ tướng")
    got = rows(cong_dien)
    # the address list after "THỦ TƯỚNG CHÍNH PHỦ điện:" gives no records; each numbered point does
    assert [r[0] for r in got] == ["1", "2", "3", "4"]
    assert got[0][1] == ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert got[1][1] == ["Bộ Quốc phòng", "Bộ Công an"]
    assert got[2][3] == "regular"  # "định kỳ báo cáo"
    assert got[0][2] == date(2025, 10, 21)  # "trước 17 giờ ngày 21/10/2025"


CLOSING_LIST = """UBND TỈNH QUẢNG TRỊ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 07/CT-UBND Quảng Trị, ngày 2 tháng 12 năm 2025
CHỈ THỊ
Về bảo vệ rừng mùa khô
1. Ủy ban nhân dân các xã, phường:
- Rà soát diện tích rừng bị lấn chiếm, hoàn thành trước ngày 31/12/2025.
3. Sở Tài chính
- Bố trí kinh phí cắm mốc ranh giới rừng.
Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường; Thủ trưởng các cơ quan liên quan triển khai thực hiện nghiêm túc Chỉ thị này./.
"""


def test_provincial_directive_with_skipped_section_and_addressee_list():
    from directive_parser import parse_text

    doc = parse_text(CLOSING_LIST)
    got = rows(doc)
    assert got[0] == ("1.-1", ["Ủy ban nhân dân các xã, phường"], date(2025, 12, 31), None)  # "X:" heading inherited
    assert got[1] == ("3.-1", ["Sở Tài chính"], None, None)  # section 2 missing: "3." still a section
    # ';' separates addressees in the closing, not tasks: one record with three titled leads
    assert got[2][0] == "closing" and got[2][1] == [
        "Giám đốc các sở, ban, ngành",
        "Chủ tịch Ủy ban nhân dân các xã, phường",
        "Thủ trưởng các cơ quan liên quan",
    ]
    assert len(got) == 3
