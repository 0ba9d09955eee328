"""Task tables: one record per row of an annex "Danh mục nhiệm vụ" / "Phụ lục" table.

Columns get their role from the header cell, never from their position: the task ("Nội dung
nhiệm vụ", "Tên nhiệm vụ", "Nội dung công việc"), the lead ("Cơ quan chủ trì", "Đơn vị thực
hiện"), the coordinating bodies ("Cơ quan phối hợp"), the product ("Sản phẩm", "Kết quả", "Hình
thức văn bản") and the deadline ("Thời gian hoàn thành", "Thời hạn", "Tiến độ"). A table with a
task column and a lead or deadline column is a task table; statistics tables are not.

Rows follow the genre's conventions:
- a group row ("I | Hoàn thiện thể chế", text in one cell only) heads the rows below it;
- a row with task text is a task, numbered or not (flattened annexes often lose the numbers);
- a row with no task text but a lead continues the task above ("| | | Sở Y tế | |": a second
  lead for the same task);
- an empty lead or deadline cell under a filled one takes the value above (a vertically merged
  cell), until the next group row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from directive_parser.extract import grammar
from directive_parser.extract.bodies import lookup, spellings, split_bodies
from directive_parser.extract.deadline_cells import parse_cell_deadline
from directive_parser.extract.units import ExtractContext, without_leads
from directive_parser.models import (
    Assignment,
    Body,
    BodyKind,
    CellBox,
    Completeness,
    Deadline,
    DeadlineKind,
    ParseWarning,
    Span,
    TableCell,
    TableSource,
    TextCell,
    TextTable,
    page_of,
)
from directive_parser.text.normalize import fold_key

# Header words of each role, folded (no marks, lower case), tried in this order: "Cơ quan chủ trì
# thực hiện" is a lead column although it says "thực hiện", "Thời gian hoàn thành" a deadline
# column although it says "hoàn thành".
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("stt", "tt", "so tt", "so thu tu")),
    ("coordinating", ("phoi hop",)),
    (
        "lead",
        (
            "chu tri",
            "co quan thuc hien",
            "don vi thuc hien",
            "co quan thuc hien",
            "trach nhiem thuc hien",
            "don vi chu tri",
            "co quan chiu trach nhiem",
            "don vi thuc hien",
            "chu the thuc hien",
        ),
    ),
    ("deadline", ("thoi gian", "thoi han", "tien do", "thoi diem", "moc thoi gian")),
    ("product", ("san pham", "ket qua", "hinh thuc", "dau ra")),  # "Đầu ra chủ yếu": the outputs
    ("task", ("noi dung", "nhiem vu", "cong viec", "hoat dong", "ten de an", "giai phap", "ten du an", "ten van ban")),
)
_TASK_WORDS = dict(ROLE_WORDS)["task"]
# A group row's number: Roman numerals or capital letters ("I", "II.", "A", "B."), and, by the
# genre's outline numbering, a sub-group under a Roman group ("| I.1 | Cung cấp dịch vụ số bao
# trùm, thông minh | | |", "| III.1.2 | Nhóm các nền tảng phục vụ quản trị … | | |").
_GROUP_NUMBER = re.compile(r"^(?:[IVXL]{1,6}(?:\.\d{1,2})*|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\.?$")
_ROW_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")


def column_roles(header: list[TextCell]) -> dict[int, str]:
    """Role of each header cell's column: number, task, lead, coordinating, product, deadline."""
    roles: dict[int, str] = {}
    tasks = [i for i, c in enumerate(header) if any(w in fold_key(c.text) for w in _TASK_WORDS)]
    for i, cell in enumerate(header):
        folded = fold_key(cell.text)
        if folded.startswith("nhom ") and i in tasks and tasks[-1] != i:
            # A group column before the task column: "| TT | Nhóm hoạt động | Hoạt động | Cơ quan chủ
            # trì | …", "| Nhóm nhiệm vụ | Nhiệm vụ cụ thể | …" — the rows' tasks are the finer column's.
            continue
        for role, words in ROLE_WORDS:
            if role in roles.values() and role != "number":
                continue
            if role == "number":
                if folded.strip(" .") in words:
                    roles[i] = role
                    break
                continue
            if any(w in folded for w in words):
                roles[i] = role
                break
    return _indicator_task(header, roles)


# An indicator column ("Chỉ tiêu", "Mục tiêu, tên chỉ tiêu") holds the rows' tasks when the table
# names who answers for each indicator: "| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo
# dõi, đánh giá |" (an annex of indicators) and "| Mục tiêu, tên chỉ tiêu | Lộ trình thực hiện |
# Cơ quan chủ trì | Cơ quan phối hợp |" (a strategy's indicator list), one in the dev set, one in the corpus. A
# statistics table ("| STT | Chỉ tiêu | Mã số | Kỳ này |") names no lead and stays no task table.
_INDICATOR = "chi tieu"


def _indicator_task(header: list[TextCell], roles: dict[int, str]) -> dict[int, str]:
    """`roles` with the indicator column as the task column, where no task column was named and a
    lead column was (see `_INDICATOR`)."""
    if "task" in roles.values() or "lead" not in roles.values():
        return roles
    column = next((i for i, c in enumerate(header) if i not in roles and _INDICATOR in fold_key(c.text)), None)
    return roles if column is None else {**roles, column: "task"}


def is_task_table(roles: dict[int, str]) -> bool:
    found = set(roles.values())
    return "task" in found and bool(found & {"lead", "deadline"})


@dataclass
class _Row:
    number: str
    cells: list[TextCell]
    lead: list[Body]
    deadline_text: str
    group: str
    extra_leads: list[Body] = field(default_factory=list)
    task_text: str = ""  # a split row's task: the task above, with the row's own product
    own_lead: bool = True  # the lead cell was filled (not taken from the row above)
    bare: bool = False  # no lead, coordinating or deadline cell of its own: a heading for dash rows
    parts: int = 0  # dash rows below that give this row its leads ("| | -Công trình giao thông. | Bộ Xây dựng |")
    coordinating_text: str = ""


class TableLayout:
    """Task tables anywhere in the document (main body or attachment)."""

    name = "table"

    def extract(self, ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]:
        records: list[Assignment] = []
        for k, table in enumerate(ctx.tables, start=1):
            roles = column_roles(table.header)
            if is_task_table(roles):
                records += _table_records(k, table, roles, ctx)
        return records, []


def _prefix(table: TextTable, k: int, ctx: ExtractContext) -> str:
    """Clause path prefix: the attachment's code ("PL1"), or "T<k>" for a table in the body."""
    for code, start, end in ctx.parts:
        if start <= table.start < end:
            siblings = [t for t in ctx.tables if start <= t.start < end]
            return code if len(siblings) == 1 else f"{code}.T{siblings.index(table) + 1}"
    return f"T{k}"


def _table_records(k: int, table: TextTable, roles: dict[int, str], ctx: ExtractContext) -> list[Assignment]:
    col = {role: i for i, role in sorted(roles.items(), reverse=True)}
    width = len(table.header)
    rows: list[_Row] = []
    group = ""
    above_lead: list[Body] = []
    above_deadline = ""
    numbers = [r[col["number"]].text.strip() if "number" in col and col["number"] < len(r) else "" for r in table.rows]
    for at, cells in enumerate(table.rows):
        cells = (cells + [TextCell("", cells[-1].end, cells[-1].end)] * width)[:width] if len(cells) < width else cells
        value = {role: cells[i].text if i < len(cells) else "" for role, i in col.items()}
        filled = [c.text for c in cells if c.text]
        task = value.get("task", "")
        number = value.get("number", "")
        lead_cell = value.get("lead", "")
        if _is_group_row(number, filled, value) or _heads_decimals(number, numbers[at + 1 : at + 2], value):
            group = _group_label(number, len(rows))
            above_lead, above_deadline = [], ""
            continue
        if not task:
            product_cell = value.get("product", "")
            if lead_cell and rows and product_cell and product_cell != _cell(rows[-1], col, "product"):
                # The task above split by product: "| | | Bộ Tài chính | … | Báo cáo kết quả … | Tháng
                # 11/2026 |" is the same task for another lead, product and deadline — a record of its own.
                above = rows[-1].task_text or _cell(rows[-1], col, "task")
                split = _Row(number, cells, _bodies(lead_cell), value.get("deadline", "") or above_deadline, group)
                split.task_text = f"{above} — {' '.join(product_cell.split())}"
                rows.append(split)
                continue
            if lead_cell and rows:  # a second lead for the task above
                rows[-1].extra_leads += _bodies(lead_cell)
            continue
        parent = rows[-1] if rows else None
        if parent is not None and _is_part_row(number, task, parent):
            # "| 4 | Hoàn thiện hệ thống tiêu chuẩn … | | | |" then "| | -Công trình giao thông. | Bộ Xây
            # dựng | … |": the dash rows split one task between leads; the task is the numbered row's.
            if parent.parts == 0:
                parent.lead, parent.deadline_text = [], ""
            parent.parts += 1
            parent.lead += [b for b in _bodies(lead_cell) if b not in parent.lead]
            parent.deadline_text = parent.deadline_text or value.get("deadline", "")
            parent.coordinating_text = parent.coordinating_text or value.get("coordinating", "")
            above_lead, above_deadline = parent.lead, parent.deadline_text
            continue
        lead = _bodies(lead_cell) if lead_cell else above_lead
        deadline_text = value.get("deadline", "") or above_deadline
        bare = not (lead_cell or value.get("deadline") or value.get("coordinating"))
        rows.append(_Row(number, cells, lead, deadline_text, group, own_lead=bool(lead_cell), bare=bare))
        above_lead, above_deadline = lead, deadline_text
    prefix = _prefix(table, k, ctx)
    out: list[Assignment] = []
    counters: dict[str, int] = {}
    for i, row in enumerate(rows, start=1):
        counters[row.group] = counters.get(row.group, 0) + 1
        n = row.number.rstrip(".") if _ROW_NUMBER.match(row.number) else str(counters[row.group])
        path = ".".join(p for p in (prefix, row.group, n) if p)
        out.append(_record(path, i, row, col, table, ctx))
    return out


def _is_part_row(number: str, task: str, parent: _Row) -> bool:
    """An unnumbered dash row under a numbered row that named no lead of its own, or under a row
    that named no lead, partner or deadline at all (a flattened table loses the row numbers: "Hoàn
    thiện hệ thống tiêu chuẩn … cực đoan." then "-Công trình giao thông. | Bộ Xây dựng")."""
    if number or task.lstrip()[:1] not in "-+–":
        return False
    return parent.parts > 0 or (not parent.own_lead and (bool(parent.number) or parent.bare))


def _is_group_row(number: str, filled: list[str], value: dict[str, str]) -> bool:
    """ "| I | Hoàn thiện thể chế | | |": a heading row, with no lead or deadline of its own."""
    if value.get("lead") or value.get("deadline") or value.get("coordinating"):
        return False
    if number and _GROUP_NUMBER.match(number) and not number.rstrip(".").isdigit():
        return True
    if _title_case_group(value.get("task", "")) or _misread_group_number(number, filled, value):
        return True
    return len(filled) == 1 and not number and len(filled[0]) < MAX_TITLE_CHARS and filled[0] != value.get("task", "")


MIN_TITLE_WORDS = 3
# A group's or sub-group's numeral as OCR misreads it: "I1" for "I.1", "TH.1" for "III.1", "Il" for
# "II" — Roman letters (and the glyphs they are read as) with digits or dots, never a row's "12".
_MISREAD_NUMERAL = re.compile(r"^[IVXLTHl|\[\]1/]{1,5}(?:[.,]?\d{1,2})*[.,/]?$")
MAX_TITLE_CHARS = 200


def _misread_group_number(number: str, filled: list[str], value: dict[str, str]) -> bool:
    """A row of a misread group numeral and a short title, nothing else: "| I1 | Cung cấp dịch vụ số
    bao trùm, thông minh | | |" and "| TH.1 | Nhóm ứng dụng, nền tảng số … | | |" (I.1 and III.1 in
    tbl-12's scan), "| l/ | Hoàn thiện thể chế, … | | |" (I in tbl-10's scan). The other cells are
    checked by the caller."""
    task = value.get("task", "")
    if not number or number.rstrip(".").isdigit() or not task or len(filled) != 2 or len(task) >= MAX_TITLE_CHARS:
        return False
    # a capital of a Roman numeral, or no digit at all: "l0" is a row's 10 misread, "I1" a
    # sub-group's I.1, "l/" a group's I (tbl-10's scan)
    if _MISREAD_NUMERAL.match(number) is None:
        return False
    return any(ch in "IVXTH" for ch in number) or not any(ch.isdigit() for ch in number)


def _title_case_group(task: str) -> bool:
    """A task cell in capitals is a group's title, whatever its number cell holds: the genre writes
    group titles in capitals and tasks in sentence case, and OCR misreads a group's Roman numeral
    ("| 1 | NHÓM GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH |", "| —H | HỖ TRỢ VÀ PHÁT TRIỂN CÔNG NGHỆ |", "| lãi
    | GIẢI PHÁP TRONG CHUYỂN ĐỔI …" for I, II, III in tbl-02's scan)."""
    letters = [ch for ch in task if ch.isalpha()]
    if len(task.split()) < MIN_TITLE_WORDS or not letters:
        return False
    return sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _heads_decimals(number: str, following: list[str], value: dict[str, str]) -> bool:
    """ "| 1. | Rà soát, hoàn thiện thể chế | | |" over "| 1.1 | Nghiên cứu, rà soát … | Bộ Tài chính |":
    by the genre's outline numbering, a row numbered N with no lead, partner or deadline of its own
    heads the rows numbered N.1, N.2 below it, a group."""
    if value.get("lead") or value.get("deadline") or value.get("coordinating") or not number.rstrip(".").isdigit():
        return False
    return bool(following) and re.match(re.escape(number.rstrip(".")) + r"\.\d", following[0]) is not None


def _group_label(number: str, n_rows: int) -> str:
    """A group's path label: its numeral, or "G<n>" when it has none or OCR misread it ("—H")."""
    label = number.rstrip(".")
    return label if label and _GROUP_NUMBER.match(number) else f"G{n_rows + 1}"


def _bodies(cell: str) -> list[Body]:
    """The bodies a lead/coordinating cell names; the cell itself when the gazetteer knows none."""
    cell = _HEAD_DASH.sub(r"\1 ", cell)
    found = split_bodies(cell)
    if found:
        return [_trimmed(_mended(b)) for b in found]
    text = " ".join(cell.split()).strip(" ;,.")
    return [_trimmed(_mended(Body(name=text, text=text, kind=BodyKind.other)))] if text else []


# A head word joined to its name by a speck OCR read as a dash: "Bộ-Tài chính", "Sở-Nội vụ" are
# "Bộ Tài chính", "Sở Nội vụ" (no body's name has a dash after "Bộ" or "Sở"; "Sở Quy hoạch -
# Kiến trúc" spaces its dash).
_HEAD_DASH = re.compile(r"\b(Bộ|Sở|Ban|Cục|Viện|UBND)[-–](?=[A-ZĐÀ-Ỹ])")


# A body's letters, as `_joined_names` keys them: "Sở Taichinh" -> "sotaichinh".
MIN_JOINED_KEY = 6  # shorter keys are abbreviations ("bqp"), never run-together words
MIN_MISREAD_KEY = 7  # keys this long may have one letter misread too ("botwphap" for "botuphap", "soneivu" for "sonoivu")


def _letters(name: str) -> str:
    return re.sub(r"[^a-z0-9&]", "", fold_key(name))


@cache
def _joined_names() -> dict[str, tuple[str, BodyKind] | None]:
    """The gazetteer's bodies keyed by their letters alone (None where two bodies share them).

    Built from public parts only: every spelling of the body list (`spellings`), canonicalised by
    `lookup`, so the index follows the gazetteer without reading its internals."""
    out: dict[str, tuple[str, BodyKind] | None] = {}
    for spelling in spellings():
        k = _letters(spelling)
        body = lookup(spelling) if len(k) >= MIN_JOINED_KEY else None
        if body is not None:
            v = (body.name, body.kind)
            out[k] = v if out.get(k, v) == v else None
    return out


def _mended(body: Body) -> Body:
    """A name whose words OCR ran together as the known body with the same letters: the English
    model loses the spaces of a narrow cell ("Sở Taichinh", "Bộ Tuphap", "SoKH&CN"), and one
    letter more in a long name ("BOTwphap" for "Bộ Tư pháp")."""
    known = _mended_key(_letters(body.text))
    if known is None or known[0] == body.name:
        return body
    return Body(name=known[0], text=body.text, kind=known[1])


def _known(text: str) -> tuple[str, BodyKind] | None:
    """The body of the list whose letters `text` has (see `_joined_names`), or None."""
    key = _letters(text)
    return _joined_names().get(key) if len(key) >= MIN_JOINED_KEY else None


def _trimmed(body: Body) -> Body:
    """A name the list does not know, cut to the longest run of its first words that it does: the
    English model reads a narrow lead cell's line on into the next column's, so the lead comes
    with the partner's or the deadline's first words glued on ("Bộ Tài chính ngang bộ" from "Các
    bộ, cơ quan" / "ngang bộ" beside it, "Sở Tài chính Các" in tbl-01 and tbl-04), or with the
    partner's name run together ("Các bộ, cơ BoOTuphap": "Bộ Tư pháp"). A cut name of a closed set
    (the ministries, the departments, the plural groups) that only one listed body opens with is
    that body ("Sở Khoa học" / "và Công nghệ" lost, "Các bộ, cơ" / "quan ngang bộ"). Names the list
    does not know at all are left as read ("Ban Quản lý dự án …")."""
    words = body.text.split()
    if _known(body.text) or _known(body.name) or not words:
        return body
    if cut := _cut_open(words):
        return cut
    if _folded_word(words[0]) not in _CLOSED_HEADS:
        return _misread_head(body, words)
    # a partner's name run together on the lead's line ends the lead: "Các bộ, cơ BoOTuphap"
    glued = next((j for j in range(1, len(words)) if words[j][:1].isupper() and _mended_key(_letters(words[j]))), len(words))
    words = words[:glued]
    for n in range(len(words), 1, -1):
        prefix = " ".join(words[:n]).strip(" ,;.")
        known = _mended_key(_letters(prefix))
        if known and n < len(words) and _folded_word(words[n]) in _PLACE_WORDS:
            return body  # the body's own place: "Sở Tài chính tỉnh Lai Châu"
        if known:
            return Body(name=known[0], text=prefix, kind=known[1])
    for n in range(len(words), 1, -1):
        prefix = " ".join(words[:n]).strip(" ,;.")
        completed = _completed(prefix)
        if completed:
            return Body(name=completed[0], text=prefix, kind=completed[1])
    if glued < len(body.text.split()):
        text = " ".join(words).strip(" ,;.")
        return Body(name=text, text=text, kind=body.kind)
    return body


def _misread_head(body: Body, words: list[str]) -> Body:
    """A department's head word the English model misread ("Sẽ Xây dựng", "Sé@ Khoa học" for "Sở
    …"): the cell read with "Sở" is taken when the list knows the name it then opens with."""
    if len(words) < 2 or not _MISREAD_SO.match(words[0]) or not words[1][:1].isupper():
        return body
    text = " ".join(["Sở", *words[1:]])
    if known := _known(text):
        return Body(name=known[0], text=text, kind=known[1])
    mended = _trimmed(Body(name=text, text=text, kind=BodyKind.other))
    return mended if mended.kind is not BodyKind.other else body


# "Sở" as the English model reads it: S, then up to two letters or specks ("Sẽ", "Sé@", "Số", "SO").
_MISREAD_SO = re.compile(r"^S[^\s]{1,2}$")


# Words no body's name ends with: "và", "các", the capitalised first syllables of its two-syllable
# words ("Chính" phủ, "Khoa" học, "Nông" nghiệp, "Trung" ương): a lead cell that ends with one was
# cut where it wrapped, its next line lost ("Văn phòng Chính" / "phủ", "Sở Khoa" / "học và Công nghệ").
_CUT_ENDS = frozenset(("va", "cac"))
_CUT_CAPITALS = frozenset(("chinh", "khoa", "nong", "trung", "thanh", "cong"))


def _cut_open(words: list[str]) -> Body | None:
    """The one listed body a lead cut after an open word opens (see `_CUT_ENDS`), any head word
    ("Văn phòng Chính" is Văn phòng Chính phủ); None when it is not cut there, or opens no
    listed name or two ("Sở Nông": Nông nghiệp và Môi trường, Nông nghiệp và Phát triển nông thôn)."""
    last = _folded_word(words[-1])
    if len(words) < 2 or not (last in _CUT_ENDS or (words[-1][:1].isupper() and last in _CUT_CAPITALS)):
        return None
    text = " ".join(words).strip(" ,;.")
    completed = _completed(text, MIN_JOINED_KEY)
    return Body(name=completed[0], text=text, kind=completed[1]) if completed else None


# Heads of the closed sets of bodies the list holds whole: the ministries ("Bộ"), the provinces'
# departments ("Sở", Nghị định 45/2025/NĐ-CP) and the plural groups ("Các bộ, ngành").
_CLOSED_HEADS = frozenset(("bo", "so", "cac"))
_PLACE_WORDS = frozenset(("tinh", "thanh", "tp", "huyen", "quan", "xa", "phuong", "dac"))
MIN_CUT_KEY = 7  # letters of a cut name that may be completed ("cacboco"); "bocong" is too short


def _folded_word(word: str) -> str:
    return fold_key(word).strip(" ,;.")


def _mended_key(key: str) -> tuple[str, BodyKind] | None:
    """The listed body whose letters are `key`, or one letter off for a long key (see `_mended`)."""
    names = _joined_names()
    if len(key) < MIN_JOINED_KEY:
        return None
    if key in names:
        return names[key]
    if len(key) < MIN_MISREAD_KEY:
        return None
    from rapidfuzz.distance import Levenshtein  # only a name the lists do not know pays for the import

    close = {v for k, v in names.items() if v and abs(len(k) - len(key)) <= 1 and Levenshtein.distance(k, key) <= 1}
    return close.pop() if len(close) == 1 else None


def _completed(prefix: str, min_key: int = MIN_CUT_KEY) -> tuple[str, BodyKind] | None:
    """The one listed body whose name opens with the letters of `prefix`, or None (none, or two:
    "Bộ Công" opens "Bộ Công an" and "Bộ Công Thương")."""
    key = _letters(prefix)
    if len(key) < min_key:
        return None
    found = {v for k, v in _joined_names().items() if k.startswith(key)}
    return found.pop() if len(found) == 1 and None not in found else None


def _cell(row: _Row, col: dict[str, int], role: str) -> str:
    j = col.get(role)
    return " ".join(row.cells[j].text.split()) if j is not None and j < len(row.cells) else ""


def _record(path: str, i: int, row: _Row, col: dict[str, int], table: TextTable, ctx: ExtractContext) -> Assignment:
    task_cell = row.cells[col["task"]]
    task = row.task_text or " ".join(task_cell.text.split())
    value = {role: " ".join(row.cells[j].text.split()) for role, j in col.items() if j < len(row.cells)}
    deadline: Deadline | None = None
    if "deadline" in col:
        deadline = parse_cell_deadline(_quarter_mended(row.deadline_text), ctx.issued)
    lead = row.lead + [b for b in row.extra_leads if b not in row.lead]
    coordinating_text = value.get("coordinating") or row.coordinating_text
    coordinating = _bodies(coordinating_text) if coordinating_text else []
    product = value.get("product") or grammar.find_product(task)
    submit_to = grammar.find_submit_to(task)
    page = page_of(ctx.pages, task_cell.start)
    key = table.row_keys[i - 1] if i - 1 < len(table.row_keys) else None
    cells = [
        TableCell(column=h.text, text=" ".join(c.text.split()), box=_box(ctx, key, j))
        for j, (h, c) in enumerate(zip(table.header, row.cells))
    ]
    known = set(col.values())
    extra = {table.header[j].text: cells[j].text for j in range(len(cells)) if j not in known and cells[j].text}
    return Assignment(
        id=f"{ctx.doc_key}/{path}/1",
        clause=path,
        lead=lead,
        coordinating=without_leads(coordinating, lead),
        task=task,
        deadline=deadline,
        recurrence=deadline.recurrence if deadline else None,
        product=product,
        submit_to=submit_to,
        span=Span(page=page, start=task_cell.start, end=task_cell.end),
        completeness=_completeness(lead, task, deadline, product, submit_to),
        table=TableSource(table=table_index(ctx, table), row=i, cells=cells),
        extra=extra,
    )


# A quarter as OCR leaves it: "Quy" without its mark (the English model), its Roman numeral's "I"
# read as "1" or "l" ("Quy 11/2030" is "Quý II/2030", "Quý 1V/2026" "Quý IV/2026"; quarters run
# I to IV, so "11" after "Quý" is no number). "Quý 1/2030" stays: a quarter may be written in digits.
_QUARTER = re.compile(r"(?i)\bqu[yýí]\s*([1lI]{2,3}|[1lI]V|[IV]{1,3})(?=[\s/\-–.,;]|$)")


def _quarter_mended(text: str) -> str:
    """`text` with each quarter spelt "Quý" and its numeral Roman (see `_QUARTER`)."""
    return _QUARTER.sub(lambda m: "Quý " + m.group(1).replace("1", "I").replace("l", "I"), text)


def table_index(ctx: ExtractContext, table: TextTable) -> int:
    return next(k for k, t in enumerate(ctx.tables, start=1) if t is table)


def _box(ctx: ExtractContext, key: tuple[int, int, int] | None, column: int) -> CellBox | None:
    if key is None:
        return None
    grid = ctx.grids.get((key[0], key[1]))
    if grid is None or key[2] >= len(grid.boxes) or column >= len(grid.boxes[key[2]]):
        return None
    return grid.boxes[key[2]][column]


def _completeness(
    lead: list[Body], task: str, dl: Deadline | None, product: str | None, submit_to: str | None
) -> list[Completeness]:
    """The "6 rõ" a row states: a lead column is an explicit responsibility."""
    dated = dl is not None and (dl.due is not None or dl.recurrence is not None or dl.kind is DeadlineKind.immediate)
    stated = {
        Completeness.nguoi: bool(lead),
        Completeness.viec: bool(task),
        Completeness.thoi_gian: dated,
        Completeness.trach_nhiem: bool(lead),
        Completeness.san_pham: bool(product),
        Completeness.tham_quyen: bool(submit_to),
    }
    return [c for c, ok in stated.items() if ok]
