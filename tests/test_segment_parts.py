"""Lettered parts above a plan's Roman parts ("A. MỤC ĐÍCH, YÊU CẦU", "B. NỘI DUNG …", "D. TỔ CHỨC
THỰC HIỆN"), each restarting its numbering; texts written for these tests in the genre's shape."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser import parse_text

PLAN = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Số: 15/KH-UBND
Bắc Kạn, ngày 10 tháng 02 năm 2026
KẾ HOẠCH
Phòng, chống thiên tai năm 2026
A. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Chủ động phòng, chống thiên tai.
B. NHIỆM VỤ CỤ THỂ
I. CÔNG TÁC CHUẨN BỊ
1. Sở Nông nghiệp và Môi trường rà soát phương án ứng phó trước ngày 31/5/2026.
2. Sở Xây dựng kiểm tra an toàn công trình.
II. CÔNG TÁC ỨNG PHÓ
1. Công an tỉnh bố trí lực lượng cứu hộ.
{d}. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.
2. Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn E
"""


def test_lettered_parts_hold_the_roman_parts_and_restart_their_numbers():
    doc = parse_text(PLAN.format(d="C"), issued=date(2026, 2, 10))
    leads = {a.clause: [b.name for b in a.lead] for a in doc.assignments}
    assert leads["B.I.1"] == ["Sở Nông nghiệp và Môi trường"]
    assert leads["B.II.1"] == ["Công an tỉnh"]
    # the last part's "1." and "2." are its own, not a continuation of B.II
    assert leads["C.1"] == ["Sở Tài chính"]
    assert leads["C.2"] == ["Văn phòng Ủy ban nhân dân tỉnh"]


@pytest.mark.parametrize("letter", ["D", "E"])
def test_a_part_out_of_sequence_is_no_part(letter):
    # "D." straight after "B." skips a part: its line is no part, and no record is under it
    doc = parse_text(PLAN.format(d=letter), issued=date(2026, 2, 10))
    clauses = [a.clause for a in doc.assignments]
    assert "B.I.1" in clauses
    assert not any(c.startswith(letter) for c in clauses)
