"""Attachments: the parts a document carries after its signature (Kế hoạch, Chương trình, Phụ lục…).

A Quyết định or Nghị quyết that "ban hành kèm theo" a programme prints it after the signature
block, under its own title in capitals and a line saying what it is attached to:

    KẾ HOẠCH
    TRIỂN KHAI THỰC HIỆN ĐỀ ÁN …
    (Ban hành kèm theo Quyết định số 2853/QĐ-UBND ngày 21 tháng 11 năm 2025 của …)

An annex table opens the same way ("PHỤ LỤC I" / "DANH MỤC NHIỆM VỤ …" / "(Kèm theo Kế hoạch số
…)"). Each part runs to the next part or to the end of the text; its sections restart their
numbering, so it is segmented on its own and its clause paths carry its code ("KH.II.3",
"PL1.5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from directive_parser.models import Clause, ClauseKind, Page, Span, page_of
from directive_parser.text.normalize import fold_marks

# Part titles and the code their clause paths take. The code follows the genre's own shorthand:
# "PL" for Phụ lục (annexes are cited "Phụ lục I"), "CT" for a Chương trình hành động.
PART_KINDS: tuple[tuple[str, str], ...] = (
    ("CHƯƠNG TRÌNH", "CT"),
    ("KẾ HOẠCH", "KH"),
    ("PHỤ LỤC", "PL"),
    ("DANH MỤC", "DM"),
    ("ĐỀ ÁN", "ĐA"),
    ("QUY CHẾ", "QC"),
    ("QUY ĐỊNH", "QyĐ"),
    ("HƯỚNG DẪN", "HD"),
    ("ĐIỀU LỆ", "ĐL"),
    ("BIỂU", "BM"),
)
# "PHỤ LỤC", "PHỤ LỤC I", "PHỤ LỤC 02", "PHỤ LỤC SỐ 3", "KẾ HOẠCH HÀNH ĐỘNG …" — a title line in capitals.
# Matched on the folded line, so a title whose marks OCR lost ("PHU LUC", "KE HOACH") still opens a part.
_FOLDED_KIND = {fold_marks(k): k for k, _ in PART_KINDS}
_TITLE = re.compile(
    r"^\s*(?P<kind>" + "|".join(_FOLDED_KIND) + r")\b(?:\s+(?:SO\s+)?(?P<num>[IVXLC]+|\d{1,2}[a-z]?)\b)?"
    r"(?P<rest>.*)$"
)
# The kind alone on its line, in any case: "Phụ lục", "Phụ lục II", "Kế hoạch", "Danh mục số 02" (the
# corpus writes "Phụ lục" so above "(Kèm theo …)" more than two hundred times). Matched folded.
_KIND_ALONE = re.compile(
    r"^\s*(?:" + "|".join(k.replace(" ", r"\s+") for k in _FOLDED_KIND) + r")(?:\s+(?:so\s+)?(?:[ivxlc]+|\d{1,2}[a-z]?))?\s*$",
    re.IGNORECASE,
)
# The line that says what the part is attached to: "(Kèm theo Quyết định số …)", "(Ban hành kèm theo …)",
# also read folded and in any case ("(kem theo Quyét dinh …)", "[KÈM THEO …").
_ATTACHED = re.compile(r"^\s*[(\[{]?\s*(?:ban\s+hanh\s+)?kem\s+theo\b", re.IGNORECASE)
# The attached-to line follows the title within a few lines (the title may run over several);
# blank lines, which OCR puts between the title's lines, do not count.
MAX_TITLE_LINES = 6
MIN_TITLE_LETTERS = 8  # a title's second line names the subject ("XUẤT KHẨU SẢN PHẨM …"), not "I."
# A decision's first article announces what it issues: "Điều 1. Ban hành kèm theo Quyết định này Kế
# hoạch xuất khẩu …", "… kèm theo Nghị quyết này Chương trình hành động …". When the attached-to line
# under the part's title is missing (copies that dropped it), the announced kind's title in capitals,
# over a second line in capitals, still opens the part. Matched on the folded text.
_ANNOUNCED = re.compile(
    r"kem\s+theo\s+(?:quyet\s+dinh|nghi\s+quyet|chi\s+thi|ke\s+hoach|thong\s+bao)\s+nay\s+(?:la\s+)?(?P<kind>"
    + "|".join(k.replace(" ", r"\s+") for k in _FOLDED_KIND)
    + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Part:
    """One attachment: its code, its title, where it starts (the title), where its body starts, and
    where the header block it repeats above its title starts."""

    code: str
    title: str
    start: int
    body_start: int
    end: int
    header_start: int  # the header block above the title (== start when none): the text before ends here


def find_parts(text: str, start: int) -> list[Part]:
    """The attachments of `text` from offset `start` on, in order; each ends where the next starts."""
    lines, offsets = _lines(text, start)
    folded = fold_marks(text[start:])  # one character for one: its lines are the text's lines
    folded_lines = folded.split("\n")
    announced = {" ".join(m.group("kind").upper().split()) for m in _ANNOUNCED.finditer(folded)}
    found: list[tuple[int, int, str, str]] = []  # (title line, attached line, kind, number)
    i = 0
    while i < len(lines):
        # a title line is in capitals ("KẾ HOẠCH HÀNH ĐỘNG"), or it is the kind alone in its own case
        # over a title in capitals: "Phụ lục" / "NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ …" / "(Kèm theo Nghị quyết …)"
        alone = _KIND_ALONE.match(folded_lines[i])
        m = _TITLE.match(folded_lines[i].upper() if alone else folded_lines[i])
        if m and (alone or lines[i] == lines[i].upper()):
            attached = _attached_line(lines, i)
            if attached is None and m.group("kind") in announced and not found:
                attached = _unmarked_title_end(lines, i)
            if attached is not None:
                found.append((i, attached, _FOLDED_KIND[m.group("kind")], m.group("num") or ""))
                i = attached + 1
                continue
        i += 1
    parts: list[Part] = []
    codes: dict[str, int] = {}
    headers = [offsets[_own_header_start(lines, ti)] for ti, *_ in found]
    for k, (ti, ai, kind, num) in enumerate(found):
        code = dict(PART_KINDS)[kind] + _number(num)
        codes[code] = codes.get(code, 0) + 1
        if codes[code] > 1:  # two unnumbered "PHỤ LỤC": PL, PL2
            code += str(codes[code])
        end = headers[k + 1] if k + 1 < len(found) else len(text)
        title = " ".join(line.strip() for line in lines[ti:ai] if line.strip())
        body_start = offsets[ai + 1] if ai + 1 < len(lines) else len(text)
        parts.append(Part(code, title, offsets[ti], min(body_start, end), end, headers[k]))
    return parts


# An attachment may repeat the issuer's header above its title, and the document's signature block
# stands just before it when no "Nơi nhận" list separates them: "… kể từ ngày ký ban hành." / "TM.
# CHÍNH PHỦ" / "KT. THỦ TƯỚNG" / "PHÓ THỦ TƯỚNG" / "Phạm Thị Thanh Trà" / "CHÍNH PHỦ" / "Độc lập - Tự
# do - Hạnh phúc" / "CHƯƠNG TRÌNH". None of these lines is text of the body before it.
_HEADER_LINE = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|Q)\.\s.*|[^a-zà-ỹđ]{2,80}|Đ[oộ]c\s+l[aậ]p\s*-\s*T[uự]\s+do\s*-\s*H[aạ]nh\s+ph[uú]c\.?|Số\s*:.*"
    r"|[A-ZĐÀ-Ỹ][^\s,.;:]*(?:\s+[A-ZĐÀ-Ỹ][^\s,.;:]*){1,4}|[^,.;:]{2,40},\s+ngày\s.{5,30})$"
)
MAX_OWN_HEADER_LINES = 10


def _own_header_start(lines: list[str], title: int) -> int:
    """The first line of the header block (signature, issuer, motto, number) right above a part's title."""
    first, seen = title, 0
    for j in range(title - 1, -1, -1):
        line = lines[j].strip()
        if not line:
            continue
        if seen >= MAX_OWN_HEADER_LINES or not _HEADER_LINE.match(line):
            break
        first, seen = j, seen + 1
    return first


def _attached_line(lines: list[str], title: int) -> int | None:
    """The index of the "(Kèm theo …)" line within MAX_TITLE_LINES non-blank lines after `title`."""
    seen = 0
    for j in range(title + 1, len(lines)):
        if not lines[j].strip():
            continue
        if _ATTACHED.match(fold_marks(lines[j])):
            return j
        seen += 1
        if seen >= MAX_TITLE_LINES:
            return None
    return None


def _unmarked_title_end(lines: list[str], title: int) -> int | None:
    """The last line of an announced part's title that has no attached-to line: the title word(s)
    and the next non-blank line, both in capitals ("KẾ HOẠCH" / "XUẤT KHẨU SẢN PHẨM HÀNG HÓA …")."""
    for j in range(title + 1, min(len(lines), title + MAX_TITLE_LINES)):
        line = lines[j].strip()
        if not line:
            continue
        letters = [c for c in line if c.isalpha()]
        return j if len(letters) >= MIN_TITLE_LETTERS and line == line.upper() else None
    return None


def _number(num: str) -> str:
    """'I' -> '1', '02' -> '2': annexes are numbered either way; the path uses Arabic numerals."""
    if not num:
        return ""
    if num.isdigit():
        return str(int(num))
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(num, num[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return str(total)


def _lines(text: str, start: int) -> tuple[list[str], list[int]]:
    lines, offsets, pos = [], [], start
    for line in text[start:].split("\n"):
        lines.append(line)
        offsets.append(pos)
        pos += len(line) + 1
    return lines, offsets


def part_clause(part: Part, children: list[Clause], pages: list[Page]) -> Clause:
    """The clause of a whole attachment, its children's paths prefixed with its code."""
    return Clause(
        path=part.code,
        label=part.code,
        kind=ClauseKind.part,
        text=part.title,
        span=Span(page=page_of(pages, part.start), start=part.start, end=part.end),
        children=[prefix_paths(c, part.code) for c in children],
    )


def prefix_paths(clause: Clause, code: str) -> Clause:
    """`clause` and its descendants with `code.` before their paths: '2.a' -> 'KH.2.a'."""
    return clause.model_copy(
        update={"path": f"{code}.{clause.path}", "children": [prefix_paths(c, code) for c in clause.children]}
    )
