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
from directive_parser.ingest.pdf_tables import cell_text, pipe_row, unruled_candidate
from directive_parser.models import TableGrid
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


def _table(rows: list[list[str]], widths: list[float], repeat: int = 1):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = [[Paragraph(c, _style(9)) if c else "" for c in row] for row in rows]
    t = Table(data, colWidths=widths, repeatRows=repeat)
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
