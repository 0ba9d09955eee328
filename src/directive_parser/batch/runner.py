"""Many files -> a stream of `BatchResult`s: parse an archive in parallel, one bad file at a time.

`parse_many` walks folders, hashes each file, skips those a previous run already finished
(same sha256 and parser version), and runs `run_document` on a process pool (or on a dask
cluster). A document that raises becomes a `failed` result carrying the exception's class name;
one that runs past `timeout` becomes `timeout` and its worker is interrupted or, if it does not
answer, killed. A worker that dies (segfault, out of memory) makes the documents it was running
suspects; suspects are re-run alone, so only the file that kills a worker is reported as failed.

`run_batch` adds the output: directives JSONL, status JSONL, assignments CSV and an optional
SQLite tracker (see `batch.writer.BatchWriter`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import stat
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from directive_parser.batch.engines import ENGINES, schedule
from directive_parser.batch.inputs import DEFAULT_GLOB, iter_inputs, load_done
from directive_parser.batch.jobs import FINAL_STATUSES, BatchResult, BatchStatus, Job, make_result
from directive_parser.batch.lifecycle import DEFAULT_MAX_MEMORY_MB
from directive_parser.errors import (
    DirectiveParserError,
    ExitCode,
    FileUnreadableError,
    OptionError,
    ParseTimeoutError,
    WorkerCrashError,
)
from directive_parser.models import Directive

__all__ = [
    "FINAL_STATUSES",
    "BatchResult",
    "BatchStatus",
    "BatchSummary",
    "Job",
    "iter_inputs",
    "make_result",
    "parse_many",
    "parser_version",
    "run_batch",
    "run_document",
]

ParseFn = Callable[..., Directive]
FILE_CHUNK = 1 << 20
PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # src/directive_parser


@functools.cache
def parser_version() -> str:
    """Package version plus a digest of the package's code and data, recorded with every result.

    `--resume` skips a document only when this matches, so a changed rule or gazetteer reprocesses
    the archive even when the version number was not bumped.
    """
    try:
        base = version("directive-parser")
    except PackageNotFoundError:
        base = "0+unknown"
    digest = hashlib.sha256()
    package = PACKAGE_ROOT  # the whole package: the rules and the data files, not only the batch code
    for f in sorted(package.rglob("*")):
        if f.is_file() and f.suffix not in (".pyc",) and "__pycache__" not in f.parts:
            digest.update(f.relative_to(package).as_posix().encode())
            digest.update(f.read_bytes())
    return f"{base}+{digest.hexdigest()[:12]}"


def file_sha256(path: str | Path) -> str:
    """The file's sha256; OSError for what is not a regular file (a FIFO is opened without blocking)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as fp:
        if not stat.S_ISREG(os.fstat(fp.fileno()).st_mode):
            raise OSError(0, "not a regular file (a FIFO, device or socket)")
        digest = hashlib.sha256()
        while chunk := fp.read(FILE_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- the per-document worker (top level, so spawned processes can unpickle it) ------------


class _DeadlineExceeded(BaseException):
    """Raised inside a worker when its document runs out of time.

    A BaseException, so parser code that catches Exception to record a warning cannot swallow it.
    """


def _pipeline_parser() -> ParseFn:
    from directive_parser.pipeline import parse_directive  # lazy: heavy imports, and optional in tests

    # The batch is parallel across documents: one Tesseract process per worker, not CPU count.
    return partial(parse_directive, ocr_workers=1)


def _call_with_alarm(call: Callable[[], Directive], seconds: float) -> Directive:
    def on_alarm(signum, frame):
        raise _DeadlineExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Re-fire every second in case something swallowed the first interrupt.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _call_in_thread(call: Callable[[], Directive], seconds: float) -> Directive:
    outcome: list = []

    def target():
        try:
            outcome.append((True, call()))
        except BaseException as e:  # noqa: BLE001 - handed back to the calling thread
            outcome.append((False, e))

    thread = threading.Thread(target=target, daemon=True, name="directive-parser-document")
    thread.start()
    thread.join(seconds)
    if not outcome:
        raise _DeadlineExceeded  # the thread is abandoned; threads cannot be killed
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _call_with_deadline(call: Callable[[], Directive], seconds: float | None) -> Directive:
    if not seconds:
        return call()
    # SIGALRM only works in a main thread (process-pool workers); dask runs tasks in threads.
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return _call_with_alarm(call, seconds)
    return _call_in_thread(call, seconds)


def _peak_rss_mb() -> float | None:
    """This process's own peak resident memory, MiB.

    On Linux that is /proc's VmHWM: `ru_maxrss` survives exec, so a spawned worker would report
    its parent's size at the spawn (a batch that holds 300 results makes every worker "100 MB").
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_document(job: Job, parse_fn: ParseFn | None = None) -> BatchResult:
    """Parse one document and report the outcome; never raises for a bad document.

    Args:
        job: The document and its options.
        parse_fn: Called as `parse_fn(path, issued=..., ocr=...)`; defaults to
            `pipeline.parse_directive`. Must be a top-level function to reach worker processes.

    Returns:
        ok/partial with the directive, or failed/timeout with the error's class name and message.
    """
    started = time.perf_counter()
    try:
        fn = parse_fn or _pipeline_parser()  # imported outside the clock
        started = time.perf_counter()
        call = partial(fn, Path(job.path), issued=job.issued, ocr=job.ocr)
        directive = _call_with_deadline(call, job.timeout)
    except _DeadlineExceeded:
        fields: dict[str, Any]
        status, fields = (
            BatchStatus.timeout,
            {"error_type": ParseTimeoutError.__name__, "message": f"no result after {job.timeout:g} s"},
        )
    except MemoryError:
        # the worker's address-space cap (--max-memory-mb) stopped an allocation; the engine
        # replaces this worker, whose heap may be left fragmented
        status, fields = (
            BatchStatus.failed,
            {"error_type": WorkerCrashError.__name__, "message": "out of memory: the worker's memory limit was reached"},
        )
    except Exception as e:  # noqa: BLE001 - one bad file must never stop the batch
        message = e.cause if isinstance(e, DirectiveParserError) else (str(e) or repr(e))
        status, fields = BatchStatus.failed, {"error_type": type(e).__name__, "message": message}
    else:
        status = BatchStatus.partial if directive.warnings else BatchStatus.ok
        fields = {"directive": directive, "pages": len(directive.pages)}
        if directive.warnings:
            fields["message"] = f"{len(directive.warnings)} warning(s)"
    return make_result(job, status, started, worker=str(os.getpid()), peak_rss_mb=_peak_rss_mb(), **fields)


# --- planning: what to run ------------------------------------------------------------------


def plan_jobs(
    paths: Iterable[str | Path],
    *,
    glob: str,
    done: set[str],
    parser: str,
    issued: date | None,
    ocr: str,
    timeout: float | None,
    follow_links: bool = False,
) -> Iterator[Job | BatchResult]:
    """Jobs to run, interleaved with results for files that need no worker (skipped, unreadable).

    Largest files first, so the long documents (scans) start at once and no worker is left alone
    with one at the end. Something that is not a regular file (a FIFO, a device such as
    /dev/zero) is failed as `FileUnreadableError` without being opened.
    """
    sized: list[tuple[int, int, Path]] = []
    for order, path in enumerate(iter_inputs(paths, glob, follow_links=follow_links)):
        try:
            st = path.stat()
        except OSError:
            size = -1  # reported below, in its turn
        else:
            size = st.st_size if stat.S_ISREG(st.st_mode) else -1
        sized.append((-size, order, path))
    first_path: dict[str, str] = {}
    for _, _, path in sorted(sized):
        job = Job(path=str(path), sha256="", parser_version=parser, issued=issued, ocr=ocr, timeout=timeout)
        try:
            job = replace(job, sha256=file_sha256(path))
        except OSError as e:
            yield make_result(job, BatchStatus.failed, error_type=FileUnreadableError.__name__, message=e.strerror or str(e))
            continue
        if job.sha256 in done:
            yield make_result(job, BatchStatus.skipped, message="done by an earlier run")
        elif job.sha256 in first_path:
            yield make_result(job, BatchStatus.skipped, message=f"same content as {first_path[job.sha256]}")
        else:
            first_path[job.sha256] = job.path
            yield job


def parse_many(
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    timeout: float | None = None,
    resume_from: str | Path | Iterable[str | Path] | None = None,
    glob: str = DEFAULT_GLOB,
    follow_links: bool = False,
    issued: date | None = None,
    ocr: str = "auto",
    parse_fn: ParseFn | None = None,
    retry_failed: bool = False,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    on_pages: Callable[[str, int, int], None] | None = None,
) -> Iterator[BatchResult]:
    """Parse every input document in parallel, yielding one result per file as it finishes.

    Args:
        paths: Files and folders; folders are searched recursively with `glob`.
        workers: Worker processes (default: CPU count).
        engine: "local" (process pool) or "dask" (needs the `dask` extra).
        scheduler: Dask scheduler address; without it a LocalCluster is started.
        timeout: Seconds allowed per document; None for no limit.
        resume_from: Status JSONL files or tracker DBs; documents they record as finished with
            this parser version are yielded as `skipped`.
        glob: File pattern(s) for folders, comma-separated: "*.pdf,*.txt" (default: every type read).
        follow_links: Follow links that lead out of the given folders.
        issued: Issue date to assume when a document lacks one.
        ocr: Passed to the parser ("auto" …).
        parse_fn: Replaces `pipeline.parse_directive` (tests, experiments); top-level function.
        retry_failed: With `resume_from`, parse failed documents again too (transient failures —
            missing Tesseract, unreadable file, OCR error, timeout, crash — always are).
        max_memory_mb: Address-space cap of each local worker process, MiB (None or 0: none). A
            document that hits it fails as `WorkerCrashError`; the batch goes on.
        on_pages: Called in this process as `on_pages(worker, done, total)` while a local worker
            OCRs a document (`worker` is its pid, as in `BatchResult.worker`); for progress bars.

    Returns:
        An iterator of `BatchResult`, in completion order. Closing it stops the workers.

    Raises:
        MissingDependencyError: engine="dask" and dask.distributed is not installed.
        OptionError: Unknown engine.
    """
    if engine not in ENGINES:
        raise OptionError(f"engine={engine!r} is not one of: {', '.join(sorted(ENGINES))}")
    current = parser_version()
    if isinstance(resume_from, str | Path):
        resume_from = [resume_from]
    done = load_done(resume_from, current, retry_failed=retry_failed) if resume_from else set()
    plan = plan_jobs(
        paths, glob=glob, done=done, parser=current, issued=issued, ocr=ocr, timeout=timeout, follow_links=follow_links
    )
    worker_fn = partial(run_document, parse_fn=parse_fn)
    engine_cls: Any = ENGINES[engine]
    relay = _PageRelay(on_pages) if on_pages is not None and engine == "local" else None
    start = partial(
        engine_cls,
        workers=workers,
        scheduler=scheduler,
        worker_fn=worker_fn,
        max_memory_mb=max_memory_mb,
        warm=parse_fn is None,
        pages_queue=relay.queue if relay else None,
    )
    try:
        yield from schedule(plan, start, timeout)
    finally:
        if relay is not None:
            relay.close()


class _PageRelay:
    """Carries the workers' OCR page records (pid, done, total) to a callback, on a thread."""

    def __init__(self, callback: Callable[[str, int, int], None]):
        import multiprocessing

        self.queue = multiprocessing.get_context("spawn").Queue(maxsize=10000)
        self._callback = callback
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="directive-parser-pages")
        self._thread.start()

    def _run(self) -> None:
        import queue

        while not self._stop.is_set():
            try:
                pid, done, total = self.queue.get(timeout=0.2)
            except queue.Empty:
                continue
            except (EOFError, OSError, ValueError):
                return
            try:
                self._callback(str(pid), done, total)
            except Exception:  # noqa: BLE001 - a broken progress bar must not stop the batch
                continue

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.queue.close()
        self.queue.cancel_join_thread()


# --- a whole run: parse and write -----------------------------------------------------------


@dataclass
class BatchSummary:
    """Counts for a finished (or interrupted) batch."""

    counts: Counter = field(default_factory=Counter)
    pages: int = 0
    failed: list[BatchResult] = field(default_factory=list, repr=False)  # failed and timed-out results

    def add(self, result: BatchResult) -> None:
        self.counts[result.status] += 1
        self.pages += result.pages
        if result.status in (BatchStatus.failed, BatchStatus.timeout):
            self.failed.append(result.model_copy(update={"directive": None}))

    @property
    def failures(self) -> int:
        return self.counts[BatchStatus.failed] + self.counts[BatchStatus.timeout]

    @property
    def exit_code(self) -> ExitCode:
        """0 when every document parsed (warnings allowed); `ExitCode.partial` when some failed;
        `ExitCode.timeout` when the only problems were documents that ran out of time."""
        if self.counts[BatchStatus.failed]:
            return ExitCode.partial
        return ExitCode.timeout if self.counts[BatchStatus.timeout] else ExitCode.ok


def run_batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    db: str | Path | None = None,
    resume: bool = False,
    on_result: Callable[[BatchResult], None] | None = None,
    db_busy_timeout: float | None = None,
    **options,
) -> BatchSummary:
    """Parse `inputs` with `parse_many(**options)` and write everything under `out`.

    Args:
        inputs: Files and folders.
        out: Output folder: directives.jsonl, status.jsonl, assignments.csv.
        db: Optional SQLite tracker to import every parsed directive into.
        resume: Skip documents `out/status.jsonl` (or `db`) records as finished.
        on_result: Called with each result as it is written (progress display).
        db_busy_timeout: Seconds to wait per attempt for a tracker locked by another program.
        **options: Passed to `parse_many`.

    Raises:
        ExportError: An output file could not be written.
    """
    from directive_parser.batch.writer import BatchWriter

    out = Path(out)
    # The sources that exist before the writer creates its files: a status file deleted by hand
    # leaves the tracker to say what is done; both present, a document must be in both.
    resume_from = [p for p in (out / BatchWriter.STATUS, *([Path(db)] if db else [])) if p.is_file()] if resume else None
    summary = BatchSummary()
    with BatchWriter(out, db=db, parser_version=parser_version(), db_busy_timeout=db_busy_timeout) as writer:
        for result in parse_many(inputs, resume_from=resume_from, **options):
            result = writer.write(result)
            summary.add(result)
            if on_result is not None:
                on_result(result)
    return summary
