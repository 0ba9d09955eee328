"""PDF text layers: pypdfium2 (fast, bare text) or pdfplumber, with typed errors for broken files."""
from __future__ import annotations

from pathlib import Path

from directive_parser.errors import CorruptPdfError, EmptyDocumentError, EncryptedPdfError
from directive_parser.models import PageMethod, PageText, SourceDocument
from directive_parser.options import OcrMode, PdfEngine

# A page needs this many letters in its text layer before we trust it over OCR.
MIN_LETTERS_PER_PAGE = 40
# Share of letters among non-space characters below which a text layer is garbage (cid:…, boxes).
MIN_LETTER_SHARE = 0.55

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
    """
    letters = sum(ch.isalpha() for ch in text)
    visible = sum(not ch.isspace() for ch in text)
    return letters >= MIN_LETTERS_PER_PAGE and letters >= MIN_LETTER_SHARE * max(visible, 1) and "(cid:" not in text


def ingest_pdf(p: Path, data: bytes, sha: str, ocr: OcrMode, engine: PdfEngine) -> SourceDocument:
    texts = pdf_texts_pdfplumber(p, data) if engine is PdfEngine.pdfplumber else pdf_texts_pdfium(p, data)
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


def pdf_texts_pdfium(p: Path, data: bytes) -> list[str]:
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


def pdf_texts_pdfplumber(p: Path, data: bytes) -> list[str]:
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
    return texts or pdf_texts_pdfium(p, data)
