"""Deadline cells of task tables: bare phrases -> `Deadline`, through the one deadline normaliser.

A table's "Thời gian hoàn thành" column holds phrases with no cue word, because the column says
what they are: "Năm 2022", "Quý III, năm 2022", "Tháng 12/2022", "2022 - 2025", "10-11/2019",
"Năm 2022 và hằng năm", "Quý III, IV/2026", "6/2025", "Thường xuyên", "Đã hoàn thành". The shapes that
only tables write (a bare year range, a bare month, a month or quarter range) are rewritten to the forms the
normaliser reads ("giai đoạn 2022 - 2025", "tháng 6/2025", "tháng 11/2019", "quý IV/2026"); the rest is read as
it stands, every phrase counting as a deadline (`scan(..., cell=True)`).
"""

from __future__ import annotations

import re
from datetime import date

from directive_parser.extract.deadlines import DATED, choose, scan
from directive_parser.models import Deadline

_I = re.IGNORECASE
# "2022 - 2025", "Năm 2026-2030", "Giai đoạn 2026 – 2030": a span of years ends with its last.
_YEAR_RANGE = re.compile(r"(?<![\d/])(?:năm\s+)?(\d{4})\s*[-–—]\s*(\d{4})(?![\d/])", _I)
# "10-11/2019", "Tháng 11 - 12/2025": a span of months of one year ends with its last month.
_MONTH_RANGE = re.compile(r"(?<![\d/])(?:tháng\s+)?(\d{1,2})\s*[-–—]\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])", _I)
# "Quý III, IV/2026", "Quý III - IV năm 2026": the last quarter named.
_QUARTER_LIST = re.compile(r"(qu[ýí])\s+([IVivl1-4]{1,3})\s*(?:,|-|–|và)\s*([IVivl1-4]{1,3})(?=\s*(?:/|,?\s*năm|-|$))", _I)
# A bare month of a year, the column saying it is a time: "6/2025", "01/2025" (a day/month/year
# date "15/6/2025" is not one; "Tháng 6/2025" already reads).
_BARE_MONTH = re.compile(r"(?<![\d/.])(?<!tháng\s)(?<!quý\s)(?<!quí\s)(0?[1-9]|1[0-2])\s*/\s*(\d{4})(?![\d/])", _I)
# A bare year alone in the cell: "2026".
_BARE_YEAR = re.compile(r"^\s*(\d{4})\s*$")
# A status, not a deadline: "Đã hoàn thành", "Đang thực hiện".
_STATUS = re.compile(r"^\s*(?:đã|đang)\s+(?:hoàn\s+thành|thực\s+hiện|triển\s+khai)", _I)
# A cell that states when the work starts sets no deadline: "Từ tháng 11/2013 trở đi", "Từ năm 2025 trở đi".
_FROM_ON = re.compile(r"^\s*từ\b[^.;]*\btrở\s+đi\b", _I)


def _rewrite(cell: str) -> str:
    text = " ".join(cell.split())
    text = _BARE_YEAR.sub(r"năm \1", text)
    text = _YEAR_RANGE.sub(r"giai đoạn \1 - \2", text)
    text = _MONTH_RANGE.sub(r"tháng \2/\3", text)
    text = _BARE_MONTH.sub(r"tháng \1/\2", text)
    return _QUARTER_LIST.sub(r"\1 \3", text)


def parse_cell_deadline(cell: str, issued: date | None = None) -> Deadline | None:
    """The deadline a table's time cell states, or None (empty cell, a status).

    The last dated phrase is the due date ("Năm 2025; Năm 2030" -> 2030-12-31); a recurrence
    in the same cell is kept with it ("Năm 2022 và hằng năm" -> 2022-12-31, yearly).

    >>> d = parse_cell_deadline("Năm 2022 và hằng năm")
    >>> d.due.isoformat(), d.recurrence.value
    ('2022-12-31', 'yearly')
    >>> parse_cell_deadline("Quý III, IV/2026").due.isoformat()
    '2026-12-31'
    """
    if not cell.strip() or _STATUS.match(cell) or _FROM_ON.match(cell):
        return None
    text = _rewrite(cell)
    matches = scan(text, issued, bare_at_end=True, cell=True)
    if not matches:
        return None
    dated = [m for m in matches if m.deadline.kind in DATED]
    recurring = next((m.deadline.recurrence for m in matches if m.deadline.recurrence), None)
    if not dated:
        return choose(matches)
    best = dated[-1].deadline
    if recurring is not None and best.recurrence is None:
        best = best.model_copy(update={"recurrence": recurring})
    return best.model_copy(update={"text": " ".join(cell.split())})
