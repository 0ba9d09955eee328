"""Read the header and the closing blocks: document text -> `Header` (number, date, type, title, signer…).

Vietnamese administrative documents follow the layout of Decree 30/2020/NĐ-CP: issuer and national
motto side by side, "Số: 33/CT-TTg" with "Hà Nội, ngày 06 tháng 11 năm 2025", the document type
in capitals, the summary (trích yếu), the body, then "Nơi nhận:" beside the signature block.

News reports have none of that. They open with a headline, then a byline carrying the date
("Thứ Sáu, 29/08/2025 15:30", "29/08/2025 15:30 GMT+7") and/or a dateline opening the lede
("Hà Nội, 29/8/2025 -", "(Chinhphu.vn) -", "VGP - "); scraped copies may start instead with a line
such as " date 2025-08-29 (Ngày Nay) - …". A text with neither an official header nor a date that
reads as running prose is a news report too, of unknown date.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from directive_parser.models import Reference
from directive_parser.text import vocabulary
from directive_parser.text.normalize import fold_marks

# --- Where things are looked for -------------------------------------------------------------
# The header block (issuer, motto, number, place and date) fits in the first page's top lines;
# further down, "số 71/NQ-CP" or "Hà Nội, ngày …" belongs to the body or to a cited document.
HEADER_LINES = 25
# The type line comes after the header block, below a title page's rule lines and blank lines.
TYPE_LINE_WINDOW = 30
# The issuer and the national motto are the first lines of the page (two columns side by side, or
# read one after the other by OCR).
ISSUER_LINES = 8
# An issuer written over several lines ("BỘ KHOA HỌC VÀ" / "CÔNG NGHỆ") takes at most this many.
ISSUER_MAX_LINES = 2
# A first line in capitals longer than this is a title or a heading, not an issuer's name.
ISSUER_MAX_CHARS = 60
# Without "Nơi nhận:", the signature block is looked for in the last characters of the text.
CLOSING_TAIL_CHARS = 600
# A signer's title stands at most this many lines above the name ("KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG").
SIGNER_TITLE_LINES = 3
# A place name in a date line: "Hà Nội", "TP. Hồ Chí Minh", "Phan Rang - Tháp Chàm" is 1–4 words.
PLACE_MAX_WORDS = 4
# A signer's name: family name, middle names, given name, 2–5 words ("Phạm Minh Chính").
SIGNER_NAME_WORDS = (2, 5)
# A signer's title in capitals has at least this many characters ("BỘ TRƯỞNG"; not "PV").
SIGNER_TITLE_MIN_CHARS = 4

# News reports: a headline (one or two lines), a byline and a dateline open the report, so
# the date is looked for in the first few non-empty lines only; later dates belong to the story.
NEWS_HEAD_LINES = 4
# A headline is short and ends without a full stop; a longer line is already the lede.
HEADLINE_MAX_CHARS = 200
# An undated text reads as prose when its opening holds at least this many sentences …
PROSE_MIN_SENTENCES = 2
# … of at least this many words (a heading or a list item is shorter) …
PROSE_SENTENCE_WORDS = 8
# … and at most this share of its lines open with a clause label ("1.", "a)", "-"): a directive's
# body without its header is a list of labelled clauses, not a report.
PROSE_MAX_LABEL_SHARE = 0.25
# The opening judged, in characters: enough for a few paragraphs.
PROSE_SAMPLE_CHARS = 3000

# Every administrative type that opens a document with its type line in capitals.
DOC_TYPES = {t.capitals: t.name for t in vocabulary.heading_types()}
# The type code inside a document number: 33/CT-TTg is a Chỉ thị, 15/TB-VPCP a Thông báo.
NUMBER_TYPE_CODES = {t.code: t.name for t in vocabulary.DOC_TYPES if t.code}
_NUMBER_CODE = re.compile(r"[/\-]([A-ZĐ][A-ZĐa-zđ]{1,2})\b")
# "Số: 33/CT-TTg"; a repaired OCR header may give "số:", but "Nghị quyết số 71/NQ-CP" in a title is
# a citation, so the lower-case form needs its colon.
_NUMBER = re.compile(r"\b(?:Số\s*[:.]?|số\s*[:.])\s*(\d+[A-Za-z]?(?:/\d{4})?[/\-][A-ZĐ][A-ZĐa-z0-9\-/]*)")
_PLACE = rf"(?:TP\.\s*)?[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){{0,{PLACE_MAX_WORDS - 1}}}"
_PLACE_DATE = re.compile(rf"(?<![\w/\-])({_PLACE})\s*,\s*ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+(\d{{4}})")
_NEWS_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b")
# Matched on folded text so that OCR damage ("CỘNG HÒA XÃ HQI") does not hide it.
_MOTTO = re.compile(r"C[O0]NG\s+H[O0]A\s+XA\s+H\S{1,2}I|Doc\s+lap\s*-\s*Tu\s+do", re.I)
# The motto as it stands in a header: "CỘNG HÒA …" in capitals (running text may write "Cộng hòa
# xã hội chủ nghĩa Việt Nam"), or the slogan with its dashes.
_HEADER_MOTTO = re.compile(r"C[O0]NG\s+H[O0]A\s+XA\s+H\S{1,2}I|(?i:Doc\s+lap\s*-\s*Tu\s+do)")
# "Số:" as OCR may leave it without its marks ("S6:", "So:"), for telling official texts from news.
_DAMAGED_NUMBER = re.compile(r"\bS[o0-9]\s*[:.]\s*\d+[A-Za-z]?(?:/\d{4})?[/\-][A-ZĐ]")
# The type lines without their marks ("CHI THI"), as OCR may leave them, and the type each names.
_TYPES_BY_FOLDED = {fold_marks(t.capitals): t.name for t in vocabulary.heading_types()}
_RULE_LINE = re.compile(r"^[\s_\-–—=*.]{3,}$")
# A title line is continued by the next when this one ends in a linking word ("… của Chính phủ và").
_JOINING_END = re.compile(r"\b(?:và|của|tại|về|các|với|trong|cho|theo|đối với|để)\s*$", re.I)
# "… Nghị quyết số" / "ngày" / "năm" continue only into a number ("chuyển đổi số" ends a title).
_NUMBER_END = re.compile(r"\b(?:số|ngày|năm|tháng)\s*$", re.I)
# Everything a citation may name: every document type, "Thông báo kết luận", "Văn bản".
REFERENCE_TYPES = tuple(t.name for t in vocabulary.DOC_TYPES) + vocabulary.CITED_KINDS
_REFERENCE = re.compile(
    r"\b(" + vocabulary.reference_pattern() + r")\s+(?:số\s+)?(\d+[A-Za-z]?(?:/\d{4})?[/\-][A-ZĐ][A-ZĐa-z0-9\-/]*[A-ZĐa-z0-9])"
    r"(?:\s*(?:ngày\s+(\d{1,2})\s*(?:/|tháng\s+)(\d{1,2})\s*(?:/|năm\s+)(\d{4})))?"
)
# "Nơi nhận:" at a line start. Only blanks of the line itself may precede it: "^\s*" under re.M
# would run over every following blank line from every line start (quadratic on runs of them).
# A scan may put a speck or a dash before it ("- Nơi nhận:"), then the colon is there.
# "Nơi nhận:", also in capitals as some decisions print it ("NƠI NHẬN") and after a scan's speck.
# English-model OCR loses the marks, and repair may leave one unrestored ("Noi nhan:", "Nơi nhan:"):
# with its colon the formula is still the list.
_RECIPIENTS = re.compile(
    r"^[ \t]*(?:(?:Nơi[ \t]+nhận|NƠI[ \t]+NHẬN)[ \t]*:?|N[ơo]i[ \t]+nh[aạậâ]n[ \t]*:"
    r"|[-–_.~•]{1,2}[ \t]*Nơi[ \t]+nhận[ \t]*:)",
    re.M,
)
_SIGNER_NAME = re.compile(
    rf"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){{{SIGNER_NAME_WORDS[0] - 1},{SIGNER_NAME_WORDS[1] - 1}}}$"
)
# A signature title: "KT. THỦ TƯỚNG", "TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH".
_SIGNING_FOR = r"(?:(?:KT|TM|TL|TUQ|Q|Kt|Tm|Tl|Tuq)\.\s*)?"  # repair of English-model OCR may write "Tm."
_CAPS_WORDS = r"[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]"
_SIGNER_TITLE = re.compile(rf"^{_SIGNING_FOR}{_CAPS_WORDS}{{{SIGNER_TITLE_MIN_CHARS - 1},}}$")

# --- News reports ------------------------------------------------------------------------------
# A date as news sites write it: 29/8/2025, 29-08-2025, 29.08.2025, 2025-08-29, "ngày 29 tháng 8 năm 2025".
_DATE = (
    r"(?:(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"|ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s+năm\s+(?P<wy>\d{4}))"
)
_WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ\s+[Nn]hật|T[2-7]|CN)"
_TIME = r"\d{1,2}\s*[:hH]\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
_TIMEZONE = r"\(?\s*(?:GMT|UTC)\s*[+\-]\s*\d{1,2}(?::?\d{2})?\s*\)?"
_STAMP_LABEL = r"(?:Cập\s+nhật|Ngày\s+đăng|Đăng\s+(?:lúc|ngày)|Xuất\s+bản)\s*:?"
_AUTHOR = r"[A-ZĐÀ-Ỹ][\w.]*(?:\s+[A-ZĐÀ-Ỹ][\w.]*){0,4}"
_SEP = r"\s*[,|\-–]?\s*"
# A byline: the line holds a date stamp and perhaps its weekday, time, time zone and author, nothing else.
_BYLINE = re.compile(
    rf"^\s*(?:{_STAMP_LABEL}\s*)?(?:{_WEEKDAY}{_SEP})?(?:{_TIME}{_SEP})?{_DATE}"
    rf"(?:{_SEP}(?:lúc\s+)?{_TIME})?(?:\s*{_TIMEZONE})?(?:{_SEP}{_AUTHOR})?\s*$"
)
_DASH = r"[-–—]"
# A dateline opening the lede: "<place or source>, <date> -" ("Hà Nội, 29/8/2025 -", "Báo Chính
# phủ, 29/8/2025 -"), "(<agency>) -" ("(Chinhphu.vn) -", "(VOV) -", "Hà Nội (TTXVN) -") or "<TAG> -"
# ("VGP - ", "TPO - ", "GD&TĐ - "). A parenthesised agency may go without its dash ("(LĐTĐ) Thủ tướng").
_DATELINE_DATED = re.compile(
    rf"^\s*(?P<source>[A-ZĐÀ-Ỹ][\w.&]*(?:\s+[\w.&]+){{0,5}}?)\s*,\s*{_DATE}(?:\s*,?\s*{_TIME})?"
    rf"\s*(?:\((?P<agency>[^()\n]{{2,40}})\)\s*)?{_DASH}\s*"
)
_DATELINE_AGENCY = re.compile(rf"^\s*(?:(?P<place>{_PLACE})\s*)?\((?P<agency>[^()\n]{{2,40}})\)\s*(?:{_DASH}\s*)?(?=\S)")
_DATELINE_TAG = re.compile(rf"^\s*(?P<agency>[A-ZĐ][A-ZĐ&.]*[A-ZĐ]|[\w\-]+\.(?:vn|com|net|org))\s*{_DASH}\s+(?=\S)")
# The source of a dateline is a place unless it names the medium: "Báo Chính phủ", "Cổng TTĐT".
_MEDIA_HEADS = ("Báo", "Tạp chí", "Cổng", "Đài", "Trang", "Thông tấn", "Kênh")
# A sentence ends in a stop, perhaps inside quotes or brackets ('… đục.”'); a headline may end in a quote.
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’)]*\s*$")
_CLAUSE_LABEL = re.compile(r"^\s*(?:Điều\s+\d+|[IVX]{1,4}\s*\.|\d{1,2}\s*[.)]|[a-zđ]\)|[-–•+])\s")


@dataclass
class Header:
    """Header and closing-block fields, plus where the body starts and ends in the text."""

    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued: date | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: list[str] = field(default_factory=list)
    body_start: int = 0
    body_end: int = 0
    news: bool = False


# Words that keep their capitals in running text.
_PROPER_CASE = (
    "Thủ tướng",
    "Chính phủ",
    "Quốc hội",
    "Trung ương",
    "Nhà nước",
    "Việt Nam",
    "Ủy ban nhân dân",
    "Bộ",
    "Văn phòng",
    "Ban Chỉ đạo",
    "Đảng",
    "Mặt trận Tổ quốc",
)


def sentence_case(upper: str) -> str:
    """'THỦ TƯỚNG CHÍNH PHỦ' -> 'Thủ tướng Chính phủ': lower-case all but the first letter and
    the words that are capitalised in running text (Chính phủ, Quốc hội, Nhà nước, Trung ương)."""
    s = " ".join(upper.split()).lower()
    for proper in _PROPER_CASE:
        s = re.sub(rf"\b{proper.lower()}\b", proper, s)
    return s[:1].upper() + s[1:]


def _canonical_issuer(upper: str) -> str:
    """'BỘ CÔNG AN' -> 'Bộ Công an': sentence case here; the pipeline maps it to the gazetteer's name."""
    return sentence_case(upper)


def _valid_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _date_of(m: re.Match) -> date | None:
    """The date of a match of a pattern built on `_DATE`, whichever of its forms matched."""
    for y, mo, d in (("y", "m", "d"), ("iy", "im", "id"), ("wy", "wm", "wd")):
        if m.group(y):
            return _valid_date(m.group(y), m.group(mo), m.group(d))
    return None


def parse_header(text: str) -> Header:
    """Find the header fields and the body range of a directive's text."""
    h = Header(body_end=len(text))
    lines = text.split("\n")
    head = "\n".join(lines[:HEADER_LINES])
    if m := _NEWS_DATE.match(text):
        h.news, h.issued = True, _valid_date(m.group(1), m.group(2), m.group(3))
        h.body_start = text.index("\n") + 1 if "\n" in text else len(text)
        return h
    type_line = _type_line(lines)
    if not _official_header(head, lines, type_line) and _read_news_head(h, text, lines, head):
        return h
    if m := _NUMBER.search(head):
        h.number = m.group(1)
    if m := _PLACE_DATE.search(head):
        h.place, h.issued = m.group(1).strip(), _valid_date(m.group(4), m.group(3), m.group(2))
    issuer = _issuer_text(lines)
    h.issuer = _canonical_issuer(issuer) if issuer else None
    if type_line is not None:
        _read_type_and_title(h, text, lines, type_line)
        h.body_start = _after_telegram_addressees(text, h.body_start)
    else:
        _read_letter_head(h, text, lines)
    if h.doc_type is None and h.number and (code := _NUMBER_CODE.search(h.number)):
        h.doc_type = NUMBER_TYPE_CODES.get(code.group(1))
    _find_closing(h, text)
    return h


# A Công văn has no type line: its subject follows the number ("V/v đẩy nhanh tiến độ …"), then its
# addressees ("Kính gửi: Bộ Xây dựng." or "Kính gửi:" / "- Bộ trưởng Bộ Xây dựng;" / "- Chủ tịch …."),
# and its body opens after them ("Xét đề nghị của …", "Thực hiện …").
# English-model OCR reads the slash of "V/v" as an "i" ("Viv đề nghị …": 6 of the 18 dev and held-out
# letters' renders), or drops it and the repair makes the rest a word ("Và: xử lý một số đề nghị …";
# "Và" never opens a head line before a colon).
_LETTER_SUBJECT = re.compile(
    r"^\s*(?:(?:Số|SỐ)\s*:?\s*\d+\S*\s+)?(?:V/v|V/V|Viv(?=[\s:])|V[àa](?=\s*:))\s*[:.]?\s*(?P<title>\S.*)$"
)
_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:?\s*(?P<rest>.*)$")
_LETTER_OPENER = re.compile(r"\s(?=(?:Xét|Thực\s+hiện|Theo|Căn\s+cứ|Tiếp\s+theo|Về\s+việc|Phó\s+Thủ\s+tướng|Thủ\s+tướng)\s)")
LETTER_HEAD_LINES = 12  # the subject line stands this close to the top
MAX_RECIPIENT_LINE_CHARS = 160


def _read_letter_head(h: Header, text: str, lines: list[str]) -> None:
    """A letter's subject (its trích yếu) and the start of its body after the addressees.

    The subject line may be missing (a letter to one person: "Kính gửi: Đồng chí Bí thư Tỉnh ủy …")
    or share the number's line ("Số: 2676/VPCP-TTĐT V/v kiểm tra xử lý thông tin báo nêu")."""
    offsets = _line_offsets(lines)
    found = next(((i, m) for i, ln in enumerate(lines[:LETTER_HEAD_LINES]) if (m := _LETTER_SUBJECT.match(ln))), None)
    if found is not None:
        subject, m = found
        # the subject may wrap over several short lines and the motto and date stand between
        ahead = range(subject + 1, min(len(lines), subject + LETTER_HEAD_LINES))
        greeting = next((i for i in ahead if _KINH_GUI.match(lines[i])), None)
        title_end = greeting if greeting is not None else subject + 1
        # the subject wraps onto lines that go on in lower case; the motto or the place and date
        # line may stand between it and "Kính gửi"
        wrapped = list(itertools.takewhile(lambda ln: ln.strip()[:1].islower(), lines[subject + 1 : title_end]))
        h.title = " ".join([m.group("title").strip(), *(ln.strip() for ln in wrapped)]).strip() or None
    else:
        greeting = next((i for i, ln in enumerate(lines[:LETTER_HEAD_LINES]) if _KINH_GUI.match(ln)), None)
        if greeting is None or not _official_header("\n".join(lines[:greeting]), lines[:greeting], None):
            return
        title_end = greeting
    code = _NUMBER_CODE.search(h.number or "")
    h.doc_type = h.doc_type or (NUMBER_TYPE_CODES.get(code.group(1)) if code else None) or "Công văn"
    if greeting is None:
        h.body_start = offsets[title_end] if title_end < len(lines) else len(text)
        return
    j = greeting + 1
    g = _KINH_GUI.match(lines[greeting])
    assert g is not None  # the line was picked by this pattern
    opener = _LETTER_OPENER.search(lines[greeting], g.start("rest"))
    if opener or len(lines[greeting]) > MAX_RECIPIENT_LINE_CHARS:
        # the addressee and the first paragraph on one line ("Kính gửi: Bộ trưởng Bộ Công Thương Xét đề
        # nghị của Bộ Công Thương …", a copy that lost the line break): the body opens at its first word
        h.body_start = offsets[greeting] + (opener.start() + 1 if opener else g.start("rest"))
        return
    if not g.group("rest").strip():
        # "Kính gửi:" alone: a dashed list of addressees, or one addressee line (OCR puts blank lines
        # between them)
        j = _next_filled(lines, j)
        if j < len(lines) and not lines[j].lstrip().startswith(("-", "–", "+")):
            j += 1 if len(lines[j]) <= MAX_RECIPIENT_LINE_CHARS else 0
        else:
            while j < len(lines) and lines[j].lstrip().startswith(("-", "–", "+")):
                end = _recipient_end(lines, j)
                if end is None:
                    break
                j = end + 1
                if lines[end].rstrip().endswith("."):
                    break
                j = _next_filled(lines, j)
    h.body_start = offsets[j] if j < len(lines) else len(text)


# A Công điện names its addressees after "THỦ TƯỚNG CHÍNH PHỦ điện:" as a dashed list, each one
# perhaps wrapped, then maybe "Đồng kính gửi:" and its line: "- Bộ trưởng các Bộ: Quốc phòng, Công an;"
# / "- Chủ tịch Ủy ban nhân dân tỉnh An Giang." They are the telegram's head, not its first items.
_TELEGRAM_TO = re.compile(r"^[^\S\n]*[^\n]{0,80}?\b(?:điện|ĐIỆN)[^\S\n]*:[^\S\n]*$", re.M)
_ALSO_TO = re.compile(r"^\s*Đồng\s+kính\s+gửi\s*:", re.I)
MAX_TELEGRAM_ADDRESS_LINES = 12
TELEGRAM_TITLE_LINES = 3


def _after_telegram_addressees(text: str, body_start: int) -> int:
    """The body's start moved past a telegram's addressee list, when the body opens with one."""
    lines = text[body_start:].split("\n")
    before = text[:body_start].rstrip().rsplit("\n", 1)[-1]
    # the "điện:" line ends the title (the title reader may have stopped after it, or before it when
    # the title wrapped: "… TẠI KHÁNH HÒA," / "ĐẮK LẮK VÀ GIA LAI" / "THỦ TƯỚNG CHÍNH PHỦ điện:")
    filled = [k for k, ln in enumerate(lines[: TELEGRAM_TITLE_LINES * 2]) if ln.strip()][:TELEGRAM_TITLE_LINES]
    at = next((k for k in filled if _TELEGRAM_TO.match(lines[k])), None)
    if at is not None:
        j = _next_filled(lines, at + 1)
    elif _TELEGRAM_TO.match(before):
        j = _next_filled(lines, 0)
    else:
        return body_start
    seen = 0
    while j < len(lines) and seen < MAX_TELEGRAM_ADDRESS_LINES:
        line = lines[j].strip()
        if line.startswith(("-", "–", "+")) or (seen and line[:1].islower() and not lines[j - 1].rstrip().endswith((";", "."))):
            j, seen = j + 1, seen + 1
        elif _ALSO_TO.match(line):
            j, seen = _next_filled(lines, j + 1) + 1, seen + 2
        else:
            break
        if j < len(lines) and not lines[j].strip():
            j = _next_filled(lines, j)
    if not seen:
        return body_start
    return body_start + sum(len(ln) + 1 for ln in lines[:j])


MAX_RECIPIENT_WRAPS = 4


def _recipient_end(lines: list[str], j: int) -> int | None:
    """The last line of the dashed addressee at line `j`, or None when it is no addressee line.

    A long addressee wraps in a PDF's text layer, its lines going on without a dash up to the one
    that ends it: "- Các Bộ: Kế hoạch và Đầu tư, Tài chính, …, Nông" / "nghiệp và Phát triển nông
    thôn, Xây dựng, …;" (a letter to eleven ministries)."""
    wraps = 0
    for k in range(j, len(lines)):
        line = lines[k].strip()
        if k > j and not line:
            continue  # OCR sets blank lines between a wrapped addressee's lines too
        if k > j and (line.startswith(("-", "–", "+")) or len(line) > MAX_RECIPIENT_LINE_CHARS or wraps == MAX_RECIPIENT_WRAPS):
            return None
        wraps += k > j
        if line.endswith((";", ".", ",")):
            return k
    return None


def _next_filled(lines: list[str], j: int) -> int:
    """The first line at or after `j` that is not blank."""
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def _official_header(head: str, lines: list[str], type_line: int | None) -> bool:
    """A number line, the national motto or a type line in capitals: the text is no news report.
    Each is also recognised with its marks lost ("S6: 33/CT-TTg", "CHI THI"), as OCR leaves them."""
    if type_line is not None or _NUMBER.search(head) or _DAMAGED_NUMBER.search(head):
        return True
    folded = fold_marks(head)
    return bool(_HEADER_MOTTO.search(folded)) or any(
        " ".join(ln.split()) in _TYPES_BY_FOLDED for ln in folded.split("\n")[:TYPE_LINE_WINDOW]
    )


def _read_news_head(h: Header, text: str, lines: list[str], head: str) -> bool:
    """Read a news report's headline, byline and dateline into `h`; False when the text is not a
    news report (no date in news form, and no prose either, or an official "Hà Nội, ngày …" line)."""
    offsets = _line_offsets(lines)
    filled = [i for i, ln in enumerate(lines) if ln.strip()][:NEWS_HEAD_LINES]
    headline: list[str] = []
    dated = False
    for i in filled:
        line = lines[i]
        if m := _BYLINE.match(line):
            h.issued = h.issued or _date_of(m)
            h.body_start, dated = (offsets[i + 1] if i + 1 < len(lines) else len(text)), True
            continue
        m = _DATELINE_DATED.match(line)
        if m:
            h.issued = h.issued or _date_of(m)
            if _is_place(m.group("source")):
                h.place = m.group("source")
        else:
            m = _DATELINE_AGENCY.match(line) or _DATELINE_TAG.match(line)
            if m and m.groupdict().get("place"):
                h.place = m.group("place")
        if m:
            h.body_start, dated = offsets[i] + m.end(), True
            break
        if dated or not _headline_like(line):  # the lede after a byline; or prose: no news head here
            break
        headline.append(line.strip())
    if not dated:
        if _PLACE_DATE.search(head) or not _reads_as_prose(text):
            return False
        headline = _headline(lines, filled)
        h.body_start = offsets[filled[len(headline)]] if headline else (offsets[filled[0]] if filled else 0)
    h.news = True
    h.title = " ".join(headline) or None
    return True


def _headline(lines: list[str], filled: list[int]) -> list[str]:
    """The headline of an undated report: its first line when short, without a full stop, and
    followed by more text."""
    if len(filled) < 2:
        return []
    first = lines[filled[0]].strip()
    # a text layer wraps the lede: "Cụ thể, Thủ tướng Chính phủ giao Bộ Kế hoạch và Đầu tư chủ trì," /
    # "phối hợp với …" — a line that ends on a comma or runs on in lower case is no headline
    second = lines[filled[1]].strip()
    runs_on = first.endswith((",", ";")) or second[:1].islower()
    if not runs_on:
        return [first] if _headline_like(first) else []
    # … unless the headline itself took two lines and the story opens on the third: "Tập trung triển
    # khai quyết liệt, đồng bộ các giải pháp phòng," / "chống bệnh Dịch tả heo Châu Phi" / "“Sở …"
    third = lines[filled[2]].strip() if len(filled) > 2 else ""
    if _headline_like(f"{first} {second}") and (third[:1] in '“"' or third[:1].isupper()):
        return [first, second]
    return []


def _headline_like(line: str) -> bool:
    """Short, without a full stop, not a list item: a headline, not a sentence of the story."""
    line = line.strip()
    return len(line) <= HEADLINE_MAX_CHARS and not _SENTENCE_END.search(line) and not _CLAUSE_LABEL.match(line)


def _is_place(source: str) -> bool:
    """'Hà Nội', 'TP. Hồ Chí Minh' are places; 'Báo Chính phủ' names the medium."""
    words = source.split()
    return not source.startswith(_MEDIA_HEADS) and all(w[:1].isupper() for w in words) and len(words) <= PLACE_MAX_WORDS


def _reads_as_prose(text: str) -> bool:
    """Running prose: a few full sentences, and few lines opening with a clause label."""
    sample = text[:PROSE_SAMPLE_CHARS]
    lines = [ln for ln in sample.split("\n") if ln.strip()]
    if not lines:
        return False
    labelled = sum(1 for ln in lines if _CLAUSE_LABEL.match(ln))
    sentences = [s for s in re.split(r"(?<=[.!?…])\s+", " ".join(sample.split())) if len(s.split()) >= PROSE_SENTENCE_WORDS]
    return len(sentences) >= PROSE_MIN_SENTENCES and labelled <= PROSE_MAX_LABEL_SHARE * len(lines)


def _issuer_text(lines: list[str]) -> str | None:
    """The issuer block: left of the national motto on the same line (a text layer merges the two
    columns), or the capitalised lines above the motto (OCR reads the columns one after the other)."""
    head = [ln.strip() for ln in lines[:ISSUER_LINES]]
    for k, line in enumerate(head):
        m = _MOTTO.search(fold_marks(line))
        if not m:
            continue
        if line[: m.start()].strip(" _-"):
            return line[: m.start()].strip(" _-")
        above = [ln for ln in head[:k] if ln and ln == ln.upper() and not _RULE_LINE.match(ln)]
        return " ".join(above[-ISSUER_MAX_LINES:]) or None
    first = next((ln for ln in head if ln), "")
    if first and first == first.upper() and len(first) < ISSUER_MAX_CHARS and " ".join(first.split()) not in DOC_TYPES:
        return first
    return None


def _type_line(lines: list[str]) -> int | None:
    """Index of the line that is a document type in capitals ("CHỈ THỊ"), if any; OCR repair may
    have got its marks wrong ("CỘNG DIỆN" for "CÔNG ĐIỆN"), so a heading type matches without them."""
    for i, line in enumerate(lines[:TYPE_LINE_WINDOW]):
        if _type_of(line) is not None and line.strip() == line.strip().upper():
            return i
    return None


_TYPE_SPECK = re.compile(r"^[|'`‘’~_.•]+\s*")  # a scan speck before the type line: "| NGHỊ QUYẾT"


def _type_of(line: str) -> str | None:
    key = " ".join(_TYPE_SPECK.sub("", line.strip()).split()).upper()
    return DOC_TYPES.get(key) or _TYPES_BY_FOLDED.get(fold_marks(key))


def _read_type_and_title(h: Header, text: str, lines: list[str], i: int) -> None:
    offsets = _line_offsets(lines)
    h.doc_type = _type_of(lines[i])
    title, j = _read_title(lines, i + 1)
    h.title = title or None
    h.body_start = offsets[j] if j < len(lines) else len(text)


def _read_title(lines: list[str], i: int) -> tuple[str, int]:
    """Read the trích yếu after the type line: it runs while lines continue one another."""
    parts: list[str] = []
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            nxt = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), len(lines))
            if parts and nxt < len(lines) and lines[nxt].strip()[:1].islower():
                i = nxt
                continue
            if parts:
                break
            i += 1
            continue
        if _RULE_LINE.match(line):
            i += 1
            if parts:
                break
            continue
        continues = line[:1].islower() or _JOINING_END.search(parts[-1]) if parts else True
        if parts and not continues and not (_NUMBER_END.search(parts[-1]) and line[:1].isdigit()):
            break
        parts.append(line)
        i += 1
    while i < len(lines) and (not lines[i].strip() or _RULE_LINE.match(lines[i].strip())):
        i += 1
    return " ".join(parts), i


def _line_offsets(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return out


def _find_closing(h: Header, text: str) -> None:
    """Read 'Nơi nhận' and the signature block; the body ends where they begin.

    Text layers of two-column closings interleave the columns line by line ("Nơi nhận: KT. THỦ
    TƯỚNG", "- Như trên; PHÓ THỦ TƯỚNG"), so each line's right-hand part is read apart.
    """
    m = _RECIPIENTS.search(text)
    if m:
        h.recipients = _recipients(text[m.end() :].split("\n"))
        h.body_end = _before_signature_lines(text, m.start())
    elif (m := _unlabelled_recipients(text, h.body_start)) is not None:
        h.recipients = _recipients(text[m.start() :].split("\n"))
        h.body_end = _before_signature_lines(text, m.start())
    if not m:  # no "Nơi nhận": the text may still end in the signature titles
        end = _before_signature_lines(text, len(text.rstrip()))
        if h.body_start < end < len(text.rstrip()):
            h.body_end = min(h.body_end, end)
    tail = text[m.start() :] if m else text[-CLOSING_TAIL_CHARS:]
    tail_lines = [ln.strip() for ln in tail.split("\n") if ln.strip()]
    for k in range(len(tail_lines) - 1, 0, -1):
        name = _right_part(tail_lines[k])
        if not _SIGNER_NAME.match(name):
            continue
        titles = [_right_part(ln) for ln in tail_lines[max(0, k - SIGNER_TITLE_LINES) : k]]
        titles = [t for t in titles if _SIGNER_TITLE.match(t)]
        if titles:
            h.signer = name
            h.signer_title = sentence_case(re.sub(rf"^{_SIGNING_FOR}", "", titles[-1]))
            if not m:
                pos = text.rfind(titles[0])
                h.body_end = pos if pos > h.body_start else len(text)
            return


# A signature title line, its prefix garbled by OCR ("T. CHÍNH PHỦ", "T™. CHÍNH PHỦ", "KT, THỦ TƯỚNG"):
# OCR of a two-column closing may put the signature block before "Nơi nhận".
_SIGNATURE_LINE = re.compile(rf"^(?:[A-Z™][A-Za-z™]{{0,2}}[.,]{{1,2}}\s*)?{_CAPS_WORDS}{{3,}}$")  # "Tm. CHÍNH PHỦ" too
MAX_SIGNATURE_LINES = 4


# The recipient list opens with "- Như trên;" (the addressees named above) in the form every
# administrative document follows; web copies often drop its "Nơi nhận:" label: "…biết, thực
# hiện./." / "- Như trên;- VPCP: BTCN (để b/c)," / "KT. BỘ TRƯỞNG, CHỦ NHIỆM".
_AS_ABOVE = re.compile(r"^[ \t]*[-–•+][ \t]*Như[ \t]+tr[eêéèẻẽẹếềểễệ]n\b", re.M)  # OCR: "Như trén"
_END_MARK = re.compile(r"\./\.")


def _unlabelled_recipients(text: str, body_start: int) -> re.Match[str] | None:
    """The "- Như trên" line that opens an unlabelled recipient list after the body's end mark "./."
    (or near the end of the text when there is none)."""
    ends = [e.end() for e in _END_MARK.finditer(text, body_start)]
    after = ends[-1] if ends else max(body_start, len(text) - CLOSING_TAIL_CHARS)
    return _AS_ABOVE.search(text, after)


def _before_signature_lines(text: str, end: int) -> int:
    """`end` moved back over the signature lines (titles, the signer's name) just before it."""
    lines_seen = 0
    while lines_seen < MAX_SIGNATURE_LINES:
        start = text.rfind("\n", 0, max(end - 1, 0)) + 1
        line = text[start:end].strip()
        if not line:
            if start == 0:
                break
            end = start
            continue
        if not (_SIGNATURE_LINE.match(line) and line == line.upper()):
            break
        end, lines_seen = start, lines_seen + 1
    return end


def _right_part(line: str) -> str:
    """The right-hand column of an interleaved closing line: after its last ';' or ':'."""
    return re.split(r"[;:]", line)[-1].strip()


# An interleaved signature title at the end of a recipient line: "Như trên; PHÓ THỦ TƯỚNG".
_TRAILING_CAPS = re.compile(rf"[;.]?\s+{_SIGNING_FOR}{_CAPS_WORDS}{{3,}}$")


def _recipients(lines: list[str]) -> list[str]:
    items: list[str] = []
    for line in lines:
        s = _TRAILING_CAPS.sub("", line.strip()) if line.strip().startswith(("-", "–", "+")) else line.strip()
        if not s:
            continue
        if s.startswith(("-", "–", "+")):
            items.append(s.lstrip("-–+ ").rstrip(";. "))
        elif items and not _SIGNER_TITLE.match(s) and s[:1].islower():
            items[-1] = (items[-1] + " " + s.rstrip(";. ")).strip()
        elif items:
            break
    return items


def find_references(text: str) -> list[Reference]:
    """Documents cited in the text, first mention of each number, with their date when given."""
    seen: dict[str, Reference] = {}
    for m in _REFERENCE.finditer(text):
        number = m.group(2)
        when = _valid_date(m.group(5), m.group(4), m.group(3)) if m.group(3) else None
        if number not in seen or (seen[number].date is None and when):
            seen[number] = Reference(doc_type=m.group(1), number=number, date=when, text=m.group(0))
    return list(seen.values())
