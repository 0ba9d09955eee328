"""Read the header and the closing blocks: document text -> `Header` (number, date, type, title, signer…).

Vietnamese administrative documents follow the layout of Decree 30/2020/NĐ-CP: issuer and national
motto side by side, "Số: 33/CT-TTg" with "Hà Nội, ngày 06 tháng 11 năm 2025", the document type
in capitals, the summary (trích yếu), the body, then "Nơi nhận:" beside the signature block.
News reports start instead with a line such as " date 2025-08-29 (Ngày Nay) - …".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from directive_parser.models import Reference
from directive_parser.text.normalize import fold_marks

DOC_TYPES = {
    "CHỈ THỊ": "Chỉ thị", "THÔNG BÁO": "Thông báo", "CÔNG ĐIỆN": "Công điện", "QUYẾT ĐỊNH": "Quyết định",
    "NGHỊ QUYẾT": "Nghị quyết", "NGHỊ ĐỊNH": "Nghị định", "THÔNG TƯ": "Thông tư", "KẾ HOẠCH": "Kế hoạch",
    "KẾT LUẬN": "Kết luận", "CÔNG VĂN": "Công văn", "CHƯƠNG TRÌNH": "Chương trình", "ĐỀ ÁN": "Đề án",
}
# The type code inside a document number: 33/CT-TTg is a Chỉ thị, 15/TB-VPCP a Thông báo.
NUMBER_TYPE_CODES = {
    "CT": "Chỉ thị", "TB": "Thông báo", "CĐ": "Công điện", "QĐ": "Quyết định", "NQ": "Nghị quyết",
    "NĐ": "Nghị định", "TT": "Thông tư", "KH": "Kế hoạch", "KL": "Kết luận",
}
# "Số: 33/CT-TTg"; a repaired OCR header may give "số:", but "Nghị quyết số 71/NQ-CP" in a title is
# a citation, so the lower-case form needs its colon.
_NUMBER = re.compile(r"\b(?:Số\s*[:.]?|số\s*[:.])\s*(\d+[A-Za-z]?(?:/\d{4})?[/\-][A-ZĐ][A-ZĐa-z0-9\-/]*)")
_PLACE_DATE = re.compile(
    r"(?<![\w/\-])((?:TP\.\s*)?[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){0,3})\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
)
_NEWS_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b")
# Matched on folded text so that OCR damage ("CỘNG HÒA XÃ HQI") does not hide it.
_MOTTO = re.compile(r"C[O0]NG\s+H[O0]A\s+XA\s+H\S{1,2}I|Doc\s+lap\s*-\s*Tu\s+do", re.I)
_RULE_LINE = re.compile(r"^[\s_\-–—=*.]{3,}$")
# A title line is continued by the next when this one ends in a linking word ("… của Chính phủ và").
_JOINING_END = re.compile(r"\b(?:và|của|tại|về|các|với|trong|cho|theo|đối với|để)\s*$", re.I)
# "… Nghị quyết số" / "ngày" / "năm" continue only into a number ("chuyển đổi số" ends a title).
_NUMBER_END = re.compile(r"\b(?:số|ngày|năm|tháng)\s*$", re.I)
REFERENCE_TYPES = (
    "Nghị quyết", "Quyết định", "Chỉ thị", "Thông báo kết luận", "Thông báo", "Kế hoạch", "Nghị định",
    "Thông tư", "Công điện", "Luật", "Quy định", "Kết luận", "Công văn", "Văn bản", "Chương trình",
)
_REFERENCE = re.compile(
    r"\b(" + "|".join(REFERENCE_TYPES) + r")\s+(?:số\s+)?(\d+[A-Za-z]?(?:/\d{4})?[/\-][A-ZĐ][A-ZĐa-z0-9\-/]*[A-ZĐa-z0-9])"
    r"(?:\s*(?:ngày\s+(\d{1,2})\s*(?:/|tháng\s+)(\d{1,2})\s*(?:/|năm\s+)(\d{4})))?"
)
_SIGNER_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")
_SIGNER_TITLE = re.compile(r"^(?:(?:KT|TM|TL|TUQ|Q)\.\s*)?[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{3,}$")


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
_PROPER_CASE = ("Thủ tướng", "Chính phủ", "Quốc hội", "Trung ương", "Nhà nước", "Việt Nam", "Ủy ban nhân dân", "Bộ", "Văn phòng",
                "Ban Chỉ đạo", "Đảng", "Mặt trận Tổ quốc")


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


def parse_header(text: str) -> Header:
    """Find the header fields and the body range of a directive's text."""
    h = Header(body_end=len(text))
    lines = text.split("\n")
    head = "\n".join(lines[:25])
    if m := _NEWS_DATE.match(text):
        h.news, h.issued = True, _valid_date(m.group(1), m.group(2), m.group(3))
        h.body_start = text.index("\n") + 1 if "\n" in text else len(text)
        return h
    if m := _NUMBER.search(head):
        h.number = m.group(1)
    if m := _PLACE_DATE.search(head):
        h.place, h.issued = m.group(1).strip(), _valid_date(m.group(4), m.group(3), m.group(2))
    issuer = _issuer_text(lines)
    h.issuer = _canonical_issuer(issuer) if issuer else None
    _find_type_and_title(h, text, lines)
    if h.doc_type is None and h.number and (code := re.search(r"[/\-]([A-ZĐ]{2})\b", h.number)):
        h.doc_type = NUMBER_TYPE_CODES.get(code.group(1))
    _find_closing(h, text)
    return h


def _issuer_text(lines: list[str]) -> str | None:
    """The issuer block: left of the national motto on the same line (a text layer merges the two
    columns), or the capitalised lines above the motto (OCR reads the columns one after the other)."""
    head = [ln.strip() for ln in lines[:8]]
    for k, line in enumerate(head):
        m = _MOTTO.search(fold_marks(line))
        if not m:
            continue
        if line[: m.start()].strip(" _-"):
            return line[: m.start()].strip(" _-")
        above = [ln for ln in head[:k] if ln and ln == ln.upper() and not _RULE_LINE.match(ln)]
        return " ".join(above[-2:]) or None
    first = next((ln for ln in head if ln), "")
    if first and first == first.upper() and len(first) < 60 and " ".join(first.split()) not in DOC_TYPES:
        return first
    return None


def _find_type_and_title(h: Header, text: str, lines: list[str]) -> None:
    offsets = _line_offsets(lines)
    for i, line in enumerate(lines[:30]):
        key = " ".join(line.split()).upper()
        if key in DOC_TYPES and line.strip() == line.strip().upper():
            h.doc_type = DOC_TYPES[key]
            title, j = _read_title(lines, i + 1)
            h.title = title or None
            h.body_start = offsets[j] if j < len(lines) else len(text)
            return


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
    m = re.search(r"^\s*Nơi\s+nhận\s*:?", text, re.M)
    if m:
        h.recipients = _recipients(text[m.end():].split("\n"))
        h.body_end = m.start()
    tail = text[m.start():] if m else text[-600:]
    tail_lines = [ln.strip() for ln in tail.split("\n") if ln.strip()]
    for k in range(len(tail_lines) - 1, 0, -1):
        name = _right_part(tail_lines[k])
        if not _SIGNER_NAME.match(name):
            continue
        titles = [_right_part(ln) for ln in tail_lines[max(0, k - 3):k]]
        titles = [t for t in titles if _SIGNER_TITLE.match(t)]
        if titles:
            h.signer = name
            h.signer_title = sentence_case(re.sub(r"^(?:KT|TM|TL|TUQ|Q)\.\s*", "", titles[-1]))
            if not m:
                pos = text.rfind(titles[0])
                h.body_end = pos if pos > h.body_start else len(text)
            return


def _right_part(line: str) -> str:
    """The right-hand column of an interleaved closing line: after its last ';' or ':'."""
    return re.split(r"[;:]", line)[-1].strip()


# An interleaved signature title at the end of a recipient line: "Như trên; PHÓ THỦ TƯỚNG".
_TRAILING_CAPS = re.compile(r"[;.]?\s+(?:(?:KT|TM|TL|TUQ|Q)\.\s*)?[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{3,}$")


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
