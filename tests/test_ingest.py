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
    ids=[
        "pdf",
        "junk-before-header",
        "header-at-1000",
        "header-past-1024",
        "png",
        "jpeg",
        "zip",
        "zip-storing-a-pdf",
        "ole",
        "utf8-text",
    ],
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


# --- decoding is not all-or-nothing; a .txt quoting %PDF-; FIFOs, devices, size (issue 10) -----

import importlib  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402

from directive_parser.errors import FileUnreadableError  # noqa: E402
from directive_parser.ingest.text_files import decode_report  # noqa: E402

LONG_VI = (VI + "\n") * 20
# the module, not the `sniff` function the package exports under the same name
sniff_module = importlib.import_module("directive_parser.ingest.sniff")


def test_a_few_stray_bytes_in_utf8_are_replaced_and_warned(caplog) -> None:
    data = LONG_VI.encode("utf-8")
    data = data[:100] + b"\xff" + data[100:300] + b"\xc3" + data[300:]  # a stray byte, a cut sequence
    with caplog.at_level(logging.WARNING, logger="directive_parser.ingest"):
        text, warning = decode_report(data, Path("ct.txt"))
    assert text.count("\ufffd") == 2 and "Bộ Công an" in text
    assert warning and "2 undecodable" in warning
    assert any("ct.txt" in r.getMessage() and "U+FFFD" in r.getMessage() for r in caplog.records)
    assert decode_report(VI.encode())[1] is None  # a clean file carries no warning


def test_many_bad_bytes_in_utf8_text_are_an_encoding_error(tmp_path: Path) -> None:
    data = bytearray(LONG_VI.encode("utf-8"))
    for i in range(0, len(data), 20):  # one byte in twenty broken: far over the tolerated share
        data[i] = 0xFF
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(EncodingError):
        ingest(path)


def test_utf16_bom_with_a_broken_body_is_replaced_not_a_traceback(tmp_path: Path) -> None:
    body = LONG_VI.encode("utf-16-le")
    broken = b"\xff\xfe" + body[:200] + b"\x00\xd8" + body[200:] + b"\x41"  # a lone surrogate, an odd byte
    text, warning = decode_report(broken)
    assert "Bộ Công an" in text and warning and "UTF-16" in warning
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + os.urandom(4000))
    with pytest.raises(EncodingError, match="UTF-16"):
        ingest(path)


def test_pdf_header_quoted_in_a_txt_file_stays_text(tmp_path: Path) -> None:
    data = ("Ghi chú: tệp gốc bắt đầu bằng %PDF-1.7\n" + LONG_VI).encode("utf-8")
    assert sniff(data) == "pdf"  # with no name, the PDF rule (junk allowed before the header) applies
    assert sniff(data, "ghi-chu.txt") == "text"
    assert sniff(b"%PDF-1.7\n%%EOF\n", "ct.txt") == "pdf"  # a real PDF named .txt is still a PDF
    assert sniff(PNG, "anh.txt") == "PNG image"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import signal

    fifo = tmp_path / "ct.txt"
    os.mkfifo(fifo)
    signal.alarm(30)  # a hang fails this test instead of the suite
    try:
        with pytest.raises(FileUnreadableError, match="not a regular file") as exc:
            ingest(fifo)
    finally:
        signal.alarm(0)
    assert exc.value.path == str(fifo)


def test_dev_zero_is_refused_not_read_into_memory() -> None:
    with pytest.raises(FileUnreadableError, match="not a regular file"):
        ingest("/dev/zero")


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(LONG_VI.encode() * 1200)  # about 2 MB
    monkeypatch.setenv(sniff_module.MAX_INPUT_ENV, "1")
    with pytest.raises(FileUnreadableError, match="over the 1 MB input limit"):
        ingest(path)
    monkeypatch.setenv(sniff_module.MAX_INPUT_ENV, "0")  # 0: no limit
    assert sniff_module.read_bytes(path)
    monkeypatch.delenv(sniff_module.MAX_INPUT_ENV)
    assert sniff_module.max_input_bytes() == sniff_module.DEFAULT_MAX_INPUT_MB * 2**20


def test_non_utf8_reference_file_is_an_encoding_error(tmp_path: Path) -> None:
    from directive_parser.repair.align import read_references

    ref = tmp_path / "ref.txt"
    ref.write_bytes(legacy_encoding.encode_tcvn3(VI))
    with pytest.raises(EncodingError, match="reference") as exc:
        read_references(ref)
    assert exc.value.path == str(ref)
    ref.write_bytes(VI.encode("utf-16"))
    assert read_references(ref) == [VI]


def test_a_stray_byte_is_replaced_and_reported_on_the_directive(tmp_path) -> None:
    from directive_parser import parse_directive

    body = (
        "Số: 5/CT-UBND\nCHỈ THỊ\nVề việc rà soát phí và lệ phí\n"
        "1. Giao Bộ Tài chính chủ trì rà soát các quy định về phí, hoàn thành trong Quý I/2026.\n"
        "2. Giao Bộ Tư pháp phối hợp thẩm định các văn bản sửa đổi.\n"
    )
    path = tmp_path / "ct.txt"
    path.write_bytes(body.encode("utf-8").replace("rà soát".encode(), b"r\xff so\xe1t"))
    doc = parse_directive(path)
    ingest_notes = [w for w in doc.warnings if w.stage == "ingest"]
    assert len(ingest_notes) == 1 and "\ufffd" in doc.text
    assert doc.assignments and doc.assignments[0].lead[0].name == "Bộ Tài chính"


def test_a_txt_quoting_a_pdf_header_stays_text(tmp_path) -> None:
    from directive_parser.ingest import ingest

    path = tmp_path / "note.txt"
    path.write_text("Ghi chú: tệp bắt đầu bằng %PDF-1.7 là tệp PDF.\n1. Giao Bộ Tư pháp rà soát.", encoding="utf-8")
    assert ingest(path).media_type == "text/plain"
