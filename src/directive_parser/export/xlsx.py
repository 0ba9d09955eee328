""".xlsx workbooks of assignments (openpyxl, an optional extra: `pip install 'directive-parser[xlsx]'`).

The rows and headers are `tabular`'s. Each sheet has a bold header row that is frozen and has
an auto-filter; long text (task, title, bodies) wraps; `Ngày ban hành` and a resolved `Thời hạn`
are real date cells (shown dd/mm/yyyy, or yyyy-mm-dd with `columns="en"`), the page and row number
are numbers. Text is stored as text, never as a formula: a cell that would run as one is also
prefixed with a quote by `safe_cell`, as in the CSV. One sheet per directive when several go in,
named after its number (`33-CT-TTg`: "/" is not allowed in a sheet name).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from directive_parser.errors import MissingDependencyError
from directive_parser.export.serialize import safe_cell
from directive_parser.export.tabular import TABLE_COLUMNS, Columns, headers, typed_rows
from directive_parser.models import Directive

XLSX_INSTALL_HINT = "pip install 'directive-parser[xlsx]'"
# Column widths in characters; the text columns wrap within them.
WIDTHS = {
    "row": 6,
    "number": 14,
    "issued": 12,
    "title": 40,
    "clause": 10,
    "task": 70,
    "lead": 30,
    "coordinating": 30,
    "product": 24,
    "due": 14,
    "recurrence": 12,
    "page": 7,
    "id": 28,
}
WRAPPED = frozenset({"title", "task", "lead", "coordinating", "product"})
MAX_CELL = 32767  # Excel's limit on the characters of one cell
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# XML 1.0 forbids these control characters; openpyxl refuses them (a PDF text layer can hold them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as e:
        raise MissingDependencyError(
            f"writing .xlsx needs openpyxl, which is not installed; install it with: {XLSX_INSTALL_HINT}"
        ) from e
    return openpyxl


def sheet_name(directive: Directive, index: int, taken: set[str]) -> str:
    """A valid, unique sheet name for a directive: its number with "/" -> "-", else "Văn bản N"."""
    base = _SHEET_FORBIDDEN.sub("-", directive.number or "").strip("' ") or f"Văn bản {index}"
    base = base[:SHEET_NAME_MAX]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def workbook_bytes(directives: Sequence[Directive], *, columns: Columns = "vi", sheet_per_document: bool = True) -> bytes:
    """The .xlsx file of the directives' assignments, as bytes.

    Raises:
        MissingDependencyError: openpyxl is not installed.
    """
    openpyxl = _openpyxl()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if sheet_per_document and len(directives) > 1:
        taken: set[str] = set()
        for i, directive in enumerate(directives, 1):
            _fill_sheet(wb.create_sheet(sheet_name(directive, i, taken)), [directive], columns)
    else:
        title = sheet_name(directives[0], 1, set()) if len(directives) == 1 else ("Nhiệm vụ" if columns == "vi" else "tasks")
        _fill_sheet(wb.create_sheet(title), directives, columns)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _fill_sheet(ws: Any, directives: Sequence[Directive], columns: Columns) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    date_format = "dd/mm/yyyy" if columns == "vi" else "yyyy-mm-dd"
    ws.append(headers(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    for r, row in enumerate(typed_rows(directives, columns), start=2):
        for c, column in enumerate(TABLE_COLUMNS, start=1):
            value = row[column.key]
            if value is None:
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, date):
                cell.value = value
                cell.number_format = date_format
            elif isinstance(value, int):
                cell.value = value
            else:
                text = _ILLEGAL.sub("", safe_cell(str(value)))
                cell.value = text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
            cell.alignment = wrap if column.key in WRAPPED else top
    for c, column in enumerate(TABLE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS[column.key]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(TABLE_COLUMNS))}{max(ws.max_row, 1)}"
