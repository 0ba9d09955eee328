"""PDF text layers: pypdfium2 (fast, bare text) or pdfplumber, with typed errors for broken files."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from directive_parser.errors import CorruptPdfError, EmptyDocumentError, EncryptedPdfError
from directive_parser.ingest.pdf_tables import (
    PageTables,
    enough_rules,
    page_tables,
    pdfium_page_tables,
    pdfium_rules,
    plumber_ruled_candidate,
    read_tables,
    simple_geometry,
    stitch_pages,
    unruled_candidate,
    unruled_header,
)
from directive_parser.models import PageMethod, PageText, SourceDocument, TableGrid
from directive_parser.options import OcrMode, PdfEngine

# A page needs this many letters in its text layer before we trust it over OCR.
MIN_LETTERS_PER_PAGE = 40
# Share of letters among non-space characters below which a text layer is garbage (cid:…, boxes).
MIN_LETTER_SHARE = 0.55
# Fill-in leaders of forms ("Họ và tên:............", "Ngày ___/___") are not counted as characters.
_LEADERS = ".…_·"


def _visible(text: str) -> int:
    """Non-space characters of `text`, form leaders left out."""
    # `split()` cuts at exactly the characters `str.isspace` accepts; counting runs in C throughout
    # (a `translate` of a non-ASCII page costs a dictionary look-up per character).
    return len("".join(text.split())) - sum(map(text.count, _LEADERS))


# pypdfium2 `PdfiumError.err_code` for a password-protected file (FPDF_ERR_PASSWORD).
_PDFIUM_ERR_PASSWORD = 4


def usable_text_layer(text: str) -> bool:
    """True when a page's text layer has enough real letters to be trusted over OCR.

    A scan often carries a stray text layer (a stamp's "Số: 33/CT-TTg", "(cid:12)" glyph ids):
    such a page goes to OCR.

    >>> usable_text_layer("Số: 33/CT-TTg")
    False
    >>> usable_text_layer("Giao Bộ Công an chủ trì thực hiện nhiệm vụ này trước ngày 31")
    True
    >>> usable_text_layer("Họ và tên người lao động:" + "." * 120 + " Chức danh, vị trí công việc đảm nhận:" + "_" * 80)
    True
    """
    letters = sum(map(str.isalpha, text))
    return letters >= MIN_LETTERS_PER_PAGE and letters >= MIN_LETTER_SHARE * max(_visible(text), 1) and "(cid:" not in text


# A page's text layer with its tables written in as pipe rows, and the tables' cell boxes.
PdfPage = tuple[str, tuple[TableGrid, ...]]


def plain_text_layer(text: str) -> bool:
    """True when a page's text layer is real text, however short or full of figures (a signature
    page "Nơi nhận: - Như trên; - Lưu: VT", a table of codes "8415.81.91"): letters, and letters and
    digits for most of its characters, no glyph ids. On a page without a scanned image it is all
    the text the page has, even when `usable_text_layer` would not trust it over OCR."""
    letters = sum(map(str.isalpha, text))
    alnum = letters + sum(map(str.isdigit, text))
    return letters > 0 and alnum >= MIN_LETTER_SHARE * _visible(text) and "(cid:" not in text


#: Images covering less than this share of a page (a seal, a logo) hold no scanned text worth OCR.
MIN_SCAN_AREA_SHARE = 0.25


def pages_without_scan(p: Path, data: bytes, indices: list[int]) -> set[int]:
    """The 0-based `indices` of pages with no image covering `MIN_SCAN_AREA_SHARE` of the page:
    their text layer is all the text they have, and OCR would only read it again."""
    import pypdfium2.raw as pdfium_c

    if not indices:
        return set()
    out: set[int] = set()
    pdf = open_pdf(p, data)
    try:
        for i in indices:
            page = load_page(pdf, i, p)
            width, height = page.get_size()
            areas = (
                (x1 - x0) * (y1 - y0)
                for x0, y0, x1, y1 in (o.get_bounds() for o in page.get_objects([pdfium_c.FPDF_PAGEOBJ_IMAGE]))
            )
            if all(area < MIN_SCAN_AREA_SHARE * width * height for area in areas):
                out.add(i)
            page.close()
    finally:
        pdf.close()
    return out


def ingest_pdf(p: Path, data: bytes, sha: str, ocr: OcrMode, engine: PdfEngine) -> SourceDocument:
    read = pdf_pages_pdfplumber if engine is PdfEngine.pdfplumber else pdf_pages_pdfium
    read_pages = read(p, data, ocr is not OcrMode.always)
    usable = [ocr is not OcrMode.auto or usable_text_layer(text) for text, _ in read_pages]
    doubtful = [i for i, (text, _) in enumerate(read_pages) if not usable[i] and plain_text_layer(text)]
    whole = pages_without_scan(p, data, doubtful)
    pages, needs = [], []
    for i, (text, tables) in enumerate(read_pages, start=1):
        if ocr is OcrMode.always or (not usable[i - 1] and i - 1 not in whole):
            needs.append(i)
            pages.append(PageText(i, "", PageMethod.ocr))
        else:
            pages.append(PageText(i, text, PageMethod.text_layer, tables))
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


def load_page(pdf: Any, index: int, p: Path) -> Any:
    """Page `index` (0-based) of an open pdfium document; a page pdfium cannot load (a cyclic or
    absurdly deep page tree, a broken page object) is a `CorruptPdfError` naming the page."""
    import pypdfium2 as pdfium

    try:
        return pdf[index]
    except pdfium.PdfiumError as e:
        raise CorruptPdfError(f"page {index + 1} cannot be loaded (broken or cyclic page tree: {e})", p) from e


def pdf_texts_pdfium(p: Path, data: bytes) -> list[str]:
    """pdfium text layers, bare (no table reading)."""
    return _pdfium_texts(p, data, tables=False)[0]


def _pdfium_texts(p: Path, data: bytes, tables: bool) -> tuple[list[str], dict[int, PageTables], dict[int, bool]]:
    """Each page's bare pdfium text; (when `tables`) the pages whose ruled tables the fast path
    read; and the pages still worth pdfplumber: rotated or offset pages with rules, and pages whose
    text has a task-table header with its headings around "STT" (an unruled table?)."""
    pdf = open_pdf(p, data)
    try:
        texts: list[str] = []
        found: dict[int, PageTables] = {}
        candidates: dict[int, bool] = {}
        for i in range(len(pdf)):
            page = load_page(pdf, i, p)
            textpage = page.get_textpage()
            text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
            if tables:
                rules = pdfium_rules(page)
                ruled = enough_rules(rules)
                simple = simple_geometry(page)
                # the header's geometry only where pdfium's coordinates are the page's (unrotated)
                unruled = unruled_candidate(text) and (ruled or not simple or unruled_header(textpage))
                got = pdfium_page_tables(page, textpage, i + 1, rules) if ruled and simple else None
                if got is not None:
                    found[i] = got
                elif (unruled and not ruled) or (ruled and not simple):
                    candidates[i] = unruled
            texts.append(text)
            textpage.close()
            page.close()
        return texts, found, candidates
    finally:
        pdf.close()


def _with_tables(texts: list[str], found: dict[int, PageTables]) -> list[PdfPage]:
    """Page texts with the pages' tables written in, rows cut by a page break joined (`stitch_pages`)."""
    stitched = stitch_pages([found.get(i) for i in range(len(texts))])
    return [(got.text, got.tables) if got is not None else (text, ()) for text, got in zip(texts, stitched)]


def pdf_pages_pdfium(p: Path, data: bytes, tables: bool = True) -> list[PdfPage]:
    """pdfium text layers with ruled tables written in as pipe rows.

    A page without a table keeps pdfium's text exactly. A page with enough rules for a grid has its
    tables found by pdfplumber's table finder on pdfium's rules, with pdfium's text in and around
    the cells (`pdf_tables.pdfium_page_tables`); only rotated pages and pages that may hold an
    unruled table pay for pdfplumber's full page parse (`pdf_tables.read_tables`).
    """
    texts, found, candidates = _pdfium_texts(p, data, tables)
    with contextlib.suppress(Exception):  # pdfminer chokes on some files pdfium repairs: such pages keep their bare text
        found.update(read_tables(data, candidates))
    return _with_tables(texts, found)


def pdf_texts_pdfplumber(p: Path, data: bytes) -> list[str]:
    """pdfplumber text layers, without table reading (see `pdf_pages_pdfplumber`)."""
    return [t for t, _ in pdf_pages_pdfplumber(p, data, tables=False)]


def pdf_pages_pdfplumber(p: Path, data: bytes, tables: bool = True) -> list[PdfPage]:
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
            texts: list[str] = []
            found: dict[int, PageTables] = {}
            for i, page in enumerate(pdf.pages):
                text = page.extract_text() or ""
                if tables:
                    ruled = plumber_ruled_candidate(page)
                    got = page_tables(page, i + 1, unruled=not ruled) if ruled or unruled_candidate(text) else None
                    if got is not None:
                        found[i] = got
                texts.append(text)
            pages = _with_tables(texts, found)
    except PdfminerException as e:  # pdfplumber wraps pdfminer's error as args[0]
        cause = e.args[0] if e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedPdfError("the PDF is encrypted (password-protected); decrypt it first", p) from e
        raise CorruptPdfError(f"the PDF is damaged and cannot be read ({type(cause).__name__}: {cause})", p) from e
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise EncryptedPdfError("the PDF is encrypted (password-protected); decrypt it first", p) from e
    except (PSException, ValueError, KeyError, TypeError) as e:
        raise CorruptPdfError(f"the PDF is damaged and cannot be read ({type(e).__name__}: {e})", p) from e
    return pages or pdf_pages_pdfium(p, data, tables)
