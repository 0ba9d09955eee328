"""Group rows of annex task tables whose Roman numeral OCR misread: the title in capitals heads the
rows below it, whatever the number cell holds."""

from __future__ import annotations

from directive_parser import parse_text

PLAN = """KẾ HOẠCH
Đổi mới công nghệ năm 2026
PHỤ LỤC
NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN
| STT | NHIỆM VỤ VÀ GIẢI PHÁP | CHỦ TRÌ | PHỐI HỢP | THỜI GIAN |
| 1 | NHÓM GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH / |  |  |  |
|  | Rà soát các cơ chế, chính sách khuyến khích xã hội hóa. | Sở Tài chính | Sở, ban, ngành có liên quan | Thường xuyên |
|  | Đề xuất giải pháp cải thiện môi trường đầu tư, kinh doanh. | Sở Tài chính | Sở Công Thương |  |
| —H | HỖ TRỢ VÀ PHÁT TRIỂN CÔNG NGHỆ |  |  |  |
|  | Xây dựng chương trình hỗ trợ đổi mới công nghệ cao cho doanh nghiệp. | Sở Khoa học và Công nghệ | Sở, ban, ngành có liên quan | Năm 2026 |
| lãi | GIẢI PHÁP TRONG CHUYỂN ĐỔI CÔNG NGHỆ TRONG CÁC NGÀNH |  |  |  |
|  | Triển khai công nghệ cao trong trồng trọt, thủy sản, chăn nuôi. | Sở Nông nghiệp và Môi trường |  |  |
| 3 | Hỗ trợ doanh nghiệp tiếp cận chính sách khuyến công. | Sở Công Thương |  | Quý IV/2026 |
"""


def test_a_title_in_capitals_is_a_group_whatever_its_number_cell_reads() -> None:
    doc = parse_text(PLAN)
    tasks = [a.task[:20] for a in doc.assignments]
    assert not any(t.isupper() for t in tasks)
    assert tasks == [
        "Rà soát các cơ chế, ",
        "Đề xuất giải pháp cả",
        "Xây dựng chương trìn",
        "Triển khai công nghệ",
        "Hỗ trợ doanh nghiệp ",
    ]
    # a group's title ends the merged deadline above it: the third group's first row has none
    assert [a.deadline.text if a.deadline else None for a in doc.assignments][2:4] == ["Năm 2026", None]


SUB_GROUPS = """KẾ HOẠCH
Chuyển đổi số năm 2026
PHỤ LỤC
| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
| I1 | Cung cấp dịch vụ số bao trùm, thông minh |  |  |  |
| 1 | Cung cấp dịch vụ công trực tuyến toàn trình cho người dân. | Bộ Công an | Các bộ, ngành | Năm 2026 |
| TH.1 | Nhóm ứng dụng, nền tảng số quy mô quốc gia |  |  |  |
| l/ | Hoàn thiện thể chế về công tác phòng, chống thiên tai |  |  |  |
| 1 | Xây dựng nền tảng định danh và xác thực điện tử quốc gia. | Bộ Công an |  | Năm 2027 |
| l0 | Nâng cấp cổng dịch vụ công quốc gia. |  |  |  |
"""


def test_a_misread_sub_group_numeral_heads_a_group() -> None:
    doc = parse_text(SUB_GROUPS)
    tasks = [a.task[:16] for a in doc.assignments]
    # "I1", "TH.1" and "l/" (I.1, III.1, I) are group rows; "l0" (a row's 10 misread) stays a task: it names
    # no letter of a Roman numeral alone
    assert tasks == ["Cung cấp dịch vụ", "Xây dựng nền tản", "Nâng cấp cổng dị"]
