"""A local batch worker's life: start warm, stay within its memory, die with the batch.

`init_worker` runs once in each worker process before its first document:

- imports everything a document needs (the pipeline, the body gazetteer, the pydantic models,
  built) and parses a small sample, so no per-document deadline (SIGALRM) can fire inside a lazy
  import and leave a half-imported module behind; then freezes what that built out of the
  garbage collector's generations (`gc.freeze`);
- caps the worker's address space (`RLIMIT_AS`, `max_memory_mb`), so a decompression bomb ends
  as a MemoryError or a native abort in that worker instead of exhausting the machine;
- puts the worker in its own process group and arranges for it to die with the batch: Linux
  sends it SIGTERM when its parent dies (`PR_SET_PDEATHSIG`), and a watchdog thread checks the
  parent every `PARENT_POLL_S` seconds. On SIGTERM the worker takes its group down with it, so a
  Tesseract it started does not outlive it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import signal
import sys
import threading
import time
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_MAX_MEMORY_MB = 4096
PARENT_POLL_S = 0.5
_PR_SET_PDEATHSIG = 1

# A tiny directive that walks the whole text pipeline: header, clauses, bodies, deadlines.
_WARM_UP_TEXT = (
    "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/CT-TTg\nHà Nội, ngày 6 tháng 11 năm 2025\n"
    "CHỈ THỊ\nVề việc khởi động\n1. Giao Bộ Công an chủ trì, phối hợp với Bộ GD-ĐT hoàn thành trước ngày 31/12/2025.\n"
    "Nơi nhận:\n- Như trên;\n"
)


def init_worker(max_memory_mb: int | None, parent_pid: int, warm: bool, pages_queue: Any = None) -> None:
    """Process-pool initializer (top level, so spawned workers can unpickle it). Never raises.

    With `pages_queue` (a multiprocessing queue), the OCR page records the library logs
    (`extra={"ocr_done": k, "ocr_total": n}`) are forwarded to it as (pid, k, n): page-level
    progress of a batch over scans.
    """
    _own_process_group()
    _die_with_parent(parent_pid)
    # One BLAS thread a worker: the batch is parallel across documents, and each BLAS thread
    # reserves address space that would count against the memory cap.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    set_memory_limit(max_memory_mb)
    if pages_queue is not None:
        _forward_pages(pages_queue)
    if warm:
        warm_up()
        # What the warm-up built lives as long as the worker (the gazetteer, the models, the
        # language data): out of the collector's sight, a collection during a document walks
        # only that document's objects.
        gc.collect()
        gc.freeze()


class _PageForwarder(logging.Handler):
    def __init__(self, queue: Any):
        super().__init__(level=logging.INFO)
        self.queue = queue

    def emit(self, record: logging.LogRecord) -> None:
        done, total = getattr(record, "ocr_done", None), getattr(record, "ocr_total", None)
        if isinstance(done, int) and isinstance(total, int):
            with contextlib.suppress(Exception):  # progress is best effort: never fail a page for it
                self.queue.put_nowait((os.getpid(), done, total))


def _forward_pages(queue: Any) -> None:
    root = logging.getLogger("directive_parser")
    root.addHandler(_PageForwarder(queue))
    if root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)
        root.propagate = False  # INFO records stay out of the worker's stderr


def set_memory_limit(max_memory_mb: int | None) -> None:
    """Cap this process's address space at `max_memory_mb` MiB (None or 0: no cap)."""
    if not max_memory_mb:
        return
    try:
        import resource
    except ImportError:  # Windows
        return
    limit = int(max_memory_mb) * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as e:
        logger.warning("cannot limit worker memory to %s MB: %s", max_memory_mb, e)


def warm_up() -> None:
    """Import and exercise what a document needs, outside any deadline."""
    try:
        import directive_parser.ingest.ocr  # noqa: F401 - pytesseract, PIL
        import directive_parser.repair.align  # noqa: F401 - rapidfuzz: the repair of a damaged text layer
        from directive_parser.models import Directive
        from directive_parser.pipeline import parse_text

        Directive.model_json_schema()
        _build_models()
        parse_text(_WARM_UP_TEXT)
    except Exception as e:  # noqa: BLE001 - a cold worker is slower, not broken
        logger.warning("worker warm-up failed (%s: %s); documents will import lazily", type(e).__name__, e)


def _build_models() -> None:
    """Build every model's validator now: `models` defers them to first use (a cheap import), and
    a first use inside a document's deadline would count against that document."""
    from pydantic import BaseModel

    from directive_parser import models

    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == models.__name__:
            value.model_rebuild()


def _own_process_group() -> None:
    with contextlib.suppress(OSError, AttributeError):
        os.setpgid(0, 0)
    with contextlib.suppress(ValueError, OSError, AttributeError):
        signal.signal(signal.SIGTERM, _terminate_group)


def _terminate_group(signum, frame) -> None:
    """SIGTERM: pass it to our process group (Tesseract), then die of it ourselves."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        if os.getpgid(0) == os.getpid():
            os.killpg(os.getpid(), signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent_pid:  # the parent died before the call above
        _terminate_group(signal.SIGTERM, None)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_S)
        # signal handlers cannot be set from a thread: take the group down at once
        with contextlib.suppress(OSError):
            if os.getpgid(0) == os.getpid():
                os.killpg(os.getpid(), signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, daemon=True, name="directive-parser-parent-watch").start()


def describe_exit(exitcode: int | None) -> str:
    """How a worker process ended: 'killed by SIGABRT', 'exit status 3'."""
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = {"SIGABRT": " (a native abort)", "SIGKILL": " (killed: out of memory?)", "SIGSEGV": " (a native crash)"}
        return f"killed by {name}{hint.get(name, '')}"
    return f"exit status {exitcode}"
