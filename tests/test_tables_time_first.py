"""Flattened tables whose time column stands before the lead's ("TT | Nhiệm vụ | Thời hạn hoàn
thành | Cơ quan chủ trì | Cơ quan phối hợp"): the time cell read before the lead's body name, or
at the end of the task's piece, is the time cell, and the lead opens after it."""

from __future__ import annotations

import pytest

from directive_parser.structure.tables import _deadline_of, _lead_of, _split_task, flat_tables


@pytest.mark.parametrize(
    ("rests", "lead", "deadline"),
    [
        # a quarter, its rule, the lead, the partner (English-model OCR of a Government annex)
        (["Quý II/2026 | Bộ Nông nghiệp_ | Các bộ, cơ quan, địa phương"], "Bộ Nông nghiệp", "Quý II/2026"),
        # a period of years, the lead run into the partner
        (["2021-2025 Tổng cục Thuế Các Vụ, đơn vị có liên", "quan trong ngành Thuế"], "Tổng cục Thuế", "2021-2025"),
        # a month word whose number wrapped below
        (["Tháng Bộ Tư pháp Các bộ, cơ quan, địa phương", "12/2026"], "Bộ Tư pháp", "Tháng 12/2026"),
        # the time column last, as most annexes have it: unchanged
        (["Bộ Tài chính Các bộ, cơ quan Quý IV/2026"], "Bộ Tài chính", "Quý IV/2026"),
        # deadline words before no body's name open no lead
        (["Thường xuyên"], "", "Thường xuyên"),
    ],
    ids=["quarter", "years", "month-wrapped", "time-last", "no-body"],
)
def test_a_time_cell_before_the_lead(rests: list[str], lead: str, deadline: str) -> None:
    found, remainder = _lead_of(rests, 14.0)
    assert found == lead
    assert _deadline_of(remainder) == deadline


@pytest.mark.parametrize(
    ("line", "width", "piece", "rest"),
    [
        # a capitalised quarter, month or year closing a full task piece is the time cell's
        (
            "Sửa đổi Luật Đất đai và các văn bản hướng dẫn thi hành Quy IV/2026 |Bộ Nông nghiệp | Các bộ",
            62.0,
            "Sửa đổi Luật Đất đai và các văn bản hướng dẫn thi hành",
            "Quy IV/2026",
        ),
        (
            "Đánh giá tác động môi trường trong các dự án đầu tư công trọng Năm 2026 |Bộ Nông nghiệp _ | Các bộ",
            70.0,
            "Đánh giá tác động môi trường trong các dự án đầu tư công trọng",
            "Năm 2026",
        ),
        # a task's sentence dates in small letters: its "quý III/2026" stays
        (
            "Hoàn thành việc xử lý các dự án tồn đọng trong quý III/2026 | Bộ Tài chính | Các bộ",
            60.0,
            "Hoàn thành việc xử lý các dự án tồn đọng trong quý III/2026",
            "Bộ Tài chính",
        ),
        # a short cell ruled off before the time is a product's, not a task's (tbl-11)
        ("Báo cáo kết quả thể | Tháng 11/2026", 40.0, "Báo cáo kết quả thể | Tháng 11/2026", ""),
    ],
    ids=["quarter-tail", "year-tail", "small-quarter", "product-cell"],
)
def test_a_time_cell_closing_the_task_piece(line: str, width: float, piece: str, rest: str) -> None:
    got_piece, got_rest = _split_task(line, width)
    assert got_piece == piece
    assert got_rest.strip().startswith(rest)


TIME_FIRST = """TT Nhiệm vụ Thời hạn hoàn thành Cơ quan chủ trì Cơ quan phối hợp
1 | Xây dựng chiến lược hệ thống pháp luật Việt Nam mới | Quý IV/2026 | Bộ Tư pháp | Các bộ, cơ quan
2 | Sửa đổi Luật Đất đai và các văn bản hướng dẫn thi hành Quý II/2026 | Bộ Công an | Các bộ, cơ quan
3 | Bố trí kinh phí thực hiện Nghị quyết theo quy định | Quý III/2026 Bộ Tài chính Các bộ, cơ quan, địa phương
"""


def test_rows_of_a_time_first_table() -> None:
    (table,) = flat_tables(TIME_FIRST)
    cells = [[c.text for c in row] for row in table.rows]
    assert [(r[0], r[2], r[4]) for r in cells] == [
        ("1", "Bộ Tư pháp", "Quý IV/2026"),
        ("2", "Bộ Công an", "Quý II/2026"),
        ("3", "Bộ Tài chính", "Quý III/2026"),
    ]
    assert not any("Quý" in r[1] for r in cells)
