"""Directive -> JSON, JSONL and a CSV of assignments (one row per task, Excel-ready); batch output.

JSON is the `Directive` model dumped as-is, so `Directive.model_validate_json(to_json(d)) == d`.
The CSV flattens each `Assignment` into `CSV_COLUMNS`, in that order; bodies are joined with
"; " and dates are ISO. CSV files are written UTF-8 with a byte-order mark, which Excel needs to
read Vietnamese diacritics correctly. Every failure to write a file is an `ExportError` naming it.

This is batch's machine layout (15 English columns, ISO dates) and the JSONL helpers. The writer
for people — JSON, JSONL, CSV and .xlsx with the tracker's Vietnamese columns, used by `parse` —
is `export.tabular.write_table`.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from directive_parser.errors import ExportError
from directive_parser.models import FLAT_COLUMNS, Directive, flat_assignments

CSV_COLUMNS: tuple[str, ...] = FLAT_COLUMNS
# Excel only detects UTF-8 when the file starts with a BOM; "utf-8-sig" writes it once, and
# TextIOWrapper suppresses it again when appending to a non-empty file.
CSV_ENCODING = "utf-8-sig"


def to_json(directive: Directive, *, indent: int | None = 2) -> str:
    """Serialise one directive to JSON (the pydantic schema, dates as ISO strings).

    Args:
        directive: The parsed directive.
        indent: Spaces per level; None gives one line.

    Returns:
        The JSON text; `Directive.model_validate_json` reads it back to an equal object.

    >>> to_json(d, indent=None)[:26]  # doctest: +SKIP
    '{"number":"33/CT-TTg","do'
    """
    return directive.model_dump_json(indent=indent)


def write_jsonl(directives: Iterable[Directive], fp: TextIO) -> int:
    """Write one directive per line to an open text file, flushing after each line.

    Args:
        directives: Directives to write.
        fp: A text file opened for writing (UTF-8).

    Returns:
        The number of lines written.

    Raises:
        ExportError: The file could not be written.
    """
    count = 0
    try:
        for directive in directives:
            fp.write(directive.model_dump_json() + "\n")
            fp.flush()
            count += 1
    except OSError as e:
        raise ExportError(f"cannot write JSONL: {e.strerror or e}", getattr(fp, "name", None)) from e
    return count


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    return safe_cell(value.isoformat() if isinstance(value, date) else str(value))


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(…)" in a task
# text taken from a hostile file): OWASP's rule is to prefix such a cell with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """`value` made inert for spreadsheets: "=1+1" -> "'=1+1"; other values unchanged.

    >>> safe_cell("=cmd|' /C calc'!A0"), safe_cell("Bộ Công an")
    ("'=cmd|' /C calc'!A0", 'Bộ Công an')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def assignments_csv_rows(directive: Directive) -> list[dict[str, str]]:
    """Flatten a directive's assignments into CSV rows keyed (and ordered) by `CSV_COLUMNS`.

    Missing values are empty strings, so every row has every column.

    >>> assignments_csv_rows(d)[0]["lead"]  # doctest: +SKIP
    'Bộ Công an; Bộ Nội vụ'
    """
    return [{column: _csv_cell(row[column]) for column in CSV_COLUMNS} for row in flat_assignments(directive)]


def _write_rows(directives: Iterable[Directive], fp: TextIO, header: bool) -> int:
    writer = csv.DictWriter(fp, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    if header:
        writer.writeheader()
    count = 0
    for directive in directives:
        rows = assignments_csv_rows(directive)
        writer.writerows(rows)
        count += len(rows)
    fp.flush()
    return count


def write_csv(directives: Iterable[Directive], path: str | Path) -> int:
    """Write the assignments of all directives to a new CSV file (UTF-8 with BOM, CRLF).

    The file is written next to its destination and renamed into place, so a reader never sees
    half a file.

    Args:
        directives: Directives whose assignments become rows.
        path: Destination file; replaced if it exists.

    Returns:
        The number of assignment rows written.

    Raises:
        ExportError: The file could not be written.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding=CSV_ENCODING, newline="") as fp:
            count = _write_rows(directives, fp, header=True)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write CSV: {e.strerror or e}", path) from e
    return count


def append_csv(directives: Iterable[Directive], path: str | Path) -> int:
    """Append the assignments of directives to a CSV, writing BOM and header if it is new.

    Raises:
        ExportError: The file could not be written.
    """
    path = Path(path)
    try:
        new = not path.exists() or path.stat().st_size == 0
        with path.open("a", encoding=CSV_ENCODING, newline="") as fp:
            return _write_rows(directives, fp, header=new)
    except OSError as e:
        raise ExportError(f"cannot write CSV: {e.strerror or e}", path) from e


def latest_directives(jsonl: str | Path) -> Iterator[Directive]:
    """Directives from a JSONL file, the last line per source sha256 winning, in file order.

    Lines that do not parse (cut short by a crash) are skipped.
    """
    offsets: dict[str, int] = {}
    with Path(jsonl).open("rb") as fp:
        for offset, line in _lines_with_offsets(fp):
            sha = _source_sha(line)
            if sha is not None:
                offsets[sha] = offset
        for offset in sorted(offsets.values()):
            fp.seek(offset)
            yield Directive.model_validate_json(fp.readline())


def _lines_with_offsets(fp) -> Iterator[tuple[int, bytes]]:
    offset = 0
    for line in fp:
        yield offset, line
        offset += len(line)


def _source_sha(line: bytes) -> str | None:
    try:
        return Directive.model_validate_json(line).source.sha256
    except ValidationError:
        return None
