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
        return _without_summaries(records), []


# A news report opens with a summary that counts the bodies it names later: "Phó Thủ tướng giao ba
# tỉnh kiểm tra …" before "… giao Chủ tịch UBND các tỉnh Tây Ninh, Bình Phước, Bình Dương chỉ đạo …";
# "yêu cầu 5 bộ …" before the five. The counted group is the summary, not a record of its own.
_COUNTED = re.compile(
    r"^(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|\d+)\s+(?:tỉnh|bộ|địa\s+phương|thành\s+phố|cơ\s+quan|ngành|đơn\s+vị)\b",
    re.I,
)


def _counted(record: Assignment) -> bool:
    return bool(record.lead) and all(_COUNTED.match(b.name) for b in record.lead)


def _without_summaries(records: list[Assignment]) -> list[Assignment]:
    """Drop the counted summaries that a detailed record (one not counted) follows."""
    last_detailed = max((k for k, r in enumerate(records) if not _counted(r)), default=-1)
    return [r for k, r in enumerate(records) if not (k < last_detailed and _counted(r))]


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
