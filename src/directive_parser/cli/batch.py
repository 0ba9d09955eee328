"""Typer command `batch`: parse an archive, writing each document's outputs as it finishes.

Kept thin: options -> `batch.run_batch` -> progress and summary.
"""
from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from directive_parser.batch import BatchResult, BatchStatus, BatchSummary, iter_inputs, run_batch
from directive_parser.batch.runner import DEFAULT_GLOB
from directive_parser.cli.common import DATE_FORMATS, INTERRUPTED, day, escape_name, exit_with, fail
from directive_parser.errors import DirectiveParserError, ExitCode
from directive_parser.options import OcrMode


class Engine(StrEnum):
    local = "local"
    dask = "dask"


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
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="With --resume, parse failed documents again")] = False,
    glob: Annotated[str, typer.Option(help="File-name pattern(s) for folders, comma-separated")] = DEFAULT_GLOB,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Follow links out of the input folders")] = False,
    issued: Annotated[datetime | None, typer.Option(formats=DATE_FORMATS, help="Issue date to assume")] = None,
    ocr: Annotated[OcrMode, typer.Option(help="OCR pages: auto | always | never")] = OcrMode.auto,
) -> None:
    """Parse every directive in INPUTS; write JSONL, CSV (and a tracker DB) under --out."""
    try:
        total = sum(1 for _ in iter_inputs(inputs, glob, follow_links=follow_links))
    except DirectiveParserError as e:
        raise fail(e) from e
    if total == 0:
        shown = ", ".join(escape_name(str(p)) for p in inputs)
        Console(stderr=True).print(f"no input files: nothing in {shown} matches --glob {glob!r}", highlight=False)
        raise exit_with(ExitCode.input_file)
    try:
        with _BatchProgress(total) as progress:
            summary = run_batch(
                inputs, out, db=db, resume=resume, on_result=progress.update, workers=workers,
                engine=engine.value, scheduler=scheduler, timeout=timeout, glob=glob, issued=day(issued), ocr=ocr.value,
                retry_failed=retry_failed, follow_links=follow_links,
            )
    except DirectiveParserError as e:
        raise fail(e) from e
    except KeyboardInterrupt:
        Console(stderr=True).print(f"interrupted: finished documents are in {out}; rerun with --resume", highlight=False)
        raise exit_with(INTERRUPTED) from None
    _print_summary(summary, out)
    raise exit_with(summary.exit_code)


def register(app: typer.Typer) -> None:
    """Add the `batch` command to the main Typer app."""
    app.command("batch")(batch)
