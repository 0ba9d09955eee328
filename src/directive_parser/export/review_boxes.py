"""Where a record sits on its page: character boxes of the source, aligned with `Directive.text`.

Text-layer PDF pages give pdfium's character boxes; OCR'd pages Tesseract's word boxes (TSV),
each word's box shared out among its characters. Clean-up changed whitespace, page furniture and
NFC, so the page's characters are aligned with the page's slice of `Directive.text` on
mark-folded, lower-cased characters without whitespace. A .txt or .docx input (or a file that is
gone) gets a text view instead.
"""

from __future__ import annotations

import base64
import io
import logging
import os
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from directive_parser.models import Assignment, Directive, PageMethod
from directive_parser.text.normalize import fold_marks

log = logging.getLogger(__name__)

# 100 dpi JPEG keeps an A4 page near 150 kB (ct33's 5 text pages: ~0.8 MB of HTML): a 10-page
# directive stays well under 5 MB and body text is still readable on screen.
DISPLAY_DPI = 100
JPEG_QUALITY = 60
OCR_WORKERS = 2

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the page's top-left


@dataclass
class PageView:
    """What the review shows for one page: an image and its size in points, or its text."""

    number: int
    start: int
    end: int
    width: float = 0.0
    height: float = 0.0
    image: str | None = None  # data URI
    boxes: dict[int, Box] = field(default_factory=dict)  # Directive.text offset -> character box
    changed: list[tuple[int, int, str]] = field(default_factory=list)  # repaired words: (start, end, source spelling)
    note: str | None = None


# --- characters of the source, with boxes -------------------------------------------------------


def _key(ch: str) -> str:
    """One comparison character per character: marks folded, lower case, dashes and quotes unified."""
    k = fold_marks(ch).lower()[:1] or ch
    return {"–": "-", "—": "-", "‐": "-", "“": '"', "”": '"', "‘": "'", "’": "'"}.get(k, k)


def _nfc_chars(chars: Sequence[tuple[str, Box | None]]) -> list[tuple[str, Box | None]]:
    """Drop whitespace, compose combining marks onto their base letter (NFC) and keep each box."""
    out: list[tuple[str, Box | None]] = []
    for ch, box in chars:
        for c in unicodedata.normalize("NFC", ch):
            if c.isspace() or not c.isprintable() and not unicodedata.combining(c):
                continue
            if unicodedata.combining(c) and out:
                base, b = out[-1]
                out[-1] = (unicodedata.normalize("NFC", base + c), b)
            else:
                out.append((c, box))
    return out


Changed = list[tuple[int, int, str]]  # (start, end, the source's spelling) of repaired words


def align(text: str, start: int, source: Sequence[tuple[str, Box | None]], repaired: bool) -> tuple[dict[int, Box], Changed]:
    """Map offsets of `text` (which starts at `start` in `Directive.text`) to the boxes of the
    source characters they came from; with `repaired`, also the words whose characters differ."""
    from rapidfuzz.distance import Levenshtein

    src = _nfc_chars(source)
    doc = [(i, unicodedata.normalize("NFC", c)) for i, c in enumerate(text) if not c.isspace()]
    a = "".join(_key(c) for c, _ in src)
    b = "".join(_key(c) for _, c in doc)
    boxes: dict[int, Box] = {}
    diff: dict[int, str] = {}  # text offset -> source chars it replaced ("" for an insertion)
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal" or (op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start):
            for k in range(op.dest_end - op.dest_start):
                (sc, box), (off, dc) = src[op.src_start + k], doc[op.dest_start + k]
                if box is not None:
                    boxes[start + off] = box
                if sc != dc:
                    diff[off] = sc
        elif op.tag in ("replace", "insert"):
            lost = "".join(c for c, _ in src[op.src_start : op.src_end])
            for k in range(op.dest_start, op.dest_end):
                diff[doc[k][0]] = lost if k == op.dest_start else ""
            # Boxes of a replaced run: share out the source run's boxes in order.
            run = [box for _, box in src[op.src_start : op.src_end] if box is not None]
            width = max(1, op.dest_end - op.dest_start)
            for k in range(op.dest_start, op.dest_end):
                if run:
                    boxes[start + doc[k][0]] = run[min(len(run) - 1, (k - op.dest_start) * len(run) // width)]
    changed = _changed_words(text, start, diff, src, doc) if repaired else []
    return boxes, changed


def _changed_words(
    text: str, start: int, diff: dict[int, str], src: Sequence[tuple[str, Box | None]], doc: Sequence[tuple[int, str]]
) -> list[tuple[int, int, str]]:
    """Whole words of `text` that hold a differing character, with the source's spelling."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        word = range(i, j)
        if any(k in diff for k in word) and any(c.isalpha() for c in text[i:j]):
            original = "".join(diff.get(k, text[k]) for k in word)
            if original != text[i:j]:
                out.append((start + i, start + j, original))
        i = j
    return out


def _pdfium_chars(page: Any, height: float) -> list[tuple[str, Box | None]]:
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        chars: list[tuple[str, Box | None]] = []
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            ch = chr(code) if 0 < code < 0x110000 else ""
            if not ch or ch.isspace():
                chars.append((ch, None))
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            chars.append((ch, (left, height - top, right, height - bottom)))
        return chars
    finally:
        textpage.close()


def _tesseract_chars(image: Any, points_per_pixel: float) -> list[tuple[str, Box | None]]:
    """Tesseract's words on `image` (greyscale PIL image), each character with its share of the word box."""
    import pytesseract

    from directive_parser.ingest.ocr import OCR_LANG, PAGE_TIMEOUT_S, TESSERACT_CONFIG

    data = pytesseract.image_to_data(
        image, lang=OCR_LANG, config=TESSERACT_CONFIG, timeout=PAGE_TIMEOUT_S, output_type=pytesseract.Output.DICT
    )
    chars: list[tuple[str, Box | None]] = []
    for word, left, top, width, height, conf in zip(
        data["text"], data["left"], data["top"], data["width"], data["height"], data["conf"]
    ):
        word = unicodedata.normalize("NFC", str(word).strip())
        if not word or float(conf) < 0:
            continue
        step = width / len(word)
        for k, ch in enumerate(word):
            x0 = (left + k * step) * points_per_pixel
            chars.append((ch, (x0, top * points_per_pixel, x0 + step * points_per_pixel, (top + height) * points_per_pixel)))
        chars.append((" ", None))
    return chars


def _data_uri(image: Any, dpi_from: float, dpi_to: float, quality: int) -> str:
    from PIL import Image

    if dpi_from > dpi_to:
        size = (max(1, round(image.width * dpi_to / dpi_from)), max(1, round(image.height * dpi_to / dpi_from)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=quality, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _pdf_views(directive: Directive, path: Path, dpi: float, quality: int, repaired: bool) -> list[PageView]:
    import pypdfium2 as pdfium

    from directive_parser.ingest.ocr import render_scale

    views = [PageView(p.number, p.start, p.end) for p in directive.pages]
    methods = {p.number: p.method for p in directive.pages}
    pdf = pdfium.PdfDocument(str(path))
    ocr_jobs: list[tuple[PageView, Any, float]] = []
    try:
        for view in views:
            if view.number > len(pdf):
                view.note = "the source file has no such page"
                continue
            page = pdf[view.number - 1]
            view.width, view.height = page.get_size()
            text = directive.text[view.start : view.end]
            if methods[view.number] is PageMethod.ocr:
                scale = render_scale(view.width, view.height, path, view.number)
                gray = page.render(scale=scale, grayscale=True).to_pil()
                view.image = _data_uri(gray, scale * 72, dpi, quality)
                ocr_jobs.append((view, gray, scale))
            else:
                view.image = _data_uri(page.render(scale=dpi / 72).to_pil(), dpi, dpi, quality)
                view.boxes, view.changed = align(text, view.start, _pdfium_chars(page, view.height), repaired)
            page.close()
    finally:
        pdf.close()
    if ocr_jobs:
        _ocr_boxes(directive, ocr_jobs)
    return views


def _ocr_boxes(directive: Directive, jobs: list[tuple[PageView, Any, float]]) -> None:
    from directive_parser.errors import DirectiveParserError
    from directive_parser.ingest.ocr import check_tesseract

    try:
        check_tesseract()
    except DirectiveParserError as e:
        for view, _, _ in jobs:
            view.note = f"no boxes on this OCR'd page: {e}"
        return
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def one(job: tuple[PageView, Any, float]) -> None:
        view, gray, scale = job
        try:
            chars = _tesseract_chars(gray, 1 / scale)
        except Exception as e:  # a Tesseract failure costs this page its boxes, not the review
            view.note = f"no boxes on this OCR'd page: Tesseract failed ({type(e).__name__})"
            return
        view.boxes, _ = align(directive.text[view.start : view.end], view.start, chars, False)

    with ThreadPoolExecutor(min(OCR_WORKERS, len(jobs))) as pool:
        list(pool.map(one, jobs))


def _text_views(directive: Directive, repaired: bool) -> list[PageView]:
    views = [PageView(p.number, p.start, p.end) for p in directive.pages] or [PageView(1, 0, len(directive.text))]
    if repaired and directive.source.path and Path(directive.source.path).is_file():
        from directive_parser.ingest import ingest
        from directive_parser.options import OcrMode

        try:
            raw = {p.number: p.text for p in ingest(directive.source.path, OcrMode.never).pages}
        except Exception as e:  # the marks are a courtesy: an unreadable source only loses them
            log.warning("%s: cannot re-read the source for the repair marks (%s)", directive.source.path, e)
            raw = {}
        for view in views:
            if view.number in raw:
                source = [(c, None) for c in raw[view.number]]
                _, view.changed = align(directive.text[view.start : view.end], view.start, source, True)
    return views


def page_views(directive: Directive, *, dpi: float = DISPLAY_DPI, quality: int = JPEG_QUALITY) -> list[PageView]:
    """The pages of the review: images and character boxes for a PDF source, text otherwise."""
    repaired = bool(directive.source.repair and directive.source.repair.damaged)
    path = Path(directive.source.path) if directive.source.path else None
    if directive.source.media_type == "application/pdf" and path is not None and path.is_file():
        try:
            return _pdf_views(directive, path, dpi, quality, repaired)
        except Exception as e:  # pypdfium2's own errors: fall back to the text view
            log.warning("%s: cannot render the pages (%s); showing the text instead", path, e)
    views = _text_views(directive, repaired)
    if directive.source.media_type == "application/pdf":
        for view in views:
            view.note = "the source PDF is not available: showing the text"
    return views


# --- records -> boxes, rows ------------------------------------------------------------------------


def lines(boxes: list[Box]) -> list[Box]:
    """Character boxes (in reading order) merged into one box per line."""
    out: list[list[float]] = []
    for x0, top, x1, bottom in boxes:
        if out:
            cur = out[-1]
            mid = (top + bottom) / 2
            same_line = cur[1] - 1 <= mid <= cur[3] + 1 and x0 >= cur[0] - 2 and x0 <= cur[2] + 40
            if same_line:
                cur[0], cur[1], cur[2], cur[3] = min(cur[0], x0), min(cur[1], top), max(cur[2], x1), max(cur[3], bottom)
                continue
        out.append([x0, top, x1, bottom])
    return [(a, b, c, d) for a, b, c, d in out]


def record_boxes(assignment: Assignment, views: Sequence[PageView]) -> dict[int, list[Box]]:
    """The record's boxes by page number: its table row's cells, else its span's lines."""
    out: dict[int, list[Box]] = {}
    if assignment.table is not None:
        for cell in assignment.table.cells:
            if cell.box is not None:
                b = cell.box
                out.setdefault(b.page, []).append((b.x0, b.top, b.x1, b.bottom))
        if out:
            return out
    span = assignment.span
    for view in views:
        lo, hi = max(span.start, view.start), min(span.end, view.end)
        if lo >= hi or not view.boxes:
            continue
        chars = [view.boxes[k] for k in range(lo, hi) if k in view.boxes]
        if chars:
            out[view.number] = lines(chars)
    return out
