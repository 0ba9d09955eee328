"""Typer command `batch`: parse an archive, writing each document's outputs as it finishes.

Kept thin: options -> `batch.run_batch` -> progress and summary.
"""

from __future__ import annotations

import sys
import threading
import time
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from directive_parser.batch import BatchResult, BatchStatus, BatchSummary, iter_inputs, run_batch
from directive_parser.batch.lifecycle import DEFAULT_MAX_MEMORY_MB
from directive_parser.batch.runner import DEFAULT_GLOB
from directive_parser.cli.common import DATE_FORMATS, INTERRUPTED, day, escape_name, exit_with, fail
from directive_parser.errors import DirectiveParserError, ExitCode
from directive_parser.options import OcrMode


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class _BatchProgress:
    """Rich progress on stderr: documents and pages done, failures, pages/s and an ETA.

    Pages count as they are OCR'd: local workers relay each page of a scan (`on_pages`), so a
    batch of long scans moves before its first document ends.

    The ETA is by bytes, not by documents: the plan starts the largest files first (scans), so a
    count of documents would promise the end too early. Silent when stderr is not a TTY.
    """

    def __init__(self, sizes: dict[str, int]):
        self.pages = self.failures = 0
        self._sizes = sizes
        self._total_bytes = max(1, sum(sizes.values()))
        self._done_bytes = 0
        self._in_flight: dict[str, int] = {}  # worker pid -> pages OCR'd of its current document
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._progress = Progress(
            TextColumn("[bold]parsing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("docs"),
            TextColumn("{task.fields[pages]} pages"),
            TextColumn("[red]{task.fields[failures]} failed"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[eta]}"),
            console=Console(stderr=True),
            disable=not sys.stderr.isatty(),
        )
        self._task = self._progress.add_task("batch", total=len(sizes), pages=0, failures=0, rate="", eta="")

    @property
    def enabled(self) -> bool:
        return not self._progress.disable

    def __enter__(self) -> _BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.stop()

    def update(self, result: BatchResult) -> None:
        """A document finished: count it, its pages, and its bytes for the ETA."""
        with self._lock:
            self._in_flight.pop(result.worker or "", None)
            self.pages += result.pages
            self.failures += result.status in (BatchStatus.failed, BatchStatus.timeout)
            self._done_bytes += self._sizes.get(result.path, 0)
        self._refresh(advance=1)

    def on_pages(self, worker: str, done: int, total: int) -> None:
        """A worker OCR'd another page of the document it is on (called from the relay thread)."""
        with self._lock:
            self._in_flight[worker] = done
        self._refresh(advance=0)

    def pages_done(self) -> int:
        """Pages of finished documents plus the pages OCR'd so far of those still running."""
        return self.pages + sum(self._in_flight.values())

    def _refresh(self, advance: int) -> None:
        rates = self.rates()
        self._progress.update(
            self._task, advance=advance, pages=self.pages_done(), failures=self.failures, rate=rates["rate"], eta=rates["eta"]
        )

    def rates(self) -> dict[str, str]:
        elapsed = time.monotonic() - self._started
        pages = self.pages_done()
        rate = f"{pages / elapsed:.1f} pages/s" if pages and elapsed > 0 else ""
        if elapsed <= 0 or not self._done_bytes:
            return {"rate": rate, "eta": ""}
        left = elapsed * (self._total_bytes - self._done_bytes) / self._done_bytes
        return {"rate": rate, "eta": f"ETA {int(left // 60)}:{int(left % 60):02d}" if left >= 1 else ""}


def _sizes(paths: list[Path]) -> dict[str, int]:
    sizes = {}
    for p in paths:
        try:
            sizes[str(p)] = p.stat().st_size
        except OSError:
            sizes[str(p)] = 0
    return sizes


def _print_summary(summary: BatchSummary, out: Path) -> None:
    console = Console(stderr=True)
    counts = ", ".join(f"{status.value} {summary.counts[status]}" for status in BatchStatus if summary.counts[status])
    console.print(f"{counts or 'no documents'}; {summary.pages} pages -> {out}", highlight=False)
    if summary.failed:
        console.print(f"{len(summary.failed)} file(s) not parsed:", highlight=False)
        for r in summary.failed:
            console.print(
                f"  {escape_name(r.path)}: {r.error_type}: {escape_name(r.message or '')}", highlight=False, markup=False
            )


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
    max_memory_mb: Annotated[
        int, typer.Option(min=0, help="Memory cap per worker process, MB (0: none)")
    ] = DEFAULT_MAX_MEMORY_MB,
) -> None:
    """Parse every directive in INPUTS; write JSONL, CSV (and a tracker DB) under --out."""
    try:
        files = list(iter_inputs(inputs, glob, follow_links=follow_links))
    except DirectiveParserError as e:
        raise fail(e) from e
    if not files:
        shown = ", ".join(escape_name(str(p)) for p in inputs)
        Console(stderr=True).print(f"no input files: nothing in {shown} matches --glob {glob!r}", highlight=False)
        raise exit_with(ExitCode.input_file)
    try:
        with _BatchProgress(_sizes(files)) as progress:
            summary = run_batch(
                inputs,
                out,
                db=db,
                resume=resume,
                on_result=progress.update,
                workers=workers,
                engine=engine.value,
                scheduler=scheduler,
                timeout=timeout,
                glob=glob,
                issued=day(issued),
                ocr=ocr.value,
                retry_failed=retry_failed,
                follow_links=follow_links,
                max_memory_mb=max_memory_mb or None,
                on_pages=progress.on_pages if progress.enabled else None,
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
