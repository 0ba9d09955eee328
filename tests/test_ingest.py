"""ingest: sniffing, text decoding, page splitting, text-layer trust and the per-page OCR decision."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from directive_parser.errors import EmptyDocumentError, EncodingError, NotAPdfError
from directive_parser.ingest import decode_text, ingest, legacy_encoding, read_text, sniff, split_text_pages, usable_text_layer
from directive_parser.models import PageMethod
from directive_parser.options import OcrMode

VI = "Giao Bộ Công an chủ trì, phối hợp với Bộ Nội vụ hoàn thành trước ngày 31/12/2025."

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def _zip_holding_pdf(pdf: bytes) -> bytes:
    """A ZIP that stores a PDF uncompressed, so "%PDF-" sits in its first kilobyte."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("ct33.pdf", pdf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"\xef\xbb\xbfjunk from a mail gateway\r\n%PDF-1.4\n", "pdf"),
        (b"x" * 1000 + b"%PDF-1.4", "pdf"),
        (b"x" * 1100 + b"%PDF-1.4", "text"),
        (PNG, "PNG image"),
        (JPEG, "JPEG image"),
        (b"PK\x03\x04" + b"\x00" * 30, "ZIP archive (DOCX/XLSX?)"),
        (_zip_holding_pdf(b"%PDF-1.4\n%%EOF\n"), "ZIP archive (DOCX/XLSX?)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC/XLS?)"),
        (VI.encode(), "text"),
    ],
    ids=["pdf", "junk-before-header", "header-at-1000", "header-past-1024", "png", "jpeg", "zip",
         "zip-storing-a-pdf", "ole", "utf8-text"],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [(PNG, "PNG image"), (JPEG, "JPEG image"), (_zip_holding_pdf(b"%PDF-1.4\n%%EOF\n"), "ZIP archive")],
    ids=["png", "jpeg", "zip"],
)
def test_other_formats_renamed_pdf_are_not_a_pdf(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "chi-thi.pdf"
    path.write_bytes(data)
    with pytest.raises(NotAPdfError) as exc:
        ingest(path)
    assert kind in str(exc.value)
    assert exc.value.path == str(path)


def test_junk_before_pdf_header_still_reads(tmp_path: Path, text_pdf: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"X-Mailer: junk\r\n\r\n" + text_pdf.read_bytes())
    doc = ingest(path)
    assert len(doc.pages) == 5 and "33/CT-TTg" in doc.pages[0].text


def test_text_file_named_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "ct.pdf"
    path.write_text(VI, encoding="utf-8")
    with pytest.raises(NotAPdfError, match="text file"):
        ingest(path)


@pytest.mark.parametrize(
    "data",
    [
        VI.encode("utf-8"),
        b"\xef\xbb\xbf" + VI.encode("utf-8"),
        VI.encode("utf-16"),
        VI.encode("utf-16-be").join([b"\xfe\xff", b""]),
        legacy_encoding.encode_tcvn3(VI),
        legacy_encoding.encode_vni(VI),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "tcvn3", "vni"],
)
def test_decode_text(data: bytes) -> None:
    assert decode_text(data) == VI


@pytest.mark.parametrize(
    "data",
    [b"\x81\x82\x83\x84\x85\x86\x87\x88" * 8, "Café naïve £5 façade résumé".encode("latin-1")],
    ids=["random-bytes", "english-latin1"],
)
def test_undecodable_text_is_an_encoding_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(EncodingError) as exc:
        ingest(path)
    assert exc.value.path == str(path)


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        ("một\fhai\fba", ["một", "hai", "ba"]),
        ("trang một\n\n2\n\ntrang hai\n\n3\n\ntrang ba", ["trang một", "trang hai", "trang ba"]),
        ("trang một\n\n- 2 -\n\ntrang hai", ["trang một", "trang hai"]),
        ("trang một\n\nTrang 2\n\ntrang hai", ["trang một", "trang hai"]),
        # 5 is out of sequence (page 2 expected), so it is body text: a count, not a page break.
        ("Giao:\n\n5\n\nnhiệm vụ", ["Giao:\n\n5\n\nnhiệm vụ"]),
        # A number inside a line of text is never a page break.
        ("còn 51 nhiệm vụ\n2 bộ chưa báo cáo", ["còn 51 nhiệm vụ\n2 bộ chưa báo cáo"]),
    ],
    ids=["form-feeds", "page-number-lines", "dashed-number", "trang-n", "out-of-sequence", "number-in-text"],
)
def test_split_text_pages(text: str, pages: list[str]) -> None:
    got = split_text_pages(text)
    assert [p.text.strip("\n") for p in got] == pages  # the page-number line itself is gone
    assert [p.number for p in got] == list(range(1, len(pages) + 1))
    assert {p.method for p in got} == {PageMethod.text}


def test_clean_fixture_splits_at_its_page_number_line(fixtures_dir: Path) -> None:
    doc = ingest(fixtures_dir / "ct33.clean.txt")
    assert len(doc.pages) == 2
    assert doc.pages[1].text.lstrip().startswith("trách nhiệm; một số hệ thống")
    assert doc.media_type == "text/plain" and doc.needs_ocr == []


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        (VI * 2, True),
        ("Số: 33/CT-TTg", False),  # too few letters: a scan with a stamp's text only
        ("(cid:12)(cid:34)(cid:56) " * 20, False),
        ("□□□□ ▯▯▯▯ ■■■■ 1234 5678 " * 10 + "abc", False),
        ("", False),
    ],
    ids=["real-text", "too-short", "cid-garbage", "boxes-and-digits", "empty"],
)
def test_usable_text_layer(text: str, usable: bool) -> None:
    assert usable_text_layer(text) is usable


@pytest.mark.parametrize(
    ("fixture", "mode", "needs", "methods"),
    [
        ("ct33.text.pdf", OcrMode.auto, [], [PageMethod.text_layer] * 5),
        ("ct33.text.pdf", OcrMode.always, [1, 2, 3, 4, 5], [PageMethod.ocr] * 5),
        ("ct33.text.pdf", OcrMode.never, [], [PageMethod.text_layer] * 5),
        ("ct33.scan.pdf", OcrMode.auto, [1, 2, 3, 4, 5], [PageMethod.ocr] * 5),
        ("ct33.scan.pdf", OcrMode.always, [1, 2, 3, 4, 5], [PageMethod.ocr] * 5),
        ("ct33.scan.pdf", OcrMode.never, [], [PageMethod.text_layer] * 5),
    ],
    ids=["text-auto", "text-always", "text-never", "scan-auto", "scan-always", "scan-never"],
)
def test_ocr_decision_per_page(fixtures_dir: Path, fixture: str, mode: OcrMode, needs: list[int], methods) -> None:
    doc = ingest(fixtures_dir / fixture, ocr=mode)
    assert doc.needs_ocr == needs
    assert [p.method for p in doc.pages] == methods
    assert all(p.text == "" for p in doc.pages if p.number in needs)


def test_text_pdf_pages_carry_text_and_identity(text_pdf: Path) -> None:
    doc = ingest(text_pdf)
    assert doc.media_type == "application/pdf" and len(doc.sha256) == 64 and doc.path == str(text_pdf)
    assert "Số: 33/CT-TTg" in doc.pages[0].text
    assert "Phạm Minh Chính" in doc.pages[4].text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_engines_agree_on_the_text_pdf(text_pdf: Path, engine: str) -> None:
    doc = ingest(text_pdf, engine=engine)
    assert len(doc.pages) == 5 and doc.needs_ocr == []
    assert "CHỈ THỊ" in doc.pages[0].text and "Bộ Công an" in "".join(p.text for p in doc.pages)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "], ids=["zero-bytes", "whitespace"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyDocumentError, match="empty"):
        ingest(path)


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda h: h.write("a.txt", legacy_encoding.encode_vni(VI)), VI),
        (lambda h: h.write("a.txt", b"trang m\xe1\xbb\x99t\n\n2\n\ntrang hai"), "trang một\n\n2\n\ntrang hai"),
        (lambda h: h.text_pdf, None),
    ],
    ids=["vni-text", "text-kept-whole", "pdf-text-layer"],
)
def test_read_text(hostile, build, expected) -> None:
    text = read_text(build(hostile))
    if expected is not None:
        assert text == expected
    else:
        pages = text.split("\f")
        assert len(pages) == 5 and "Số: 33/CT-TTg" in pages[0] and "Phạm Minh Chính" in pages[4]


@pytest.mark.parametrize(
    ("build", "error"),
    [(lambda h: h.png_as_pdf(), NotAPdfError), (lambda h: h.write("e.txt", b" \n"), EmptyDocumentError)],
    ids=["png", "blank"],
)
def test_read_text_errors(hostile, build, error) -> None:
    path = build(hostile)
    with pytest.raises(error) as exc:
        read_text(path)
    assert exc.value.path == str(path)
