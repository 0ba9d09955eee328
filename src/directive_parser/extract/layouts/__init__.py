"""Document layouts: each knows one way a document lays out its tasks.

A text layout (numbered clauses, running prose) reads a clause tree: it has a `name`,
`matches(clauses, ctx) -> bool` and `extract(clauses, ctx) -> (records, warnings)`; the first
text layout that matches reads the main body, and again each attachment (its own preamble, its own
numbering). A table layout reads the document's tables (`extract(ctx)`). Adding a layout is a new
module here plus one line in `TEXT_LAYOUTS` or `TABLE_LAYOUTS`.
"""

from __future__ import annotations

from typing import Protocol

from directive_parser.extract.layouts.numbered import NumberedLayout
from directive_parser.extract.layouts.prose import ProseLayout
from directive_parser.extract.layouts.table import TableLayout
from directive_parser.extract.units import ExtractContext
from directive_parser.models import Assignment, Clause, ClauseKind, ParseWarning


class TextLayout(Protocol):
    """A layout that reads a clause tree."""

    name: str

    def matches(self, clauses: list[Clause], ctx: ExtractContext) -> bool: ...

    def extract(self, clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]: ...


class TableLayoutProto(Protocol):
    """A layout that reads the document's tables."""

    name: str

    def extract(self, ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]: ...


# The prose layout matches anything and comes last.
TEXT_LAYOUTS: list[TextLayout] = [NumberedLayout(), ProseLayout()]
TABLE_LAYOUTS: list[TableLayoutProto] = [TableLayout()]


def _read_text(clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]:
    for layout in TEXT_LAYOUTS:
        if layout.matches(clauses, ctx):
            return layout.extract(clauses, ctx)
    return [], []


def extract_assignments(clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]:
    """The assignment records of a document: its main body, each attachment, then its tables."""
    body = [c for c in clauses if c.kind is not ClauseKind.part]
    records, warnings = _read_text(body, ctx)
    for part in (c for c in clauses if c.kind is ClauseKind.part):
        more, notes = _read_text(part.children, ctx)
        records += more
        warnings += notes
    for layout in TABLE_LAYOUTS:
        more, notes = layout.extract(ctx)
        records += more
        warnings += notes
    return records, warnings


__all__ = ["TABLE_LAYOUTS", "TEXT_LAYOUTS", "ExtractContext", "TableLayoutProto", "TextLayout", "extract_assignments"]
