"""Ingest: a file -> `SourceDocument` (raw page texts, each marked text-layer, OCR or text).

PDF text layers are read by `pdf`; pages without a usable text layer are OCR'd by `ocr`; Word files
(.docx; .doc and RTF through LibreOffice) by `docx`; plain-text files are decoded by `text_files`
(UTF-8, UTF-16, or TCVN3/VNI via `legacy_encoding`). Every failure is a typed `InputFileError`
naming the file and the cause.

The Word and text readers are imported when a file of theirs comes: a PDF's parse does not pay the
~35 ms of `docx`, `wordml`, `text_files` and the legacy-encoding tables.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from directive_parser.errors import EmptyDocumentError, NotAPdfError
from directive_parser.ingest.pdf import ingest_pdf, pdf_texts_pdfium, usable_text_layer
from directive_parser.ingest.sniff import read_bytes, sniff
from directive_parser.models import PageText, SourceDocument
from directive_parser.options import OcrMode, PdfEngine

__all__ = ["decode_text", "ingest", "read_bytes", "read_text", "sniff", "split_text_pages", "usable_text_layer"]


def ingest(path: str | os.PathLike, ocr: OcrMode = OcrMode.auto, engine: PdfEngine = PdfEngine.pdfium) -> SourceDocument:
    """Read `path` and return its raw pages, marking the pages that need OCR.

    Raises:
        InputFileError: subclasses name the cause (unreadable, not a PDF, encrypted, corrupt, empty,
            a .doc when LibreOffice is not installed to convert it).
    """
    p = Path(path)
    data = read_bytes(p)
    if not data.strip():
        raise EmptyDocumentError("the file is empty", p)
    kind = sniff(data, p.name)
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        return ingest_pdf(p, data, sha, OcrMode(ocr), PdfEngine(engine))
    from directive_parser.ingest.docx import word_pages
    from directive_parser.ingest.text_files import decode_report

    if word := word_pages(p, data, kind):
        return SourceDocument(str(p), sha, word[0], word[1])
    if p.suffix.lower() == ".pdf" or kind != "text":
        raise NotAPdfError(f"not a PDF: the content is a {kind if kind != 'text' else 'text file'}", p)
    text, note = decode_report(data, p)
    return SourceDocument(str(p), sha, "text/plain", split_text_pages(text), warnings=(note,) if note else ())


def read_text(path: str | os.PathLike) -> str:
    """The raw text of a file: a decoded text file, or a PDF's text layer or a Word file's text with
    pages joined by form feeds.

    For commands that work on text, such as `repair`; no OCR, no page splitting.

    Raises:
        InputFileError: unreadable, empty, another format (image, archive), undecodable, a broken PDF or
            Word file.
    """
    p = Path(path)
    data = read_bytes(p)
    if not data.strip():
        raise EmptyDocumentError("the file is empty", p)
    kind = sniff(data, p.name)
    if kind == "pdf":
        return "\f".join(pdf_texts_pdfium(p, data))
    from directive_parser.ingest.docx import word_pages

    if word := word_pages(p, data, kind):
        return "\f".join(page.text for page in word[1])
    if kind != "text":
        raise NotAPdfError(f"not a text file or PDF: the content is a {kind}", p)
    return decode_text(data, p)


def decode_text(data: bytes, path: Path | None = None) -> str:
    """Decode a text file (UTF-8, UTF-16 with BOM, legacy TCVN3/VNI): `text_files.decode_text`."""
    from directive_parser.ingest.text_files import decode_text as decode

    return decode(data, path)


def split_text_pages(text: str) -> list[PageText]:
    """A text's pages (form feeds or page-number lines): `text_files.split_text_pages`."""
    from directive_parser.ingest.text_files import split_text_pages as split

    return split(text)
