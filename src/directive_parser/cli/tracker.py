"""Typer command `tracker`: query the SQLite task database that `batch --db` writes."""
from __future__ import annotations

import csv
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from directive_parser.cli.common import DATE_FORMATS, day, fail
from directive_parser.errors import DirectiveParserError, FileUnreadableError
from directive_parser.export.serialize import safe_cell
from directive_parser.export.tracker import TrackedAssignment, Tracker

TRACKER_COLUMNS = ("id", "document_number", "clause", "due", "status", "lead", "coordinating", "deadline_text", "task")


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"


def _print_rows(rows: list[TrackedAssignment], output_format: OutputFormat) -> None:
    values = [[_cell(row, column) for column in TRACKER_COLUMNS] for row in rows]
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(TRACKER_COLUMNS)
        writer.writerows([[safe_cell(v) for v in line] for line in values])
        return
    table = Table(*TRACKER_COLUMNS, title=f"{len(rows)} assignment(s)")
    for line in values:
        table.add_row(*line)
    Console().print(table)


def _cell(row: TrackedAssignment, column: str) -> str:
    value = getattr(row, column)
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def tracker(
    db: Annotated[Path, typer.Argument(help="SQLite tracker written by `batch --db`")],
    due_before: Annotated[datetime | None, typer.Option(formats=DATE_FORMATS, help="Due on or before")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Open tasks past their due date")] = False,
    as_of: Annotated[datetime | None, typer.Option(formats=DATE_FORMATS, help="Date for --overdue (today)")] = None,
    body: Annotated[str | None, typer.Option(help="Lead or coordinating body, accents optional")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="table or csv")] = OutputFormat.table,
) -> None:
    """List tracked assignments, filtered by due date, overdue state and body."""
    if not db.is_file():
        raise fail(FileUnreadableError("no such tracker database", db))
    try:
        with Tracker(db) as t:
            rows = t.query(
                due_before=day(due_before),
                overdue_as_of=(day(as_of) or date.today()) if overdue else None,
                body=body,
            )
    except DirectiveParserError as e:
        raise fail(e) from e
    _print_rows(rows, output_format)


def register(app: typer.Typer) -> None:
    """Add the `tracker` command to the main Typer app."""
    app.command("tracker")(tracker)
