"""Task tables in text-layer PDFs: find them with pdfplumber and write them into the page text.

The text layer gives a table's cell text in reading order, mixed up across columns. Here each
table a page holds becomes pipe rows, one table row a line (``| 1 | Xây dựng … | Bộ Công an | |``),
written where the table stands (text above it, its rows, text below), plus one `TableGrid` of cell
boxes per table. Empty cells stay empty: the structure stage fills merged cells and drops the header
rows a table repeats on every page.

pdfplumber is slow (about 0.1 s a page for pdfminer's layout), so only pages that pass a cheap
pypdfium2 check get there: enough horizontal AND vertical line-like paths for a grid
(`ruled_candidate`), or, for the rare unruled table, a task-table header in the page's text
(`unruled_candidate`) whose headings stand beside "STT", a column gutter apart, in the rows around
it (`unruled_header`: prose that says "Bộ TT&TT chủ trì, phối hợp" has them lines apart, a table
flattened to prose has them a word space apart or one a line down the margin). Unruled tables are
read with pdfplumber's text strategy and kept only when one of their first rows reads as such a
header (those rows are read first: a page of prose costs three rows, not the whole page cell by
cell).

A table that runs across pages is read page by page, then `stitch_pages` joins the row a page
break cut in two: a row whose top edge is not ruled (only the column rules break there) is the
rest of the row the previous page ends with. `implied_rules` draws the missing edge, so that the
header a page repeats is never read as one cell with the rest of the cut row below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from directive_parser.models import CellBox, TableGrid

# A grid of at least 2 rows x 2 columns needs 3 horizontal and 3 vertical rules; a one-cell frame
# (a box around a note) has only 2 of each and never reaches pdfplumber.
MIN_RULES = 3
# A path is a rule when it is this thin (points) in one direction and longer than MIN_RULE_LEN.
RULE_THICKNESS = 3.0
MIN_RULE_LEN = 6.0
# A filled or stroked rectangle has at most this many segments (move, 3 lines, close).
RECT_SEGMENTS = 5

# Cell boxes run along the rules' centres: pdfium's text of a cell is read inside it by this much.
CELL_INSET = 1.0

RULED_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
TEXT_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "text",
    "horizontal_strategy": "text",
    "min_words_vertical": 3,
    "min_words_horizontal": 2,
    "text_x_tolerance": 2,
}

# Column headings of Vietnamese task tables; an unruled table needs STT/TT plus two of them.
_NUMBER_HEAD = re.compile(r"^\s*(stt|tt|số\s*tt|số\s*thứ\s*tự)\s*$", re.I)
_NUMBER_WORD = re.compile(r"(?<![\w/.-])(stt|tt)(?![\w/.-])", re.I)
# Every match of `_NUMBER_WORD` holds "tt" in one of these casings (under IGNORECASE "t" matches
# only "t" and "T"): looked for as plain substrings, in C, and the pattern tried only there.
_TT_CASINGS = ("tt", "TT", "Tt", "tT")


def _has_number_word(text: str) -> bool:
    """`_NUMBER_WORD.search(text) is not None`, the pattern tried only where "tt" stands (a
    match starts at it, or one character before, "stt"): most pages hold none, and the pattern's
    own pass, its look-behind at every position, cost a fifth of a millisecond a page."""
    for tt in _TT_CASINGS:
        k = text.find(tt)
        while k >= 0:
            if _NUMBER_WORD.match(text, k) or (k > 0 and _NUMBER_WORD.match(text, k - 1)):
                return True
            k = text.find(tt, k + 1)
    return False


_HEADINGS = re.compile(
    r"nội\s+dung|nhiệm\s+vụ|chủ\s+trì|phối\s+hợp|thời\s+(gian|hạn)|sản\s+phẩm|đơn\s+vị\s+thực\s+hiện|"
    r"cơ\s+quan\s+thực\s+hiện|tiến\s+độ|kết\s+quả|ghi\s+chú",
    re.I,
)
_ROW_NUMBER = re.compile(r"^\s*([0-9]{1,3}|[IVXLC]{1,6}|[a-zđ])[.)]?\s*$")


@dataclass(frozen=True)
class PageTables:
    """A page's text with its tables written in as pipe rows, and the tables' cell boxes.

    Readers of ruled tables also keep what `stitch_pages` needs: each table's cell texts, the page
    as text bands and table places (`parts`: a str is a band, an int the index of a table), and
    per table the row that is the rest of a row cut by the page break (`cut`, -1 when none).
    """

    text: str
    tables: tuple[TableGrid, ...]
    cells: tuple[tuple[tuple[str, ...], ...], ...] = ()
    parts: tuple[str | int, ...] = ()
    cut: tuple[int, ...] = ()


def _compose(found: Sequence[_Found], parts: Sequence[str | int]) -> PageTables:
    """The `PageTables` of a page from its tables and its parts in page order."""
    lines: list[str] = []
    for part in parts:
        if isinstance(part, int):
            lines.extend(pipe_row(row) for row in found[part].cells)
        else:
            lines.append(part)
    return PageTables(
        "\n".join(lines),
        tuple(TableGrid(f.boxes) for f in found),
        tuple(tuple(tuple(row) for row in f.cells) for f in found),
        tuple(parts),
        tuple(f.cut for f in found),
    )


@dataclass(frozen=True)
class _Found:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    cells: list[list[str]]
    boxes: tuple[tuple[CellBox | None, ...], ...]
    cut: int = -1  # the row that continues a row cut by the page break before it


# ----------------------------------------------------------------------------------------------
# Cheap checks
# ----------------------------------------------------------------------------------------------


# Paths with more segments than this (emblems, signatures drawn as vectors) are not decomposed.
MAX_PATH_SEGMENTS = 4000

# A rule in PDF user space: orientation ("h" | "v"), x0, y0, x1, y1 (y up).
Rule = tuple[str, float, float, float, float]


# Form XObjects are entered to this nesting level (pypdfium2's `get_objects(max_depth=3)`).
MAX_FORM_LEVEL = 2


def _path_objects(parent: Any, level: int = 0) -> Iterator[tuple[Any, int]]:
    """(raw path object, form nesting level) of a raw page (level 0) or form object, in content
    order. Raw pdfium calls: a page of text has dozens of text objects, and a pypdfium2 wrapper for
    each cost as much as reading the page's rules."""
    import pypdfium2.raw as pdfium_c

    count, get = (
        (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject)
        if level == 0
        else (pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
    )
    for i in range(count(parent)):
        obj = get(parent, i)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, level
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < MAX_FORM_LEVEL:
            yield from _path_objects(obj, level + 1)


def pdfium_rules(page: Any) -> list[Rule]:
    """The straight horizontal and vertical rules a pypdfium2 page draws.

    A thin path (a line, or a border drawn as a filled sliver) is one rule, a rectangle its four
    edges; a path of many segments (a whole grid drawn as one path) is walked segment by segment.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    rules: list[Rule] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    lb, bb, rb, tb = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    for obj, level in _path_objects(page.raw):
        if not pdfium_c.FPDFPageObj_GetBounds(obj, lb, bb, rb, tb):
            continue  # an object pdfium cannot place draws no rule
        left, bottom, right, top = lb.value, bb.value, rb.value, tb.value
        w, h = right - left, top - bottom
        if h <= RULE_THICKNESS and w >= MIN_RULE_LEN:
            rules.append(("h", left, (bottom + top) / 2, right, (bottom + top) / 2))
            continue
        if w <= RULE_THICKNESS and h >= MIN_RULE_LEN:
            rules.append(("v", (left + right) / 2, bottom, (left + right) / 2, top))
            continue
        if w < MIN_RULE_LEN or h < MIN_RULE_LEN:
            continue
        n = pdfium_c.FPDFPath_CountSegments(obj)
        if 0 < n <= RECT_SEGMENTS:
            rules += [
                ("h", left, bottom, right, bottom),
                ("h", left, top, right, top),
                ("v", left, bottom, left, top),
                ("v", right, bottom, right, top),
            ]
            continue
        if n > MAX_PATH_SEGMENTS or level > 0:  # nested in a form: its matrix is not the page's
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        ma, mb, mc, md, me, mf = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start = prev = None
        for k in range(n):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            pt = (ma * x.value + mc * y.value + me, mb * x.value + md * y.value + mf)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = prev = pt
                continue
            ends = [(prev, pt)] + ([(pt, start)] if pdfium_c.FPDFPathSegment_GetClose(seg) else [])
            for p0, p1 in ends:
                if p0 is None or p1 is None or kind != pdfium_c.FPDF_SEGMENT_LINETO:
                    continue
                (ax, ay), (bx, by) = p0, p1
                if abs(ay - by) <= 0.5 and abs(ax - bx) >= MIN_RULE_LEN:
                    rules.append(("h", min(ax, bx), ay, max(ax, bx), ay))
                elif abs(ax - bx) <= 0.5 and abs(ay - by) >= MIN_RULE_LEN:
                    rules.append(("v", ax, min(ay, by), ax, max(ay, by)))
            prev = pt
    return rules


def enough_rules(rules: Sequence[Rule]) -> bool:
    """True when rules can make a grid of at least 2 x 2 cells (3 horizontal, 3 vertical); row
    edges that only the column rules' breaks show count (`implied_rules`)."""
    h = sum(1 for r in rules if r[0] == "h")
    if len(rules) - h < MIN_RULES:
        return False
    return h >= MIN_RULES or h + len(implied_rules(rules)) >= MIN_RULES


# Column rules that end within this distance (points) of one another end at one row edge.
EDGE_TOLERANCE = 2.0


def implied_rules(rules: Sequence[Rule]) -> list[Rule]:
    """Row edges no rule draws, where at least `MIN_RULES` column rules end and none runs through.

    A grid drawn cell by cell breaks its column rules at every row edge. A page break that cuts a
    row in two may leave the rest of the row without its top edge (reportlab draws none under the
    header it repeats): pdfplumber would join the column rules and read the repeated header and the
    row's rest as one cell ("Cơ quan phối hợp phi chính phủ nước ngoài"). The edge is drawn here
    across the ending rules; where any horizontal rule lies there (a merged cell's partial edge),
    nothing is added. Works in either y direction (pdfium's up, pdfplumber's down).
    """
    verticals = [(x0, min(y0, y1), max(y0, y1)) for kind, x0, y0, _x1, y1 in rules if kind == "v"]
    horizontals = [(min(x0, x1), max(x0, x1), y0) for kind, x0, y0, x1, _y1 in rules if kind == "h"]
    ends = sorted(y for _, lo, hi in verticals for y in (lo, hi))
    groups: list[list[float]] = []
    for y in ends:
        if groups and y - groups[-1][-1] <= EDGE_TOLERANCE:
            groups[-1].append(y)
        else:
            groups.append([y])
    out: list[Rule] = []
    for group in groups:
        y = (group[0] + group[-1]) / 2
        xs = [x for x, lo, hi in verticals if abs(lo - y) <= EDGE_TOLERANCE or abs(hi - y) <= EDGE_TOLERANCE]
        if len({round(x) for x in xs}) < MIN_RULES:
            continue
        left, right = min(xs) - EDGE_TOLERANCE, max(xs) + EDGE_TOLERANCE
        if any(left <= x <= right and lo < y - EDGE_TOLERANCE and hi > y + EDGE_TOLERANCE for x, lo, hi in verticals):
            continue  # a column rule runs through: no row edge here
        if any(abs(hy - y) <= EDGE_TOLERANCE and hx0 < right and hx1 > left for hx0, hx1, hy in horizontals):
            continue
        out.append(("h", min(xs), y, max(xs), y))
    return out


def ruled_candidate(page: Any) -> bool:
    """True when a pypdfium2 page has enough straight rules to hold a ruled table."""
    return enough_rules(pdfium_rules(page))


def plumber_ruled_candidate(page: Any) -> bool:
    """`ruled_candidate` for a pdfplumber page (its edges are free once pdfminer parsed the page)."""
    h = sum(1 for e in page.horizontal_edges if e["x1"] - e["x0"] >= MIN_RULE_LEN)
    v = sum(1 for e in page.vertical_edges if e["bottom"] - e["top"] >= MIN_RULE_LEN)
    return v >= MIN_RULES and (h >= MIN_RULES or enough_rules(_plumber_rules(page)))


def unruled_candidate(text: str) -> bool:
    """True when a page's text carries a task-table header: "STT"/"TT" and two column headings.

    >>> unruled_candidate("STT Nội dung nhiệm vụ Cơ quan chủ trì Thời gian hoàn thành")
    True
    >>> unruled_candidate("Giao Bộ Công an chủ trì, phối hợp với Bộ Nội vụ thực hiện nội dung này")
    False
    """
    if not _has_number_word(text):
        return False
    return len({" ".join(m.group(0).lower().split()) for m in _HEADINGS.finditer(text)}) >= 2


# A header row's cells wrap to a few lines ("Thời gian / hoàn / thành") and its "STT" may stand at
# their top, middle or bottom: headings count when they lie within this many of STT's line heights.
HEADER_LINES = 4.0
# Between the cells of a table row lies a column gutter: on STT's line nothing stands within this
# many of its line heights to its right. A word space of prose is a quarter to a half of the height
# (2.8-5.7 pt at 12.5 pt on the corpus's flattened tables), a gutter two cell paddings (12 pt and
# more at 9 pt in reportlab's tables, about 11 pt in a word processor's).
GUTTER = 0.6


def unruled_header(textpage: Any) -> bool:
    """`unruled_candidate` with geometry, for a pypdfium2 text page: an "STT"/"TT" that stands in a
    column of its own (a gutter to its right on its line) with two column headings to its right,
    side by side a gutter apart, in the rows around it (within `HEADER_LINES` of its height, above or below).

    The text check alone takes every page where "Bộ TT&TT" and "chủ trì … phối hợp" appear
    anywhere, and each such page would cost pdfplumber's full parse (~0.1 s) for nothing; so would
    a table that was flattened to prose ("TT Tên nhiệm vụ Cơ quan chủ trì" on one justified line)
    or to one heading a line ("TT" / "Nhiệm vụ" / "Cơ quan chủ trì", all at the margin).
    """
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    text = "".join(map(chr, (pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(pdfium_c.FPDFText_CountChars(raw)))))
    heads = [(m.start(), m.end(), " ".join(m.group(0).lower().split())) for m in _HEADINGS.finditer(text)]
    if len({name for _, _, name in heads}) < 2 or not _NUMBER_WORD.search(text):
        return False
    rect = pdfium_c.FS_RECTF()

    def extent(start: int, end: int) -> tuple[float, float, float, float] | None:
        """Left, bottom, right and top (y up) of the font boxes of the visible characters text[start:end]."""
        boxes: list[tuple[float, float, float, float]] = []
        for i in range(start, end):
            if not text[i].isspace() and pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
                boxes.append((rect.left, rect.bottom, rect.right, rect.top))
        if not boxes:
            return None
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)

    spans = [(extent(a, b), name) for a, b, name in heads]
    for m in _NUMBER_WORD.finditer(text):
        number = extent(m.start(), m.end())
        if number is None:
            continue
        left, bottom, right, top = number
        height = top - bottom
        mid = (bottom + top) / 2
        beside = textpage.get_text_bounded(left=right + 0.5, bottom=mid - 0.1, right=right + GUTTER * height, top=mid + 0.1)
        if beside.strip():
            continue  # a word follows at a word space: prose
        reach, gutter = HEADER_LINES * height, GUTTER * height
        low, high = bottom - reach, top + reach
        near = [
            (span, name) for span, name in spans if span is not None and span[0] > right and span[3] >= low and span[1] <= high
        ]
        # two of them side by side in columns of their own, a gutter apart in one row (not "chủ trì
        # nhiệm vụ" on a line of prose, nor one heading a line down the margin)
        if any(a[2] + gutter <= b[0] and a[1] < b[3] and b[1] < a[3] and x != y for a, x in near for b, y in near):
            return True
    return False


# ----------------------------------------------------------------------------------------------
# Reading one page
# ----------------------------------------------------------------------------------------------


def cell_text(text: str | None) -> str:
    """A cell's text on one line, safe inside a pipe row.

    >>> cell_text("Cơ quan chủ\\ntrì | phối hợp ")
    'Cơ quan chủ trì / phối hợp'
    """
    if not text:
        return ""
    return " ".join(text.replace("|", "/").split())


def pipe_row(cells: Sequence[str]) -> str:
    """>>> pipe_row(["1", "", "Bộ Công an"])
    '| 1 |  | Bộ Công an |'
    """
    return "| " + " | ".join(cells) + " |"


def _box(number: int, bbox: Sequence[float] | None) -> CellBox | None:
    if bbox is None:
        return None
    x0, top, x1, bottom = bbox
    return CellBox(
        page=number, x0=round(float(x0), 2), top=round(float(top), 2), x1=round(float(x1), 2), bottom=round(float(bottom), 2)
    )


def _cut_row(boxes: Sequence[Sequence[CellBox | None]], open_tops: Sequence[float]) -> int:
    """The row that continues a row the page break cut: the first row (or the one under a repeated
    header) when its top edge is one of `open_tops` (edges `implied_rules` drew); else -1."""
    for r in range(min(2, len(boxes))):
        tops = [b.top for b in boxes[r] if b is not None]
        if tops and any(abs(min(tops) - y) <= EDGE_TOLERANCE for y in open_tops):
            return r
    return -1


def _read_table(table: Any, number: int, open_tops: Sequence[float] = ()) -> _Found | None:
    """Cells and boxes of one pdfplumber `Table`; None when it is not at least 2 x 2."""
    rows = table.rows
    texts = table.extract()
    if len(rows) < 2 or not rows or max(len(r.cells) for r in rows) < 2:
        return None
    ncol = max(len(r.cells) for r in rows)
    cells = [[cell_text(t) for t in row] + [""] * (ncol - len(row)) for row in texts]
    boxes = tuple(tuple(_box(number, c) for c in r.cells) + (None,) * (ncol - len(r.cells)) for r in rows)
    # Drop columns that are missing in every row (a stray vertical rule beyond the table).
    keep = [c for c in range(ncol) if any(b[c] is not None for b in boxes)]
    if len(keep) < 2:
        return None
    cells = [[row[c] for c in keep] for row in cells]
    boxes = tuple(tuple(b[c] for c in keep) for b in boxes)
    x0, top, x1, bottom = (float(v) for v in table.bbox)
    return _Found((x0, top, x1, bottom), cells, boxes, _cut_row(boxes, open_tops))


def _is_header(row: Sequence[str]) -> bool:
    heads = sum(1 for c in row if c and _HEADINGS.search(c))
    return heads >= 2 and any(_NUMBER_HEAD.match(c) for c in row)


def _read_unruled(table: Any, number: int) -> _Found | None:
    """An unruled table from pdfplumber's text strategy, kept only under a task-table header.

    The text strategy makes every text line a row; when the first column is numbered, lines
    without a number are folded into the row above (a wrapped cell).
    """
    rows = table.rows
    if len(rows) < 2 or len([c for c in range(len(rows[0].cells)) if any(r.cells[c] is not None for r in rows)]) < 3:
        return None  # no room for "STT" and two headings (the columns `_read_table` keeps)
    if not any(_is_header([cell_text(t) for t in row]) for row in _extract_rows(table, rows[:3])):
        return None  # most candidates: decided on three rows, before reading every cell
    found = _read_table(table, number)
    if found is None or len(found.cells[0]) < 3:
        return None
    start = next((k for k, row in enumerate(found.cells[:3]) if _is_header(row)), None)
    if start is None:
        return None
    cells = [list(r) for r in found.cells[start:]]
    boxes = [list(b) for b in found.boxes[start:]]
    body = cells[1:]
    if len(body) < 1:
        return None
    numbered = sum(1 for r in body if _ROW_NUMBER.match(r[0]))
    if numbered * 2 >= len(body):
        merged_c, merged_b = [cells[0]], [boxes[0]]
        for row, box in zip(cells[1:], boxes[1:]):
            if not row[0] and len(merged_c) > 1:
                last_c, last_b = merged_c[-1], merged_b[-1]
                for k, (t, b) in enumerate(zip(row, box)):
                    if t:
                        last_c[k] = f"{last_c[k]} {t}".strip()
                    if b is not None:
                        old = last_b[k]
                        last_b[k] = (
                            b
                            if old is None
                            else CellBox(
                                page=number,
                                x0=min(old.x0, b.x0),
                                top=min(old.top, b.top),
                                x1=max(old.x1, b.x1),
                                bottom=max(old.bottom, b.bottom),
                            )
                        )
            else:
                merged_c.append(row)
                merged_b.append(box)
        cells, boxes = merged_c, merged_b
    if len(cells) < 2:
        return None
    top = min(b.top for row in boxes for b in row if b is not None)
    return _Found((found.bbox[0], top, found.bbox[2], found.bbox[3]), cells, tuple(tuple(b) for b in boxes))


def _extract_rows(table: Any, rows: Sequence[Any]) -> list[list[str | None]]:
    """`table.extract()` for some of its rows only: each cell's text from the page characters whose
    centre lies inside it, exactly as pdfplumber's `Table.extract` reads every row."""
    from pdfplumber import utils

    chars = table.page.chars

    def inside(char: dict[str, Any], bbox: Sequence[float]) -> bool:
        v_mid = (char["top"] + char["bottom"]) / 2
        h_mid = (char["x0"] + char["x1"]) / 2
        return bbox[0] <= h_mid < bbox[2] and bbox[1] <= v_mid < bbox[3]

    out: list[list[str | None]] = []
    for row in rows:
        row_chars = [c for c in chars if inside(c, row.bbox)]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            cell_chars = [c for c in row_chars if inside(c, cell)]
            texts.append(utils.extract_text(cell_chars) if cell_chars else "")
        out.append(texts)
    return out


def _overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _plumber_rules(page: Any) -> list[Rule]:
    """A pdfplumber page's edges as rules (y down)."""
    out: list[Rule] = []
    for e in page.edges:
        if e["orientation"] == "h":
            out.append(("h", float(e["x0"]), float(e["top"]), float(e["x1"]), float(e["top"])))
        elif e["orientation"] == "v":
            out.append(("v", float(e["x0"]), float(e["top"]), float(e["x0"]), float(e["bottom"])))
    return out


def find_tables(page: Any, number: int, unruled: bool = False) -> list[_Found]:
    """The tables of a pdfplumber page, top to bottom: ruled ones, else (when `unruled`) a text-strategy one."""
    implied = implied_rules(_plumber_rules(page))
    settings = {**RULED_SETTINGS, "explicit_horizontal_lines": [_edge(r, None) for r in implied]}
    open_tops = [r[2] for r in implied]
    found = [f for t in page.find_tables(settings) if (f := _read_table(t, number, open_tops)) is not None]
    if not found and unruled:
        found = [f for t in page.find_tables(TEXT_SETTINGS) if (f := _read_unruled(t, number)) is not None]
    return _non_overlapping(found)


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Nested or overlapping finds: keep the larger; the rest top to bottom."""
    found = sorted(found, key=lambda f: -(f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]))
    kept: list[_Found] = []
    for f in found:
        if not any(_overlaps(f.bbox, k.bbox) for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    return kept


def page_tables(page: Any, number: int, unruled: bool = False) -> PageTables | None:
    """A pdfplumber page's text with its tables as pipe rows in place; None when it holds no table.

    Characters are split by their centre: inside a table's box they are the table's (read cell by
    cell), above/between/below tables they are text bands, and beside a table (in its height but
    outside its width) they come just before its rows.
    """
    found = find_tables(page, number, unruled)
    if not found:
        return None
    n = len(found)

    def segment(obj: dict[str, Any]) -> int:
        """0, 2, …, 2n: the band above table k (2k) or below the last; 2k+1: beside table k; -1: inside."""
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        for k, f in enumerate(found):
            x0, top, x1, bottom = f.bbox
            if top <= cy <= bottom:
                return -1 if x0 <= cx <= x1 else 2 * k + 1
        return 2 * sum(1 for f in found if f.bbox[3] < cy)

    keys: dict[int, int] = {}
    for ch in page.chars:
        keys[id(ch)] = segment(ch)
    parts: list[str | int] = []
    present = set(keys.values())
    for s in range(2 * n + 1):
        if s in present:
            band = page.filter(lambda o, s=s: o.get("object_type") != "char" or keys.get(id(o)) == s)
            text = (band.extract_text() or "").strip("\n")
            if text.strip():
                parts.append(text)
        if s % 2 == 1:
            parts.append(s // 2)
    return _compose(found, parts)


# ----------------------------------------------------------------------------------------------
# A whole document
# ----------------------------------------------------------------------------------------------


def read_tables(data: bytes, candidates: dict[int, bool]) -> dict[int, PageTables]:
    """0-based index -> `PageTables` for the candidate pages that do hold a table (pdfplumber)."""
    if not candidates:
        return {}
    import io

    import pdfplumber

    out: dict[int, PageTables] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i, unruled in sorted(candidates.items()):
            if i >= len(pdf.pages):
                continue
            page = pdf.pages[i]
            got = page_tables(page, i + 1, unruled)
            if got is not None:
                out[i] = got
            page.close()
    return out


# ----------------------------------------------------------------------------------------------
# The fast path: pdfplumber's table finder on pdfium's rules, cell text from pdfium
# ----------------------------------------------------------------------------------------------


class _RulePage:
    """The little of a pdfplumber page that `pdfplumber.table.TableFinder` reads for "lines"."""

    def __init__(self, edges: list[dict[str, Any]], width: float, height: float):
        self.edges = edges
        self.bbox = (0.0, 0.0, width, height)


def _edge(rule: Rule, height: float | None) -> dict[str, Any]:
    """A rule as a pdfplumber line edge; `height` flips pdfium's y (None: the rule is y down)."""
    kind, x0, y0, x1, y1 = rule
    top, bottom = (height - y1, height - y0) if height is not None else (min(y0, y1), max(y0, y1))
    return {
        "object_type": "line",
        "orientation": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def simple_geometry(page: Any) -> bool:
    """True when a pypdfium2 page is unrotated with its media box at the origin, so that pdfium's
    coordinates turn into pdfplumber's by flipping y alone."""
    media = page.get_mediabox()
    crop = page.get_cropbox()
    return (
        page.get_rotation() == 0
        and abs(media[0]) < 0.01
        and abs(media[1]) < 0.01
        and all(abs(a - b) < 0.01 for a, b in zip(media, crop))
    )


def _bounded(textpage: Any, height: float, x0: float, top: float, x1: float, bottom: float) -> str:
    """pdfium's text inside a box given in pdfplumber coordinates (y down)."""
    if x1 - x0 <= 0 or bottom - top <= 0:
        return ""
    text = textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top)
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


def pdfium_page_tables(page: Any, textpage: Any, number: int, rules: Sequence[Rule]) -> PageTables | None:
    """`page_tables` for a pypdfium2 page with `simple_geometry`, without pdfplumber's page parse.

    The rules go through pdfplumber's own `TableFinder` (snapping, joining, intersections, cells);
    each cell's text is pdfium's text inside the cell shrunk by `CELL_INSET` (pdfium takes every
    character whose box touches the rectangle), and the page's other text is pdfium's text of the
    bands above, between and below the tables.
    """
    from pdfplumber.table import TableFinder

    width, height = page.get_size()
    implied = implied_rules(rules)
    open_tops = [height - r[2] for r in implied]
    edges = [_edge(r, height) for r in (*rules, *implied)]
    finder = TableFinder(_RulePage(edges, width, height), RULED_SETTINGS)  # type: ignore[arg-type]
    found: list[_Found] = []
    for table in finder.tables:
        rows = table.rows
        ncol = max((len(r.cells) for r in rows), default=0)
        if len(rows) < 2 or ncol < 2:
            continue
        boxes = tuple(tuple(_box(number, c) for c in r.cells) + (None,) * (ncol - len(r.cells)) for r in rows)
        keep = [c for c in range(ncol) if any(b[c] is not None for b in boxes)]
        if len(keep) < 2:
            continue
        boxes = tuple(tuple(b[c] for c in keep) for b in boxes)
        cells = [
            [
                cell_text(
                    _bounded(textpage, height, b.x0 + CELL_INSET, b.top + CELL_INSET, b.x1 - CELL_INSET, b.bottom - CELL_INSET)
                )
                if b is not None
                else ""
                for b in row
            ]
            for row in boxes
        ]
        x0, top, x1, bottom = (float(v) for v in table.bbox)
        found.append(_Found((x0, top, x1, bottom), cells, boxes, _cut_row(boxes, open_tops)))
    found = _non_overlapping(found)
    if not found:
        return None
    parts: list[str | int] = []
    above = 0.0
    for k, f in enumerate(found):
        x0, top, x1, bottom = f.bbox
        band = _bounded(textpage, height, 0.0, above, width, top).strip("\n")
        if band.strip():
            parts.append(band)
        for side in (
            _bounded(textpage, height, 0.0, top, x0 - CELL_INSET, bottom),
            _bounded(textpage, height, x1 + CELL_INSET, top, width, bottom),
        ):
            if side.strip():
                parts.append(side.strip("\n"))
        parts.append(k)
        above = max(above, bottom)
    band = _bounded(textpage, height, 0.0, above, width, height).strip("\n")
    if band.strip():
        parts.append(band)
    return _compose(found, parts)


# ----------------------------------------------------------------------------------------------
# Tables across pages
# ----------------------------------------------------------------------------------------------


def stitch_pages(pages: Sequence[PageTables | None]) -> list[PageTables | None]:
    """Pages (None: no table) with each row a page break cut joined to the row it starts in.

    The rest of a cut row (`PageTables.cut`) on page k+1 goes cell by cell onto the end of the last
    row of page k's last table, when that table has as many columns; the row leaves page k+1's
    text and grid. The joined row keeps the cell boxes of its start. The repeated header stays:
    the structure stage drops it.
    """
    out = list(pages)
    # A row taller than a page: the middle page holds the header and the row's rest only, and the
    # rest on the page after it goes to the same row (`through[k]`: where page k's rest went).
    through: dict[int, int] = {}
    for k in range(1, len(out)):
        here = out[k]
        if here is None or not here.cut or here.cut[0] < 0:
            continue
        j = through.get(k - 1, k - 1)
        before = out[j]
        if before is None or not before.cells:
            continue
        r = here.cut[0]
        rows, prev = here.cells[0], before.cells[-1]
        if len(prev[-1]) != len(rows[r]):
            continue  # another table, with other columns
        joined = tuple(" ".join(t for t in (a, b) if t) for a, b in zip(prev[-1], rows[r]))
        out[j] = _replace_table(before, len(before.cells) - 1, (*prev[:-1], joined), before.tables[-1].boxes)
        boxes = here.tables[0].boxes
        out[k] = _replace_table(here, 0, (*rows[:r], *rows[r + 1 :]), (*boxes[:r], *boxes[r + 1 :]), cut=-1)
        if len(here.cells) == 1 and r == len(rows) - 1:  # nothing below the rest: the row goes on
            through[k] = j
    return out


def _replace_table(
    page: PageTables,
    index: int,
    cells: tuple[tuple[str, ...], ...],
    boxes: tuple[tuple[CellBox | None, ...], ...],
    cut: int | None = None,
) -> PageTables:
    """`page` with table `index` given new rows (and, when `cut` is given, a new cut row)."""
    found = [_Found((0.0, 0.0, 0.0, 0.0), [list(r) for r in c], g.boxes, x) for c, g, x in zip(page.cells, page.tables, page.cut)]
    found[index] = _Found((0.0, 0.0, 0.0, 0.0), [list(r) for r in cells], boxes, found[index].cut if cut is None else cut)
    return _compose(found, page.parts)
