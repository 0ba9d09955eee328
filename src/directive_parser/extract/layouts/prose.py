"""Running prose (news reports, announcements): one record per task sentence or ';'-unit.

The subject is carried over to following paragraphs that omit it ("Đồng thời, khẩn trương chủ
trì …").
"""

from __future__ import annotations

import re

from directive_parser.extract import grammar
from directive_parser.extract.units import NOT_A_TASK, ExtractContext, records_from
from directive_parser.models import (
    Assignment,
    Body,
    Clause,
    ParseWarning,
)

# A paragraph of a news report that is a headline or a photo caption, not a statement.
_CAPTION = re.compile(r"\bẢnh\s*(?:minh\s+họa)?\s*:|Ảnh minh họa", re.I)


_TERMINAL = re.compile(r"[.;:!?…\"”)]\s*$")


MAX_HEADLINE_CHARS = 260


class ProseLayout:
    """Running prose without numbered clauses: news reports, short announcements."""

    name = "prose"

    def matches(self, clauses: list[Clause], ctx: ExtractContext) -> bool:
        return True  # the fallback: any text can be read as paragraphs

    def extract(self, clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]:
        records: list[Assignment] = []
        carried: list[Body] = []
        for clause in clauses:
            new, carried = _prose_paragraph(clause, carried, ctx)
            records += new
        return records, []


def _prose_paragraph(clause: Clause, carried: list[Body], ctx: ExtractContext) -> tuple[list[Assignment], list[Body]]:
    """Records of one paragraph of running prose; returns them and the subject to carry over."""
    text = clause.text
    if _CAPTION.search(text) or (not _TERMINAL.search(text) and len(text) < MAX_HEADLINE_CHARS):
        return [], carried  # headline or photo caption
    first = grammar.find_subject(text)
    inherited = carried if (not first.explicit and _continues(text)) else []
    records = records_from(clause, text, clause.span.start, inherited, ctx)
    if records:
        carried = records[-1].lead
    elif first.explicit and not NOT_A_TASK.match(text[first.task_start :]):
        carried = first.lead
    return records, carried


def _continues(text: str) -> bool:
    """A paragraph without a subject continues the previous one's when it opens with a task verb
    or a linking adverb: "Đồng thời, khẩn trương chủ trì …", "Xây dựng Quyết định …"."""
    start = text[grammar.strip_openers(text) :]
    return bool(grammar.PREDICATE_AT_START.match(start)) or len(start) != len(text)
