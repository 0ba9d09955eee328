"""scan_tables: ruled tables on scanned pages, found with OpenCV and read cell by cell.

The scans are made here: a reportlab PDF (DejaVu Serif, Vietnamese text) with a ruled table,
rendered to an image with a little rotation and noise and saved as an image-only PDF.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

from directive_parser.ingest import ingest, ocr, scan_tables
from directive_parser.models import PageMethod

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
DPI = 250

ABOVE = "KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ NĂM 2026"
BELOW = "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Tài chính trước ngày 15 tháng 12."
TABLE = [
    ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
    ["A", "Hoàn thiện thể chế và hạ tầng dữ liệu quy hoạch", "", ""],
    ["1", "Xây dựng cơ sở dữ liệu quốc gia về quy hoạch", "Sở Tài chính", "Quý IV/2026"],
    ["2", "Rà soát, sửa đổi quy chế quản lý và khai thác dữ liệu", "Sở Tư pháp", "Năm 2026"],
    ["3", "Đào tạo cán bộ về chuyển đổi số trong công tác quy hoạch", "Sở Nội vụ", "Tháng 6 năm 2026"],
]
SPAN_ROW = 1  # row 1 spans columns 1..3


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT)))
    return "DejaVuSerif"


def _table_pdf(path: Path, rows: list[list[str]] | None) -> Path:
    """An A4 text PDF: a title, a ruled table (`rows`, with `SPAN_ROW` merged) and a closing line."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    style = ParagraphStyle("body", fontName=font, fontSize=11, leading=14)
    title = ParagraphStyle("title", fontName=font, fontSize=13, leading=17, alignment=1)
    story: list = [Paragraph(ABOVE, title), Spacer(1, 12)]
    if rows is not None:
        data = [[Paragraph(c, style) for c in row] for row in rows]
        t = Table(data, colWidths=[1.6 * cm, 7.5 * cm, 4 * cm, 3.4 * cm])
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("SPAN", (1, SPAN_ROW), (-1, SPAN_ROW)),
                ]
            )
        )
        story += [t, Spacer(1, 12)]
    story.append(Paragraph(BELOW, style))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm).build(story)
    return path


def _scan_image(pdf_path: Path, angle: float = 0.4, seed: int = 7) -> np.ndarray:
    """Page 1 of a PDF as a scan: greyscale at `DPI`, slightly rotated, with noise."""
    import pypdfium2
    from PIL import Image

    doc = pypdfium2.PdfDocument(str(pdf_path))
    try:
        image = doc[0].render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    arr = np.asarray(image).astype(np.int16)
    rng = np.random.default_rng(seed)
    arr = arr - 18 + rng.normal(0, 9, arr.shape)  # greyish paper and sensor noise
    specks = rng.random(arr.shape) < 0.0004
    arr[specks] = 60
    return np.clip(arr, 0, 255).astype(np.uint8)


def _image_pdf(image: np.ndarray, path: Path) -> Path:
    from PIL import Image

    Image.fromarray(image).save(path, "PDF", resolution=DPI)
    return path


@pytest.fixture(scope="module")
def table_scan(tmp_path_factory) -> tuple[Path, np.ndarray]:
    folder = tmp_path_factory.mktemp("scan-tables")
    image = _scan_image(_table_pdf(folder / "table.pdf", TABLE))
    return _image_pdf(image, folder / "table.scan.pdf"), image


@pytest.fixture(scope="module")
def prose_scan(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scan-prose")
    return _image_pdf(_scan_image(_table_pdf(folder / "prose.pdf", None)), folder / "prose.scan.pdf")


# ----------------------------------------------------------------------------------------------
# The grid (OpenCV only: no Tesseract)
# ----------------------------------------------------------------------------------------------


def test_grid_shape_and_merged_cells(table_scan) -> None:
    _, image = table_scan
    found = scan_tables.find_grids(image, DPI)
    assert len(found.grids) == 1
    grid = found.grids[0]
    assert grid.shape == (5, 4)
    assert abs(found.angle + 0.4) < 0.15  # the page was turned 0.4 degrees; it is turned back
    row = grid.cells[SPAN_ROW]
    assert row[0] is not None and row[1] is not None and row[2] is None and row[3] is None
    assert row[1][2] == grid.bbox[2]  # the merged cell reaches the table's right edge
    assert all(b is not None for r, cells in enumerate(grid.cells) if r != SPAN_ROW for b in cells)
    widths = [b[2] - b[0] for b in grid.cells[0] if b is not None]
    expected = [w / 2.54 * DPI for w in (1.6, 7.5, 4, 3.4)]
    assert all(abs(w - e) < 0.03 * DPI for w, e in zip(widths, expected))


def test_prose_page_has_no_grid(prose_scan: Path) -> None:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(prose_scan))
    image = np.asarray(doc[0].render(scale=DPI / 72, grayscale=True).to_pil())
    doc.close()
    assert scan_tables.find_grids(image, DPI).grids == ()


def test_a_framed_note_is_not_a_table() -> None:
    """A box around a paragraph (2 horizontal and 2 vertical rules) is no 2 x 2 grid."""
    import cv2

    image = np.full((1200, 1600), 245, np.uint8)
    cv2.rectangle(image, (100, 100), (1500, 600), 0, 3)
    cv2.putText(image, "Ghi chu: mot khung", (150, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    cv2.line(image, (100, 900), (1500, 900), 0, 3)  # a lone rule below
    assert scan_tables.find_grids(image, 200).grids == ()


def test_two_by_two_is_the_smallest_table() -> None:
    import cv2

    image = np.full((1200, 1600), 250, np.uint8)
    for y in (200, 500, 800):
        cv2.line(image, (100, y), (1500, y), 0, 3)
    for x in (100, 700, 1500):
        cv2.line(image, (x, 200), (x, 800), 0, 3)
    found = scan_tables.find_grids(image, 200)
    assert [g.shape for g in found.grids] == [(2, 2)]
    cv2.line(image, (700, 500), (700, 800), 250, 5)  # no rule between the bottom cells: one merged cell
    found = scan_tables.find_grids(image, 200)
    merged = found.grids[0].cells[1][0]
    assert found.grids[0].cells[1][1] is None and merged is not None
    assert all(abs(a - b) <= 3 for a, b in zip(merged, (100, 500, 1500, 800)))


def test_stray_marks_are_trimmed() -> None:
    assert scan_tables._trim("_ Sở Tài chính |") == "Sở Tài chính"
    assert scan_tables._trim("Năm 2025 - 2026") == "Năm 2025 - 2026"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # specks inside a header cell: the header repeated on the next page must read as the first
        (".Cơ quan phối hợp", "Cơ quan phối hợp"),
        ("Sản phẩm dự : kiến", "Sản phẩm dự kiến"),
        ("Cơ quan ~ chủ trì", "Cơ quan chủ trì"),
        # real punctuation stays: a field label's colon, a list's semicolon, quotes
        ("Thời gian: Quý IV", "Thời gian: Quý IV"),
        ("Quý IV : Năm 2026", "Quý IV : Năm 2026"),
        ("Bộ Y tế ; Bộ Tài chính", "Bộ Y tế ; Bộ Tài chính"),
        ("“Ngày hội”", "“Ngày hội”"),
    ],
)
def test_specks_inside_a_cell(raw: str, clean: str) -> None:
    assert scan_tables._trim(raw) == clean


# ----------------------------------------------------------------------------------------------
# Whole pages through ocr_pages (real Tesseract)
# ----------------------------------------------------------------------------------------------


def _pipe_rows(text: str) -> list[list[str]]:
    return [[" ".join(c.split()) for c in line.strip()[1:-1].split("|")] for line in text.splitlines() if line.startswith("|")]


@pytest.mark.tesseract
def test_scanned_table_becomes_pipe_rows(table_scan) -> None:
    path, _ = table_scan
    doc = ingest(path)
    assert doc.needs_ocr == [1]
    page = ocr.ocr_pages(doc).pages[0]
    assert page.method == PageMethod.ocr
    rows = _pipe_rows(page.text)
    assert len(rows) == len(TABLE) and all(len(r) == 4 for r in rows)
    for want, got in zip(TABLE, rows):
        for a, b in zip(want, got):
            assert (not a and not b) or fuzz.ratio(a, b) >= 80, (a, b)
    # text above the table, its rows, text below
    lines = page.text.splitlines()
    first_row = next(i for i, line in enumerate(lines) if line.startswith("|"))
    assert fuzz.partial_ratio(ABOVE, "\n".join(lines[:first_row])) >= 80
    assert all(line.startswith("|") for line in lines[first_row : first_row + len(TABLE)])
    assert fuzz.partial_ratio(BELOW, " ".join(lines[first_row + len(TABLE) :])) >= 80
    # one grid, boxes in PDF points (A4 is 595 x 842), None under the merged cell
    assert len(page.tables) == 1
    boxes = page.tables[0].boxes
    assert [len(r) for r in boxes] == [4] * 5
    assert boxes[SPAN_ROW][2] is None and boxes[SPAN_ROW][3] is None
    b = boxes[0][0]
    assert b is not None and b.page == 1
    assert abs(b.x0 - 2 / 2.54 * 72 - 0.5) < 8 and 40 < b.top < 200  # left margin 2 cm
    assert abs((boxes[0][3].x1 - boxes[0][0].x0) - 16.5 / 2.54 * 72) < 6  # the table is 16.5 cm wide


@pytest.mark.tesseract
def test_prose_scan_keeps_todays_ocr(prose_scan: Path) -> None:
    import pypdfium2
    import pytesseract

    page = ocr.ocr_pages(ingest(prose_scan)).pages[0]
    assert page.tables == () and "|" not in page.text
    doc = pypdfium2.PdfDocument(str(prose_scan))
    image = doc[0].render(scale=ocr.OCR_DPI / 72, grayscale=True).to_pil()
    doc.close()
    buf = io.BytesIO()
    image.save(buf, format="PPM")
    today = pytesseract.image_to_string(image, lang=ocr.OCR_LANG, config=ocr.TESSERACT_CONFIG)
    assert page.text == today
    assert re.search(r"KẾ HOẠCH", page.text)


def test_page_without_grid_goes_to_tesseract_whole(table_scan, monkeypatch) -> None:
    """No grid found: one image_to_string call on the rendered file with today's config."""
    import pytesseract

    path, _ = table_scan
    calls: list[tuple] = []
    monkeypatch.setattr(ocr, "check_tesseract", lambda lang=ocr.OCR_LANG: "5.3.0")
    monkeypatch.setattr(ocr, "_find_grids", lambda image: None)
    monkeypatch.setattr(pytesseract, "image_to_string", lambda image, **kw: calls.append((image, kw)) or "trang")
    doc = ocr.ocr_pages(replace(ingest(path), needs_ocr=[1]))
    assert doc.pages[0].text == "trang" and doc.pages[0].tables == ()
    assert len(calls) == 1 and str(calls[0][0]).endswith(".pgm")
    assert calls[0][1]["config"] == ocr.TESSERACT_CONFIG


@pytest.mark.parametrize(
    ("raw", "roman"),
    [("1", "I"), ('H"', "II"), ("11", "II"), ("1H", "III"), ("IV", "IV"), ("1V", "IV"), ("VỊ", "VI"), ("Vl", "VI"), ("IX", "IX")],
)
def test_roman_reading_of_a_narrow_number_cell(raw: str, roman: str) -> None:
    assert scan_tables._roman_reading(raw) == roman


@pytest.mark.parametrize("raw", ["12", "2", "Bộ", "HH H", "VV", ""])
def test_not_a_roman_reading(raw: str) -> None:
    assert scan_tables._roman_reading(raw) is None


def _grid(rows: list[str]) -> scan_tables.Grid:
    """A 4-column grid (STT 40 px wide) whose rows are 'g' (text merged over columns 1..3) or 't'."""
    xs, cells = [0, 40, 400, 500, 600], []
    for r, kind in enumerate(rows):
        y0, y1 = 30 * r, 30 * r + 30
        if kind == "g":
            cells.append(((xs[0], y0, xs[1], y1), (xs[1], y0, xs[4], y1), None, None))
        else:
            cells.append(tuple((xs[c], y0, xs[c + 1], y1) for c in range(4)))
    return scan_tables.Grid((0, 0, 600, 30 * len(rows)), tuple(cells))


@pytest.mark.parametrize(
    ("numbers", "kinds", "expected"),
    [
        # "1", 'H"', "1H" for I, II, III: the grid's "IV" says its group numbers are Roman
        (["TT", "1", "", 'H"', "", "1H", "IV"], "tgtgtgg", ["TT", "I", "", "II", "", "III", "IV"]),
        # one letter glyph is evidence enough ("VỊ" for VI); task rows' numbers stay as read
        (["STT", "1", "1", "VỊ", "2"], "tgtgt", ["STT", "I", "1", "VI", "2"]),
        # group rows numbered with digits only ("1", "2") keep their digits
        (["STT", "1", "1", "2", "1"], "tgtgt", ["STT", "1", "1", "2", "1"]),
    ],
    ids=["roman-groups", "task-rows-untouched", "digit-groups"],
)
def test_group_numbers_read_as_roman(numbers: list[str], kinds: str, expected: list[str]) -> None:
    grid = _grid(list(kinds))
    cells = [[n, "Nội dung", "", ""] for n in numbers]
    scan_tables._group_numbers(cells, grid)
    assert [row[0] for row in cells] == expected


def test_wide_first_column_is_no_number_column() -> None:
    # a first column 40 % of the table wide holds text, not STT numbers
    grid = scan_tables.Grid(
        (0, 0, 500, 60), (((0, 0, 200, 30), (200, 0, 500, 30), None), ((0, 30, 200, 60), (200, 30, 300, 60), (300, 30, 500, 60)))
    )
    cells = [["1H", "Nội dung", ""], ["IV", "Bộ", ""]]
    scan_tables._group_numbers(cells, grid)
    assert [row[0] for row in cells] == ["1H", "IV"]
