"""Indicator tables, sub-group rows, dash rows of a flattened table and lead names cut after an open
word: made-up rows in the shapes the annexes and the English-model OCR route produce."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser import parse_text
from directive_parser.extract.layouts.table import column_roles, is_task_table
from directive_parser.models import TextCell
from directive_parser.structure.tables import _lead_of, _split_piece, find_tables

OPENING = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 7/KH-UBND\nAn Giang, ngày 10 tháng 02 năm 2026\nKẾ HOẠCH\nThực hiện\n"


@pytest.mark.parametrize(
    ("header", "task_column"),
    [
        (["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi"], 1),
        (["Số TT", "Mục tiêu, tên chỉ tiêu", "Lộ trình thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp"], 1),
        (["STT", "Nhiệm vụ/Chỉ tiêu", "Cơ quan chủ trì", "Thời hạn"], 1),
        (["STT", "Nội dung nhiệm vụ", "Chỉ tiêu", "Chủ trì"], 1),  # a task column named: the indicator is extra
        (["STT", "Chỉ tiêu", "Mã số", "Kỳ này", "Lũy kế"], None),  # statistics: nobody answers for a row
        (["STT", "Chỉ tiêu", "Năm 2025", "Thời gian"], None),  # a period column is no lead
    ],
)
def test_an_indicator_column_is_the_task_column_only_beside_a_lead(header: list[str], task_column: int | None) -> None:
    roles = column_roles([TextCell(h, 0, len(h)) for h in header])
    tasks = [i for i, role in roles.items() if role == "task"]
    assert tasks == ([] if task_column is None else [task_column])
    assert is_task_table(roles) == (task_column is not None)


def test_indicator_rows_under_sub_groups_are_records_and_sub_groups_are_not() -> None:
    doc = parse_text(
        OPENING + "| TT | Chỉ tiêu | Đơn vị | Cơ quan chủ trì |\n"
        "| I | Giai đoạn 2026-2027 |  |  |\n"
        "| I.1 | Hạ tầng số phủ khắp |  |  |\n"
        "| 1 | Tỉ lệ thôn, bản có sóng di động băng rộng. | % | Sở Khoa học và Công nghệ |\n"
        "| 2 | Tỉ lệ hộ gia đình có cáp quang. | % | Sở Khoa học và Công nghệ |\n"
        "| I.2 | Dữ liệu số dùng chung |  |  |\n"
        "| 1 | Tỉ lệ cơ sở dữ liệu chuyên ngành được kết nối. | % | Văn phòng UBND tỉnh |\n",
        issued=date(2026, 2, 10),
    )
    got = [
        (a.clause.split(".", 1)[-1] if "." in a.clause else a.clause, a.task[:12], [b.name for b in a.lead])
        for a in doc.assignments
    ]
    assert [t for _, t, _ in got] == ["Tỉ lệ thôn, ", "Tỉ lệ hộ gia", "Tỉ lệ cơ sở "]
    assert got[0][2] == ["Sở Khoa học và Công nghệ"] and got[2][2][0].startswith("Văn phòng")
    assert len({c for c, _, _ in got}) == 3  # each row its own path under its sub-group


FLAT_HEADER = "PHỤ LỤC\nTT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n"

# Row 2 names no lead: its dash parts below do, each part's line read across its cells.
DASH_ROWS = (
    FLAT_HEADER
    + """1 | Rà soát, cập nhật danh mục dự án đầu tư công trung hạn của các | Sở Tài chính | Các sở, ngành | Năm 2026
ngành và địa phương để đề xuất điều chỉnh phù hợp với thực tế.
2 | Ban hành bộ tiêu chí kỹ thuật đối với các công trình hạ tầng chịu
tác động của thiên tai trên địa bàn tỉnh trong giai đoạn tới.
-Công trình thủy lợi, kè sông. Sở Nông nghiệp và Môi trường Sở Xây dựng Năm 2027
-Công trình cầu, đường. Sở Xây dựng
-Công trình điện. Sở Công Thương
"""
)


def test_dash_parts_of_a_flattened_row_give_it_their_leads() -> None:
    rows = [[c.text for c in r] for r in find_tables(DASH_ROWS)[0].rows]
    dashes = [r for r in rows if r[1].startswith("-")]
    assert [r[1] for r in dashes] == ["-Công trình thủy lợi, kè sông.", "-Công trình cầu, đường.", "-Công trình điện."]
    assert [r[2] for r in dashes] == ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Công Thương"]
    doc = parse_text(OPENING + DASH_ROWS, issued=date(2026, 2, 10))
    got = [(a.task[:15], [b.name for b in a.lead]) for a in doc.assignments]
    assert got == [
        ("Rà soát, cập nh", ["Sở Tài chính"]),
        ("Ban hành bộ tiê", ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Công Thương"]),
    ]


def test_a_dash_line_under_a_row_with_its_own_lead_is_more_of_that_row() -> None:
    text = (
        FLAT_HEADER
        + """1 | Tổ chức tuyên truyền về phòng, chống thiên tai cho người dân | Sở Văn hóa, Thể thao | Các sở, ngành | Năm 2026
-Công trình phòng tránh lũ quét. và Du lịch
2 | Kiểm tra công tác bảo đảm an toàn hồ chứa trên địa bàn tỉnh trong | Sở Nông nghiệp và | Các sở, ngành | Năm 2027
mùa mưa bão hằng năm theo quy định của pháp luật hiện hành. Môi trường
"""
    )
    rows = [[c.text for c in r] for r in find_tables(text)[0].rows]
    assert [r[0] for r in rows] == ["1", "2"]


@pytest.mark.parametrize(
    ("line", "piece"),
    [
        # the sentence ends before the lead; a deadline word further on does not move the cut
        (
            "-Công trình đê điều, hồ đập, công trình thoát lũ. Bộ Xây dựng Bộ Khoa học và Năm 2026 và các",
            "-Công trình đê điều, hồ đập, công trình thoát lũ.",
        ),
        ("Rà soát quy hoạch. Sở Tài chính Các sở, ngành liên quan, UBND cấp xã Quý IV/2026", "Rà soát quy hoạch."),
    ],
)
def test_a_task_piece_ends_with_its_sentence_before_the_lead(line: str, piece: str) -> None:
    assert _split_piece(line, 78.0)[0] == piece


@pytest.mark.parametrize(
    ("rests", "lead"),
    [
        (["Sở Khoa | Các sở, ngành | Năm 2026", "học và Công nghệ"], "Sở Khoa học và Công nghệ"),
        (["Các bộ, cơ | Bộ Tư pháp | Thường xuyên", "quan ngang bộ"], "Các bộ, cơ quan ngang bộ"),
        (["Sở Nông | Sở Tài chính | Quý II/2026", "nghiệp và Môi trường"], "Sở Nông nghiệp và Môi trường"),
        (["Sở Y tế | Các sở, ngành | Quý II/2026", "xã, phường"], "Sở Y tế"),  # a whole short name stops
    ],
)
def test_a_lead_cut_after_an_open_word_goes_on_below(rests: list[str], lead: str) -> None:
    assert _lead_of(rests, 30.0)[0] == lead


@pytest.mark.parametrize(
    ("rests", "lead"),
    [
        # the police take their place from the line below; "Bộ Công an" is whole
        (["Công an Quý IV/2026 | Bảo đảm an toàn,", "Tỉnh an ninh mạng và", "quản lý, duy trì"], "Công an Tỉnh"),
        (["Công an Quý II/2026 | Hệ thống được", "Thành phố vận hành ổn định", "và an toàn"], "Công an Thành phố"),
        # a name ending with its abbreviation is whole: the next line is the partner's
        (["Sở GD&ĐT | Các sở, ban, Quý IV/2026", "ngành liên quan"], "Sở GD&ĐT"),
    ],
)
def test_the_police_take_their_place_and_abbreviated_names_are_whole(rests: list[str], lead: str) -> None:
    assert _lead_of(rests, 14.0)[0] == lead


@pytest.mark.parametrize(
    ("line", "piece"),
    [
        # "số" before a field's name is a misread "Sở"; before "Việt Nam" or an English word it is
        # "số", and "Việt Nam" is no deadline's "Năm"
        (
            "Phát triển các doanh nghiệp công nghệ trên địa bàn tỉnh miền núi số Xây dựng Các sở, ngành Năm 2026",
            "Phát triển các doanh nghiệp công nghệ trên địa bàn tỉnh miền núi",
        ),
        (
            "Hỗ trợ các doanh nghiệp nhỏ và vừa thuộc lĩnh vực công nghệ số Việt Nam Sở Công Thương Các sở, ngành Năm 2026",
            "Hỗ trợ các doanh nghiệp nhỏ và vừa thuộc lĩnh vực công nghệ số Việt Nam",
        ),
        (
            "Quảng bá thương hiệu của các doanh nghiệp công nghệ số Make in Viet Nam Sở Công Thương Các sở, ngành Năm 2026",
            "Quảng bá thương hiệu của các doanh nghiệp công nghệ số Make in Viet Nam",
        ),
    ],
)
def test_a_lower_case_so_is_a_department_only_before_a_field(line: str, piece: str) -> None:
    assert _split_piece(line, 70.0)[0] == piece


def test_a_row_number_whose_rule_touches_the_task_opens_its_row() -> None:
    text = (
        FLAT_HEADER
        + """1 | Tổ chức tập huấn kỹ năng ứng phó sự cố cho lực lượng xung kích cấp | Sở Nội vụ | Các sở, ngành | Năm 2026
xã trên địa bàn tỉnh theo kế hoạch được phê duyệt hằng năm.
2 |Rà soát, bổ sung trang thiết bị chuyên dụng cho lực lượng cứu hộ | Sở Tài chính | Các sở, ngành | Năm 2027
cứu nạn của tỉnh bảo đảm sẵn sàng ứng phó với các tình huống.
"""
    )
    rows = [[c.text for c in r] for r in find_tables(text)[0].rows]
    assert [(r[0], r[1][:8], r[2]) for r in rows] == [("1", "Tổ chức ", "Sở Nội vụ"), ("2", "Rà soát,", "Sở Tài chính")]


@pytest.mark.parametrize(
    ("line", "piece"),
    [
        # "Cơ sở dữ liệu", "Cơ chế", "Văn kiện" are the task's words; "Cơ quan …" opens the next cell
        (
            "Rà soát, cụ thể hóa kịp thời những nội dung trong Văn kiện | Sở Tư pháp Các sở, ngành",
            "Rà soát, cụ thể hóa kịp thời những nội dung trong Văn kiện",
        ),
        (
            "Xây dựng ứng dụng tra cứu văn bản, tích hợp trên Cơ sở dữ liệu | Sở Tư pháp Các sở, ngành",
            "Xây dựng ứng dụng tra cứu văn bản, tích hợp trên Cơ sở dữ liệu",
        ),
        (
            "Xây dựng ứng dụng tra cứu văn bản pháp luật trên cổng thông tin | Cơ quan thường trực Ban",
            "Xây dựng ứng dụng tra cứu văn bản pháp luật trên cổng thông tin",
        ),
        (
            "Hoàn thiện quy định về quản lý tài chính công theo hướng mới Cơ chế | Sở Tài chính Các sở",
            "Hoàn thiện quy định về quản lý tài chính công theo hướng mới Cơ chế",
        ),
    ],
)
def test_co_opens_a_body_only_as_co_quan(line: str, piece: str) -> None:
    assert _split_piece(line, 64.0)[0] == piece


def _numbered_rows(n: int, block: str) -> str:
    """A flattened table of `n` numbered rows, `block` (a cell set apart by OCR) below row 2."""
    rows = []
    for k in range(1, n + 1):
        rows.append(
            f"{k} | Tổ chức rà soát, đánh giá việc thực hiện các chỉ tiêu nhóm {k} tại | Sở Nội vụ | Các sở, ngành | Năm 2026"
        )
        rows.append("các cơ quan, đơn vị trên địa bàn tỉnh theo kế hoạch của tỉnh.")
        if k == 2:
            rows.append(block)
    return FLAT_HEADER + "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("n", "block", "opens"),
    [
        # numbered rows: a capitalised line short of the task column is another cell's
        (5, "Trung ương về hoàn thiện thể chế, pháp luật", False),
        (6, "Chương trình số 12 được trình Ban Chỉ đạo", False),
        (5, "-Công trình trụ sở làm việc.", True),  # a dash part still opens its row
        (3, "Trung ương về hoàn thiện thể chế, pháp luật", True),  # too few numbers to tell
    ],
)
def test_a_short_unnumbered_line_opens_no_row_where_rows_are_numbered(n: int, block: str, opens: bool) -> None:
    rows = [[c.text for c in r] for r in find_tables(_numbered_rows(n, block))[0].rows]
    assert len(rows) == n + (1 if opens else 0)


@pytest.mark.parametrize(
    ("heading", "is_group"),
    [
        ("| 1. | Hoàn thiện cơ chế, chính sách |  |  |", True),  # over 1.1, 1.2: a heading
        ("| 1 | Hoàn thiện cơ chế, chính sách |  |  |", True),
        ("| 1 | Hoàn thiện cơ chế, chính sách | Sở Tư pháp | Quý I/2026 |", False),  # a task of its own
    ],
)
def test_a_numbered_row_over_decimal_rows_heads_them(heading: str, is_group: bool) -> None:
    doc = parse_text(
        OPENING + "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n" + heading + "\n"
        "| 1.1 | Rà soát quy định về thủ tục đầu tư | Sở Tài chính | Quý II/2026 |\n"
        "| 1.2 | Xây dựng cơ chế hỗ trợ doanh nghiệp khởi nghiệp | Sở Khoa học và Công nghệ | Quý III/2026 |\n"
        "| 2 | Tổ chức hội nghị đối thoại với doanh nghiệp | Sở Công Thương | Quý IV/2026 |\n",
        issued=date(2026, 2, 10),
    )
    tasks = [a.task[:10] for a in doc.assignments]
    assert tasks == ([] if is_group else ["Hoàn thiện"]) + ["Rà soát qu", "Xây dựng c", "Tổ chức hộ"]
