"""batch scheduling: with `QUEUED_PER_SLOT` on, a job waits queued behind each running one, so a worker that finishes takes
the next document at once; a queued job's hard deadline starts only when a slot frees for it."""

from __future__ import annotations

import time
from concurrent.futures import Future

from directive_parser.batch import engines
from directive_parser.batch.jobs import BatchStatus, Job, make_result


class _Engine:
    """One slot; futures complete only when the test says so (in submission order)."""

    def __init__(self) -> None:
        self.slots = 1
        self.submitted: list[tuple[Job, Future]] = []
        self.seen_waiting: list[int] = []  # jobs handed over and not yet finished, at each wait

    def submit(self, job: Job) -> Future:
        future: Future = Future()
        self.submitted.append((job, future))
        return future

    def wait(self, futures: list[Future], timeout: float | None) -> set[Future]:
        self.seen_waiting.append(len(futures))
        job, first = next((j, f) for j, f in self.submitted if not f.done())
        first.set_result(make_result(job, BatchStatus.ok))
        return {first}

    def outcome(self, future: Future, job: Job):
        return future.result()

    def abandon(self, expired, running):
        return []

    def close(self, kill: bool) -> None:
        pass


def _jobs(n: int) -> list[Job]:
    return [Job(path=f"doc{i}.pdf", sha256=str(i), parser_version="v") for i in range(n)]


def test_a_job_is_queued_behind_the_running_one(monkeypatch) -> None:
    # the queue is off by default (see engines.QUEUED_PER_SLOT); with it on, one job waits per slot
    monkeypatch.setattr(engines, "QUEUED_PER_SLOT", 1)
    engine = _Engine()
    results = list(engines.schedule(iter(_jobs(4)), lambda: engine, timeout=None))
    assert [r.path for r in results] == [f"doc{i}.pdf" for i in range(4)]
    # one running and QUEUED_PER_SLOT waiting whenever there were that many left
    assert engine.seen_waiting == [1 + engines.QUEUED_PER_SLOT] * (4 - engines.QUEUED_PER_SLOT) + list(
        range(engines.QUEUED_PER_SLOT, 0, -1)
    )


def test_without_queueing_one_job_per_slot(monkeypatch) -> None:
    monkeypatch.setattr(engines, "QUEUED_PER_SLOT", 0)
    engine = _Engine()
    assert len(list(engines.schedule(iter(_jobs(3)), lambda: engine, timeout=None))) == 3
    assert engine.seen_waiting == [1, 1, 1]


def test_a_queued_job_has_no_deadline_until_a_slot_frees() -> None:
    engine = _Engine()
    first, second = _jobs(2)
    running = {
        Future(): engines._Running(first, time.monotonic(), None, started=False),
        Future(): engines._Running(second, time.monotonic(), None, started=False),
    }
    before = time.monotonic()
    engines._start_queued(engine, running, timeout=30.0)
    a, b = running.values()
    assert a.started and a.deadline is not None and a.deadline >= before + 30.0 + engines.HARD_DEADLINE_GRACE
    assert not b.started and b.deadline is None  # behind the running one: its clock has not started
    del running[next(iter(running))]  # the first one finished
    engines._start_queued(engine, running, timeout=30.0)
    assert b.started and b.deadline is not None
