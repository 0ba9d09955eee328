"""Directive -> one self-contained HTML review page: each source page as an image with every
record's span boxed, the records beside it, tick/reject and a CSV export of the tracker import.

Spans are offsets into `Directive.text`; the boxes come from the source file again:

- text-layer PDF pages: pdfium's character boxes; the page's characters are aligned with the
  page's slice of `Directive.text` (clean-up changed whitespace, page furniture and NFC, so the
  alignment runs on mark-folded, lower-cased characters without whitespace, `_align`);
- OCR'd pages: Tesseract's word boxes (TSV, same language and page segmentation as ingest), each
  word's box shared out among its characters, aligned the same way;
- table rows: the record's `TableSource` cell boxes, when ingest found them;
- .txt / .docx input (or a file that is gone): the page's text, with the same highlights.

When the text was repaired (`Source.repair.damaged`), the characters where the source differs
from `Directive.text` mark their words as changed, with the source's word in the tooltip.

The page has no network access (a Content-Security-Policy forbids it); images are data URIs and
the script and styles are inline. Everything the page says is escaped: task texts come from
untrusted files.
"""
from __future__ import annotations

import base64
import html
import io
import json
import logging
import os
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from directive_parser.errors import ExportError
from directive_parser.models import Assignment, Directive, PageMethod, Recurrence
from directive_parser.text.normalize import fold_marks

log = logging.getLogger(__name__)

# 100 dpi JPEG keeps an A4 page near 150 kB (ct33's 5 text pages: ~0.8 MB of HTML): a 10-page
# directive stays well under 5 MB and body text is still readable on screen.
DISPLAY_DPI = 100
JPEG_QUALITY = 60
OCR_WORKERS = 2

TRACKER_CSV_COLUMNS: tuple[str, ...] = (
    "STT", "Số ký hiệu", "Ngày ban hành", "Trích yếu", "Điều khoản", "Nội dung nhiệm vụ", "Cơ quan chủ trì",
    "Cơ quan phối hợp", "Sản phẩm", "Thời hạn (dd/mm/yyyy)", "Định kỳ", "Trang", "Mã nhiệm vụ",
)
RECURRENCE_VI = {
    Recurrence.daily: "hằng ngày", Recurrence.weekly: "hằng tuần", Recurrence.monthly: "hằng tháng",
    Recurrence.quarterly: "hằng quý", Recurrence.yearly: "hằng năm", Recurrence.regular: "thường xuyên",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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


def _align(text: str, start: int, source: Sequence[tuple[str, Box | None]], repaired: bool) -> tuple[dict[int, Box], Changed]:
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
            lost = "".join(c for c, _ in src[op.src_start:op.src_end])
            for k in range(op.dest_start, op.dest_end):
                diff[doc[k][0]] = lost if k == op.dest_start else ""
            # Boxes of a replaced run: share out the source run's boxes in order.
            run = [box for _, box in src[op.src_start:op.src_end] if box is not None]
            width = max(1, op.dest_end - op.dest_start)
            for k in range(op.dest_start, op.dest_end):
                if run:
                    boxes[start + doc[k][0]] = run[min(len(run) - 1, (k - op.dest_start) * len(run) // width)]
    changed = _changed_words(text, start, diff, src, doc) if repaired else []
    return boxes, changed


def _changed_words(text: str, start: int, diff: dict[int, str], src: Sequence[tuple[str, Box | None]],
                   doc: Sequence[tuple[int, str]]) -> list[tuple[int, int, str]]:
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

    data = pytesseract.image_to_data(image, lang=OCR_LANG, config=TESSERACT_CONFIG, timeout=PAGE_TIMEOUT_S,
                                     output_type=pytesseract.Output.DICT)
    chars: list[tuple[str, Box | None]] = []
    for word, left, top, width, height, conf in zip(data["text"], data["left"], data["top"], data["width"],
                                                    data["height"], data["conf"]):
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
            text = directive.text[view.start:view.end]
            if methods[view.number] is PageMethod.ocr:
                scale = render_scale(view.width, view.height, path, view.number)
                gray = page.render(scale=scale, grayscale=True).to_pil()
                view.image = _data_uri(gray, scale * 72, dpi, quality)
                ocr_jobs.append((view, gray, scale))
            else:
                view.image = _data_uri(page.render(scale=dpi / 72).to_pil(), dpi, dpi, quality)
                view.boxes, view.changed = _align(text, view.start, _pdfium_chars(page, view.height), repaired)
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
        view.boxes, _ = _align(directive.text[view.start:view.end], view.start, chars, False)

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
                _, view.changed = _align(directive.text[view.start:view.end], view.start, source, True)
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


def _lines(boxes: list[Box]) -> list[Box]:
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
            out[view.number] = _lines(chars)
    return out


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def tracker_row(directive: Directive, assignment: Assignment) -> dict[str, str]:
    """One row of the tracker import CSV (Vietnamese column names, dd/mm/yyyy dates), STT left empty."""
    deadline = assignment.deadline
    recurrence = assignment.recurrence or (deadline.recurrence if deadline else None)
    values = {
        "STT": "",
        "Số ký hiệu": directive.number or "",
        "Ngày ban hành": directive.issued.strftime("%d/%m/%Y") if directive.issued else "",
        "Trích yếu": directive.title or "",
        "Điều khoản": assignment.clause,
        "Nội dung nhiệm vụ": assignment.task,
        "Cơ quan chủ trì": "; ".join(b.name for b in assignment.lead),
        "Cơ quan phối hợp": "; ".join(b.name for b in assignment.coordinating),
        "Sản phẩm": assignment.product or "",
        "Thời hạn (dd/mm/yyyy)": deadline.due.strftime("%d/%m/%Y") if deadline and deadline.due else "",
        "Định kỳ": RECURRENCE_VI.get(recurrence, "") if recurrence else "",
        "Trang": str(assignment.span.page),
        "Mã nhiệm vụ": assignment.id,
    }
    return {k: _safe(v) for k, v in values.items()}


def _record_json(directive: Directive, index: int, assignment: Assignment, views: Sequence[PageView]) -> dict[str, Any]:
    deadline = assignment.deadline
    warnings = [w.message for w in directive.warnings if w.clause and w.clause == assignment.clause]
    boxes = record_boxes(assignment, views)
    if not boxes and any(v.image for v in views):
        warnings.append("the span could not be placed on the page image")
    return {
        "i": index,
        "id": assignment.id,
        "clause": assignment.clause,
        "page": assignment.span.page,
        "lead": [b.name for b in assignment.lead],
        "coordinating": [b.name for b in assignment.coordinating],
        "task": assignment.task,
        "deadline": deadline.text if deadline else None,
        "due": deadline.due.strftime("%d/%m/%Y") if deadline and deadline.due else None,
        "product": assignment.product,
        "submit_to": assignment.submit_to,
        "completeness": [c.value for c in assignment.completeness],
        "warnings": warnings,
        "row": tracker_row(directive, assignment),
        "boxes": boxes,
    }


# --- HTML ---------------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _pct(v: float, whole: float) -> str:
    return f"{100 * v / whole:.3f}%" if whole else "0%"


def _box_style(box: Box, view: PageView, pad: float = 1.0) -> str:
    x0, top, x1, bottom = box
    x0, top, x1, bottom = x0 - pad, top - pad, x1 + pad, bottom + pad
    return (f"left:{_pct(x0, view.width)};top:{_pct(top, view.height)};"
            f"width:{_pct(x1 - x0, view.width)};height:{_pct(bottom - top, view.height)}")


def _image_page(view: PageView, records: Sequence[dict[str, Any]]) -> str:
    parts = [f'<div class="sheet" style="aspect-ratio:{view.width:.2f}/{view.height:.2f}">',
             f'<img class="page-image" alt="page {view.number}" src="{view.image}">']
    for rec in records:
        for box in rec["boxes"].get(view.number, []):
            parts.append(f'<div class="hl" data-rec="{rec["i"]}" style="{_box_style(box, view)}"></div>')
    for start, end, original in view.changed:
        chars = [view.boxes[k] for k in range(start, end) if k in view.boxes]
        for box in _lines(chars):
            parts.append(f'<div class="rep" title="{_e("sửa từ / repaired from: " + original)}" '
                         f'style="{_box_style(box, view, 0.5)}"></div>')
    parts.append("</div>")
    return "".join(parts)


def _text_page(directive: Directive, view: PageView, spans: Sequence[tuple[int, int, int]]) -> str:
    """The page's text, cut at every span and repair-mark boundary; each piece names its records."""
    lo, hi = view.start, view.end
    cuts = {lo, hi}
    for _, s, e in spans:
        if s < hi and e > lo:
            cuts.update((max(s, lo), min(e, hi)))
    marks = [(s, e, o) for s, e, o in view.changed]
    for s, e, _ in marks:
        cuts.update((s, e))
    edges = sorted(c for c in cuts if lo <= c <= hi)
    out = ['<pre class="text-view">']
    for a, b in zip(edges, edges[1:]):
        piece = _e(directive.text[a:b])
        recs = [str(i) for i, s, e in spans if s <= a and b <= e]
        mark = next((o for s, e, o in marks if s <= a and b <= e), None)
        attrs = []
        classes = []
        if recs:
            classes.append("hl")
            attrs.append(f'data-rec="{recs[0]}" data-recs="{" ".join(recs)}"')
        if mark is not None:
            classes.append("rep")
            attrs.append(f'title="{_e("sửa từ / repaired from: " + mark)}"')
        if classes:
            out.append(f'<span class="{" ".join(classes)}" {" ".join(attrs)}>{piece}</span>')
        else:
            out.append(piece)
    out.append("</pre>")
    return "".join(out)


def _record_card(rec: dict[str, Any]) -> str:
    def row(label: str, value: str | None, cls: str = "") -> str:
        attr = f' class="{cls}"' if cls else ""
        return f"<dt>{_e(label)}</dt><dd{attr}>{_e(value)}</dd>" if value else ""

    deadline = rec["deadline"] + (f" → {rec['due']}" if rec["due"] else "") if rec["deadline"] else None
    completeness = ", ".join(rec["completeness"])
    warn = "".join(f'<li>{_e(w)}</li>' for w in rec["warnings"])
    return (
        f'<li class="rec" id="rec-{rec["i"]}" data-rec="{rec["i"]}" data-id="{_e(rec["id"])}" data-state="">'
        f'<div class="rec-head"><span class="clause">{_e(rec["clause"])}</span>'
        f'<span class="pageno">tr. {rec["page"]}</span>'
        f'<button type="button" class="tick" title="Duyệt (accept)">✓</button>'
        f'<button type="button" class="reject" title="Loại (reject)">✗</button></div>'
        f'<dl>{row("Chủ trì", "; ".join(rec["lead"]))}{row("Phối hợp", "; ".join(rec["coordinating"]))}'
        f'{row("Nhiệm vụ", rec["task"], "task")}{row("Thời hạn", deadline)}{row("Sản phẩm", rec["product"])}'
        f'{row("Trình", rec["submit_to"])}{row("6 rõ", completeness)}</dl>'
        + (f'<ul class="warnings">{warn}</ul>' if warn else "")
        + "</li>"
    )


def render_review(directive: Directive, *, dpi: float = DISPLAY_DPI, quality: int = JPEG_QUALITY,
                  views: list[PageView] | None = None) -> str:
    """The review page of `directive` as one HTML string (images embedded, no network).

    Args:
        directive: a parsed directive; its `source.path` is read again for page images and boxes.
        dpi: resolution of the embedded page images.
        quality: their JPEG quality.
        views: precomputed `page_views(directive)`, to skip rendering.
    """
    views = views if views is not None else page_views(directive, dpi=dpi, quality=quality)
    records = [_record_json(directive, i, a, views) for i, a in enumerate(directive.assignments)]
    spans = [(i, a.span.start, a.span.end) for i, a in enumerate(directive.assignments)]
    pages_html = []
    for view in views:
        body = _image_page(view, records) if view.image else _text_page(directive, view, spans)
        note = f'<p class="note">{_e(view.note)}</p>' if view.note else ""
        pages_html.append(f'<section class="page" id="page-{view.number}" data-page="{view.number}">'
                          f'<h2>Trang {view.number}</h2>{note}{body}</section>')
    general = [w for w in directive.warnings if not w.clause]
    repair = directive.source.repair
    repair_note = ""
    if repair and repair.damaged:
        repair_note = (f'<p class="repair-note"><span class="rep">từ được sửa</span> The text was repaired '
                       f'({_e(repair.method)}, {repair.changed_tokens} tokens): marked words were guessed; hover one '
                       f'for the source spelling.</p>')
    title = f"{directive.doc_type or 'Văn bản'} {directive.number or ''}".strip()
    data = {
        "title": title, "columns": list(TRACKER_CSV_COLUMNS), "sha256": directive.source.sha256,
        "file": (directive.number or directive.source.sha256[:12]).replace("/", "-"),
        "records": [{k: r[k] for k in ("i", "id", "clause", "page", "lead", "task", "deadline", "row")} for r in records],
    }
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")  # no "</script>" in the block
    head = (f'<header><div class="doc"><b>{_e(title)}</b>'
            + (f' — {_e(directive.issued.strftime("%d/%m/%Y"))}' if directive.issued else "")
            + (f'<div class="doc-title">{_e(directive.title)}</div>' if directive.title else "")
            + f'<div class="doc-src">{_e(Path(directive.source.path).name if directive.source.path else "text")}'
            f' · {len(views)} trang · {len(records)} nhiệm vụ · {_e(directive.status.value)}</div></div>'
            '<div class="tools"><span id="counts"></span>'
            '<button type="button" id="tick-rest" title="Tick every record not rejected">Duyệt phần còn lại</button>'
            '<button type="button" id="export" title="CSV of the ticked records (tracker import)">Xuất CSV</button>'
            '</div></header>')
    warnings_html = ""
    if general:
        warnings_html = '<ul class="warnings doc-warnings">' + "".join(
            f"<li>{_e(w.stage.value)}: {_e(w.message)}" + (f" (tr. {w.page})" if w.page else "") + "</li>" for w in general
        ) + "</ul>"
    cards = "".join(_record_card(r) for r in records)
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<meta name=\"viewport\" content=\"width=device-width\"><title>Review — {_e(title)}</title>"
        f"<style>{_CSS}</style></head><body>{head}<main>"
        f'<div id="pages">{"".join(pages_html)}</div>'
        f'<aside id="records">{repair_note}{warnings_html}<ol class="recs">{cards}</ol></aside>'
        f'</main><div id="tip" hidden></div>'
        f'<script type="application/json" id="review-data">{payload}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def write_review(directive: Directive, out_path: str | os.PathLike, *, dpi: float = DISPLAY_DPI,
                 quality: int = JPEG_QUALITY) -> Path:
    """Write the review page of `directive` to `out_path` (UTF-8) and return the path.

    Raises:
        ExportError: the file cannot be written.
    """
    out = Path(out_path)
    page = render_review(directive, dpi=dpi, quality=quality)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as e:
        raise ExportError(f"cannot write the review page: {e.strerror or e}", out) from e
    return out


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,"DejaVu Sans",sans-serif;color:#222;background:#e9ebee;
  height:100vh;display:flex;flex-direction:column}
header{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:6px 14px;background:#1f3a5f;color:#fff}
header .doc-title{font-size:12px;opacity:.9;max-width:70vw;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
header .doc-src{font-size:12px;opacity:.75}
header button{margin-left:6px;padding:4px 10px;border:0;border-radius:3px;cursor:pointer;background:#fff;
  color:#1f3a5f;font-weight:600}
#counts{font-size:12px;margin-right:6px}
main{flex:1;display:grid;grid-template-columns:minmax(0,1fr) 440px;min-height:0}
#pages{overflow:auto;padding:12px 18px}
#records{overflow:auto;padding:8px 10px;background:#f7f7f9;border-left:1px solid #ccd}
.page{max-width:900px;margin:0 auto 18px}
.page h2{font-size:12px;color:#557;margin:4px 0;font-weight:600}
.sheet{position:relative;width:100%;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.sheet img{position:absolute;inset:0;width:100%;height:100%;display:block}
.sheet .hl{position:absolute;background:rgba(255,196,0,.22);border:1px solid rgba(230,150,0,.55);border-radius:2px;cursor:pointer}
.sheet .hl:hover,.sheet .hl.hover{background:rgba(255,160,0,.38)}
.sheet .hl.accepted{background:rgba(40,170,70,.18);border-color:rgba(40,150,60,.6)}
.sheet .hl.rejected{background:rgba(220,40,40,.15);border-color:rgba(200,30,30,.6)}
.sheet .hl.active{background:rgba(0,120,255,.25);border:2px solid #0a64d8;z-index:2}
.sheet .rep{position:absolute;border-bottom:2px dotted #d0021b;background:rgba(208,2,27,.10);z-index:3}
.text-view{white-space:pre-wrap;background:#fff;padding:24px 32px;font:14px/1.6 "DejaVu Serif",serif;
  box-shadow:0 1px 4px rgba(0,0,0,.25);margin:0}
.text-view .hl{background:rgba(255,196,0,.3);cursor:pointer}
.text-view .hl.active{background:rgba(0,120,255,.28);outline:1px solid #0a64d8}
.text-view .rep,.repair-note .rep{text-decoration:underline dotted #d0021b 2px;background:rgba(208,2,27,.10)}
.note{color:#a33;font-size:12px;margin:2px 0}
.recs{list-style:none;margin:0;padding:0}
.rec{background:#fff;border:1px solid #d8dae0;border-left:4px solid #ccc;border-radius:3px;margin:0 0 8px;
  padding:6px 8px;cursor:pointer}
.rec.selected{border-color:#0a64d8;box-shadow:0 0 0 2px rgba(10,100,216,.35)}
.rec.hover{background:#fffbe6}
.rec[data-state=accepted]{border-left-color:#2a9a46}
.rec[data-state=rejected]{border-left-color:#c62828;opacity:.6}
.rec-head{display:flex;align-items:center;gap:6px}
.rec-head .clause{font-weight:700;color:#1f3a5f}
.rec-head .pageno{font-size:12px;color:#778;flex:1}
.rec-head button{border:1px solid #bbb;background:#fff;border-radius:3px;width:28px;height:24px;cursor:pointer;font-size:14px}
.rec[data-state=accepted] .tick{background:#2a9a46;color:#fff;border-color:#2a9a46}
.rec[data-state=rejected] .reject{background:#c62828;color:#fff;border-color:#c62828}
.rec dl{display:grid;grid-template-columns:72px 1fr;gap:2px 8px;margin:4px 0 0;font-size:13px}
.rec dt{color:#667}
.rec dd{margin:0}
.rec dd.task{display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
.rec.selected dd.task{display:block}
.warnings{color:#9a4a00;font-size:12px;margin:4px 0;padding-left:18px}
.repair-note{font-size:12px;margin:0 0 8px}
#tip{position:fixed;z-index:10;max-width:380px;background:#222;color:#fff;font-size:12px;padding:6px 8px;
  border-radius:4px;pointer-events:none;box-shadow:0 2px 6px rgba(0,0,0,.4)}
#tip b{color:#ffd54f}
"""

_JS = r"""
(function(){
"use strict";
var data = JSON.parse(document.getElementById("review-data").textContent);
var recs = data.records;
var storeKey = "directive-review:" + data.sha256;
var tip = document.getElementById("tip");
function $all(sel, root){ return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
function card(i){ return document.getElementById("rec-" + i); }
function highlights(i){
  return $all(".hl").filter(function(el){
    var list = (el.getAttribute("data-recs") || el.getAttribute("data-rec") || "").split(" ");
    return list.indexOf(String(i)) >= 0;
  });
}
function select(i, fromPage){
  $all(".hl.active").forEach(function(el){ el.classList.remove("active"); });
  $all(".rec.selected").forEach(function(el){ el.classList.remove("selected"); });
  var hs = highlights(i);
  hs.forEach(function(el){ el.classList.add("active"); });
  var c = card(i);
  if (c) { c.classList.add("selected"); c.scrollIntoView({block: "nearest"}); }
  if (hs.length && !fromPage) hs[0].scrollIntoView({block: "center"});
  else if (!hs.length && !fromPage) {
    var page = document.getElementById("page-" + recs[i].page);
    if (page) page.scrollIntoView({block: "start"});
  }
  document.body.setAttribute("data-selected", String(i));
}
var ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"};
function esc(s){ return String(s).replace(/[&<>"]/g, function(c){ return ENTITIES[c]; }); }
function showTip(ev, i){
  var r = recs[i];
  var task = r.task.length > 220 ? r.task.slice(0, 220) + "…" : r.task;
  tip.innerHTML = "<b>" + esc(r.clause) + "</b> · " + esc(r.lead.join("; ")) +
    (r.deadline ? "<br><i>" + esc(r.deadline) + "</i>" : "") + "<br>" + esc(task);
  tip.hidden = false;
  var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  var y = ev.clientY + 16;
  if (y + tip.offsetHeight > window.innerHeight) y = ev.clientY - tip.offsetHeight - 10;
  tip.style.left = x + "px"; tip.style.top = y + "px";
}
function hover(i, on){
  var c = card(i); if (c) c.classList.toggle("hover", on);
  highlights(i).forEach(function(el){ el.classList.toggle("hover", on); });
}
$all(".hl").forEach(function(el){
  var i = Number(el.getAttribute("data-rec"));
  el.addEventListener("mousemove", function(ev){ showTip(ev, i); });
  el.addEventListener("mouseenter", function(){ hover(i, true); });
  el.addEventListener("mouseleave", function(){ tip.hidden = true; hover(i, false); });
  el.addEventListener("click", function(){ select(i, true); });
});
var states = {};
try { states = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { states = {}; }
function save(){ try { localStorage.setItem(storeKey, JSON.stringify(states)); } catch (e) {} }
function setState(i, state){
  var id = recs[i].id;
  if (state) states[id] = state; else delete states[id];
  var c = card(i); c.setAttribute("data-state", state || "");
  highlights(i).forEach(function(el){
    el.classList.toggle("accepted", state === "accepted");
    el.classList.toggle("rejected", state === "rejected");
  });
  counts();
}
function counts(){
  var a = 0, r = 0;
  recs.forEach(function(rec){ if (states[rec.id] === "accepted") a++; else if (states[rec.id] === "rejected") r++; });
  document.getElementById("counts").textContent = a + " duyệt · " + r + " loại · " + (recs.length - a - r) + " chưa xem";
  document.getElementById("export").textContent = "Xuất CSV (" + a + ")";
}
$all(".rec").forEach(function(c){
  var i = Number(c.getAttribute("data-rec"));
  c.addEventListener("click", function(ev){
    var t = ev.target;
    if (t.classList.contains("tick")) { setState(i, c.getAttribute("data-state") === "accepted" ? "" : "accepted"); }
    else if (t.classList.contains("reject")) { setState(i, c.getAttribute("data-state") === "rejected" ? "" : "rejected"); }
    select(i, false);
  });
  c.addEventListener("mouseenter", function(){ hover(i, true); });
  c.addEventListener("mouseleave", function(){ hover(i, false); });
});
recs.forEach(function(rec, i){ setState(i, states[rec.id] || ""); });
function cell(v){
  v = v == null ? "" : String(v);
  return /[",\r\n;]/.test(v) || v !== v.trim() ? "\"" + v.replace(/"/g, "\"\"") + "\"" : v;
}
function buildCsv(){
  var lines = [data.columns.map(cell).join(",")];
  var n = 0;
  recs.forEach(function(rec){
    if (states[rec.id] !== "accepted") return;
    n++;
    lines.push(data.columns.map(function(col){ return cell(col === "STT" ? String(n) : rec.row[col]); }).join(","));
  });
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}
window.directiveReview = {select: select, setState: setState, buildCsv: buildCsv, records: recs};
document.getElementById("tick-rest").addEventListener("click", function(){
  recs.forEach(function(rec, i){ if (!states[rec.id]) setState(i, "accepted"); });
  save();
});
document.getElementById("export").addEventListener("click", function(){
  var blob = new Blob([buildCsv()], {type: "text/csv;charset=utf-8"});
  var a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = data.file + ".tracker.csv";
  document.body.appendChild(a); a.click();
  setTimeout(function(){ URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
document.addEventListener("click", function(){ save(); });
})();
"""
