"""Batch outputs written as each document finishes: JSONL, status lines, CSV and the SQLite tracker."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Self, TextIO

from directive_parser.batch.jobs import BatchResult, BatchStatus
from directive_parser.errors import DatabaseBusyError, ExportError
from directive_parser.export.serialize import append_csv, latest_directives, write_csv
from directive_parser.export.tracker import Tracker

logger = logging.getLogger(__name__)


class BatchWriter:
    """Writes each finished document of a batch as it arrives, flushing after every document.

    Under `out_dir`: `directives.jsonl` (one `Directive` per line), `status.jsonl` (one
    `BatchResult` per line, without the directive) and `assignments.csv` (appended per document,
    rebuilt on close with one copy of each document). With `db`, every directive is also
    imported into a `Tracker`, and every status recorded there for resume. Files are opened for
    appending: earlier runs' lines are kept.

    Order per document, so a kill at any moment loses nothing: the tracker import and its result
    (one transaction), then the directive line, then the status line, each fsync'd. The status line
    is the commit mark: a document without one is parsed again on `--resume`, and re-importing or
    re-appending it is harmless (the tracker updates in place; readers take the last line per
    sha256). A tracker locked by another program past the busy wait fails that document only
    (`DatabaseBusyError`, retried on resume).
    """

    DIRECTIVES = "directives.jsonl"
    STATUS = "status.jsonl"
    CSV = "assignments.csv"

    def __init__(
        self,
        out_dir: str | Path,
        *,
        db: str | Path | None = None,
        parser_version: str | None = None,
        db_busy_timeout: float | None = None,
    ):
        self.out_dir = Path(out_dir)
        self.db = Path(db) if db is not None else None
        self.db_busy_timeout = db_busy_timeout
        self.parser_version = parser_version
        self.run_id: str = ""
        self._files: dict[str, TextIO] = {}
        self._tracker: Tracker | None = None

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(rebuild_csv=exc_type is None)

    def open(self) -> None:
        """Create the folder and open the outputs. Raises `ExportError` naming the file."""
        for name in (self.DIRECTIVES, self.STATUS):
            path = self.out_dir / name
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                trim_torn_tail(path)
                self._files[name] = path.open("a", encoding="utf-8")
            except OSError as e:
                raise ExportError(f"cannot open for writing: {e.strerror or e}", path) from e
        if self.db is not None:
            self._tracker = (
                Tracker(self.db) if self.db_busy_timeout is None else Tracker(self.db, busy_timeout=self.db_busy_timeout)
            )
            self._tracker.open()
            self.run_id = self._tracker.begin_run(self.parser_version)

    def write(self, result: BatchResult) -> BatchResult:
        """Write one result and return it as written (a tracker failure turns it into `failed`).

        Skipped results are not written (their earlier line stands).
        """
        if str(result.status) == "skipped":
            return result
        recorded = False
        if result.directive is not None and self._tracker is not None:
            try:
                diff = self._tracker.import_directive(result.directive, self.run_id, result=result)
                recorded = True
            except DatabaseBusyError as e:
                result = result.model_copy(
                    update={
                        "status": BatchStatus.failed,
                        "directive": None,
                        "error_type": DatabaseBusyError.__name__,
                        "message": f"not imported into the tracker: {e.cause}",
                    }
                )
            else:
                for warning in diff.warnings:
                    logger.warning("%s: %s", self.db, warning)
                    message = f"{result.message}; {warning}" if result.message else warning
                    result = result.model_copy(update={"message": message})
        if result.directive is not None:
            self._append(self.DIRECTIVES, result.directive.model_dump_json())
            append_csv([result.directive], self.out_dir / self.CSV)
        if self._tracker is not None and not recorded:
            try:
                self._tracker.record_result(result, self.run_id)
            except DatabaseBusyError as e:
                logger.warning("%s", e)  # the status line below still records it; resume retries it
        self._append(self.STATUS, result.model_dump_json(exclude={"directive"}))
        return result

    def _append(self, name: str, line: str) -> None:
        fp = self._files[name]
        try:
            fp.write(line + "\n")
            fp.flush()
            os.fsync(fp.fileno())  # on disk before the next document: a crash loses at most this line
        except OSError as e:
            raise ExportError(f"cannot write: {e.strerror or e}", self.out_dir / name) from e

    def close(self, rebuild_csv: bool = True) -> None:
        """Close the files; rebuild the CSV with the latest copy of each document."""
        for fp in self._files.values():
            fp.close()
        self._files.clear()
        directives = self.out_dir / self.DIRECTIVES
        if rebuild_csv and directives.exists():
            write_csv(latest_directives(directives), self.out_dir / self.CSV)
        if self._tracker is not None:
            try:
                self._tracker.finish_run(self.run_id)
            except DatabaseBusyError as e:
                logger.warning("%s", e)  # only the run's end time is lost
            self._tracker.close()
            self._tracker = None


def trim_torn_tail(path: Path) -> None:
    """Cut a last line that a crash left without its newline, so the next line is not glued to it.

    The document of the torn line has no readable output, so `load_done` does not count it as done
    and the next `--resume` parses it again.
    """
    if not path.is_file():
        return
    with path.open("rb+") as fp:
        size = fp.seek(0, os.SEEK_END)
        if size == 0:
            return
        fp.seek(size - 1)
        if fp.read(1) == b"\n":
            return
        # find the last newline, reading backwards in blocks
        pos = size
        keep = 0
        while pos > 0:
            step = min(65536, pos)
            pos -= step
            fp.seek(pos)
            block = fp.read(step)
            k = block.rfind(b"\n")
            if k >= 0:
                keep = pos + k + 1
                break
        fp.truncate(keep)
