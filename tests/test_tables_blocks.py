"""Flattened annex tables whose cells the English model set apart as blocks, and lead cells that
wrap: a task cell ending in a name after "của"/"tại" keeps the name, a block after a blank line
that opens with a body's name is the lead cell (the task above ends), and a lead cut after "các"
or of a head word alone ("Trung tâm", "Ban Quản lý") goes on with the lines below, and "SOY tế"
(Sở Y tế run together) opens a lead cell.

The excerpts are written for these tests in the shape of the dev set's English-model OCR (tbl-11's
blocks, tbl-01's and tbl-03's wrapped lead cells)."""

from __future__ import annotations

import pytest

from directive_parser.structure.tables import (
    _FLAT_NUMBER,
    _deadline_of,
    _flat_rows,
    _FlatRow,
    _lead_of,
    _split_piece,
    _split_task,
)


@pytest.mark.parametrize(
    ("line", "width", "piece"),
    [
        # a name after "của" / "tại" is the task's: the line fits the task column whole
        ("79-NQ/TW của Bộ Chính trị", 37.0, "79-NQ/TW của Bộ Chính trị"),
        ("thiết bị tại Sở Tài chính để vận hành, khai", 60.0, "thiết bị tại Sở Tài chính để vận hành, khai"),
        # a lead after the task's last word still opens its cell, "thiên tai." included
        ("khắc phục hậu quả thiên tai. UBND các tỉnh, hàng năm", 60.0, "khắc phục hậu quả thiên tai."),
        ("Xây dựng kế hoạch thực hiện Sở Tài chính", 60.0, "Xây dựng kế hoạch thực hiện"),
        # "Sở Y" run together by the English model opens the lead cell as "Sở" does
        (
            "Hướng dẫn thanh toán chi phí khám bệnh, xử lý SOY tế Sở Tài chính và",
            52.0,
            "Hướng dẫn thanh toán chi phí khám bệnh, xử lý",
        ),
        (
            "Tổ chức tiêm chủng mở rộng cho trẻ em, phụ nữ SGY tế Các sở, ngành",
            52.0,
            "Tổ chức tiêm chủng mở rộng cho trẻ em, phụ nữ",
        ),
    ],
)
def test_where_a_task_piece_ends_before_the_lead(line: str, width: float, piece: str) -> None:
    assert _split_piece(line, width)[0] == piece


# A task table whose cells came out as blocks: the task cell's lines, a blank line, then the lead
# and partner cells' block, then the product and deadline block.
BLOCKS = """TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian hoàn thành

15 | Hoàn thiện quy định về quản lý các quỹ
tài chính nhà nước ngoài ngân sách theo
Kết luận số 45-KL/TW của Bộ Chính trị

Bộ Tài chính | Các bộ, cơ quan
ngang bộ

Nghị định được ban hành | Tháng 6/2026

16 | Rà soát, sửa đổi quy chế phối hợp cung
cấp thông tin giữa các cơ quan theo Nghị
quyết số 12-NQ/TW của Bộ Chính trị

Bộ Nội vụ | Các bộ, cơ quan
ngang bộ

Quy chế được ban hành | Tháng 9/2026
"""


def _rows(text: str, width: float) -> list[_FlatRow]:
    """`_flat_rows` over the lines of `text` after its header line, the lines after a blank one as blocks."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    blocks = frozenset(off for k, (off, ln) in enumerate(lines) if k and not lines[k - 1][1].strip())
    return _flat_rows([(off, ln) for off, ln in lines[1:] if ln.strip()], width, blocks)


@pytest.mark.parametrize(
    ("line", "piece", "rest"),
    [
        # a small letter after a sentence's stop opens no sentence: the next cells' words
        ("chuyên ngành. các tỉnh, thành địa phương", "chuyên ngành.", "các tỉnh, thành địa phương"),
        # a capital after the stop goes on the task
        ("thảm họa. Đồng thời rà soát các quy định", "thảm họa. Đồng thời rà soát các quy định", ""),
    ],
)
def test_a_task_piece_ends_at_a_stop_before_small_letters(line: str, piece: str, rest: str) -> None:
    assert _split_task(line, 60.0) == (piece, rest)


def test_a_block_that_opens_with_a_body_is_the_lead_cell() -> None:
    rows = [r for r in _rows(BLOCKS, 42.0) if r.number]
    assert [r.number for r in rows] == ["15", "16"]
    assert [_lead_of(r.rest, 14.0)[0] for r in rows] == ["Bộ Tài chính", "Bộ Nội vụ"]
    assert [r.task[-1] for r in rows] == ["Kết luận số 45-KL/TW của Bộ Chính trị", "quyết số 12-NQ/TW của Bộ Chính trị"]


@pytest.mark.parametrize(
    ("rests", "lead"),
    [
        # a lead cut after "các" goes on: its units follow
        (
            ["Ban Quản lý các | Sở Khoa học và | Quý II/2026", "khu công nghệ cao", "và khu công nghiệp"],
            "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
        ),
        # a head word alone names no body: its name is on the lines below
        (["Trung tâm | Sở Khoa học và | Quý IV/2026", "Chuyển đổi", "số Thành phố |"], "Trung tâm Chuyển đổi số Thành phố"),
        # a whole short name stops
        (["Sở Y tế | Các sở, ngành | Quý II/2026", "xã, phường"], "Sở Y tế"),
        # "SOY tế" is Sở Y tế run together
        (["SOY tế Sở Tài chính và", "cơ quan, địa"], "Sở Y tế"),
        # the provinces' councils close a plural's list, their place on the line below
        (["Các bộ, UBND Các bộ, cơ quan, | Năm 2026 - 2027", "các tỉnh, thành phố"], "Các bộ, UBND các tỉnh, thành phố"),
    ],
)
def test_a_lead_of_a_head_word_alone_or_cut_after_cac_goes_on_below(rests: list[str], lead: str) -> None:
    assert _lead_of(rests, 18.0)[0] == lead


@pytest.mark.parametrize(
    ("line", "number"),
    [
        # the rule touching the task's first word after the number's dot, a dot doubled by a speck
        ("4. |Xem xét, khuyến khích các tổ chức nhân dân trong nước có | Bộ Ngoại giao, Bộ", "4"),
        ("2.. | Thường xuyên tổ chức các lớp bồi dưỡng, các lớp kỹ năng, Bộ Ngoại giao,", "2"),
        ("12 | Xây dựng Đề án", "12"),
        # a wrapped figure is no row number
        ("1.5 triệu đồng mỗi người", None),
    ],
)
def test_row_numbers_with_a_touching_rule_or_a_doubled_dot(line: str, number: str | None) -> None:
    m = _FLAT_NUMBER.match(line)
    assert (m.group(1) if m else None) == number


# A numbered table whose lead, partner, product and deadline cells, centred on their row, came out
# as a block above the row's number; the row above names its own lead.
AHEAD = """TT Nhiệm vụ, giải pháp Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian
2 Xây dựng, hoàn thiện Cổng thông tin một cửa quốc gia. Bộ Tài chính Các bộ, ngành, Hoàn thành | Năm 2025-2026

Bộ Công an Các bộ, ngành, Hoàn thành, khai | Năm 2025-2026

3 Xây dựng hệ thống thông tin quản lý hồ sơ đất đai thống nhất
trên toàn quốc, kết nối với cơ sở dữ liệu quốc gia về dân cư.
"""


def test_a_rows_cells_read_as_a_block_above_its_number_are_its_own() -> None:
    rows = _rows(AHEAD, 62.0)
    assert [r.number for r in rows] == ["2", "3"]
    assert _lead_of(rows[1].rest, 14.0)[0] == "Bộ Công an"
    assert _lead_of(rows[0].rest, 14.0)[0] == "Bộ Tài chính"


@pytest.mark.parametrize(
    ("rest", "deadline"),
    [
        # "Quỹ" as repair leaves a quarter's "Quy": before a numeral it is the quarter
        ("Quyết định Bổ Quỹ IV/2026", "Quý IV/2026"),
        ("Quỹ IV/2025- Quỹ II/2026", "Quý IV/2025- Quý II/2026"),
        # a fund's name is no deadline
        ("Quỹ Phòng thủ dân sự Thường xuyên", "Thường xuyên"),
    ],
)
def test_a_quarter_repaired_as_quy_fund_is_a_quarter(rest: str, deadline: str) -> None:
    assert _deadline_of(rest) == deadline


@pytest.mark.parametrize(
    "rest, deadline",
    [
        # the "và" of a body's name left beside the time cell opens no deadline
        ("Bộ Khoa học và Công nghệ Nghị quyết của 2025 Chính phủ", "2025"),
        ("Bộ Tài chính và Quý IV/2025", "Quý IV/2025"),
        # inside the time cell it stays: a year and a recurrence
        ("Năm 2025 và hằng năm", "Năm 2025 và hằng năm"),
        # the next row's number after the last line's year is no part of the cell; a month's is
        ("Quyết định của Thủ tướng Chính phủ 2025 78.", "2025"),
        ("Văn bản của cấp có thẩm quyền Quý II/2025 12.", "Quý II/2025"),
        ("Tháng 6", "Tháng 6"),
    ],
)
def test_a_time_cell_never_opens_with_a_connective_nor_ends_with_a_row_number(rest, deadline):
    assert _deadline_of(rest) == deadline
