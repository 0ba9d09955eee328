"""Flattened annex tables: English-model OCR reads a ruled table line by line across its columns.

The texts below are written for these tests in the shape Tesseract's English model (--psm 4)
gives a scanned "Danh mục nhiệm vụ": the header garbled, some column rules read as "|", the task
column cut at about the same width on every line, the lead cell's words after the task piece.
"""

from __future__ import annotations

import pytest

from directive_parser import parse_text
from directive_parser.structure.tables import _deadline_of, _group, _is_header_line, find_tables, flat_tables, mask_tables

ANNEX = """PHỤ LỤC
DANH MỤC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH
TT Nội dung nhiệm vụ Cơ quan chủ Cơ quan phối | Thời gian hoàn
trì hợp thành
I |HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH
Xây dựng quy chế quản lý, khai thác dữ liệu dùng chung | Sở Tài chính | Các sở, ngành Quý IV/2026
của tỉnh trên nền tảng số, bảo đảm an toàn thông tin liên quan
Rà soát, sửa đổi các quy định về quản lý đầu tư công | Sở Khoa học | Sở Tư pháp Trước ngày
trên địa bàn tỉnh phù hợp với Luật Đầu tư công năm | và Công nghệ 30/6/2026
2024 và các văn bản hướng dẫn
Ii |PHÁT TRIỂN HẠ TẦNG SỐ
Nâng cấp trung tâm dữ liệu của tỉnh, bảo đảm kết nối Sở Xây dựng Các doanh nghiệp Năm 2027
với cơ sở dữ liệu quốc gia về dân cư và đất đai
Thời
gian
TT Nội dung nhiệm vụ tri hợp thành
Phủ sóng mạng di động 5G tại các khu công nghiệp, | Sở Công Thương | UBND các xã Thường
cụm công nghiệp và khu đô thị mới trên địa bàn tỉnh xuyên
"""

PROSE = """II. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện, thời gian hoàn thành
trong Quý IV/2026; quá thời hạn quy định, cơ quan phối hợp phải báo cáo nêu rõ lý do.
2. Sở Nội vụ chủ trì đánh giá kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh.
"""


def _rows(text: str) -> list[list[str]]:
    (table,) = flat_tables(text)
    return [[c.text for c in row] for row in table.rows]


def test_flattened_rows_are_rebuilt_with_task_lead_and_deadline() -> None:
    rows = _rows(ANNEX)
    assert [r[0] for r in rows] == ["I", "", "", "II", "", ""]
    tasks = [r[1] for r in rows if not r[0]]
    assert (
        tasks[0] == "Xây dựng quy chế quản lý, khai thác dữ liệu dùng chung của tỉnh trên nền tảng số, bảo đảm an toàn thông tin"
    )
    assert tasks[1].startswith("Rà soát, sửa đổi các quy định") and tasks[1].endswith("các văn bản hướng dẫn")
    assert tasks[3].endswith("khu đô thị mới trên địa bàn tỉnh")
    # the lead cell wraps below the task piece: "Sở Khoa học" / "và Công nghệ"
    assert [r[2] for r in rows if not r[0]] == ["Sở Tài chính", "Sở Khoa học và Công nghệ", "Sở Xây dựng", "Sở Công Thương"]
    assert [r[4] for r in rows if not r[0]] == ["Quý IV/2026", "Trước ngày 30/6/2026", "Năm 2027", "Thường xuyên"]


def test_numbered_rows_keep_their_numbers() -> None:
    numbered = ANNEX.replace("Xây dựng quy chế", "1 Xây dựng quy chế").replace("Rà soát, sửa đổi", "2 | Rà soát, sửa đổi")
    numbered = numbered.replace("Nâng cấp trung tâm", "1. Nâng cấp trung tâm").replace("Phủ sóng mạng", "2 Phủ sóng mạng")
    rows = _rows(numbered)
    assert [r[0] for r in rows] == ["I", "1", "2", "II", "1", "2"]
    assert [r[2] for r in rows if r[0].isdigit()] == ["Sở Tài chính", "Sở Khoa học và Công nghệ", "Sở Xây dựng", "Sở Công Thương"]


def test_header_repeated_on_a_new_page_is_no_row() -> None:
    rows = _rows(ANNEX)
    assert not any("Thời" in r[1] or r[1].startswith("TT") for r in rows)


def test_flattened_table_gives_records_and_is_not_read_again_as_prose() -> None:
    doc = parse_text("KẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n" + PROSE + ANNEX)
    by_task = {a.task[:30]: a for a in doc.assignments}
    row = next(a for t, a in by_task.items() if t.startswith("Rà soát, sửa đổi các quy định"))
    assert row.lead[0].name == "Sở Khoa học và Công nghệ"
    assert row.deadline is not None and row.deadline.due is not None and row.deadline.due.isoformat() == "2026-06-30"
    assert sum(a.table is not None for a in doc.assignments) == 4
    text = find_tables(ANNEX)
    masked = mask_tables(ANNEX, text)
    assert "Xây dựng quy chế" not in masked and len(masked) == len(ANNEX)


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("TT Nội dung nhiệm vụ Cơ quan chủ Cơ quan phối | Thời gian hoàn", True),
        ("STT Tên nhiệm vụ/dự án _— ae even phe Kết quả dự kiến bre", True),
        ("‘ của Cơ quan Cơ quan phối Thời gian", True),
        ("STT NHIỆM VỤ VÀ GIẢI PHÁP CHỦ TRÌ PHỐI HỢP THỜI GIAN", True),
        # prose names the same things in lower case, with "phối hợp với", or ends a sentence
        ("quan điểm và đúng thời gian quy định khi được cơ quan chủ trì lấy ý", False),
        ("1. Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan, thời gian hoàn thành", False),
        ("- Chủ trì, phối hợp với các Sở, Ban, ngành liên quan rà soát, đánh", False),
        ("Cơ quan chủ trì, cơ quan phối hợp báo cáo trước thời hạn.", False),
    ],
)
def test_header_lines(line: str, header: bool) -> None:
    assert _is_header_line(line) is header


@pytest.mark.parametrize(
    ("line", "group"),
    [
        ("I |KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO", ("I", "KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO")),
        ("Ii |CHỈ ĐẠO, ĐIỀU HÀNH", ("II", "CHỈ ĐẠO, ĐIỀU HÀNH")),  # OCR's "Ii" for "II"
        ("VI | các nhiệm vụ khác", ("VI", "các nhiệm vụ khác")),
        ("VIII | DUY TRÌ HOẠT ĐỘNG THƯỜNG XUYÊN", ("VIII", "DUY TRÌ HOẠT ĐỘNG THƯỜNG XUYÊN")),
        ("CHUYỂN ĐỔI SỐ TRONG CÁC LĨNH VỰC CHUYÊN NGÀNH", ("", "CHUYỂN ĐỔI SỐ TRONG CÁC LĨNH VỰC CHUYÊN NGÀNH")),
        ("Xây dựng kế hoạch và triển khai hạ tầng 5G", None),
        ("Vận động hội viên tham gia | Hội Nông dân", None),
        # the numeral read as other glyphs before its rule: "ll" for "II"
        ("ll | Xây dựng hạ tầng công nghệ thông tin của tỉnh", ("II", "Xây dựng hạ tầng công nghệ thông tin của tỉnh")),
        # "1 |" is a row number, not "I", unless it opens the table
        ("1 | Hoàn thiện thể chế, ban hành quy định", None),
    ],
)
def test_group_rows(line: str, group: tuple[str, str] | None) -> None:
    assert _group(line) == group


def test_the_first_group_numeral_read_as_a_digit() -> None:
    assert _group("1 | Hoàn thiện thể chế, ban hành quy định", first=True) == ("I", "Hoàn thiện thể chế, ban hành quy định")


def test_a_header_wrapped_over_short_lines_opens_a_table() -> None:
    header = "Cơ quan Cơ quan phối of on ye : ie ;\nTừ Nhiệm vụ wots dự kiến kết quả dự kiến | Nguồn kinh phí\nchủ trì họp\nhoàn thành\n"
    text = ANNEX.replace("TT Nội dung nhiệm vụ Cơ quan chủ Cơ quan phối | Thời gian hoàn\ntrì hợp thành\n", header, 1)
    assert [r[2] for r in _rows(text) if not r[0]] == [
        "Sở Tài chính",
        "Sở Khoa học và Công nghệ",
        "Sở Xây dựng",
        "Sở Công Thương",
    ]
    assert not any("Nhiệm vụ" in r[1] for r in _rows(text))


def test_a_lost_group_numeral_is_the_next_in_sequence() -> None:
    text = ANNEX.replace("Ii |PHÁT TRIỂN HẠ TẦNG SỐ", "PHÁT TRIỂN HẠ TẦNG SỐ VÀ DỮ LIỆU")
    assert [r[0] for r in _rows(text) if r[0]] == ["I", "II"]


@pytest.mark.parametrize(
    ("rest", "deadline"),
    [
        ("Các sở, ngành Quý IV/2026 liên quan", "Quý IV/2026"),
        ("Sở Tư pháp Trước ngày 30/6/2026", "Trước ngày 30/6/2026"),
        ("các doanh nghiệp Quy IV/2026", "Quý IV/2026"),  # the English model drops the marks
        ("UBND các xã Quý II] Năm 2026", "Quý III Năm 2026"),  # a numeral's I read as "]"
        ("Bộ trưởng Bộ 2026 - 2027", "2026 - 2027"),
        ("Các sở, ngành liên quan", ""),
        ("Hạ tầng công nghệ thông tin và các văn bản", ""),
    ],
)
def test_deadline_words_of_a_row(rest: str, deadline: str) -> None:
    assert _deadline_of(rest) == deadline


WRAPPED_PROSE = """3. Cơ quan chủ trì giải quyết thủ tục đầu tư dự án
4. Cơ quan phối hợp có trách nhiệm trả lời bằng văn bản, nêu rõ
quan điểm và đúng thời gian quy định khi được cơ quan chủ trì lấy ý
kiến; làm rõ nội dung khi được cơ quan chủ trì yêu cầu bổ sung. Nếu
quá thời hạn quy định, cơ quan phối hợp phải báo cáo nêu rõ lý do,
5. Sở Tài chính tổng hợp các nhiệm vụ, kết quả thực hiện hằng năm.
"""


@pytest.mark.parametrize("text", [PROSE, WRAPPED_PROSE], ids=["one-line", "wrapped"])
def test_prose_with_column_words_is_no_table(text: str) -> None:
    assert flat_tables(text) == []
    assert find_tables(text) == []


def test_a_pipe_table_is_not_read_twice() -> None:
    text = (
        "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n"
        "| 1 | Xây dựng quy chế quản lý dữ liệu | Sở Tài chính | Quý IV/2026 |\n"
        "| 2 | Rà soát danh mục cơ sở dữ liệu | Sở Nội vụ | Năm 2027 |\n"
    )
    tables = find_tables(text)
    assert len(tables) == 1 and [r[1].text for r in tables[0].rows] == [
        "Xây dựng quy chế quản lý dữ liệu",
        "Rà soát danh mục cơ sở dữ liệu",
    ]


def test_a_flattened_table_ends_at_the_next_document_or_the_recipients() -> None:
    tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    text = ANNEX + tail
    (table,) = flat_tables(text)
    assert table.end <= text.index("Nơi nhận")
    plan = ANNEX + "KẾ HOẠCH\nThực hiện chuyển đổi số năm 2027\nI. MỤC ĐÍCH\n1. Sở Tài chính chủ trì.\n"
    (table,) = flat_tables(plan)
    assert "Sở Tài chính chủ trì" not in " ".join(c.text for row in table.rows for c in row)


@pytest.mark.parametrize(
    ("old", "new", "lead"),
    [
        # "Sở" read in lower case ("số Công Thương") still opens the lead cell
        ("| Sở Công Thương | UBND các xã Thường", "| số Công Thương | UBND các xã Thường", "Sở Công Thương"),
        # a task ending in "số" before the lead's "Sở": the lead is "Sở …", not "số Sở"
        (
            "Nâng cấp trung tâm dữ liệu của tỉnh, bảo đảm kết nối Sở Xây dựng",
            "Nâng cấp trung tâm dữ liệu của tỉnh, hạ tầng số Sở Xây dựng",
            "Sở Xây dựng",
        ),
    ],
    ids=["lower-so", "task-ends-in-so"],
)
def test_sở_as_ocr_leaves_it(old: str, new: str, lead: str) -> None:
    rows = [r for r in _rows(ANNEX.replace(old, new)) if not r[0]]
    assert lead in [r[2] for r in rows]
