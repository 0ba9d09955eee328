"""Flattened tables: a decimal row number closed with its dot before the column rule ("1.4. |",
"2.2. |") numbers its row, as "4. |" and "2.. |" do; a decimal inside a task's words does not."""

from __future__ import annotations

import pytest

from directive_parser.structure.tables import _FLAT_NUMBER, flat_tables


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("1.4. | Hoàn thiện quy trình thanh tra thuế", "1.4"),
        ("2.2. | Xây dựng mới và nâng cấp các ứng dụng", "2.2"),
        ("1.1 | Xây dựng nội dung hướng dẫn", "1.1"),
        ("4. |Xem xét, khuyến khích", "4"),
        ("1.5 triệu đồng mỗi người", None),
    ],
    ids=["decimal-dot-rule", "decimal-dot-rule-2", "decimal-rule", "integer-dot-rule", "amount"],
)
def test_row_numbers(line: str, number: str | None) -> None:
    m = _FLAT_NUMBER.match(line)
    assert (m.group(1) if m else None) == number


ROWS = """STT Nội dung hoạt động Thời gian thực hiện Đơn vị chủ trì Đơn vị phối hợp
1 | Xây dựng và hoàn thiện thể chế, quy chế, quy trình nghiệp vụ thanh tra, kiểm
1.1 | Xây dựng nội dung hướng dẫn Luật quản lý thuế về lĩnh vực | 2021 | Tổng cục Thuế | Các Vụ, đơn vị
1.2 | Hoàn thiện bộ chỉ số tiêu chí phân tích rủi ro lập kế hoạch | 2021-2025 | Tổng cục Thuế | Các Vụ, đơn vị
1.3. | Hoàn thiện quy chế giám sát đoàn thanh tra, kiểm tra thuế | 2023 | Tổng cục Thuế | Các Vụ, đơn vị
1.4. | Hoàn thiện quy trình thanh tra thuế; Quy trình kiểm tra thuế. | 2024 | Tổng cục Thuế | Các Vụ, đơn vị
"""


def test_rows_numbered_with_a_closing_dot_stay_apart() -> None:
    (table,) = flat_tables(ROWS)
    rows = [[c.text for c in row] for row in table.rows if row[2].text]
    assert [(r[0], r[4]) for r in rows] == [("1.1", "2021"), ("1.2", "2021-2025"), ("1.3", "2023"), ("1.4", "2024")]
