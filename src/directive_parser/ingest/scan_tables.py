"""Ruled task tables on scanned pages: find the grid in the page image, read it cell by cell.

`find_grids` binarises the page, estimates its skew from the long horizontal rules and turns the
image straight, then finds the rules with OpenCV morphology (an opening with a long thin kernel
keeps only runs of ink longer than any letter stroke). Rules are kept only when both their ends
meet a rule of the other direction (an underline or a dash in a cell meets none). The distinct
rule positions make an elementary grid; two neighbouring elementary cells are one (merged) cell
when the rule between them is missing. A table needs >= 3 horizontal and >= 3 vertical rules
forming >= 2 x 2 cells, otherwise the page is not ours and `ocr` reads it as before.

`read_page` then OCRs every non-empty cell (its crop shrunk by a margin and with the rule pixels
painted white, so rules never come out as "|" or "l"). Tesseract costs ~0.7 s a call just to load
the `vie` model, so the crops are not sent one by one: they are stacked into one "cell sheet"
image with white gaps, recognised in one call, and each word goes back to the crop it lies in.
The text above, between and below the tables (the tables blanked) is OCR'd as before (`--psm 4`),
and the page text is: text above, the pipe rows, text below — the contract of `pdf_tables`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from directive_parser.ingest.pdf_tables import PageTables, cell_text, pipe_row
from directive_parser.models import CellBox, TableGrid

MIN_RULES = 3
# Lengths below are in inches of the page and scaled by the image's dpi.
H_KERNEL_IN = 0.25  # a horizontal rule is a run of ink at least this long (letters are far shorter)
V_KERNEL_IN = 0.18  # a vertical rule: taller than any letter stroke, shorter than a one-line row
JOIN_TOL_IN = 0.05  # rule positions closer than this are one rule; ends this close meet
CELL_MARGIN_IN = 0.02  # shaved off each side of a cell crop (plus the rule pixels themselves)
SHEET_GAP_IN = 0.15  # white space between crops in the cell sheet
MAX_SKEW_DEG = 3.0
# A crop with fewer ink pixels than this share of its area (after removing specks) is empty.
MIN_INK = 0.0015
CELL_CONFIG = "--psm 6"  # the cell sheet is one uniform block of text lines
PAPER = 200  # grey levels lighter than this in the flattened image are paper (light noise)


@dataclass(frozen=True)
class Grid:
    """One table in the (deskewed) image: its bbox and its cells in pixels.

    `cells[r][c]` is (x0, top, x1, bottom) of the cell whose top-left elementary cell is (r, c),
    None for an elementary cell covered by a merged cell to its left or above.
    """

    bbox: tuple[int, int, int, int]
    cells: tuple[tuple[tuple[int, int, int, int] | None, ...], ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.cells), len(self.cells[0]) if self.cells else 0


@dataclass(frozen=True)
class PageGrids:
    """The straightened page and the grids on it; `angle` is the rotation applied (degrees)."""

    image: np.ndarray  # straightened, paper flattened to white
    ink: np.ndarray  # binary ink mask (255 = ink) of `image`, specks removed
    rules: np.ndarray  # binary mask of the rule pixels of `image`
    grids: tuple[Grid, ...]
    angle: float


# ----------------------------------------------------------------------------------------------
# Finding the grid
# ----------------------------------------------------------------------------------------------


def _binarise(gray: np.ndarray) -> np.ndarray:
    import cv2

    block = max(15, (min(gray.shape) // 60) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def _line_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    import cv2

    hk = max(15, int(H_KERNEL_IN * dpi))
    vk = max(10, int(V_KERNEL_IN * dpi))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    return horiz, vert


def estimate_skew(ink: np.ndarray, dpi: float) -> float:
    """The skew of the page in degrees (positive: rules rise to the right in image coordinates
    going down), from the long near-horizontal rules; 0.0 when there are none."""
    import cv2

    # Short kernel: a skewed rule stays in one pixel row only for ~thickness/slope pixels.
    k = max(10, int(0.12 * dpi))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (k // 2, 3)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    min_len = 1.5 * dpi
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < min_len or h > w * np.tan(np.radians(MAX_SKEW_DEG)) + 0.1 * dpi:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        if len(xs) < 10:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
        weights.append(float(w))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])
    return median if abs(median) <= MAX_SKEW_DEG else 0.0


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def _segments(mask: np.ndarray, horizontal: bool, min_len: int, gap: int) -> list[tuple[float, int, int]]:
    """Rules of a line mask as (position, start, end): the centre row (column) and the extent."""
    import cv2

    if horizontal:
        joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 3)))
    else:
        joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, gap)))
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out: list[tuple[float, int, int]] = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if horizontal and w >= min_len and h <= max(gap, w // 10):
            out.append((float(centroids[i][1]), int(x), int(x + w)))
        elif not horizontal and h >= min_len and w <= max(gap, h // 10):
            out.append((float(centroids[i][0]), int(y), int(y + h)))
    return out


def _cluster(values: Sequence[float], tol: float) -> list[float]:
    """Sorted values, those within `tol` of the previous one merged into their mean."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _meets(pos: float, start: int, end: int, others: Sequence[tuple[float, int, int]], tol: float) -> bool:
    """True when a rule at `pos` from `start` to `end` has a crossing rule at both of its ends."""

    def at(x: float) -> bool:
        return any(abs(o[0] - x) <= tol and o[1] - tol <= pos <= o[2] + tol for o in others)

    return at(start) and at(end)


def _meets_one(pos: float, start: int, end: int, others: Sequence[tuple[float, int, int]], tol: float) -> bool:
    return _meets(pos, start, start, others, tol) or _meets(pos, end, end, others, tol)


def _coverage(mask: np.ndarray, horizontal: bool, pos: float, a: int, b: int, tol: int) -> float:
    """Share of the run a..b along a rule at `pos` that the line mask covers (within `tol`)."""
    p = int(round(pos))
    if b <= a:
        return 0.0
    if horizontal:
        strip = mask[max(0, p - tol) : p + tol + 1, a:b]
    else:
        strip = mask[a:b, max(0, p - tol) : p + tol + 1]
    if strip.size == 0:
        return 0.0
    return float(np.count_nonzero(strip.max(axis=0 if horizontal else 1)) / (b - a))


def _grid_from_rules(
    horiz: np.ndarray, vert: np.ndarray, hs: list[tuple[float, int, int]], vs: list[tuple[float, int, int]], tol: int
) -> Grid | None:
    ys = _cluster([h[0] for h in hs], tol)
    xs = _cluster([v[0] for v in vs], tol)
    if ys and vs:
        # A table cut by the page break has no rule under its last row (or over its first): the
        # vertical rules still go on, and their ends close the row.
        top, bottom = min(v[1] for v in vs), max(v[2] for v in vs)
        if ys[0] - top > 4 * tol:
            ys.insert(0, float(top))
        if bottom - ys[-1] > 4 * tol:
            ys.append(float(bottom))
    if len(ys) < MIN_RULES or len(xs) < MIN_RULES:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    pad = 2 * tol

    def vsep(r: int, c: int) -> bool:  # a vertical rule between elementary cells (r, c) and (r, c + 1)
        return _coverage(vert, False, xs[c + 1], int(ys[r]) + pad, int(ys[r + 1]) - pad, tol) >= 0.5

    def hsep(r: int, c: int) -> bool:  # a horizontal rule between (r, c) and (r + 1, c)
        return _coverage(horiz, True, ys[r + 1], int(xs[c]) + pad, int(xs[c + 1]) - pad, tol) >= 0.5

    owner = [[(r, c) for c in range(nc)] for r in range(nr)]
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not vsep(r, c):
                owner[r][c + 1] = owner[r][c]
    for r in range(nr - 1):
        groups: dict[tuple[int, int], list[int]] = {}
        for c in range(nc):
            groups.setdefault(owner[r][c], []).append(c)
        for o, cols in groups.items():
            if not any(hsep(r, k) for k in cols):  # no rule under the whole cell: it goes on down
                for k in cols:
                    owner[r + 1][k] = o
    extent: dict[tuple[int, int], list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            o = owner[r][c]
            e = extent.setdefault(o, [c, r, c, r])
            e[0], e[1], e[2], e[3] = min(e[0], c), min(e[1], r), max(e[2], c), max(e[3], r)
    cells: list[list[tuple[int, int, int, int] | None]] = [[None] * nc for _ in range(nr)]
    for (r, c), (c0, r0, c1, r1) in extent.items():
        cells[r][c] = (int(xs[c0]), int(ys[r0]), int(xs[c1 + 1]), int(ys[r1 + 1]))
    # Rows every cell of which is merged into the row above carry nothing: drop them.
    keep_rows = [r for r in range(nr) if any(cells[r][c] is not None for c in range(nc))]
    keep_cols = [c for c in range(nc) if any(cells[r][c] is not None for r in keep_rows)]
    if len(keep_rows) < 2 or len(keep_cols) < 2:
        return None
    grid = tuple(tuple(cells[r][c] for c in keep_cols) for r in keep_rows)
    return Grid((int(xs[0]), int(ys[0]), int(xs[-1]), int(ys[-1])), grid)


def find_grids(gray: np.ndarray, dpi: float) -> PageGrids:
    """The ruled tables of a greyscale page image (uint8, white paper), top to bottom."""
    import cv2

    ink = _binarise(gray)
    angle = estimate_skew(ink, dpi)
    if abs(angle) >= 0.05:
        gray = _rotate(gray, angle)
        ink = _binarise(gray)
    horiz, vert = _line_masks(ink, dpi)
    rules = cv2.bitwise_or(horiz, vert)
    flat = _flatten(gray)
    text_ink = cv2.morphologyEx(
        np.where(flat < 140, 255, 0).astype(np.uint8), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    )
    tol = max(3, int(JOIN_TOL_IN * dpi))
    grids: list[Grid] = []
    # One table a connected region of rules.
    region = cv2.dilate(rules, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < 0.5 * dpi or h < 0.3 * dpi:
            continue
        inside = labels[y : y + h, x : x + w] == i
        hm = np.where(inside, horiz[y : y + h, x : x + w], 0).astype(np.uint8)
        vm = np.where(inside, vert[y : y + h, x : x + w], 0).astype(np.uint8)
        hs = _segments(hm, True, max(15, int(H_KERNEL_IN * dpi)), 2 * tol)
        vs = _segments(vm, False, max(10, int(V_KERNEL_IN * dpi)), 2 * tol)
        hs_kept = [s for s in hs if _meets(s[0], s[1], s[2], vs, 2 * tol)]
        # a vertical rule needs a crossing rule at one end only (the other may be a page break)
        vs_kept = [s for s in vs if _meets_one(s[0], s[1], s[2], hs, 2 * tol)]
        grid = _grid_from_rules(hm, vm, hs_kept, vs_kept, tol)
        if grid is None:
            continue
        grids.append(_shift(grid, x, y))
    grids.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return PageGrids(flat, text_ink, rules, tuple(grids), angle)


def _flatten(gray: np.ndarray) -> np.ndarray:
    """The page divided by its background (a grey-level closing), so paper is white everywhere:
    crops of unevenly lit paper side by side in the cell sheet would otherwise show edges."""
    import cv2

    bg = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (31, 31)))
    bg = cv2.blur(bg, (31, 31))
    return cv2.divide(gray, np.maximum(bg, 1), scale=255)


def _shift(grid: Grid, dx: int, dy: int) -> Grid:
    def mv(b: tuple[int, int, int, int] | None) -> tuple[int, int, int, int] | None:
        return None if b is None else (int(b[0] + dx), int(b[1] + dy), int(b[2] + dx), int(b[3] + dy))

    x0, y0, x1, y1 = grid.bbox
    return Grid((int(x0 + dx), int(y0 + dy), int(x1 + dx), int(y1 + dy)), tuple(tuple(mv(b) for b in row) for row in grid.cells))


# ----------------------------------------------------------------------------------------------
# Reading the page
# ----------------------------------------------------------------------------------------------

# (image, config, timeout) -> Tesseract's TSV as pytesseract's dict, or text.
DataFn = Callable[[Any, str, float], dict[str, list[Any]]]
TextFn = Callable[[Any, str, float], str]


def _has_ink(ink: np.ndarray) -> bool:
    if ink.size == 0:
        return False
    return bool(np.count_nonzero(ink) >= max(12, MIN_INK * ink.size))


def _cell_sheet(
    pg: PageGrids, boxes: Sequence[tuple[int, int, int, int]], dpi: float
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The cell crops stacked top to bottom with white gaps; for each box its (top, bottom) row
    range in the sheet, (-1, -1) for an empty cell left out."""
    import cv2

    margin = max(2, int(CELL_MARGIN_IN * dpi))
    gap = max(10, int(SHEET_GAP_IN * dpi))
    # Rule pixels (grown a little) become paper, so no rule remnant reads as "|" or "l".
    rules = cv2.dilate(pg.rules, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    # Paper away from any real stroke (specks of scan noise) becomes white too.
    near_ink = cv2.dilate(pg.ink, cv2.getStructuringElement(cv2.MORPH_RECT, (41, 41)))
    crops: list[np.ndarray | None] = []
    for x0, y0, x1, y1 in boxes:
        a, b, left, right = y0 + margin, y1 - margin, x0 + margin, x1 - margin
        if b - a < 4 or right - left < 4:
            crops.append(None)
            continue
        crop = pg.image[a:b, left:right].copy()
        crop[(rules[a:b, left:right] > 0) | (near_ink[a:b, left:right] == 0) | (crop > PAPER)] = 255
        ink = pg.ink[a:b, left:right].copy()
        ink[rules[a:b, left:right] > 0] = 0
        crops.append(crop if _has_ink(ink) else None)
    width = max((p.shape[1] for p in crops if p is not None), default=0) + 2 * gap
    height = gap + sum(p.shape[0] + gap for p in crops if p is not None)
    sheet = np.full((max(height, 1), max(width, 1)), 255, dtype=np.uint8)
    ranges: list[tuple[int, int]] = []
    y = gap
    for piece in crops:
        if piece is None:
            ranges.append((-1, -1))
            continue
        sheet[y : y + piece.shape[0], gap : gap + piece.shape[1]] = piece
        ranges.append((y, y + piece.shape[0]))
        y += piece.shape[0] + gap
    return sheet, ranges


def _words_by_range(data: dict[str, list[Any]], ranges: Sequence[tuple[int, int]]) -> list[str]:
    """Tesseract's words (image_to_data) put back into the crops whose row range holds them."""
    texts: list[list[tuple[tuple[int, int, int, int], str]]] = [[] for _ in ranges]
    for k, word in enumerate(data.get("text", [])):
        word = str(word).strip()
        if not word:
            continue
        cy = int(data["top"][k]) + int(data["height"][k]) / 2
        for i, (a, b) in enumerate(ranges):
            if a <= cy <= b:
                key = (int(data["block_num"][k]), int(data["par_num"][k]), int(data["line_num"][k]), int(data["word_num"][k]))
                texts[i].append((key, word))
                break
    return [_trim(cell_text(" ".join(w for _, w in sorted(ws)))) for ws in texts]


_STRAY = re.compile(r"^(?:[_~^ˆ`'\"‘’“”|\\:;,.]+\s+)+|(?:\s+[-_~^ˆ`'\"‘’“”|\\:;,]+)+$")
# A speck glued to the cell's first word (".Cơ quan phối hợp"), or standing alone between two words
# of one phrase ("Sản phẩm dự : kiến"): a header cell repeated on the next page must read the same.
_GLUED_SPECK = re.compile(r"^[.,:;_~^|\\]+(?=\w)")
_INNER_SPECK = re.compile(r"(?<=\w) (?:[_~^|\\]|:(?= [a-zđà-ỹ])) (?=\w)")


def _trim(text: str) -> str:
    """A cell's text without lone marks at its ends (a rule's remnant or a speck read as "_", "'").

    >>> _trim("_ Cơ quan phối hợp -")
    'Cơ quan phối hợp'
    >>> _trim("Năm 2025 - 2026")
    'Năm 2025 - 2026'
    >>> _trim(".Cơ quan phối hợp"), _trim("Sản phẩm dự : kiến"), _trim("Thời gian: Quý IV")
    ('Cơ quan phối hợp', 'Sản phẩm dự kiến', 'Thời gian: Quý IV')
    """
    text = _STRAY.sub("", text).strip()
    return _INNER_SPECK.sub(" ", _GLUED_SPECK.sub("", text))


# A group row's Roman number in the narrow STT column, as Tesseract `vie` reads one cell of a few
# serif strokes: "1" for "I", "H" or "11" for "II", "1H" for "III", "VỊ" for "VI", a quote for a speck.
_ROMAN_NUMERAL = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_ROMAN_GLYPHS = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "i": "I", "Ị": "I", "ị": "I", "Í": "I", "Ì": "I"})
_ROMAN_SPECKS = re.compile(r"[\"'`‘’“”.,:;_~^*]")
NUMBER_COLUMN_SHARE = 0.1  # the STT column is at most this share of the table's width


def _roman_reading(text: str) -> str | None:
    """The Roman numeral a garbled group-number cell stands for, or None.

    >>> [_roman_reading(t) for t in ("1", 'H"', "1H", "VỊ", "IV", "12", "Bộ")]
    ['I', 'II', 'III', 'VI', 'IV', None, None]
    """
    t = _ROMAN_SPECKS.sub("", text).strip().replace("H", "II").translate(_ROMAN_GLYPHS).upper()
    return t if len(t) <= 5 and _ROMAN_NUMERAL.match(t) else None


def _group_numbers(cells: list[list[str]], grid: Grid) -> None:
    """Read the number cells of a grid's group rows as the Roman numerals they are, in place.

    A group row ("| II | Xây dựng hạ tầng … |" with its text merged across the columns) is the
    only row whose second cell spans several columns; its number is a Roman numeral when any
    group number of the grid reads as one with a letter ("IV", "VỊ", "H"). A grid whose group rows
    are numbered "1", "2" (digits only) keeps them.
    """
    nr, nc = grid.shape
    if nc < 3:
        return
    starts = [min((b[0] for row in grid.cells if (b := row[c]) is not None), default=0) for c in range(nc)]
    x0, _, x1, _ = grid.bbox
    if starts[1] - starts[0] > NUMBER_COLUMN_SHARE * (x1 - x0):
        return
    tol = max(2, (starts[2] - starts[1]) // 10)
    groups = [r for r in range(nr) if (b := grid.cells[r][1]) is not None and b[2] > starts[2] + tol and cells[r][0]]
    readings = {r: _roman_reading(cells[r][0]) for r in groups}
    if not any(v and not cells[r][0].isdigit() for r, v in readings.items()):
        return
    for r, v in readings.items():
        if v:
            cells[r][0] = v


def read_page(
    pg: PageGrids, number: int, dpi: float, text_of: TextFn, data_of: DataFn, text_config: str, deadline: float
) -> PageTables:
    """The page text with its grids as pipe rows, and their boxes in PDF points.

    `text_of(image, config, timeout)` is Tesseract's text of an image, `data_of` its word boxes;
    each call gets what is left of the page's time until `deadline` (time.monotonic()).
    """

    def left() -> float:
        return max(1.0, deadline - time.monotonic())

    scale = 72.0 / dpi
    h, w = pg.image.shape
    parts: list[str] = []
    tables: list[TableGrid] = []

    def band(y0: int, y1: int, x0: int = 0, x1: int = w) -> None:
        if y1 - y0 < 4 or x1 - x0 < 4:
            return
        crop = pg.image[y0:y1, x0:x1].copy()
        ink = pg.ink[y0:y1, x0:x1]
        if not _has_ink(ink):
            return
        text = text_of(crop, text_config, left()).strip("\n")
        if text.strip():
            parts.append(text)

    above = 0
    for g in pg.grids:
        gx0, gy0, gx1, gy1 = g.bbox
        band(above, max(above, gy0 - 2))
        band(max(above, gy0), gy1, 0, max(0, gx0 - 2))
        band(max(above, gy0), gy1, min(w, gx1 + 2), w)
        flat = [(r, c, b) for r, row in enumerate(g.cells) for c, b in enumerate(row) if b is not None]
        sheet, ranges = _cell_sheet(pg, [b for _, _, b in flat], dpi)
        texts = [""] * len(flat)
        if any(a >= 0 for a, _ in ranges):
            texts = _words_by_range(data_of(sheet, CELL_CONFIG, left()), ranges)
        nr, nc = g.shape
        cells = [[""] * nc for _ in range(nr)]
        boxes: list[list[CellBox | None]] = [[None] * nc for _ in range(nr)]
        for (r, c, _b), t in zip(flat, texts):
            cells[r][c] = t
        _group_numbers(cells, g)
        for r, c, b in flat:
            boxes[r][c] = CellBox(
                page=number,
                x0=round(b[0] * scale, 2),
                top=round(b[1] * scale, 2),
                x1=round(b[2] * scale, 2),
                bottom=round(b[3] * scale, 2),
            )
        parts.extend(pipe_row(row) for row in cells)
        tables.append(TableGrid(tuple(tuple(row) for row in boxes)))
        above = max(above, gy1 + 2)
    band(above, h)
    return PageTables("\n".join(parts), tuple(tables))
