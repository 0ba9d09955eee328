"""Flattened annex tables as the English-model OCR route leaves them: made-up rows in the shapes that
route produces (lead cells wrapped mid-name, a plural's "Các" before its head word, cells set apart
as blocks, deadline words between a product cell's words, lead names run together).
"""

from __future__ import annotations

import pytest

from directive_parser.extract.layouts.table import _bodies
from directive_parser.structure.tables import _deadline_of, find_tables

HEADER = "PHỤ LỤC\nTT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n"

# Rows read line by line across the columns, some column rules kept as "|".
WRAPPED_LEADS = (
    HEADER
    + """1. | Xây dựng quy chế liên thông quản lý dữ liệu dân cư giữa | Các Bộ, ngành, Các Bộ, ngành, | Năm 2027
các cơ quan trung ương và chính quyền cấp tỉnh, cấp xã | địa phương địa phương
trong phạm vi cả nước theo quy định của pháp luật.
2. | Tổ chức kiểm tra việc thực hiện các chương trình đào tạo | Bộ Khoa học và | Bộ Tài chính | Quý II/2027
nghề cho lao động nông thôn tại các tỉnh miền núi phía Công nghệ quan, tổ chức và doanh nghiệp
Bắc và các tỉnh Tây Nguyên trong giai đoạn tới.
3. | Hướng dẫn các địa phương lập kế hoạch sử dụng đất hằng | Các Bộ, cơ quan, Thường xuyên,
năm bảo đảm thống nhất với quy hoạch đã được phê duyệt. UBND các tỉnh, hàng năm
4. | Rà soát danh mục dự án đầu tư công trung hạn của các bộ | Văn phòng Chính | Các bộ, ngành | Năm 2028
ngành và địa phương để đề xuất điều chỉnh phù hợp thực tế. | phủ địa phương liên quan
"""
)

# A repeated header of column words only, and a lead wrapped onto short lines of its own.
REPEATS = (
    HEADER
    + """1 | Công bố danh mục dữ liệu mở của các cơ quan nhà nước theo định kỳ | Bộ Công an | Các bộ | Quý IV/2027
hằng năm để người dân và doanh nghiệp khai thác, sử dụng hiệu quả.
Nội dung, nhiệm vụ thực hiện hợp Thời gian
2 | Tổ chức tập huấn kỹ năng ứng phó sự cố an toàn thông tin cho cán bộ | Các Bộ, cơ quan, Thường xuyên,
làm công tác chuyển đổi số ở các cơ quan nhà nước cấp tỉnh và cấp xã. |
UBND các tỉnh,
thành phố
"""
)

# Each cell of row 2 set apart as a block of its own lines below the task.
BLOCKS = (
    HEADER
    + """1 | Công bố danh mục dữ liệu mở của các cơ quan nhà nước theo định kỳ | Bộ Công an | Các bộ | Quý IV/2027
hằng năm để người dân và doanh nghiệp khai thác, sử dụng hiệu quả.
2 | Nghiên cứu đề xuất cơ chế thử nghiệm có kiểm soát đối với các mô hình
kinh doanh mới dựa trên nền tảng số trong lĩnh vực bảo hiểm xã hội.

Bộ Khoa học và
Công nghệ

Bộ Tài chính

Quý III/2027
"""
)


def _rows(text: str) -> list[list[str]]:
    (table,) = find_tables(text)
    return [[c.text for c in row] for row in table.rows]


def test_a_lead_wrapped_inside_its_name_goes_on_with_the_next_line() -> None:
    rows = _rows(WRAPPED_LEADS)
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    # a plural's "Các" keeps its head word; the second "Các Bộ" is the partner cell
    assert rows[0][2] == "Các Bộ, ngành"
    # "và" and "Chính" end no name: the next line's first words complete it, the partner's follow
    assert rows[1][2] == "Bộ Khoa học và Công nghệ"
    assert rows[3][2] == "Văn phòng Chính phủ"
    # a plural's list goes on after its comma, and a small "hàng năm" is the deadline's
    assert rows[2][2] == "Các Bộ, cơ quan, UBND các tỉnh"
    assert rows[2][4] == "Thường xuyên, hàng năm"


def test_a_header_of_column_words_and_short_lead_lines_are_no_rows() -> None:
    rows = _rows(REPEATS)
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[1][1].endswith("cấp tỉnh và cấp xã.")
    assert rows[1][2] == "Các Bộ, cơ quan"


def test_a_lead_set_apart_below_a_finished_task_is_the_lead() -> None:
    rows = _rows(BLOCKS)
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[1][1].endswith("trong lĩnh vực bảo hiểm xã hội.")
    assert rows[1][2] == "Bộ Khoa học và Công nghệ"
    assert rows[1][4] == "Quý III/2027"


@pytest.mark.parametrize(
    ("rest", "deadline"),
    [
        # "Quy hoạch" of a product cell is no quarter, "Nghị định" no "định kỳ"
        ("Quy III/2027 Điều chỉnh quy hoạch chung", "Quý III/2027"),
        ("Năm 2027 - Nghị định 2028", "Năm 2027 - 2028"),
        ("Báo cáo định kỳ hằng năm", "định kỳ hằng năm"),
        ("Theo kế hoạch của Bộ", "Theo kế hoạch"),
        # "thường" as repair leaves it, its "xuyên" a line below
        ("Thực hiện thưởng các sở, ngành xuyên.", "thường xuyên."),
        ("Thương xuyên, hàng năm", "Thường xuyên, hàng năm"),
        ("Sở Công Thương Quý I/2027", "Quý I/2027"),
    ],
)
def test_deadline_words_date_something_where_they_stand(rest: str, deadline: str) -> None:
    assert _deadline_of(rest) == deadline


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Sở Taichinh", ["Sở Tài chính"]),  # the space of a narrow cell lost
        ("Bộ Tuphap", ["Bộ Tư pháp"]),
        ("BOTwphap", ["Bộ Tư pháp"]),  # and one letter misread
        ("SoKH&CN", ["Sở Khoa học và Công nghệ"]),
        ("Bộ Tài chính", ["Bộ Tài chính"]),
        ("Bộ Tiphap Quốc", ["Bộ Tư pháp"]),  # a word of the next cell glued on, the name one letter off
        ("Bộ Kiến trúc Quốc", ["Bộ Kiến trúc Quốc"]),  # no known body that close: left as read
    ],
)
def test_lead_names_run_together_are_the_known_body(cell: str, names: list[str]) -> None:
    assert [b.name for b in _bodies(cell)] == names


# A row whose task cell is empty: its lead, partner, product and deadline below the task above.
LEAD_ONLY = (
    HEADER
    + """1 | Công bố danh mục dữ liệu mở của các cơ quan nhà nước theo định kỳ | Bộ Công an | Các bộ | Quý IV/2027
hằng năm để người dân và doanh nghiệp khai thác, sử dụng hiệu quả.
Bộ Tài chính | Các bộ, cơ quan ngang bộ | Báo cáo kết quả công bố | Tháng 12/2027
2 | Ban hành quy chế khai thác dữ liệu mở của các cơ quan nhà nước | Bộ Nội vụ | Các bộ | Năm 2028
trên cổng dữ liệu quốc gia bảo đảm an toàn, an ninh thông tin.
"""
)


def test_a_body_name_where_the_task_column_is_empty_is_no_task() -> None:
    rows = _rows(LEAD_ONLY)
    assert [(r[0], r[1][:8], r[2]) for r in rows] == [
        ("1", "Công bố ", "Bộ Công an"),
        ("", "", "Bộ Tài chính"),
        ("2", "Ban hành", "Bộ Nội vụ"),  # "Ban" opens bodies too, but a numbered row is a task
    ]
    assert rows[1][4] == "Tháng 12/2027"
