"""OCR scanned PDF pages: `SourceDocument` pages marked for OCR -> their text, via Tesseract `vie`.

A page that is one upright full-page image (a scanner's output) can go to Tesseract as that image,
at its own resolution (`USE_EMBEDDED_PAGE_IMAGES`): rendering it again only resamples it. Other
pages are rendered with pypdfium2 at `OCR_DPI` (fewer dpi for a page that would exceed
`MAX_PAGE_PIXELS`). Pages are recognised by Tesseract through pytesseract. Pages of one document run in
parallel threads (Tesseract is a subprocess, so threads suffice); each Tesseract is pinned to one
thread (OMP_THREAD_LIMIT=1) so N pages use N cores, not N×4. Rendering runs at most
`WAITING_PER_WORKER` × workers pages ahead of recognition, and every rendered page is deleted as soon
as it is read, so a 3000-page scan never fills the temp folder.

A page whose image holds a ruled table (`scan_tables`) gets the table as pipe rows read cell by
cell, with its `TableGrid`; every other page is OCR'd whole exactly as before.
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from directive_parser.errors import TESSERACT_INSTALL_HINT, CorruptPdfError, MissingDependencyError, OcrError
from directive_parser.ingest import read_bytes
from directive_parser.ingest.pdf import open_pdf
from directive_parser.ingest.pdf_tables import PageTables
from directive_parser.models import SourceDocument

log = logging.getLogger(__name__)

OCR_DPI = 300
OCR_LANG = "vie"
# psm 4: "a single column of text of variable sizes" keeps the two-column header lines whole.
# Measured on the dev scans (bench/bench_scan_tables.py --psm --pages 1 --ids ct-01 qd-01 tbl-02
# kh-01; word accuracy = share of the OCR'd words aligned in order to the source's, rapidfuzz >= 80;
# seconds on a loaded 2-core machine, so only roughly comparable):
#   psm 3: 97.5 % (1705/1749) 28 s/page | psm 4: 97.5 % (1706/1749) 32 s | psm 6: 96.8 % (1702/1759) 22 s
# psm 4 ties psm 3 on words and keeps the header's two columns line by line; psm 6 loses words.
TESSERACT_CONFIG = "--psm 4"
PAGE_TIMEOUT_S = 180
# A rendered page is capped at 40 megapixels (A4 at 300 dpi is 8.7): beyond, the dpi goes down.
MAX_PAGE_PIXELS = 40_000_000
# A page of more than 400 megapixels at 72 dpi (a MediaBox of ~20000 x 20000 points, beyond the
# PDF spec's 14400-point limit) is not a scan but a hostile or broken file.
ABSURD_PAGE_PIXELS_72DPI = 400_000_000
# Rendered pages waiting for (or in) recognition, per worker thread.
WAITING_PER_WORKER = 2
TEMP_PREFIX = "directive-parser-ocr-"
STALE_TEMP_S = 3600


@dataclass(frozen=True)
class Rendered:
    """A rendered page: its image file and the dpi it was rendered at."""

    path: str
    dpi: float


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
            f"Tesseract's '{lang}' language data is missing (have: {', '.join(langs)}); install it with: {TESSERACT_INSTALL_HINT}"
        )
    return version


def ocr_pages(doc: SourceDocument, workers: int | None = None) -> SourceDocument:
    """Fill in the text (and the tables) of every page listed in `doc.needs_ocr`.

    Raises:
        MissingDependencyError: Tesseract or its `vie` data is not installed.
        OcrError: rendering or recognition failed on a page.
        CorruptPdfError: a page is absurdly large (`ABSURD_PAGE_PIXELS_72DPI`).
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
    remove_stale_temp()
    pdf = open_pdf(path, read_bytes(path))
    tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    pool = ThreadPoolExecutor(workers)
    slots = threading.Semaphore(WAITING_PER_WORKER * workers)
    futures: dict[int, Future[PageTables]] = {}
    total, finished = len(doc.needs_ocr), itertools.count(1)
    # Progress for whoever listens (the CLI's page bar): INFO records carrying ocr_done/ocr_total.
    log.info("%s: OCR of %d page(s), %d at a time", path, total, workers, extra={"ocr_done": 0, "ocr_total": total})

    def report(future: Future[PageTables], number: int) -> None:
        if not future.cancelled() and future.exception() is None:
            done = next(finished)
            log.info("%s: OCR page %d done (%d of %d)", path, number, done, total, extra={"ocr_done": done, "ocr_total": total})

    try:
        # Each page goes to Tesseract as soon as it is rendered, so rendering the next pages
        # overlaps recognition; a slot is taken before rendering and given back once the page's
        # image is read and deleted, so rendering never runs more than the slots ahead.
        for n in doc.needs_ocr:
            slots.acquire()
            if any(f.done() and f.exception() is not None for f in futures.values()):
                slots.release()
                break  # a page failed: its error is raised below, rendering more is wasted
            try:
                image = _render(pdf, n, path, tmp)
            except BaseException:
                slots.release()
                raise
            futures[n] = pool.submit(_job, image, n, path, slots)
            futures[n].add_done_callback(functools.partial(report, number=n))
        results = {n: f.result() for n, f in futures.items()}
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        pdf.close()
        shutil.rmtree(tmp, ignore_errors=True)
    pages = [
        replace(p, text=results[p.number].text, tables=results[p.number].tables) if p.number in results else p for p in doc.pages
    ]
    return replace(doc, pages=pages)


def remove_stale_temp(max_age_s: float = STALE_TEMP_S) -> list[Path]:
    """Remove our own temp folders (`TEMP_PREFIX`) untouched for `max_age_s`: left by a killed run."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*"))
    except OSError:
        return removed
    for entry in entries:
        try:
            if entry.is_dir() and not entry.is_symlink() and now - entry.stat().st_mtime > max_age_s:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
        except OSError:
            continue
    return removed


def render_scale(width: float, height: float, path: Path | None = None, number: int = 0) -> float:
    """The pdfium scale (dpi / 72) for a page of `width` x `height` points: `OCR_DPI`, lowered so the
    image stays within `MAX_PAGE_PIXELS` (logged as a warning).

    Raises:
        CorruptPdfError: the page is more than `ABSURD_PAGE_PIXELS_72DPI` at 72 dpi.
    """
    area = abs(width * height)
    if area > ABSURD_PAGE_PIXELS_72DPI:
        raise CorruptPdfError(
            f"page {number} is {width:.0f} x {height:.0f} points ({area / 1e6:.0f} megapixels at 72 dpi): "
            "too large to be a scanned page",
            path,
        )
    scale = OCR_DPI / 72
    if area * scale * scale > MAX_PAGE_PIXELS:
        scale = math.sqrt(MAX_PAGE_PIXELS / area) * 0.999  # pdfium rounds the pixel size up
        log.warning(
            "%s: page %d is %.0f x %.0f points; rendered at %.0f dpi instead of %d to stay within %d megapixels",
            path,
            number,
            width,
            height,
            scale * 72,
            OCR_DPI,
            MAX_PAGE_PIXELS // 1_000_000,
        )
    return scale


#: Hand Tesseract a scanned page's own image instead of rendering the page again. Measured with
#: bench/bench_psm.py (psm 4, 12 dev scan pages of 200-300 dpi): word accuracy 97.8 % (4620/4725)
#: on the page's own image against 97.6 % (4611/4724) re-rendered at 300 dpi, and Tesseract 24 %
#: faster. Off for now: on fixtures/ct33.scan.pdf page 4 it reads one "mạng;" as "mạng:", which
#: merges two tasks and fails tests/test_golden.py's scan threshold (0.963 < 0.99).
USE_EMBEDDED_PAGE_IMAGES = False
#: An embedded image is the page when it covers this share of its width and height.
FULL_PAGE_SHARE = 0.9
#: Below this resolution an embedded page image is rendered up to `OCR_DPI` instead.
MIN_EMBEDDED_DPI = 200


def _render(pdf, number: int, path: Path | None, folder: Path) -> Rendered:
    """The page as an uncompressed greyscale file (PGM: no PNG encoding cost): its own full-page
    image when it is one (`embedded_page_image`), else rendered at `render_scale`."""
    try:
        page = pdf[number - 1]
    except Exception as e:
        raise OcrError(f"page {number} cannot be rendered for OCR ({type(e).__name__}: {e})", path) from e
    try:
        target = folder / f"page-{number:04d}.pgm"
        embedded = embedded_page_image(page) if USE_EMBEDDED_PAGE_IMAGES else None
        if embedded is not None:
            embedded[0].save(target)
            return Rendered(str(target), embedded[1])
        width, height = page.get_size()
        scale = render_scale(width, height, path, number)
        image = page.render(scale=scale, grayscale=True).to_pil()
        image.save(target)
        return Rendered(str(target), scale * 72)
    except CorruptPdfError:
        raise
    except Exception as e:  # pypdfium2 raises its own and PIL errors; all mean "cannot render"
        raise OcrError(f"page {number} cannot be rendered for OCR ({type(e).__name__}: {e})", path) from e
    finally:
        page.close()


def embedded_page_image(page: Any) -> tuple[Any, float] | None:
    """(greyscale PIL image, dpi) of the one image that makes up an unrotated page, upright and
    covering it (`FULL_PAGE_SHARE`), of `MIN_EMBEDDED_DPI` or more and at most `MAX_PAGE_PIXELS`;
    None for any other page (it is rendered instead)."""
    import pypdfium2.raw as pdfium_c

    try:
        if page.get_rotation() != 0:
            return None
        images = list(itertools.islice(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]), 2))
        if len(images) != 1:
            return None
        a, b, c, d, _, _ = images[0].get_matrix().get()
        x0, y0, x1, y1 = images[0].get_bounds()
        width, height = page.get_size()
        if b or c or a <= 0 or d <= 0 or x1 - x0 < FULL_PAGE_SHARE * width or y1 - y0 < FULL_PAGE_SHARE * height:
            return None
        px_w, px_h = images[0].get_px_size()
        dpi = px_w / (a / 72)
        if dpi < MIN_EMBEDDED_DPI or px_w * px_h > MAX_PAGE_PIXELS:
            return None
        image = images[0].get_bitmap(render=False).to_pil().convert("L")
    except Exception:  # noqa: BLE001 - an image pdfium cannot hand out raw is rendered instead
        return None
    return (image, dpi) if image.size == (px_w, px_h) else None


def _job(image: Rendered, number: int, path: Path | None, slots: threading.Semaphore) -> PageTables:
    """Recognise a rendered page, then delete its image and give its slot back."""
    try:
        return _recognise(image, number, path)
    finally:
        if isinstance(getattr(image, "path", None), str):
            Path(image.path).unlink(missing_ok=True)
        slots.release()


def _find_grids(image: Rendered) -> Any:
    """The page's ruled tables (`scan_tables.PageGrids`), or None when it has none (or OpenCV is
    not installed: the page is then OCR'd whole, as before)."""
    try:
        import numpy as np
        from PIL import Image

        from directive_parser.ingest import scan_tables
    except ImportError:  # pragma: no cover - opencv-python-headless is a dependency
        return None
    with Image.open(image.path) as im:
        gray = np.asarray(im.convert("L"))
    found = scan_tables.find_grids(gray, image.dpi)
    return found if found.grids else None


def _recognise(image: Rendered, number: int, path: Path | None) -> PageTables:
    import pytesseract

    deadline = time.monotonic() + PAGE_TIMEOUT_S
    try:
        grids = _find_grids(image)
        if grids is None:
            text = pytesseract.image_to_string(image.path, lang=OCR_LANG, config=TESSERACT_CONFIG, timeout=PAGE_TIMEOUT_S)
            return PageTables(text, ())
        from PIL import Image

        from directive_parser.ingest import scan_tables

        def text_of(img: Any, config: str, timeout: float) -> str:
            return str(pytesseract.image_to_string(Image.fromarray(img), lang=OCR_LANG, config=config, timeout=timeout))

        def data_of(img: Any, config: str, timeout: float) -> dict[str, list[Any]]:
            return pytesseract.image_to_data(
                Image.fromarray(img), lang=OCR_LANG, config=config, timeout=timeout, output_type=pytesseract.Output.DICT
            )

        return scan_tables.read_page(grids, number, image.dpi, text_of, data_of, TESSERACT_CONFIG, deadline)
    # TesseractError subclasses RuntimeError, so it must be caught first; any other RuntimeError
    # is how pytesseract signals its timeout (it kills the Tesseract process first).
    except pytesseract.TesseractNotFoundError as e:  # uninstalled after check_tesseract ran
        raise MissingDependencyError(f"Tesseract is not installed; install it with: {TESSERACT_INSTALL_HINT}", path) from e
    except pytesseract.TesseractError as e:
        raise OcrError(f"Tesseract failed on page {number}: {e.message}", path) from e
    except RuntimeError as e:
        raise OcrError(f"Tesseract timed out on page {number} after {PAGE_TIMEOUT_S} s", path) from e
