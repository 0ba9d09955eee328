"""Lead cells of a flattened table that hold the genre's addressee list ("Các sở, ngành, UBND xã,
phường, đặc khu"): the list wraps over the cell's lines, each line's piece followed on the same line
by the partner, product and deadline cells' words."""

from __future__ import annotations

import pytest

from directive_parser.structure.tables import _lead_of


@pytest.mark.parametrize(
    ("rests", "width", "lead"),
    [
        # tbl-01's English-model OCR: "Các sơ," / "ngành," / "UBND xã," beside the partner's "Sở Tài
        # chính" / "sở, ngành, UBND" / "xã, phường, đặc" (the plural's "sở" misread as "sơ")
        (
            [
                "Các sơ, Sở Tài chính Các Năm 2026 | Đảm bảo đủ nhân",
                "ngành, sở, ngành, UBND lực có đủ năng",
                "UBND xã, xã, phường, đắc lực",
            ],
            12.0,
            "Các sở, ngành, UBND xã",
        ),
        # tbl-11's: "Các bộ," / "ngành," / "UBND tỉnh," / "phố" beside "Bộ Tư pháp, Bộ" / "Tài chính"
        (
            [
                "Các bộ, Bộ Tư pháp, Bộ Các cơ chế, chính Thường xuyên | Nghị quyết số",
                "ngành, Tài chính sách được thực hiện 140/NQ-CP",
                "UBND tỉnh, hiệu quả",
                "phố",
            ],
            10.0,
            "Các bộ, ngành, UBND tỉnh, phố",
        ),
        # "cơ quan ngang bộ" is one phrase: its "ngang" goes on with the "quan" before the product's words
        (
            ["Các bộ, cơ Bộ Tư pháp Các hoạt động tuyên | Thường xuyên", "quan ngang truyền được thực 12-CTr/BCĐ3"],
            10.0,
            "Các bộ, cơ quan ngang",
        ),
        # a capitalised head word alone after the list's comma is the task's next sentence, not the list's
        (
            ["Các sở, Sở Tài chính Năm 2026", "ngành, sở, ngành, UBND lực có đủ", "Bố trí nhân lực đảm bảo | phường"],
            12.0,
            "Các sở, ngành,",
        ),
    ],
    ids=["tbl-01-list", "tbl-11-list", "co-quan-ngang", "head-word-alone"],
)
def test_a_plural_list_cut_after_a_comma_goes_on_below(rests: list[str], width: float, lead: str) -> None:
    assert _lead_of(rests, width)[0] == lead.strip(" ,")
