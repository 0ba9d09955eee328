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

import sqlite3
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from directive_parser.errors import ExportError, TrackerDatabaseError
from directive_parser.export.tracker_db import (
    BUSY_TIMEOUT_S,
    MIGRATIONS,
    SCHEMA,
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    TRACKER_TABLES,
    V1_TABLES,
    Transaction,
    add_missing_columns,
    retry_busy,
    statements,
)
from directive_parser.export.tracker_queries import TrackerQueries
from directive_parser.export.tracker_rows import (
    DONE_LATE,
    DONE_ON_TIME,
    MONITORING_CATEGORIES,
    OPEN_LATE,
    OPEN_ON_TIME,
    ImportDiff,
    TrackedAssignment,
    content_hash,
    document_key,
    iso,
    monitoring_status,
    now,
)
from directive_parser.models import Assignment, Body, Directive
from directive_parser.text.normalize import fold_key


class Tracker(TrackerQueries):
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
                    + ("upgrade it with: directive-parser tracker DB migrate" if older else "use a newer directive-parser"),
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
                    f"tracker schema version {version} is newer than this release's ({SCHEMA_VERSION})", self.path
                )
            if version < SCHEMA_VERSION:
                self._migrate(conn, version)
            conn.execute("PRAGMA foreign_keys=ON")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                retry_busy(lambda: conn.execute("PRAGMA journal_mode=WAL"), self.path)
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
        if tables >= TRACKER_TABLES:
            return 1
        raise TrackerDatabaseError(
            f"an SQLite database but not a directive-parser tracker (tables: {', '.join(sorted(tables)[:5])})",
            self.path,
        )

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        """Create the schema (version 0) or apply the migrations from `version`, in one transaction."""
        with Transaction(conn, self.path) as c:
            version = self._version(c)  # another writer may have migrated it meanwhile
            if version == 0:
                for statement in statements(SCHEMA):
                    c.execute(statement)
            else:
                if version == 1:
                    for statement in statements(V1_TABLES):
                        c.execute(statement)
                    add_missing_columns(c)
                for step in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[step]:
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
        return Transaction(self.conn, self.path)

    # --- runs and per-document results ---------------------------------------------------

    def begin_run(self, parser_version: str | None = None, note: str | None = None, run_id: str | None = None) -> str:
        """Record the start of a run and return its id."""
        run_id = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        with self._transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO runs (id, started_at, parser_version, note) VALUES (?, ?, ?, ?)",
                (run_id, now(), parser_version, note),
            )
        return run_id

    def finish_run(self, run_id: str) -> None:
        with self._transaction() as c:
            c.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (now(), run_id))

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
            (
                key,
                result.sha256,
                result.parser_version,
                result.path,
                str(result.status),
                result.error_type,
                result.message,
                result.pages,
                result.seconds,
                run_id,
                now(),
            ),
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
            c.execute("INSERT OR IGNORE INTO runs (id, started_at) VALUES (?, ?)", (run_id, now()))
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
        if (
            first is None
            or first["sha256"] == d.source.sha256
            or not first["path"]
            or not d.source.path
            or first["path"] == d.source.path
        ):
            return key, None
        other = c.execute(
            "SELECT key FROM documents WHERE number = ? AND key != ? AND (sha256 = ? OR path = ?)",
            (d.number, key, d.source.sha256, d.source.path),
        ).fetchone()
        if other is not None:
            return other["key"], None
        alternate = f"{key}@{d.source.sha256[:12]}"
        return alternate, (
            f"number {d.number} is also the number of {first['path']}; {d.source.path} is kept as a separate document {alternate}"
        )

    def _upsert_document(self, c, d: Directive, key: str, run_id: str, revised: bool) -> None:
        c.execute(
            """INSERT INTO documents (key, number, doc_type, issuer, issued, title, sha256, path,
                 first_run, last_run, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(key) DO UPDATE SET number=excluded.number, doc_type=excluded.doc_type,
                 issuer=excluded.issuer, issued=excluded.issued, title=excluded.title,
                 sha256=excluded.sha256, path=excluded.path, last_run=excluded.last_run,
                 updated_at=excluded.updated_at, revision=revision + ?""",
            (
                key,
                d.number,
                d.doc_type,
                d.issuer,
                iso(d.issued),
                d.title,
                d.source.sha256,
                d.source.path,
                run_id,
                run_id,
                now(),
                int(revised),
            ),
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
            row["id"]: row for row in c.execute("SELECT id, content_hash, status FROM assignments WHERE document_key = ?", (key,))
        }
        added, changed, unchanged = [], [], 0
        for a in d.assignments:
            content = content_hash(a)
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
            (
                a.id,
                key,
                a.clause,
                a.task,
                dl.text if dl else None,
                str(dl.kind) if dl else None,
                iso(dl.start) if dl else None,
                iso(dl.due) if dl else None,
                str(recurrence) if recurrence else None,
                a.product,
                a.submit_to,
                a.span.page,
                "; ".join(str(x) for x in a.completeness),
                content,
                run_id,
                run_id,
            ),
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
            "INSERT INTO bodies (name, name_fold, kind) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind",
            (body.name, fold_key(body.name), str(body.kind)),
        )
        return c.execute("SELECT id FROM bodies WHERE name = ?", (body.name,)).fetchone()[0]


def _rekeyed(d: Directive, key: str) -> Directive:
    """`d` with assignment ids under `key` (a second file with the same number keeps its own tasks)."""
    prefix = d.number or d.source.sha256
    assignments = [
        a.model_copy(update={"id": key + a.id[len(prefix) :] if a.id.startswith(prefix + "#") else f"{key}#{a.id}"})
        for a in d.assignments
    ]
    return d.model_copy(update={"assignments": assignments})


__all__ = [
    "DONE_LATE",
    "DONE_ON_TIME",
    "MONITORING_CATEGORIES",
    "OPEN_LATE",
    "OPEN_ON_TIME",
    "SCHEMA_VERSION",
    "ImportDiff",
    "TrackedAssignment",
    "Tracker",
    "document_key",
    "monitoring_status",
]
