"""Rows of flattened annex tables as the English-model OCR route reads them: a page's repeated
header read with specks, a quarter's numeral read as digits."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser.extract.deadline_cells import parse_cell_deadline
from directive_parser.extract.layouts.table import _quarter_mended
from directive_parser.structure.tables import _repeated_header, find_tables

HEADER = "PHỤ LỤC\nTT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n"


@pytest.mark.parametrize(
    ("line", "header"),
    [
        # a repeated header whose narrow columns' names came back as specks
        ("Nhiệm vụ Có : doheies eae ee dự kiến Kết quả dự kiến | Nguồn kinh phí", True),
        ("TE Nhiệm vụ eR dự kiến Kết quả dự kiến | Nguồn kinh phí", True),
        # a task's full line names a product and a result, but is no header
        ("Báo cáo kết quả thực hiện nhiệm vụ của các cơ quan nhà nước về kinh phí dự kiến cho giai đoạn tới năm sau", False),
        ("Thực hiện trách nhiệm giải trình về việc cung cấp, cập nhật, chuẩn hóa dữ liệu", False),
    ],
)
def test_a_long_header_line_of_column_names_and_specks_is_a_header(line: str, header: bool) -> None:
    assert _repeated_header(line) is header


def test_a_repeated_header_with_specks_opens_no_row() -> None:
    text = (
        HEADER
        + """1 | Công bố danh mục dữ liệu mở của các cơ quan nhà nước theo định kỳ | Bộ Công an | Các bộ | Quý IV/2027
hằng năm để người dân và doanh nghiệp khai thác, sử dụng hiệu quả.
Nhiệm vụ Có : doheies eae ee dự kiến Kết quả dự kiến | Nguồn kinh phí
2 | Tổ chức tập huấn kỹ năng ứng phó sự cố an toàn thông tin cho cán bộ | Bộ Nội vụ | Các bộ | Năm 2028
làm công tác chuyển đổi số ở các cơ quan nhà nước cấp tỉnh và cấp xã.
"""
    )
    (table,) = find_tables(text)
    rows = [[c.text for c in row] for row in table.rows]
    assert [r[0] for r in rows] == ["1", "2"]
    assert not any("doheies" in cell for r in rows for cell in r)


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        ("Quy 11/2030", date(2030, 6, 30)),  # "II" read as "11"
        ("Quý 1V/2026", date(2026, 12, 31)),
        ("Quy IV/2026", date(2026, 12, 31)),  # the English model drops the mark of "Quý"
        ("Quý IV/2026 và Quý 111/2027", date(2027, 9, 30)),
        ("Quý 1/2030", date(2030, 3, 31)),  # a quarter in digits stays
        ("Tháng 11/2026", date(2026, 11, 30)),  # a month is no quarter
    ],
)
def test_a_quarter_read_with_digits_or_without_its_mark_is_dated(cell: str, due: date) -> None:
    deadline = parse_cell_deadline(_quarter_mended(cell), date(2025, 11, 19))
    assert deadline is not None and deadline.due == due


def test_a_header_wrapped_with_its_partner_name_garbled_starts_the_table() -> None:
    # the lead's and partner's "Cơ quan" side by side, the partner's "phối" read as "phiof"
    text = """PHỤ LỤC
Cơ quan Cơ quan phiof oanye : ie ;
Từ Nhiệm vụ wots dự kiến Kết quả dự kiến | Nguồn kinh phí
chủ trì họp : i
hoàn thành

1 | Công bố danh mục dữ liệu mở của các cơ quan nhà nước theo định kỳ | Bộ Công an | Các bộ | Quý IV/2027
hằng năm để người dân và doanh nghiệp khai thác, sử dụng hiệu quả.
Cơ quan Cơ quan phoiag seine m 3 S :
2 | Tổ chức tập huấn kỹ năng ứng phó sự cố an toàn thông tin cho cán bộ | Bộ Nội vụ | Các bộ | Năm 2028
làm công tác chuyển đổi số ở các cơ quan nhà nước cấp tỉnh và cấp xã.
"""
    (table,) = find_tables(text)
    rows = [[c.text for c in row] for row in table.rows]
    assert [(r[0], r[2]) for r in rows] == [("1", "Bộ Công an"), ("2", "Bộ Nội vụ")]


def test_a_deadline_cell_set_apart_between_task_lines_is_the_rows_deadline() -> None:
    text = (
        HEADER
        + """1 | Công bố danh mục dữ liệu mở của các cơ quan nhà nước theo định kỳ | Bộ Công an | Các bộ | Quý IV/2027
hằng năm để người dân và doanh nghiệp khai thác, sử dụng hiệu quả.
2 | Hỗ trợ doanh nghiệp nhỏ và vừa theo Nghị định số 80/2021/NĐ-CP ngày 26/8/2021 của | Bộ Nội vụ

Hằng năm
Chính phủ (lĩnh vực khoa học và công nghệ) trên địa bàn tỉnh.
"""
    )
    (table,) = find_tables(text)
    rows = [[c.text for c in row] for row in table.rows]
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[1][1].endswith("của Chính phủ (lĩnh vực khoa học và công nghệ) trên địa bàn tỉnh.")
    assert rows[1][4] == "Hằng năm"
