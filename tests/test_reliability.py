"""Batch reliability (issue 10): warm workers recycled after a timeout, workers that die with the
batch (and take their Tesseract along), a memory cap, native aborts as typed failures, FIFOs and
devices refused, unreadable files and duplicate numbers kept apart, a locked tracker failing one
document only, large files first, and the summary naming each failure."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from functools import partial
from pathlib import Path

import pytest
from _factories import fake_parse
from _hostile_parse import hostile_parse

from directive_parser.batch import lifecycle
from directive_parser.batch.engines import _LocalEngine
from directive_parser.batch.jobs import BatchResult, BatchStatus, Job
from directive_parser.batch.runner import parse_many, parser_version, run_batch, run_document
from directive_parser.batch.writer import BatchWriter
from directive_parser.export.tracker import Tracker

TESTS = Path(__file__).resolve().parent


def _by_name(results):
    return {Path(r.path).name: r for r in results}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state  # a zombie nobody reaped is dead


def _wait_dead(pids, seconds=10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def test_workers_start_warm(tmp_path):
    modules = tmp_path / "modules.txt"
    doc = tmp_path / "a.txt"
    doc.write_text(f"MODULES {modules}", encoding="utf-8")
    engine = _LocalEngine(workers=1, scheduler=None, worker_fn=partial(run_document, parse_fn=hostile_parse), warm=True)
    try:
        future = engine.submit(Job(path=str(doc), sha256="x", parser_version="t"))
        assert engine.outcome(future, None).status is BatchStatus.ok
    finally:
        engine.close(kill=True)
    imported = set(modules.read_text(encoding="utf-8").split())
    # imported by the initializer, before any document's deadline could interrupt an import
    assert {"directive_parser.text.sentences", "directive_parser.pipeline", "directive_parser.extract.bodies"} <= imported


def test_a_worker_is_replaced_after_a_timeout(tmp_path):
    (tmp_path / "slow.txt").write_text("SLEEP 5\n" + "x" * 200, encoding="utf-8")  # largest: runs first
    (tmp_path / "a.txt").write_text("1/CT-TTg", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2/CT-TTg", encoding="utf-8")
    results = _by_name(parse_many([tmp_path], glob="*.txt", workers=1, timeout=1, parse_fn=fake_parse))
    assert results["slow.txt"].status is BatchStatus.timeout
    assert results["a.txt"].status is BatchStatus.ok and results["b.txt"].status is BatchStatus.ok
    assert results["slow.txt"].worker != results["a.txt"].worker  # a fresh process after the timeout


def test_large_files_start_first(tmp_path):
    for name, size in (("small.txt", 10), ("big.txt", 5000), ("mid.txt", 500)):
        (tmp_path / name).write_text(f"{size}/CT-TTg\n" + "x" * size, encoding="utf-8")
    order = [Path(r.path).name for r in parse_many([tmp_path], glob="*.txt", workers=1, parse_fn=fake_parse)]
    assert order == ["big.txt", "mid.txt", "small.txt"]


_PARENT = textwrap.dedent("""
    import sys, time
    from functools import partial
    sys.path.insert(0, {tests!r})
    from _hostile_parse import hostile_parse
    from directive_parser.batch.engines import _LocalEngine
    from directive_parser.batch.jobs import Job
    from directive_parser.batch.runner import run_document
    engine = _LocalEngine(workers=1, scheduler=None, worker_fn=partial(run_document, parse_fn=hostile_parse))
    engine.submit(Job(path={doc!r}, sha256="x", parser_version="t"))
    time.sleep(120)
""")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["sigkill", "sigterm"])
def test_workers_and_their_tesseract_die_with_the_batch(tmp_path, how):
    pidfile = tmp_path / "pids"
    doc = tmp_path / "ocr.txt"
    doc.write_text(f"CHILD {pidfile}", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, "-c", _PARENT.format(tests=str(TESTS), doc=str(doc))])
    try:
        deadline = time.monotonic() + 30
        while not pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        worker, child = map(int, pidfile.read_text().split())
        assert _alive(worker) and _alive(child)
        parent.send_signal(how)
        parent.wait(10)
        assert _wait_dead([worker, child]), "a worker or its subprocess outlived the batch"
    finally:
        parent.kill()
        if pidfile.exists():
            for pid in map(int, pidfile.read_text().split()):
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)


def test_memory_cap_makes_a_typed_failure_and_the_batch_goes_on(tmp_path):
    (tmp_path / "bomb.txt").write_text("ALLOC\n" + "x" * 100, encoding="utf-8")  # largest: first
    (tmp_path / "good.txt").write_text("1/CT-TTg", encoding="utf-8")
    results = _by_name(parse_many([tmp_path], glob="*.txt", workers=1, max_memory_mb=1500, parse_fn=hostile_parse))
    assert (results["bomb.txt"].status, results["bomb.txt"].error_type) == (BatchStatus.failed, "WorkerCrashError")
    assert "memory" in results["bomb.txt"].message
    assert results["good.txt"].status is BatchStatus.ok
    assert results["good.txt"].worker != results["bomb.txt"].worker  # the worker was replaced


def test_set_memory_limit_zero_means_none():
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    lifecycle.set_memory_limit(0)
    lifecycle.set_memory_limit(None)
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_a_native_abort_is_a_typed_failure_naming_the_signal(tmp_path):
    (tmp_path / "abort.txt").write_text("ABORT", encoding="utf-8")
    for i in range(3):
        (tmp_path / f"ok{i}.txt").write_text(f"{i}/CT-TTg", encoding="utf-8")
    results = _by_name(parse_many([tmp_path], glob="*.txt", workers=2, parse_fn=hostile_parse))
    crashed = results["abort.txt"]
    assert (crashed.status, crashed.error_type) == (BatchStatus.failed, "WorkerCrashError")
    assert "SIGABRT" in crashed.message
    assert [results[f"ok{i}.txt"].status for i in range(3)] == [BatchStatus.ok] * 3


def test_describe_exit():
    assert lifecycle.describe_exit(-6) == "killed by SIGABRT (a native abort)"
    assert lifecycle.describe_exit(3) == "exit status 3"


def test_fifo_and_device_inputs_fail_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("1/CT-TTg", encoding="utf-8")
    signal.alarm(60)  # a hang fails the test instead of the suite
    try:
        out, db = tmp_path / "out", tmp_path / "t.sqlite"
        summary = run_batch([fifo, Path("/dev/zero"), good], out, db=db, workers=1, parse_fn=fake_parse)
    finally:
        signal.alarm(0)
    assert summary.counts[BatchStatus.failed] == 2 and summary.counts[BatchStatus.ok] == 1
    assert {Path(r.path).name: r.error_type for r in summary.failed} == {
        "pipe.txt": "FileUnreadableError",
        "zero": "FileUnreadableError",
    }
    with Tracker(db, readonly=True) as t:  # two unreadable files, two rows: keyed by path, not by ""
        keys = sorted(r["key"] for r in t.results())
    assert keys[1:] == ["path:/dev/zero", f"path:{fifo}"] and len(keys) == 3


def test_same_number_in_two_files_keeps_both_in_the_tracker(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ct33.txt").write_text("33/CT-TTg\nbản gốc", encoding="utf-8")
    (folder / "ct33-copy.txt").write_text("33/CT-TTg\nbản sao có sửa", encoding="utf-8")
    db = tmp_path / "t.sqlite"
    run_batch([folder], tmp_path / "out", db=db, workers=1, parse_fn=fake_parse, glob="*.txt")
    with Tracker(db, readonly=True) as t:
        assert t.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    status = [json.loads(line) for line in (tmp_path / "out" / "status.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum("also the number of" in (row["message"] or "") for row in status) == 1


def _result(path: Path, number: str) -> BatchResult:
    d = fake_parse(path)
    return BatchResult(
        path=str(path), sha256=d.source.sha256, status=BatchStatus.ok, parser_version=parser_version(), directive=d, pages=1
    )


def test_a_locked_tracker_fails_that_document_only(tmp_path):
    docs = []
    for i in range(2):
        docs.append(tmp_path / f"d{i}.txt")
        docs[-1].write_text(f"{i}/CT-TTg", encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "t.sqlite"
    with BatchWriter(out, db=db, parser_version=parser_version(), db_busy_timeout=0.1) as writer:
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        locked = writer.write(_result(docs[0], "0/CT-TTg"))
        other.execute("ROLLBACK")
        other.close()
        fine = writer.write(_result(docs[1], "1/CT-TTg"))
    assert (locked.status, locked.error_type) == (BatchStatus.failed, "DatabaseBusyError")
    assert fine.status is BatchStatus.ok
    lines = (out / "directives.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1  # the locked one was not written anywhere but its status
    # and --resume parses it again (a transient failure)
    second = run_batch([tmp_path], out, db=db, resume=True, glob="*.txt", workers=1, parse_fn=fake_parse)
    assert (second.counts[BatchStatus.ok], second.counts[BatchStatus.skipped]) == (1, 1)


def test_cli_summary_names_each_failed_file(tmp_path, monkeypatch):
    import typer
    from typer.testing import CliRunner

    from directive_parser.batch import runner as batch_module
    from directive_parser.cli import batch as cli_batch

    real = batch_module.parse_many
    monkeypatch.setattr(batch_module, "parse_many", lambda *a, **k: real(*a, parse_fn=fake_parse, **k))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "boom.txt").write_text("BOOM", encoding="utf-8")
    (tmp_path / "in" / "good.txt").write_text("1/CT-TTg", encoding="utf-8")
    app = typer.Typer()
    cli_batch.register(app)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(
        app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1", "--max-memory-mb", "0"]
    )
    assert result.exit_code == 6, result.output
    said = " ".join(result.output.split())  # the console wraps long paths
    assert "1 file(s) not parsed" in said and "boom.txt: ValueError: unexpected failure" in said


def test_progress_rates_and_eta():
    from directive_parser.cli.batch import _BatchProgress

    progress = _BatchProgress({"a.pdf": 1000, "b.txt": 3000})
    progress._started -= 2.0
    progress.update(BatchResult(path="a.pdf", sha256="x", status=BatchStatus.ok, parser_version="v", pages=10))
    rates = progress.rates()
    assert rates["rate"].endswith("pages/s") and rates["eta"].startswith("ETA 0:0")


def test_ocr_pages_are_relayed_from_the_workers(tmp_path):
    (tmp_path / "scan.txt").write_text("PAGES 4", encoding="utf-8")
    calls = []
    results = list(
        parse_many(
            [tmp_path],
            glob="*.txt",
            workers=1,
            parse_fn=hostile_parse,
            on_pages=lambda worker, done, total: calls.append((worker, done, total)),
        )
    )
    deadline = time.monotonic() + 5
    while len(calls) < 5 and time.monotonic() < deadline:  # the relay thread may trail the result
        time.sleep(0.05)
    assert [(d, t) for _, d, t in calls] == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert {w for w, _, _ in calls} == {results[0].worker}


def test_progress_counts_pages_in_flight():
    from directive_parser.cli.batch import _BatchProgress

    progress = _BatchProgress({"a.pdf": 1000})
    progress.on_pages("123", 3, 10)
    assert progress.pages_done() == 3
    progress.update(BatchResult(path="a.pdf", sha256="x", status=BatchStatus.ok, parser_version="v", pages=10, worker="123"))
    assert progress.pages_done() == 10  # the finished document's pages replace its pages in flight
