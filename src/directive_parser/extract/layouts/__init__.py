"""Document layouts: each knows one way a document lays out its tasks; the registry tries them in order.

A layout is an object with a `name`, `matches(clauses, ctx) -> bool` and `extract(clauses, ctx)
-> (records, warnings)`. Adding one is a new module here plus one line in `LAYOUTS`. The first
layout that matches extracts the document; the prose layout matches anything and comes last.
"""
from __future__ import annotations

from typing import Protocol

from directive_parser.extract.layouts.numbered import NumberedLayout
from directive_parser.extract.layouts.prose import ProseLayout
from directive_parser.extract.units import ExtractContext
from directive_parser.models import Assignment, Clause, ParseWarning


class Layout(Protocol):
    """What the registry needs of a layout."""

    name: str

    def matches(self, clauses: list[Clause], ctx: ExtractContext) -> bool: ...

    def extract(self, clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]: ...


LAYOUTS: list[Layout] = [NumberedLayout(), ProseLayout()]


def extract_assignments(clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]:
    """Build the assignment records of a document from its clause tree, with the first matching layout."""
    for layout in LAYOUTS:
        if layout.matches(clauses, ctx):
            return layout.extract(clauses, ctx)
    return [], []


__all__ = ["LAYOUTS", "ExtractContext", "Layout", "extract_assignments"]
