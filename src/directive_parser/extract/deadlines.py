"""Deadline phrases of Vietnamese directives: task text -> `Deadline` (kind, window, recurrence).

A scan runs in four steps:

1. Core patterns find every time expression: full dates ("ngày 15/01/2026", "31 tháng 12 năm
   2025"), months, quarters ("Quý I/2026", OCR "Quý l/2026"), halves ("6 tháng đầu năm"), years,
   periods ("giai đoạn 2026 - 2030"), "ngay"/"khẩn trương", recurrences ("hằng tháng", "thường
   xuyên") and schedule references ("theo tiến độ quy định tại Quyết định số …").
   Overlaps keep the longest expression.
2. "từ A đến B" and "từ nay đến B" are merged into one window.
3. The cue words just before an expression (trước, trong, chậm nhất là, hoàn thành, xong, ngay,
   đến hết) are folded into the phrase. A bare year or a numeric date without "ngày" counts only
   after a cue, so "Kế hoạch hoạt động năm 2026" names a plan and is not a deadline.
4. Dates that are not deadlines are dropped: a cited document's date ("Quyết định số
   2439/QĐ-TTg ngày 04/11/2025"), history ("Tính đến ngày 28 tháng 10 năm 2025", "đến tháng
   10/2025 đạt 20,2 tỷ") and anything that ended before the directive was issued.

Resolution rules: `due` is the last day of the named unit, also after "trước" ("trước ngày
15/01/2026" -> 2026-01-15, "trước năm 2030" -> 2030-12-31), as the hand-checked gold accepts the
named date itself. A date written without its year takes the year of `issued`, rolling to the
next year when that date has already passed. Windows (month, quarter, half, year, period) get a
`start` unless the cue is a "before" cue (trước, chậm nhất, đến hết).
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from directive_parser.extract.deadline_patterns import (
    BARE_TO_RE,
    BEFORE_CUES,
    CITED_BEFORE_RE,
    CUE_RE,
    CUE_WINDOW,
    DATE_NUM_RE,
    DATE_WORDS_RE,
    DATED,
    DOC_NAME_BEFORE_RE,
    FROM_NOW_RE,
    HALF_RE,
    HISTORY_BEFORE_RE,
    IMMEDIATE_RE,
    MAX_CUES,
    MAX_YEAR,
    MIN_YEAR,
    MONTH_RE,
    PERIOD_RE,
    QUARTER_RE,
    RANGE_FROM_RE,
    RANGE_TO_RE,
    RECURRING_RE,
    REFERENCE_RE,
    RESULT_AFTER_RE,
    ROMAN,
    SEP,
    TRAILING_RE,
    YEAR_ONWARD_RE,
    YEAR_RE,
)
from directive_parser.extract.deadline_patterns import (
    IGNORE_CASE as _I,
)
from directive_parser.extract.deadline_patterns import (
    RECURRENCE_UNITS as _RECURRENCE_UNITS,
)
from directive_parser.models import Deadline, DeadlineKind, Recurrence


@dataclass(frozen=True)
class DeadlineMatch:
    """One deadline phrase found in a longer text, with its offsets in the NFC text."""

    start: int
    end: int
    deadline: Deadline
    cue: bool  # introduced by trước, trong, chậm nhất, hoàn thành, ngay, hằng…, từ…đến …


@dataclass(frozen=True)
class _Hit:
    """A time expression before cue folding and filtering (internal)."""

    start: int
    end: int
    kind: DeadlineKind
    first: date | None = None
    due: date | None = None
    recurrence: Recurrence | None = None
    operator: str | None = None
    reference: str | None = None
    needs_cue: bool = False
    cue: bool = False
    yearless: tuple[int, int] | None = None  # (day, month) of a date written without its year


def _window(kind: DeadlineKind, year: int, n: int = 1) -> tuple[date, date]:
    """First and last day of month/quarter/half number `n` (or the whole year) of `year`."""
    first_month, months = {
        DeadlineKind.month: (n, 1),
        DeadlineKind.quarter: (3 * n - 2, 3),
        DeadlineKind.half: (6 * n - 5, 6),
    }.get(kind, (1, 12))
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A validated date: 31/02 and years outside MIN_YEAR..MAX_YEAR give None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _rolled_year(issued: date | None, last_day_of) -> int | None:
    """Year for a yearless phrase: the issue year, or the next one if the window already ended."""
    if issued is None:
        return None
    return issued.year if last_day_of(issued.year) >= issued else issued.year + 1


def _date_hit(m: re.Match, issued: date | None) -> _Hit | None:
    day, month = int(m["d"]), int(m["m"])
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year, so 29/02 passes here
        return None
    if m["y"]:
        due = _safe_date(int(m["y"]), month, day)
        if due is None:
            return None
        return _Hit(m.start(), m.end(), DeadlineKind.date, due=due, needs_cue=not m["ngay"])
    if not m["ngay"]:  # "1/3" without "ngày" and without a year is a fraction, not a date
        return None
    year = _rolled_year(issued, lambda y: _safe_date(y, month, day) or date(y, month, 28))
    due = _safe_date(year, month, day) if year else None
    return _Hit(m.start(), m.end(), DeadlineKind.date, due=due, yearless=(day, month))


def _unit_hit(m: re.Match, issued: date | None, kind: DeadlineKind, n: int | None) -> _Hit | None:
    if n is None:
        return None
    year = int(m["y"]) if m["y"] else _rolled_year(issued, lambda y: _window(kind, y, n)[1])
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return None
    first, due = _window(kind, year, n) if year else (None, None)
    if m.groupdict().get("cuoi"):  # "cuối năm 2025": the end of the year, no window start
        first = None
    bare = not m["y"] or (kind is DeadlineKind.year and not m["cuoi"])
    return _Hit(m.start(), m.end(), kind, first, due, needs_cue=bare)


def _month_hit(m: re.Match, issued: date | None) -> _Hit | None:
    n = int(m["n"])
    return _unit_hit(m, issued, DeadlineKind.month, n if 1 <= n <= 12 else None)


def _quarter_hit(m: re.Match, issued: date | None) -> _Hit | None:
    numeral = m["n"].lower().replace("l", "i").replace("|", "i")
    return _unit_hit(m, issued, DeadlineKind.quarter, ROMAN.get(numeral))


def _half_hit(m: re.Match, issued: date | None) -> _Hit | None:
    hit = _unit_hit(m, issued, DeadlineKind.half, 1 if m["n"].lower() == "đầu" else 2)
    return hit and replace(hit, needs_cue=False)  # returned uncued, like a period


def _year_hit(m: re.Match, issued: date | None) -> _Hit | None:
    return _unit_hit(m, issued, DeadlineKind.year, 1)


def _year_onward_hit(m: re.Match, issued: date | None) -> _Hit | None:
    # "năm 2026 và các năm tiếp theo": first due at the end of 2026, then every year.
    first, due = _window(DeadlineKind.year, int(m["y"]))
    return _Hit(m.start(), m.end(), DeadlineKind.year, first, due, Recurrence.yearly)


def _period_hit(m: re.Match, issued: date | None) -> _Hit | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not MIN_YEAR <= y1 <= y2 <= MAX_YEAR:
        return None
    return _Hit(m.start(), m.end(), DeadlineKind.period, date(y1, 1, 1), date(y2, 12, 31))


def _immediate_hit(m: re.Match, issued: date | None) -> _Hit:
    return _Hit(m.start(), m.end(), DeadlineKind.immediate, operator=_norm(m[0]), cue=True)


def _recurring_hit(m: re.Match, issued: date | None) -> _Hit:
    unit = m["unit"]
    recurrence = _RECURRENCE_UNITS[unit.lower()] if unit else Recurrence.regular
    return _Hit(m.start(), m.end(), DeadlineKind.recurring, recurrence=recurrence, cue=True)


def _reference_hit(m: re.Match, issued: date | None) -> _Hit:
    return _Hit(m.start(), m.end(), DeadlineKind.none, operator="theo", reference=m["ref"].strip(), cue=True)


PATTERNS = (
    (REFERENCE_RE, _reference_hit),
    (PERIOD_RE, _period_hit),
    (DATE_WORDS_RE, _date_hit),
    (DATE_NUM_RE, _date_hit),
    (HALF_RE, _half_hit),
    (QUARTER_RE, _quarter_hit),
    (MONTH_RE, _month_hit),
    (YEAR_ONWARD_RE, _year_onward_hit),
    (YEAR_RE, _year_hit),
    (RECURRING_RE, _recurring_hit),
    (IMMEDIATE_RE, _immediate_hit),
)


def _ends_with(regex: re.Pattern, text: str, at: int) -> re.Match | None:
    """`regex` (anchored with $) matched against the CUE_WINDOW characters before `at`."""
    return regex.search(text, max(0, at - CUE_WINDOW), at)


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


# Words every match of a pattern contains: a text without them cannot match, and looking for them
# in the lower-cased text (plain substring searches) is far cheaper than the pattern's own pass
# (most task texts hold no time expression: 86 % of the scans on a distinct archive find none,
# bench/bench_distinct.py). Sound under the patterns' IGNORECASE: `str.lower` and the regex
# engine's case folding differ only for "İ", "ı" (i) and "ſ" (s), and no word here has an i or s.
_GATES: dict[re.Pattern, tuple[tuple[str, ...], bool]] = {  # pattern -> (one of these words, a digit)
    REFERENCE_RE: (("theo",), False),  # "theo tiến độ … tại …"
    PERIOD_RE: (("đoạn", "kỳ"), True),  # "giai đoạn 2026 - 2030", "thời kỳ 2021-2030"
    DATE_WORDS_RE: (("tháng",), True),  # "31 tháng 12 năm 2025"
    DATE_NUM_RE: ((), True),  # "15/01/2026"
    HALF_RE: (("năm",), False),  # "6 tháng đầu năm"
    QUARTER_RE: (("quý", "quí"), False),  # "Quý I/2026"
    MONTH_RE: (("tháng",), True),  # "tháng 12/2025"
    YEAR_ONWARD_RE: (("năm",), True),  # "năm 2026 và các năm tiếp theo"
    YEAR_RE: (("năm",), True),  # "năm 2030"
    # "hằng tháng", "định kỳ", "thường xuyên": the second words, not "định" and "thường" (in "quy
    # định", "thông thường" of most texts)
    RECURRING_RE: (("hằng", "hàng", "kỳ", "xuyên"), False),
    IMMEDIATE_RE: (("ngay", "khẩn"), False),  # "ngay", "khẩn trương"
}
_DIGIT = re.compile(r"\d")
# A pattern whose matches all hold a shape cheaper to look for than the pattern is run (the pattern
# opens with an optional group, so the engine tries it at every position; the shape opens with a
# digit, which it skips to in C): a numeric date holds a digit, a separator and a digit.
_SHAPES: dict[re.Pattern, re.Pattern] = {DATE_NUM_RE: re.compile(rf"\d{SEP}\d")}
_GATED = tuple((*_GATES[regex], regex, build) for regex, build in PATTERNS)


# The extractors ask for the deadlines of a unit and then of its sentences and clauses, often the
# same text again (a fifth of the scans on a distinct archive): the last few are kept.
CORE_CACHE = 256


@functools.lru_cache(maxsize=CORE_CACHE)
def _core_hits(text: str, issued: date | None) -> tuple[_Hit, ...]:
    """Every core expression; on overlap the longest wins (a date beats the year inside it)."""
    low, digit = text.lower(), _DIGIT.search(text) is not None
    hits = []
    for words, needs_digit, regex, build in _GATED:
        if (digit or not needs_digit) and (not words or any(w in low for w in words)):
            if (shape := _SHAPES.get(regex)) is not None and not shape.search(text):
                continue
            hits += [hit for m in regex.finditer(text) if (hit := build(m, issued)) is not None]
    hits.sort(key=lambda h: (h.start - h.end, h.start))
    # Kept hits never overlap, so the characters they cover tell whether a shorter hit overlaps one:
    # linear in the text, where comparing each hit with every kept one was quadratic.
    covered = bytearray(len(text) + 1)
    kept: list[_Hit] = []
    for hit in hits:
        if hit.end > hit.start and covered.find(1, hit.start, hit.end) < 0:
            covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            kept.append(hit)
        elif hit.end <= hit.start and not covered[hit.start]:
            kept.append(hit)
    return tuple(sorted(kept, key=lambda h: h.start))


def _merge_ranges(text: str, hits: tuple[_Hit, ...], issued: date | None) -> list[_Hit]:
    """Fold "từ A đến B" into one window and give "từ nay đến B" the issue date as start."""
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (
            prev
            and prev.kind in DATED
            and hit.kind in DATED
            and RANGE_TO_RE.match(text[prev.end : hit.start])
            and _ends_with(RANGE_FROM_RE, text, prev.start)
        ):
            out[-1] = _joined(text, prev, hit)
        elif hit.kind in DATED and (m := _ends_with(FROM_NOW_RE, text, hit.start)):
            out.append(replace(hit, start=m.start(), first=issued, operator="từ…đến", cue=True))
        else:
            out.append(hit)
    return out


def _joined(text: str, a: _Hit, b: _Hit) -> _Hit:
    first = a.first if a.kind is not DeadlineKind.date else a.due
    if a.yearless and b.due:  # "từ ngày 15/11 đến ngày 31/12/2025": the year comes from B
        day, month = a.yearless
        first = _safe_date(b.due.year, month, day)
        if first and first > b.due:
            first = _safe_date(b.due.year - 1, month, day)
    both_years = a.kind is DeadlineKind.year and b.kind is DeadlineKind.year
    kind = DeadlineKind.period if both_years else b.kind
    opener = _ends_with(RANGE_FROM_RE, text, a.start)
    assert opener is not None  # callers checked that a 'từ' opens the range
    start = opener.start()
    return replace(b, start=start, kind=kind, first=first, operator="từ…đến", cue=True, needs_cue=False, yearless=None)


def _with_cue(text: str, hit: _Hit) -> _Hit:
    """Extend a hit over the cue words just before it; the innermost cue is the operator."""
    start, cues = hit.start, []
    for _ in range(MAX_CUES):
        m = _ends_with(CUE_RE, text, start)
        if not m or (_norm(m["cue"]) == "vào" and hit.kind is not DeadlineKind.date):
            break  # "vào" names the day of the work ("vào ngày 01/12/2025"), not a month's event
        cues.append(_norm(m["cue"]))
        start = m.start()
    if not cues:
        return hit
    operator = hit.operator or next((c for c in cues if c != "ngay"), cues[0])
    for short in ("chậm nhất", "đến hết"):
        operator = short if operator.startswith(short) else operator
    first = None if operator in BEFORE_CUES else hit.first
    return replace(hit, start=start, operator=operator, first=first, cue=True)


# A period names a plan's span, not a deadline ("ngân sách giai đoạn 2026-2030", "Quy hoạch thời kỳ
# 2021-2030", "triển khai trong giai đoạn 2026 - 2030"), unless completion is asked of it ("hoàn
# thành trong giai đoạn 2026 - 2030", "trước giai đoạn 2031 - 2035").
COMPLETION_BEFORE_RE = re.compile(r"(?<!\w)(?:hoàn\s+thành|xong|trước|chậm\s+nhất|đến\s+hết)(?:\s+\w+){0,2}\s*,?\s*$", _I)

COMPLETION_RE = re.compile(r"(?<!\w)(?:hoàn\s+thành|xong)(?!\w)", _I)


def _plan_span(text: str, core: _Hit, hit: _Hit) -> bool:
    if core.kind is not DeadlineKind.period or not PERIOD_RE.match(text, core.start):
        return False
    if not re.search(r"[^\W\d_]", text[: hit.start]):
        return False  # the phrase alone ("trong giai đoạn 2026 - 2030"): a time cell or field
    if COMPLETION_BEFORE_RE.search(text[max(0, core.start - CUE_WINDOW) : core.start]):
        return False
    # "Hoàn thành sắp xếp … trong giai đoạn 2026 - 2030": a cued period in a task asked to be completed.
    return not (hit.cue and COMPLETION_RE.search(text[: hit.start]))


CONTENT_BEFORE_RE = re.compile(r"(?<!\w)(?:cho|của)\s+(?:(?:những|các)\s+)?(?:(?:tháng|quý|ngày)\s+)?$", _I)


PAST_DUE_GRACE_DAYS = 45


def _is_noise(text: str, hit: _Hit, core_start: int, issued: date | None) -> bool:
    """True for a cited document's date, a history date, or a window closed before issue."""
    before = text[max(0, core_start - 120) : core_start]
    if (
        not hit.cue
        and hit.kind in DATED
        and (CITED_BEFORE_RE.search(before) or (hit.kind is DeadlineKind.date and DOC_NAME_BEFORE_RE.search(before)))
    ):
        return True
    if any(_ends_with(HISTORY_BEFORE_RE, text, at) for at in (hit.start, core_start)):
        return True
    # An uncued period the work is for is its content: "xây dựng kịch bản tăng trưởng cho những tháng
    # cuối năm 2025", "kế hoạch vốn của năm 2026".
    if not hit.cue and _ends_with(CONTENT_BEFORE_RE, text, hit.start):
        return True
    if _ends_with(BARE_TO_RE, text, hit.start) and RESULT_AFTER_RE.match(text, hit.end):
        return True
    # "từ ngày D" without an end is when the work starts, not its deadline: "vận động nhân dân treo
    # cờ trong suốt những ngày diễn ra Lễ hội, bắt đầu từ ngày 22/02/2006" ("từ ngày A đến ngày B" is
    # one range hit by now, with its cue).
    if not hit.cue and hit.kind is DeadlineKind.date and _ends_with(RANGE_FROM_RE, text, hit.start):
        return True
    if issued and hit.due and hit.kind in DATED and hit.due < issued:
        # A Thông báo kết luận is signed days after the meeting whose deadlines it records: "Giao Phó
        # Thủ tướng … trước ngày 15 tháng 11 năm 2025 trực tiếp kiểm tra …" in a notice of 18 November
        # is still that task's date, overdue at once. A cued day a few weeks back stays a deadline.
        return not (hit.cue and hit.kind is DeadlineKind.date and (issued - hit.due).days <= PAST_DUE_GRACE_DAYS)
    return False


def scan(text: str, issued: date | None, *, bare_at_end: bool, cell: bool = False) -> list[DeadlineMatch]:
    """Every deadline phrase of `text`. `cell`: the text is a table's deadline cell ("Quý III,
    năm 2022"), where every phrase is a deadline, cued or not, even one before `issued`."""
    text = unicodedata.normalize("NFC", text)
    matches: list[DeadlineMatch] = []
    for core in _merge_ranges(text, _core_hits(text, issued), issued):
        hit = _with_cue(text, core)
        at_end = bare_at_end and TRAILING_RE.match(text[hit.end :])
        if cell or _opens_task(text, core.start):
            hit = replace(hit, cue=True)
        if hit.needs_cue and not hit.cue and not at_end:
            continue
        if _is_noise(text, hit, core.start, None if cell else issued):
            continue
        if not cell and _plan_span(text, core, hit):
            continue
        while matches and matches[-1].start >= hit.start:  # a cue swallowed an earlier "ngay"
            matches.pop()
        deadline = Deadline(
            text=text[hit.start : hit.end],
            kind=hit.kind,
            start=hit.first,
            due=hit.due,
            recurrence=hit.recurrence,
            operator=hit.operator,
            reference=hit.reference,
        )
        matches.append(DeadlineMatch(hit.start, hit.end, deadline, hit.cue))
    return matches


# "Đến năm 2030, hoàn thành số hóa …", "Đến hết năm 2026, các bộ …": a target year that opens the
# task is its deadline (in the middle of a sentence "đến năm 2030" is only a horizon).
_OPENING_TARGET = re.compile(r"^\s*(?:[-–+•]\s*)?(?:Đến|Tới)\s+(?:hết\s+)?(?:năm|tháng|quý)\s", re.I)
# A recurrence governs a date next to it: "định kỳ hằng năm, trước ngày 31 tháng 12", "trước
# ngày 15/12 hằng năm".
RECURRENCE_REACH = 30


def _opens_task(text: str, start: int) -> bool:
    m = _OPENING_TARGET.match(text)
    return m is not None and start <= m.end() + 1 and "," in text[start : start + 40]


def choose(matches: list[DeadlineMatch], text: str | None = None) -> Deadline | None:
    """The last cued dated phrase, else a schedule reference, a recurrence, "ngay", any date.

    A dated phrase keeps the recurrence written next to it: "định kỳ hằng năm, trước ngày 31 tháng
    12" is due on 31 December and yearly."""
    rules = (
        lambda m: m.cue and m.deadline.kind in DATED,
        lambda m: m.deadline.kind is DeadlineKind.none,
        lambda m: m.deadline.kind is DeadlineKind.recurring,
        lambda m: m.deadline.kind is DeadlineKind.immediate,
        lambda m: True,
    )
    for k, rule in enumerate(rules):
        for match in reversed(matches):
            if rule(match):
                return with_recurrence(match, matches, text) if k == 0 and text else match.deadline
    return None


def with_recurrence(match: DeadlineMatch, matches: list[DeadlineMatch], text: str) -> Deadline:
    """`match`'s deadline with the recurrence written next to it ("trước ngày 25/12 hằng năm")."""
    if match.deadline.recurrence is not None:
        return match.deadline
    for m in matches:
        lo, hi = (m.end, match.start) if m.end <= match.start else (match.end, m.start)
        near = 0 <= hi - lo <= RECURRENCE_REACH and not re.search(r"[;.]", text[lo:hi])
        if m.deadline.kind is DeadlineKind.recurring and m.deadline.recurrence is not None and near:
            return match.deadline.model_copy(update={"recurrence": m.deadline.recurrence})
    return match.deadline


def find_deadlines(text: str, issued: date | None = None) -> list[DeadlineMatch]:
    """Every deadline phrase in a task sentence, in order, without cited or history dates.

    Args:
        text: A task sentence or clause (NFC; other forms are normalised, and offsets then
            refer to the NFC text).
        issued: The directive's issue date, used for dates written without a year and to drop
            windows that closed before issue.

    Returns:
        One `DeadlineMatch` per phrase. `cue` is False for an uncued phrase such as a period in
        a programme's name ("Chương trình … giai đoạn 2026 - 2030"), so callers can prefer
        the closing deadline.

    >>> [m.deadline.due.isoformat() for m in find_deadlines(
    ...     "Triển khai Nghị quyết số 71/NQ-CP ngày 01/4/2025, hoàn thành trong Quý I/2026")]
    ['2026-03-31']
    """
    return scan(text, issued, bare_at_end=False)


def parse_deadline(text: str, issued: date | None = None) -> Deadline | None:
    """A deadline phrase (or a short clause ending in one) -> `Deadline`, or None if none.

    Unlike `find_deadlines`, a bare year or month closing the text counts ("năm 2025").
    Several phrases are resolved as in `pick_deadline`.

    Args:
        text: The phrase, e.g. "chậm nhất là ngày 20/12/2025".
        issued: Issue date, for phrases without a year ("trước ngày 15/9").

    Returns:
        The resolved `Deadline`, or None when the text holds no deadline phrase.

    >>> parse_deadline("trước ngày 15/9", issued=date(2025, 11, 6)).due
    datetime.date(2026, 9, 15)
    """
    return choose(scan(text, issued, bare_at_end=True), unicodedata.normalize("NFC", text))


def pick_deadline(text: str, issued: date | None = None) -> Deadline | None:
    """The deadline of a task sentence: its last cued dated phrase, or the best fallback.

    Deadlines close a task ("…, trình Thủ tướng Chính phủ trong tháng 12/2025"), so the last
    cued dated phrase (date, month, quarter, half, year, period) wins over "ngay", "khẩn
    trương" or "thường xuyên" anywhere in the sentence. Without one, the order is: a schedule
    reference ("theo tiến độ quy định tại …"), then a recurrence ("hằng tháng"), then an
    immediate cue, then the last uncued dated phrase (a period in a programme's name).

    Args:
        text: A task sentence.
        issued: The directive's issue date.

    Returns:
        The chosen `Deadline`, or None.

    >>> pick_deadline("Khẩn trương xây dựng Đề án, trình Thủ tướng Chính phủ trước ngày "
    ...               "15/01/2026; báo cáo hằng tháng.").due
    datetime.date(2026, 1, 15)
    """
    return choose(find_deadlines(text, issued), unicodedata.normalize("NFC", text))
