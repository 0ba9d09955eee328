"""tracker: idempotent re-import, revision diffs, and the due/overdue/body queries."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

import pytest
from _factories import assignment, directive

from directive_parser.errors import ExportError
from directive_parser.export.tracker import TrackedAssignment, Tracker, document_key
from directive_parser.text.normalize import fold_key


@pytest.fixture
def tracker(tmp_path):
    with Tracker(tmp_path / "t.sqlite") as t:
        yield t


def _count(t: Tracker, table: str) -> int:
    return t.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_wal_mode(tracker):
    assert tracker.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_first_import_reports_all_added(tracker):
    diff = tracker.import_directive(directive(), run_id="r1")
    assert diff.state == "new"
    assert diff.added == ["33/CT-TTg#1#1", "33/CT-TTg#2.a#1"]
    assert (_count(tracker, "documents"), _count(tracker, "assignments"), _count(tracker, "bodies")) == (1, 2, 3)
    assert _count(tracker, "assignment_bodies") == 4


def test_reimport_is_idempotent(tracker):
    tracker.import_directive(directive(), run_id="r1")
    diff = tracker.import_directive(directive(), run_id="r2")
    assert diff.state == "unchanged"
    assert (diff.added, diff.changed, diff.dropped, diff.unchanged) == ([], [], [], 2)
    counts = [_count(tracker, t) for t in ("documents", "clauses", "assignments", "bodies", "assignment_bodies")]
    assert counts == [1, 1, 2, 3, 4]
    assert _count(tracker, "runs") == 2


def test_revised_directive_reports_added_changed_dropped(tracker):
    tracker.import_directive(directive(), run_id="r1")
    revised = directive(
        sha256="f" * 64,
        assignments=[
            assignment("33/CT-TTg#1#1", "1", due=date(2026, 1, 31), product="Báo cáo"),  # new deadline
            assignment("33/CT-TTg#3#1", "3", lead=("Bộ Tài chính",)),
        ],
    )
    diff = tracker.import_directive(revised, run_id="r2")
    assert diff.state == "revised"
    assert diff.added == ["33/CT-TTg#3#1"]
    assert diff.changed == ["33/CT-TTg#1#1"]
    assert diff.dropped == ["33/CT-TTg#2.a#1"]
    # dropped rows are kept and marked, and leave the live queries
    row = tracker.conn.execute("SELECT status, dropped_run FROM assignments WHERE id = '33/CT-TTg#2.a#1'").fetchone()
    assert tuple(row) == ("dropped", "r2")
    assert [a.id for a in tracker.by_body("Bộ Nội vụ")] == []
    assert tracker.conn.execute("SELECT revision FROM documents").fetchone()[0] == 2


def test_dropped_assignment_that_returns_counts_as_added(tracker):
    tracker.import_directive(directive(), run_id="r1")
    tracker.import_directive(directive(sha256="f" * 64, assignments=[]), run_id="r2")
    diff = tracker.import_directive(directive(), run_id="r3")
    assert sorted(diff.added) == ["33/CT-TTg#1#1", "33/CT-TTg#2.a#1"]
    assert {a.status for a in tracker.due_before(date(2030, 1, 1))} == {"open"}


def test_span_shift_is_not_a_change(tracker):
    tracker.import_directive(directive(assignments=[assignment("k#1", page=1)]), run_id="r1")
    moved = assignment("k#1", page=1).model_copy(update={"span": assignment("k#1", page=1).span.model_copy(update={"start": 40})})
    assert tracker.import_directive(directive(assignments=[moved]), run_id="r2").changed == []


def test_queries_due_before_and_overdue(tracker):
    tracker.import_directive(directive(), run_id="r1")
    assert [a.id for a in tracker.due_before(date(2025, 12, 31))] == ["33/CT-TTg#1#1"]  # inclusive
    assert len(tracker.due_before(date(2026, 12, 31))) == 2
    late = tracker.overdue(date(2026, 1, 1))
    assert [a.id for a in late] == ["33/CT-TTg#1#1"]
    assert isinstance(late[0], TrackedAssignment)
    assert late[0].due == date(2025, 12, 31) and late[0].lead == ["Bộ Công an"]
    assert tracker.overdue(date(2025, 12, 31)) == []  # due today is not overdue yet
    tracker.mark_done("33/CT-TTg#1#1", date(2025, 12, 20))
    assert tracker.overdue(date(2026, 1, 1)) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Bộ Nội vụ", ["33/CT-TTg#2.a#1"]),
        ("bo noi vu", ["33/CT-TTg#2.a#1"]),
        ("BỘ CÔNG AN", ["33/CT-TTg#1#1", "33/CT-TTg#2.a#1"]),  # lead of one, coordinating the other
        ("van phong", ["33/CT-TTg#2.a#1"]),
        ("Bộ Tài chính", []),
    ],
    ids=["exact", "no-accents", "upper-and-coordinating", "substring", "absent"],
)
def test_by_body(tracker, query, expected):
    tracker.import_directive(directive(), run_id="r1")
    rows = tracker.by_body(query)
    assert [a.id for a in rows] == expected


def test_lead_order_and_roles_are_kept(tracker):
    tracker.import_directive(directive(), run_id="r1")
    row = next(a for a in tracker.by_body("văn phòng chính phủ"))
    assert row.lead == ["Bộ Nội vụ", "Văn phòng Chính phủ"]
    assert row.coordinating == ["Bộ Công an"]


def test_document_key_falls_back_to_sha(tracker):
    d = directive(None, sha256="c" * 64)
    assert document_key(d) == "c" * 64
    assert tracker.import_directive(d, run_id="r1").document_key == "c" * 64


def test_fold_key():
    assert fold_key("Ủy ban nhân dân tỉnh Đắk Lắk") == "uy ban nhan dan tinh dak lak"


def test_nothing_lost_when_a_later_import_fails(tmp_path, monkeypatch):
    path = tmp_path / "t.sqlite"
    with Tracker(path) as t:
        t.import_directive(directive("1/CT-TTg"), run_id="r1")
        monkeypatch.setattr(t, "_replace_clauses", lambda *a: (_ for _ in ()).throw(sqlite3.OperationalError("disk I/O")))
        with pytest.raises(ExportError):
            t.import_directive(directive("2/CT-TTg"), run_id="r1")
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT key FROM documents")] == ["1/CT-TTg"]
        assert conn.execute("SELECT count(*) FROM assignments").fetchone()[0] == 2


# --- schema versions, read-only queries, hostile files, locks (issue 10) -----------------------

import os  # noqa: E402
import shutil  # noqa: E402

from directive_parser.errors import DatabaseBusyError, OptionError, TrackerDatabaseError  # noqa: E402
from directive_parser.export import tracker as tracker_module  # noqa: E402

# The first layout, written without a user_version: results keyed by sha256 alone.
SCHEMA_V1 = """
CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, parser_version TEXT, note TEXT);
CREATE TABLE documents (key TEXT PRIMARY KEY, number TEXT, doc_type TEXT, issuer TEXT, issued TEXT, title TEXT,
    sha256 TEXT NOT NULL, path TEXT, revision INTEGER NOT NULL DEFAULT 1, first_run TEXT, last_run TEXT,
    updated_at TEXT NOT NULL);
CREATE TABLE clauses (document_key TEXT NOT NULL REFERENCES documents(key), path TEXT NOT NULL, label TEXT,
    kind TEXT, text TEXT, page INTEGER, PRIMARY KEY (document_key, path));
CREATE TABLE assignments (id TEXT PRIMARY KEY, document_key TEXT NOT NULL REFERENCES documents(key),
    clause TEXT, task TEXT, deadline_text TEXT, deadline_kind TEXT, start TEXT, due TEXT,
    recurrence TEXT, product TEXT, submit_to TEXT, page INTEGER, completeness TEXT,
    content_hash TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', done_on TEXT,
    first_run TEXT, last_run TEXT, dropped_run TEXT);
CREATE TABLE bodies (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, name_fold TEXT NOT NULL, kind TEXT);
CREATE TABLE assignment_bodies (assignment_id TEXT NOT NULL REFERENCES assignments(id), body_id INTEGER NOT NULL
    REFERENCES bodies(id), role TEXT NOT NULL CHECK (role IN ('lead', 'coordinating')),
    text TEXT, ordinal INTEGER, PRIMARY KEY (assignment_id, role, body_id));
CREATE TABLE results (sha256 TEXT NOT NULL, parser_version TEXT NOT NULL, path TEXT, status TEXT NOT NULL,
    error_type TEXT, message TEXT, pages INTEGER, seconds REAL, run_id TEXT, finished_at TEXT,
    PRIMARY KEY (sha256, parser_version));
INSERT INTO documents VALUES ('33/CT-TTg', '33/CT-TTg', 'Chỉ thị', NULL, '2025-11-06', NULL, 'aa', 'a.txt', 1,
    'r0', 'r0', '2025-11-07');
INSERT INTO assignments (id, document_key, task, due, content_hash, status, done_on)
    VALUES ('33/CT-TTg#1#1', '33/CT-TTg', 'Hoàn thiện', '2025-12-31', 'h', 'done', '2025-12-20');
INSERT INTO results VALUES ('', 'v', 'gone.pdf', 'failed', 'FileUnreadableError', 'x', 0, 0, 'r0', NULL);
INSERT INTO results VALUES ('aa', 'v', 'a.txt', 'ok', NULL, NULL, 1, 0.1, 'r0', NULL);
"""
# An earlier, thinner version-1 file: no progress columns, no results table.
SCHEMA_V1_EARLY = """
CREATE TABLE documents (key TEXT PRIMARY KEY, number TEXT, doc_type TEXT, issuer TEXT, issued TEXT, title TEXT,
    sha256 TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE assignments (id TEXT PRIMARY KEY, document_key TEXT NOT NULL, clause TEXT, task TEXT,
    deadline_text TEXT, deadline_kind TEXT, start TEXT, due TEXT, recurrence TEXT, product TEXT, submit_to TEXT,
    page INTEGER, content_hash TEXT NOT NULL);
INSERT INTO documents VALUES ('33/CT-TTg', '33/CT-TTg', 'Chỉ thị', NULL, NULL, NULL, 'aa', '2025-11-07');
INSERT INTO assignments (id, document_key, task, due, content_hash) VALUES ('33/CT-TTg#1#1', '33/CT-TTg', 'Việc', '2025-12-31', 'h');
"""


def _make_db(path, script: str) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("script", [SCHEMA_V1, SCHEMA_V1_EARLY], ids=["v1", "v1-early"])
def test_an_older_schema_is_migrated_by_a_writer(tmp_path, script):
    path = tmp_path / "old.sqlite"
    _make_db(path, script)
    with pytest.raises(TrackerDatabaseError, match="older"):  # readers never migrate
        Tracker(path, readonly=True).open()
    with Tracker(path) as t:
        assert t.schema_version == tracker_module.SCHEMA_VERSION
        [task] = t.query()
        assert (task.id, task.due) == ("33/CT-TTg#1#1", date(2025, 12, 31))
        t.mark_done(task.id, date(2026, 1, 5), note="báo cáo số 12")
        t.import_directive(directive(), run_id="r1")  # the migrated file takes new imports
    with Tracker(path, readonly=True) as t:
        assert t.query()[0].note == "báo cáo số 12"
        keys = {r["key"] for r in t.results()}
    if script is SCHEMA_V1:
        assert keys == {"path:gone.pdf", "aa"}  # the unreadable file now has its own key


def test_cli_migrate_and_then_read(tmp_path):
    from typer.testing import CliRunner

    from directive_parser.cli import tracker as cli_tracker

    path = tmp_path / "old.sqlite"
    _make_db(path, SCHEMA_V1)
    app = _app(cli_tracker)
    runner = CliRunner()
    assert runner.invoke(app, ["tracker", str(path)]).exit_code == 2  # older: a typed error, not IndexError
    result = runner.invoke(app, ["tracker", str(path), "migrate"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["tracker", str(path), "--format", "csv"])
    assert listed.exit_code == 0 and "33/CT-TTg#1#1" in listed.output


def _app(cli_tracker):
    import typer

    app = typer.Typer()
    cli_tracker.register(app)
    app.command("noop")(lambda: None)  # two commands: typer then needs the command name
    return app


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_read_commands_never_write(tmp_path):
    from typer.testing import CliRunner

    from directive_parser.cli import tracker as cli_tracker

    source = tmp_path / "t.sqlite"
    with Tracker(source) as t:
        t.import_directive(directive(), run_id="r1")
    folder = tmp_path / "ro"
    folder.mkdir()
    copy = folder / "t.sqlite"
    shutil.copy(source, copy)
    copy.chmod(0o444)
    before = _snapshot(folder)
    runner, app = CliRunner(), _app(cli_tracker)
    for args in (
        [],
        ["--overdue", "--as-of", "2026-01-01"],
        ["--report"],
        ["--report", "--by", "body"],
        ["--due-within", "30", "--as-of", "2025-12-15"],
        ["--format", "csv"],
    ):
        result = runner.invoke(app, ["tracker", str(copy), *args])
        assert result.exit_code == 0, (args, result.output)
    assert _snapshot(folder) == before  # no -wal/-shm beside it, not a byte changed
    # tests run as root, where chmod 444 stops nothing: the mode=ro URI is what refuses writes
    with Tracker(copy, readonly=True) as t:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            t.conn.execute("CREATE TABLE x (y)")
        with pytest.raises(ExportError, match="read-only"):
            t.mark_done("33/CT-TTg#1#1")
    assert _snapshot(folder) == before


def test_reader_works_beside_a_live_writer(tmp_path):
    path = tmp_path / "t.sqlite"
    with Tracker(path) as writer:
        writer.import_directive(directive(), run_id="r1")
        with Tracker(path, readonly=True) as reader:  # the -wal file exists: a plain mode=ro open
            assert len(reader.query()) == 2
            writer.import_directive(directive("34/CT-TTg"), run_id="r2")
            assert len(reader.query()) == 4


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"SQLite format 3\x00" + os.urandom(4096), "not a usable tracker"),
        ("Số: 33/CT-TTg\n".encode() * 100, "no SQLite header"),
    ],
    ids=["corrupt-sqlite", "text-file"],
)
@pytest.mark.parametrize("readonly", [True, False], ids=["reader", "writer"])
def test_a_file_that_is_not_a_tracker_is_a_typed_error(tmp_path, content, match, readonly):
    path = tmp_path / "t.sqlite"
    path.write_bytes(content)
    with pytest.raises(TrackerDatabaseError, match=match) as exc:
        Tracker(path, readonly=readonly).open()
    assert exc.value.path == str(path) and int(exc.value.exit_code) == 2
    assert path.read_bytes() == content


def test_another_programs_database_is_left_alone(tmp_path):
    path = tmp_path / "theirs.sqlite"
    _make_db(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('An');")
    before = path.read_bytes()
    for readonly in (True, False):
        with pytest.raises(TrackerDatabaseError, match="not a directive-parser tracker"):
            Tracker(path, readonly=readonly).open()
    assert path.read_bytes() == before  # no table created, no switch to WAL
    assert not (tmp_path / "theirs.sqlite-wal").exists()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "t.sqlite"
    with Tracker(path) as t:
        t.conn.execute("PRAGMA user_version = 99")
    for readonly in (True, False):
        with pytest.raises(TrackerDatabaseError, match="newer"):
            Tracker(path, readonly=readonly).open()


def test_a_held_lock_is_waited_for_then_a_typed_error(tmp_path):
    path = tmp_path / "t.sqlite"
    with Tracker(path, busy_timeout=0.1) as t:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(DatabaseBusyError) as exc:
            t.import_directive(directive(), run_id="r1")
        assert time.monotonic() - started < 5  # bounded
        assert int(exc.value.exit_code) == 5
        other.execute("ROLLBACK")
        assert t.import_directive(directive(), run_id="r1").state == "new"  # the lock gone, it works
        other.close()


def test_a_lock_released_while_waiting_is_not_an_error(tmp_path):
    import threading

    path = tmp_path / "t.sqlite"
    with Tracker(path, busy_timeout=0.3) as t:
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN EXCLUSIVE")
        threading.Timer(0.4, lambda: other.execute("ROLLBACK")).start()
        assert t.import_directive(directive(), run_id="r1").state == "new"  # a retry got it
        other.close()


# --- same number, different files; progress kept ---------------------------------------------


def test_same_number_from_another_file_keeps_both_with_a_warning(tracker):
    first = tracker.import_directive(directive(path="in/ct33.txt"), run_id="r1")
    second = tracker.import_directive(directive(path="in/ct33-scan.pdf", sha256="e" * 64), run_id="r1")
    assert first.document_key == "33/CT-TTg" and second.document_key == "33/CT-TTg@" + "e" * 12
    assert second.state == "new" and "ct33.txt" in second.warnings[0]
    assert (_count(tracker, "documents"), _count(tracker, "assignments")) == (2, 4)
    assert "33/CT-TTg@eeeeeeeeeeee#1#1" in second.added
    # importing either again updates it in place, with no new warning
    again = tracker.import_directive(directive(path="in/ct33-scan.pdf", sha256="e" * 64), run_id="r2")
    assert (again.document_key, again.state, again.warnings) == (second.document_key, "unchanged", [])
    assert _count(tracker, "documents") == 2


def test_revision_of_the_same_file_keeps_recorded_progress(tracker):
    tracker.import_directive(directive(path="in/ct33.txt"), run_id="r1")
    tracker.mark_done("33/CT-TTg#1#1", date(2025, 12, 20), note="xong")
    revised = directive(
        path="in/ct33.txt",
        sha256="f" * 64,
        assignments=[
            assignment("33/CT-TTg#1#1", "1", due=date(2025, 12, 31), product="Báo cáo"),  # unchanged
            assignment("33/CT-TTg#3#1", "3"),
        ],
    )
    diff = tracker.import_directive(revised, run_id="r2")
    assert diff.state == "revised" and diff.document_key == "33/CT-TTg" and diff.unchanged == 1
    kept = next(a for a in tracker.query() if a.id == "33/CT-TTg#1#1")
    assert (kept.status, kept.done_on, kept.note) == ("done", date(2025, 12, 20), "xong")


def test_unreadable_files_do_not_collide_in_results(tracker):
    from directive_parser.batch.jobs import BatchResult, BatchStatus

    for name in ("a.pdf", "b.pdf"):
        tracker.record_result(
            BatchResult(path=name, sha256="", status=BatchStatus.failed, parser_version="v", error_type="FileUnreadableError"),
            "r1",
        )
    assert sorted(r["key"] for r in tracker.results()) == ["path:a.pdf", "path:b.pdf"]


# --- monitoring: done / reopen / report / due-within --------------------------------------------


@pytest.mark.parametrize(
    ("due", "done_on", "as_of", "category"),
    [
        (date(2025, 12, 31), date(2025, 12, 31), date(2026, 1, 10), tracker_module.DONE_ON_TIME),
        (date(2025, 12, 31), date(2026, 1, 2), date(2026, 1, 10), tracker_module.DONE_LATE),
        (date(2025, 12, 31), None, date(2025, 12, 31), tracker_module.OPEN_ON_TIME),
        (date(2025, 12, 31), None, date(2026, 1, 1), tracker_module.OPEN_LATE),
        (date(2025, 12, 31), date(2026, 1, 5), date(2026, 1, 1), tracker_module.OPEN_LATE),  # done after as-of
        (None, None, date(2030, 1, 1), tracker_module.OPEN_ON_TIME),  # no deadline is never late
    ],
    ids=["done-on-time", "done-late", "open-due-today", "open-overdue", "done-later", "no-deadline"],
)
def test_monitoring_status(due, done_on, as_of, category):
    assert tracker_module.monitoring_status(due, done_on, as_of) == category


def test_done_reopen_and_report(tracker):
    tracker.import_directive(directive(), run_id="r1")  # #1#1 due 31/12/2025 (Bộ Công an), #2.a#1 due 31/03/2026
    tracker.mark_done("33/CT-TTg#1#1", date(2026, 1, 3), note="chậm 3 ngày")
    report = tracker.report(date(2026, 1, 10))
    assert dict(report["tổng"]) == {tracker_module.DONE_LATE: 1, tracker_module.OPEN_ON_TIME: 1}
    by_body = tracker.report(date(2026, 4, 1), by="body")
    assert dict(by_body["Bộ Công an"]) == {tracker_module.DONE_LATE: 1}
    assert dict(by_body["Bộ Nội vụ"]) == {tracker_module.OPEN_LATE: 1} == dict(by_body["Văn phòng Chính phủ"])
    assert set(tracker.report(date(2026, 1, 10), by="document")) == {"33/CT-TTg"}
    tracker.reopen("33/CT-TTg#1#1")
    assert dict(tracker.report(date(2026, 1, 10))["tổng"]) == {tracker_module.OPEN_LATE: 1, tracker_module.OPEN_ON_TIME: 1}
    events = [tuple(r) for r in tracker.conn.execute("SELECT action, on_date, note FROM progress ORDER BY id")]
    assert events == [("done", "2026-01-03", "chậm 3 ngày"), ("reopen", None, None)]
    with pytest.raises(OptionError, match="no task"):
        tracker.mark_done("nope#1")


def test_due_within(tracker):
    tracker.import_directive(directive(), run_id="r1")
    assert [a.id for a in tracker.due_within(7, date(2025, 12, 24))] == ["33/CT-TTg#1#1"]  # 31/12 is day 7
    assert tracker.due_within(6, date(2025, 12, 24)) == []
    tracker.mark_done("33/CT-TTg#1#1", date(2025, 12, 26))
    assert tracker.due_within(7, date(2025, 12, 27)) == []  # done by then
    assert [a.id for a in tracker.due_within(7, date(2025, 12, 25))] == ["33/CT-TTg#1#1"]  # not yet done then


def test_cli_done_reopen_report_due_within(tmp_path):
    from typer.testing import CliRunner

    from directive_parser.cli import tracker as cli_tracker

    db = tmp_path / "t.sqlite"
    with Tracker(db) as t:
        t.import_directive(directive(), run_id="r1")
    runner, app = CliRunner(), _app(cli_tracker)
    done = runner.invoke(app, ["tracker", str(db), "done", "33/CT-TTg#1#1", "--on", "20/12/2025", "--note", "xong"])
    assert done.exit_code == 0, done.output
    report = runner.invoke(app, ["tracker", str(db), "--report", "--as-of", "2026-04-01", "--format", "csv"])
    assert report.exit_code == 0, report.output
    header, total = report.output.strip().splitlines()
    assert header.split(",")[1:5] == list(tracker_module.MONITORING_CATEGORIES)
    assert total.split(",")[1:] == ["1", "0", "0", "1", "2"]
    soon = runner.invoke(app, ["tracker", str(db), "--due-within", "7", "--as-of", "2026-03-25", "--format", "csv"])
    assert soon.output.count("33/CT-TTg#") == 1 and "33/CT-TTg#2.a#1" in soon.output
    assert runner.invoke(app, ["tracker", str(db), "reopen", "33/CT-TTg#1#1"]).exit_code == 0
    with Tracker(db, readonly=True) as t:
        assert {a.status for a in t.query()} == {"open"}
    assert runner.invoke(app, ["tracker", str(db), "done"]).exit_code == 1  # no id: a usage error
    assert runner.invoke(app, ["tracker", str(db), "done", "nope"]).exit_code == 1


def test_cli_listing_fits_80_columns(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from directive_parser.cli import tracker as cli_tracker

    task = (
        "Chủ trì, phối hợp với các bộ, ngành và địa phương hoàn thiện cơ sở dữ liệu quốc gia về dân cư, "
        "bảo đảm kết nối, chia sẻ dữ liệu với các hệ thống thông tin của bộ, ngành trong năm 2026"
    )
    db = tmp_path / "t.sqlite"
    with Tracker(db) as t:
        t.import_directive(directive(assignments=[assignment("33/CT-TTg#1#1", task=task, due=date(2026, 6, 30))]), run_id="r1")
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(_app(cli_tracker), ["tracker", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    row = next(line for line in lines if "33/CT-TTg#1#1" in line)
    shown = row.split("│")[-2].strip()
    assert shown.endswith("…") and task.startswith(shown[:-1]) and task[len(shown) - 1] in " ,"
    assert "coordinating" not in result.output  # fewer columns when narrow
