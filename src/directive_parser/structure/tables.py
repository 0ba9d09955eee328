"""Tables in the document text: pipe rows -> `TextTable` (header, rows of cells with offsets).

Every route writes a table the same way: ingest puts a PDF's ruled table, a Word table or a scan's
grid into the page text as pipe rows, and text exports and markdown sources already use them:

    | STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |
    |---|---|---|---|
    | 1 | Xây dựng Kế hoạch … | Sở Tài chính | Quý I/2026 |

Outer pipes and the `---|---` separator are optional. A table that runs across pages is one
table: rows continue after a page break, and a header row repeated on the new page is dropped.
`mask_tables` blanks the table lines (same length) so the clause segmenter does not read them a
second time as paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from directive_parser.models import TextCell, TextTable

# A row has at least this many cells; "a | b" inside a sentence is not a table.
MIN_CELLS = 3
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Lines allowed between two pieces of one table: blank lines, form feeds, a page number.
_GAP = re.compile(r"^\s*(?:-?\s*\d{1,3}\s*-?)?\s*$")


def _cells(line: str, offset: int) -> list[TextCell] | None:
    """The cells of one pipe row, or None when the line is no table row."""
    if line.count("|") < MIN_CELLS - 1:
        return None
    body_start, body_end = 0, len(line)
    stripped = line.strip()
    if stripped.startswith("|"):
        body_start = line.index("|") + 1
    if stripped.endswith("|") and len(stripped) > 1:
        body_end = line.rindex("|")
    cells: list[TextCell] = []
    pos = body_start
    for piece in line[body_start:body_end].split("|"):
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip()
        cells.append(TextCell(text, offset + pos + lead, offset + pos + lead + len(text)))
        pos += len(piece) + 1
    if len(cells) < MIN_CELLS:
        return None
    # Prose with pipes ("A | B | C" in a title) has no cell that is empty or short; a table has
    # a column of numbers or short labels. Require the line to start or end with a pipe, or to
    # have an empty or numeric cell.
    if not (stripped.startswith("|") or stripped.endswith("|") or any(not c.text or c.text.isdigit() for c in cells)):
        return None
    return cells


def _same_row(a: list[TextCell], b: list[TextCell]) -> bool:
    """Whether two rows read the same, letters only: a header repeated on the next page may come
    back from OCR with specks ("Thời gian hoàn. thành")."""
    return len(a) == len(b) and all(_letters(x.text) == _letters(y.text) for x, y in zip(a, b))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def find_tables(text: str, page_starts: list[tuple[int, int]] | None = None) -> list[TextTable]:
    """The pipe tables of `text`, in order, with tables split by a page break stitched together.

    `page_starts` gives (page number, start offset) of each page, for the row keys that match a
    row with its cell boxes.
    """
    tables: list[TextTable] = []
    current: TextTable | None = None
    gap_ok = False  # only blank lines / page numbers since the current table's last row
    page_tables: dict[int, int] = {}  # page -> tables begun on it so far
    piece_rows = 0
    piece_page = -1
    pos = 0
    starts = sorted(page_starts or [(1, 0)], key=lambda p: p[1])
    for line in text.split("\n"):
        offset, pos = pos, pos + len(line) + 1
        page = _page_at(starts, offset)
        if _SEPARATOR.match(line) and current is not None:
            current.line_spans.append((offset, offset + len(line)))
            continue
        cells = _cells(line, offset)
        if cells is None:
            if current is not None and _GAP.match(line) and "\f" not in line.strip(" \t"):
                gap_ok = True
                continue
            current, gap_ok = None, False
            continue
        if current is None or (gap_ok and len(cells) != len(current.header)):
            current = TextTable(header=cells, start=offset, end=offset + len(line))
            tables.append(current)
            piece_page = page
            current.header_key = (page, page_tables.get(page, 0), 0)
            page_tables[page] = page_tables.get(page, 0) + 1
            piece_rows = 1
            current.line_spans.append((offset, offset + len(line)))
            gap_ok = False
            continue
        if page != piece_page:  # the table goes on on a new page: a new piece with its own grid
            piece_page, piece_rows = page, 0
            page_tables[page] = page_tables.get(page, 0) + 1
        current.line_spans.append((offset, offset + len(line)))
        current.end = offset + len(line)
        gap_ok = False
        key = (page, page_tables[page] - 1, piece_rows)
        piece_rows += 1
        if _same_row(cells, current.header):
            continue  # the header repeated at the top of the next page
        current.rows.append(cells)
        current.row_keys.append(key)
    return [t for t in tables if t.rows]


def _page_at(starts: list[tuple[int, int]], offset: int) -> int:
    """The page that holds `offset`: binary search over the pages' start offsets."""
    i = bisect_right(starts, offset, key=lambda p: p[1]) - 1
    return starts[max(i, 0)][0]


def mask_tables(text: str, tables: list[TextTable]) -> str:
    """`text` with every table line replaced by spaces (offsets unchanged)."""
    if not tables:
        return text
    chars = list(text)
    for table in tables:
        for s, e in table.line_spans:
            chars[s:e] = " " * (e - s)
    return "".join(chars)
