"""Typer command `tracker`: query and update the SQLite task database that `batch --db` writes.

    tracker DB [filters]                 list tasks (read-only)
    tracker DB --report [--by body]      counts per monitoring category (read-only)
    tracker DB done ID --on DATE [--note TEXT]
    tracker DB reopen ID
    tracker DB migrate                   upgrade an older schema

Queries open the database read-only: they never create a table, switch the journal mode or
leave files beside it, so they work on a read-only copy and on someone else's file.
"""

from __future__ import annotations

import csv
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from directive_parser.cli.common import DATE_FORMATS, day, fail, shorten, terminal_width
from directive_parser.errors import DirectiveParserError, OptionError, TrackerDatabaseError
from directive_parser.export.serialize import safe_cell
from directive_parser.export.tracker import MONITORING_CATEGORIES, TrackedAssignment, Tracker

TRACKER_COLUMNS = ("id", "document_number", "clause", "due", "status", "lead", "coordinating", "deadline_text", "task")
# Terminal listing: (column, narrowest, widest), most wanted first; the task takes what is left.
_TABLE_LAYOUT = (
    ("id", 12, 30),
    ("due", 10, 10),
    ("lead", 12, 28),
    ("status", 6, 7),
    ("document_number", 10, 16),
    ("monitoring", 14, 24),
    ("clause", 5, 8),
    ("coordinating", 12, 28),
    ("deadline_text", 12, 28),
)
_HEADERS = {"monitoring": "tình trạng"}
_TASK_MIN = 20
_COLUMN_OVERHEAD = 3  # "│ " … " " per column in a rich box table


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"


class Action(StrEnum):
    list = "list"
    done = "done"
    reopen = "reopen"
    migrate = "migrate"


class GroupBy(StrEnum):
    body = "body"
    document = "document"


def _cell(row: TrackedAssignment, column: str, as_of: date) -> str:
    if column == "monitoring":
        return row.monitoring(as_of) if row.status != "dropped" else ""
    value = getattr(row, column)
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _layout(rows: list[list[str]], keys: list[str], width: int) -> list[tuple[str, int]]:
    """The columns that fit in `width` with their widths; the task column gets the rest."""
    chosen: list[tuple[str, int]] = []
    used = 1 + _COLUMN_OVERHEAD  # the task column's borders
    task_min = max(_TASK_MIN, int(width * 0.3))
    for key, low, high in _TABLE_LAYOUT:
        column = [line[keys.index(key)] for line in rows]
        if key not in ("id", "due") and not any(column):
            continue
        natural = min(high, max([low, len(_HEADERS.get(key, key)), *(len(v) for v in column)]))
        room = width - task_min - used - _COLUMN_OVERHEAD
        if room >= low:  # narrower than it would like rather than left out
            w = min(natural, room)
            chosen.append((key, w))
            used += w + _COLUMN_OVERHEAD
    order = [k for k, _, _ in _TABLE_LAYOUT]
    chosen.sort(key=lambda kw: order.index(kw[0]))
    return [*chosen, ("task", max(12, width - used))]


def _print_rows(rows: list[TrackedAssignment], output_format: OutputFormat, as_of: date) -> None:
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(TRACKER_COLUMNS)
        writer.writerows([[safe_cell(_cell(row, c, as_of)) for c in TRACKER_COLUMNS] for row in rows])
        return
    width = terminal_width()
    keys = [k for k, _, _ in _TABLE_LAYOUT] + ["task"]
    values = [[_cell(row, k, as_of) for k in keys] for row in rows]
    shown = _layout(values, keys, width)
    table = Table(title=f"{len(rows)} assignment(s)", width=width)
    for key, w in shown:
        table.add_column(_HEADERS.get(key, key), width=w, no_wrap=True, overflow="ellipsis")
    for line in values:
        table.add_row(*(shorten(line[keys.index(key)], w) for key, w in shown))
    Console(width=width).print(table)


def _print_report(groups: dict, by: GroupBy | None, as_of: date, output_format: OutputFormat) -> None:
    header = [
        "cơ quan chủ trì" if by is GroupBy.body else "văn bản" if by is GroupBy.document else "",
        *MONITORING_CATEGORIES,
        "tổng số",
    ]
    lines = [
        [name, *(str(counts[c]) for c in MONITORING_CATEGORIES), str(sum(counts.values()))] for name, counts in groups.items()
    ]
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[safe_cell(v) for v in line] for line in lines])
        return
    width = terminal_width()
    table = Table(title=f"tình hình thực hiện nhiệm vụ đến ngày {as_of:%d/%m/%Y}", width=width)
    name_width = max(12, width - 5 * 14 - 2)
    table.add_column(header[0] or "nhóm", max_width=name_width, overflow="ellipsis", no_wrap=True)
    for title in header[1:]:
        table.add_column(title, justify="right", overflow="fold")
    for line in lines:
        table.add_row(shorten(line[0], name_width), *line[1:])
    Console(width=width).print(table)


def tracker(
    db: Annotated[Path, typer.Argument(help="SQLite tracker written by `batch --db`")],
    action: Annotated[Action, typer.Argument(help="list (default), done ID, reopen ID, migrate")] = Action.list,
    task_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="Task id, for done and reopen")] = None,
    due_before: Annotated[datetime | None, typer.Option(formats=DATE_FORMATS, help="Due on or before")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Open tasks past their due date")] = False,
    as_of: Annotated[
        datetime | None, typer.Option(formats=DATE_FORMATS, help="Date for --overdue, --due-within, --report (today)")
    ] = None,
    due_within: Annotated[int | None, typer.Option(min=0, help="Tasks not done falling due within N days")] = None,
    body: Annotated[str | None, typer.Option(help="Lead or coordinating body, accents optional")] = None,
    report: Annotated[bool, typer.Option("--report", help="Counts per monitoring category")] = False,
    by: Annotated[GroupBy | None, typer.Option(help="With --report: per lead body or per document")] = None,
    on: Annotated[datetime | None, typer.Option(formats=DATE_FORMATS, help="With done: the date it was done (today)")] = None,
    note: Annotated[str | None, typer.Option(help="With done/reopen: a note kept with the task")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="table or csv")] = OutputFormat.table,
) -> None:
    """List tracked tasks, report their monitoring status, or record progress on one."""
    today = day(as_of) or date.today()
    try:
        if action is not Action.list and not db.is_file():  # a typo must not create an empty tracker
            raise TrackerDatabaseError("no such tracker database", db)
        if action in (Action.done, Action.reopen):
            if not task_id:
                raise OptionError(f"`tracker DB {action.value} ID`: give the task id (first column of the listing)")
            with Tracker(db) as t:
                if action is Action.done:
                    t.mark_done(task_id, day(on) or date.today(), note)
                else:
                    t.reopen(task_id, note)
            Console(stderr=True).print(f"{task_id}: {action.value}", highlight=False)
            return
        if action is Action.migrate:
            t = Tracker(db)
            before = t.migrate()
            version = t.schema_version
            t.close()
            Console(stderr=True).print(f"{db}: schema version {before} -> {version}", highlight=False)
            return
        with Tracker(db, readonly=True) as t:
            if report:
                groups = t.report(today, by=by.value if by else None, body=body)
            elif due_within is not None:
                rows = t.due_within(due_within, today, body=body)
            else:
                rows = t.query(due_before=day(due_before), overdue_as_of=today if overdue else None, body=body)
    except DirectiveParserError as e:
        raise fail(e) from e
    if report:
        _print_report(groups, by, today, output_format)
    else:
        _print_rows(rows, output_format, today)


def register(app: typer.Typer) -> None:
    """Add the `tracker` command to the main Typer app."""
    app.command("tracker")(tracker)
