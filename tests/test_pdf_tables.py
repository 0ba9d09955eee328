"""ingest: ruled task tables in text-layer PDFs become pipe rows in the page text plus cell boxes.

The PDFs are typeset here with reportlab (DejaVu Serif for Vietnamese), so every cell's text is known.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest

from directive_parser.ingest import ingest
from directive_parser.ingest.pdf import pdf_pages_pdfium, pdf_pages_pdfplumber, pdf_texts_pdfium
from directive_parser.ingest.pdf_tables import (
    PageTables,
    Rule,
    cell_text,
    implied_rules,
    pipe_row,
    stitch_pages,
    unruled_candidate,
)
from directive_parser.models import CellBox, TableGrid
from directive_parser.options import PdfEngine

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
pytestmark = pytest.mark.skipif(not FONT.exists(), reason="DejaVu Serif is not installed")

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"]
ROWS = [
    [
        "1",
        "Xây dựng Nghị định quy định chi tiết một số điều của Luật Dữ liệu về kết nối, chia sẻ dữ liệu giữa các cơ quan nhà nước",
        "Bộ Công an",
        "Bộ Tư pháp, Văn phòng Chính phủ",
        "Nghị định",
        "Quý IV/2025",
    ],
    ["2", "Hoàn thiện cơ sở dữ liệu quốc gia về dân cư", "Bộ Công an", "", "Cơ sở dữ liệu", "Thường xuyên"],
    [
        "3",
        "Rà soát, đánh giá thủ tục hành chính liên quan đến đất đai và đề xuất phương án cắt giảm, đơn giản hóa",
        "Bộ Nông nghiệp và Môi trường",
        "Các bộ, ngành; Ủy ban nhân dân các tỉnh, thành phố",
        "Báo cáo",
        "Trước ngày 31/12/2025",
    ],
    ["4", "Tổ chức tập huấn chuyển đổi số cho cán bộ", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ", "Kế hoạch", "Năm 2026"],
    [
        "5",
        "Ứng dụng trí tuệ nhân tạo trong giải quyết thủ tục hành chính",
        "Văn phòng Chính phủ",
        "Các bộ, ngành",
        "Hệ thống",
        "2026 - 2030",
    ],
]
PROSE = (
    "Giao Bộ Công an chủ trì, phối hợp với Bộ Nội vụ hoàn thành trước ngày 31/12/2025 việc rà soát "
    "văn bản quy phạm pháp luật về dữ liệu và báo cáo Thủ tướng Chính phủ."
)
ABOVE = "PHỤ LỤC DANH MỤC NHIỆM VỤ"
BELOW = "Ghi chú: các cơ quan báo cáo kết quả hằng quý."


@functools.cache
def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("TblSerif", str(FONT)))
    pdfmetrics.registerFontFamily("TblSerif", normal="TblSerif", bold="TblSerif", italic="TblSerif", boldItalic="TblSerif")


def _build(story_pages: list[tuple[str, list]]) -> bytes:
    """A PDF from (orientation, flowables) chunks, each starting on a new page of that orientation."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

    _fonts()
    buf = io.BytesIO()
    sizes = {"portrait": A4, "landscape": landscape(A4)}
    first = story_pages[0][0]
    doc = BaseDocTemplate(buf, pagesize=sizes[first])
    for name in sorted(sizes, key=lambda n: n != first):  # the first chunk's page template first
        size = sizes[name]
        frame = Frame(20 * mm, 20 * mm, size[0] - 40 * mm, size[1] - 40 * mm, id=name)
        doc.addPageTemplates([PageTemplate(id=name, frames=[frame], pagesize=size)])
    story: list = []
    for k, (orient, flowables) in enumerate(story_pages):
        if k:
            story += [NextPageTemplate(orient), PageBreak()]
        story += flowables
    doc.build(story)
    return buf.getvalue()


def _style(size: float = 10):
    from reportlab.lib.styles import ParagraphStyle

    _fonts()
    return ParagraphStyle("body", fontName="TblSerif", fontSize=size, leading=size * 1.3)


def _para(text: str):
    from reportlab.platypus import Paragraph

    return Paragraph(text, _style())


def _table(rows: list[list[str]], widths: list[float], repeat: int = 1, split_in_row: int = 0):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = [[Paragraph(c, _style(9)) if c else "" for c in row] for row in rows]
    t = Table(data, colWidths=widths, repeatRows=repeat, splitInRow=split_in_row)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


WIDTHS = [40.0, 240.0, 110.0, 130.0, 80.0, 90.0]  # 690 pt: fits a landscape A4 frame (728 pt)


@functools.cache
def prose_then_table() -> bytes:
    return _build([("portrait", [_para(PROSE)]), ("landscape", [_para(ABOVE), _table([HEADER, *ROWS], WIDTHS), _para(BELOW)])])


@functools.cache
def long_table() -> bytes:
    rows = [
        [
            str(i),
            f"Nhiệm vụ số {i}: triển khai nội dung của Kế hoạch tại địa phương, báo cáo kết quả",
            "Bộ Tài chính" if i % 2 else "Bộ Công an",
            "Các bộ, ngành",
            "Báo cáo",
            f"Tháng {i % 12 + 1}/2026",
        ]
        for i in range(1, 25)
    ]
    return _build([("landscape", [_para(ABOVE), _table([HEADER, *rows], WIDTHS)])])


@functools.cache
def framed_note() -> bytes:
    frame = _table([["Lưu ý: văn bản này thay thế Công văn số 12/VPCP-KSTT ngày 05/01/2025."]], [400.0])
    return _build([("portrait", [_para(PROSE), frame, _para(BELOW)])])


@functools.cache
def prose_only() -> bytes:
    return _build([("portrait", [_para(PROSE), _para(BELOW), _para("STT nội dung chủ trì phối hợp thời gian " + PROSE)])])


READERS = {"pdfium": pdf_pages_pdfium, "pdfplumber": pdf_pages_pdfplumber}


def _pipe_lines(text: str) -> list[list[str]]:
    return [[c.strip() for c in line[1:-1].split("|")] for line in text.splitlines() if line.startswith("| ")]


def _norm(cells: list[str]) -> list[str]:
    return [" ".join(c.split()) for c in cells]


def _check_grid(grid: TableGrid, page: int, shape: tuple[int, int], size: tuple[float, float]) -> None:
    assert (len(grid.boxes), len({len(r) for r in grid.boxes})) == (shape[0], 1)
    assert len(grid.boxes[0]) == shape[1]
    w, h = size
    for r, row in enumerate(grid.boxes):
        for c, box in enumerate(row):
            assert box is not None, (r, c)
            assert box.page == page
            assert 0 <= box.x0 < box.x1 <= w and 0 <= box.top < box.bottom <= h
            if c:
                assert row[c - 1] is not None and row[c - 1].x1 <= box.x0 + 0.5
            if r:
                above = grid.boxes[r - 1][c]
                assert above is not None and above.bottom <= box.top + 0.5  # rows run top to bottom


@pytest.mark.parametrize("engine", sorted(READERS))
def test_prose_page_then_landscape_table(tmp_path: Path, engine: str) -> None:
    data = prose_then_table()
    pages = READERS[engine](tmp_path / "t.pdf", data)
    assert len(pages) == 2
    (text1, tables1), (text2, tables2) = pages
    assert tables1 == () and "|" not in text1
    if engine == "pdfium":
        assert text1 == pdf_texts_pdfium(tmp_path / "t.pdf", data)[0]  # the prose page is untouched
    assert _pipe_lines(text2) == [_norm(r) for r in [HEADER, *ROWS]]
    lines = [line for line in text2.splitlines() if line.strip()]
    first_row = next(k for k, line in enumerate(lines) if line.startswith("| "))
    last_row = max(k for k, line in enumerate(lines) if line.startswith("| "))
    assert " ".join(lines[:first_row]) == ABOVE
    assert " ".join(lines[last_row + 1 :]) == BELOW
    assert all(line.startswith("| ") for line in lines[first_row : last_row + 1])
    assert len(tables2) == 1
    _check_grid(tables2[0], 2, (6, 6), (841.89, 595.28))


def test_empty_cell_stays_empty_and_pipe_is_escaped() -> None:
    assert pipe_row(["2", "", "Bộ Công an"]) == "| 2 |  | Bộ Công an |"
    assert cell_text("Cơ quan chủ\ntrì | phối  hợp\n") == "Cơ quan chủ trì / phối hợp"
    assert cell_text(None) == ""


@pytest.mark.parametrize("engine", sorted(READERS))
def test_table_over_two_pages_repeats_its_header(tmp_path: Path, engine: str) -> None:
    pages = READERS[engine](tmp_path / "t.pdf", long_table())
    assert len(pages) >= 2
    with_rows = [(text, tables) for text, tables in pages if tables]
    assert len(with_rows) == len(pages)
    seen: list[str] = []
    for k, (text, tables) in enumerate(with_rows, start=1):
        rows = _pipe_lines(text)
        assert rows[0] == HEADER  # each page shows the header row again
        assert len(tables) == 1 and len(tables[0].boxes) == len(rows)
        _check_grid(tables[0], k, (len(rows), 6), (841.89, 595.28))
        seen += [r[0] for r in rows[1:]]
    assert seen == [str(i) for i in range(1, 25)]  # no row lost, none doubled, in order
    assert pages[0][0].splitlines()[0] == ABOVE


@pytest.mark.parametrize("engine", sorted(READERS))
@pytest.mark.parametrize("make", [framed_note, prose_only], ids=["single-cell-frame", "prose-only"])
def test_pages_without_a_table_keep_their_text(tmp_path: Path, engine: str, make) -> None:
    data = make()
    pages = READERS[engine](tmp_path / "t.pdf", data)
    assert all(tables == () for _, tables in pages)
    assert not any(line.startswith("|") for text, _ in pages for line in text.splitlines())
    if engine == "pdfium":
        assert [t for t, _ in pages] == pdf_texts_pdfium(tmp_path / "t.pdf", data)


@pytest.mark.parametrize("engine", [PdfEngine.pdfium, PdfEngine.pdfplumber])
def test_ingest_puts_grids_on_page_text(tmp_path: Path, engine: PdfEngine) -> None:
    path = tmp_path / "phu-luc.pdf"
    path.write_bytes(prose_then_table())
    doc = ingest(path, engine=engine)
    assert [len(p.tables) for p in doc.pages] == [0, 1]
    assert sum(line.startswith("| ") for line in doc.pages[1].text.splitlines()) == len(doc.pages[1].tables[0].boxes) == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("STT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành", True),
        ("TT\nNội dung\nĐơn vị thực hiện\nThời hạn", True),
        ("Giao Bộ Công an chủ trì, phối hợp với Bộ Nội vụ thực hiện nội dung này", False),
        ("theo Thông tư số 01/2024/TT-BTC, Bộ Tài chính chủ trì, phối hợp với các bộ", False),
        ("Chỉ thị số 33/CT-TTg: nội dung, thời gian", False),
    ],
    ids=["header", "header-lines", "prose", "circular-number", "directive-number"],
)
def test_unruled_candidate(text: str, expected: bool) -> None:
    assert unruled_candidate(text) is expected


# ----------------------------------------------------------------------------------------------
# Rows cut by a page break (reportlab's splitInRow draws no edge between the repeated header and
# the rest of the cut row, and none under the part of the row left at the foot of the page)
# ----------------------------------------------------------------------------------------------


def _tall_row(i: int, sentences: int) -> list[str]:
    task = " ".join(
        f"Câu {k} của nhiệm vụ số {i}: rà soát, hoàn thiện quy định về dữ liệu và báo cáo kết quả."
        for k in range(1, sentences + 1)
    )
    lead = " ".join(["Bộ Công an"] + [f"Sở Tư pháp tỉnh {k}" for k in range(1, sentences)])
    return [f"{i}.", task, lead, "Các bộ, ngành", "Báo cáo", f"Quý {i % 4 + 1}/2026"]


def _cut_rows(kind: str) -> list[list[str]]:
    """Body rows for `cut_table(kind)`: tall rows that a landscape page cannot hold whole."""
    if kind == "last-row-rest-alone":  # the page after the cut holds the header and the row's rest only
        return [_tall_row(1, 3), _tall_row(2, 3), _tall_row(3, 3), _tall_row(4, 34)]
    if kind == "unnumbered":  # rows without a number that start a page are rows of their own
        return [["", *_tall_row(i, 3)[1:]] for i in range(1, 13)]
    if kind == "taller-than-a-page":  # row 3 runs over three pages: the middle one holds only its middle
        return [_tall_row(1, 4), _tall_row(2, 30), _tall_row(3, 45), _tall_row(4, 2)]
    return [_tall_row(1, 4), _tall_row(2, 20), _tall_row(3, 22), _tall_row(4, 2)]


@functools.cache
def cut_table(kind: str, repeat: int = 1) -> bytes:
    split = 0 if kind == "unnumbered" else 1
    return _build([("landscape", [_para(ABOVE), _table([HEADER, *_cut_rows(kind)], WIDTHS, repeat, split), _para(BELOW)])])


CUT_CASES = [("tall-rows", 1), ("tall-rows", 0), ("taller-than-a-page", 1), ("last-row-rest-alone", 1), ("unnumbered", 1)]


@pytest.mark.parametrize("engine", sorted(READERS))
@pytest.mark.parametrize(("kind", "repeat"), CUT_CASES, ids=[f"{k}-repeat{r}" for k, r in CUT_CASES])
def test_row_cut_by_page_break_is_one_row(tmp_path: Path, engine: str, kind: str, repeat: int) -> None:
    rows = _cut_rows(kind)
    pages = READERS[engine](tmp_path / "t.pdf", cut_table(kind, repeat))
    assert len(pages) >= 3 if kind != "unnumbered" else len(pages) >= 2
    body: list[list[str]] = []
    for k, (text, tables) in enumerate(pages, start=1):
        assert len(tables) == 1, k  # every page's part of the table is read as a table
        lines = [line for line in text.splitlines() if line.strip()]
        piped = _pipe_lines(text)
        assert len(tables[0].boxes) == len(piped)
        first = next(n for n, line in enumerate(lines) if line.startswith("| "))
        last = max(n for n, line in enumerate(lines) if line.startswith("| "))
        assert all(line.startswith("| ") for line in lines[first : last + 1])  # no loose lines inside
        assert lines[:first] == ([ABOVE] if k == 1 else [])
        assert lines[last + 1 :] == ([BELOW] if k == len(pages) else [])
        if repeat or k == 1:
            assert piped[0] == HEADER, k  # the header never takes the cut row's text
        body += [r for r in piped if r != HEADER]  # reportlab may repeat it before a cut row, too
    assert body == [_norm(r) for r in rows]  # each row whole, once, in order


FRAME: list[Rule] = [("h", 0.0, 0.0, 100.0, 0.0), ("h", 0.0, 30.0, 100.0, 30.0)]  # the table's top and bottom edges


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # three columns drawn cell by cell, rows [0, 10] and [10, 30], no edge at y=10
        (
            FRAME + [("v", x, 0.0, x, 10.0) for x in (0.0, 50.0, 100.0)] + [("v", x, 10.0, x, 30.0) for x in (0.0, 50.0, 100.0)],
            [10.0],
        ),
        # the same with the edge drawn: nothing to add
        (
            FRAME
            + [("v", x, 0.0, x, 10.0) for x in (0.0, 50.0, 100.0)]
            + [("v", x, 10.0, x, 30.0) for x in (0.0, 50.0, 100.0)]
            + [("h", 0.0, 10.0, 100.0, 10.0)],
            [],
        ),
        # a merged cell: the edge is drawn under two columns only, nothing to add
        (
            FRAME
            + [("v", x, 0.0, x, 10.0) for x in (0.0, 50.0, 100.0)]
            + [("v", x, 10.0, x, 30.0) for x in (0.0, 50.0, 100.0)]
            + [("h", 50.0, 10.0, 100.0, 10.0)],
            [],
        ),
        # a column rule runs through y=10: no row edge there
        (
            FRAME
            + [("v", x, 0.0, x, 10.0) for x in (0.0, 100.0)]
            + [("v", x, 10.0, x, 30.0) for x in (0.0, 100.0)]
            + [("v", 50.0, 0.0, 50.0, 30.0)],
            [],
        ),
        # two column rules are no grid
        ([("v", x, 0.0, x, 10.0) for x in (0.0, 100.0)] + [("v", x, 10.0, x, 30.0) for x in (0.0, 100.0)], []),
        # an open top: the column rules start at y=0 and no edge closes them
        ([("v", x, 0.0, x, 30.0) for x in (0.0, 50.0, 100.0)] + [("h", 0.0, 30.0, 100.0, 30.0)], [0.0]),
    ],
    ids=["break", "drawn", "merged-cell", "rule-through", "two-columns", "open-top"],
)
def test_implied_rules(rules: list[Rule], expected: list[float]) -> None:
    got = implied_rules(rules)
    assert [round(r[2], 2) for r in got] == expected
    assert all(r[0] == "h" and (r[1], r[3]) == (0.0, 100.0) for r in got)


def _page(number: int, rows: list[list[str]], cut: int = -1) -> PageTables:
    box = CellBox(page=number, x0=0, top=0, x1=1, bottom=1)
    boxes = tuple(tuple(box for _ in row) for row in rows)
    cells = tuple(tuple(r) for r in rows)
    return PageTables("top\n" + "\n".join(pipe_row(r) for r in rows), (TableGrid(boxes),), (cells,), ("top", 0), (cut,))


H3 = ["TT", "Nội dung", "Cơ quan chủ trì"]


@pytest.mark.parametrize(
    ("before", "after", "cut", "joined", "rest"),
    [
        (
            [H3, ["1", "Rà soát quy định", "Bộ"]],
            [H3, ["", "về dữ liệu", "Tư pháp"], ["2", "Báo cáo", "Bộ Nội vụ"]],
            1,
            [H3, ["1", "Rà soát quy định về dữ liệu", "Bộ Tư pháp"]],
            [H3, ["2", "Báo cáo", "Bộ Nội vụ"]],
        ),
        (  # no cut row: nothing moves
            [H3, ["1", "Rà soát", "Bộ Tư pháp"]],
            [H3, ["", "Báo cáo", "Bộ Nội vụ"]],
            -1,
            [H3, ["1", "Rà soát", "Bộ Tư pháp"]],
            [H3, ["", "Báo cáo", "Bộ Nội vụ"]],
        ),
        (  # another table (other columns) on the page before: nothing moves
            [["TT", "Chỉ tiêu"], ["1", "Tỉ lệ"]],
            [H3, ["", "về dữ liệu", "Bộ"], ["2", "Báo cáo", "Bộ Nội vụ"]],
            1,
            [["TT", "Chỉ tiêu"], ["1", "Tỉ lệ"]],
            [H3, ["", "về dữ liệu", "Bộ"], ["2", "Báo cáo", "Bộ Nội vụ"]],
        ),
    ],
    ids=["joined", "no-cut", "other-table"],
)
def test_stitch_pages(
    before: list[list[str]], after: list[list[str]], cut: int, joined: list[list[str]], rest: list[list[str]]
) -> None:
    first, second = stitch_pages([_page(1, before), _page(2, after, cut), None])[:2]
    assert first is not None and second is not None
    assert [list(r) for r in first.cells[0]] == joined and [list(r) for r in second.cells[0]] == rest
    assert first.text == "top\n" + "\n".join(pipe_row(r) for r in joined)
    assert second.text == "top\n" + "\n".join(pipe_row(r) for r in rest)
    assert [len(first.tables[0].boxes), len(second.tables[0].boxes)] == [len(joined), len(rest)]


# ----------------------------------------------------------------------------------------------
# Unruled tables: the header's geometry decides which pages pay for pdfplumber
# ----------------------------------------------------------------------------------------------


def _unruled_table(rows: list[list[str]], widths: list[float], valign: str = "TOP"):
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = [[Paragraph(c, _style(9)) if c else "" for c in row] for row in rows]
    t = Table(data, colWidths=widths)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), valign)]))  # no GRID: no rules at all
    return t


@functools.cache
def unruled_table() -> bytes:
    return _build([("landscape", [_para(ABOVE), _unruled_table([HEADER, *ROWS], WIDTHS), _para(BELOW)])])


@functools.cache
def unruled_wrapped_header() -> bytes:
    """Narrow columns: every heading wraps to two or three lines, "STT" in the middle of the row."""
    return _build(
        [("portrait", [_para(ABOVE), _unruled_table([HEADER, *ROWS[:2]], [40.0, 150.0, 60.0, 60.0, 50.0, 50.0], "MIDDLE")])]
    )


FILLER = "Các bộ, ngành và địa phương bảo đảm an ninh mạng, an toàn dữ liệu và bí mật nhà nước trong quá trình số hóa. " * 4


@functools.cache
def prose_naming_tt() -> bytes:
    """Prose whose text has "TT" and the headings of a task table, many lines apart."""
    return _build([("portrait", [_para("Giao Bộ TT&TT tổng hợp tình hình."), _para(FILLER), _para(FILLER), _para(PROSE)])])


@functools.cache
def flattened_header() -> bytes:
    """A table flattened to one heading a line, every line at the margin ("STT" / "Nội dung nhiệm vụ" / …),
    as text exports of tables often print: the headings stand under "STT", not beside it."""
    return _build([("portrait", [_para(ABOVE), *map(_para, HEADER), _para(PROSE)])])


@functools.cache
def number_alone_then_prose() -> bytes:
    """ "STT" alone on its line, and below it prose that names two headings one word space apart."""
    return _build([("portrait", [_para("STT"), _para("Điều chỉnh danh mục, tổ chức, cá nhân chủ trì nhiệm vụ khoa học")])])


def _pdfium_textpage(data: bytes):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    return pdf, pdf[0].get_textpage()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (unruled_table, True),
        (unruled_wrapped_header, True),
        (prose_naming_tt, False),
        (prose_only, False),
        (flattened_header, False),
        (number_alone_then_prose, False),
    ],
    ids=["header-row", "wrapped-header", "tt-lines-apart", "headings-on-the-line", "one-heading-a-line", "headings-a-word-apart"],
)
def test_unruled_header(make, expected: bool) -> None:
    from directive_parser.ingest.pdf_tables import unruled_header

    pdf, textpage = _pdfium_textpage(make())
    text = textpage.get_text_bounded()
    assert unruled_candidate(text)  # the text check alone takes every one of these pages
    assert unruled_header(textpage) is expected
    pdf.close()


@pytest.mark.parametrize(
    "make", [prose_naming_tt, prose_only, flattened_header], ids=["tt-lines-apart", "on-the-line", "one-a-line"]
)
def test_prose_naming_tt_skips_pdfplumber(tmp_path: Path, make) -> None:
    from directive_parser.ingest.pdf import _pdfium_texts

    data = make()
    texts, found, candidates = _pdfium_texts(tmp_path / "t.pdf", data, tables=True)
    assert (found, candidates) == ({}, {})
    assert [t for t, _ in pdf_pages_pdfium(tmp_path / "t.pdf", data)] == texts


@pytest.mark.parametrize("engine", sorted(READERS))
def test_unruled_table_is_read(tmp_path: Path, engine: str) -> None:
    pages = READERS[engine](tmp_path / "t.pdf", unruled_table())
    assert [len(tables) for _, tables in pages] == [1]
    rows = _pipe_lines(pages[0][0])
    assert rows[0][0] == "STT" and "Sản phẩm" in rows[0]
    assert [r[0] for r in rows if r[0].isdigit()] == ["1", "2", "3", "4", "5"]  # in order, none lost or doubled
    assert len(pages[0][1][0].boxes) == len(rows)


def test_header_rows_read_as_the_whole_table() -> None:
    """`_extract_rows` is pdfplumber's `Table.extract` for some rows: the same text, row for row."""
    import pdfplumber

    from directive_parser.ingest.pdf_tables import TEXT_SETTINGS, _extract_rows

    with pdfplumber.open(io.BytesIO(unruled_table())) as pdf:
        tables = pdf.pages[0].find_tables(TEXT_SETTINGS)
        assert tables
        for table in tables:
            rows = table.rows
            assert _extract_rows(table, rows) == table.extract()
            assert _extract_rows(table, rows[:3]) == table.extract()[:3]


@pytest.mark.parametrize(
    "text",
    [
        "STT",
        "stt",
        "TT",
        "x TT y",
        "/TT",
        "TTg",
        "STT.",
        "(STT)",
        "sTT",
        "Stt",
        "aTT",
        "-tt",
        "TT-",
        "ttt",
        "s tt",
        "ST T",
        "ſtt",
        "Số 12/CT-TTg",
        "TT Nội dung",
        "tttt tt",
        "Att tT",
        "",
    ],
)
def test_number_word_gate_matches_the_pattern(text: str) -> None:
    from directive_parser.ingest import pdf_tables

    assert pdf_tables._has_number_word(text) == (pdf_tables._NUMBER_WORD.search(text) is not None)
