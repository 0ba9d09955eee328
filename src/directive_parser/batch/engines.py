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
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

from directive_parser.batch.jobs import BatchResult, BatchStatus, Job, make_result
from directive_parser.errors import DirectiveParserError, MissingDependencyError, ParseTimeoutError, WorkerCrashError

# Seconds past `timeout` before a worker that has not answered is killed. Workers normally stop
# themselves at `timeout`; this covers code stuck where Python cannot interrupt it (C calls).
HARD_DEADLINE_GRACE = 10.0
WORKER_CRASHED = "the worker process died while parsing this file (crash or out of memory)"


class _LocalEngine:
    """A spawn-context process pool. Killing the pool is the only way to stop a stuck worker."""

    def __init__(self, *, workers: int | None, scheduler: str | None, worker_fn: Callable[[Job], BatchResult]):
        self.slots = workers or os.cpu_count() or 1
        self._worker_fn = worker_fn
        self._pool: ProcessPoolExecutor | None = None
        self._current: set[Future] = set()  # futures of the live pool

    def submit(self, job: Job) -> Future:
        for _ in range(2):
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.slots, mp_context=multiprocessing.get_context("spawn"))
            try:
                future = self._pool.submit(self._worker_fn, job)
            except BrokenProcessPool:
                self._discard(kill=True)
                continue
            self._current.add(future)
            return future
        raise BrokenProcessPool("cannot start worker processes")

    def wait(self, futures: list[Future], timeout: float | None) -> set[Future]:
        done, _ = futures_wait(futures, timeout=timeout, return_when=FIRST_COMPLETED)
        return done

    def outcome(self, future: Future, job: Job) -> BatchResult | None:
        """The worker's result, or None when its process died."""
        try:
            return future.result()
        except BrokenProcessPool:
            if future in self._current:
                self._discard(kill=True)
            return None
        except Exception as e:  # noqa: BLE001 - e.g. a result that does not unpickle
            return make_result(job, BatchStatus.failed, error_type=type(e).__name__, message=str(e))
        finally:
            self._current.discard(future)

    def abandon(self, expired: list[Future], running: list[Future]) -> list[Future]:
        """Kill the pool; return the other running futures, which were lost with it."""
        self._discard(kill=True)
        return [f for f in running if f not in expired]

    def _discard(self, kill: bool) -> None:
        pool, self._pool = self._pool, None
        self._current.clear()
        if pool is None:
            return
        if kill:
            # No public API kills busy workers before Python 3.14 (terminate_workers).
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
        pool.shutdown(wait=not kill, cancel_futures=True)

    def close(self, kill: bool) -> None:
        self._discard(kill=kill)


class _DaskEngine:
    """The same worker function on a dask.distributed cluster (remote or a LocalCluster)."""

    def __init__(self, *, workers: int | None, scheduler: str | None, worker_fn: Callable[[Job], BatchResult]):
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise MissingDependencyError(
                "the dask engine needs dask.distributed: pip install 'directive-parser[dask]'"
            ) from e
        self._worker_fn = worker_fn
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler)
            else:
                self._cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
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
                job, BatchStatus.failed, error_type=WorkerCrashError.__name__ if killed else type(e).__name__,
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


def schedule(
    plan: Iterator[Job | BatchResult], start_engine: Callable[[], _LocalEngine | _DaskEngine], timeout: float | None,
) -> Iterator[BatchResult]:
    """Feed jobs to an engine, at most one per slot, and yield results as they arrive."""
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
                    now = time.monotonic()
                    deadline = now + timeout + HARD_DEADLINE_GRACE if timeout else None
                    running[engine.submit(item)] = _Running(item, now, deadline)
            if not running:
                if exhausted and not retry:
                    break
                continue
            yield from _collect(engine, running, retry)
            yield from _expire(engine, running, retry, timeout)
        clean = True
    finally:
        if engine is not None:
            engine.close(kill=not clean)


def _full(engine, running: dict) -> bool:
    if any(r.job.suspect for r in running.values()):
        return True
    return engine is not None and len(running) >= engine.slots


def _collect(engine, running: dict, retry: deque[Job]) -> Iterator[BatchResult]:
    deadlines = [r.deadline for r in running.values() if r.deadline is not None]
    wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    for future in engine.wait(list(running), wait_for):
        job = running.pop(future).job
        result = engine.outcome(future, job)
        if result is not None:
            yield result
        elif job.suspect:
            yield make_result(job, BatchStatus.failed, error_type=WorkerCrashError.__name__, message=WORKER_CRASHED)
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
            r.job, BatchStatus.timeout, error_type=ParseTimeoutError.__name__, seconds=round(now - r.submitted, 3),
            message=f"the worker did not answer within {timeout:g} s and was stopped",
        )
    for future in lost:
        retry.appendleft(running.pop(future).job)
