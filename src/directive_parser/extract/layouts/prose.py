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
        counted_by: list[Body] = []  # the subject of the spoken ordinals' introduction
        for k, clause in enumerate(clauses):
            if counted_by and grammar.SPOKEN_ORDINAL.match(clause.text) and not grammar.find_subject(clause.text).explicit:
                carried = counted_by  # "Bốn là, …" goes back to the body the points were given to
            new, carried = _prose_paragraph(clause, carried, ctx)
            if k + 1 < len(clauses) and _FIRST_ORDINAL.match(clauses[k + 1].text):
                counted_by = carried
                if new and _COUNTS_POINTS.search(new[-1].task):
                    new = new[:-1]  # "… làm tốt 6 nhiệm vụ …" / "Một là, …": the points are the tasks
            if records and len(new) == 1 and _delivers(new[0], records[-1]):
                if new[0].deadline is not None:
                    records[-1] = records[-1].model_copy(update={"deadline": new[0].deadline, "recurrence": new[0].recurrence})
                continue
            records += new
        return _without_restatements(_without_summaries(records)), []


# A paragraph that only says where and when the last task's report goes: "Báo cáo gửi về Ủy ban nhân
# dân tỉnh (thông qua Sở Y tế) … chậm nhất 10h00 ngày 27/4/2020." — the date of that task.
_DELIVERY = re.compile(r"^\s*(?:Các\s+)?[Bb]áo\s+cáo\s+(?:(?:được|phải)\s+)?(?:gửi|nộp)\b")


# Speeches and the reports of them count their points with spoken ordinals, one paragraph each: "Phó
# Thủ tướng yêu cầu tỉnh Lào Cai … làm tốt 6 nhiệm vụ …" / "Một là, thực hiện nghiêm túc …" / "Hai là, …";
# "… yêu cầu các bộ, ngành, địa phương … thực hiện tốt các nhiệm vụ trọng tâm sau:" / "Thứ nhất, …".
# A point without a subject of its own is the introduction's body's, whoever the point before named.
# (`grammar.SPOKEN_ORDINAL` is the mark; `grammar.strip_openers` steps over it)
_FIRST_ORDINAL = re.compile(r"^\s*(?:Một\s+là|Thứ\s+nhất)\s*[,:]\s+")
# The introduction counts or announces the points it gives: "6 nhiệm vụ", "các nhiệm vụ trọng tâm sau".
_COUNTS_POINTS = re.compile(
    r"\b(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|một\s+số|các|những)\s+(?:nhóm\s+)?(?:nhiệm\s+vụ|giải\s+pháp|nội\s+dung|việc)\b",
    re.I,
)


def _delivers(record: Assignment, last: Assignment) -> bool:
    return bool(_DELIVERY.match(record.task)) and [b.name for b in record.lead] == [b.name for b in last.lead]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _without_restatements(records: list[Assignment]) -> list[Assignment]:
    """Drop a record that repeats an earlier one of the same lead in fewer words: a report's closing
    line restates the instruction it opened with ("Thủ tướng yêu cầu Bộ Công Thương nghiên cứu, xử
    lý thông tin Báo Thanh niên phản ánh …" … "Về thông tin trên, Thủ tướng yêu cầu Bộ Công Thương
    nghiên cứu, xử lý.")."""
    kept: list[Assignment] = []
    for r in records:
        leads = [b.name for b in r.lead]
        words = _words(r.task)
        repeats = any(
            [b.name for b in k.lead] == leads
            and words <= _words(k.task)
            and (r.deadline is None or (k.deadline is not None and k.deadline.due == r.deadline.due))
            for k in kept
        )
        if not repeats:
            kept.append(r)
    return kept


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
    if not first.explicit and _ELABORATES.match(text) and carried:
        return [], carried  # more detail of the task before, no task of its own
    inherited = carried if (not first.explicit and _continues(text)) else []
    records = records_from(clause, text, clause.span.start, inherited, ctx)
    if records:
        carried = records[-1].lead
    elif first.explicit and not NOT_A_TASK.match(text[first.task_start :]):
        carried = first.lead
    return records, carried


def _continues(text: str) -> bool:
    """A paragraph without a subject continues the previous one's when it opens with a task verb
    or a linking adverb: "Đồng thời, khẩn trương chủ trì …", "Xây dựng Quyết định …", or with its scope
    before a task verb: "Theo chức năng, nhiệm vụ được giao, chủ động triển khai …"."""
    if _BACKGROUND.match(text):
        return False
    start = text[grammar.strip_openers(text) :]
    if scope := grammar.SCOPE_OPENER.match(start):  # "Theo chức năng, nhiệm vụ được giao, chủ động …"
        return bool(grammar.PREDICATE_AT_START.match(start[scope.end() :]))
    # (an opener alone is not enough: "Bên cạnh đó, tình hình dịch Covid-19 tiếp tục diễn biến phức
    # tạp." is background, no task of the body before)
    return bool(grammar.PREDICATE_AT_START.match(start)) or (len(start) != len(text) and not _STATES_A_FACT.match(start))


# After an opener, a noun phrase and its verb state a fact: "tình hình dịch … tiếp tục diễn biến phức tạp".
_STATES_A_FACT = re.compile(r"^(?:tình\s+hình|tình\s+trạng|kết\s+quả|số\s+thu|công\s+tác)\b", re.I)


# A paragraph that opens with "Trong đó," ("of which", "in it") details the task the paragraph before
# assigned: "… yêu cầu Bộ Tài chính báo cáo về trách nhiệm quản lý …" / "Trong đó, nêu cụ thể về quy
# trình, cách làm, danh sách các doanh nghiệp …" (the same report's contents, GUIDE: several actions of
# one body with no deadline of their own stay one record).
_ELABORATES = re.compile(r"^\s*Trong\s+đó\s*,")


# A news report's background opens with "Trước đó," (earlier): "Trước đó, ngày 8/8/2018 Báo Thanh niên
# có đưa tin: …" — what happened before the instruction, not more of it.
_BACKGROUND = re.compile(r"^\s*Trước\s+đó\s*,")
