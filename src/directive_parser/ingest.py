"""Read a directive file: path -> `SourceDocument` (raw page texts, each marked text-layer, OCR or text).

PDF text layers are read with pypdfium2 (fast, bare text) or pdfplumber (``engine="pdfplumber"``);
pages without a usable text layer go to `ocr.ocr_pages`. Plain-text files are decoded (UTF-8,
UTF-16, or a legacy Vietnamese 8-bit encoding via `legacy_encoding`). Every failure is a typed
`InputFileError` naming the file and the cause.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from . import legacy_encoding
from .errors import (
    CorruptPdfError,
    EmptyDocumentError,
    EncodingError,
    EncryptedPdfError,
    FileUnreadableError,
    NotAPdfError,
)
from .models import PageMethod

# A page needs this many letters in its text layer before we trust it over OCR.
MIN_LETTERS_PER_PAGE = 40
# Share of letters among non-space characters below which a text layer is garbage (cid:…, boxes).
MIN_LETTER_SHARE = 0.55

# Readers accept a PDF header anywhere in the first kilobyte (Acrobat implementation note 13).
PDF_HEADER_WINDOW = 1024
# pypdfium2 `PdfiumError.err_code` for a password-protected file (FPDF_ERR_PASSWORD).
_PDFIUM_ERR_PASSWORD = 4

_MAGIC_KINDS = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (DOCX/XLSX?)"),
    (b"\xd0\xcf\x11\xe0", "OLE document (DOC/XLS?)"),
)


class OcrMode(StrEnum):
    auto = "auto"  # OCR only the pages without a usable text layer
    always = "always"
    never = "never"


@dataclass(frozen=True)
class PageText:
    """The raw text of one page, before clean-up."""

    number: int
    text: str
    method: PageMethod


@dataclass(frozen=True)
class SourceDocument:
    """What ingest read: raw page texts plus the file's identity."""

    path: str | None
    sha256: str
    media_type: str
    pages: list[PageText]
    needs_ocr: list[int] = field(default_factory=list)  # 1-based page numbers to OCR


def sniff(data: bytes) -> str:
    """Name the file type from its first bytes: 'pdf', 'text', or a human name of another format.

    Another format's signature at byte 0 wins over a "%PDF-" further on: a ZIP that stores a PDF
    uncompressed holds "%PDF-" in its first kilobyte but is still a ZIP.

    >>> sniff(b"\\x89PNG\\r\\n"), sniff(b"junk\\n%PDF-1.7"), sniff("Chỉ thị".encode())
    ('PNG image', 'pdf', 'text')
    """
    for magic, kind in _MAGIC_KINDS:
        if data.startswith(magic):
            return kind
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:  # the PDF spec allows junk before the header
        return "pdf"
    return "text"


def read_bytes(path: Path) -> bytes:
    """Read a file or raise `FileUnreadableError` naming why."""
    try:
        if path.is_dir():
            raise FileUnreadableError("is a directory, not a file", path)
        return path.read_bytes()
    except FileNotFoundError as e:
        raise FileUnreadableError("no such file", path) from e
    except PermissionError as e:
        raise FileUnreadableError("permission denied", path) from e
    except OSError as e:
        raise FileUnreadableError(f"cannot be read ({e.strerror or e})", path) from e


def ingest(path: str | os.PathLike, ocr: OcrMode = OcrMode.auto, engine: str = "pdfium") -> SourceDocument:
    """Read `path` and return its raw pages, marking the pages that need OCR.

    Raises:
        InputFileError: subclasses name the cause (unreadable, not a PDF, encrypted, corrupt, empty).
    """
    p = Path(path)
    data = read_bytes(p)
    if not data.strip():
        raise EmptyDocumentError("the file is empty", p)
    kind = sniff(data)
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        return _ingest_pdf(p, data, sha, OcrMode(ocr), engine)
    if p.suffix.lower() == ".pdf" or kind != "text":
        raise NotAPdfError(f"not a PDF: the content is a {kind if kind != 'text' else 'text file'}", p)
    return SourceDocument(str(p), sha, "text/plain", split_text_pages(decode_text(data, p)))


def read_text(path: str | os.PathLike) -> str:
    """The raw text of a file: a decoded text file, or a PDF's text layer with pages joined by form feeds.

    For commands that work on text, such as `repair`; no OCR, no page splitting.

    Raises:
        InputFileError: unreadable, empty, another format (image, archive), undecodable or a broken PDF.
    """
    p = Path(path)
    data = read_bytes(p)
    if not data.strip():
        raise EmptyDocumentError("the file is empty", p)
    kind = sniff(data)
    if kind == "pdf":
        return "\f".join(_pdf_texts_pdfium(p, data))
    if kind != "text":
        raise NotAPdfError(f"not a text file or PDF: the content is a {kind}", p)
    return decode_text(data, p)


def decode_text(data: bytes, path: Path | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy TCVN3/VNI."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    converted = legacy_encoding.convert(data)
    if converted is None:
        raise EncodingError("not UTF-8, UTF-16 or a recognised legacy Vietnamese encoding (TCVN3, VNI)", path)
    return converted


# A form feed or a line holding only a page number ("2", "- 2 -", "Trang 2") separates pages of a
# text file exported from a PDF.
_PAGE_BREAK = re.compile(r"\f|\n[ \t]*\n[ \t]*(?:-\s*)?(?:Trang\s+)?(\d{1,3})(?:\s*-)?[ \t]*\n(?=[ \t]*\n)")


def split_text_pages(text: str) -> list[PageText]:
    """Split plain text into pages at form feeds and at isolated page-number lines in sequence."""
    pages: list[PageText] = []
    last, expected = 0, 2
    for m in _PAGE_BREAK.finditer(text):
        if m.group(1) is not None and int(m.group(1)) != expected:
            continue
        pages.append(PageText(len(pages) + 1, text[last : m.start()], PageMethod.text))
        last, expected = m.end(), expected + 1
    pages.append(PageText(len(pages) + 1, text[last:], PageMethod.text))
    return pages


def usable_text_layer(text: str) -> bool:
    """True when a page's text layer has enough real letters to be trusted over OCR.

    A scan often carries a stray text layer (a stamp's "Số: 33/CT-TTg", "(cid:12)" glyph ids):
    such a page goes to OCR.

    >>> usable_text_layer("Số: 33/CT-TTg")
    False
    >>> usable_text_layer("Giao Bộ Công an chủ trì thực hiện nhiệm vụ này trước ngày 31")
    True
    """
    letters = sum(ch.isalpha() for ch in text)
    visible = sum(not ch.isspace() for ch in text)
    return letters >= MIN_LETTERS_PER_PAGE and letters >= MIN_LETTER_SHARE * max(visible, 1) and "(cid:" not in text


def _ingest_pdf(p: Path, data: bytes, sha: str, ocr: OcrMode, engine: str) -> SourceDocument:
    texts = _pdf_texts_pdfplumber(p, data) if engine == "pdfplumber" else _pdf_texts_pdfium(p, data)
    pages, needs = [], []
    for i, text in enumerate(texts, start=1):
        if ocr is OcrMode.always or (ocr is OcrMode.auto and not usable_text_layer(text)):
            needs.append(i)
            pages.append(PageText(i, "", PageMethod.ocr))
        else:
            pages.append(PageText(i, text, PageMethod.text_layer))
    return SourceDocument(str(p), sha, "application/pdf", pages, needs)


def open_pdf(p: Path, data: bytes):
    """Open a PDF with pypdfium2, mapping its errors to typed input errors."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == _PDFIUM_ERR_PASSWORD:
            raise EncryptedPdfError("the PDF is encrypted (password-protected); decrypt it first", p) from e
        raise CorruptPdfError(f"the PDF is damaged and cannot be opened ({e})", p) from e
    if len(pdf) == 0:
        raise EmptyDocumentError("the PDF has no pages", p)
    return pdf


def _pdf_texts_pdfium(p: Path, data: bytes) -> list[str]:
    pdf = open_pdf(p, data)
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            out.append(textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def _pdf_texts_pdfplumber(p: Path, data: bytes) -> list[str]:
    """Read text layers with pdfplumber; fall back to pdfium when pdfminer finds no pages.

    pdfminer cannot rebuild a broken cross-reference table and then sees zero pages, where
    pdfium repairs the table and reads the text.
    """
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            texts = [page.extract_text() or "" for page in pdf.pages]
    except PdfminerException as e:  # pdfplumber wraps pdfminer's error as args[0]
        cause = e.args[0] if e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedPdfError("the PDF is encrypted (password-protected); decrypt it first", p) from e
        raise CorruptPdfError(f"the PDF is damaged and cannot be read ({type(cause).__name__}: {cause})", p) from e
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise EncryptedPdfError("the PDF is encrypted (password-protected); decrypt it first", p) from e
    except (PSException, ValueError, KeyError, TypeError) as e:
        raise CorruptPdfError(f"the PDF is damaged and cannot be read ({type(e).__name__}: {e})", p) from e
    return texts or _pdf_texts_pdfium(p, data)
