"""One writer for every output format: `write_table(directives, target, fmt)` -> JSON, JSONL, CSV or .xlsx.

The tabular formats (CSV, TSV, .xlsx, the terminal table) share one row layout, the columns a
monitoring office tracks, named in Vietnamese by default (`columns="vi"`) or in machine-friendly
English (`columns="en"`):

    STT               row          1, 2, 3 … (per file; per sheet in an .xlsx)
    Số ký hiệu        number       33/CT-TTg
    Ngày ban hành     issued       06/11/2025 (vi) | 2025-11-06 (en); a date cell in .xlsx
    Trích yếu         title
    Điều khoản        clause       2.c.-1
    Nội dung nhiệm vụ task
    Cơ quan chủ trì   lead         bodies joined with "; "
    Cơ quan phối hợp  coordinating
    Sản phẩm          product
    Thời hạn          due          the due date (dd/mm/yyyy | ISO; a date cell in .xlsx) when the
                                   deadline resolves to one, else the deadline as written ("ngay")
    Định kỳ           recurrence   hằng tháng (vi) | monthly (en)
    Trang             page         page of the document the task starts on
    Mã nhiệm vụ       id           the assignment's stable id

JSON is one `Directive` object (a list of them when several are written), JSONL one directive a
line: both are the full model, whatever `columns` says.

CSV is always UTF-8 with a byte-order mark (Excel needs it for the diacritics) and CRLF line ends;
`delimiter=";"` suits Excel under Vietnamese regional settings. Every text cell that a spreadsheet
would run as a formula is made inert with `safe_cell` (in .xlsx it is also stored as text, never as
a formula). Files are written next to their destination and renamed into place; every failure is an
`ExportError` naming the file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from directive_parser.errors import ExportError, OptionError
from directive_parser.export.serialize import CSV_ENCODING, safe_cell
from directive_parser.models import LIST_SEPARATOR, Assignment, Directive, Recurrence

if TYPE_CHECKING:
    import pandas as pd

Columns = Literal["vi", "en"]


class TableFormat(StrEnum):
    """The formats `write_table` writes."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


@dataclass(frozen=True)
class Column:
    """One tabular column: its key, its Vietnamese and English headers."""

    key: str
    vi: str
    en: str

    def header(self, columns: Columns) -> str:
        return self.vi if columns == "vi" else self.en


TABLE_COLUMNS: tuple[Column, ...] = (
    Column("row", "STT", "row"),
    Column("number", "Số ký hiệu", "number"),
    Column("issued", "Ngày ban hành", "issued"),
    Column("title", "Trích yếu", "title"),
    Column("clause", "Điều khoản", "clause"),
    Column("task", "Nội dung nhiệm vụ", "task"),
    Column("lead", "Cơ quan chủ trì", "lead"),
    Column("coordinating", "Cơ quan phối hợp", "coordinating"),
    Column("product", "Sản phẩm", "product"),
    Column("due", "Thời hạn", "due"),
    Column("recurrence", "Định kỳ", "recurrence"),
    Column("page", "Trang", "page"),
    Column("id", "Mã nhiệm vụ", "id"),
)
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in TABLE_COLUMNS)
DATE_COLUMNS = frozenset({"issued", "due"})

RECURRENCE_VI: dict[Recurrence, str] = {
    Recurrence.daily: "hằng ngày",
    Recurrence.weekly: "hằng tuần",
    Recurrence.monthly: "hằng tháng",
    Recurrence.quarterly: "hằng quý",
    Recurrence.yearly: "hằng năm",
    Recurrence.regular: "thường xuyên",
}

# File-name extension -> (format, delimiter for CSV); `format_for_path` reads it.
EXTENSIONS: dict[str, tuple[TableFormat, str | None]] = {
    ".json": (TableFormat.json, None),
    ".jsonl": (TableFormat.jsonl, None),
    ".ndjson": (TableFormat.jsonl, None),
    ".csv": (TableFormat.csv, None),
    ".tsv": (TableFormat.csv, "\t"),
    ".xlsx": (TableFormat.xlsx, None),
}


def headers(columns: Columns = "vi") -> list[str]:
    """The column headers, in order, in Vietnamese (`"vi"`) or English (`"en"`)."""
    _check_columns(columns)
    return [c.header(columns) for c in TABLE_COLUMNS]


def format_date(value: date | None, columns: Columns = "vi") -> str:
    """`date(2025, 11, 6)` -> "06/11/2025" (vi) or "2025-11-06" (en); None -> ""."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if columns == "vi" else value.isoformat()


def assignment_values(directive: Directive, assignment: Assignment, row: int, columns: Columns = "vi") -> dict[str, Any]:
    """One assignment as typed values keyed by `COLUMN_KEYS`: dates stay `date`s, the page an int,
    missing values None. Text is not yet made spreadsheet-safe (`table_rows` and the writers do that)."""
    deadline = assignment.deadline
    recurrence = assignment.recurrence or (deadline.recurrence if deadline else None)
    due: date | str | None = None
    if deadline is not None:
        due = deadline.due if deadline.due is not None else (deadline.text or None)
    return {
        "row": row,
        "number": directive.number,
        "issued": directive.issued,
        "title": directive.title,
        "clause": assignment.clause,
        "task": assignment.task,
        "lead": LIST_SEPARATOR.join(b.name for b in assignment.lead) or None,
        "coordinating": LIST_SEPARATOR.join(b.name for b in assignment.coordinating) or None,
        "product": assignment.product,
        "due": due,
        "recurrence": (RECURRENCE_VI[recurrence] if columns == "vi" else recurrence.value) if recurrence else None,
        "page": assignment.span.page,
        "id": assignment.id,
    }


def typed_rows(directives: Iterable[Directive], columns: Columns = "vi", *, start: int = 1) -> list[dict[str, Any]]:
    """`assignment_values` for every assignment of every directive, numbered from `start`."""
    rows: list[dict[str, Any]] = []
    for directive in directives:
        for assignment in directive.assignments:
            rows.append(assignment_values(directive, assignment, start + len(rows), columns))
    return rows


def cell_text(key: str, value: Any, columns: Columns = "vi") -> str:
    """A typed value as the text a CSV or a terminal shows: dates formatted, None empty, made inert."""
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value, columns)
    return safe_cell(str(value))


def table_rows(directives: Iterable[Directive], columns: Columns = "vi") -> list[dict[str, str]]:
    """Rows of text keyed by header (`headers(columns)`), in column order: what the CSV holds.

    >>> table_rows([d])[0]["Cơ quan chủ trì"]  # doctest: +SKIP
    'Bộ Công an; Bộ Nội vụ'
    """
    _check_columns(columns)
    return [
        {c.header(columns): cell_text(c.key, row[c.key], columns) for c in TABLE_COLUMNS}
        for row in typed_rows(directives, columns)
    ]


def format_for_path(path: str | os.PathLike) -> tuple[TableFormat, str | None]:
    """The format (and, for .tsv, the delimiter) a file name's extension asks for.

    Raises:
        OptionError: the extension is not one of `EXTENSIONS`.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        known = ", ".join(EXTENSIONS)
        raise OptionError(
            f"cannot tell the output format from the extension {suffix or '(none)'!r}; "
            f"use one of {known} or give the format explicitly"
        )
    return EXTENSIONS[suffix]


def write_table(
    directives: Iterable[Directive],
    target: str | os.PathLike | IO[bytes] | IO[str],
    fmt: TableFormat | str | None = None,
    *,
    columns: Columns = "vi",
    delimiter: str = ",",
    sheet_per_document: bool = True,
) -> int:
    """Write directives as JSON, JSONL, CSV or .xlsx to a file or an open file object.

    Args:
        directives: The parsed directives; tabular formats get one row per assignment.
        target: A path (written to a temporary file beside it, then renamed into place), or an open
            binary file (e.g. `sys.stdout.buffer`), or an open text file for the text formats.
        fmt: "json" | "jsonl" | "csv" | "xlsx"; None takes it from the path's extension
            (`format_for_path`: .json, .jsonl/.ndjson, .csv, .tsv, .xlsx).
        columns: Header language of the tabular formats: "vi" (STT, Số ký hiệu … dates dd/mm/yyyy)
            or "en" (row, number … ISO dates).
        delimiter: CSV field separator, one character: "," (default), ";" or "\\t".
        sheet_per_document: .xlsx only: one sheet per directive when several go in (default), or
            every row on one sheet.

    Returns:
        The number of records written: assignment rows for CSV/.xlsx, directives for JSON/JSONL.

    Raises:
        OptionError: unknown format, columns or delimiter.
        ExportError: the file could not be written (the message names it).
        MissingDependencyError: .xlsx asked for and openpyxl is not installed.

    >>> write_table([doc], "tasks.xlsx")  # doctest: +SKIP
    15
    """
    docs = list(directives)
    _check_columns(columns)
    if fmt is None:
        if not isinstance(target, str | os.PathLike):
            raise OptionError("write_table needs fmt= when writing to an open file")
        fmt, ext_delimiter = format_for_path(target)
        if ext_delimiter is not None and delimiter == ",":
            delimiter = ext_delimiter
    try:
        fmt = TableFormat(fmt)
    except ValueError:
        raise OptionError(f"format {fmt!r} is not one of: {', '.join(f.value for f in TableFormat)}") from None
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise OptionError(f"delimiter {delimiter!r} must be one character other than a quote or a line break")
    if fmt is TableFormat.xlsx:
        from directive_parser.export.xlsx import workbook_bytes  # openpyxl is imported only for .xlsx

        payload = workbook_bytes(docs, columns=columns, sheet_per_document=sheet_per_document)
        count = sum(len(d.assignments) for d in docs)
        _write(target, payload, binary=True)
        return count
    text, count = _render_text(docs, fmt, columns, delimiter)
    _write(target, text, binary=False)
    return count


def to_dataframe(directives: Iterable[Directive]) -> pd.DataFrame:
    """All assignments of all directives in one pandas DataFrame (`Directive.assignments_frame`).

    Needs pandas: `pip install 'directive-parser[pandas]'` (`MissingDependencyError` otherwise).

    >>> to_dataframe(docs).groupby("lead").size()  # doctest: +SKIP
    """
    docs = list(directives)
    frames = [d.assignments_frame() for d in docs]
    if not frames:
        from directive_parser.models import Source

        return Directive(source=Source(sha256="", media_type="text/plain")).assignments_frame()
    if len(frames) == 1:
        return frames[0]
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


def _render_text(docs: Sequence[Directive], fmt: TableFormat, columns: Columns, delimiter: str) -> tuple[str, int]:
    if fmt is TableFormat.json:
        if len(docs) == 1:
            return docs[0].model_dump_json(indent=2) + "\n", 1
        return json.dumps([d.model_dump(mode="json") for d in docs], ensure_ascii=False, indent=2) + "\n", len(docs)
    if fmt is TableFormat.jsonl:
        return "".join(d.model_dump_json() + "\n" for d in docs), len(docs)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers(columns))
    rows = table_rows(docs, columns)
    writer.writerows(list(r.values()) for r in rows)
    return "\ufeff" + buf.getvalue(), len(rows)


def _write(target: str | os.PathLike | IO[bytes] | IO[str], payload: str | bytes, *, binary: bool) -> None:
    if isinstance(target, str | os.PathLike):
        _write_file(Path(target), payload)
        return
    name = getattr(target, "name", None)
    try:
        if isinstance(target, io.TextIOBase):
            if binary:
                raise ExportError("an .xlsx workbook needs a binary file (open it with 'wb')", name)
            target.write(str(payload))
        else:
            target.write(payload if isinstance(payload, bytes) else payload.encode("utf-8"))  # type: ignore[arg-type]
        target.flush()
    except OSError as e:
        raise ExportError(f"cannot write output ({e.strerror or e})", name) from e


def _write_file(path: Path, payload: str | bytes) -> None:
    data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
    if path.is_dir():
        raise ExportError("cannot write output (it is a folder); give a file name", path)
    tmp = path.parent / f".{path.name}.tmp"
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        hint = "; create the folder first" if not path.parent.is_dir() else ""
        raise ExportError(f"cannot write output ({e.strerror or e}){hint}", path) from e


def _check_columns(columns: str) -> None:
    if columns not in ("vi", "en"):
        raise OptionError(f"columns={columns!r} is not one of: vi, en")


__all__ = [
    "COLUMN_KEYS",
    "CSV_ENCODING",
    "DATE_COLUMNS",
    "EXTENSIONS",
    "TABLE_COLUMNS",
    "Column",
    "Columns",
    "TableFormat",
    "assignment_values",
    "cell_text",
    "format_date",
    "format_for_path",
    "headers",
    "table_rows",
    "to_dataframe",
    "typed_rows",
    "write_table",
]
