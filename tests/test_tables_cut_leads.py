"""Lead cells cut where they wrapped, their next line lost: a name never ends with "và", "các" or
the capitalised first syllable of a two-syllable word ("Chính" phủ, "Khoa" học), so the cell is the
one listed body it opens, whatever its head word."""

from __future__ import annotations

import pytest

from directive_parser.extract.layouts.table import _bodies


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        # tbl-12's eng-OCR "Văn phòng Chính" / "phủ", tbl-03's "Sở Khoa" / "học và Công nghệ"
        ("Văn phòng Chính", "Văn phòng Chính phủ"),
        ("Sở Khoa", "Sở Khoa học và Công nghệ"),
        # two listed bodies open with it: left as read
        ("Sở Nông", "Sở Nông"),
        ("Bộ Công", "Bộ Công"),
        # a whole word at the end: no cut name
        ("Ban Quản lý dự án", "Ban Quản lý dự án"),
    ],
)
def test_a_lead_cut_after_an_open_word_is_the_one_listed_body_it_opens(cell: str, name: str) -> None:
    bodies = _bodies(cell)
    assert [b.name for b in bodies] == [name]
    assert bodies[0].text == cell
