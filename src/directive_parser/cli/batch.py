"""Typer commands `batch` (parse an archive) and `tracker` (query the task database).

Kept thin: options -> `batch.run_batch` / `tracker.Tracker` -> output. `register(app)` adds both
commands to the main app.
"""
from __future__ import annotations

import csv
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from directive_parser.batch.runner import BatchResult, BatchStatus, BatchSummary, iter_inputs, run_batch
from directive_parser.errors import DirectiveParserError, FileUnreadableError
from directive_parser.export.tracker import TrackedAssignment, Tracker

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
INTERRUPTED = 130  # shell convention for SIGINT
TRACKER_COLUMNS = ("id", "document_number", "clause", "due", "status", "lead", "coordinating", "deadline_text", "task")


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class OcrChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _exit(code: int) -> SystemExit:
    # SystemExit, not typer.Exit: click swallows typer.Exit's code when run with
    # standalone_mode=False (as cli.main does), and SystemExit passes through both ways.
    return SystemExit(int(code))


def _fail(error: DirectiveParserError) -> SystemExit:
    Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False)
    return _exit(error.exit_code)


class _BatchProgress:
    """Rich progress bar: documents, pages, failures and rate. Silent when stderr is not a TTY."""

    def __init__(self, total: int):
        self.pages = self.failures = 0
        self._progress = Progress(
            TextColumn("[bold]parsing"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
            TextColumn("{task.fields[pages]} pages"), TextColumn("[red]{task.fields[failures]} failed"),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
            console=Console(stderr=True), disable=not sys.stderr.isatty(),
        )
        self._task = self._progress.add_task("batch", total=total, pages=0, failures=0, rate="")

    def __enter__(self) -> _BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.stop()

    def update(self, result: BatchResult) -> None:
        self.pages += result.pages
        self.failures += result.status in (BatchStatus.failed, BatchStatus.timeout)
        elapsed = self._progress.tasks[0].elapsed or 0.0
        done = self._progress.tasks[0].completed + 1
        rate = f"{done / elapsed:.2f} doc/s" if elapsed > 0 else ""
        self._progress.update(self._task, advance=1, pages=self.pages, failures=self.failures, rate=rate)


def _print_summary(summary: BatchSummary, out: Path) -> None:
    counts = ", ".join(f"{status.value} {summary.counts[status]}" for status in BatchStatus if summary.counts[status])
    Console(stderr=True).print(f"{counts or 'no documents'}; {summary.pages} pages -> {out}", highlight=False)


def batch(
    inputs: Annotated[list[Path], typer.Argument(help="PDF/text files and folders to parse")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = Path("out"),
    db: Annotated[Path | None, typer.Option(help="Also import into this SQLite tracker")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes (default: CPU count)")] = None,
    engine: Annotated[Engine, typer.Option(help="local process pool or dask")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (default: local cluster)")] = None,
    timeout: Annotated[float | None, typer.Option(min=0.1, help="Seconds allowed per document")] = None,
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Skip documents already done")] = False,
    glob: Annotated[str, typer.Option(help="Pattern(s) for folders, comma-separated: '*.pdf,*.txt'")] = "*.pdf",
    issued: Annotated[datetime | None, typer.Option(formats=DATE_FORMATS, help="Issue date to assume")] = None,
    ocr: Annotated[OcrChoice, typer.Option(help="OCR pages: auto | always | never")] = OcrChoice.auto,
) -> None:
    """Parse every directive in INPUTS; write JSONL, CSV (and a tracker DB) under --out."""
    total = sum(1 for _ in iter_inputs(inputs, glob))
    try:
        with _BatchProgress(total) as progress:
            summary = run_batch(
                inputs, out, db=db, resume=resume, on_result=progress.update, workers=workers,
                engine=engine.value, scheduler=scheduler, timeout=timeout, glob=glob, issued=_day(issued), ocr=ocr.value,
            )
    except DirectiveParserError as e:
        raise _fail(e) from e
    except KeyboardInterrupt:
        Console(stderr=True).print(f"interrupted: finished documents are in {out}; rerun with --resume", highlight=False)
        raise _exit(INTERRUPTED) from None
    _print_summary(summary, out)
    raise _exit(summary.exit_code)


def _print_rows(rows: list[TrackedAssignment], output_format: OutputFormat) -> None:
    values = [[_cell(row, column) for column in TRACKER_COLUMNS] for row in rows]
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(TRACKER_COLUMNS)
        writer.writerows(values)
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
        raise _fail(FileUnreadableError("no such tracker database", db))
    try:
        with Tracker(db) as t:
            rows = t.query(
                due_before=_day(due_before),
                overdue_as_of=(_day(as_of) or date.today()) if overdue else None,
                body=body,
            )
    except DirectiveParserError as e:
        raise _fail(e) from e
    _print_rows(rows, output_format)


def register(app: typer.Typer) -> None:
    """Add the `batch` and `tracker` commands to the main Typer app."""
    app.command("batch")(batch)
    app.command("tracker")(tracker)
