"""Directive -> one self-contained HTML review page: each source page as an image with every
record's span boxed, the records beside it, tick/reject and a CSV export of the tracker import.

Spans are offsets into `Directive.text`; the boxes come from the source file again:

- text-layer PDF pages: pdfium's character boxes; the page's characters are aligned with the
  page's slice of `Directive.text` (clean-up changed whitespace, page furniture and NFC, so the
  alignment runs on mark-folded, lower-cased characters without whitespace, `align`);
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

import html
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from directive_parser.errors import ExportError
from directive_parser.export import tabular
from directive_parser.export.review_assets import CSS, JS
from directive_parser.export.review_boxes import (
    DISPLAY_DPI,
    JPEG_QUALITY,
    Box,
    PageView,
    lines,
    page_views,
    record_boxes,
)
from directive_parser.models import Assignment, Directive

log = logging.getLogger(__name__)


# The review page exports what the tracker imports: the tabular writer's columns and cells, in
# Vietnamese (its STT is numbered by the page's script over the ticked records).
TRACKER_CSV_COLUMNS: tuple[str, ...] = tuple(tabular.headers("vi"))


def tracker_row(directive: Directive, assignment: Assignment) -> dict[str, str]:
    """One row of the tracker import CSV (`export.tabular`, Vietnamese columns), STT left empty."""
    values = tabular.assignment_values(directive, assignment, row=0)
    values["row"] = None
    return {c.vi: tabular.cell_text(c.key, values[c.key]) for c in tabular.TABLE_COLUMNS}


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
    return (
        f"left:{_pct(x0, view.width)};top:{_pct(top, view.height)};"
        f"width:{_pct(x1 - x0, view.width)};height:{_pct(bottom - top, view.height)}"
    )


def _image_page(view: PageView, records: Sequence[dict[str, Any]]) -> str:
    parts = [
        f'<div class="sheet" style="aspect-ratio:{view.width:.2f}/{view.height:.2f}">',
        f'<img class="page-image" alt="page {view.number}" src="{view.image}">',
    ]
    for rec in records:
        for box in rec["boxes"].get(view.number, []):
            parts.append(f'<div class="hl" data-rec="{rec["i"]}" style="{_box_style(box, view)}"></div>')
    for start, end, original in view.changed:
        chars = [view.boxes[k] for k in range(start, end) if k in view.boxes]
        for box in lines(chars):
            parts.append(
                f'<div class="rep" title="{_e("sửa từ / repaired from: " + original)}" '
                f'style="{_box_style(box, view, 0.5)}"></div>'
            )
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
    warn = "".join(f"<li>{_e(w)}</li>" for w in rec["warnings"])
    return (
        f'<li class="rec" id="rec-{rec["i"]}" data-rec="{rec["i"]}" data-id="{_e(rec["id"])}" data-state="">'
        f'<div class="rec-head"><span class="clause">{_e(rec["clause"])}</span>'
        f'<span class="pageno">tr. {rec["page"]}</span>'
        f'<button type="button" class="tick" title="Duyệt (accept)">✓</button>'
        f'<button type="button" class="reject" title="Loại (reject)">✗</button></div>'
        f"<dl>{row('Chủ trì', '; '.join(rec['lead']))}{row('Phối hợp', '; '.join(rec['coordinating']))}"
        f"{row('Nhiệm vụ', rec['task'], 'task')}{row('Thời hạn', deadline)}{row('Sản phẩm', rec['product'])}"
        f"{row('Trình', rec['submit_to'])}{row('6 rõ', completeness)}</dl>"
        + (f'<ul class="warnings">{warn}</ul>' if warn else "")
        + "</li>"
    )


def render_review(
    directive: Directive, *, dpi: float = DISPLAY_DPI, quality: int = JPEG_QUALITY, views: list[PageView] | None = None
) -> str:
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
        pages_html.append(
            f'<section class="page" id="page-{view.number}" data-page="{view.number}">'
            f"<h2>Trang {view.number}</h2>{note}{body}</section>"
        )
    general = [w for w in directive.warnings if not w.clause]
    repair = directive.source.repair
    repair_note = ""
    if repair and repair.damaged:
        repair_note = (
            f'<p class="repair-note"><span class="rep">từ được sửa</span> The text was repaired '
            f"({_e(repair.method)}, {repair.changed_tokens} tokens): marked words were guessed; hover one "
            f"for the source spelling.</p>"
        )
    title = f"{directive.doc_type or 'Văn bản'} {directive.number or ''}".strip()
    data = {
        "title": title,
        "columns": list(TRACKER_CSV_COLUMNS),
        "sha256": directive.source.sha256,
        "file": (directive.number or directive.source.sha256[:12]).replace("/", "-"),
        "records": [{k: r[k] for k in ("i", "id", "clause", "page", "lead", "task", "deadline", "row")} for r in records],
    }
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")  # no "</script>" in the block
    head = (
        f'<header><div class="doc"><b>{_e(title)}</b>'
        + (f" — {_e(directive.issued.strftime('%d/%m/%Y'))}" if directive.issued else "")
        + (f'<div class="doc-title">{_e(directive.title)}</div>' if directive.title else "")
        + f'<div class="doc-src">{_e(Path(directive.source.path).name if directive.source.path else "text")}'
        f" · {len(views)} trang · {len(records)} nhiệm vụ · {_e(directive.status.value)}</div></div>"
        '<div class="tools"><span id="counts"></span>'
        '<button type="button" id="tick-rest" title="Tick every record not rejected">Duyệt phần còn lại</button>'
        '<button type="button" id="export" title="CSV of the ticked records (tracker import)">Xuất CSV</button>'
        "</div></header>"
    )
    warnings_html = ""
    if general:
        warnings_html = (
            '<ul class="warnings doc-warnings">'
            + "".join(
                f"<li>{_e(w.stage.value)}: {_e(w.message)}" + (f" (tr. {w.page})" if w.page else "") + "</li>" for w in general
            )
            + "</ul>"
        )
    cards = "".join(_record_card(r) for r in records)
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f'<meta name="viewport" content="width=device-width"><title>Review — {_e(title)}</title>'
        f"<style>{CSS}</style></head><body>{head}<main>"
        f'<div id="pages">{"".join(pages_html)}</div>'
        f'<aside id="records">{repair_note}{warnings_html}<ol class="recs">{cards}</ol></aside>'
        f'</main><div id="tip" hidden></div>'
        f'<script type="application/json" id="review-data">{payload}</script>'
        f"<script>{JS}</script></body></html>\n"
    )


def write_review(
    directive: Directive, out_path: str | os.PathLike, *, dpi: float = DISPLAY_DPI, quality: int = JPEG_QUALITY
) -> Path:
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
