"""The tracker's read side and progress records: listings, reports, done / reopen."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from directive_parser.errors import OptionError
from directive_parser.export.tracker_db import Transaction
from directive_parser.export.tracker_rows import (
    SELECT_ASSIGNMENTS,
    TrackedAssignment,
    iso,
    now,
    to_tracked,
)
from directive_parser.text.normalize import fold_key


class TrackerQueries:
    """Mixed into `Tracker`: needs `conn`, `path` and `_transaction()`."""

    path: Path

    @property
    def conn(self) -> sqlite3.Connection:  # provided by Tracker
        raise NotImplementedError

    def _transaction(self) -> Transaction:  # provided by Tracker
        raise NotImplementedError

    def _find(self, assignment_id: str) -> sqlite3.Row:
        row = self.conn.execute("SELECT id, status FROM assignments WHERE id = ?", (assignment_id,)).fetchone()
        if row is None:
            raise OptionError(f"no task with id {assignment_id!r} in {self.path}")
        return row

    def mark_done(self, assignment_id: str, done_on: date | None = None, note: str | None = None) -> None:
        """Record a task as done on `done_on` (today), with an optional note.

        Raises:
            OptionError: no task has this id.
        """
        self._find(assignment_id)
        on = iso(done_on or date.today())
        with self._transaction() as c:
            c.execute(
                "UPDATE assignments SET status = 'done', done_on = ?, note = coalesce(?, note) WHERE id = ?",
                (on, note, assignment_id),
            )
            c.execute(
                "INSERT INTO progress (assignment_id, action, on_date, note, recorded_at) VALUES (?, 'done', ?, ?, ?)",
                (assignment_id, on, note, now()),
            )

    def reopen(self, assignment_id: str, note: str | None = None) -> None:
        """Undo `mark_done`: the task is open again (its history stays in `progress`).

        Raises:
            OptionError: no task has this id.
        """
        self._find(assignment_id)
        with self._transaction() as c:
            c.execute("UPDATE assignments SET status = 'open', done_on = NULL WHERE id = ? AND status = 'done'", (assignment_id,))
            c.execute(
                "INSERT INTO progress (assignment_id, action, on_date, note, recorded_at) VALUES (?, 'reopen', NULL, ?, ?)",
                (assignment_id, note, now()),
            )

    # --- queries ------------------------------------------------------------------------

    def query(
        self,
        *,
        due_before: date | None = None,
        overdue_as_of: date | None = None,
        body: str | None = None,
        include_dropped: bool = False,
        due_from: date | None = None,
        open_as_of: date | None = None,
    ) -> list[TrackedAssignment]:
        """Assignments matching all given filters, ordered by due date then id.

        Args:
            due_before: Keep tasks due on or before this date.
            overdue_as_of: Keep open tasks whose due date is strictly before this date.
            body: Keep tasks whose lead or coordinating body's canonical name contains this
                text, ignoring case and diacritics ("bo cong an" matches "Bộ Công an").
            include_dropped: Also return tasks dropped by a later revision.
            due_from: Keep tasks due on or after this date.
            open_as_of: Keep tasks not done on this date (open, or done later).
        """
        where, params = [], []
        if not include_dropped:
            where.append("a.status != 'dropped'")
        if due_before is not None:
            where.append("a.due IS NOT NULL AND a.due <= ?")
            params.append(due_before.isoformat())
        if due_from is not None:
            where.append("a.due IS NOT NULL AND a.due >= ?")
            params.append(due_from.isoformat())
        if overdue_as_of is not None:
            where.append("a.status = 'open' AND a.due IS NOT NULL AND a.due < ?")
            params.append(overdue_as_of.isoformat())
        if open_as_of is not None:
            where.append("(a.status != 'done' OR a.done_on IS NULL OR a.done_on > ?)")
            params.append(open_as_of.isoformat())
        if body:
            where.append(
                "EXISTS (SELECT 1 FROM assignment_bodies ab JOIN bodies b ON b.id = ab.body_id "
                "WHERE ab.assignment_id = a.id AND instr(b.name_fold, ?) > 0)"
            )
            params.append(fold_key(body.strip()))
        sql = SELECT_ASSIGNMENTS + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY a.due IS NULL, a.due, a.id"
        return [to_tracked(row) for row in self.conn.execute(sql, params)]

    def due_before(self, day: date) -> list[TrackedAssignment]:
        """Live assignments due on or before `day`."""
        return self.query(due_before=day)

    def overdue(self, as_of: date | None = None) -> list[TrackedAssignment]:
        """Open (not done, not dropped) assignments whose due date is before `as_of` (today)."""
        return self.query(overdue_as_of=as_of or date.today())

    def by_body(self, name: str) -> list[TrackedAssignment]:
        """Live assignments led or co-ordinated by a body whose canonical name contains `name`."""
        return self.query(body=name)

    def due_within(self, days: int, as_of: date | None = None, body: str | None = None) -> list[TrackedAssignment]:
        """Tasks not done on `as_of` (today) that fall due within `days` days of it (inclusive)."""
        start = as_of or date.today()
        return self.query(due_from=start, due_before=start + timedelta(days=days), open_as_of=start, body=body)

    def report(self, as_of: date | None = None, by: str | None = None, body: str | None = None) -> dict[str, Counter]:
        """Counts of live tasks per monitoring category on `as_of` (today), overall or per group.

        Args:
            by: None (one group, "tổng"), "body" (each lead body; a task with two leads counts for
                both, one without a lead under "(chưa rõ cơ quan chủ trì)") or "document" (number).
        """
        if by not in (None, "body", "document"):
            raise OptionError(f"--by {by!r} is not one of: body, document")
        day = as_of or date.today()
        groups: dict[str, Counter] = {}
        for task in self.query(body=body):
            category = task.monitoring(day)
            if by == "body":
                names = task.lead or ["(chưa rõ cơ quan chủ trì)"]
            elif by == "document":
                names = [task.document_number or task.document_key]
            else:
                names = ["tổng"]
            for name in names:
                groups.setdefault(name, Counter())[category] += 1
        return dict(sorted(groups.items()))
