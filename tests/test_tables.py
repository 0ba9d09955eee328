"""Task tables and attachments: pipe rows, column roles, group/continuation/merged rows, deadline cells."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser import parse_text
from directive_parser.extract.deadline_cells import parse_cell_deadline
from directive_parser.extract.layouts.table import column_roles, is_task_table
from directive_parser.models import ClauseKind, Recurrence, TextCell
from directive_parser.structure.attachments import find_parts
from directive_parser.structure.tables import find_tables, mask_tables

HEADER = "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành |"

DECISION = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND
Bắc Ninh, ngày 05 tháng 3 năm 2026
QUYẾT ĐỊNH
Ban hành Kế hoạch thực hiện chuyển đổi số năm 2026
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện chuyển đổi số năm 2026.
Điều 2. Giao Sở Khoa học và Công nghệ chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch, báo cáo trước ngày 15/12/2026.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn An
KẾ HOẠCH
THỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2026
(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2026 của Chủ tịch Ủy ban nhân dân tỉnh)
I. NHIỆM VỤ
1. Sở Nội vụ chủ trì rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính, hoàn thành trong Quý II/2026.
2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch trong dự toán năm 2026.
PHỤ LỤC
DANH MỤC NHIỆM VỤ
(Kèm theo Kế hoạch thực hiện chuyển đổi số năm 2026)
{header}
|---|---|---|---|---|---|
| I | Hoàn thiện thể chế | | | | |
| 1 | Xây dựng quy chế quản lý dữ liệu của tỉnh | Sở Khoa học và Công nghệ | Các sở, ngành | Quyết định của Ủy ban nhân dân tỉnh | Quý III/2026 |
| 2 | Rà soát danh mục cơ sở dữ liệu dùng chung | Sở Tài chính | | Báo cáo | |
| | | Sở Xây dựng | | | |
| II | Phát triển hạ tầng số | | | | |
| 1 | Nâng cấp trung tâm dữ liệu tỉnh | Sở Khoa học và Công nghệ | Viettel Bắc Ninh | Trung tâm dữ liệu | Năm 2026 và hằng năm |
| 2 | Phủ sóng 5G tại các khu công nghiệp | | Các doanh nghiệp viễn thông | Hạ tầng 5G | 2026 - 2027 |
""".replace("{header}", HEADER)


@pytest.fixture(scope="module")
def decision():
    return parse_text(DECISION)


def test_attachments_become_parts_with_their_own_paths(decision) -> None:
    parts = [c for c in decision.clauses if c.kind is ClauseKind.part]
    assert [p.path for p in parts] == ["KH", "PL"]
    assert parts[0].text.startswith("KẾ HOẠCH THỰC HIỆN CHUYỂN ĐỔI SỐ")
    kh_paths = [c.path for c in parts[0].walk()]
    assert "KH.I.1" in kh_paths and "KH.I.2" in kh_paths
    assert decision.number == "12/QĐ-UBND" and decision.signer == "Nguyễn Văn An"  # header from the main document


def test_records_come_from_body_attachment_and_table(decision) -> None:
    by_clause = {a.clause: a for a in decision.assignments}
    assert by_clause["2"].lead[0].name == "Sở Khoa học và Công nghệ"
    assert by_clause["KH.I.1"].lead[0].name == "Sở Nội vụ"
    assert by_clause["KH.I.1"].deadline.due == date(2026, 6, 30)
    table_rows = [a for a in decision.assignments if a.table is not None]
    assert [a.clause for a in table_rows] == ["PL.I.1", "PL.I.2", "PL.II.1", "PL.II.2"]


def test_table_rows_roles_merged_and_continuation(decision) -> None:
    rows = {a.clause: a for a in decision.assignments if a.table is not None}
    first = rows["PL.I.1"]
    assert first.task == "Xây dựng quy chế quản lý dữ liệu của tỉnh"
    assert [b.name for b in first.lead] == ["Sở Khoa học và Công nghệ"]
    assert first.coordinating and first.coordinating[0].text.lower().startswith("các sở")
    assert first.product == "Quyết định của Ủy ban nhân dân tỉnh"
    assert first.deadline.due == date(2026, 9, 30)
    # the row with only a lead cell is a second lead of the row above
    assert [b.name for b in rows["PL.I.2"].lead] == ["Sở Tài chính", "Sở Xây dựng"]
    # an empty deadline cell under a filled one takes the value above, but not across a group row
    assert rows["PL.I.2"].deadline.due == date(2026, 9, 30)
    assert rows["PL.II.1"].deadline.due == date(2026, 12, 31) and rows["PL.II.1"].recurrence is Recurrence.yearly
    # an empty lead cell takes the lead above (a vertically merged cell)
    assert [b.name for b in rows["PL.II.2"].lead] == ["Sở Khoa học và Công nghệ"]
    assert rows["PL.II.2"].deadline.due == date(2027, 12, 31)
    assert rows["PL.II.2"].table.cells[1].column == "Nội dung nhiệm vụ"


def test_table_lines_are_not_read_again_as_paragraphs(decision) -> None:
    tasks = [a.task for a in decision.assignments]
    assert sum("Nâng cấp trung tâm dữ liệu tỉnh" in t for t in tasks) == 1
    assert not any("|" in t for t in tasks)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("| a | b | c |", ["a", "b", "c"]),
        ("a | b | c", None),  # no outer pipes and no empty or numeric cell: prose, not a row
        ("1 | Xây dựng | Bộ Tài chính", ["1", "Xây dựng", "Bộ Tài chính"]),
        ("| 1 | Xây dựng |  |", ["1", "Xây dựng", ""]),
        ("Ý kiến | đề xuất", None),  # two cells are not enough
    ],
)
def test_pipe_rows(text: str, cells: list[str] | None) -> None:
    table_text = f"| H1 | H2 | H3 |\n{text}\n"
    found = find_tables(table_text)
    assert ([[c.text for c in row] for row in found[0].rows] if found else None) == ([cells] if cells else None)


def test_table_across_a_page_break_is_stitched_and_repeated_header_dropped() -> None:
    text = (
        f"Đoạn văn mở đầu.\n{HEADER}\n| 1 | Việc một | Sở A | | | Năm 2026 |\n"
        f"{HEADER}\n| 2 | Việc hai | Sở B | | | Năm 2027 |\nĐoạn văn kết.\n"
    )
    page2 = text.index(HEADER, text.index("Việc một"))
    tables = find_tables(text, [(1, 0), (2, page2)])
    assert len(tables) == 1
    assert [r[1].text for r in tables[0].rows] == ["Việc một", "Việc hai"]
    # the second page's rows are keyed on their own page's grid, header row 0 included
    assert tables[0].row_keys == [(1, 0, 1), (2, 0, 1)]
    masked = mask_tables(text, tables)
    assert len(masked) == len(text) and "Việc" not in masked and "Đoạn văn kết." in masked


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        (
            ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            {0: "number", 1: "task", 2: "lead", 3: "coordinating", 4: "deadline"},
        ),
        (
            ["TT", "Tên nhiệm vụ", "Đơn vị thực hiện", "Kết quả/Sản phẩm", "Tiến độ"],
            {0: "number", 1: "task", 2: "lead", 3: "product", 4: "deadline"},
        ),
        (["Nội dung công việc", "Thời hạn", "Ghi chú"], {0: "task", 1: "deadline"}),
        (["STT", "Chỉ tiêu", "Năm 2024", "Năm 2025"], {0: "number"}),  # statistics, not tasks
    ],
)
def test_column_roles_come_from_headers(header: list[str], roles: dict[int, str]) -> None:
    cells = [TextCell(h, 0, len(h)) for h in header]
    assert column_roles(cells) == roles
    assert is_task_table(roles) == ("task" in roles.values())


@pytest.mark.parametrize(
    ("cell", "due", "recurrence"),
    [
        ("Năm 2022", "2022-12-31", None),
        ("Quý III, năm 2022", "2022-09-30", None),
        ("Quí IV-2025", "2025-12-31", None),
        ("Tháng 12/2022", "2022-12-31", None),
        ("2022 - 2025", "2025-12-31", None),
        ("10-11/2019", "2019-11-30", None),
        ("Tháng 11 - 12/2025", "2025-12-31", None),
        ("Năm 2022 và hằng năm", "2022-12-31", "yearly"),
        ("Năm 2025; Năm 2030", "2030-12-31", None),
        ("Quý III, IV/2026", "2026-12-31", None),
        ("Hằng năm", None, "yearly"),
        ("Thường xuyên", None, "regular"),
        ("Đã hoàn thành", None, None),
        ("", None, None),
    ],
)
def test_deadline_cells(cell: str, due: str | None, recurrence: str | None) -> None:
    d = parse_cell_deadline(cell, issued=date(2021, 6, 1))
    assert (d.due.isoformat() if d and d.due else None) == due
    assert (d.recurrence.value if d and d.recurrence else None) == recurrence


@pytest.mark.parametrize(
    ("title", "attached", "code"),
    [
        ("PHỤ LỤC I", "(Kèm theo Quyết định số 5/QĐ-TTg ngày 02/01/2026)", "PL1"),
        ("PHỤ LỤC 02", "(Kèm theo Kế hoạch số 7/KH-UBND)", "PL2"),
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "(Ban hành kèm theo Nghị quyết số 9/NQ-CP ngày 10/01/2026 của Chính phủ)", "CT"),
        ("KẾ HOẠCH", "Ban hành kèm theo Quyết định số 3/QĐ-BTC", "KH"),
    ],
)
def test_part_titles(title: str, attached: str, code: str) -> None:
    text = f"Nội dung chính.\n{title}\nTIÊU ĐỀ CỦA PHẦN\n{attached}\n1. Nội dung.\n"
    parts = find_parts(text, 0)
    assert [p.code for p in parts] == [code]
    assert text[parts[0].body_start :].startswith("1. Nội dung.")


def test_a_title_without_attached_line_is_no_part() -> None:
    assert find_parts("KẾ HOẠCH\nTRIỂN KHAI NĂM 2026\nI. MỤC ĐÍCH\n1. Nội dung.\n", 0) == []


def test_header_repeated_with_ocr_specks_is_dropped():
    from directive_parser.structure.tables import find_tables

    text = (
        "| STT | Nội dung | Thời gian hoàn thành |\n| 1 | Rà soát quy hoạch | Quý II/2026 |\n"
        "| STT | Nội dung. | Thời gian hoàn. thành |\n| 2 | Báo cáo kết quả | Quý IV/2026 |\n"
    )
    (table,) = find_tables(text)
    assert [r[0].text for r in table.rows] == ["1", "2"]


def test_a_row_split_by_product_is_a_record_of_its_own():
    from datetime import date

    from directive_parser import parse_text

    doc = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 5/KH-UBND\nAn Giang, ngày 10 tháng 02 năm 2026\nKẾ HOẠCH\nThực hiện\n"
        "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Sản phẩm | Thời gian hoàn thành |\n"
        "| 1 | Thể chế hóa các chủ trương về kinh tế tư nhân | Sở Tài chính | Báo cáo về kinh tế tư nhân | Quý II/2026 |\n"
        "|  |  | Sở Tư pháp | Báo cáo về pháp luật kinh doanh | Quý III/2026 |\n"
        "|  |  | Sở Công Thương |  |  |\n",
        issued=date(2026, 2, 10),
    )
    got = [([b.name for b in a.lead], a.task, a.deadline.due if a.deadline else None) for a in doc.assignments]
    assert len(got) == 2  # the last row, with no product of its own, only adds a lead to the row above
    assert got[0][0] == ["Sở Tài chính"] and got[0][2] == date(2026, 6, 30)
    assert got[1][0] == ["Sở Tư pháp", "Sở Công Thương"] and got[1][2] == date(2026, 9, 30)
    assert got[1][1].startswith("Thể chế hóa các chủ trương") and got[1][1].endswith("Báo cáo về pháp luật kinh doanh")


def test_dash_rows_split_one_task_between_leads():
    from datetime import date

    from directive_parser import parse_text

    doc = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 6/KH-UBND\nAn Giang, ngày 10 tháng 02 năm 2026\nKẾ HOẠCH\nThực hiện\n"
        "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "| 1 | Rà soát danh mục dự án | Sở Tài chính |  | Quý I/2026 |\n"
        "| 2 | Hoàn thiện tiêu chuẩn kỹ thuật đối với công trình hạ tầng |  |  |  |\n"
        "|  | -Công trình đê điều. | Sở Nông nghiệp và Môi trường | Sở Xây dựng | Năm 2026 |\n"
        "|  | -Công trình giao thông. | Sở Xây dựng |  |  |\n",
        issued=date(2026, 2, 10),
    )
    got = [([b.name for b in a.lead], a.task[:20], a.deadline.due if a.deadline else None) for a in doc.assignments]
    assert got == [
        (["Sở Tài chính"], "Rà soát danh mục dự ", date(2026, 3, 31)),
        (["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"], "Hoàn thiện tiêu chuẩ", date(2026, 12, 31)),
    ]
