"""A flattened table whose first data line opens no row (OCR's header fragment under the header)."""

from __future__ import annotations

from directive_parser.structure.tables import _flat_rows

LINES = [
    ": : trì tham mưu thực hiện thực hiện chủ",
    "1 Tổ chức quán triệt sâu rộng Chỉ thị của Ban Thường vụ Tỉnh ủy Sở Nội vụ Các sở, ngành Năm 2026",
    "2 Rà soát, sửa đổi các quy định về quản lý khoáng sản trên địa bàn tỉnh Sở Tư pháp Các sở Quý II/2026",
    "3 Kiểm tra hoạt động khai thác khoáng sản của các tổ chức, cá nhân Sở Công Thương Công an tỉnh Năm 2026",
    "4 Tăng cường tuần tra, kiểm soát hoạt động khai thác khoáng sản trái phép Công an tỉnh Các xã Năm 2026",
    "5 Tuyên truyền, phổ biến pháp luật về địa chất và khoáng sản cho người dân Sở Văn hóa Các xã Năm 2026",
]


def test_a_first_line_that_opens_no_row_is_kept_in_a_row_of_its_own():
    data = []
    off = 0
    for line in LINES:
        data.append((off, line))
        off += len(line) + 1
    rows = _flat_rows(data, width=69.0)
    # every line is read into some row: nothing of the table is lost, and the numbered rows stay rows
    assert rows[0].start == 0
    assert [r.number for r in rows if r.number] == ["1", "2", "3", "4", "5"]
