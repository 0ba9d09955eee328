"""Units to tasks to records: the machinery every text layout shares.

A clause's text is cut into units (sentences and ';'-parts, `grammar.split_units`); a unit that
names a subject starts a task, a subject-less unit continues the current task, a unit that is only
a deadline closes the open tasks of its sentence. Inside a clause, a new task starts only where a
unit names a new subject, or where the current task was already closed by its deadline and a new
lower-case unit follows ("…, hoàn thành trong Quý I/2026; rà soát …").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from directive_parser.extract import bodies, deadlines, grammar
from directive_parser.extract.deadline_cells import parse_cell_deadline
from directive_parser.models import (
    Assignment,
    Body,
    Clause,
    ClauseKind,
    Completeness,
    Deadline,
    DeadlineKind,
    Page,
    Recurrence,
    Span,
    TableGrid,
    TextTable,
    page_of,
)
from directive_parser.text import vocabulary

# Reporting or past-tense predicates state facts, not tasks: "… cho biết", "… đã làm việc với …".
# ("sẽ hợp với" is the blind repair's reading of "sẽ họp với": no phrase of its own in the genre)
NOT_A_TASK = re.compile(
    r"^\s*(?:cho\s+biết|nhấn\s+mạnh|phát\s+biểu|nêu\s+rõ|khẳng\s+định|ghi\s+nhận|đánh\s+giá\s+cao|thông\s+tin|"
    r"chủ\s+trì\s+(?:cuộc\s+)?(?:họp|hội\s+nghị|phiên\s+họp)|sẽ\s+(?:họp|hợp\s+với|làm\s+việc|có\s+cuộc)|dự\s+(?:tính|kiến)\s+sẽ|"
    r"quyết\s+định\s+(?:trích|chi|cấp|xuất|hỗ\s+trợ)\s+[\d.,]+|đã|vừa|đang|được(?!\s+giao)|(?:xin\s+)?thông\s*báo\s*(?:để|cho)|trân\s+trọng\s+thông\s+báo|"
    # the speaker of a letter introducing the directions it conveys: "Phó Thủ tướng Hoàng Trung Hải
    # có ý kiến như sau:", "Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:"
    r"(?:có\s+ý\s+kiến(?:\s+chỉ\s+đạo)?|chỉ\s+đạo|kết\s+luận)\s+(?:như\s+)?sau(?=\s*:)|"
    # an approval is a decision, not a task (GUIDE: "Đồng ý" is not a task): "Thủ tướng Chính phủ cơ
    # bản nhất trí với dự kiến kế hoạch …", "Phó Thủ tướng đồng ý với đề xuất của Bộ …"
    r"(?:cơ\s+bản\s+)?(?:nhất\s+trí|đồng\s+ý)\b|"
    # a report or letter the background mentions: "Đài Truyền hình Việt Nam có loạt phóng sự phản
    # ánh …", "Bộ Tài chính có Tờ trình số 12/TTr-BTC …" (not "có văn bản hướng dẫn …", a task)
    r"có\s+(?:[^\W\d_]+\s+)?(?:bài(?:\s+viết)?|phóng\s+sự)\s+(?:phản\s+ánh|về|nêu)|có\s+(?:Tờ\s+trình|Công\s+văn|văn\s+bản|Báo\s+cáo)\s+số)\b",
    re.I,
)

# A plan's contingency line is not a task to track: "Trong quá trình thực hiện, nếu có khó khăn,
# vướng mắc, các sở, ngành kịp thời phản ánh về Sở Nội vụ …", "nếu có vướng mắc kịp thời báo cáo Ủy
# ban nhân dân tỉnh …" (a convention of the genre's closing: 8 dev and held-out plans end so; none of
# their gold counts it).
_CONTINGENCY = re.compile(
    r"^\s*(?:Trong\s+quá\s+trình\s+[^,;.]{0,80}?,?\s+)?nếu\s+(?:có\s+)?(?:(?:phát\s+sinh|phát\s+hiện|gặp)\s*,?\s*)?"
    r"(?:những\s+|các\s+)?(?:khó\s+khăn|vướng\s+mắc)\b",
    re.I,
)

# How a body a decision sets up works is no task: "Ban Chỉ đạo làm việc theo nguyên tắc tập trung dân
# chủ", "Hội đồng làm việc theo chế độ kiêm nhiệm", "… theo Quy chế do Trưởng ban ban hành" (a
# convention of the QĐ thành lập / kiện toàn: the corpus has dozens).
_WORKING_RULES = re.compile(r"^\s*[^,;.]{0,80}?\blàm\s+việc\s+theo\s+(?:nguyên\s+tắc|chế\s+độ|[Qq]uy\s+chế)\b")
# Whose competence a matter is, stated and no more, is no task (`grammar.COMPETENCE`): "Việc đầu tư xây
# dựng Trường Trung cấp y tế thuộc thẩm quyền của Ủy ban nhân dân tỉnh Bắc Kạn." (a VPCP letter, before
# the case it does assign), "Việc thanh lý nguồn phóng xạ … thuộc thẩm quyền của Ủy ban nhân dân cấp
# tỉnh." (a decree). A request after a comma ("…, đề nghị …") keeps the unit a task.
_COMPETENCE = re.compile(rf"^\s*{grammar.COMPETENCE}[^,;:.]{{0,160}}[.;]?\s*$")
# A leader's approval is a decision, not a task to track: "1. Đồng ý chủ trương chuyển giao nguyên
# trạng Làng Văn hóa … về Ủy ban nhân dân thành phố Hà Nội trực tiếp quản lý", "Đồng ý với kiến nghị
# của Bộ … tại văn bản nêu trên." (a resolution and three letters); the work it gives follows.
_APPROVAL = re.compile(r"^\s*(?:[-–+]\s*)?(?:Đồng\s+ý|Chấp\s+thuận)\b")
# A letter's closing formula, whatever the subject looks like ("Vănphòng Chính phủ xin thông báo để …
# biết, thực hiện./.", a web copy that glued the words).
# With "xin" the formula stands even when OCR or its repair lost the "để" ("Văn phòng Chính phủ xin thông
# báo các cơ quan liên quan biết, thực hiện.", from "thong baodé").
_NOTICE_FORMULA = re.compile(
    r"\b(?:xin|trân\s+trọng)\s+(?:" + vocabulary.NOTICE_FORMULA + r")|\bxin\s+thông\s*báo\s+[^.]{0,200}?\bbiết\b"
)


# A periodic report after the task is a duty of its own that trackers follow by its own date (GUIDE:
# "several tasks with different deadlines … split them") when it opens a new sentence or has a date:
# "… xây dựng Kế hoạch triển khai. Hằng năm báo cáo kết quả thực hiện về Sở …", "…; định kỳ trước
# ngày 30 tháng 11 hàng năm báo cáo kết quả …" (8 dev and held-out records). Undated in the same
# sentence it stays with the actions it closes: "…; kiểm tra và giám sát Chương trình; định kỳ hằng
# năm báo cáo Thủ tướng Chính phủ".
_PERIODIC_REPORT = re.compile(
    r"^\s*(?:Định|định)\s+kỳ(?:\s+(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)(?:\s*,\s*(?:hằng|hàng)\s+\w+)?)?"
    r"(?:\s*,?\s+trước\s+ngày\s+[^,;.]{1,40}?)?\s*,?\s+(?:tổng\s+hợp,?\s+)?(?:gửi\s+)?báo\s+cáo\b"
    r"|^\s*(?:Hằng|Hàng|hằng|hàng)\s+(?:năm|quý|tháng|tuần)\s*,?\s+(?:tổng\s+hợp,?\s+)?(?:gửi\s+)?báo\s+cáo\b"
)

# Leftover words of a unit that is only a deadline: "hoàn thành trong Quý I/2026."
_DEADLINE_FILLER = re.compile(r"\b(?:hoàn\s+thành|xong|nhiệm\s+vụ|và|là|bảo\s+đảm|đảm\s+bảo|tiến\s+độ)\b", re.I)


# The document's end mark "./." and whatever follows it on the line (a signer block the line break
# between them was lost from: "… nghiêm túc Chỉ thị này./. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Nam").
_END_MARK = re.compile(r"(?<=\.)\s*/\s*\.(?:\s.*)?$", re.S)
_ISSUER_TAIL = re.compile(r"^\s*của\s+[^;.,]{0,60}")


@dataclass
class _Task:
    start: int  # document offsets
    end: int
    lead: list[Body]
    coordinating: list[Body]
    task_start: int
    explicit: bool
    deadline: Deadline | None = None
    sentence: int = 0
    closed: bool = False
    dated_by_field: bool = False  # a "Thời gian hoàn thành: …" line gave the deadline


@dataclass(frozen=True)
class ExtractContext:
    """What extraction needs besides the clauses: the text, its pages, and its tables with the
    cell boxes ingest found for them (keyed by page and the table's index on that page)."""

    text: str
    pages: list[Page]
    issued: date | None
    doc_key: str
    tables: tuple[TextTable, ...] = ()
    grids: Mapping[tuple[int, int], TableGrid] = field(default_factory=dict)
    parts: tuple[tuple[str, int, int], ...] = ()  # (code, start, end) of each attachment


def without_leads(coordinating: list[Body], lead: list[Body]) -> list[Body]:
    """The coordinating bodies that are not also the lead: a body never coordinates with itself
    (a table row that names "Bộ Tài chính" in both columns, a heading's partners passed down)."""
    names = {b.name for b in lead}
    return [b for b in coordinating if b.name not in names]


def is_preamble(clause: Clause) -> bool:
    """The unnumbered introduction of the body or of an attachment ("preamble", "KH.preamble")."""
    return clause.kind is ClauseKind.paragraph and clause.path.rsplit(".", 1)[-1] == "preamble"


def records_from(
    clause: Clause, text: str, offset: int, inherited: list[Body], ctx: ExtractContext, coordinating: list[Body] | None = None
) -> list[Assignment]:
    """Group a clause's units into tasks and turn each into an Assignment."""
    # `clause.text` has its line breaks squashed, so map units back to the document by search.
    base = _locate(ctx.text, text, offset)
    tasks = _group_units(text, inherited, coordinating or [], ctx.issued)
    out = []
    for k, t in enumerate(tasks, start=1):
        record = _assignment(clause.path, k, text, t, base, ctx)
        if not _BARE_FORMULA.match(record.task):
            out.append(record)
    return out


# The closing request with no object and no date, a formula of letters and plans rather than a task to
# track (the gold of every dev and held-out set has it optional): "Yêu cầu Sở …, các cơ quan, đơn vị
# liên quan [triển khai thực hiện./.]", "… các doanh nghiệp viễn thông [nghiêm túc triển khai thực hiện];
# định kỳ … báo cáo …" (the report after it is still its subject's task).
_BARE_FORMULA = re.compile(
    r"^\s*(?:(?:nghiêm\s+túc|khẩn\s+trương)\s+)?(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?thực\s+hiện\s*[./;]*\s*$", re.I
)


def _locate(doc: str, squashed: str, offset: int) -> int:
    """Where the first words of `squashed` (a clause text whose line breaks were squashed) stand in
    `doc` from `offset` on, any whitespace between them; `offset` when they do not. A plain `find` of
    the first word, checked word by word: one regex compiled per clause cost a tenth of a parse."""
    words = squashed[:30].split()
    if not words:
        return offset
    first, rest = words[0], words[1:]
    i = doc.find(first, offset)
    while i >= 0:
        j = i + len(first)
        for w in rest:
            k = j
            while k < len(doc) and doc[k].isspace():
                k += 1
            if k == j or not doc.startswith(w, k):
                break
            j = k + len(w)
        else:
            return i
        i = doc.find(first, i + 1)
    return offset


# A plan writes an item's deadline as a field line after it: "- Tham mưu triển khai kế hoạch kiểm kê …
# Thời gian hoàn thành: Tháng 11 - 12/2025.", "Thời hạn hoàn thành: Trước ngày 30/11/2025." The value
# is a bare phrase, as in a table's time cell; "Từ tháng 11/2025 đến khi kết thúc …" names no due date.
_TIME_FIELD = re.compile(
    r"(?:(?<=\s)|^)(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ)(?:\s+(?:dự\s+kiến\s+)?(?:hoàn\s+thành|thực\s+hiện|trình|báo\s+cáo))?\s*:\s*"
)
_OPEN_ENDED = re.compile(r"^\s*[Tt]ừ\b.*\bđến\s+khi\b")


# An inline enumeration inside one clause: "…, cụ thể: (1) Bộ Tài chính giải quyết …; (2) Bộ Y tế hoàn
# thành …", "… như sau: (1) Giao Bộ Nông nghiệp và Môi trường chủ trì …. (2) Giao …". Each "(n)"
# after a colon, a semicolon or a full stop opens a unit of its own.
# The same with "(i)", "(ii)" when the segmenter left them inline — OCR garbles the labels ("(¡)",
# "()", a second "(ii)" for "(iii)") so that they no longer read as a sequence: a label of that shape
# after a colon or a full stop, before a capital, still opens a unit.
_ROMAN_LABEL = re.compile(r"\([ivxìíl¡|]{0,5}\)\s+(?=[A-ZĐÀ-Ỹ])")
_INLINE_NUMBER = re.compile(r"(?<=[:;.])\s+(?=\(\d{1,2}\)\s|(?P<roman>\([ivxìíl¡|]{0,5}\)\s+)[A-ZĐÀ-Ỹ])")


def _split_inline_numbers(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    garbled = _garbled_roman_labels(text)
    for s, e in units:
        if garbled and (opening := _ROMAN_LABEL.match(text, s, e)) and _names_its_doer(text[opening.end() : e]):
            s = opening.end()  # a sentence that opens with its label: ". (ii) Chủ đầu tư phối hợp …"
        for m in _INLINE_NUMBER.finditer(text, s, e):
            label = len(m["roman"] or "")  # a Roman label is left out of the unit: "(¡) " is no name
            if label and (not garbled or not _names_its_doer(text[m.end() + label : e])):
                continue  # "(i) Tích hợp …; (ii) Kết nối …": the parts of one task, not tasks
            if m.end() > s and text[s : m.start()].strip():
                out.append((s, m.start()))
            s = m.end() + label if m.end() > s else s
        out.append((s, e))
    return out


# One sentence, one deadline per part of the work: "… xong trước ngày 01 tháng 5 năm 2026 đối với chi
# phí năm 2023, xong trước ngày 01 tháng 8 năm 2026 đối với chi phí năm 2024", "báo cáo trước ngày 20
# tháng 6 đối với báo cáo sáu tháng, trước ngày 20 tháng 12 đối với báo cáo năm" (the corpus has
# some twenty). Each "đối với" part is a task of its own with its own deadline.
_FOR_WORDS = re.compile(r"đối\s+với")
_FOR_PART = re.compile(r"\s+đối\s+với\s+[^,;.]{3,80}?[,;]\s+(?:và\s+)?(?=(?:xong\s+|hoàn\s+thành\s+)?(?:trước|chậm\s+nhất)\b)")


def _split_deadline_pairs(text: str, units: list[tuple[int, int]], issued: date | None) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in units:
        if not _FOR_WORDS.search(text, s, e):  # most units: no part named, no second deadline scan
            out.append((s, e))
            continue
        dated = [m for m in deadlines.find_deadlines(text[s:e], issued) if m.cue and m.deadline.due is not None]
        for a, b in zip(dated, dated[1:]):
            gap = _FOR_PART.match(text, s + a.end, s + b.start + 40)
            if gap and gap.end() <= s + b.start:
                out.append((s, gap.end()))
                s = gap.end()
        out.append((s, e))
    return out


ROMAN_SEQUENCE = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _garbled_roman_labels(text: str) -> bool:
    """Whether the clause's "(i)" labels are not a clean sequence: the segmenter reads a clean one
    itself, and a clean one left inline is a footnote's list ("[3] Cụ thể: (i) …; (ii) …")."""
    labels = [m.group(0).split(")")[0].strip("( ") for m in _ROMAN_LABEL.finditer(text)]
    expected = 0
    for label in labels:  # each list may restart at "(i)"
        expected = 0 if label == "i" else expected
        if expected >= len(ROMAN_SEQUENCE) or label != ROMAN_SEQUENCE[expected]:
            return True
        expected += 1
    return False


def _names_its_doer(item: str) -> bool:
    subj = grammar.find_subject(item[: grammar.LOOKAHEAD])
    return subj.explicit and bool(grammar.PREDICATE_AT_START.match(item[subj.task_start :]))


def _split_time_fields(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a unit before a time field that follows the task on the same line or the next one."""
    out: list[tuple[int, int]] = []
    for s, e in units:
        cuts = [m.start() for m in _TIME_FIELD.finditer(text, s, e) if m.start() > s]
        for c in cuts:
            out.append((s, c))
            s = c
        out.append((s, e))
    return out


def _time_field(unit: str, issued: date | None) -> tuple[bool, Deadline | None]:
    """Whether `unit` is a time field, and the deadline its value states."""
    m = _TIME_FIELD.match(unit)
    if not m:
        return False, None
    value = unit[m.end() :].strip(" .;")
    if _OPEN_ENDED.match(value):
        return True, None
    return True, parse_cell_deadline(value, issued)


def _group_units(text: str, inherited: list[Body], coordinating: list[Body], issued: date | None) -> list[_Task]:
    tasks: list[_Task] = []
    sentence = 0
    units = _split_inline_numbers(text, _join_address_lists(text, grammar.split_units(text)))
    intro: Deadline | None = None  # "…, hoàn thành trong tháng 11 năm 2025, cụ thể: (1) Bộ Tài chính …"
    intro_from = 0
    for s, e in _split_deadline_pairs(text, _split_time_fields(text, units), issued):
        unit = text[s:e]
        is_field, field_dl = _time_field(unit, issued)
        if is_field:
            if tasks:  # the field closes the task it follows
                tasks[-1].deadline = field_dl or tasks[-1].deadline
                tasks[-1].closed = True
                tasks[-1].dated_by_field = True
            continue
        found = deadlines.find_deadlines(unit, issued)
        report = _PERIODIC_REPORT.match(unit)
        dl = _closing_deadline(unit, found) or (_periodic_deadline(report, found, unit) if report else None)
        if _deadline_only(unit, found):
            _attach_deadline(tasks, sentence, unit, issued)
        else:
            _add_unit(tasks, unit, s, e, inherited, coordinating, dl, sentence, report, found)
        if unit.rstrip().endswith(":") and (opening := _closing_deadline(unit.rstrip(" :"), found)):
            intro, intro_from = opening, len(tasks)  # the tasks after the introduction
        if unit.rstrip().endswith("."):
            sentence += 1
    if intro is not None:  # the items an introduction dates take its deadline unless they have their own
        for t in tasks[intro_from:]:
            t.deadline = t.deadline or intro
    return [t for t in tasks if t.lead]


def _join_address_lists(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin addressees that ';' separated: "Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban
    nhân dân các xã; Thủ trưởng các cơ quan liên quan triển khai …" is one unit."""
    out: list[tuple[int, int]] = []
    joining = False  # the last unit was only names: the next one continues the list
    for s, e in units:
        if out and (joining or (_partners_open(text[out[-1][0] : out[-1][1]]) and _opens_with_body(text[s:e]))):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
        joining = _names_only(text[s:e]) or (len(out) > 0 and _names_only(text[out[-1][0] : out[-1][1]]))
    return out


# A partner list that ';' separates runs on into the next unit: "Giao Sở Công Thương chủ trì, phối hợp
# với các Sở, ban, ngành của tỉnh; Ủy ban nhân dân các xã, phường; các cơ quan, đơn vị có liên quan triển
# khai thực hiện Kế hoạch này" is one task (provincial decisions write their partners so).
_PARTNERS = re.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+")


def _partners_open(unit: str) -> bool:
    if not unit.rstrip().endswith(";"):
        return False
    last = next(reversed(list(_PARTNERS.finditer(unit))), None)
    if last is None:
        return False
    tail = unit[last.end() :].rstrip(" ;")
    found = bodies.find_bodies(tail)
    return bool(found) and found[0].start == 0 and sum(f.end - f.start for f in found) >= MIN_PARTNER_SHARE * len(tail)


# of the words after "phối hợp với", the share names cover (not "của tỉnh" in "các sở, ngành của tỉnh")
MIN_PARTNER_SHARE = 0.6


def _opens_with_body(unit: str) -> bool:
    found = bodies.find_subject_bodies(unit[: grammar.MAX_SUBJECT_CHARS])
    return bool(found) and found[0].start <= len(unit) - len(unit.lstrip())


def _names_only(unit: str) -> bool:
    if not unit.rstrip().endswith(";"):
        return False
    subj = grammar.find_subject(unit)
    if not subj.explicit:
        return False
    words = re.findall(r"[^\W\d_]+", unit[subj.task_start :])
    # the rest of a name the gazetteer does not know: "…, đặc khu [Cồn Cỏ];" ends with capitals
    return len(words) <= 1 or (len(words) <= MAX_NAME_TAIL_WORDS and all(w[:1].isupper() for w in words))


MAX_NAME_TAIL_WORDS = 4


# The introduction of the items that follow, with no work of its own: "Trong thời gian tới, yêu cầu
# các bộ, ngành tập trung thực hiện một số nhiệm vụ như sau:", "… thực hiện các nội dung sau:".
# A role with no work after it states who leads, not a task: "Các Bộ, cơ quan thống nhất chỉ có một
# cơ quan chủ trì;", "… do Bộ Tài chính chủ trì."
_BARE_ROLE = re.compile(r"^\s*(?:chủ\s+trì|phối\s+hợp)\s*[;.,]?\s*$", re.I)
_LIST_INTRO = re.compile(
    r"^(?:\S+\s+){0,3}(?:thực\s+hiện|triển\s+khai)\s+(?:tốt\s+)?(?:một\s+số|các|những)\s+"
    r"(?:nhiệm\s+vụ|nội\s+dung|giải\s+pháp|công\s+việc)(?:[^.;:]{0,40}?)\s(?:như\s+)?sau\s*:\s*$",
    re.I,
)


# A unit that announces its details after a colon introduces the tasks that follow, it is not one
# itself: "b) Các Bộ: Tài chính, Y tế khẩn trương khắc phục …, hoàn thành trong tháng 11 năm 2025, cụ
# thể: (1) Bộ Tài chính …; (2) Bộ Y tế …" (its deadline still dates them).
_DETAILED_BELOW = re.compile(r"(?:,\s*|\s)cụ\s+thể(?:\s+như\s+sau)?\s*:\s*$")


# Within a body's duties, asking firms and people to act is the body's own task, not an address of
# the document: "3. Sở Xây dựng: - … ; yêu cầu các tổ chức, doanh nghiệp thực hiện chương trình …",
# "- Yêu cầu các đơn vị hoạt động khai thác khoáng sản đầu tư, lắp đặt …" (the Sở's record; the corpus
# has the form in decrees' lists of an authority's powers: "; yêu cầu doanh nghiệp cảng, chủ tàu …").
_ASKS_THIRD_PARTY = re.compile(
    r"^[\s\-–+]*(?:đôn\s+đốc,?\s+)?[Yy]êu\s+cầu\s+(?:các\s+|những\s+)?(?:tổ\s+chức|doanh\s+nghiệp|cá\s+nhân|nhà\s+thầu|"
    r"chủ\s+(?:đầu\s+tư|tàu|cơ\s+sở|mỏ|dự\s+án)|cơ\s+sở\s+(?:sản\s+xuất|kinh\s+doanh)|"
    r"đơn\s+vị\s+(?:hoạt\s+động|sản\s+xuất|kinh\s+doanh|khai\s+thác|thi\s+công))\b"
)


def _add_unit(
    tasks: list[_Task],
    unit: str,
    s: int,
    e: int,
    inherited: list[Body],
    coordinating: list[Body],
    dl: Deadline | None,
    sentence: int,
    report: re.Match[str] | None = None,
    found: list[deadlines.DeadlineMatch] | None = None,
) -> None:
    """Start a task with `unit` or add it to the current one; `dl` is the deadline closing the unit,
    `report` the periodic report the unit opens with, if any, `found` the unit's deadline phrases."""
    subj = grammar.find_subject(unit)
    cur = tasks[-1] if tasks else None
    if subj.explicit and (cur is not None or inherited) and _ASKS_THIRD_PARTY.match(unit):
        subj = grammar.Subject([], [], len(unit) - len(unit.lstrip(" -–+")), False)
    predicate = unit[subj.task_start :]
    intro = _LIST_INTRO.match(predicate.strip()) or _DETAILED_BELOW.search(predicate)
    if subj.explicit and (intro or _BARE_ROLE.match(predicate)):
        return
    if _CONTINGENCY.match(unit) and (subj.explicit or cur is None or cur.closed):
        return
    if _APPROVAL.match(unit) or _NOTICE_FORMULA.search(unit) or _WORKING_RULES.match(unit) or _COMPETENCE.match(unit):
        return
    if subj.explicit and not subj.accountability and not NOT_A_TASK.match(predicate):
        if cur is not None and _same_body_goes_on(cur, subj.lead, dl, sentence):
            cur.end = e  # "Tỉnh thực hiện …; chủ động …; trên cơ sở đó, Tỉnh nghiên cứu …": one task
            return
        tasks.append(_Task(s, e, subj.lead, subj.coordinating, s + subj.task_start, True, dl, sentence, dl is not None))
        return
    if (
        report
        and cur is not None
        and not subj.explicit
        and (sentence != cur.sentence or (dl is not None and dl.due) or "trước" in report.group(0))
    ):
        tasks.append(_Task(s, e, cur.lead, [], s + subj.task_start, False, dl, sentence, dl is not None))
        return
    if cur is not None and not subj.explicit and (own := _dated_new_sentence(cur, unit, sentence, found or [])):
        tasks.append(_Task(s, e, cur.lead, [], s + subj.task_start, False, own, sentence, True))
        return
    if cur is not None and (subj.accountability or grammar.is_conditional(unit) or not _closes(cur, unit)):
        cur.end = e
        cur.deadline = _stronger(cur.deadline, dl)
        cur.closed = dl is not None or cur.closed
        if subj.coordinating and not cur.coordinating:
            cur.coordinating = subj.coordinating
        return
    if subj.explicit or NOT_A_TASK.match(predicate):
        return  # a fact about a body, not a task for it
    lead = cur.lead if cur is not None else inherited
    coord = subj.coordinating or (coordinating if cur is None else [])
    tasks.append(_Task(s, e, lead, coord, s + subj.task_start, False, dl, sentence, dl is not None))


def _same_body_goes_on(cur: _Task, lead: list[Body], dl: Deadline | None, sentence: int) -> bool:
    """The same body named again within one sentence, neither part dated: GUIDE keeps "several
    actions of the same body with no separate deadline" in one record."""
    return (
        cur.sentence == sentence and cur.deadline is None and dl is None and [b.name for b in cur.lead] == [b.name for b in lead]
    )


# A sentence that reports or submits the work: "Báo cáo …", "Gửi …", "Trình …", "Tổng hợp, báo cáo …";
# not the report as a noun, which only says where and when the task's report goes: "Báo cáo gửi về Ủy
# ban nhân dân tỉnh … chậm nhất ngày 27/4/2020" dates the task before it.
_REPORT_SENTENCE = re.compile(
    r"^(?:Báo\s+cáo(?!\s+(?:gửi|được|phải|nộp)\b)|Gửi|Trình|Tổng\s+hợp(?:,\s*|\s+và\s+)(?:\w+,?\s+){0,2}?báo\s+cáo)\b"
)


def _dated_new_sentence(cur: _Task, unit: str, sentence: int, found: list[deadlines.DeadlineMatch]) -> Deadline | None:
    """The date of a new sentence of the same item that reports or submits with a date of its own
    after undated work: a second task (GUIDE: "one item holds several tasks with different deadlines:
    split them"). "c) Phát huy tinh thần tự lực …, chủ động bố trí … nguồn lực. Báo cáo kế hoạch
    thực hiện … gửi Văn phòng Chính phủ trước ngày 03/12/2025 để tổng hợp, báo cáo …"; "- Tổ chức
    các hoạt động … . Gửi các tin, bài … về Sở trước ngày 15/12/2025." (A sentence that only goes on
    describing the work, "Đánh giá phải thực chất, …, hoàn thành trước ngày …", dates the whole item.)"""
    opening = unit.lstrip(" -–+")
    if (own := _opening_date(unit, found)) is not None and (cur.deadline is None or cur.deadline.due != own.due):
        return own
    if sentence == cur.sentence:
        return None
    if (cur.deadline is None or cur.deadline.due is None) and _REPORT_SENTENCE.match(opening):
        dated = [m for m in found if m.cue and m.deadline.due is not None]
        return dated[-1].deadline if dated else None
    # A new sentence that opens with a task verb and ends on a date of its own, other than the one
    # the work before it has, is the next task of the item (GUIDE: split tasks with different
    # deadlines): "đ) Hoàn thiện phương án … , hoàn thành trong tháng 5 năm 2026. Khẩn trương hoàn
    # thiện Quyết định …, trình Thủ tướng Chính phủ ban hành trước ngày 15 tháng 5 năm 2026."; "c) Tập
    # trung đa dạng hóa nguồn nhập khẩu …. Triển khai ngay việc rà soát …, báo cáo Thủ tướng Chính phủ
    # trong tháng 6 năm 2026 …". Not a sentence whose verb is the subject of a modal ("Đánh giá phải
    # thực chất, …, hoàn thành trước ngày …"), which dates the whole item.
    if not opening[:1].isupper() or not grammar.PREDICATE_AT_START.match(opening) or _DESCRIBES.match(opening):
        return None
    own = _closing_deadline(unit, found)
    if own is None or own.due is None or (cur.deadline is not None and cur.deadline.due == own.due):
        return None
    return own


def _opening_date(unit: str, found: list[deadlines.DeadlineMatch]) -> Deadline | None:
    """The date a unit opens with before its task verb: the next task of the item, due then. "…
    theo dõi sát diễn biến thị trường …; trước ngày 10 tháng 5 năm 2026, có hướng dẫn cụ thể các bộ
    …"; ". Trong quý III năm 2026, hoàn thành cắt giảm 50% thời gian …"; "…; Trước ngày 15/12 hàng
    năm tổng hợp, báo cáo Bộ Khoa học và Công nghệ" (a work plan, a monthly resolution, a decree)."""
    first = found[0] if found else None
    if first is None or not first.cue or first.deadline.due is None or unit[: first.start].strip(" -–+"):
        return None
    rest = _HAS.sub("", unit[first.end :].lstrip(" ,"), count=1)  # "có hướng dẫn …" gives guidance
    return first.deadline if grammar.PREDICATE_AT_START.match(rest) else None


_HAS = re.compile(r"^có\s+(?=\w)")


# The first words of a sentence that describes the work before it rather than giving more: "Đánh giá
# phải thực chất …", "Việc bàn giao phải hoàn thành …" (a verb read as the subject of a modal).
_DESCRIBES = re.compile(r"^(?:[^\W\d_]+\s+){1,3}?(?:phải|cần|được|là|sẽ|bảo\s+đảm|đảm\s+bảo)\b")


def _periodic_deadline(report: re.Match[str], found: list[deadlines.DeadlineMatch], unit: str) -> Deadline | None:
    """The date a periodic report opens with: "định kỳ trước ngày 30 tháng 11 hàng năm báo cáo …" is
    due 30 November, yearly."""
    dated = [m for m in found if m.end <= report.end() and m.deadline.kind in deadlines.DATED and m.deadline.due]
    # "định kỳ … hàng năm": the yearly recurrence, not the bare "định kỳ", goes with the date
    specific = sorted(found, key=lambda m: m.deadline.recurrence is Recurrence.regular)
    return deadlines.with_recurrence(dated[0], specific, unit) if dated else None


def _closing_deadline(unit: str, found: list[deadlines.DeadlineMatch]) -> Deadline | None:
    """The deadline that ends a unit ("…, hoàn thành trong Quý I/2026;"), if one does.

    A deadline word inside the task ("theo dõi hằng ngày tình hình …", "triển khai ngay việc …")
    describes the work and does not close the task.
    """
    cued = [m for m in found if m.cue]
    if not cued:
        return None
    last, deadline = cued[-1], cued[-1].deadline
    # "… báo cáo Ủy ban nhân dân tỉnh trước ngày 25/12 hằng năm": the recurrence closing the unit
    # belongs to the date before it, which stays the due date (yearly from 25 December).
    dated = [m for m in cued[:-1] if m.deadline.kind in deadlines.DATED and m.deadline.due]
    if deadline.kind is DeadlineKind.recurring and dated:
        kept = deadlines.with_recurrence(dated[-1], [last], unit)
        deadline = kept if kept.recurrence is not None else deadline
    elif deadline.kind in deadlines.DATED and deadline.recurrence is None:
        # "… báo cáo Ủy ban nhân dân tỉnh định kỳ hằng năm, trước ngày 31 tháng 12": the recurrence
        # before the date closing the unit goes with it (due 31 December, yearly)
        before = [m for m in cued[:-1] if m.deadline.recurrence is not None and not unit[m.end : last.start].strip(" ,")]
        if before:
            deadline = deadline.model_copy(update={"recurrence": before[-1].deadline.recurrence})
    # "… theo tiến độ quy định tại Quyết định số 2352/QĐ-TTg ngày 24/10/2025 của Thủ tướng Chính phủ;"
    # ends with the issuer of the cited schedule, which still closes the task.
    # "… xong trước ngày 01 tháng 5 năm 2026 đối với chi phí năm 2023," still closes: the part it dates.
    rest = _DEADLINE_FILLER.sub(" ", _ISSUER_TAIL.sub("", _PART_TAIL.sub("", unit[last.end :])))
    return deadline if len(re.findall(r"[^\W\d_]+", rest)) <= 2 else None


_PART_TAIL = re.compile(r"^\s+đối\s+với\s+[^,;.]{3,80}[,;.]?\s*$")


# Which deadline a task keeps when its units state several: a date beats a schedule reference,
# which beats a recurrence ("thường xuyên"), which beats an adverb of urgency ("khẩn trương").
_RANK = {DeadlineKind.none: 1, DeadlineKind.recurring: 2, DeadlineKind.immediate: 0}


def _stronger(a: Deadline | None, b: Deadline | None) -> Deadline | None:
    if a is None or b is None:
        return a or b
    return b if _RANK.get(b.kind, 3) >= _RANK.get(a.kind, 3) else a


def _closes(cur: _Task, unit: str) -> bool:
    """A new subject-less unit starts a new task only after the current one was closed by a deadline."""
    return cur.closed and grammar.starts_lower(unit) and not _DETAILS.match(unit)


# A unit that opens with "trong đó" details the dated task before it, it is no task of its own:
# "… tổ chức Hội nghị trực tuyến … trong tháng 3 năm 2020; trong đó thể hiện rõ trách nhiệm của các tổ
# chức, cá nhân …", "… hoàn thành trước ngày 30/6; trong đó ưu tiên …" (126 corpus lines have "; trong đó").
_DETAILS = re.compile(r"^\s*trong\s+đó\b")


def _deadline_only(unit: str, found: list[deadlines.DeadlineMatch]) -> bool:
    if not found:
        return False
    rest = unit
    for m in reversed(found):
        rest = rest[: m.start] + " " + rest[m.end :]
    rest = _DEADLINE_FILLER.sub(" ", rest)
    return len(re.findall(r"[^\W\d_]+", rest)) <= 1


def _attach_deadline(tasks: list[_Task], sentence: int, unit: str, issued: date | None) -> None:
    """A unit that is only a deadline closes every open task of its sentence."""
    dl = deadlines.pick_deadline(unit, issued)
    if not tasks:
        return
    open_tasks = [t for t in tasks if t.sentence == sentence and t.deadline is None] or [tasks[-1]]
    for t in open_tasks:
        t.deadline = t.deadline or dl
        t.closed = True


# What "Tỉnh" / "Thành phố" mean in a document about one province: the name it gives most often
# ("… của tỉnh Điện Biên …"); "Bộ" and "Ủy ban" mean the last ministry or committee named before.
_PROVINCE_NAME = re.compile(r"\b(?P<unit>[Tt]ỉnh|[Tt]hành[ \t]+phố)[ \t]+(?P<name>[A-ZĐ][\wÀ-ỹ]*(?:[ \t]+[A-ZĐ][\wÀ-ỹ]*){0,3})")


@functools.lru_cache(maxsize=8)
def _named_province(doc: str, unit: str) -> str | None:
    counts = Counter(" ".join(m["name"].split()) for m in _PROVINCE_NAME.finditer(doc) if m["unit"].lower() == unit.lower())
    return counts.most_common(1)[0][0] if counts else None


def _resolve_back_references(lead: list[Body], ctx: ExtractContext, start: int) -> list[Body]:
    out = []
    for b in lead:
        if not grammar.is_back_reference(b):
            out.append(b)
            continue
        if b.name in ("Tỉnh", "Thành phố"):
            name = _named_province(ctx.text, b.name)
            unit = "tỉnh" if b.name == "Tỉnh" else "Thành phố"
            out.append(b.model_copy(update={"name": f"Ủy ban nhân dân {unit} {name}"}) if name else b)
            continue
        prefix = "Bộ " if b.name == "Bộ" else "Ủy ban"
        earlier = [m.body for m in bodies.find_bodies(ctx.text[max(0, start - BACK_REFERENCE_WINDOW) : start])]
        named = next((x for x in reversed(earlier) if x.name.startswith(prefix) and x.name != prefix.strip()), None)
        out.append(named.model_copy(update={"text": b.text}) if named else b)
    return out


BACK_REFERENCE_WINDOW = 3000  # characters looked back for the ministry "Bộ" refers to


def _assignment(path: str, ordinal: int, text: str, t: _Task, base: int, ctx: ExtractContext) -> Assignment:
    task = _END_MARK.sub("", " ".join(text[t.task_start : t.end].split())).strip(" ;,")
    if not task:
        task = " ".join(text[t.start : t.end].split()).strip(" ;,")
    dl = t.deadline if t.dated_by_field else t.deadline or deadlines.pick_deadline(text[t.start : t.end], ctx.issued)
    recurrence = dl.recurrence if dl else None
    start = base + t.start
    product, submit_to = grammar.find_product(task), grammar.find_submit_to(task)
    return Assignment(
        id=f"{ctx.doc_key}/{path}/{ordinal}",
        clause=path,
        lead=_resolve_back_references(t.lead, ctx, base + t.start) if any(map(grammar.is_back_reference, t.lead)) else t.lead,
        coordinating=without_leads(t.coordinating, t.lead),
        task=task,
        deadline=dl,
        recurrence=recurrence,
        product=product,
        submit_to=submit_to,
        span=Span(page=page_of(ctx.pages, start), start=start, end=base + t.end),
        completeness=_completeness(t, task, dl, product, submit_to),
    )


def _completeness(t: _Task, task: str, dl: Deadline | None, product: str | None, submit_to: str | None) -> list[Completeness]:
    """Which of the '6 rõ' (người, việc, thời gian, trách nhiệm, sản phẩm, thẩm quyền) the record states."""
    out = []
    if t.lead:
        out.append(Completeness.nguoi)
    if task:
        out.append(Completeness.viec)
    if dl is not None and (dl.due is not None or dl.recurrence is not None or dl.kind is DeadlineKind.immediate):
        out.append(Completeness.thoi_gian)
    if t.explicit or t.coordinating:
        out.append(Completeness.trach_nhiem)
    if product:
        out.append(Completeness.san_pham)
    if submit_to or re.search(r"theo\s+thẩm\s+quyền", task):
        out.append(Completeness.tham_quyen)
    return out
