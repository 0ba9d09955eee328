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
        monkeypatch.setattr(ocr, "_render", lambda pdf, number, path, folder: ocr.Rendered(number, ocr.OCR_DPI))
        monkeypatch.setattr(ocr, "_find_grids", lambda image: None)
        monkeypatch.setattr(pytesseract, "image_to_string", fake)
        return fake

    return install


def test_recorded_text_fills_only_the_pages_marked_for_ocr(text_pdf: Path, fake_tesseract) -> None:
    doc = ingest(text_pdf)
    doc = replace(
        doc, pages=[replace(p, text="", method=PageMethod.ocr) if p.number in (2, 4) else p for p in doc.pages], needs_ocr=[2, 4]
    )
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
    monkeypatch.setattr(ocr, "embedded_page_image", lambda page: None)  # as if the page were not one image
    with pytest.raises(OcrError, match="page 1 cannot be rendered"):
        ocr.ocr_pages(ingest(scan_pdf))


def _rendered(scan_pdf: Path, tmp_path: Path):
    pdf = ocr.open_pdf(scan_pdf, scan_pdf.read_bytes())
    try:
        return ocr._render(pdf, 1, scan_pdf, tmp_path)
    finally:
        pdf.close()


def test_scan_page_goes_to_tesseract_as_its_own_image(scan_pdf: Path, tmp_path: Path, monkeypatch) -> None:
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    pdf = ocr.open_pdf(scan_pdf, scan_pdf.read_bytes())
    (embedded,) = pdf[0].get_objects([pdfium_c.FPDF_PAGEOBJ_IMAGE])
    size = embedded.get_px_size()
    pdf.close()
    monkeypatch.setattr(ocr, "USE_EMBEDDED_PAGE_IMAGES", True)
    rendered = _rendered(scan_pdf, tmp_path)
    assert rendered.dpi == pytest.approx(300, rel=0.01)  # the fixture was scanned at 300 dpi
    with Image.open(rendered.path) as image:  # the scan's pixels, not a resampled rendering
        assert rendered.path.endswith(".pgm") and image.mode == "L" and image.size == size


def test_render_is_300_dpi_grayscale(scan_pdf: Path, tmp_path: Path, monkeypatch) -> None:
    from PIL import Image

    rendered = _rendered(scan_pdf, tmp_path)  # USE_EMBEDDED_PAGE_IMAGES is off
    assert rendered.dpi == 300
    with Image.open(rendered.path) as image:  # an uncompressed greyscale file Tesseract reads directly
        assert rendered.path.endswith(".pgm") and image.mode == "L"
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


# ----------------------------------------------------------------------------------------------
# Hostile archives: huge pages, long scans, hung Tesseract, stale temp folders
# ----------------------------------------------------------------------------------------------


def _tiny_pdf(folder: Path, width: float, height: float, name: str = "huge.pdf") -> Path:
    """A one-page PDF of a few hundred bytes whose MediaBox is `width` x `height` points."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = folder / name
    path.write_bytes(bytes(out))
    return path


def _scan_doc(path: Path, pages: int = 1) -> SourceDocument:
    from directive_parser.models import PageText

    return SourceDocument(
        str(path),
        "0" * 64,
        "application/pdf",
        [PageText(n, "", PageMethod.ocr) for n in range(1, pages + 1)],
        needs_ocr=list(range(1, pages + 1)),
    )


def test_huge_page_is_rendered_within_the_pixel_cap(tmp_path: Path, caplog) -> None:
    from PIL import Image

    path = _tiny_pdf(tmp_path, 14400, 14400)  # 200 x 200 inches: 3.7 gigapixels at 300 dpi
    assert len(path.read_bytes()) < 500
    pdf = ocr.open_pdf(path, path.read_bytes())
    try:
        with caplog.at_level("WARNING", logger=ocr.__name__):
            rendered = ocr._render(pdf, 1, path, tmp_path)
    finally:
        pdf.close()
    with Image.open(rendered.path) as image:
        assert image.width * image.height <= ocr.MAX_PAGE_PIXELS
        assert image.width * image.height > 0.95 * ocr.MAX_PAGE_PIXELS
    assert rendered.dpi < 32
    assert any(str(path) in r.getMessage() and "page 1" in r.getMessage() for r in caplog.records)


def test_a4_page_is_not_capped(caplog) -> None:
    with caplog.at_level("WARNING", logger=ocr.__name__):
        assert ocr.render_scale(595, 842) == ocr.OCR_DPI / 72
    assert caplog.records == []


def test_absurd_page_is_a_corrupt_pdf(tmp_path: Path, monkeypatch) -> None:
    from directive_parser.errors import CorruptPdfError

    monkeypatch.setattr(ocr, "check_tesseract", lambda lang=ocr.OCR_LANG: "5.3.0")
    path = _tiny_pdf(tmp_path, 30000, 30000)
    with pytest.raises(CorruptPdfError, match="page 1 is 30000 x 30000 points") as exc:
        ocr.ocr_pages(_scan_doc(path))
    assert exc.value.path == str(path)


def _blank_scan(folder: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    path = folder / "long.scan.pdf"
    c = canvas.Canvas(str(path), pagesize=(144, 144))
    for _ in range(pages):
        c.rect(10, 10, 20, 20, fill=1)
        c.showPage()
    c.save()
    return path


class SlowTesseract:
    """image_to_string that takes a while and counts the rendered pages in the temp folder."""

    def __init__(self, fail_on: int | None = None):
        self.most, self.folders, self.calls, self.fail_on = 0, set(), 0, fail_on
        self._lock = threading.Lock()

    def __call__(self, image, **kwargs) -> str:
        import time

        folder = Path(image).parent
        with self._lock:
            self.calls += 1
            self.folders.add(folder)
            self.most = max(self.most, len(list(folder.iterdir())))
            calls = self.calls
        time.sleep(0.03)
        if self.fail_on is not None and calls >= self.fail_on:
            raise pytesseract.TesseractError(1, "boom")
        return "trang"


def test_rendering_stays_within_the_bound(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "check_tesseract", lambda lang=ocr.OCR_LANG: "5.3.0")
    slow = SlowTesseract()
    monkeypatch.setattr(pytesseract, "image_to_string", slow)
    monkeypatch.setattr(ocr, "_find_grids", lambda image: None)
    doc = ocr.ocr_pages(_scan_doc(_blank_scan(tmp_path, 40), 40), workers=2)
    assert [p.text for p in doc.pages] == ["trang"] * 40
    assert 1 <= slow.most <= ocr.WAITING_PER_WORKER * 2
    assert len(slow.folders) == 1 and not any(f.exists() for f in slow.folders)


def test_temp_folder_is_gone_after_a_failure(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "check_tesseract", lambda lang=ocr.OCR_LANG: "5.3.0")
    slow = SlowTesseract(fail_on=3)
    monkeypatch.setattr(pytesseract, "image_to_string", slow)
    monkeypatch.setattr(ocr, "_find_grids", lambda image: None)
    with pytest.raises(OcrError, match="Tesseract failed on page"):
        ocr.ocr_pages(_scan_doc(_blank_scan(tmp_path, 40), 40), workers=2)
    assert slow.calls < 40  # rendering stopped soon after the failure
    assert slow.folders and not any(f.exists() for f in slow.folders)


def test_stale_temp_folders_are_removed(monkeypatch, tmp_path: Path) -> None:
    import os
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = tmp_path / f"{ocr.TEMP_PREFIX}old"
    fresh = tmp_path / f"{ocr.TEMP_PREFIX}fresh"
    other = tmp_path / "someone-elses-old"
    for d in (old, fresh, other):
        d.mkdir()
        (d / "page-0001.pgm").write_bytes(b"P5")
    for d in (old, other):
        os.utime(d, (0, 0))
    assert ocr.remove_stale_temp() == [old]
    assert not old.exists() and fresh.exists() and other.exists()


@pytest.mark.tesseract
def test_hung_tesseract_is_killed_at_the_timeout(tmp_path: Path, monkeypatch) -> None:
    import os
    import time

    pid_file = tmp_path / "pid"
    script = tmp_path / "tesseract"
    script.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 60\n")
    script.chmod(0o755)
    monkeypatch.setattr(ocr, "check_tesseract", lambda lang=ocr.OCR_LANG: "5.3.0")
    monkeypatch.setattr(ocr, "PAGE_TIMEOUT_S", 1)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(script))
    started = time.monotonic()
    with pytest.raises(OcrError, match="timed out on page 1 after 1 s"):
        ocr.ocr_pages(_scan_doc(_blank_scan(tmp_path, 1)))
    assert time.monotonic() - started < 20
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
