"""Time cells of task tables written as a bare month of a year ("6/2025"), next to the shapes
that must keep their own reading (a full date, a month or quarter with its word, a range)."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser.extract.deadline_cells import parse_cell_deadline


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        ("6/2025", "2025-06-30"),
        ("01/2025", "2025-01-31"),
        ("12/2026", "2026-12-31"),
        ("6/2025 - 12/2025", "2025-12-31"),
        # a full date, a word before the month, a quarter in digits keep their own reading
        ("15/6/2025", "2025-06-15"),
        ("Tháng 3/2025", "2025-03-31"),
        ("Quý 1/2025", "2025-03-31"),
        ("10-11/2025", "2025-11-30"),
        # no month 13
        ("13/2025", None),
    ],
)
def test_bare_month_of_a_year(cell: str, due: str | None) -> None:
    d = parse_cell_deadline(cell, issued=date(2025, 1, 9))
    assert (d.due.isoformat() if d and d.due else None) == due


@pytest.mark.parametrize("cell", ["Từ tháng 11/2013 trở đi", "Từ năm 2025 trở đi."])
def test_a_cell_that_states_a_start_sets_no_deadline(cell: str) -> None:
    assert parse_cell_deadline(cell, date(2013, 11, 11)) is None


def test_a_start_inside_a_range_still_ends_it() -> None:
    d = parse_cell_deadline("Từ năm 2013 đến năm 2020", date(2013, 11, 11))
    assert d is not None and d.due is not None and d.due.isoformat() == "2020-12-31"
