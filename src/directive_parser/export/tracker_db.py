"""The tracker database's schema, its versions, and writes that wait for a lock instead of failing."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from directive_parser.errors import DatabaseBusyError, ExportError

# Version 1 is the first layout, written without a user_version (0 on disk).
SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every tracker has had since version 1; an unversioned file without them is not a tracker.
TRACKER_TABLES = frozenset({"documents", "assignments"})

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
MIGRATIONS: dict[int, tuple[str, ...]] = {
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
V1_TABLES = """
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

# Busy waits: sqlite's own timeout per attempt, then a few retries, then DatabaseBusyError.
BUSY_TIMEOUT_S = 10.0
BUSY_RETRIES = 3


def statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def add_missing_columns(c) -> None:
    """Columns a version-1 file may lack (written before they were added), with their defaults."""
    wanted = {
        "documents": {"revision": "INTEGER NOT NULL DEFAULT 1", "first_run": "TEXT", "last_run": "TEXT", "path": "TEXT"},
        "assignments": {
            "status": "TEXT NOT NULL DEFAULT 'open'",
            "done_on": "TEXT",
            "first_run": "TEXT",
            "last_run": "TEXT",
            "dropped_run": "TEXT",
            "completeness": "TEXT",
        },
    }
    for table, columns in wanted.items():
        have = {row[1] for row in c.execute(f"PRAGMA table_info({table})")}
        for name, decl in columns.items():
            if name not in have:
                c.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")


def is_busy(e: sqlite3.Error) -> bool:
    text = str(e).lower()
    return isinstance(e, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def retry_busy(action, path: Path, retries: int = BUSY_RETRIES):
    """Run `action`, retrying while the database is locked; then `DatabaseBusyError`."""
    for attempt in range(retries):
        try:
            return action()
        except sqlite3.OperationalError as e:
            if not is_busy(e):
                raise ExportError(f"cannot write tracker database: {e}", path) from e
            if attempt == retries - 1:
                raise DatabaseBusyError(f"locked by another connection; gave up after {retries} tries ({e})", path) from e
            time.sleep(0.05 * (attempt + 1))
    return None


class Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error; sqlite errors become `ExportError`.

    BEGIN IMMEDIATE takes the write lock up front, waiting (the connection's busy timeout, then a
    few retries) while another connection holds it; then `DatabaseBusyError`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn, self.path = conn, path

    def __enter__(self) -> sqlite3.Connection:
        retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"), self.path)
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                if is_busy(exc):
                    raise DatabaseBusyError(f"locked by another connection ({exc})", self.path) from exc
                raise ExportError(f"cannot write tracker database: {exc}", self.path) from exc
            return
        try:
            retry_busy(lambda: self.conn.execute("COMMIT"), self.path)
        except ExportError:  # DatabaseBusyError included
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
