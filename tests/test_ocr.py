"""ocr: recorded Tesseract output and injected failures (unit), plus two real runs marked `tesseract`."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytesseract
import pytest

from directive_parser.errors import TESSERACT_INSTALL_HINT, MissingDependencyError, OcrError
from directive_parser.ingest import ingest, ocr
from directive_parser.models import PageMethod, SourceDocument
from directive_parser.options import OcrMode
from directive_parser.pipeline import parse_directive
from directive_parser.structure.header import parse_header

# Tesseract 5.3 `vie --psm 4` on page 1 of fixtures/ct33.scan.pdf (first lines, recorded).
RECORDED_PAGE_1 = """THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 33/CT-TTg Hà Nội, ngày 06 tháng 11 năm 2025

CHỈ THỊ
Về đẩy mạnh việc thực hiện đúng tiến độ, hiệu quả các nhiệm vụ được giao
tại Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ và
các Thông báo kết luận của Ban Chỉ đạo Trung ương

Thời gian qua, với sự chỉ đạo quyết liệt của Chính phủ, Thủ tướng Chính phủ,
sự vào cuộc của cả hệ thống chính trị, công tác phát triển khoa học, công nghệ,
"""


class FakeTesseract:
    """Stands in for `pytesseract.image_to_string`: answers per page, records each call."""

    def __init__(self, texts: dict[int, str] | None = None, fail: dict[int, BaseException] | None = None):
        self.texts, self.fail = texts or {}, fail or {}
        self.calls: list[tuple[int, dict]] = []
        self._lock = threading.Lock()

    def __call__(self, image, **kwargs) -> str:
        number = image  # `_render` is patched to return the page number as the "image"
        with self._lock:
            self.calls.append((number, kwargs))
        if number in self.fail:
            raise self.fail[number]
        return self.texts.get(number, f"trang {number}")


@pytest.fixture
def fake_tesseract(monkeypatch):
    """Install a FakeTesseract; `_render` hands it page numbers instead of images."""

    def install(texts=None, fail=None) -> FakeTesseract:
        fake = FakeTesseract(texts, fail)
        monkeypatch.setattr(ocr, "check_tesseract", lambda lang=ocr.OCR_LANG: "5.3.0")
        monkeypatch.setattr(ocr, "_render", lambda pdf, number, path, folder: number)
        monkeypatch.setattr(pytesseract, "image_to_string", fake)
        return fake

    return install


def test_recorded_text_fills_only_the_pages_marked_for_ocr(text_pdf: Path, fake_tesseract) -> None:
    doc = ingest(text_pdf)
    doc = replace(doc, pages=[replace(p, text="", method=PageMethod.ocr) if p.number in (2, 4) else p for p in doc.pages],
                  needs_ocr=[2, 4])
    fake = fake_tesseract({2: "trang hai", 4: "trang bốn"})
    out = ocr.ocr_pages(doc, workers=2)
    assert [p.text for p in out.pages][1::2] == ["trang hai", "trang bốn"]
    assert out.pages[0].text == doc.pages[0].text and out.pages[2].text == doc.pages[2].text
    assert sorted(n for n, _ in fake.calls) == [2, 4]
    assert {(kw["lang"], kw["config"], kw["timeout"]) for _, kw in fake.calls} == {
        (ocr.OCR_LANG, ocr.TESSERACT_CONFIG, ocr.PAGE_TIMEOUT_S)
    }


def test_recorded_page_gives_the_header(scan_pdf: Path, fake_tesseract) -> None:
    fake_tesseract({1: RECORDED_PAGE_1})
    out = ocr.ocr_pages(ingest(scan_pdf))
    h = parse_header(out.pages[0].text)
    assert (h.number, h.issued, h.doc_type) == ("33/CT-TTg", date(2025, 11, 6), "Chỉ thị")


def test_replayed_scan_parses_like_the_text_pdf(text_pdf: Path, scan_pdf: Path, fake_tesseract) -> None:
    fake_tesseract({p.number: p.text for p in ingest(text_pdf).pages})
    doc = parse_directive(scan_pdf)
    assert doc.number == "33/CT-TTg" and len(doc.assignments) == len(parse_directive(text_pdf).assignments)
    assert doc.source.pages == [PageMethod.ocr] * 5


FAILURES = [
    (pytesseract.TesseractError(1, "Error opening data file vie.traineddata"), "Tesseract failed on page 3"),
    (RuntimeError("Tesseract process timeout"), "Tesseract timed out on page 3"),
]


@pytest.mark.parametrize(("error", "message"), FAILURES, ids=["tesseract-error", "timeout"])
def test_tesseract_failure_is_an_ocr_error_naming_page_and_file(scan_pdf: Path, fake_tesseract, error, message) -> None:
    fake_tesseract(fail={3: error})
    with pytest.raises(OcrError, match=message) as exc:
        ocr.ocr_pages(ingest(scan_pdf), workers=1)
    assert exc.value.path == str(scan_pdf) and str(scan_pdf) in str(exc.value)
    assert exc.value.exit_code == 4 and exc.value.__cause__ is error


def test_binary_gone_mid_run_is_a_missing_dependency(scan_pdf: Path, fake_tesseract) -> None:
    fake_tesseract(fail={2: pytesseract.TesseractNotFoundError()})
    with pytest.raises(MissingDependencyError, match="apt-get install") as exc:
        ocr.ocr_pages(ingest(scan_pdf), workers=1)
    assert exc.value.path == str(scan_pdf)


def test_unrenderable_page_is_an_ocr_error(scan_pdf: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "check_tesseract", lambda lang=ocr.OCR_LANG: "5.3.0")
    monkeypatch.setattr(ocr, "OCR_DPI", -1)  # pdfium refuses a negative scale
    with pytest.raises(OcrError, match="page 1 cannot be rendered"):
        ocr.ocr_pages(ingest(scan_pdf))


def test_render_is_300_dpi_grayscale(scan_pdf: Path, tmp_path: Path) -> None:
    from PIL import Image

    pdf = ocr.open_pdf(scan_pdf, scan_pdf.read_bytes())
    try:
        rendered = ocr._render(pdf, 1, scan_pdf, tmp_path)
    finally:
        pdf.close()
    with Image.open(rendered) as image:  # an uncompressed greyscale file Tesseract reads directly
        assert rendered.endswith(".pgm") and image.mode == "L"
        assert abs(image.width - 2480) <= 2 and abs(image.height - 3508) <= 2  # A4 at 300 dpi


def test_document_without_a_file_is_an_ocr_error(fake_tesseract) -> None:
    doc = SourceDocument(None, "0" * 64, "text/plain", [], needs_ocr=[1])
    with pytest.raises(OcrError, match="no PDF file"):
        ocr.ocr_pages(doc)


def test_nothing_to_ocr_never_probes_tesseract(text_pdf: Path, monkeypatch) -> None:
    def boom(lang="vie"):
        raise AssertionError("check_tesseract called for a document with a text layer")

    monkeypatch.setattr(ocr, "check_tesseract", boom)
    doc = ingest(text_pdf, OcrMode.auto)
    assert ocr.ocr_pages(doc) is doc


def test_missing_binary(monkeypatch, fresh_tesseract_check) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda cmd: None)
    with pytest.raises(MissingDependencyError) as exc:
        fresh_tesseract_check()
    assert "not installed" in str(exc.value) and TESSERACT_INSTALL_HINT in str(exc.value)
    assert "apt-get install" in str(exc.value) and exc.value.exit_code == 3


def test_missing_vie_data(monkeypatch, fresh_tesseract_check) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda cmd: "/usr/bin/tesseract")
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    monkeypatch.setattr(pytesseract, "get_tesseract_version", lambda: "5.3.0")
    with pytest.raises(MissingDependencyError, match="'vie' language data is missing") as exc:
        fresh_tesseract_check()
    assert "have: eng, osd" in str(exc.value) and TESSERACT_INSTALL_HINT in str(exc.value)


def test_scan_without_tesseract_fails_before_any_page(scan_pdf: Path, monkeypatch, fresh_tesseract_check) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda cmd: None)
    called = []
    monkeypatch.setattr(pytesseract, "image_to_string", lambda *a, **k: called.append(1))
    with pytest.raises(MissingDependencyError):
        parse_directive(scan_pdf)
    assert called == []


@pytest.mark.tesseract
def test_real_check_tesseract(fresh_tesseract_check) -> None:
    assert fresh_tesseract_check().split(".")[0] >= "4"


@pytest.mark.tesseract
def test_real_ocr_of_scan_page_1(scan_pdf: Path) -> None:
    doc = ingest(scan_pdf)
    doc = ocr.ocr_pages(replace(doc, needs_ocr=[1]))
    text = doc.pages[0].text
    assert "Số: 33/CT-TTg" in text and "CHỈ THỊ" in text
    h = parse_header(text)
    assert (h.number, h.issued, h.doc_type) == ("33/CT-TTg", date(2025, 11, 6), "Chỉ thị")
    assert [p.text for p in doc.pages[1:]] == [""] * 4


@pytest.mark.tesseract
@pytest.mark.slow
def test_real_scan_end_to_end(scan_pdf: Path) -> None:
    doc = parse_directive(scan_pdf)
    assert (doc.number, doc.issued, doc.doc_type) == ("33/CT-TTg", date(2025, 11, 6), "Chỉ thị")
    assert doc.title.startswith("Về đẩy mạnh việc thực hiện đúng tiến độ")
    assert doc.signer == "Phạm Minh Chính"
    assert len(doc.assignments) >= 12
    assert any(b.name == "Bộ Công an" for a in doc.assignments for b in a.lead)
    assert doc.source.pages == [PageMethod.ocr] * 5
