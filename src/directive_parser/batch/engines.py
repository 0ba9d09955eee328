"""Where `run_document` runs: a local process pool or a dask cluster, and the loop that feeds them.

`schedule` keeps at most one job per worker slot, yields results as they arrive, stops documents
that pass their deadline (killing a stuck local worker, restarting a dask one) and re-runs alone
the documents that were running when a worker died.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from multiprocessing.process import BaseProcess
from typing import Any

from directive_parser.batch.jobs import BatchResult, BatchStatus, Job, make_result
from directive_parser.batch.lifecycle import describe_exit, init_worker
from directive_parser.errors import DirectiveParserError, MissingDependencyError, ParseTimeoutError, WorkerCrashError

# Seconds past `timeout` before a worker that has not answered is killed. Workers normally stop
# themselves at `timeout`; this covers code stuck where Python cannot interrupt it (C calls).
HARD_DEADLINE_GRACE = 10.0
# Jobs handed to the engine ahead of the free slots, per slot: a worker that finishes a document
# would take the next one at once instead of idling while this process receives the result (the
# round trip costs a worker ~5 % of its time on text PDFs). Off: a job queued behind one that times
# out or blows the memory cap would run in the worker that is then killed, not in its replacement
# (tests/test_reliability.py), so its outcome would depend on the one before it.
QUEUED_PER_SLOT = 0
WORKER_CRASHED = "the worker process died while parsing this file (crash or out of memory)"


class _LocalEngine:
    """Spawn-context process pools. Killing a pool is the only way to stop a stuck worker.

    Workers start through `lifecycle.init_worker` (warm imports, memory cap, die with the batch).
    A pool whose worker timed out or ran out of memory is retired: it takes no new document,
    finishes the ones it runs and exits, and a fresh pool takes over, so no later document runs
    in a process a deadline interrupted.
    """

    def __init__(
        self,
        *,
        workers: int | None,
        scheduler: str | None,
        worker_fn: Callable[[Job], BatchResult],
        max_memory_mb: int | None = None,
        warm: bool = False,
        pages_queue: Any = None,
    ):
        self.slots = workers or os.cpu_count() or 1
        self._worker_fn = worker_fn
        self._initargs = (max_memory_mb, os.getpid(), warm, pages_queue)
        self._pool: ProcessPoolExecutor | None = None
        self._owner: dict[Future, ProcessPoolExecutor] = {}  # running future -> the pool running it
        self._processes: dict[ProcessPoolExecutor, dict[int, BaseProcess]] = {}
        self._retired: list[ProcessPoolExecutor] = []
        self.last_crash: str | None = None  # how the last dead worker ended ("killed by SIGABRT")

    def submit(self, job: Job) -> Future:
        for _ in range(2):
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.slots,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=init_worker,
                    initargs=self._initargs,
                )
            pool = self._pool
            try:
                future = pool.submit(self._worker_fn, job)
            except BrokenProcessPool:
                self._kill(pool)
                continue
            self._owner[future] = pool
            # the pool starts its processes in submit: remember them to read their exit codes
            self._processes.setdefault(pool, {}).update(getattr(pool, "_processes", None) or {})
            return future
        raise BrokenProcessPool("cannot start worker processes")

    def wait(self, futures: list[Future], timeout: float | None) -> set[Future]:
        done, _ = futures_wait(futures, timeout=timeout, return_when=FIRST_COMPLETED)
        return done

    def outcome(self, future: Future, job: Job) -> BatchResult | None:
        """The worker's result, or None when its process died."""
        pool = self._owner.pop(future, None)
        try:
            result = future.result()
        except BrokenProcessPool:
            if pool is not None:
                self.last_crash = self._how_it_died(pool)
                self._kill(pool)
            return None
        except Exception as e:  # noqa: BLE001 - e.g. a result that does not unpickle
            return make_result(job, BatchStatus.failed, error_type=type(e).__name__, message=str(e))
        if pool is not None and (result.status == BatchStatus.timeout or result.error_type == WorkerCrashError.__name__):
            self._retire(pool)
        return result

    def abandon(self, expired: list[Future], running: list[Future]) -> list[Future]:
        """Kill the pools running `expired`; return the other running futures lost with them."""
        pools = {self._owner[f] for f in expired if f in self._owner}
        lost = [f for f in running if f not in expired and self._owner.get(f) in pools]
        for pool in pools:
            self._kill(pool)
        return lost

    def _how_it_died(self, pool: ProcessPoolExecutor, wait: float = 2.0) -> str | None:
        # The pool terminates its other workers (SIGTERM) once one dies: the culprit is the other exit.
        # A dead worker's pipe closes a moment before it can be reaped: give the exit codes a moment.
        processes = list(self._processes.get(pool, {}).values())
        deadline = time.monotonic() + wait
        while True:
            codes = [p.exitcode for p in processes]
            for code in codes:
                if code is not None and code not in (0, -signal.SIGTERM):
                    return describe_exit(code)
            if all(c is not None for c in codes) or time.monotonic() > deadline:
                return None
            time.sleep(0.02)

    def _retire(self, pool: ProcessPoolExecutor) -> None:
        if pool is self._pool:
            self._pool = None
            self._retired.append(pool)
            pool.shutdown(wait=False)

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        if pool is self._pool:
            self._pool = None
        for future in [f for f, p in self._owner.items() if p is pool]:
            del self._owner[future]
        processes = {**self._processes.pop(pool, {}), **(getattr(pool, "_processes", None) or {})}
        # No public API kills busy workers before Python 3.14 (terminate_workers).
        for process in processes.values():
            _kill_process(process)
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self, kill: bool) -> None:
        pools = [p for p in {self._pool, *self._retired, *self._owner.values()} if p is not None]
        for pool in pools:
            if kill:
                self._kill(pool)
            else:
                pool.shutdown(wait=True)
        self._pool = None
        self._retired.clear()


def _kill_process(process: BaseProcess) -> None:
    """SIGKILL a worker and, when it leads its own process group, the Tesseract it started."""
    pid = process.pid
    if pid is None or process.exitcode is not None:
        return
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
            return
    except OSError:
        pass
    with contextlib.suppress(OSError):
        process.kill()


class _DaskEngine:
    """The same worker function on a dask.distributed cluster (remote or a LocalCluster)."""

    def __init__(
        self,
        *,
        workers: int | None,
        scheduler: str | None,
        worker_fn: Callable[[Job], BatchResult],
        max_memory_mb: int | None = None,
        warm: bool = False,
        pages_queue: Any = None,
    ):
        self.last_crash: str | None = None
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise MissingDependencyError("the dask engine needs dask.distributed: pip install 'directive-parser[dask]'") from e
        self._worker_fn = worker_fn
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler)
            else:
                self._cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
        except OSError as e:
            raise DirectiveParserError(f"cannot reach dask scheduler {scheduler or '(local)'}: {e}") from e
        self.slots = max(1, sum(self._client.nthreads().values()))

    def submit(self, job: Job):
        return self._client.submit(self._worker_fn, job, pure=False)

    def wait(self, futures: list, timeout: float | None) -> set:
        from distributed import wait

        try:
            return set(wait(futures, timeout=timeout, return_when="FIRST_COMPLETED").done)
        except TimeoutError:
            return set()

    def outcome(self, future, job: Job) -> BatchResult:
        try:
            return future.result()
        except Exception as e:  # noqa: BLE001 - KilledWorker, CancelledError, unpickling errors
            killed = type(e).__name__ == "KilledWorker"
            return make_result(
                job,
                BatchStatus.failed,
                error_type=WorkerCrashError.__name__ if killed else type(e).__name__,
                message=WORKER_CRASHED if killed else str(e),
            )

    def abandon(self, expired: list, running: list) -> list:
        """Cancel the timed-out tasks and restart the workers still running them."""
        keys = {f.key for f in expired}
        busy = [w for w, tasks in self._client.processing().items() if keys & set(tasks)]
        for future in expired:
            future.cancel()
        if busy:
            with contextlib.suppress(Exception):  # best effort: the task is abandoned either way
                self._client.restart_workers(busy)
        return []

    def close(self, kill: bool) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


ENGINES = {"local": _LocalEngine, "dask": _DaskEngine}


@dataclass
class _Running:
    job: Job
    submitted: float
    deadline: float | None
    started: bool = True  # False while queued behind the running jobs: no deadline yet


def schedule(
    plan: Iterator[Job | BatchResult],
    start_engine: Callable[[], _LocalEngine | _DaskEngine],
    timeout: float | None,
) -> Iterator[BatchResult]:
    """Feed jobs to an engine, one per slot (and `QUEUED_PER_SLOT` more queued, when that is on),
    and yield results as they arrive. A queued job's hard deadline starts when a slot frees for it."""
    engine = None
    retry: deque[Job] = deque()
    running: dict = {}
    exhausted = clean = False
    try:
        while True:
            while (retry or not exhausted) and not _full(engine, running):
                item = retry.popleft() if retry else next(plan, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, BatchResult):
                    yield item
                elif item.suspect and running:
                    retry.appendleft(item)  # suspects run alone
                    break
                else:
                    engine = engine or start_engine()
                    running[engine.submit(item)] = _Running(item, time.monotonic(), None, started=False)
                    _start_queued(engine, running, timeout)
            if not running:
                if exhausted and not retry:
                    break
                continue
            yield from _collect(engine, running, retry)
            yield from _expire(engine, running, retry, timeout)
            _start_queued(engine, running, timeout)
        clean = True
    finally:
        if engine is not None:
            engine.close(kill=not clean)


def _full(engine, running: dict) -> bool:
    if any(r.job.suspect for r in running.values()):
        return True
    return engine is not None and len(running) >= engine.slots * (1 + QUEUED_PER_SLOT)


def _start_queued(engine, running: dict, timeout: float | None) -> None:
    """Count the oldest queued jobs as started while slots are free (the engines run jobs in the
    order they were submitted): from now on their hard deadline runs."""
    free = engine.slots - sum(r.started for r in running.values())
    for r in running.values():  # dicts keep insertion order: the oldest submission first
        if free <= 0:
            break
        if not r.started:
            now = time.monotonic()
            r.started, r.submitted = True, now
            r.deadline = now + timeout + HARD_DEADLINE_GRACE if timeout else None
            free -= 1


def _collect(engine, running: dict, retry: deque[Job]) -> Iterator[BatchResult]:
    deadlines = [r.deadline for r in running.values() if r.deadline is not None]
    wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    for future in engine.wait(list(running), wait_for):
        job = running.pop(future).job
        result = engine.outcome(future, job)
        if result is not None:
            yield result
        elif job.suspect:
            how = getattr(engine, "last_crash", None)
            message = f"the worker process died while parsing this file: {how}" if how else WORKER_CRASHED
            yield make_result(job, BatchStatus.failed, error_type=WorkerCrashError.__name__, message=message)
        else:
            retry.append(replace(job, suspect=True))


def _expire(engine, running: dict, retry: deque[Job], timeout: float | None) -> Iterator[BatchResult]:
    now = time.monotonic()
    expired = [f for f, r in running.items() if r.deadline is not None and r.deadline <= now]
    if not expired:
        return
    lost = engine.abandon(expired, list(running))
    for future in expired:
        r = running.pop(future)
        yield make_result(
            r.job,
            BatchStatus.timeout,
            error_type=ParseTimeoutError.__name__,
            seconds=round(now - r.submitted, 3),
            message=f"the worker did not answer within {timeout:g} s and was stopped",
        )
    for future in lost:
        retry.appendleft(running.pop(future).job)
