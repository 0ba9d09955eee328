"""OCR scanned PDF pages: `SourceDocument` pages marked for OCR -> their text, via Tesseract `vie`.

Pages are rendered with pypdfium2 at `OCR_DPI` and recognised by Tesseract through pytesseract.
Pages of one document run in parallel threads (Tesseract is a subprocess, so threads suffice);
each Tesseract is pinned to one thread (OMP_THREAD_LIMIT=1) so N pages use N cores, not N×4.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import cache
from pathlib import Path

from directive_parser.errors import TESSERACT_INSTALL_HINT, MissingDependencyError, OcrError
from directive_parser.ingest import read_bytes
from directive_parser.ingest.pdf import open_pdf
from directive_parser.models import SourceDocument

OCR_DPI = 300
OCR_LANG = "vie"
# psm 4: "a single column of text of variable sizes" keeps the two-column header lines whole.
TESSERACT_CONFIG = "--psm 4"
PAGE_TIMEOUT_S = 180


@cache
def check_tesseract(lang: str = OCR_LANG) -> str:
    """Return the Tesseract version, or raise `MissingDependencyError` saying what to install."""
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependencyError(
            f"Tesseract is not installed (no '{pytesseract.pytesseract.tesseract_cmd}' on PATH); "
            f"install it with: {TESSERACT_INSTALL_HINT}"
        )
    try:
        langs = pytesseract.get_languages(config="")
        version = str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractError as e:  # pragma: no cover - broken install
        raise MissingDependencyError(f"Tesseract does not run ({e}); reinstall with: {TESSERACT_INSTALL_HINT}") from e
    if lang not in langs:
        raise MissingDependencyError(
            f"Tesseract's '{lang}' language data is missing (have: {', '.join(langs)}); "
            f"install it with: {TESSERACT_INSTALL_HINT}"
        )
    return version


def ocr_pages(doc: SourceDocument, workers: int | None = None) -> SourceDocument:
    """Fill in the text of every page listed in `doc.needs_ocr`.

    Raises:
        MissingDependencyError: Tesseract or its `vie` data is not installed.
        OcrError: rendering or recognition failed on a page.
    """
    if not doc.needs_ocr:
        return doc
    if doc.path is None or doc.media_type != "application/pdf":
        raise OcrError(f"pages {doc.needs_ocr} need OCR but there is no PDF file to render them from", doc.path)
    path = Path(doc.path)
    try:
        check_tesseract()
    except MissingDependencyError as e:  # the check is cached per process and knows no file
        raise MissingDependencyError(e.cause, path) from e
    workers = workers or min(len(doc.needs_ocr), os.cpu_count() or 1)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read by each Tesseract this process starts
    pdf = open_pdf(path, read_bytes(path))
    with tempfile.TemporaryDirectory(prefix="directive-parser-ocr-") as tmp, ThreadPoolExecutor(workers) as pool:
        try:
            # Each page goes to Tesseract as soon as it is rendered, so rendering the next pages
            # overlaps recognition instead of preceding it.
            futures = {n: pool.submit(_recognise, _render(pdf, n, path, Path(tmp)), n, path) for n in doc.needs_ocr}
        finally:
            pdf.close()
        texts = {n: f.result() for n, f in futures.items()}
    pages = [replace(p, text=texts[p.number]) if p.number in texts else p for p in doc.pages]
    return replace(doc, pages=pages)


def _render(pdf, number: int, path: Path | None, folder: Path) -> str:
    """Render a page at `OCR_DPI` to an uncompressed greyscale file (PGM: no PNG encoding cost)."""
    try:
        page = pdf[number - 1]
        image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
        page.close()
        target = folder / f"page-{number:04d}.pgm"
        image.save(target)
        return str(target)
    except Exception as e:  # pypdfium2 raises its own and PIL errors; all mean "cannot render"
        raise OcrError(f"page {number} cannot be rendered for OCR ({type(e).__name__}: {e})", path) from e


def _recognise(image: str, number: int, path: Path | None) -> str:
    import pytesseract

    try:
        return pytesseract.image_to_string(image, lang=OCR_LANG, config=TESSERACT_CONFIG, timeout=PAGE_TIMEOUT_S)
    # TesseractError subclasses RuntimeError, so it must be caught first; any other RuntimeError
    # is how pytesseract signals its timeout.
    except pytesseract.TesseractNotFoundError as e:  # uninstalled after check_tesseract ran
        raise MissingDependencyError(f"Tesseract is not installed; install it with: {TESSERACT_INSTALL_HINT}", path) from e
    except pytesseract.TesseractError as e:
        raise OcrError(f"Tesseract failed on page {number}: {e.message}", path) from e
    except RuntimeError as e:
        raise OcrError(f"Tesseract timed out on page {number} after {PAGE_TIMEOUT_S} s", path) from e
