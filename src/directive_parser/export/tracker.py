"""Directive -> SQLite task tracker: documents, clauses, assignments and who leads them.

Tables: `documents` (key = number if known, else source sha256), `clauses`, `assignments`
(primary key = the stable `Assignment.id`), `bodies`, `assignment_bodies` (role lead or
coordinating), `runs`, `results` (one status per (file key, parser version), read by batch
resume; the key is the sha256, or "path:<path>" for a file that could not be read) and
`progress` (done / reopen events). Importing the same directive twice updates rows in place.
Importing a revision (same number, same file, new content) returns which assignment ids were
added, changed or dropped; dropped rows are marked `status='dropped'`, never deleted, and
recorded progress (done on a date, a note) is kept. Another file with the same number is kept
as a separate document keyed "NUMBER@<sha256 prefix>", with a warning.

The schema is versioned (`PRAGMA user_version`, `SCHEMA_VERSION`); a writer migrates an older
database in one transaction. `Tracker(path, readonly=True)` never writes: it opens the file
through a `mode=ro` URI, creates no table and changes no journal mode, so queries work on a
read-only file and on a database another program is writing.

The database runs in WAL mode and each document is imported in one transaction, so a crash
loses at most the document being written. A lock held by another connection is waited for
(`busy_timeout` seconds, retried a few times), then `DatabaseBusyError`.
"""
from __future__ import annotations

import hashlib
import sqlite3
import time
import urllib.parse
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field

from directive_parser.errors import DatabaseBusyError, ExportError, OptionError, TrackerDatabaseError
from directive_parser.models import Assignment, Body, Directive
from directive_parser.text.normalize import fold_key

# Version 1 is the first layout, written without a user_version (0 on disk).
SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every tracker has had since version 1; an unversioned file without them is not a tracker.
_TRACKER_TABLES = frozenset({"documents", "assignments"})

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
    first_run TEXT, last_run TEXT, dropped_run TEXT, note TEXT);
CREATE INDEX IF NOT EXISTS assignments_due ON assignments(due);
CREATE INDEX IF NOT EXISTS assignments_document ON assignments(document_key);
CREATE TABLE IF NOT EXISTS bodies (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, name_fold TEXT NOT NULL, kind TEXT);
CREATE TABLE IF NOT EXISTS assignment_bodies (
    assignment_id TEXT NOT NULL REFERENCES assignments(id), body_id INTEGER NOT NULL
    REFERENCES bodies(id), role TEXT NOT NULL CHECK (role IN ('lead', 'coordinating')),
    text TEXT, ordinal INTEGER, PRIMARY KEY (assignment_id, role, body_id));
CREATE TABLE IF NOT EXISTS results (
    key TEXT NOT NULL, sha256 TEXT NOT NULL, parser_version TEXT NOT NULL, path TEXT,
    status TEXT NOT NULL, error_type TEXT, message TEXT, pages INTEGER, seconds REAL, run_id TEXT,
    finished_at TEXT, PRIMARY KEY (key, parser_version));
CREATE TABLE IF NOT EXISTS progress (
    id INTEGER PRIMARY KEY, assignment_id TEXT NOT NULL, action TEXT NOT NULL
    CHECK (action IN ('done', 'reopen')), on_date TEXT, note TEXT, recorded_at TEXT NOT NULL);
"""

# Each step takes the database from version n to n + 1, inside the writer's migration transaction.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "ALTER TABLE assignments ADD COLUMN note TEXT",
        # results were keyed by sha256 alone: every unreadable file ('' hash) shared one row
        "ALTER TABLE results RENAME TO results_v1",
        """CREATE TABLE results (
            key TEXT NOT NULL, sha256 TEXT NOT NULL, parser_version TEXT NOT NULL, path TEXT,
            status TEXT NOT NULL, error_type TEXT, message TEXT, pages INTEGER, seconds REAL,
            run_id TEXT, finished_at TEXT, PRIMARY KEY (key, parser_version))""",
        """INSERT OR REPLACE INTO results SELECT CASE WHEN sha256 = '' THEN 'path:' || coalesce(path, '')
             ELSE sha256 END, sha256, parser_version, path, status, error_type, message, pages,
             seconds, run_id, finished_at FROM results_v1""",
        "DROP TABLE results_v1",
        """CREATE TABLE IF NOT EXISTS progress (
            id INTEGER PRIMARY KEY, assignment_id TEXT NOT NULL, action TEXT NOT NULL
            CHECK (action IN ('done', 'reopen')), on_date TEXT, note TEXT, recorded_at TEXT NOT NULL)""",
    ),
}

# The version-1 layout, for migrating a file that lacks some of its tables (an interrupted first run).
_V1_TABLES = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, parser_version TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS clauses (
    document_key TEXT NOT NULL REFERENCES documents(key), path TEXT NOT NULL, label TEXT,
    kind TEXT, text TEXT, page INTEGER, PRIMARY KEY (document_key, path));
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

# The Government's monitoring categories for a task as of a date.
DONE_ON_TIME = "đã hoàn thành đúng hạn"
DONE_LATE = "đã hoàn thành quá hạn"
OPEN_ON_TIME = "chưa hoàn thành trong hạn"
OPEN_LATE = "chưa hoàn thành quá hạn"
MONITORING_CATEGORIES = (DONE_ON_TIME, DONE_LATE, OPEN_ON_TIME, OPEN_LATE)

# Busy waits: sqlite's own timeout per attempt, then a few retries, then DatabaseBusyError.
BUSY_TIMEOUT_S = 10.0
BUSY_RETRIES = 3


def monitoring_status(due: date | None, done_on: date | None, as_of: date) -> str:
    """A task's category on `as_of`: done (on or before `as_of`) on time or late, open in time or overdue.

    A task without a due date is never late. A due date is the last day allowed.

    >>> monitoring_status(date(2025, 12, 31), None, date(2026, 1, 1))
    'chưa hoàn thành quá hạn'
    """
    if done_on is not None and done_on <= as_of:
        return DONE_ON_TIME if due is None or done_on <= due else DONE_LATE
    return OPEN_ON_TIME if due is None or as_of <= due else OPEN_LATE

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
    warnings: list[str] = Field(default_factory=list, description="e.g. another file has the same number")
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
    done_on: date | None = None
    note: str | None = None

    def monitoring(self, as_of: date) -> str:
        """This task's monitoring category on `as_of` (see `monitoring_status`)."""
        return monitoring_status(self.due, self.done_on if self.status == "done" else None, as_of)


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
        done_on=date.fromisoformat(row["done_on"]) if row["done_on"] else None,
        note=row["note"],
    )


class Tracker:
    """A SQLite task tracker; use as a context manager.

    >>> with Tracker("tasks.sqlite") as t:  # doctest: +SKIP
    ...     diff = t.import_directive(directive, run_id=t.begin_run("0.1.0"))
    ...     late = t.overdue(date(2026, 1, 1))

    Args:
        path: The database file (created by a writer if missing).
        readonly: Open for queries only: nothing is written, the file may be read-only.
        busy_timeout: Seconds one attempt waits for another connection's lock.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, busy_timeout: float = BUSY_TIMEOUT_S):
        self.path = Path(path)
        self.readonly = readonly
        self.busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        """Open the database: a writer creates or migrates it, a reader only checks it.

        Raises:
            TrackerDatabaseError: not an SQLite file, corrupt, another program's database, a
                newer schema, or (read-only) an older schema or a missing file.
            DatabaseBusyError: a writer could not get the lock to migrate or create the schema.
            ExportError: the file cannot be opened or created.
        """
        self._check_header()
        try:
            conn = self._open_readonly() if self.readonly else self._open_writer()
        except sqlite3.DatabaseError as e:
            raise TrackerDatabaseError(f"not a usable tracker database ({e})", self.path) from e
        self._conn = conn

    def _check_header(self) -> None:
        if self.readonly and not self.path.is_file():
            raise TrackerDatabaseError("no such tracker database", self.path)
        if not self.path.is_file() or self.path.stat().st_size == 0:
            return
        try:
            with self.path.open("rb") as fp:
                magic = fp.read(len(SQLITE_MAGIC))
        except OSError as e:
            raise TrackerDatabaseError(f"cannot be read ({e.strerror or e})", self.path) from e
        if magic != SQLITE_MAGIC:
            raise TrackerDatabaseError("not an SQLite database (no SQLite header)", self.path)

    def _open_readonly(self) -> sqlite3.Connection:
        uri = "file:" + urllib.parse.quote(str(self.path.resolve())) + "?mode=ro"
        if self._wal_without_writer():
            # No -wal file: nothing is being written. A plain mode=ro open would still create the
            # -wal and -shm files beside someone else's database; immutable opens it as it is.
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=self.busy_timeout)
        conn.row_factory = sqlite3.Row
        try:
            version = self._version(conn)
            if version != SCHEMA_VERSION:
                older = version < SCHEMA_VERSION
                raise TrackerDatabaseError(
                    f"tracker schema version {version} is {'older' if older else 'newer'} than this release's "
                    f"({SCHEMA_VERSION}); "
                    + ("upgrade it with: directive-parser tracker DB migrate" if older
                       else "use a newer directive-parser"),
                    self.path,
                )
        except BaseException:
            conn.close()
            raise
        return conn

    def _wal_without_writer(self) -> bool:
        try:
            with self.path.open("rb") as fp:
                header = fp.read(20)
        except OSError:
            return False
        wal_mode = len(header) == 20 and header[18] == 2 and header[19] == 2
        return wal_mode and not Path(f"{self.path}-wal").exists()

    def _open_writer(self) -> sqlite3.Connection:
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=self.busy_timeout)
        except (sqlite3.OperationalError, OSError) as e:
            raise ExportError(f"cannot open tracker database: {e}", self.path) from e
        conn.row_factory = sqlite3.Row
        try:
            version = self._version(conn)  # raises TrackerDatabaseError before anything is written
            if version > SCHEMA_VERSION:
                raise TrackerDatabaseError(
                    f"tracker schema version {version} is newer than this release's ({SCHEMA_VERSION})", self.path)
            if version < SCHEMA_VERSION:
                self._migrate(conn, version)
            conn.execute("PRAGMA foreign_keys=ON")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                _retry_busy(lambda: conn.execute("PRAGMA journal_mode=WAL"), self.path)
        except BaseException:
            conn.close()
            raise
        return conn

    def _version(self, conn: sqlite3.Connection) -> int:
        """The schema version: user_version, 1 for an unversioned tracker, 0 for an empty file."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version:
            return int(version)
        if not tables:
            return 0
        if tables >= _TRACKER_TABLES:
            return 1
        raise TrackerDatabaseError(
            f"an SQLite database but not a directive-parser tracker (tables: {', '.join(sorted(tables)[:5])})",
            self.path,
        )

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        """Create the schema (version 0) or apply the migrations from `version`, in one transaction."""
        with _Transaction(conn, self.path) as c:
            version = self._version(c)  # another writer may have migrated it meanwhile
            if version == 0:
                for statement in _statements(SCHEMA):
                    c.execute(statement)
            else:
                if version == 1:
                    for statement in _statements(_V1_TABLES):
                        c.execute(statement)
                    _add_missing_columns(c)
                for step in range(version, SCHEMA_VERSION):
                    for statement in _MIGRATIONS[step]:
                        c.execute(statement)
            c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def migrate(self) -> int:
        """Open for writing (which migrates) and return the version the file had before."""
        self._check_header()
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=self.busy_timeout)
        try:
            before = self._version(conn)
        except sqlite3.DatabaseError as e:
            raise TrackerDatabaseError(f"not a usable tracker database ({e})", self.path) from e
        finally:
            conn.close()
        self.close()
        self.readonly = False
        self.open()
        return before

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self.open()
        return self._conn  # type: ignore[return-value]

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _transaction(self):
        if self.readonly:
            raise ExportError("opened read-only: cannot write", self.path)
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
        """Store one batch status (a `batch.BatchResult`) keyed by (sha256, parser version); a file
        that could not be read (no sha256) is keyed by its path, so such files do not collide."""
        with self._transaction() as c:
            self._record_result(c, result, run_id)

    @staticmethod
    def _record_result(c, result, run_id: str) -> None:
        key = result.sha256 or f"path:{result.path}"
        c.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, result.sha256, result.parser_version, result.path, str(result.status), result.error_type,
             result.message, result.pages, result.seconds, run_id, _now()),
        )

    def results(self) -> list[sqlite3.Row]:
        """All stored per-document statuses."""
        return self.conn.execute("SELECT * FROM results").fetchall()

    # --- import -------------------------------------------------------------------------

    def import_directive(self, directive: Directive, run_id: str, result=None) -> ImportDiff:
        """Insert or update one directive and its assignments in a single transaction.

        Args:
            directive: The parsed directive.
            run_id: The run this import belongs to (created if unknown).
            result: A `batch.BatchResult` to record in the same transaction (batch resume).

        Returns:
            Which assignment ids were added, changed and dropped since the last import, and a
            warning when another file already holds the same number (both are kept).

        Raises:
            DatabaseBusyError: another connection held the lock past the busy wait.
            ExportError: The database could not be written.
        """
        with self._transaction() as c:
            c.execute("INSERT OR IGNORE INTO runs (id, started_at) VALUES (?, ?)", (run_id, _now()))
            key, warning = self._resolve_key(c, directive)
            if key != document_key(directive):
                directive = _rekeyed(directive, key)
            previous = c.execute("SELECT sha256 FROM documents WHERE key = ?", (key,)).fetchone()
            self._upsert_document(c, directive, key, run_id, revised=bool(previous and previous[0] != directive.source.sha256))
            self._replace_clauses(c, directive, key)
            diff = self._sync_assignments(c, directive, key, run_id)
            if result is not None:
                self._record_result(c, result, run_id)
        if previous is None:
            state = "new"
        elif previous[0] != directive.source.sha256:
            state = "revised"
        else:
            state = "updated" if diff["added"] or diff["changed"] or diff["dropped"] else "unchanged"
        return ImportDiff(document_key=key, state=state, warnings=[warning] if warning and state == "new" else [], **diff)

    @staticmethod
    def _resolve_key(c, d: Directive) -> tuple[str, str | None]:
        """The document's key: its number, unless another file already holds that number.

        The same file with new content is a revision (same key). A different file with the same
        number and different content is kept beside the first, keyed NUMBER@<sha256 prefix>.
        """
        key = document_key(d)
        if not d.number:
            return key, None
        first = c.execute("SELECT sha256, path FROM documents WHERE key = ?", (key,)).fetchone()
        if first is None or first["sha256"] == d.source.sha256 or not first["path"] or not d.source.path \
                or first["path"] == d.source.path:
            return key, None
        other = c.execute(
            "SELECT key FROM documents WHERE number = ? AND key != ? AND (sha256 = ? OR path = ?)",
            (d.number, key, d.source.sha256, d.source.path),
        ).fetchone()
        if other is not None:
            return other["key"], None
        alternate = f"{key}@{d.source.sha256[:12]}"
        return alternate, (f"number {d.number} is also the number of {first['path']}; {d.source.path} is kept "
                           f"as a separate document {alternate}")

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
        on = _iso(done_on or date.today())
        with self._transaction() as c:
            c.execute("UPDATE assignments SET status = 'done', done_on = ?, note = coalesce(?, note) WHERE id = ?",
                      (on, note, assignment_id))
            c.execute("INSERT INTO progress (assignment_id, action, on_date, note, recorded_at) VALUES (?, 'done', ?, ?, ?)",
                      (assignment_id, on, note, _now()))

    def reopen(self, assignment_id: str, note: str | None = None) -> None:
        """Undo `mark_done`: the task is open again (its history stays in `progress`).

        Raises:
            OptionError: no task has this id.
        """
        self._find(assignment_id)
        with self._transaction() as c:
            c.execute("UPDATE assignments SET status = 'open', done_on = NULL WHERE id = ? AND status = 'done'",
                      (assignment_id,))
            c.execute("INSERT INTO progress (assignment_id, action, on_date, note, recorded_at) "
                      "VALUES (?, 'reopen', NULL, ?, ?)", (assignment_id, note, _now()))

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


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _add_missing_columns(c) -> None:
    """Columns a version-1 file may lack (written before they were added), with their defaults."""
    wanted = {
        "documents": {"revision": "INTEGER NOT NULL DEFAULT 1", "first_run": "TEXT", "last_run": "TEXT",
                      "path": "TEXT"},
        "assignments": {"status": "TEXT NOT NULL DEFAULT 'open'", "done_on": "TEXT", "first_run": "TEXT",
                        "last_run": "TEXT", "dropped_run": "TEXT", "completeness": "TEXT"},
    }
    for table, columns in wanted.items():
        have = {row[1] for row in c.execute(f"PRAGMA table_info({table})")}
        for name, decl in columns.items():
            if name not in have:
                c.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")


def _rekeyed(d: Directive, key: str) -> Directive:
    """`d` with assignment ids under `key` (a second file with the same number keeps its own tasks)."""
    prefix = d.number or d.source.sha256
    assignments = [
        a.model_copy(update={"id": key + a.id[len(prefix):] if a.id.startswith(prefix + "#") else f"{key}#{a.id}"})
        for a in d.assignments
    ]
    return d.model_copy(update={"assignments": assignments})


def _is_busy(e: sqlite3.Error) -> bool:
    text = str(e).lower()
    return isinstance(e, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _retry_busy(action, path: Path, retries: int = BUSY_RETRIES):
    """Run `action`, retrying while the database is locked; then `DatabaseBusyError`."""
    for attempt in range(retries):
        try:
            return action()
        except sqlite3.OperationalError as e:
            if not _is_busy(e):
                raise ExportError(f"cannot write tracker database: {e}", path) from e
            if attempt == retries - 1:
                raise DatabaseBusyError(f"locked by another connection; gave up after {retries} tries ({e})", path) from e
            time.sleep(0.05 * (attempt + 1))
    return None


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error; sqlite errors become `ExportError`.

    BEGIN IMMEDIATE takes the write lock up front, waiting (the connection's busy timeout, then a
    few retries) while another connection holds it; then `DatabaseBusyError`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn, self.path = conn, path

    def __enter__(self) -> sqlite3.Connection:
        _retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"), self.path)
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                if _is_busy(exc):
                    raise DatabaseBusyError(f"locked by another connection ({exc})", self.path) from exc
                raise ExportError(f"cannot write tracker database: {exc}", self.path) from exc
            return
        try:
            _retry_busy(lambda: self.conn.execute("COMMIT"), self.path)
        except ExportError:  # DatabaseBusyError included
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

