"""The time expressions of the genre, as patterns: dates, months, quarters, halves, years, periods,
"ngay", recurrences, schedule references, and the cue and history words around them.

`deadlines` turns their matches into `Deadline`s; the patterns live here so that the rules of
resolution read apart from the vocabulary they act on.
"""

from __future__ import annotations

import re

from directive_parser.models import DeadlineKind, Recurrence

IGNORE_CASE = re.IGNORECASE

# Date separators as printed and as OCR/news write them: 15/01/2026, 15 / 01 / 2026, 15-01-2026.
SEP = r"(?:\s*[/\-–]\s*|\.)"
# "tháng 12/2025", "tháng 12 năm 2025", "tháng 12, năm 2025".
MONTH_YEAR_SEP = rf"(?:{SEP}|\s*,?\s*năm\s+)"
DASH = r"\s*(?:[-–—]|đến(?:\s+năm)?)\s*"

DATE_NUM_RE = re.compile(
    rf"(?P<ngay>ngày\s+)?(?<![\d/])(?P<d>\d{{1,2}}){SEP}(?P<m>\d{{1,2}})"
    rf"(?:{SEP}(?P<y>\d{{4}}))?(?![\d/])",
    IGNORE_CASE,
)
DATE_WORDS_RE = re.compile(
    r"(?P<ngay>ngày\s+)?(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"(?:\s*,?\s*năm\s+(?P<y>\d{4}))?(?!\d)",
    IGNORE_CASE,
)
MONTH_RE = re.compile(rf"(?P<cuoi>cuối\s+)?tháng\s+(?P<n>\d{{1,2}})(?:{MONTH_YEAR_SEP}(?P<y>\d{{4}}))?(?![\d/])", IGNORE_CASE)
# Quarter numerals: Roman or Arabic; OCR reads "I" as "l" or "|" ("Quý l/2026"); old spelling "Quí".
QUARTER_RE = re.compile(
    rf"(?P<cuoi>cuối\s+)?qu[ýí]\s+(?P<n>[ivl|1-4]{{1,3}})(?![\w])"
    rf"(?:{MONTH_YEAR_SEP}(?P<y>\d{{4}}))?(?![\d/])",
    IGNORE_CASE,
)
HALF_RE = re.compile(r"(?:(?:6|sáu)\s+tháng|nửa)\s+(?P<n>đầu|cuối)\s+năm(?:\s+(?P<y>\d{4}))?(?!\d)", IGNORE_CASE)
YEAR_ONWARD_RE = re.compile(r"năm\s+(?P<y>\d{4})\s+và\s+(?:các|những)\s+năm\s+tiếp\s+theo", IGNORE_CASE)
YEAR_RE = re.compile(r"(?P<cuoi>cuối\s+)?năm\s+(?P<y>\d{4})(?![\d/])", IGNORE_CASE)
PERIOD_RE = re.compile(
    rf"(?:giai\s+đoạn|thời\s+kỳ)\s+(?:từ\s+)?(?:năm\s+)?(?P<y1>\d{{4}}){DASH}"
    r"(?P<y2>\d{4})(?!\d)",
    IGNORE_CASE,
)
# "ngay" = at once; "ngay cả" (even), "ngay tại" (right at) are not deadlines.
IMMEDIATE_RE = re.compile(r"(?<!\w)(?:ngay(?!\s+(?:cả|tại|thẳng|bên|cạnh|sát)\b)|khẩn\s+trương)(?!\w)", IGNORE_CASE)
RECURRING_RE = re.compile(
    r"(?<!\w)(?:(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+(?P<unit>ngày|tuần|tháng|quý|năm)"
    r"|định\s+kỳ|(?:(?:là\s+)?nhiệm\s+vụ\s+)?thường\s+xuyên)(?!\w)",
    IGNORE_CASE,
)
REF_DATE = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
# "theo tiến độ quy định tại Quyết định số 2352/QĐ-TTg ngày 24/10/2025": a schedule set elsewhere.
REFERENCE_RE = re.compile(
    r"theo\s+(?:đúng\s+)?(?:tiến\s+độ|lộ\s+trình|thời\s+hạn|thời\s+gian)\s+"
    r"(?:(?:đã\s+)?(?:được\s+)?(?:quy\s+định|giao|đề\s+ra|nêu|xác\s+định)\s+)?tại\s+"
    rf"(?P<ref>(?:\S+\s+){{0,8}}?số\s+[^\s,;()]*\d[^\s,;()]*?(?:\s+ngày\s+(?:{REF_DATE}))?"
    r"(?=[\s,;.()]|$)|[^,;.()]{3,80})",
    IGNORE_CASE,
)

# Cue words folded into the phrase, innermost first: "hoàn thành ngay trong tháng 12/2025"; "vào"
# names the day the work is done, before a day only: "triển khai ngay “Chiến dịch Quang Trung” vào
# ngày 01/12/2025" ("Hội nghị tổ chức vào tháng 3/2026" describes an event).
CUE_RE = re.compile(
    r"(?<!\w)(?P<cue>chậm\s+nhất(?:\s+(?:là|vào|đến))?(?:\s+hết)?|trước|trong|đến\s+hết"
    r"|hoàn\s+thành|xong|ngay|vào)\s*,?\s*$",
    IGNORE_CASE,
)
CUE_WINDOW = 40  # characters looked at before a phrase for its cue or a history marker
MAX_CUES = 3
BEFORE_CUES = ("trước", "chậm nhất", "đến hết")
RANGE_FROM_RE = re.compile(r"(?<!\w)từ\s*$", IGNORE_CASE)
RANGE_TO_RE = re.compile(r"^\s*(?:đến|tới|[-–])\s*(?:hết\s+)?$", IGNORE_CASE)
FROM_NOW_RE = re.compile(r"(?<!\w)từ\s+(?:nay|bây\s+giờ)\s+(?:đến|tới)\s+(?:hết\s+)?$", IGNORE_CASE)
# A cited document's date: "Nghị quyết số 71/NQ-CP ngày …", "Quyết định 2439/QĐ-TTg ngày …".
CITED_BEFORE_RE = re.compile(
    r"(?:(?<!\w)số\s*:?\s*[\w./\-]+|(?<![\w/])\d+/[\w./\-]*[^\W\d_][\w./\-]*)"
    r"(?:\s+của\s+[^,;.()\d]{1,80})?\s*,?\s*(?:ban\s+hành\s+|ký\s+)?$",
    IGNORE_CASE,
)
# Case-sensitive on purpose: a capitalised document type names one ("Luật Đất đai ngày …").
DOC_NAME_BEFORE_RE = re.compile(
    r"(?<!\w)(?:Luật|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Chỉ\s+thị|Thông\s+tư|Công\s+điện"
    r"|Thông\s+báo|Công\s+văn|Kết\s+luận|Văn\s+bản|Hiến\s+pháp)(?:\s+[^\s,;.()]+){0,8}\s*$"
)
# History, not a deadline: "Tính đến ngày 28/10/2025", "so với cùng kỳ năm 2024".
HISTORY_BEFORE_RE = re.compile(
    r"(?<!\w)(?:tính\s+đến(?:\s+hết)?|đến\s+nay|so\s+với(?:\s+cùng\s+kỳ)?|cùng\s+kỳ"
    r"|lũy\s+kế\s+đến)\s*(?:thời\s+điểm\s+)?$",
    IGNORE_CASE,
)
BARE_TO_RE = re.compile(r"(?<!\w)(?<!từ\s)đến\s*$", IGNORE_CASE)
# "đến tháng 10/2025 đạt 20,2 tỷ": a figure reached, so the date is history.
RESULT_AFTER_RE = re.compile(r"\s*,?\s*(?:đã|đạt|tăng|giảm|còn|có|mới|chỉ|ước)(?!\w)", IGNORE_CASE)
TRAILING_RE = re.compile(r"^[\s.,;:)\]]*$")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MIN_YEAR, MAX_YEAR = 1900, 2100
DATED = frozenset(
    {DeadlineKind.date, DeadlineKind.month, DeadlineKind.quarter, DeadlineKind.half, DeadlineKind.year, DeadlineKind.period}
)
RECURRENCE_UNITS = {
    "ngày": Recurrence.daily,
    "tuần": Recurrence.weekly,
    "tháng": Recurrence.monthly,
    "quý": Recurrence.quarterly,
    "năm": Recurrence.yearly,
}
