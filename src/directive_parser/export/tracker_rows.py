"""What the tracker stores and returns: rows, import diffs, and the Government's monitoring categories."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict, Field

from directive_parser.models import Assignment, Directive

# The Government's monitoring categories for a task as of a date.
DONE_ON_TIME = "đã hoàn thành đúng hạn"
DONE_LATE = "đã hoàn thành quá hạn"
OPEN_ON_TIME = "chưa hoàn thành trong hạn"
OPEN_LATE = "chưa hoàn thành quá hạn"
MONITORING_CATEGORIES = (DONE_ON_TIME, DONE_LATE, OPEN_ON_TIME, OPEN_LATE)


def monitoring_status(due: date | None, done_on: date | None, as_of: date) -> str:
    """A task's category on `as_of`: done (on or before `as_of`) on time or late, open in time or overdue.

    A task without a due date is never late. A due date is the last day allowed.

    >>> monitoring_status(date(2025, 12, 31), None, date(2026, 1, 1))
    'chưa hoàn thành quá hạn'
    """
    if done_on is not None and done_on <= as_of:
        return DONE_ON_TIME if due is None or done_on <= due else DONE_LATE
    return OPEN_ON_TIME if due is None or as_of <= due else OPEN_LATE


SELECT_ASSIGNMENTS = """
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


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def content_hash(assignment: Assignment) -> str:
    # Spans shift whenever text above them changes; only the task's own fields count as a change.
    payload = assignment.model_dump_json(exclude={"span"})
    return hashlib.sha256(payload.encode()).hexdigest()


def split_names(names: str | None) -> list[str]:
    return names.split("; ") if names else []


def to_tracked(row: sqlite3.Row) -> TrackedAssignment:
    return TrackedAssignment(
        id=row["id"],
        document_key=row["document_key"],
        document_number=row["document_number"],
        clause=row["clause"],
        task=row["task"],
        lead=split_names(row["lead_names"]),
        coordinating=split_names(row["coordinating_names"]),
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
