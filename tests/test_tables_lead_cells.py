"""Lead cells as the English-model OCR route reads them: the next column's first words glued on,
a partner's name run together onto the lead's line, a name cut where its cell wrapped."""

from __future__ import annotations

import pytest

from directive_parser.extract.layouts.table import _bodies
from directive_parser.structure.tables import _lead_piece


@pytest.mark.parametrize(
    ("cell", "names", "texts"),
    [
        # the partner's "ngang bộ" and "Các" read on into the lead's line: cut to the listed name
        ("Bộ Tài chính ngang bộ", ["Bộ Tài chính"], ["Bộ Tài chính"]),
        ("Sở Tài chính Các", ["Sở Tài chính"], ["Sở Tài chính"]),
        # a speck between the head word and its name read as a dash
        ("Bộ-Tài chính ngang bộ", ["Bộ Tài chính"], ["Bộ Tài chính"]),
        # a ministry's or department's name cut where the cell wrapped: the one listed body it opens
        ("Sở Khoa học", ["Sở Khoa học và Công nghệ"], ["Sở Khoa học"]),
        ("Sở Khoa học ban ngành", ["Sở Khoa học và Công nghệ"], ["Sở Khoa học"]),
        # the partner's name run together on the lead's line ends the lead
        ("Các bộ, cơ BoOTuphap", ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"], ["Các bộ, cơ"]),
        # a seven-letter name with one letter misread and its space lost
        ("Số Néivu", ["Sở Nội vụ"], ["Số Néivu"]),
        # the name run together with a letter misread, the partner's first word glued on
        ("Bộ Tuwphap Việt", ["Bộ Tư pháp"], ["Bộ Tuwphap"]),
        # "Sở" itself misread, the product column's first word glued on: read with "Sở" when the
        # list then knows the name
        ("Sẽ Xây dựng Chiến lược", ["Sở Xây dựng"], ["Sở Xây dựng"]),
        ("Sé@ Khoa học", ["Sở Khoa học và Công nghệ"], ["Sở Khoa học"]),
        # … and not a word that merely opens with S
        ("Sơn La", ["Sơn La"], ["Sơn La"]),
    ],
)
def test_a_lead_cell_is_cut_to_the_listed_name_it_opens_with(cell: str, names: list[str], texts: list[str]) -> None:
    bodies = _bodies(cell)
    assert [b.name for b in bodies] == names
    assert [b.text for b in bodies] == texts


@pytest.mark.parametrize(
    "cell",
    [
        "Sở Tài chính tỉnh Lai Châu",  # the department's own place is part of its name
        "Bộ Công",  # opens two ministries ("Bộ Công an", "Bộ Công Thương"): no guess
        "Trung tâm Chuyển đổi số",  # no closed set: an unlisted centre is left as read
        "Bộ Kiến trúc Quốc",  # no listed name that close
    ],
)
def test_names_that_open_no_single_listed_body_are_left_as_read(cell: str) -> None:
    (body,) = _bodies(cell)
    assert body.text == cell


@pytest.mark.parametrize(
    ("rest", "lead"),
    [
        # a name that goes on after a small "các"
        ("Liên hiệp các Hội | Sở, ban, ngành có | Thường xuyên", "Liên hiệp các Hội"),
        ("Ban Quản lý các khu công nghiệp | Sở Tài chính", "Ban Quản lý các khu công nghiệp"),
        ("UBND các xã | Sở Tài chính", "UBND các xã"),
        # elsewhere a small "các" opens the partner cell
        ("Sở Tài chính các sở, ngành", "Sở Tài chính"),
    ],
)
def test_a_small_cac_goes_on_with_the_names_that_take_it(rest: str, lead: str) -> None:
    assert " ".join(_lead_piece(rest, first=True)[0]) == lead
