"""What a batch passes around: a `Job` for a worker, a `BatchResult` back, and their statuses."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from directive_parser.models import Directive


class BatchStatus(StrEnum):
    ok = "ok"  # parsed without warnings
    partial = "partial"  # parsed, with warnings on the Directive
    failed = "failed"  # an exception: error_type names its class
    timeout = "timeout"  # ran longer than the per-document limit
    skipped = "skipped"  # already done by an earlier run, or same content as another input


# A timeout is not final: a resumed run with a longer limit tries the document again.
FINAL_STATUSES = frozenset({BatchStatus.ok, BatchStatus.partial, BatchStatus.failed})


class BatchResult(BaseModel):
    """The outcome of one document in a batch."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    sha256: str = Field(description="Hash of the file's bytes ('' if it could not be read)")
    status: BatchStatus
    error_type: str | None = Field(default=None, description="Exception class name for failed/timeout")
    message: str | None = None
    directive: Directive | None = None
    pages: int = 0
    seconds: float = 0.0
    parser_version: str
    worker: str | None = Field(default=None, description="Worker process id or dask worker address")
    peak_rss_mb: float | None = Field(default=None, description="Peak RSS of the worker process so far")


@dataclass(frozen=True)
class Job:
    """One document to parse, as sent to a worker (must pickle)."""

    path: str
    sha256: str
    parser_version: str
    issued: date | None = None
    ocr: str = "auto"
    timeout: float | None = None
    suspect: bool = False  # was running when a worker died: re-run alone


def make_result(
    job: Job, status: BatchStatus, started: float | None = None, *, seconds: float | None = None, **fields
) -> BatchResult:
    """A `BatchResult` for `job`, timed from `started` (a `time.perf_counter()` value)."""
    if seconds is None:
        seconds = round(time.perf_counter() - started, 3) if started is not None else 0.0
    return BatchResult(
        path=job.path, sha256=job.sha256, status=status, parser_version=job.parser_version, seconds=seconds, **fields
    )
