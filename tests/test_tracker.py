"""tracker: idempotent re-import, revision diffs, and the due/overdue/body queries."""
from __future__ import annotations

import sqlite3
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
