"""Directive -> SQLite task tracker: documents, clauses, assignments and who leads them.

Tables: `documents` (key = number if known, else source sha256), `clauses`, `assignments`
(primary key = the stable `Assignment.id`), `bodies`, `assignment_bodies` (role lead or
coordinating), `runs` and `results` (one status per (sha256, parser version), read by batch
resume). Importing the same directive twice updates rows in place. Importing a revision (same
key, new content) returns which assignment ids were added, changed or dropped; dropped rows are
marked `status='dropped'`, never deleted, so the history of a task stays queryable.

The database runs in WAL mode and each document is imported in one transaction, so a crash
loses at most the document being written.
"""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field

from directive_parser.errors import ExportError
from directive_parser.models import Assignment, Body, Directive
from directive_parser.text.normalize import fold_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
    parser_version TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY, number TEXT, doc_type TEXT, issuer TEXT, issued TEXT, title TEXT,
    sha256 TEXT NOT NULL, path TEXT, revision INTEGER NOT NULL DEFAULT 1,
    first_run TEXT, last_run TEXT, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clauses (
    document_key TEXT NOT NULL REFERENCES documents(key), path TEXT NOT NULL, label TEXT,
    kind TEXT, text TEXT, page INTEGER, PRIMARY KEY (document_key, path));
CREATE TABLE IF NOT EXISTS assignments (
    id TEXT PRIMARY KEY, document_key TEXT NOT NULL REFERENCES documents(key),
    clause TEXT, task TEXT, deadline_text TEXT, deadline_kind TEXT, start TEXT, due TEXT,
    recurrence TEXT, product TEXT, submit_to TEXT, page INTEGER, completeness TEXT,
    content_hash TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', done_on TEXT,
    first_run TEXT, last_run TEXT, dropped_run TEXT);
CREATE INDEX IF NOT EXISTS assignments_due ON assignments(due);
CREATE INDEX IF NOT EXISTS assignments_document ON assignments(document_key);
CREATE TABLE IF NOT EXISTS bodies (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, name_fold TEXT NOT NULL, kind TEXT);
CREATE TABLE IF NOT EXISTS assignment_bodies (
    assignment_id TEXT NOT NULL REFERENCES assignments(id), body_id INTEGER NOT NULL
    REFERENCES bodies(id), role TEXT NOT NULL CHECK (role IN ('lead', 'coordinating')),
    text TEXT, ordinal INTEGER, PRIMARY KEY (assignment_id, role, body_id));
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL, parser_version TEXT NOT NULL, path TEXT, status TEXT NOT NULL,
    error_type TEXT, message TEXT, pages INTEGER, seconds REAL, run_id TEXT, finished_at TEXT,
    PRIMARY KEY (sha256, parser_version));
"""

_SELECT_ASSIGNMENTS = """
SELECT a.*, d.number AS document_number,
  (SELECT group_concat(name, '; ') FROM (SELECT b.name FROM assignment_bodies ab
     JOIN bodies b ON b.id = ab.body_id WHERE ab.assignment_id = a.id AND ab.role = 'lead'
     ORDER BY ab.ordinal)) AS lead_names,
  (SELECT group_concat(name, '; ') FROM (SELECT b.name FROM assignment_bodies ab
     JOIN bodies b ON b.id = ab.body_id WHERE ab.assignment_id = a.id AND ab.role = 'coordinating'
     ORDER BY ab.ordinal)) AS coordinating_names
FROM assignments a JOIN documents d ON d.key = a.document_key
"""


def document_key(directive: Directive) -> str:
    """The tracker's key for a document: its number when known, else the source sha256."""
    return directive.number or directive.source.sha256


class ImportDiff(BaseModel):
    """What importing one directive changed in the tracker."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document_key: str
    state: str = Field(description="new | unchanged | updated | revised (new content hash)")
    added: list[str] = Field(default_factory=list, description="Assignment ids not seen before")
    changed: list[str] = Field(default_factory=list, description="Ids whose content changed")
    dropped: list[str] = Field(default_factory=list, description="Ids no longer in the directive")
    unchanged: int = 0


class TrackedAssignment(BaseModel):
    """One assignment row as the tracker returns it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    document_key: str
    document_number: str | None
    clause: str | None
    task: str
    lead: list[str]
    coordinating: list[str]
    deadline_text: str | None
    due: date | None
    recurrence: str | None
    product: str | None
    submit_to: str | None
    page: int | None
    status: str = Field(description="open | done | dropped")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _content_hash(assignment: Assignment) -> str:
    # Spans shift whenever text above them changes; only the task's own fields count as a change.
    payload = assignment.model_dump_json(exclude={"span"})
    return hashlib.sha256(payload.encode()).hexdigest()


def _split(names: str | None) -> list[str]:
    return names.split("; ") if names else []


def _to_tracked(row: sqlite3.Row) -> TrackedAssignment:
    return TrackedAssignment(
        id=row["id"],
        document_key=row["document_key"],
        document_number=row["document_number"],
        clause=row["clause"],
        task=row["task"],
        lead=_split(row["lead_names"]),
        coordinating=_split(row["coordinating_names"]),
        deadline_text=row["deadline_text"],
        due=date.fromisoformat(row["due"]) if row["due"] else None,
        recurrence=row["recurrence"],
        product=row["product"],
        submit_to=row["submit_to"],
        page=row["page"],
        status=row["status"],
    )


class Tracker:
    """A SQLite task tracker; use as a context manager.

    >>> with Tracker("tasks.sqlite") as t:  # doctest: +SKIP
    ...     diff = t.import_directive(directive, run_id=t.begin_run("0.1.0"))
    ...     late = t.overdue(date(2026, 1, 1))
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        """Open (creating if needed) the database. Raises `ExportError` if it can't be opened."""
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.executescript(SCHEMA)
        except sqlite3.Error as e:
            raise ExportError(f"cannot open tracker database: {e}", self.path) from e
        self._conn = conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self.open()
        return self._conn  # type: ignore[return-value]

    def _transaction(self):
        return _Transaction(self.conn, self.path)

    # --- runs and per-document results ---------------------------------------------------

    def begin_run(self, parser_version: str | None = None, note: str | None = None, run_id: str | None = None) -> str:
        """Record the start of a run and return its id."""
        run_id = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        with self._transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO runs (id, started_at, parser_version, note) VALUES (?, ?, ?, ?)",
                (run_id, _now(), parser_version, note),
            )
        return run_id

    def finish_run(self, run_id: str) -> None:
        with self._transaction() as c:
            c.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run_id))

    def record_result(self, result, run_id: str) -> None:
        """Store one batch status (a `batch.BatchResult`) keyed by (sha256, parser version)."""
        with self._transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (result.sha256, result.parser_version, result.path, str(result.status), result.error_type,
                 result.message, result.pages, result.seconds, run_id, _now()),
            )

    def results(self) -> list[sqlite3.Row]:
        """All stored per-document statuses."""
        return self.conn.execute("SELECT * FROM results").fetchall()

    # --- import -------------------------------------------------------------------------

    def import_directive(self, directive: Directive, run_id: str) -> ImportDiff:
        """Insert or update one directive and its assignments in a single transaction.

        Args:
            directive: The parsed directive.
            run_id: The run this import belongs to (created if unknown).

        Returns:
            Which assignment ids were added, changed and dropped since the last import.

        Raises:
            ExportError: The database could not be written.
        """
        key = document_key(directive)
        with self._transaction() as c:
            c.execute("INSERT OR IGNORE INTO runs (id, started_at) VALUES (?, ?)", (run_id, _now()))
            previous = c.execute("SELECT sha256 FROM documents WHERE key = ?", (key,)).fetchone()
            self._upsert_document(c, directive, key, run_id, revised=bool(previous and previous[0] != directive.source.sha256))
            self._replace_clauses(c, directive, key)
            diff = self._sync_assignments(c, directive, key, run_id)
        if previous is None:
            state = "new"
        elif previous[0] != directive.source.sha256:
            state = "revised"
        else:
            state = "updated" if diff["added"] or diff["changed"] or diff["dropped"] else "unchanged"
        return ImportDiff(document_key=key, state=state, **diff)

    def _upsert_document(self, c, d: Directive, key: str, run_id: str, revised: bool) -> None:
        c.execute(
            """INSERT INTO documents (key, number, doc_type, issuer, issued, title, sha256, path,
                 first_run, last_run, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(key) DO UPDATE SET number=excluded.number, doc_type=excluded.doc_type,
                 issuer=excluded.issuer, issued=excluded.issued, title=excluded.title,
                 sha256=excluded.sha256, path=excluded.path, last_run=excluded.last_run,
                 updated_at=excluded.updated_at, revision=revision + ?""",
            (key, d.number, d.doc_type, d.issuer, _iso(d.issued), d.title, d.source.sha256,
             d.source.path, run_id, run_id, _now(), int(revised)),
        )

    def _replace_clauses(self, c, d: Directive, key: str) -> None:
        c.execute("DELETE FROM clauses WHERE document_key = ?", (key,))
        rows = {
            node.path: (key, node.path, node.label, str(node.kind), node.text, node.span.page)
            for top in d.clauses
            for node in top.walk()
        }
        c.executemany("INSERT INTO clauses VALUES (?, ?, ?, ?, ?, ?)", rows.values())

    def _sync_assignments(self, c, d: Directive, key: str, run_id: str) -> dict:
        old = {
            row["id"]: row
            for row in c.execute("SELECT id, content_hash, status FROM assignments WHERE document_key = ?", (key,))
        }
        added, changed, unchanged = [], [], 0
        for a in d.assignments:
            content = _content_hash(a)
            prior = old.get(a.id)
            if prior is None or prior["status"] == "dropped":
                added.append(a.id)
            elif prior["content_hash"] != content:
                changed.append(a.id)
            else:
                unchanged += 1
            self._upsert_assignment(c, a, key, content, run_id)
        current = {a.id for a in d.assignments}
        dropped = [i for i, row in old.items() if i not in current and row["status"] != "dropped"]
        c.executemany(
            "UPDATE assignments SET status = 'dropped', dropped_run = ? WHERE id = ?",
            [(run_id, i) for i in dropped],
        )
        return {"added": added, "changed": changed, "dropped": dropped, "unchanged": unchanged}

    def _upsert_assignment(self, c, a: Assignment, key: str, content: str, run_id: str) -> None:
        dl = a.deadline
        recurrence = a.recurrence or (dl.recurrence if dl else None)
        c.execute(
            """INSERT INTO assignments (id, document_key, clause, task, deadline_text, deadline_kind,
                 start, due, recurrence, product, submit_to, page, completeness, content_hash,
                 first_run, last_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET document_key=excluded.document_key,
                 clause=excluded.clause, task=excluded.task, deadline_text=excluded.deadline_text,
                 deadline_kind=excluded.deadline_kind, start=excluded.start, due=excluded.due,
                 recurrence=excluded.recurrence, product=excluded.product,
                 submit_to=excluded.submit_to, page=excluded.page,
                 completeness=excluded.completeness, content_hash=excluded.content_hash,
                 last_run=excluded.last_run, dropped_run=NULL,
                 status=CASE WHEN status = 'dropped' THEN 'open' ELSE status END""",
            (a.id, key, a.clause, a.task, dl.text if dl else None, str(dl.kind) if dl else None,
             _iso(dl.start) if dl else None, _iso(dl.due) if dl else None,
             str(recurrence) if recurrence else None, a.product, a.submit_to, a.span.page,
             "; ".join(str(x) for x in a.completeness), content, run_id, run_id),
        )
        c.execute("DELETE FROM assignment_bodies WHERE assignment_id = ?", (a.id,))
        for role, bodies in (("lead", a.lead), ("coordinating", a.coordinating)):
            for ordinal, body in enumerate(bodies):
                c.execute(
                    "INSERT OR IGNORE INTO assignment_bodies VALUES (?, ?, ?, ?, ?)",
                    (a.id, self._body_id(c, body), role, body.text, ordinal),
                )

    @staticmethod
    def _body_id(c, body: Body) -> int:
        c.execute(
            "INSERT INTO bodies (name, name_fold, kind) VALUES (?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind",
            (body.name, fold_key(body.name), str(body.kind)),
        )
        return c.execute("SELECT id FROM bodies WHERE name = ?", (body.name,)).fetchone()[0]

    def mark_done(self, assignment_id: str, done_on: date | None = None) -> None:
        """Mark an assignment as done so `overdue` stops listing it."""
        with self._transaction() as c:
            c.execute(
                "UPDATE assignments SET status = 'done', done_on = ? WHERE id = ?",
                (_iso(done_on or date.today()), assignment_id),
            )

    # --- queries ------------------------------------------------------------------------

    def query(
        self,
        *,
        due_before: date | None = None,
        overdue_as_of: date | None = None,
        body: str | None = None,
        include_dropped: bool = False,
    ) -> list[TrackedAssignment]:
        """Assignments matching all given filters, ordered by due date then id.

        Args:
            due_before: Keep tasks due on or before this date.
            overdue_as_of: Keep open tasks whose due date is strictly before this date.
            body: Keep tasks whose lead or coordinating body's canonical name contains this
                text, ignoring case and diacritics ("bo cong an" matches "Bộ Công an").
            include_dropped: Also return tasks dropped by a later revision.
        """
        where, params = [], []
        if not include_dropped:
            where.append("a.status != 'dropped'")
        if due_before is not None:
            where.append("a.due IS NOT NULL AND a.due <= ?")
            params.append(due_before.isoformat())
        if overdue_as_of is not None:
            where.append("a.status = 'open' AND a.due IS NOT NULL AND a.due < ?")
            params.append(overdue_as_of.isoformat())
        if body:
            where.append(
                "EXISTS (SELECT 1 FROM assignment_bodies ab JOIN bodies b ON b.id = ab.body_id "
                "WHERE ab.assignment_id = a.id AND instr(b.name_fold, ?) > 0)"
            )
            params.append(fold_key(body.strip()))
        sql = _SELECT_ASSIGNMENTS + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY a.due IS NULL, a.due, a.id"
        return [_to_tracked(row) for row in self.conn.execute(sql, params)]

    def due_before(self, day: date) -> list[TrackedAssignment]:
        """Live assignments due on or before `day`."""
        return self.query(due_before=day)

    def overdue(self, as_of: date | None = None) -> list[TrackedAssignment]:
        """Open (not done, not dropped) assignments whose due date is before `as_of` (today)."""
        return self.query(overdue_as_of=as_of or date.today())

    def by_body(self, name: str) -> list[TrackedAssignment]:
        """Live assignments led or co-ordinated by a body whose canonical name contains `name`."""
        return self.query(body=name)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error; sqlite errors become `ExportError`."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn, self.path = conn, path

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise ExportError(f"cannot write tracker database: {e}", self.path) from e
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise ExportError(f"cannot write tracker database: {exc}", self.path) from exc
            return
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            raise ExportError(f"cannot write tracker database: {e}", self.path) from e
