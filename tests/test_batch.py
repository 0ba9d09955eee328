"""batch: statuses for good and bad files, timeouts, crashes, resume, outputs, dask, CLI."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import pytest
import typer
from _factories import fake_parse
from typer.testing import CliRunner

from directive_parser.batch import engines as engines_module
from directive_parser.batch import runner as batch_module
from directive_parser.batch.runner import BatchStatus, iter_inputs, parse_many, run_batch
from directive_parser.cli import batch as cli_batch
from directive_parser.cli import tracker as cli_tracker
from directive_parser.errors import MissingDependencyError
from directive_parser.export.serialize import CSV_COLUMNS
from directive_parser.export.tracker import Tracker

GLOB = "*.pdf,*.txt"


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("33/CT-TTg\nGiao Bộ Công an …", encoding="utf-8")
    (folder / "sub" / "warn.txt").write_text("34/CT-TTg\nWARN", encoding="utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    (folder / "boom.txt").write_text("BOOM", encoding="utf-8")
    (folder / "notes.md").write_text("ignored by the glob", encoding="utf-8")
    return folder


def _by_name(results):
    return {r.path.rsplit("/", 1)[-1]: r for r in results}


def test_iter_inputs_glob_and_explicit_files(archive):
    assert [p.name for p in iter_inputs([archive], "*.pdf")] == ["empty.pdf", "image.pdf", "truncated.pdf"]
    names = [p.name for p in iter_inputs([archive, archive / "notes.md"], GLOB)]
    assert names == ["boom.txt", "empty.pdf", "good.txt", "image.pdf", "warn.txt", "truncated.pdf", "notes.md"]


def test_bad_files_become_status_rows(archive):
    results = _by_name(parse_many([archive], glob=GLOB, workers=2, parse_fn=fake_parse))
    assert set(results) == {"good.txt", "warn.txt", "empty.pdf", "image.pdf", "truncated.pdf", "boom.txt"}
    assert results["good.txt"].status is BatchStatus.ok
    assert results["good.txt"].directive.number == "33/CT-TTg"
    assert results["good.txt"].pages == 1 and len(results["good.txt"].sha256) == 64
    assert results["warn.txt"].status is BatchStatus.partial
    expected = {
        "empty.pdf": "EmptyDocumentError",
        "image.pdf": "NotAPdfError",
        "truncated.pdf": "CorruptPdfError",
        "boom.txt": "ValueError",
    }
    for name, error_type in expected.items():
        assert (results[name].status, results[name].error_type) == (BatchStatus.failed, error_type), name
        assert results[name].directive is None and results[name].message
    assert results["good.txt"].parser_version == batch_module.parser_version()


def test_timeout_interrupts_the_worker(tmp_path):
    (tmp_path / "slow.txt").write_text("SLEEP 30", encoding="utf-8")
    (tmp_path / "fast.txt").write_text("1/CT-TTg", encoding="utf-8")
    started = time.monotonic()
    results = _by_name(parse_many([tmp_path], glob="*.txt", workers=1, timeout=1, parse_fn=fake_parse))
    assert time.monotonic() - started < 20
    assert results["slow.txt"].status is BatchStatus.timeout
    assert results["slow.txt"].error_type == "ParseTimeoutError"
    assert results["fast.txt"].status is BatchStatus.ok


def test_worker_that_ignores_the_alarm_is_killed(tmp_path, monkeypatch):
    monkeypatch.setattr(engines_module, "HARD_DEADLINE_GRACE", 2.0)
    (tmp_path / "a-hang.txt").write_text("HANG", encoding="utf-8")
    for i in range(3):
        (tmp_path / f"b{i}.txt").write_text(f"{i}/CT-TTg\nSLEEP", encoding="utf-8")
    results = _by_name(parse_many([tmp_path], glob="*.txt", workers=2, timeout=1, parse_fn=fake_parse))
    assert results["a-hang.txt"].status is BatchStatus.timeout
    assert [results[f"b{i}.txt"].status for i in range(3)] == [BatchStatus.ok] * 3


def test_worker_crash_blames_only_the_crashing_file(tmp_path):
    (tmp_path / "crash.txt").write_text("CRASH", encoding="utf-8")
    for i in range(3):
        (tmp_path / f"ok{i}.txt").write_text(f"{i}/CT-TTg", encoding="utf-8")
    results = _by_name(parse_many([tmp_path], glob="*.txt", workers=2, parse_fn=fake_parse))
    assert (results["crash.txt"].status, results["crash.txt"].error_type) == (BatchStatus.failed, "WorkerCrashError")
    assert [results[f"ok{i}.txt"].status for i in range(3)] == [BatchStatus.ok] * 3


def test_duplicate_content_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("1/CT-TTg", encoding="utf-8")
    (tmp_path / "b.txt").write_text("1/CT-TTg", encoding="utf-8")
    results = _by_name(parse_many([tmp_path], glob="*.txt", workers=1, parse_fn=fake_parse))
    assert results["b.txt"].status is BatchStatus.skipped and "a.txt" in results["b.txt"].message


def test_run_batch_writes_outputs_and_resume_skips_done(archive, tmp_path):
    out, db = tmp_path / "out", tmp_path / "t.sqlite"
    first = run_batch([archive], out, db=db, glob=GLOB, workers=2, parse_fn=fake_parse)
    assert first.counts[BatchStatus.ok] == 1 and first.failures == 4
    assert int(first.exit_code) == 6
    status = [json.loads(line) for line in (out / "status.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(status) == 6 and all("directive" not in row for row in status)
    assert len((out / "directives.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    with (out / "assignments.csv").open(encoding="utf-8-sig", newline="") as fp:
        rows = list(csv.DictReader(fp))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 4
    with Tracker(db) as t:
        assert len(t.results()) == 6 and len(t.by_body("bo cong an")) == 4

    (archive / "new.txt").write_text("35/CT-TTg", encoding="utf-8")
    second = run_batch([archive], out, db=db, resume=True, glob=GLOB, workers=1, parse_fn=fake_parse)
    assert second.counts[BatchStatus.skipped] == 6 and second.counts[BatchStatus.ok] == 1
    assert len((out / "status.jsonl").read_text(encoding="utf-8").splitlines()) == 7
    # resume from the database alone works too
    (out / "status.jsonl").unlink()
    third = run_batch([archive], out, db=db, resume=True, glob=GLOB, workers=1, parse_fn=fake_parse)
    assert third.counts[BatchStatus.skipped] == 7


def test_timeouts_are_retried_on_resume(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "slow.txt").write_text("SLEEP 1.5", encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch([folder], out, glob="*.txt", workers=1, timeout=0.5, parse_fn=fake_parse)
    assert first.counts[BatchStatus.timeout] == 1
    assert int(first.exit_code) == 7  # only timeouts: ExitCode.timeout, not "partial"
    second = run_batch([folder], out, resume=True, glob="*.txt", workers=1, timeout=10, parse_fn=fake_parse)
    assert second.counts[BatchStatus.ok] == 1


def test_missing_dask_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("1/CT-TTg", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match="dask"):
        list(parse_many([tmp_path], glob="*.txt", engine="dask", parse_fn=fake_parse))


@pytest.mark.slow
def test_dask_local_cluster(archive):
    results = _by_name(parse_many([archive], glob=GLOB, engine="dask", workers=2, timeout=20, parse_fn=fake_parse))
    assert results["good.txt"].status is BatchStatus.ok
    assert results["good.txt"].directive.number == "33/CT-TTg"
    assert results["empty.pdf"].error_type == "EmptyDocumentError"
    assert results["boom.txt"].error_type == "ValueError"
    assert len(results) == 6


@pytest.mark.slow
def test_dask_timeout(tmp_path):
    (tmp_path / "slow.txt").write_text("SLEEP 30", encoding="utf-8")
    (tmp_path / "fast.txt").write_text("1/CT-TTg", encoding="utf-8")
    results = _by_name(parse_many([tmp_path], glob="*.txt", engine="dask", workers=1, timeout=1, parse_fn=fake_parse))
    assert results["slow.txt"].status is BatchStatus.timeout
    assert results["fast.txt"].status is BatchStatus.ok


# --- CLI ---------------------------------------------------------------------------------


@pytest.fixture
def app():
    application = typer.Typer()
    cli_batch.register(application)
    cli_tracker.register(application)  # two commands: typer then needs the command name
    return application


def test_cli_batch_exit_codes(app, archive, tmp_path, monkeypatch):
    # the worker runs in another process: inject the fake parser through parse_many's parameter
    real = batch_module.parse_many
    monkeypatch.setattr(batch_module, "parse_many", lambda *a, **k: real(*a, parse_fn=fake_parse, **k))
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(archive), "--out", str(out), "--glob", GLOB, "--workers", "2"])
    assert result.exit_code == 6, result.output
    assert (out / "assignments.csv").exists()
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("1/CT-TTg", encoding="utf-8")
    ok = runner.invoke(
        app,
        [
            "batch",
            str(good),
            "--out",
            str(tmp_path / "out2"),
            "--glob",
            "*.txt",
            "--db",
            str(tmp_path / "t.sqlite"),
            "--workers",
            "1",
        ],
    )
    assert ok.exit_code == 0, ok.output


def test_cli_tracker_queries(app, tmp_path):
    from _factories import directive

    db = tmp_path / "t.sqlite"
    with Tracker(db) as t:
        t.import_directive(directive(), run_id="r1")
    runner = CliRunner()
    result = runner.invoke(app, ["tracker", str(db), "--overdue", "--as-of", "2026-01-01", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("id,document_number") and len(lines) == 2 and "33/CT-TTg#1#1" in lines[1]
    by_body = runner.invoke(app, ["tracker", str(db), "--body", "van phong chinh phu", "--format", "csv"])
    assert by_body.output.count("33/CT-TTg#") == 1
    table = runner.invoke(app, ["tracker", str(db), "--due-before", "31/12/2026"])
    assert table.exit_code == 0 and "2 assignment(s)" in table.output
    missing = runner.invoke(app, ["tracker", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2


def test_unwritable_output_is_an_export_error(tmp_path):
    from directive_parser.errors import ExportError

    (tmp_path / "in").mkdir()
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(ExportError, match="out"):
        run_batch([tmp_path / "in"], blocker, glob="*.txt", parse_fn=fake_parse)


# Bundled with the repository (fixtures/README.md), so the test runs on a fresh clone.
FIXTURE_PDF = Path(__file__).resolve().parent.parent / "fixtures" / "ct33.text.pdf"


def test_fixture_is_found_relative_to_the_repository():
    assert FIXTURE_PDF.is_file() and FIXTURE_PDF.read_bytes().startswith(b"%PDF")


def test_real_pipeline_on_fixture_and_bad_files(tmp_path):
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURE_PDF, folder / "ct33.pdf")
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "png.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (folder / "cut.pdf").write_bytes(FIXTURE_PDF.read_bytes()[:3000])
    out = tmp_path / "out"
    summary = run_batch([folder], out, db=tmp_path / "t.sqlite", workers=2, timeout=120)
    status = {
        json.loads(line)["path"].rsplit("/", 1)[-1]: json.loads(line)
        for line in (out / "status.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert status["ct33.pdf"]["status"] in ("ok", "partial") and status["ct33.pdf"]["pages"] == 5
    assert status["zero.pdf"]["error_type"] == "EmptyDocumentError"
    assert status["png.pdf"]["error_type"] == "NotAPdfError"
    assert status["cut.pdf"]["error_type"] == "CorruptPdfError"
    assert summary.failures == 3
    with Tracker(tmp_path / "t.sqlite") as t:
        assert t.by_body("bo cong an")


# --- nothing lost: torn lines, transient failures -----------------------------------------------


def _good_folder(tmp_path, n=3):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(n):
        (folder / f"d{i}.txt").write_text(f"{40 + i}/CT-TTg", encoding="utf-8")
    return folder


def test_a_torn_directive_line_is_cut_and_its_document_parsed_again(tmp_path):
    folder, out = _good_folder(tmp_path), tmp_path / "out"
    run_batch([folder], out, glob="*.txt", workers=1, parse_fn=fake_parse)
    directives = out / "directives.jsonl"
    lines = directives.read_bytes().splitlines(keepends=True)
    # a crash while the last directive line was written: half of it on disk, its status already there
    directives.write_bytes(b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])
    second = run_batch([folder], out, glob="*.txt", resume=True, workers=1, parse_fn=fake_parse)
    assert second.counts[BatchStatus.ok] == 1 and second.counts[BatchStatus.skipped] == 2
    rows = [json.loads(line) for line in directives.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["number"] for r in rows) == ["40/CT-TTg", "41/CT-TTg", "42/CT-TTg"]


def test_transient_failures_are_retried_on_resume_and_others_with_retry_failed(tmp_path, monkeypatch):
    folder, out = _good_folder(tmp_path, 1), tmp_path / "out"
    (folder / "boom.txt").write_text("BOOM", encoding="utf-8")
    run_batch([folder], out, glob="*.txt", workers=1, parse_fn=fake_parse)
    status = out / "status.jsonl"
    rows = [json.loads(line) for line in status.read_text(encoding="utf-8").splitlines()]
    # make the good document's record a transient failure, as a missing Tesseract would leave it
    for row in rows:
        if row["path"].endswith("d0.txt"):
            row.update(status="failed", error_type="MissingDependencyError", directive=None)
    status.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    second = run_batch([folder], out, glob="*.txt", resume=True, workers=1, parse_fn=fake_parse)
    assert (second.counts[BatchStatus.ok], second.counts[BatchStatus.skipped]) == (1, 1)  # BOOM stays done
    third = run_batch([folder], out, glob="*.txt", resume=True, retry_failed=True, workers=1, parse_fn=fake_parse)
    assert third.counts[BatchStatus.failed] == 1 and third.counts[BatchStatus.skipped] == 1


def test_default_glob_takes_every_readable_type_case_insensitively(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.pdf", "B.PDF", "c.txt", "d.docx", "e.doc", "f.md", "g.png"):
        (folder / name).write_bytes(b"x")
    assert [p.name for p in iter_inputs([folder])] == ["B.PDF", "a.pdf", "c.txt", "d.docx", "e.doc"]


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("1/CT-TTg", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "own.txt").write_text("2/CT-TTg", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    assert [p.name for p in iter_inputs([folder], "*.txt")] == ["own.txt"]
    assert [p.name for p in iter_inputs([folder], "*.txt", follow_links=True)] == ["link.txt", "own.txt"]


def test_a_glob_with_a_path_is_an_option_error(tmp_path):
    from directive_parser.errors import OptionError

    with pytest.raises(OptionError):
        list(iter_inputs([tmp_path], "/etc/*.txt"))


def test_cli_batch_says_when_no_file_matches(app, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no input files" in result.output


def test_error_messages_escape_hostile_file_names():
    from directive_parser.errors import NotAPdfError

    message = str(NotAPdfError("not a PDF", "evil\n\x1b[2Jname.pdf"))
    assert "\n" not in message and "\x1b" not in message and "\\x1b[2J" in message


def test_parser_version_covers_the_whole_package(monkeypatch):
    """A changed rule or gazetteer row must change the version `--resume` compares, so the
    digest reads the package's rules and data files, not only the batch code."""
    import directive_parser

    package = Path(directive_parser.__file__).resolve().parent
    read: list[str] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self.resolve().relative_to(package).as_posix())
        return real(self)

    batch_module.parser_version.cache_clear()
    monkeypatch.setattr(Path, "read_bytes", spy)
    try:
        version = batch_module.parser_version()
    finally:
        monkeypatch.undo()
        batch_module.parser_version.cache_clear()
    assert {"data/bodies.tsv", "extract/grammar.py", "pipeline.py", "batch/runner.py"} <= set(read)
    assert version == batch_module.parser_version()  # the same files, the same digest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss surviving exec is Linux behaviour")
def test_worker_peak_rss_is_the_workers_own(tmp_path):
    """A worker's peak RSS is its own: not the size of the (large) process that spawned it."""
    (tmp_path / "one.txt").write_text("1/CT-TTg", encoding="utf-8")
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # touched: resident in this process
    results = list(parse_many([tmp_path], glob="*.txt", workers=1, parse_fn=fake_parse))
    del ballast
    assert results[0].status is BatchStatus.ok
    assert results[0].peak_rss_mb is not None and 5 < results[0].peak_rss_mb < 300
