"""Numbered directives: one record per leaf clause, the lead inherited down the clause tree.

A leaf ("-" item, "(i)" sub-item, point without children) gives its records; its lead comes from
the clause itself, else from the nearest heading that names one ("c) Giao Bộ Công an:"), else
from the preamble's addressees ("… yêu cầu các bộ, cơ quan ngang bộ, … thực hiện một số nội dung
sau:").
"""
from __future__ import annotations

import re

from directive_parser.extract import grammar
from directive_parser.extract.units import ExtractContext, is_preamble, records_from
from directive_parser.models import (
    Assignment,
    Body,
    BodyKind,
    Clause,
    ClauseKind,
    ParseWarning,
    Stage,
)

# The preamble's addressees: "… yêu cầu các bộ, …, Ủy ban nhân dân các tỉnh … thực hiện …".
_ADDRESSED_LIST = re.compile(
    r"(?P<who>[^.;:]{3,240}?)\s+(?:thực\s+hiện|triển\s+khai|tập\s+trung|quán\s+triệt|khẩn\s+trương|nghiêm\s+túc)"
    r"[^.;]{0,80}?\b(?:nội\s+dung|nhiệm\s+vụ|giải\s+pháp|yêu\s+cầu|việc)\b[^.;]{0,20}?\bsau\b"
)


_ADDRESS = re.compile(r"\b(?:yêu\s+cầu|đề\s+nghị|giao)\s+(?=\S)", re.I)


class NumberedLayout:
    """A document whose body is numbered: sections, points or dash items."""

    name = "numbered"

    def matches(self, clauses: list[Clause], ctx: ExtractContext) -> bool:
        return any(c.kind in (ClauseKind.section, ClauseKind.point, ClauseKind.item) for c in clauses)

    def extract(self, clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]:
        warnings: list[ParseWarning] = []
        records: list[Assignment] = []
        addressees = _preamble_addressees(clauses, ctx)
        first_numbered = next((i for i, c in enumerate(clauses) if c.kind in (ClauseKind.section, ClauseKind.point)), 0)
        for i, clause in enumerate(clauses):
            # Dash items before the first numbered clause are the address list of a Công điện
            # ("THỦ TƯỚNG CHÍNH PHỦ điện: - Chủ tịch Ủy ban nhân dân các tỉnh …;"), not tasks.
            if is_preamble(clause) or (clause.kind is ClauseKind.item and i < first_numbered):
                continue
            records += _walk(clause, addressees, ctx, warnings)
        return records, warnings


def _preamble_addressees(clauses: list[Clause], ctx: ExtractContext) -> list[Body]:
    pre = next((c for c in clauses if is_preamble(c)), None)
    return addressees(pre.text) if pre else []


def addressees(text: str) -> list[Body]:
    """Who an introductory sentence addresses: "… yêu cầu các bộ, … thực hiện một số nội dung sau:",
    "Đề nghị Thường trực Tỉnh ủy tập trung …". The last such sentence wins."""
    for m in reversed(list(_ADDRESS.finditer(text))):
        subj = grammar.find_subject(text[m.start():])
        if subj.lead:
            return subj.lead
        # "… yêu cầu các cơ quan, đơn vị thuộc Bộ thực hiện các nội dung sau:" — whoever the list
        # names before "thực hiện" is addressed, even when no name in it is known.
        if listed := _ADDRESSED_LIST.match(text, m.end()):
            phrase = listed.group("who").strip(" ,")
            return [Body(name=phrase[:1].upper() + phrase[1:], text=phrase, kind=BodyKind.group)]
    return []


def _walk(clause: Clause, inherited: list[Body], ctx: ExtractContext, warnings: list[ParseWarning]) -> list[Assignment]:
    """Records of a clause and its descendants; headings pass their lead down."""
    subitems = [c for c in clause.children if c.kind is ClauseKind.subitem]
    others = [c for c in clause.children if c.kind is not ClauseKind.subitem]
    own = _own_text(clause, subitems)
    subj = grammar.find_subject(own)
    # A heading may address its points in a sentence of its own: "II. NHIỆM VỤ … Đề nghị Thường
    # trực Tỉnh ủy tập trung … sau:".
    lead = subj.lead or (addressees(own) if others else []) or (_heading_body(own) if others else []) or inherited
    records: list[Assignment] = []
    if not clause.children:
        records += records_from(clause, own, clause.span.start, inherited, ctx)
    elif subitems:
        for sub in subitems:
            records += records_from(sub, sub.text, sub.span.start, lead, ctx, coordinating=subj.coordinating)
    elif _is_task_heading(own, subj):
        records += records_from(clause, own, clause.span.start, inherited, ctx)
    for child in others:
        records += _walk(child, lead, ctx, warnings)
    if not clause.children and not records and clause.kind is not ClauseKind.paragraph and len(own) > 40:
        warnings.append(ParseWarning(stage=Stage.extract, clause=clause.path, page=clause.span.page,
                                     message="clause names no responsible body and none is inherited"))
    return records

# A heading that only names who its items are for: "5. Các chủ rừng là tổ chức (…):".
_NAME_HEADING = re.compile(r"^(?!Về\s|Nhiệm\s+vụ|Các\s+nhiệm\s+vụ|Một\s+số|Giải\s+pháp|Mục\s+tiêu)(?P<who>[^.;:]{3,200}):\s*$")


def _heading_body(own: str) -> list[Body]:
    m = _NAME_HEADING.match(own.strip())
    if not m or grammar.PREDICATE_ANYWHERE.search(m.group("who")) or m.group("who")[:1].islower():
        return []
    who = m.group("who").strip()
    return [Body(name=who, text=who, kind=BodyKind.group if who.lower().startswith("các") else BodyKind.other)]


def _own_text(clause: Clause, subitems: list[Clause]) -> str:
    if not subitems:
        return clause.text
    first = clause.text.find(subitems[0].label)
    return clause.text[:first] if first > 0 else clause.text


def _is_task_heading(own: str, subj: grammar.Subject) -> bool:
    """A clause with children is itself a task when it is a full sentence beyond its subject."""
    body = own[subj.task_start:].strip()
    return bool(body) and own.rstrip().endswith((".", ";")) and len(body.split()) >= 4
