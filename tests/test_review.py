"""export.review: the HTML review page — boxes on the page images, text view, CSV row, CLI, and a
real headless Chromium clicking a record (marker `browser`)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import typer
from _factories import assignment, directive
from typer.testing import CliRunner

from directive_parser.export.review import (
    TRACKER_CSV_COLUMNS,
    render_review,
    tracker_row,
    write_review,
)
from directive_parser.export.review_boxes import align as _align
from directive_parser.export.review_boxes import page_views, record_boxes
from directive_parser.models import CellBox, TableCell, TableSource
from directive_parser.pipeline import parse_directive
from directive_parser.text.normalize import fold_marks

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
MAX_BYTES_PER_PAGE = 500_000  # 10 pages under 5 MB


@pytest.fixture(scope="module")
def text_doc(text_pdf: Path):
    return parse_directive(text_pdf)


@pytest.fixture(scope="module")
def text_views(text_doc):
    return page_views(text_doc)


@pytest.fixture(scope="module")
def text_html(text_doc, text_views) -> str:
    return render_review(text_doc, views=text_views)


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", fold_marks(s).lower())


def test_align_maps_offsets_through_whitespace_and_decomposed_marks() -> None:
    raw = "Bo\u0302\u0323  Co\u0302ng"  # NFD, two spaces
    boxes = [(float(i), 0.0, i + 1.0, 1.0) for i in range(len(raw))]
    source = list(zip(raw, boxes))
    mapped, changed = _align("Bộ Công", 100, source, repaired=True)
    assert mapped[100] == boxes[0] and mapped[101] == boxes[1]  # "ộ" keeps the base letter's box
    assert mapped[103] == boxes[6]  # "C" after the double space
    assert changed == []
    _, changed = _align("Bộ Công", 0, list(zip("Bo Cong", boxes)), repaired=True)
    assert changed == [(0, 2, "Bo"), (3, 7, "Cong")]


def test_every_text_pdf_record_is_boxed_where_its_words_are(text_doc, text_views, text_pdf: Path) -> None:
    import pdfplumber

    assert text_doc.assignments
    with pdfplumber.open(text_pdf) as pdf:
        for a in text_doc.assignments:
            boxes = record_boxes(a, text_views)
            assert boxes, a.id
            first_page = min(boxes)
            assert first_page == a.span.page, a.id
            page = pdf.pages[first_page - 1]
            x0, top, x1, bottom = boxes[first_page][0]
            first_line = page.within_bbox((x0 - 2, top - 2, x1 + 2, bottom + 2)).extract_text()
            head = _words(text_doc.text[a.span.start : a.span.end])[:3]
            assert " ".join(head) in " ".join(_words(first_line)), (a.id, head, first_line)
            last = max(boxes)
            x0, top, x1, bottom = boxes[last][-1]
            last_line = pdf.pages[last - 1].within_bbox((x0 - 2, top - 2, x1 + 2, bottom + 2)).extract_text()
            tail = _words(text_doc.text[a.span.start : a.span.end])[-2:]
            assert " ".join(tail) in " ".join(_words(last_line)), (a.id, tail, last_line)


def test_page_is_self_contained_and_lists_every_record(text_doc, text_html: str) -> None:
    assert text_html.count('class="page-image"') == len(text_doc.pages)
    assert len(text_html.encode()) < MAX_BYTES_PER_PAGE * len(text_doc.pages)
    for a in text_doc.assignments:
        assert f'data-id="{a.id}"' in text_html
    # No network: every src/href is a data URI, and the CSP forbids any other load.
    assert not re.search(r'(?:src|href)="(?!data:)', text_html)
    assert "default-src 'none'" in text_html
    assert "<link" not in text_html


def test_hostile_text_is_escaped() -> None:
    a = assignment("X/1", task='</script><img src=x onerror=alert(1)> "=cmd"')
    doc = directive(assignments=[a], text="</script><img src=x onerror=alert(1)> " * 3)
    page = render_review(doc)
    assert "<img src=x" not in page
    assert page.count("</script>") == 2  # the JSON data block and the code block, nothing else


def test_text_input_gets_a_text_view_with_highlights_and_repair_marks(fixtures_dir: Path) -> None:
    doc = parse_directive(fixtures_dir / "ct33.eng-ocr.txt")
    assert doc.source.repair and doc.source.repair.damaged
    views = page_views(doc)
    assert all(v.image is None for v in views)
    changed = [c for v in views for c in v.changed]
    assert len(changed) > 100
    start, end, original = changed[0]
    assert original != doc.text[start:end]
    page = render_review(doc, views=views)
    assert '<pre class="text-view">' in page and 'class="hl' in page and 'class="rep"' in page
    for i in range(len(doc.assignments)):
        assert f'data-recs="{i}' in page or f' {i}"' in page


def test_table_rows_use_their_cell_boxes() -> None:
    cells = [
        TableCell(column="Nội dung", text="Xây dựng", box=CellBox(page=1, x0=10, top=20, x1=200, bottom=40)),
        TableCell(column="Cơ quan chủ trì", text="Bộ Công an", box=CellBox(page=1, x0=200, top=20, x1=300, bottom=40)),
    ]
    a = assignment("T/1").model_copy(update={"table": TableSource(table=1, row=1, cells=cells)})
    assert record_boxes(a, []) == {1: [(10, 20, 200, 40), (200, 20, 300, 40)]}


def test_tracker_row_has_the_import_columns(text_doc) -> None:
    row = tracker_row(text_doc, text_doc.assignments[0])
    assert tuple(row) == TRACKER_CSV_COLUMNS
    assert row["Số ký hiệu"] == "33/CT-TTg" and row["Ngày ban hành"] == "06/11/2025"
    assert row["Mã nhiệm vụ"] == text_doc.assignments[0].id and row["Trang"] == "2"
    with_due = next(a for a in text_doc.assignments if a.deadline and a.deadline.due)
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", tracker_row(text_doc, with_due)["Thời hạn"])
    hostile = assignment("H/1", task="=HYPERLINK(1)")
    assert tracker_row(directive(assignments=[hostile]), hostile)["Nội dung nhiệm vụ"] == "'=HYPERLINK(1)"


def test_cli_review_writes_the_page(tmp_path: Path, text_pdf: Path) -> None:
    from directive_parser.cli import review as cli_review

    app = typer.Typer()
    cli_review.register(app)
    app.command("noop")(lambda: None)  # with one command typer drops the subcommand name
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["review", str(text_pdf), "-o", str(out), "--dpi", "60"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "15 records" in result.output and "MB" in result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_review_reports_unwritable_path(tmp_path: Path) -> None:
    from directive_parser.errors import ExportError

    with pytest.raises(ExportError):
        write_review(directive(assignments=[assignment("A/1")]), tmp_path / "missing" / "r.html")


@pytest.mark.tesseract
@pytest.mark.slow
def test_scan_records_sit_where_the_text_pdf_puts_them(scan_pdf: Path, text_doc, text_views, tmp_path: Path) -> None:
    # ct33.scan.pdf is ct33.text.pdf printed and scanned: the same record sits at the same place.
    scan = parse_directive(scan_pdf)
    views = page_views(scan)
    assert all(v.image and v.boxes for v in views)
    by_id = {a.id: a for a in text_doc.assignments}
    for a in scan.assignments:
        got, want = record_boxes(a, views), record_boxes(by_id[a.id], text_views)
        assert set(got) == set(want), a.id
        for page in got:
            assert abs(got[page][0][1] - want[page][0][1]) < 8, a.id  # first line's top, in points
            assert abs(got[page][-1][3] - want[page][-1][3]) < 8, a.id  # last line's bottom
    out = write_review(
        scan,
        tmp_path / "scan.html",
    )
    assert out.stat().st_size < MAX_BYTES_PER_PAGE * len(scan.pages)
    if shutil.which("chromium"):
        _screenshot(out, ARTIFACTS / "review-scan.png", select=7)


# --- the browser ---------------------------------------------------------------------------------


def _driver(width: int = 1400, height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    profile = tempfile.mkdtemp(prefix="review-chromium-")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        opts.add_argument(flag)
    # The Debian chromedriver, named explicitly so Selenium Manager never tries to download one.
    driver = webdriver.Chrome(options=opts, service=Service(shutil.which("chromedriver") or "chromedriver"))
    driver.set_page_load_timeout(60)
    return driver, profile


def _screenshot(page: Path, shot: Path, select: int) -> None:
    driver, profile = _driver()
    try:
        driver.get(page.resolve().as_uri())
        driver.execute_script("window.directiveReview.select(arguments[0], false)", select)
        shot.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(shot))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


IN_VIEW = """
const el = arguments[0], box = el.getBoundingClientRect(), pane = document.getElementById('pages').getBoundingClientRect();
return box.top >= pane.top && box.bottom <= pane.bottom && box.height > 0;
"""


@pytest.mark.browser
def test_browser_shows_pages_and_records_and_highlights_a_clicked_record(text_doc, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = write_review(text_doc, tmp_path / "review.html")
    driver, profile = _driver()
    try:
        driver.get(page.resolve().as_uri())
        images = driver.find_elements(By.CSS_SELECTOR, "img.page-image")
        assert len(images) == len(text_doc.pages)
        assert all(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img) for img in images)
        cards = driver.find_elements(By.CSS_SELECTOR, "li.rec")
        assert [c.get_attribute("data-id") for c in cards] == [a.id for a in text_doc.assignments]
        for i in range(len(text_doc.assignments)):
            assert driver.find_elements(By.CSS_SELECTOR, f'.hl[data-rec="{i}"]'), f"record {i} has no highlight"

        target = next(i for i, a in enumerate(text_doc.assignments) if a.clause == "2.d.-1")  # page 4
        highlight = driver.find_elements(By.CSS_SELECTOR, f'.hl[data-rec="{target}"]')[0]
        assert not driver.execute_script(IN_VIEW, highlight)  # page 4 is below the fold at first
        driver.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", cards[target])
        cards[target].find_element(By.CSS_SELECTOR, ".clause").click()
        active = driver.find_elements(By.CSS_SELECTOR, ".hl.active")
        assert active and {el.get_attribute("data-rec") for el in active} == {str(target)}
        assert driver.execute_script(IN_VIEW, active[0]), "the clicked record's span was not scrolled into view"
        assert "selected" in cards[target].get_attribute("class")

        # Tick two records, reject one: the CSV holds the ticked ones, numbered, with a BOM.
        cards[target].find_element(By.CSS_SELECTOR, ".tick").click()
        driver.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", cards[0])
        cards[0].find_element(By.CSS_SELECTOR, ".tick").click()
        cards[1].find_element(By.CSS_SELECTOR, ".reject").click()
        assert cards[1].get_attribute("data-state") == "rejected"
        data = driver.execute_script("return window.directiveReview.buildCsv()")
        assert data.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(data[1:])))
        assert [r["Mã nhiệm vụ"] for r in rows] == [text_doc.assignments[0].id, text_doc.assignments[target].id]
        assert [r["STT"] for r in rows] == ["1", "2"] and rows[1]["Cơ quan chủ trì"] == "Bộ Nội vụ"
        assert list(rows[0]) == list(TRACKER_CSV_COLUMNS)

        # Hovering a highlight shows its record.
        from selenium.webdriver.common.action_chains import ActionChains

        other = driver.find_elements(By.CSS_SELECTOR, f'.hl[data-rec="{target + 1}"]')[0]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", other)
        ActionChains(driver).move_to_element(other).perform()
        tip = driver.find_element(By.ID, "tip")
        assert tip.is_displayed() and text_doc.assignments[target + 1].clause in tip.text

        driver.execute_script("window.directiveReview.select(arguments[0], false)", target)
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "review-text.png"))
        assert (ARTIFACTS / "review-text.png").stat().st_size > 10_000
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
