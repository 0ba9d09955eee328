"""Tables in the document text: pipe rows -> `TextTable` (header, rows of cells with offsets).

Every route writes a table the same way: ingest puts a PDF's ruled table, a Word table or a scan's
grid into the page text as pipe rows, and text exports and markdown sources already use them:

    | STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |
    |---|---|---|---|
    | 1 | Xây dựng Kế hoạch … | Sở Tài chính | Quý I/2026 |

Outer pipes and the `---|---` separator are optional. A table that runs across pages is one
table: rows continue after a page break, and a header row repeated on the new page is dropped.
`mask_tables` blanks the table lines (same length) so the clause segmenter does not read them a
second time as paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from directive_parser.models import TextCell, TextTable
from directive_parser.text import vocabulary
from directive_parser.text.normalize import strip_marks

# A row has at least this many cells; "a | b" inside a sentence is not a table.
MIN_CELLS = 3
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Lines allowed between two pieces of one table: blank lines, form feeds, a page number.
_GAP = re.compile(r"^\s*(?:-?\s*\d{1,3}\s*-?)?\s*$")


def _cells(line: str, offset: int) -> list[TextCell] | None:
    """The cells of one pipe row, or None when the line is no table row."""
    if line.count("|") < MIN_CELLS - 1:
        return None
    body_start, body_end = 0, len(line)
    stripped = line.strip()
    if stripped.startswith("|"):
        body_start = line.index("|") + 1
    if stripped.endswith("|") and len(stripped) > 1:
        body_end = line.rindex("|")
    cells: list[TextCell] = []
    pos = body_start
    for piece in line[body_start:body_end].split("|"):
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip()
        cells.append(TextCell(text, offset + pos + lead, offset + pos + lead + len(text)))
        pos += len(piece) + 1
    if len(cells) < MIN_CELLS:
        return None
    # Prose with pipes ("A | B | C" in a title) has no cell that is empty or short; a table has
    # a column of numbers or short labels. Require the line to start or end with a pipe, or to
    # have an empty or numeric cell.
    if not (stripped.startswith("|") or stripped.endswith("|") or any(not c.text or c.text.isdigit() for c in cells)):
        return None
    return cells


def _spanning_row(line: str, offset: int, width: int) -> list[TextCell] | None:
    """A group row whose cells were merged across the table, as a markdown transcription writes it
    inside a wider table: "| a) | Nhóm hoạt động nhằm hạn chế mất rừng … |" under an eight-column
    header; padded with empty cells to the header's width (None for any other line)."""
    stripped = line.strip()
    if width <= MIN_CELLS or not (stripped.startswith("|") and stripped.endswith("|")) or stripped.count("|") != MIN_CELLS:
        return None
    cells = _cells(line + "|" * (MIN_CELLS - 1), offset)  # the missing cells, empty
    if cells is None:
        return None
    cells = cells[:2]
    end = offset + len(line)
    return cells + [TextCell("", end, end) for _ in range(width - len(cells))]


def _same_row(a: list[TextCell], b: list[TextCell]) -> bool:
    """Whether two rows read the same, letters only: a header repeated on the next page may come
    back from OCR with specks ("Thời gian hoàn. thành"), or with a cell or two misread ("Thời gian
    hoàn thanh" / "Căn cứ bố sung"): a row holding at least two of the header's names in their
    columns, and most of them, is the header again (a task row names no column)."""
    if len(a) != len(b):
        return False
    pairs = [(_letters(x.text), _letters(y.text)) for x, y in zip(a, b)]
    if all(x == y for x, y in pairs):
        return True
    named = [y for _, y in pairs if y]
    same = sum(1 for x, y in pairs if y and x == y)
    return same >= 2 and 2 * same >= len(named)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def find_tables(text: str, page_starts: list[tuple[int, int]] | None = None) -> list[TextTable]:
    """The pipe tables of `text`, in order, with tables split by a page break stitched together.

    `page_starts` gives (page number, start offset) of each page, for the row keys that match a
    row with its cell boxes.
    """
    tables: list[TextTable] = []
    current: TextTable | None = None
    gap_ok = False  # only blank lines / page numbers since the current table's last row
    page_tables: dict[int, int] = {}  # page -> tables begun on it so far
    piece_rows = 0
    piece_page = -1
    pos = 0
    starts = sorted(page_starts or [(1, 0)], key=lambda p: p[1])
    for line in text.split("\n"):
        offset, pos = pos, pos + len(line) + 1
        page = _page_at(starts, offset)
        if _SEPARATOR.match(line) and current is not None:
            current.line_spans.append((offset, offset + len(line)))
            continue
        cells = _cells(line, offset)
        if cells is None and current is not None:
            cells = _spanning_row(line, offset, len(current.header))
        if cells is None:
            if current is not None and _GAP.match(line) and "\f" not in line.strip(" \t"):
                gap_ok = True
                continue
            current, gap_ok = None, False
            continue
        if current is None or (gap_ok and len(cells) != len(current.header)):
            current = TextTable(header=cells, start=offset, end=offset + len(line))
            tables.append(current)
            piece_page = page
            current.header_key = (page, page_tables.get(page, 0), 0)
            page_tables[page] = page_tables.get(page, 0) + 1
            piece_rows = 1
            current.line_spans.append((offset, offset + len(line)))
            gap_ok = False
            continue
        if page != piece_page:  # the table goes on on a new page: a new piece with its own grid
            piece_page, piece_rows = page, 0
            page_tables[page] = page_tables.get(page, 0) + 1
        current.line_spans.append((offset, offset + len(line)))
        current.end = offset + len(line)
        gap_ok = False
        key = (page, page_tables[page] - 1, piece_rows)
        piece_rows += 1
        if _same_row(cells, current.header):
            continue  # the header repeated at the top of the next page
        current.rows.append(cells)
        current.row_keys.append(key)
    found = [t for t in tables if t.rows]
    loose = [t for t in found if _loose(text, t)]
    flat = flat_tables(text, [(t.start, t.end + 1) for t in found if t not in loose])
    if not flat:
        return found
    # A loose piece inside a flattened table is two of its lines whose rules OCR read ("8 | Xây
    # dựng cơ chế … | Bộ Tài chính, … | Giai đoạn 2026 -"), read again as that table's row.
    found = [t for t in found if t not in loose or not any(f.start <= t.start and t.end <= f.end for f in flat)]
    return sorted(found + flat, key=lambda t: t.start)


# A pipe table of at most this many rows whose lines neither open nor close with a pipe is loose:
# it may be two lines of a flattened table (see `flat_tables`).
MAX_LOOSE_ROWS = 2


def _loose(text: str, table: TextTable) -> bool:
    """Whether `table` is a few pipe rows without outer pipes (see `MAX_LOOSE_ROWS`)."""
    if len(table.rows) > MAX_LOOSE_ROWS:
        return False
    return not any(text[s:e].strip().startswith("|") or text[s:e].strip().endswith("|") for s, e in table.line_spans)


def _page_at(starts: list[tuple[int, int]], offset: int) -> int:
    """The page that holds `offset`: binary search over the pages' start offsets."""
    i = bisect_right(starts, offset, key=lambda p: p[1]) - 1
    return starts[max(i, 0)][0]


def mask_tables(text: str, tables: list[TextTable]) -> str:
    """`text` with every table line replaced by spaces (offsets unchanged)."""
    if not tables:
        return text
    chars = list(text)
    for table in tables:
        for s, e in table.line_spans:
            chars[s:e] = " " * (e - s)
    return "".join(chars)


# ----------------------------------------------------------------------------------------------
# Flattened tables: a ruled table read line by line across its columns
# ----------------------------------------------------------------------------------------------
# OCR without table detection (Tesseract's English model, --psm 4) reads each printed line of a
# ruled annex table from left to right across every column, so one line holds a piece of the task
# cell, then pieces of the lead, partner, deadline and product cells, some column rules read as
# "|" and some lost:
#
#     Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã; __| Bộ CHQS tỉnh; | Văn phòng Ban
#     ban hành quy chế hoạt động của Ban Chỉ huy phòng thủ dân |UBND cấp xã |Chỉ huy; các sở,
#
# Cells are top-aligned, so a row's first line opens every filled cell, and the task column is the
# widest: its pieces are cut at about the same number of characters on every line but the cell's
# last. `flat_tables` rebuilds such tables as rows of synthesised cells (header roles from the
# header's words, the task from the pieces of the task column, the lead from the first line after
# the task piece, deadline words from the rest).

_FLAT_ROLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^\W{0,3}s?tt\b")),
    ("task", re.compile(r"nhiem vu|noi dung|giai phap|cong viec|ten de an|ten du an")),
    ("lead", re.compile(r"chu tri|co quan chu|don vi chu|chu tr\w")),
    ("coordinating", re.compile(r"phoi hop|co quan phoi|don vi phoi|phoi\b")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("product", re.compile(r"san pham|ket qua")),
)
# Columns of the rebuilt table, with the header text `extract.layouts.table` reads roles from.
_FLAT_HEADER = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")
# A group row: a Roman numeral (OCR reads "II" as "Ii" or "Il") then the group's title, "I |KIỆN
# TOÀN VÀ HOÀN THIỆN …", "VI | Các nhiệm vụ khác", "III. PHÁT TRIỂN HẠ TẦNG SỐ".
_FLAT_GROUP = re.compile(r"^\W{0,2}((?:[IVX][IVXil1]{0,4}))\s*(\.|\||\.\s*\||\s)\s*\|?\s*(\S.*)$")
# A group's numeral read as other glyphs, then the column rule: "ll |", "1 |", "[I |", "Iil |".
_GLYPH_GROUP = re.compile(r"^\W{0,2}([IVXil1\[\]]{1,5})\s*\|\s*(\S.*)$")
# A row's number read as a speck or stray letters before the task's capitalised first word: "“4
# Nghiên cứu, xây dựng Luật …", "fe Nghiên cứu …", "a Xây dựng Luật …" (rows 1, 2, 3).
_SPECK_NUMBER = re.compile(r"^\s*([^\w\s]{1,2}\d?|[a-z]{1,2})\s+(?=[A-ZĐÀ-Ỹ])")
# Short words a wrapped cell may open with before a capital ("và Công nghệ", "do Bộ …").
_SHORT_WORDS = frozenset(("va", "la", "do", "co", "ra", "ta", "so", "to", "xa", "ma", "o", "e", "y", "vi", "ve"))
# A sub-group under a Roman group, its numeral's strokes read as "l" or "1": "IlI.1 |Nhóm ứng
# dụng, nền tảng số …", "III.1.2 | Nhóm các nền tảng phục vụ …".
_SUB_GROUP = re.compile(
    r"^\W{0,2}(I[IVXil1]{0,4}|V[IVXil1]{0,3}|X[IVXil1]{0,3})"  # the group's numeral
    r"\.(\d{1,2}(?:\.\d{1,2})?)\.?\s*\|?\s*([A-ZĐÀ-Ỹ].*)$"  # ".1" or ".1.2", the rule, the title
)
_GLYPHS_I = str.maketrans({"i": "I", "l": "I", "1": "I", "[": "I", "]": "I"})
# A numbered row: "12 | Xây dựng …", "3. Tổ chức …".
# The number may be followed by its column rule ("1. | Tổ chức …"), OCR may read its dot as a
# comma ("4, Nâng cao …"), and rows under a numbered group have decimal numbers ("1.1 | Nghiên
# cứu, rà soát …"), before a capital only: "1.5 triệu đồng" wraps a task.
# The rule may touch the task's first word ("2 |Rà soát, ban hành …", "1 |Tỉ lệ dịch vụ công …", "4.
# |Xem xét, khuyến khích …"), and a speck double the dot ("2.. | Thường xuyên tổ chức …", tbl-08).
# A decimal number may close with its dot before the rule too ("1.4. | Hoàn thiện quy trình …",
# "2.2. | Xây dựng mới …"), as "4. |" does. Sub-activities under a numbered group may be lettered
# before their rule: "1 | Tổ chức tuyên truyền …" / "a) |Tổ chức Hội nghị …" / "b) | Tổ chức các hội
# thảo …" (a letter with its bracket and a rule opens no task sentence).
_FLAT_NUMBER = re.compile(
    r"^\s*(\d{1,3}(?:\.\d{1,2}(?=\s*[.,]{0,2}\s*\|?\s*[A-ZĐÀ-Ỹ]))?|[a-zđ]\)(?=\s*\|))(?:\s*[.,]{1,2}\s*\|\s*|\s*[.,]{1,2}\s+|\s*\|\s*|\s+)(?=[^\W\d_])"
)
# The first group's "I" read as a small letter before its title, without a rule: "i Tăng cường sự
# lãnh đạo của Đảng; …" (no task opens with a lone "i" or "l").
_FIRST_GROUP = re.compile(r"^\W{0,2}[iIl]\s+(?=[A-ZĐÀ-Ỹ])")
# Words that open a lead or partner cell ("Sở Tài chính", "Các sở, ban, ngành", "UBND cấp xã").
_BODY_HEADS = frozenset(
    (
        "bo",
        "so",
        "ban",
        "ubnd",
        "uy",
        "co",
        "cac",
        "van",
        "cuc",
        "vien",
        "trung",
        "tong",
        "thanh",
        "don",
        "doan",
        "hoi",
        "dai",
        "bao",
        "ngan",
        "kho",
        "toa",
        "hoc",
        "tap",
        "lien",
        "mat",
        "quy",
    )
)
# Of those, the words that end a lead cell when they follow it on the same line ("Sở Tài chính
# Cơ quan, địa phương …": the partner cell begins), where "Văn phòng Ban Chỉ huy" is one name.
_NEXT_CELL_HEADS = frozenset(["bo", "so", "co", "cac", "ubnd", "uy"])
# Plural words that open a lead cell before a head word ("Các Bộ, ngành", "Các sở, ban, ngành").
_PLURALS = frozenset(("cac", "nhung"))
# A product cell's first words: they end a lead cell too ("Sở Tài chính Quyết định của …").
_PRODUCT_HEADS = frozenset(
    ("quyet dinh", "van ban", "bao cao", "de an", "ke hoach", "thong tu", "nghi dinh", "chuong trinh", "ho so", "to trinh")
)
# Lower-case words no body's name holds but a deadline cell opens with ("Văn phòng Ban sau khi có …").
_DEADLINE_OPENERS = frozenset(("sau", "trước", "theo", "thường"))
# Words of a deadline cell: "Trước ngày 30/11/2025", "Quý IV/2025", "Thường xuyên", "Hằng năm".
# With their marks where folding would make another word of them ("Thường xuyên", "Sở Công Thương").
_DEADLINE_HEADS = frozenset(
    (
        "trước",
        "thường",
        "hằng",
        "hàng",
        "quý",
        "quí",
        "tháng",
        "năm",
        "giai",
        "từ",
        "định",
        "truoc",
        "quy",
        "qui",
        "thang",
        "nam",
        "hang",
    )
)
# A partner cell's last words ("Các sở, ngành liên quan"): no lead cell wraps onto them.
_PARTNER_TAIL = re.compile(r"^(?:co )?(?:lien quan|phuong lien quan|dia phuong|nganh lien quan)\b")
# The partner column's stock phrase, where a row's lead cell is empty (merged with the one above):
# "Cơ quan, địa phương liên quan", "Cơ quan có liên quan", "Cơ quan liên quan" (tbl-05), "Cơ quan, tổ
# chức, doanh nghiệp liên quan" (tbl-09). A lead names its body; "Cơ quan" alone, then a list or
# "liên quan", names the related bodies a partner cell holds, so it opens no lead cell.
_PARTNER_PHRASE = re.compile(r"^co quan\s*(?:,|(?:co )?lien\b)")
_DEADLINE_WORD = re.compile(
    r"^(?:trước|ngày|tháng|năm|quý|quí|quỹ|hằng|hàng|thường|xuyên|giai|đoạn|từ|đến|và|định|kỳ|kì|đầu|cuối|sau|khi|"
    r"theo|kế|hoạch|riêng|tuần|truoc|ngay|thang|nam|quy|qui|xuyen|[ivx]+|[-–]|[\divx/.,;:\-–]*\d[\divx/.,;:\-–]*)$"
)
# Lines that end a flattened table (see `_ends_flat`).
_FLAT_STOP = re.compile(r"^\s*(?:PHỤ LỤC|Nơi nhận|KT\.|TM\.)|\./\.\s*$")
MIN_FLAT_ROWS = 2
# A clause label opening a line ("4. …", "II. …", "b) …"): prose, not a header.
_CLAUSE_LABEL = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[a-zđ])[.)]\s")
MAX_HEADER_LINE = 50  # mean characters of a wrapped header's lines
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def _folded(line: str) -> str:
    return strip_marks(line).casefold()


def _cues(line: str, marks: str | None = None) -> set[str]:
    """The header roles whose words appear in `line` ("Cơ quan chủ trì" -> lead); `marks`: the
    line's `strip_marks`, when the caller has it."""
    folded = _folded(line) if marks is None else marks.casefold()
    return {role for role, pattern in _FLAT_ROLE_CUES if pattern.search(folded)}


def _is_header_line(line: str, marks: str | None = None) -> bool:
    """A header line of a flattened task table: "STT" followed by the task column's name ("STT Tên
    nhiệm vụ/dự án …"), or two column names on one short line, the lead or partner column named
    as a header names it ("Cơ quan chủ trì", "CHỦ TRÌ") — never prose's "chủ trì, phối hợp với".
    `marks`: the line's `strip_marks`, when the caller has it."""
    stripped = line.strip()
    if len(line.split()) > 24 or stripped.endswith((".", ";", ":")) or stripped.startswith(("-", "+")):
        return False
    if marks is None:
        marks = strip_marks(line)
    cues = _cues(line, marks)
    if {"number", "task"} <= cues:
        return True
    # A plan's activity written as labelled fields names the columns' words in its headings: "2. Cơ
    # quan chủ trì, phối hợp" / "a) Cơ quan chủ trì" / "- Ban Chỉ đạo quốc gia." — a heading of prose,
    # not a header row (a flattened header opens with "STT" or the task column, not a clause label).
    if _CLAUSE_LABEL.match(stripped):
        return False
    if len(cues - {"number", "task"}) < 2:
        return False  # the last test below, first: most lines name no two columns
    folded = marks.casefold()
    capitals = _capitals(line) >= 0.7
    # A header capitalises its column names ("Cơ quan chủ trì"); wrapped prose does not ("… khi
    # được cơ quan chủ trì lấy ý kiến").
    named = capitals or re.search(r"(?:Co quan|Don vi) (?:chu|phoi)", marks) is not None
    return named and "phoi hop voi" not in folded and len(cues - {"number", "task"}) >= 2


def _header_starts(lines: list[str], i: int, marks: list[str] | None = None) -> bool:
    """Whether a table header starts at line `i`: a header line, or a header wrapped over up to
    four short lines whose column names together name the task and the lead or partner column
    ("Cơ quan Cơ quan phối …" / "Từ Nhiệm vụ … kết quả dự kiến" / "chủ trì họp" / "hoàn thành").
    `marks`: each line's `strip_marks`, when the caller has them (`_lines_without_marks`)."""
    strip = marks.__getitem__ if marks is not None else (lambda k: strip_marks(lines[k]))
    if _is_header_line(lines[i], strip(i)):
        return True
    at = [k for k in range(i, min(i + 4, len(lines))) if lines[k].strip()]
    block = [lines[k] for k in at]
    # The lead's and the partner's columns side by side open with "Cơ quan" twice ("Cơ quan Cơ
    # quan phối …", the second's "phối" may come back garbled: "Cơ quan Cơ quan phiof oanye").
    if not block or not re.search(r"(?:Co quan|Don vi) (?:chu|phoi|Co quan|Don vi)", strip(at[0])):
        return False
    if any(len(lines[k].split()) > 16 or lines[k].rstrip().endswith(".") or "phoi hop voi" in strip(k).casefold() for k in at):
        return False
    # Wrapped prose names columns too ("4. Cơ quan phối hợp có trách nhiệm trả lời …" / "… khi được
    # cơ quan chủ trì lấy ý"), on a labelled line and on full lines; a header's pieces are short.
    if _CLAUSE_LABEL.match(block[0]) or sum(len(ln.strip()) for ln in block) > MAX_HEADER_LINE * len(block):
        return False
    cues = set().union(*(_cues(lines[k], strip(k)) for k in at))
    return "task" in cues and bool(cues & {"lead", "coordinating"}) and len(cues) >= 3


# A header line names a column other than the number (`_is_header_line`: the task's with "STT", or
# two others), and a wrapped header's first line opens with "Cơ quan"/"Đơn vị" (`_header_starts`):
# either way its folded form holds one of these words. Most lines hold none.
_HEADER_HINT = re.compile("|".join(p.pattern for role, p in _FLAT_ROLE_CUES if role != "number") + r"|co quan|don vi")


def _lines_without_marks(text: str, n_lines: int) -> tuple[list[str] | None, set[int] | None]:
    """Each line of `text` without its marks (`strip_marks`), and the lines at which a header may
    start (`_header_starts`): those with a `_HEADER_HINT` among them or the three after them (a
    wrapped header opens at the block's first non-blank line). The text is stripped and searched
    once, in C, rather than line by line: stripping is per character, so the stripped text's lines
    are the lines stripped. (None, None) if the line count differs, which stripping never does."""
    stripped = strip_marks(text)
    marks = stripped.split("\n")
    if len(marks) != n_lines:
        return None, None
    folded = stripped.casefold()
    maybe: set[int] = set()
    line, seen = 0, 0
    for m in _HEADER_HINT.finditer(folded):  # in order: the line count runs on from the last hit
        line, seen = line + folded.count("\n", seen, m.start()), m.start()
        maybe.update(range(line - 3, line + 1))
    return marks, maybe


def _capitals(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) / max(1, len(letters))


def _group(line: str, first: bool = False) -> tuple[str, str] | None:
    """(numeral, title) of a group row, or None. A title in capitals is a group row even when OCR
    lost or misread its numeral ("CHUYỂN ĐỔI SỐ TRONG CÁC LĨNH VỰC …", "và | BẢO ĐẢM AN TOÀN …"),
    and so is a title after a numeral read as other glyphs and its column rule ("ll | Xây dựng hạ
    tầng …" for "II", "1 | Hoàn thiện thể chế …" for "I" when it opens the table, `first`)."""
    sub = _SUB_GROUP.match(line)
    if sub and sub.group(1).translate(_GLYPHS_I) in _ROMAN:
        return f"{sub.group(1).translate(_GLYPHS_I)}.{sub.group(2)}", sub.group(3).strip(" |_—-")
    g = _GLYPH_GROUP.match(line)
    if g and "|" not in g.group(2) and len(g.group(2).split()) >= 3 and (not g.group(1).isdigit() or first):
        numeral = g.group(1).translate(_GLYPHS_I)
        if re.fullmatch(r"[IVX]{1,5}", numeral):
            return numeral, g.group(2).strip(" |_—-")
    m = _FLAT_GROUP.match(line)
    numeral = m.group(1)[0] + m.group(1)[1:].replace("i", "I").replace("l", "I").replace("1", "I") if m else ""
    bare = re.match(r"^\W{0,2}(?:\S{1,3}\s*\|)?\s*(\S.*)$", line)
    if bare and len(bare.group(1).split()) >= 3 and _capitals(bare.group(1)) >= 0.9 and not _is_header_line(line):
        if re.fullmatch(r"[IVX]{1,5}", numeral) and m:
            return numeral, m.group(3).strip(" |_—-")
        return "", bare.group(1).strip(" |_—-")
    # the column rule after the numeral, as "|" or after its dot ("II. | Đẩy mạnh cải cách, …")
    if m and re.fullmatch(r"[IVX]{1,5}", numeral) and ("|" in line[m.end(1) : m.start(3)] or _capitals(m.group(3)) >= 0.7):
        return numeral, m.group(3).strip(" |_—-")
    f = _FIRST_GROUP.match(line) if first else None
    if f and len(line[f.end() :].split()) >= 3:
        return "I", line[f.end() :].strip(" |_—-")
    return None


def _word_spans(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]


def _is_head(word: str, heads: frozenset[str]) -> bool:
    """Whether `word` is capitalised and one of `heads` (folded, or with its marks)."""
    key = word.casefold().strip(" ,;.:()|_")
    return word[:1].isupper() and (key in heads or _folded(key) in heads)


# "Sở" as the English model and repair leave it: in lower case ("số Xây dựng", "sơ Xây dựng"),
# its "ở" read as "đ" or another mark ("Sđ Tài chính", "Sổ KH&CN", "Sd6 Công Thương").
_LOWER_SO = frozenset(("số", "sơ", "sở", "sổ", "sđ", "sd", "sd6", "sỡ", "sờ", "sớ", "sợ"))


# The first words of a department's field (Nghị định 45/2025/NĐ-CP and the former departments):
# "Sở" is read only before one of them or an abbreviation ("Sổ KH&CN"), never in "công nghệ số
# Việt Nam", "số Make in Việt Nam", "chuyển đổi số Thành phố".
_SO_FIELDS = frozenset(
    ("tai", "khoa", "nong", "cong", "xay", "noi", "giao", "van", "y", "tu", "ngoai", "dan", "du", "lao", "ke", "thong", "quy")
)


def _lower_so(word: str, following: str) -> bool:
    """ "số Xây dựng" and "Sđ Tài chính" are "Sở Xây dựng", "Sở Tài chính"; "dịch vụ số Sở KH&CN"
    ends a task with "số". Only before a capitalised field's name (see `_SO_FIELDS`)."""
    if word.casefold() not in _LOWER_SO or not following[:1].isupper() or _is_head(following, _BODY_HEADS):
        return False
    key = _folded(following).strip(" ,;.")
    return key in _SO_FIELDS or (len(key) >= 2 and following.strip(" ,;.").isupper())


# Words whose object is a name: a body's name after one of them goes on the cell it stands in.
# With their marks, and without a stop after them: "thiên tai." ends a task before "UBND các tỉnh".
_TAKES_NAME = frozenset(("của", "tại"))
_HEAD_NEEDS = {"co": "quan", "van": "phong"}
# "Sở Y" as the English model runs it together, its "ở" read as a letter: "SOY tế", "SGY tế" (the
# Sở Y tế of tbl-05, qd-01 and ct-01's English-model OCR, the one department of a one-letter field).
_SO_Y = re.compile(r"^S[OoGƠơÔô0ỞởỚớỜờ]Y$")


def _so_y(words: list[str]) -> bool:
    """Whether `words` open with "Sở Y tế" run together (see `_SO_Y`)."""
    return (
        len(words) > 1 and _SO_Y.match(words[0]) is not None and _folded(words[1]).startswith("te")
    )  # head words that open a body only before this word


def _head_at(line: str, s: int, heads: frozenset[str]) -> bool:
    """Whether the word at offset `s` opens a body or deadline cell: a capitalised head word, or a
    lower-case "số"/"sơ" for "Sở" before a capitalised name ("… trên biển, số Xây dựng trong …")."""
    words = line[s:].split()
    before = line[:s].split()
    # A name after a word that takes one is the task's: no cell ends with "của" or "tại" ("… Nghị
    # quyết số 79-NQ/TW của Bộ Chính trị" in tbl-11's rows 17, 19 and 20, "… trang thiết bị tại Sở
    # Tài chính để vận hành" in tbl-01).
    if not words or (before and before[-1].casefold() in _TAKES_NAME):
        return False
    if heads is not _DEADLINE_HEADS and len(words) > 1 and (_lower_so(words[0], words[1]) or _so_y(words)):
        return True
    # "Cơ" opens a body only as "Cơ quan …", "Văn" only as "Văn phòng …": "tích hợp trên Cơ sở dữ
    # liệu quốc gia", "Cơ chế, chính sách", "chủ trương trong Văn kiện Đại hội" are a task's or a
    # product's words.
    need = _HEAD_NEEDS.get(_folded(words[0]).strip(" ,;."))
    if need and len(words) > 1 and not _folded(words[1]).startswith(need):
        return False
    # "Nam" of "Việt Nam" is no deadline's "Năm" ("… công nghệ số Việt Nam Sở Công Thương …").
    if before and _folded(before[-1]) == "viet" and _folded(words[0]).strip(" ,;.") == "nam":
        return False
    return _is_head(words[0], heads)


def _task_width(lines: list[str]) -> float:
    """Characters of the task column on a full line: where the first column rule ("|") or, without
    rules, a capitalised body or deadline word past the task piece most often stands. The densest
    cluster of places wins, the nearer one on a tie: a rule read after the lead cell ("… trong
    lĩnh vực này Bộ Khoa học và |") stands further right than the task column's own rule."""
    bars: list[int] = []
    heads: list[int] = []
    for line in lines:
        bar = line.find("|")
        if bar >= 25:
            bars.append(bar)
        for s, _ in _word_spans(line):
            if s >= 25 and _head_at(line, s, _BODY_HEADS | _DEADLINE_HEADS):
                heads.append(s)
                break
    places = bars if len(bars) >= 3 else bars + heads
    if not places:
        return 0.6 * max((len(ln) for ln in lines), default=60)
    best: list[int] = []
    for p in sorted(places):
        near = [q for q in places if 0.94 * p <= q <= 1.06 * p]
        if len(near) > len(best):
            best = sorted(near)
    return float(best[len(best) // 2])


def _open_word_alone(cell: str) -> bool:
    """Whether the words before a column rule are one open first syllable ("Trung /", see
    `_open_end`): no lead cell is "Trung" alone, so the word is the task's, cut where its line
    wrapped ("… các Bộ, cơ quan Trung /|Bộ Quốc phòng," / "ương và chính quyền địa phương …")."""
    words = [w for w in cell.split() if any(ch.isalnum() for ch in w)]
    return len(words) == 1 and _open_end(words[0])


def _split_piece(line: str, width: float) -> tuple[str, str]:
    """(task piece, rest) of one line: cut at a column rule near the task width, else before a
    capitalised body or deadline word near it, else at the word boundary nearest to it."""
    bar = line.find("|")
    spans = _word_spans(line)
    if 0.6 * width <= bar <= 1.25 * width:
        # The rule before the lead may be lost and the one after it read: "… kết cấu hạ Bộ Xây dựng |".
        # So may a short task's sentence end before its lead: "… chuyển đổi số doanh nghiệp. Số
        # KHE&CN | Các sở, ban," (the lead "Sở KH&CN" before the partner's rule).
        before = [
            s
            for s, _ in spans[1:]
            if s < bar
            and (0.75 * width <= s or line[:s].rstrip().endswith("."))
            and _head_at(line, s, _BODY_HEADS)
            and not _open_word_alone(line[s:bar])
        ]
        cut = before[0] if before else bar
        return line[:cut].rstrip(" _—-=|"), line[cut:].lstrip("|")
    if not spans:
        return "", ""
    if spans[-1][1] <= 0.8 * width:  # the line fits the task column: cut only before a body or deadline word
        for s, _ in spans[1:]:
            if _head_at(line, s, _BODY_HEADS | _DEADLINE_HEADS):
                return line[:s].rstrip(), line[s:]
        return line.rstrip(), ""
    near = [s for s, _ in spans[1:] if 0.8 * width <= s <= 1.12 * width]
    heads = [s for s in near if _head_at(line, s, _BODY_HEADS | _DEADLINE_HEADS)]
    # A short task ends its sentence before the lead cell: "Xây dựng Luật An ninh dữ liệu. Bộ Công
    # an Bộ Khoa học và …" (the task column is wider than the task).
    ended = [s for s, _ in spans[1:] if s < 0.8 * width and line[:s].rstrip().endswith(".") and _head_at(line, s, _BODY_HEADS)]
    # The sentence's end wins over a body or deadline word further on: "-Công trình đê điều, hồ
    # đập, công trình thoát lũ. Bộ NN&MT Bộ Khoa học và Năm 2026 …" (the lead opens after the
    # dot, the partner and the deadline after it), as "Xây dựng Luật An ninh dữ liệu. Bộ Công an …".
    if ended:
        cut = ended[-1]
    elif heads:
        cut = heads[0]
    elif spans[-1][1] <= 1.03 * width:  # the whole line fits the task column
        return line.rstrip(), ""
    elif near:
        cut = min(near, key=lambda s: abs(s - width))
    else:
        ends = [e for _, e in spans if e <= 1.12 * width] or [spans[0][1]]
        cut = ends[-1]
    return line[:cut].rstrip(" _—-=|"), line[cut:]


# A year closing a task piece is the deadline cell's ("… về thu 2026" / "thập, xử lý …": "Năm
# 2025 -" / "2026" wraps beside the task), unless the task itself dates it ("… công năm 2024").
_YEAR_TAIL = re.compile(r"\s((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)\s*$")
_DATING_WORDS = frozenset(["nam", "thang", "ngay", "doan", "den", "tu", "quy", "ky", "dot"])
# So is a quarter, month or year cell that opens with its capital, where the time column stands
# before the lead ("… văn bản hướng dẫn thi hành Quy IV/2026 |Bộ Nông nghiệp", "… theo quy định
# Quý III/2026 | Bộ Tài chính", "… đầu tư công trọng Năm 2026 |Bộ Nông nghiệp", see `_time_first`):
# a task's sentence dates in small letters ("hoàn thành trong quý III/2026").
_TIME_TAIL = re.compile(r"\s((?:Qu[yýíỹ]\s+[IVX]+|(?:Tháng|Thang)\s+\d{1,2}|Năm|Nam)\s*[/-]?\s*(?:19|20)\d\d)\s*$")


# A sentence's stop, then a small letter: a sentence opens with a capital, so the words after the
# stop are the next cells' ("… có tính chất chuyên ngành. các tỉnh, thành địa phương": the lead
# "Các bộ, UBND" / "các tỉnh, thành" and the partner beside a task's last line, tbl-10), never "v.v.".
_STOP_THEN_LETTER = re.compile(r"(?<=[^\W\d_]{2}|[^\W\d_]\))\.\s+(?=[^\W\d_])")


def _split_task(line: str, width: float) -> tuple[str, str]:
    """`_split_piece`, with a year the task piece ends with, or the words after its last sentence's
    stop, given to the rest."""
    piece, rest = _split_piece(line, width)
    stop = next((m for m in _STOP_THEN_LETTER.finditer(piece) if piece[m.end()].islower()), None)
    if stop:
        piece, rest = piece[: stop.start() + 1], f"{piece[stop.end() :]} {rest}".strip()
    # The time cell stands at the task column's edge, the task's words right before it: a short
    # piece ruled off before it is another cell's, as a product's "Báo cáo kết quả thể | Tháng
    # 11/2026" (tbl-11, whose product column stands before the time column).
    timed = _TIME_TAIL.search(piece) if len(piece) >= 0.75 * width else None
    timed = timed if timed and not piece[: timed.start()].rstrip().endswith("|") else None
    m = timed or _YEAR_TAIL.search(piece)
    if m:
        before = piece[: m.start()].split()
        if before and _folded(before[-1]).strip(" ,;.()") not in _DATING_WORDS:
            return piece[: m.start()].rstrip(), f"{m.group(1)} {rest}".strip()
    return piece, rest


def _clean(piece: str) -> str:
    return " ".join(piece.replace("|", " ").split()).strip(" _—-=:")


# Words a body's name goes on after with a small "các": "UBND các xã", "Ủy ban nhân dân các tỉnh",
# "Liên hiệp các Hội Khoa học và Kỹ thuật", "Ban Quản lý các khu công nghiệp" (provincial bodies
# of every province), where elsewhere a small "các" opens the partner cell.
_BEFORE_CAC = frozenset(("ubnd", "dan", "hiep", "ly"))


MAX_TIME_WORDS = 3  # words of a time cell read before the lead ("Quý IV/2026", "Năm 2026", "2021 - 2025")


def _time_first(words: list[str]) -> int:
    """How many of a rest's first words are a time cell before the lead's body name, or 0.

    Some annex tables put the time column before the lead's ("TT | Nhiệm vụ | Thời hạn hoàn thành
    | Cơ quan chủ trì | Cơ quan phối hợp", the Government's tables of a year's tasks), so a row's
    rest reads "Quý II/2026 Bộ Nông nghiệp và Môi trường Các bộ, cơ quan, …" or "2021-2025 Tổng cục
    Thuế Các Vụ, …": the words up to the body's name are the time cell (a date, a period, "Quý",
    "Tháng" or "Năm" with its number, or the month word alone where its number wrapped below:
    "Tháng Bộ Tư pháp" / "12/2026"), the lead opens after them. No body's name opens with a date."""
    keys = [w.casefold().strip(" ,;.()|") for w in words]
    k = 0
    while k < min(len(words), MAX_TIME_WORDS) and keys[k] not in ("và", "hoặc", "|") and _DEADLINE_WORD.match(keys[k]):
        k += 1
    dated = any(ch.isdigit() for w in words[:k] for ch in w) or (k == 1 and _folded(keys[0]) in ("quy", "thang", "nam"))
    if not (0 < k < len(words) and dated):
        return 0
    after = " ".join(words[k:]).strip(" |")
    return k if after and (_head_at(after, 0, _BODY_HEADS) or _folded(after).startswith("cong an ")) else 0


def _lead_piece(rest: str, first: bool, listing: bool = False) -> tuple[list[str], list[str]]:
    """(words of the lead cell, the other words) at the start of one line's rest: up to a column
    rule, a word ending in "_" (a rule read as underscores, "Ban Quản lý cac__"), a number or, past
    the first word, a capitalised word that opens the next cell ("Sở Tài chính Cơ quan, địa …").
    On a row's first rest a time cell before the lead is one of the other cells (`_time_first`)."""
    words = rest.strip(" _—-=").replace("|", " | ").split()
    time = _time_first(words) if first else 0
    if time:
        named, other = _lead_piece(" ".join(words[time:]).lstrip(" |"), first)
        return named, [w for w in words[:time] if w != "|"] + other
    if len(words) > 1 and _lower_so(words[0], words[1]):
        words[0] = "Sở"  # "số Xây dựng": see `_head_at`
    if _so_y(words):
        words[0:1] = ["Sở", "Y"]
    opener = words[0].casefold().strip(" ,;.()") if words else ""
    # A deadline cell's word is no lead's ("Thường" / "xuyên" wraps below the lead).
    if not words or (first and not words[0][:1].isupper()) or (opener != "và" and _DEADLINE_WORD.match(opener)):
        return [], [w for w in words if w != "|"]
    lead: list[str] = []
    k = len(words)
    for j, word in enumerate(words):
        pair = _folded(" ".join(words[j : j + 2])).strip(" ,;.")
        opens = (
            _is_head(word, _NEXT_CELL_HEADS | _DEADLINE_HEADS) or pair in _PRODUCT_HEADS or word.casefold() in _DEADLINE_OPENERS
        )
        # A plural's "Các" names no body alone: the head word after it is its own ("Các Bộ,
        # ngành, …", "Các sở, ban, ngành"), not the next cell's.
        opens = opens and not (lead and _folded(lead[-1]).strip(" ,;.") in _PLURALS)
        # The provinces' councils close the genre's list of addressees: "Các bộ, UBND" / "các
        # tỉnh, thành" / "phố" is one lead (tbl-10), as "Các Bộ, cơ quan, UBND các tỉnh" is.
        # So does a list the line goes on with (`listing`: the cell's lines above left it after a comma).
        listed = _listing(lead) or (listing and (not lead or lead[-1].endswith(",")))
        opens = opens and not (listed and _folded(word).strip(" ,;.") in ("ubnd", "uy"))
        # A recurring deadline in small letters ends the lead: "UBND các tỉnh, hàng năm".
        opens = opens or (
            _folded(word) in ("hang", "thuong") and _folded(pair).split()[-1:] in (["nam"], ["quy"], ["thang"], ["xuyen"])
        )
        if word == "|" or word[:1].isdigit() or (lead and opens):
            k = j
            break
        # A plural's list goes on after its comma ("Các Bộ, cơ quan, UBND các tỉnh"); elsewhere a
        # small "các"/"cơ" opens the partner cell ("Sở Tài chính các sở, ngành").
        if lead and _folded(word) in ("cac", "co") and _folded(lead[-1]).strip(" ,;") not in _BEFORE_CAC and not _listing(lead):
            k = j
            break
        lead.append(_plural_so(lead, word).rstrip("_"))
        if word.endswith("_"):
            k = j + 1
            break
    return lead, [w for w in words[k:] if w != "|"]


def _plural_so(lead: list[str], word: str) -> str:
    """`word`, or "sở" where the English model misread the departments' "sở" after a plural: "Các
    sơ, ngành, UBND xã" (tbl-01) and "Các số, ban, ngành" are "Các sở, …" (a lead cell names
    bodies; no "số" follows its "Các")."""
    key = word.casefold().rstrip(" ,;._")
    if not lead or _folded(lead[-1]) not in _PLURALS or key not in _LOWER_SO:
        return word
    return "sở" + word[len(key) :]


# An abbreviated field's name: capitals joined by "&" or "-" ("KH&CN", "NN&MT", "KHE&CN", "GD-ĐT"),
# never "UBND" or "HĐND", whose place follows ("UBND" / "các xã").
_ABBREVIATION = re.compile(r"[A-ZĐ]+[&\-][A-ZĐ&\-]+")


def _lead_of(rests: list[str], width: float) -> tuple[str, str]:
    """(lead, remainder) from the rests of a row's lines: the first piece of the first rest that
    opens with a body's name, then the first pieces of the next lines while the cell keeps
    wrapping (a piece at least half the lead column's `width` of characters): "Bộ Khoa học" / "và
    Công nghệ". OCR may set the lead cell apart, on lines of its own below the task ("Sở Giáo dục
    và" / "Đào tạo"), so the first rests may hold no lead."""
    at = next(
        (k for k, r in enumerate(rests[:4]) if r.strip() and _lead_piece(r, first=True)[0] and _starts_body(r)),
        next((k for k, r in enumerate(rests) if r.strip()), None),
    )
    if at is None:
        return "", ""
    lead, other = _lead_piece(rests[at], first=True)
    if not lead or _PARTNER_PHRASE.match(_folded(rests[at].strip(" _—-=|"))):
        return "", " ".join(_clean(r) for r in rests)
    remainder = [_clean(r) for r in rests[:at]] + [" ".join(other)]
    # A name cut after an open word goes on below however short its piece ("Sở Khoa" / "học và
    # Công nghệ", "Các bộ, cơ" / "quan ngang bộ", "Sở Nông" / "nghiệp và Môi trường").
    # A name that ends with its abbreviation is whole ("Sở KH&CN", "Bộ NN&MT"): the next line's
    # words are the partner cell's ("Các sở, ban," / "ngành").
    whole = len(lead) > 1 and _ABBREVIATION.fullmatch(lead[-1]) is not None
    wrapping = (len(" ".join(lead)) >= 0.5 * width or _open_lead(lead)) and not lead[-1].endswith(".") and not whole
    for rest in rests[at + 1 :]:
        if wrapping:
            more, other = _lead_piece(rest, first=False, listing=_listing(lead))
            piece = " ".join(more)
            # A body's or a product's first word opens another cell (the partner's "Các sở, …"),
            # unless the lead named a body and goes on with the next ("Bộ CHQS tỉnh;" / "UBND cấp xã"),
            # or is the police's "Công an" before its place ("Thành phố", see `_open_lead`).
            police = _folded(" ".join(lead)) == "cong an"
            joined = more and (not _is_head(more[0], _BODY_HEADS) or lead[-1].endswith((";", ",")) or police)
            joined = joined and not _PARTNER_TAIL.match(_folded(piece))
            # "cơ quan ngang bộ" (the ministry-level agencies) is one phrase: "ngang bộ" goes on a
            # lead that ends with "cơ quan" ("Các bộ, cơ quan" / "ngang bộ"), never a ministry's
            # name, beside which it wraps the partner cell ("Bộ Tài chính | Các bộ, cơ quan" / "ngang bộ").
            joined = joined and not (_folded(piece).startswith("ngang bo") and _folded(lead[-1]).strip(" ,;.") != "quan")
            fitted = joined and len(piece) > 1.3 * width and _open_lead(lead)
            if fitted:
                # A name is never cut inside a word or after its "và": the lead goes on with the
                # next line's words until the name is whole ("Bộ Khoa học và" / "Công nghệ quan, tổ
                # chức", "Văn phòng Chính" / "phủ địa phương", "Các bộ, cơ" / "quan ngang năm");
                # the partner or deadline cell's words follow.
                fit = 1
                while fit < len(more) and (_open_end(more[fit - 1]) or _ngang(more, fit)):
                    fit += 1
                more, other = more[:fit], more[fit:] + other
                piece = " ".join(more)
                # A head word alone names no body: "Các sở," / "ngành," then a line of the task's
                # "Bố trí nhân lực …" is no more of the list.
                joined = joined and not (len(more) == 1 and _is_head(more[0], _BODY_HEADS))
            if joined and len(piece) <= 1.3 * width:
                lead += more
                # a name made whole from the line's first words ends there
                wrapping = (len(piece) >= 0.5 * width or _listing(lead)) and not (fitted and not _open_lead(lead))
                remainder.append(" ".join(other))
                continue
            wrapping = False
        remainder.append(_clean(rest))
    return " ".join(lead).strip(" ,;"), " ".join(r for r in remainder if r)


# Words a body's name never ends with: "và", "các" (its places or units follow: "Ban Quản lý các"
# / "khu công nghệ cao …" in tbl-03, "UBND các" / "tỉnh"), "UBND" (its place follows: "Các bộ,
# UBND" / "các tỉnh, thành" in tbl-10), "cơ" (quan), "nhân" (dân), "Xây" (dựng),
# and the capitalised first syllables of its two-syllable words ("Khoa" học, "Chính" phủ, "Nông"
# nghiệp, "Trung" ương, "Văn" phòng, "Tư" pháp, "Thành" phố), never the small last ones ("Tài
# chính", "Đầu tư").
_OPEN_ENDS = frozenset(("va", "cac", "co", "nhan", "xay", "ubnd"))
_OPEN_CAPITALS = frozenset(("chinh", "cong", "trung", "khoa", "nong", "tai", "tu", "van", "thanh"))
# Head words that name no body alone: a lead cell of one of them only goes on below with its name
# ("Trung tâm" / "Chuyển đổi" / "số Thành phố" in tbl-01, "Ban Chỉ huy" / "Phòng thủ dân" / "sự
# cấp tỉnh" in tbl-05, "Văn phòng" / "UBND tỉnh").
_BARE_HEADS = frozenset(("trung tam", "van phong", "ban", "ban chi huy", "ban chi dao", "ban quan ly", "uy ban", "so", "bo"))


def _open_lead(lead: list[str]) -> bool:
    """Whether a lead's words so far leave its name open (see `_open_end`, `_BARE_HEADS`); a lead
    of "Công an" alone, too: the police are named with their place ("Công an" / "Thành phố",
    "Công an" / "tỉnh"), where "Bộ Công an" is whole. So is a plural's list cut after a comma: the
    genre's addressee list goes on below ("Các sở," / "ngành," / "UBND xã," / "phường, đặc" / "khu"
    in tbl-01, "Các bộ, cơ quan" / "ngang bộ, UBND" / "tỉnh, thành phố" in tbl-11)."""
    named = _folded(" ".join(lead)).strip(" ,;.")
    ngang = _folded(lead[-1]) == "ngang"  # "cơ quan ngang" / "bộ"
    return _open_end(lead[-1]) or named == "cong an" or named in _BARE_HEADS or _listing(lead) or ngang


def _listing(lead: list[str]) -> bool:
    """Whether a lead's words so far are a plural's list cut after a comma ("Các bộ, UBND" is still
    one: "Các sở," / "ngành,")."""
    return bool(lead) and _folded(lead[0]) == "cac" and lead[-1].endswith(",")


def _ngang(words: list[str], k: int) -> bool:
    """Whether `words[k]` is the "ngang" of "cơ quan ngang bộ" (the ministry-level agencies) after
    its "quan": "Các bộ, cơ" / "quan ngang truyền được thực" (the product's words after it)."""
    return k > 0 and _folded(words[k - 1]).strip(" ,;") == "quan" and _folded(words[k]).strip(" ,;") == "ngang"


def _open_end(word: str) -> bool:
    key = _folded(word).strip(" ,;.’'`")
    return key in _OPEN_ENDS or (word[:1].isupper() and key in _OPEN_CAPITALS)


def _starts_body(rest: str) -> bool:
    """Whether a cell's words open with a body's name: a head word ("Sở", "UBND", …) or "Công an"
    ("Công an" / "Thành phố", the city police), whose "Công" also continues names ("Bộ Khoa học
    và" / "Công nghệ") and so is no head word of its own."""
    stripped = rest.strip(" _—-=|")
    if not stripped:
        return False
    return _head_at(stripped, 0, _BODY_HEADS) or _folded(stripped).startswith("cong an ") or _time_first(stripped.split()) > 0


def _lead_width(rows: list[_FlatRow]) -> float:
    """Characters of the lead column: what its fuller first lines fill (the upper quartile of the
    first-line lead pieces, at least 10): a lead cut where it wraps ("Bộ Văn hóa, Thể") is short."""
    sizes = sorted(len(" ".join(_lead_piece(r.rest[0], first=True)[0])) for r in rows if r.rest and not r.group)
    sizes = [n for n in sizes if n]
    return max(10.0, float(sizes[(3 * len(sizes)) // 4])) if sizes else 14.0


# Deadline words whose marks the English model drops ("Quy IV/2026", "Nam 2025"), spelled right.
_DEADLINE_SPELLING = {"quy": "Quý", "qui": "Quý", "quỹ": "Quý", "nam": "năm", "thang": "tháng", "truoc": "trước", "ngay": "ngày"}


# "Thường" as repair leaves it in a deadline cell, its "xuyên" after it or on the cell's next line
# ("Thực hiện thương" / "xuyên.", "Thương xuyên, hàng năm"); "Sở Công Thương" keeps its "Thương".
_THUONG = frozenset(("thương", "thưởng", "thuong", "thưong"))
# A deadline word only before what it dates: "Quý" before its numeral ("Quý IV/2026", never "Quy
# hoạch" of a product cell), "định" of "định kỳ" (never "Nghị định" wrapped into "Năm 2025 - 2026").
_NEEDS_NEXT = {
    "quý": re.compile(r"^[\[\]|lIVXivx\d]"),
    "quí": re.compile(r"^[\[\]|lIVXivx\d]"),
    "định": re.compile(r"^k[ỳìiy]\b"),
}
# "Quỹ" (a fund) as repair leaves a quarter's "Quy": a fund has no numeral ("Quỹ IV/2026" in
# tbl-09, "Quỹ IV/2025-" / "Quỹ II/2026" in tbl-03 are quarters).
_NEEDS_NEXT |= {"quy": _NEEDS_NEXT["quý"], "qui": _NEEDS_NEXT["quý"], "quỹ": _NEEDS_NEXT["quý"]}


def _deadline_in_context(keys: list[str], k: int) -> bool:
    """Whether the deadline word `keys[k]` (folded words of a rest) dates something where it stands."""
    after = _NEEDS_NEXT.get(keys[k])
    if keys[k] == "hoạch":  # "theo kế hoạch", never the "hoạch" of a product's "quy hoạch"
        return k > 0 and keys[k - 1] == "kế"
    return after is None or (k + 1 < len(keys) and after.match(keys[k + 1]) is not None)


_TWO_YEARS = re.compile(r"\b((?:19|20)\d\d) ((?:19|20)\d\d)\b")


def _deadline_of(rest: str) -> str:
    """The deadline words of a row's rest, in order ("các sở, ban, Quy IV-2025" -> "Quý IV-2025")."""
    # A Roman numeral's I read as a bracket or a rule: "Quý II]" is "Quý III", "[V" is "IV".
    rest = re.sub(r"(?<![^\s])[\[\]|l]?[IV]+[\[\]|l]?(?=[\s/\-–.,;]|$)", lambda m: re.sub(r"[\[\]|l]", "I", m.group()), rest)
    split = rest.split()
    keys = [w.casefold().strip(" ,;.()") for w in split]
    for k, key in enumerate(keys):
        if key in _THUONG and (k == 0 or keys[k - 1] != "công") and any(_folded(w) == "xuyen" for w in keys[k + 1 :]):
            keys[k], split[k] = "thường", "Thường" if split[k][:1].isupper() else "thường"
    words = [
        _DEADLINE_SPELLING.get(keys[k], w)
        for k, w in enumerate(split)
        if _DEADLINE_WORD.match(keys[k]) and _deadline_in_context(keys, k)
    ]
    # Lone connectives are no deadline ("và", "theo" from a partner cell), nor is a "và" that opens it:
    # a time cell never starts with "và", the word is a body's ("Bộ Khoa học và Công nghệ … 2025").
    text = re.sub(r"^(?:(?:và|hoặc)(?:\s+|$))+", "", " ".join(words), flags=re.I)
    # The next row's number that the reader left after the last line's year is no part of the time
    # cell: "Quyết định của Thủ tướng Chính phủ 2025 78." / "79. …" ("2025 78." -> "2025").
    text = re.sub(r"(?<=(?:19|20)\d\d)\s+\d{1,3}\.?$", "", text)
    # A period's dash lost where the cell wrapped ("Giai đoạn 2026 -" / "2030"): two years in a row
    # are a range.
    text = _TWO_YEARS.sub(lambda m: f"{m.group(1)} - {m.group(2)}" if m.group(1) < m.group(2) else m.group(), text)
    return text if re.search(r"\d|thuong xuyen|hang nam|hang quy|hang thang|ke hoach", _folded(text)) else ""


def _ends_flat(line: str) -> bool:
    """A line a flattened table never runs into: the next attachment ("PHỤ LỤC II", a document
    title such as "KẾ HOẠCH" on its own line), the recipients, the signature, the end mark."""
    return _FLAT_STOP.search(line) is not None or vocabulary.by_capitals(line.strip()) is not None


def flat_tables(text: str, taken: list[tuple[int, int]] | None = None) -> list[TextTable]:
    """Task tables whose rows were flattened into lines (see the section comment), outside the
    character ranges `taken` (the pipe tables)."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    texts = [ln for _, ln in lines]
    busy = sorted(taken or [])
    free = [not any(s <= off < e for s, e in busy) for off, _ in lines]
    marks, maybe = _lines_without_marks(text, len(lines))
    tables: list[TextTable] = []
    i = 0
    while i < len(lines):
        if not (free[i] and (maybe is None or i in maybe) and _header_starts(texts, i, marks)):
            i += 1
            continue
        stop = i + 1
        while stop < len(lines) and free[stop] and not _ends_flat(lines[stop][1]):
            stop += 1
        table = _read_flat(lines[i:stop])
        if table is not None:
            tables.append(table)
            i = stop
        else:
            i += 1
    return tables


# The words of a task table's header: a line of only these is a piece of a header repeated on a new
# page, its narrow last column wrapped a word a line ("Thời" / "gian" / "triển" / "khai").
_HEADER_WORDS = frozenset(
    (
        "stt",
        "tt",
        "noi",
        "dung",
        "nhiem",
        "vu",
        "ten",
        "thoi",
        "gian",
        "trien",
        "khai",
        "hoan",
        "thanh",
        "co",
        "quan",
        "chu",
        "tri",
        "phoi",
        "hop",
        "san",
        "pham",
        "du",
        "kien",
        "ket",
        "qua",
        "thuc",
        "hien",
        "tien",
        "do",
        "han",
        "nguon",
        "kinh",
        "phi",
        "don",
        "vi",
        "cap",
        "phe",
        "duyet",
    )
)


MAX_HEADER_WORDS = 24  # words of the longest header line read with specks


def _repeated_header(line: str) -> bool:
    """A header line repeated on a new page, as garbled as OCR left it: two column names, or the
    partner or lead column's "Cơ quan …" ("Cơ quan Cơ quan phối Thot Lee 2 ; Me")."""
    cues = _cues(line)
    folded = _folded(line)
    # words, not specks: "Cơ _ phối" is two words
    words = [w for w in line.split() if any(ch.isalnum() for ch in w)]
    if len(words) > 14:
        # A longer line is a header when most of its words are column names and it names the
        # header's "dự kiến" or "kinh phí": OCR reads the narrow columns' names as runs of specks
        # ("Nhiệm vụ Có : doheies eae ee dự kiến Kết quả dự kiến | Nguồn kinh phí", a page's
        # repeated header in tbl-01); no task's line is two thirds column names.
        names = sum(_folded(w).strip(" ,;.:|") in _HEADER_WORDS for w in words)
        mostly_names = len(words) <= MAX_HEADER_WORDS and 3 * names >= 2 * len(words)
        return mostly_names and len(cues) >= 2 and re.search(r"du kien|kinh phi", folded) is not None
    # a data row may name a task and a product ("Báo cáo kết quả thực hiện nhiệm vụ"), never a
    # header's "Cơ quan", "STT", "dự kiến" or "Nguồn kinh phí"
    named = "number" in cues or re.search(r"co quan|don vi|du kien|kinh phi", folded) is not None
    # three column names on a short line are a header however garbled the rest ("1 tiền nhiden vụ Gố
    # duẩn của Cơ _ phối kết qua/Danh Thời hạn hoãn": partner, product and deadline columns)
    return (
        _is_header_line(line)
        or (len(cues) >= 2 and named)
        or len(cues) >= 3
        or (bool(cues & {"lead", "coordinating"}) and "co quan" in folded)
        or "co quan co quan" in folded  # the lead's and partner's names side by side (see `_header_starts`)
    )


def _header_words_only(line: str) -> bool:
    """A line of header words only: a few ("Thời" / "gian"), or more that name two columns ("Nội
    dung, nhiệm vụ thực hiện hợp Thời gian": the task column, the partner's "hợp", the deadline's)."""
    words = re.findall(r"[^\W\d_]+", _folded(line))
    return 0 < len(words) <= (10 if len(_cues(line)) >= 2 or "hop" in words else 6) and all(w in _HEADER_WORDS for w in words)


def _full(piece: str, width: float) -> bool:
    """Whether a task piece fills its line (so the cell goes on below): a narrow column wraps a
    long word early ("Phối hợp xây dựng phần mềm của Hệ thống" / "thông tin và …")."""
    return len(piece.rstrip()) >= min(0.8 * width, width - 14)


MAX_DEADLINE_BLOCK = 5  # words of a deadline cell on a line of its own ("Quý IV/2025 - Quý II/2026")


def _deadline_block(line: str) -> bool:
    """Whether a short line is a deadline cell's words only ("Hằng năm", "Thường xuyên", "Quý IV/2026")."""
    words = line.split()
    if not 0 < len(words) <= MAX_DEADLINE_BLOCK or not words[0][:1].isupper():
        return False
    found = _deadline_of(line)
    return bool(found) and len(found.split()) == len(words)


@dataclass
class _FlatRow:
    """A row being rebuilt: its number, the task column's pieces, the rest of each of its lines."""

    number: str
    task: list[str]
    rest: list[str]
    start: int
    end: int
    group: bool = False


def _data_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The region's lines without its header lines, repeated headers and blank lines. Short lines
    next to a header line are the header's wrapped words ("Thời" / "gian" / "khai")."""
    header_at = [k for k, (_, ln) in enumerate(lines) if k == 0 or (ln.strip() and (_is_header_line(ln) or _repeated_header(ln)))]
    skip = set(header_at)
    for k in header_at:
        for j in (k - 2, k - 1, k + 1, k + 2, k + 3):
            if 0 < j < len(lines) and len(lines[j][1].split()) <= 4 and not _group(lines[j][1]):
                skip.add(j)
            elif 0 < j < len(lines) and j > k:
                break
        for j in (k - 1, k + 1):
            if 0 < j < len(lines) and _cues(lines[j][1]) and not _group(lines[j][1]):
                skip.add(j)
    skip |= {k for k, (_, ln) in enumerate(lines) if k and _header_words_only(ln)}
    return [(off, ln) for k, (off, ln) in enumerate(lines) if k not in skip and ln.strip()]


def _opens_row(body: str, piece: str, rest: str, rows: list[_FlatRow], task_open: bool, width: float) -> bool:
    """Whether a line opens a new row: its task piece starts with a capital (a task's first verb)
    where the row above is done ("… thảm họa." then "Triển khai …"), or fills its line after a
    row whose task cell already ended; a short capitalised line under a finished task is the
    other cells' ("Cơ quan, địa" / "phương liên quan")."""
    # Specks before a row's first word ("‘| Ban hành …") are no part of it.
    words = body.lstrip(" ‘’'`\"|:;,._—~-").split()
    first = words[0] if words else ""
    if not rows or rows[-1].group:
        return bool(piece) and (not rows or _full(body, width) or not _is_head(first, _BODY_HEADS))
    if not first[:1].isupper():
        return False
    if not task_open and _dash_item(body) and (_dash_item(rows[-1].task[0]) or not any(r.strip() for r in rows[-1].rest)):
        return True
    # A short line that opens with a body's name wraps the lead or partner cell below a task that
    # ended ("… hậu quả thiên tai. | các Bộ, cơ quan," / "UBND các tỉnh," / "thành phố").
    if len(body.strip()) < 0.45 * width and _is_head(first, _BODY_HEADS):
        return False
    if task_open:
        above = rows[-1].task[-1].rstrip()
        return above.endswith((".", ";")) or (bool(_lead_piece(rest, True)[0]) and len(rows[-1].task) >= 2)
    return _full(body, width) or (len(body.strip()) >= 0.45 * width and not _is_head(first, _BODY_HEADS | _DEADLINE_HEADS))


def _dash_item(piece: str) -> bool:
    """Whether a task piece opens with a dash: a part of the task above, given to its own lead in a
    row of its own ("4 | Hoàn thiện hệ thống tiêu chuẩn … cực đoan." with no lead, then "-Công
    trình giao thông. Bộ Xây dựng", "-Công trình hạ tầng năng lượng. Bộ Công Thương"). Such a row
    opens under a finished task that named no lead of its own, or under another dash row."""
    return piece.lstrip(" ‘’'`\"|:;,._~")[:1] in ("-", "+", "–")


MIN_NUMBERED_ROWS = 5  # numbered lines that make a flattened table's rows numbered (see `_flat_rows`)


def _flat_rows(data: list[tuple[int, str]], width: float, blocks: frozenset[int] = frozenset()) -> list[_FlatRow]:
    """Group the data lines into rows (group rows, numbered or unnumbered task rows); `blocks` holds
    the offsets of the lines that open a block of their own (after a blank line)."""
    rows: list[_FlatRow] = []
    group_no = 0
    task_open = False  # the last row's task cell goes on below
    # Where the rows keep their numbers, an unnumbered short line is another cell's, set apart as a
    # block by OCR ("Chính trị được trình", "Du lịch,"): only a full line opens a row of its own.
    numbered = sum(1 for _, ln in data if _FLAT_NUMBER.match(ln)) >= MIN_NUMBERED_ROWS
    for off, line in data:
        g = _group(line, first=not rows)
        if g and "." in g[0]:  # a sub-group ("III.1") keeps its number and its group's
            rows.append(_FlatRow(g[0], [g[1]], [], off, off + len(line), group=True))
            task_open = False
            continue
        if g:
            # Groups are numbered in sequence: a numeral OCR lost is the one after the last.
            group_no = _ROMAN.index(g[0]) if g[0] and g[0] in _ROMAN else group_no + 1
            numeral = _ROMAN[group_no] if group_no < len(_ROMAN) else str(group_no)
            rows.append(_FlatRow(numeral, [g[1]], [], off, off + len(line), group=True))
            task_open = False
            continue
        m = _FLAT_NUMBER.match(line)
        number, body = (m.group(1), line[m.end() :]) if m else ("", line)
        speck = None if m or not rows else _SPECK_NUMBER.match(line)
        if speck and speck.group(1).casefold() not in _SHORT_WORDS and (rows[-1].group or not task_open):
            body = line[speck.end() :]  # "fe Nghiên cứu, xây dựng Luật …": a row number OCR garbled
        if rows and rows[-1].group and not number and line.lstrip()[:1].islower():
            rows[-1].task.append(line)  # the group's title wrapped: "… cơ sở dữ" / "liệu quốc gia …"
            continue
        if task_open and not number and off in blocks and _starts_body(body) and not any(map(_starts_body, rows[-1].rest)):
            # OCR set the task cell apart as a block, the lead and partner cells in the next: a
            # block that opens with a body's name ends the task ("… theo Nghị quyết số 79-NQ/TW của
            # Bộ Chính trị" / "" / "Bộ Tài chính | Các bộ, cơ quan" in tbl-11), as no task opens
            # with one (see `_names_no_task`), where the row named no lead yet.
            rows[-1].rest.append(line.lstrip(" _|"))  # the rule before the block's cell: "| Bộ Khoa học và"
            rows[-1].end = off + len(line)
            task_open = False
            continue
        if rows and not rows[-1].group and not number and _deadline_block(line):
            # the deadline cell set apart on a line of its own, the task going on below it: "Hỗ trợ
            # doanh nghiệp … ngày 26/8/2021 của | SoKH&CN" / "Hằng năm" / "Chính phủ (lĩnh vực …)."
            rows[-1].rest.append(line)
            rows[-1].end = off + len(line)
            continue
        piece, rest = _split_task(body, width)
        short = numbered and not number and not _full(body, width) and not _dash_item(body)
        # a line before any row opens one, whatever it looks like: OCR may put a wrapped header cell
        # or a row's cell under the header before the first row number (h10's Phụ lục through the
        # English model), and no line of the table may be lost
        if not rows or (number and piece) or (not short and _opens_row(body, piece, rest, rows, task_open, width)):
            rests = [rest]
            if number and _cells_ahead(rows, blocks) and not _starts_body(rest):
                # A row's other cells set as a block just above its number, centred on the row's
                # height: "Bộ Công an Các bộ, ngành, Hoàn thành, khai | Năm 2025-2026" / "" / "4 Xây
                # dựng ứng dụng trợ lý ảo …" (tbl-12), the row itself naming no lead.
                ahead = rows.pop()
                rests = [f"{ahead.task[0]} {ahead.rest[0]}", rest]
            rows.append(_FlatRow(number, [piece], rests, off, off + len(line)))
            task_open = _full(piece, width)
            continue
        row = rows[-1]
        row.end = off + len(line)
        words = line.split()
        # OCR may set each cell apart as a block of its own lines: a short line that opens with a
        # body's name under a task that ended its sentence is the lead cell's ("… quốc tế." /
        # "Bộ Khoa học và" / "Công nghệ"), not more of the task.
        if task_open and row.task[-1].rstrip().endswith(".") and words and _is_head(words[0], _BODY_HEADS):
            task_open = len(line.strip()) >= 0.45 * width
        if task_open:
            row.task.append(piece)
            row.rest.append(rest)
            task_open = _full(piece, width)
        else:
            row.rest.append(line)
    return rows


def _cells_ahead(rows: list[_FlatRow], blocks: frozenset[int]) -> bool:
    """Whether the last row is one block line of a body's name and other cells, under a numbered
    row (see `_names_no_task`): a split row, or the next row's cells read above its number."""
    if len(rows) < 2 or rows[-2].group or not rows[-2].number:
        return False
    last = rows[-1]
    one_line = len(last.task) == 1 and len(last.rest) == 1 and last.start in blocks
    return one_line and not last.number and not last.group and _names_no_task(last, last.task[0])


# A ministry's, department's or council's name: "Bộ Tài chính", "Sở Y tế", "UBND tỉnh", "Ủy ban …".
_BODY_OPENERS = frozenset(("bo", "so", "ubnd", "uy"))


def _names_no_task(row: _FlatRow, task: str) -> bool:
    """Whether an unnumbered row's task column holds a body's name, not a task: no task opens with
    "Bộ Tài chính" or "Sở Y tế" (a head word, then a capitalised name). Such a row is a lead and
    product of the task above, its task cell left empty ("Bộ Tài chính | Các bộ, cơ quan ngang bộ
    | Báo cáo kết quả … | Tháng 11/2026"), or a lead cell OCR read on its own below the task."""
    words = task.split()
    if row.number or len(words) < 2 or not words[1][:1].isupper():
        return False
    return words[0][:1].isupper() and _folded(words[0]).strip(" ,;.") in _BODY_OPENERS


def _names_product(lines: list[tuple[int, str]]) -> bool:
    """Whether the table's header, on its first line or the wrapped header lines below it, names a
    product column ("Kết quả", "Sản phẩm dự kiến")."""
    head = [lines[0][1]] + [ln for _, ln in lines[1:4] if ln.strip() and (_repeated_header(ln) or _header_words_only(ln))]
    return any("product" in _cues(ln) for ln in head)


def _read_flat(lines: list[tuple[int, str]]) -> TextTable | None:
    """The table rebuilt from a header line and the lines below it, or None (fewer than two rows).

    Where the header names a product column, a row that names a lead where the task column is
    empty is the task above split by product (the genre's convention, see
    `extract.layouts.table`): "15 | Thể chế hóa … | Bộ Tài chính | … | Báo cáo chuyên đề … | Tháng
    5/2026" then "Bộ Tài chính | Các bộ, cơ quan | Báo cáo kết quả thể … | Tháng 11/2026". Its
    other words are its product; the other rows leave the product cell empty (their cells are
    too mixed to tell the product from the partner)."""
    data = _data_lines(lines)
    bodies = [_FLAT_NUMBER.sub("", ln, count=1) for _, ln in data if not _group(ln)]
    blocks = frozenset(off for k, (off, ln) in enumerate(lines) if k and not lines[k - 1][1].strip())
    rows = _flat_rows(data, _task_width(bodies), blocks)
    if sum(not r.group for r in rows) < MIN_FLAT_ROWS:
        return None
    start, end = lines[0][0], lines[-1][0] + len(lines[-1][1])
    product = _names_product(lines)
    names = _FLAT_HEADER[:4] + ("Kết quả",) + _FLAT_HEADER[4:] if product else _FLAT_HEADER
    table = TextTable(header=[TextCell(h, start, start) for h in names], start=start, end=end)
    table.line_spans = [(off, off + len(ln)) for off, ln in lines]
    lead_width = _lead_width(rows)
    for r in rows:
        s, e = r.start, r.end
        task = _clean(" ".join(r.task))
        if r.group:
            table.rows.append([TextCell(r.number, s, s), TextCell(task, s, e)] + [TextCell("", e, e)] * (len(names) - 2))
            continue
        split = _names_no_task(r, task)
        if split:
            # the row's first line is the lead cell's: a body name where the task column is empty
            lead, rest = _lead_of([" ".join(r.task)] + r.rest, lead_width)
            task = ""
        else:
            lead, rest = _lead_of(r.rest, lead_width)
        if task and _dash_item(r.task[0]):
            task = f"-{task}"  # the dash marks a part of the task above (see `_dash_item`)
        cells: tuple[str, ...] = (r.number, task, lead, _clean(rest), _deadline_of(rest))
        if product:
            cells = cells[:4] + (_clean(rest) if split else "",) + cells[4:]
        table.rows.append([TextCell(text, s, s if k == 0 else e) for k, text in enumerate(cells)])
    return table
