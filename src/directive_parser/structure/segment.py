"""Split a directive's body into its clause tree: body text -> list[Clause].

Labels, outermost first: Roman sections ("I."), numbered sections ("1.", "Điều 1."), lettered
points ("a)" … "đ)" … "e)"), dash items ("-", "+") and inline sub-items ("(i)", "(ii)").
A label is accepted only where it continues its level's sequence, which both rejects false
labels ("2025. Chất lượng…" at the start of a wrapped line) and repairs OCR-damaged ones
("¢)" read for "c)", "d)" for "đ)": the letter sequence tells which it is). The same holds for
sections: between two good labels, a garbled one in the expected place ("Ill." or "[II" between
"II." and "IV.", "S." between "4." and "6.") is the expected label, and one lost label does not
stop the sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from directive_parser.models import Clause, ClauseKind, Page, Span, page_of
from directive_parser.text import vocabulary
from directive_parser.text.normalize import fold_marks

# Vietnamese points run a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y.
POINT_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
# OCR confusions of point letters: "¢)" is a damaged "c)", "é)" an "e)", "d)" may stand for "đ)".
_OCR_POINT = {"¢": "c", "©": "c", "é": "e", "è": "e", "ä": "a", "à": "a", "đ": "đ", "Ð": "đ", "Đ": "đ", "ð": "đ"}
# A scan speck read before a label ("_- Quan tâm …", "~ 2. Sở Y tế") is not part of the line.
_LABEL = re.compile(
    r"^\s*(?:[_~]+\s*)?(?:"
    r"(?P<dieu>Điều|ĐIỀU)\s+(?P<dieu_n>\d{1,3})\s*[.:]"
    # Party documents write their parts "I- MỤC ĐÍCH, YÊU CẦU", "II- NHIỆM VỤ CHỦ YẾU" (the Party's
    # own format for its texts); a hyphen with a space after it is their separator
    r"|(?P<roman>[IVX]{1,4})\s*(?:[.:](?:\s|(?=[^\W\d_]))|-\s)"
    r"|(?P<part>[A-H]|Đ)\.\s+(?=[A-ZĐÀ-Ỹ]{2,}[\s,])"
    r"|(?P<dec>\d{1,2})\.(?P<dec2>\d{1,2})\.?\s"
    # "2:" is OCR's reading of "2."; older letters number with a slash, "1/ Các Cục Thuế rà soát …",
    # a space and a capital after it (so "6/2025" at a line start stays text)
    r"|(?P<num>\d{1,2})\s*(?:[.):]|/(?=\s+[A-ZĐÀ-Ỹ]))(?:\s|(?=[^\W\d_]))"
    r"|(?P<point>[a-zđ¢©éèäàÐĐð]{1,2})\s?\)"
    r"|(?P<dash>[-–•+])\s"
    r")"
)
# "I.NGUYÊN TẮC", "5.Tăng cường": OCR and text exports drop the space after a label; the letter
# that follows must then be a capital (checked with the heading), so "V.v." stays text.
#
# Garbled section labels, as English-model OCR and blind repair leave them: "Ill." / "Il." / "[II"
# / "111." for "III." / "II.", "H." / "HI." for "II." / "III." (the Vietnamese model joins two
# serif strokes into an "H"; "TH." for "III."), "Ii." / "Iv." (repair capitalises only the first
# letter), "Vv." for "V."; "S." for "5.", "A." for "4.", "l." or "|." for "1.", a comma for the dot ("3, Sở Y tế");
# between two good labels also other round glyphs ("o." for "5." between "4." and "6.").
# The label is a word of its own: "HĐND tỉnh", "VIỆC" and "Ill" inside a word are not labels.
_GARBLED_ROMAN = re.compile(r"^\s*(?P<g>[IVXHTivxl1|!\[\]]{1,5})(?:\s*(?P<sep>[.:,]|-(?=\s))|(?=\s))\s*(?=\S)")
_GARBLED_NUM = re.compile(r"^\s*(?P<g>[0-9SAl|oOsBgZ]{1,2})\s*[.,]\s*(?=\S)")
# A section label smudged into a letter pair with no dot ("ly" for "3."), before a capitalised heading.
_SMUDGED_NUM = re.compile(r"^\s*[^\W\d_]{1,2}[^\w\s).:]?\s+(?=[A-ZĐÀ-Ỹ])")
_ROMAN_GLYPHS = str.maketrans(
    {"T": "I", "l": "I", "1": "I", "|": "I", "!": "I", "[": "I", "]": "I", "i": "I", "v": "V", "x": "X"}
)
# Digits a scan's OCR reads for one another (the closed or open loop of 5/6/8/9/3).
_LOOKALIKE_DIGITS = {"3": "8", "5": "698", "6": "58", "8": "369", "9": "58"}
_DIGIT_POINTS = {"8": "a", "6": "b"}  # point letters a scan reads as digits
_DIGIT_GLYPHS = str.maketrans({"S": "5", "A": "4", "l": "1", "|": "1"})
# A speck or stray glyph OCR reads before a point label: "3 a) Hướng dẫn …", "' b) Chủ trì …", or
# glued to it: "-g) UBND các xã, phường" (a dash-like speck; the letter must be the expected one).
_STRAY_POINT = re.compile(r"^\s*(?:[^\w\s]?\w?[^\w\s]?\s+|[^\w\s]{1,2})(?P<point>[a-zđ])\s?\)\s*(?=\S)")
_YEAR_END = re.compile(r"\b(?:19|20)\d\d$")
_YEAR_START = re.compile(r"(?:19|20)\d\d\b")
_SUBITEM_GLYPHS = str.maketrans({"¡": "i"})
_SUBITEM_MARK = re.compile(r"\((?P<r>[ivx]{0,4})\)\s*")
# A line this long that ends without punctuation was wrapped: a "-" opening the next line is a
# hyphen inside a name or compound ("Công nghiệp\n- Viễn thông Quân đội"), not a new item.
WRAPPED_LINE_CHARS = 60
# A line that ends in a word that needs its complement runs on, even over OCR's blank line at a page
# break: "… sửa đổi, bổ sung một số điều của" / "" / "- Nghị định số 146/2018/NĐ-CP …" (a speck).
_RUNS_ON = re.compile(r"(?<!\w)(?:và|của|tại|về|các|với|trong|cho|theo|để|là|những|được|số|ngày|tháng|năm|đối\s+với)\s*$", re.I)
# A plan's activity fields are items even when the line has no dash: "- Tổ chức tập huấn …" /
# "Đơn vị chủ trì thực hiện: Sở Tư pháp." / "Đơn vị phối hợp: …" / "Thời gian thực hiện: Hằng năm."
# (the dashed form "- Cơ quan chủ trì: …" is the same convention). A time line alone stays in the
# item it dates ("- Thành lập Tổ kiểm kê …" / "Thời hạn hoàn thành: Trước ngày 30/11/2025.").
_ACTIVITY_FIELD = re.compile(
    r"^\s*(?:(?P<who>(?:Đơn\s+vị|Cơ\s+quan)\s+(?:chủ\s+trì|thực\s+hiện|phối\s+hợp)[^:.;]{0,30})|Thời\s+gian\s+(?:thực\s+hiện|hoàn\s+thành)"
    r"|Thời\s+hạn(?:\s+hoàn\s+thành)?|Sản\s+phẩm(?:\s+đầu\s+ra)?)\s*:\s*\S"
)
_FIELD_LABEL = re.compile(r"^[A-ZĐ][^\s:;,.]*(?:\s+[^\s:;,.]+){0,3}\s*:")
# An article ("Điều 2.") holds its own numbered clauses ("1.", "2.") and, in a Quyết định that approves
# a plan inside its "Điều 1.", the plan's Roman parts.
# A plan may group its Roman parts under lettered ones, their titles in capitals: "A. MỤC ĐÍCH, YÊU
# CẦU", "B. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP" / "I. …", "C. …", "D. TỔ CHỨC THỰC HIỆN" / "1. …" (each
# part restarts its Roman and section numbers).
PARTS = "ABCDĐEGH"
LEVEL = {"part": -1, "dieu": 0, "roman": 1, "section": 2, "subsection": 3, "point": 4, "item": 5, "subitem": 6}
KIND = {
    "part": ClauseKind.section,
    "dieu": ClauseKind.section,
    "roman": ClauseKind.section,
    "section": ClauseKind.section,
    "subsection": ClauseKind.section,
    "point": ClauseKind.point,
    "item": ClauseKind.item,
    "subitem": ClauseKind.subitem,
}
# A closing paragraph addresses the document itself: "… thực hiện nghiêm Chỉ thị này."
# A Thông báo closes with its notice formula: "Văn phòng Chính phủ thông báo để các cơ quan biết, thực
# hiện./.".
_CLOSING = re.compile(r"\b(?:" + vocabulary.names_pattern(vocabulary.closing_types()) + r")\s+này\b|" + vocabulary.NOTICE_FORMULA)

# A provincial plan may close by its council asking the addressees to carry it out, without naming
# the plan: "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực
# hiện./.", "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành … nghiêm túc triển khai thực hiện;
# định kỳ …" (a paragraph after the last item, not part of it).
_COUNCIL_ASKS = re.compile(
    r"^\s*(?:Chủ\s+tịch\s+)?(?:(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND)\s+(?:tỉnh|[Tt]hành\s+phố)\s+(?:yêu\s+cầu|đề\s+nghị)\s"
    r"[^.]{0,300}?\b(?:nghiêm\s+túc|khẩn\s+trương)\s+(?:triển\s+khai\s+|tổ\s+chức\s+)?thực\s+hiện\b"
)


@dataclass
class _Node:
    level: str
    label: str
    key: str
    start: int  # offset of the label in the document text
    text_start: int  # offset where the clause's own text starts
    end: int = 0
    children: list[_Node] = field(default_factory=list)


def segment_clauses(text: str, body_start: int, body_end: int, pages: list[Page]) -> list[Clause]:
    """Build the clause tree of `text[body_start:body_end]`; offsets stay document-wide."""
    nodes = [n for n in _find_labels(text, body_start, body_end) if not _closing_item(text, n)]
    if not nodes:
        return _paragraphs(text, body_start, body_end, pages)
    if (lost := _lost_first_dash(text, body_start, nodes[0])) is not None:
        nodes.insert(0, lost)
    roots: list[_Node] = []
    preamble_end = nodes[0].start if nodes else body_end
    closing_start = _closing_start(text, nodes[-1].text_start if nodes else body_start, body_end)
    stack: list[tuple[_Node, float]] = []
    for node in nodes:
        rank = _rank(node, stack, text)
        while stack and stack[-1][1] >= rank:
            stack.pop()
        (stack[-1][0].children if stack else roots).append(node)
        stack.append((node, rank))
    _set_ends(roots, closing_start)
    item_no = 0
    for node in roots:
        if node.level == "item":
            item_no += 1
            node.key = f"-{item_no}"
    clauses: list[Clause] = []
    if text[body_start:preamble_end].strip():
        clauses.append(_paragraph("preamble", text, body_start, preamble_end, pages))
    clauses += [_to_clause(n, text, "", pages) for n in roots]
    if closing_start < body_end and text[closing_start:body_end].strip():
        clauses.append(_paragraph("closing", text, closing_start, body_end, pages))
    return clauses


def _rank(node: _Node, open_nodes: list[tuple[_Node, float]], text: str) -> float:
    """A label's depth. Under a dash item a "+" item is one level down, the genre's second list level:
    "- Bộ Nông nghiệp và Phát triển nông thôn:" / "+ Chủ trì, phối hợp …" / "+ Xây dựng …" / "- Bộ Tài
    chính:" (a "+" list with no dash item open is a first-level list of its own). A plan's activity
    fields stay one list whatever their marks ("- Thời gian thực hiện:" / "+ Các bộ … gửi kết quả …";
    "- Nghị định …" / "+ Cơ quan chủ trì: Bộ Công an."): the activity reader takes them side by side."""
    if node.level != "item" or node.label != "+":
        return LEVEL[node.level]
    dash = next((n for n, _ in reversed(open_nodes) if n.level == "item" and n.label in "-–•"), None)
    if dash is None or _FIELD_LINE.match(text, node.text_start) or _FIELD_LINE.match(text, dash.text_start):
        return LEVEL["item"]
    return LEVEL["item"] + 0.5


_FIELD_LINE = re.compile(
    r"[ \t]*(?:Nội\s+dung|Cơ\s+quan|Đơn\s+vị|Thời\s+(?:gian|hạn)|Sản\s+phẩm|Kết\s+quả|Kinh\s+phí|Nguồn|Hình\s+thức|"
    r"Phạm\s+vi|Đối\s+tượng)\b[^:\n]{0,40}:"
)


def _find_labels(text: str, start: int, end: int) -> list[_Node]:
    """Scan line starts for labels that continue their level's sequence."""
    nodes: list[_Node] = []
    expect = {"part": 0, "dieu": 1, "roman": 0, "section": 1, "point": 0, "sub": 1}
    prev_line, blank_before = "", False  # the last line that was not blank, right-stripped
    in_fields = False  # the last line was an activity field: a time line after it is one too
    pos = start
    lines = text[start:end].split("\n")
    # The number of the next section-like line after each line (-1: none), for look-ahead.
    following = {"dieu": [-1] * len(lines), "num": [-1] * len(lines), "roman": [-1] * len(lines)}
    upcoming = {"dieu": -1, "num": -1, "roman": -1}
    # For each dash line: its paragraph (up to the next labelled line) ends a sentence and a
    # capitalised dash item comes next, i.e. it is one item of a list.
    listed, next_dash, tail = [False] * len(lines), False, ""
    labels = list(map(_LABEL.match, lines))  # each line's label, read once for both passes
    # the point letter of the next labelled line after each line ("" when that label is no point)
    next_point, upcoming_point = [""] * len(lines), ""
    for k in range(len(lines) - 1, -1, -1):
        for kind in following:
            following[kind][k] = upcoming[kind]
        next_point[k] = upcoming_point
        if not tail and lines[k].strip():
            tail = lines[k].rstrip()[-1:]
        if label := labels[k]:
            upcoming_point = label.group("point") or ""
            dash = bool(label.group("dash")) and lines[k][label.end() :].lstrip()[:1].isupper()
            listed[k] = dash and next_dash and tail in ".;:!?"
            next_dash, tail = dash, ""
            found = _section_number(lines[k], label)
            if found is not None:
                upcoming[found[0]] = found[1]
    for k, line in enumerate(lines):
        m = labels[k]
        expect["next"], expect["next_dieu"] = following["num"][k], following["dieu"][k]
        expect["next_roman"] = following["roman"][k]
        expect["listed"] = listed[k]
        node = _accept(m, line, pos, expect, prev_line, blank_before, next_point[k]) if m else None
        if node is None:
            node = _accept_garbled(line, pos, expect)
        field = _ACTIVITY_FIELD.match(line.lstrip(" -–+"))
        if node is None and nodes and prev_line[-1:] in ".;:" and field and (field.group("who") or in_fields):
            node = _Node("item", "", "", pos, pos + len(line) - len(line.lstrip()))
        in_fields = bool(field and node) if line.strip() else in_fields
        if node:
            nodes.append(node)
            if node.level in ("part", "dieu", "roman", "section", "subsection"):
                expect["point"] = 0
        if line.strip():
            prev_line = line.rstrip()
        blank_before = not line.strip()
        pos += len(line) + 1
    return nodes


def _section_number(line: str, m: re.Match | None) -> tuple[str, int] | None:
    """The kind and number of a line that looks like an article, a Roman part or a section label
    ("3. Sở Y tế"), `m` its `_LABEL` match; Roman parts by their index in ROMAN (0 for "I.")."""
    if not m or not (m.group("dieu") or m.group("num") or m.group("roman")) or not line[m.end() :].lstrip()[:1].isupper():
        return None
    if m.group("roman"):
        return ("roman", ROMAN.index(m.group("roman"))) if m.group("roman") in ROMAN else None
    return ("dieu", int(m.group("dieu_n"))) if m.group("dieu") else ("num", int(m.group("num")))


def _accept(
    m: re.Match,
    line: str,
    pos: int,
    expect: dict,
    prev_line: str = "",
    blank_before: bool = False,
    next_point: str = "",
) -> _Node | None:
    """The node `m` opens on `line`, or None; `prev_line` is the last line that was not blank."""
    prev_end, prev_len = prev_line[-1:], len(prev_line.strip())
    after = pos + m.end()
    rest = line[m.end() :].lstrip()
    if m.group("dec"):
        # "2.1. Trách nhiệm chung", "2.2. …": a subsection of the current section, numbered 1, 2 …
        parent, sub = int(m.group("dec")), int(m.group("dec2"))
        if parent != expect["section"] - 1 or sub not in (expect["sub"], expect["sub"] + 1) or not rest[:1].isupper():
            return None
        expect["sub"] = sub + 1
        return _Node("subsection", f"{parent}.{sub}.", str(sub), pos, after)
    if m.group("part"):
        i = PARTS.index(m.group("part"))
        # the first part opens the body; a later one follows the part before it; its title is in
        # capitals ("A. MỤC ĐÍCH" — not "A." read by OCR for "4." before a sentence)
        first = i == 0 and expect["part"] == 0 and expect["roman"] == 0 and expect["section"] == 1 and expect["dieu"] == 1
        words = rest.split()[:3]
        if (
            not (first or (expect["part"] > 0 and i == expect["part"]))
            or len(words) < 2
            or not all(w.isupper() for w in words[:2])
        ):
            return None
        expect.update(part=i + 1, roman=0, section=1, sub=1)
        return _Node("part", f"{PARTS[i]}.", PARTS[i], pos, after)
    if m.group("dieu"):
        n = int(m.group("dieu_n"))
        ok = n in (expect["dieu"], expect["dieu"] + 1) or (n > expect["dieu"] and expect.get("next_dieu") == n + 1)
        if not ok or not (rest[:1].isupper() or not rest.strip()):  # "Điều 3." alone: its title is on the next line
            return None
        expect.update(dieu=n + 1, roman=0, section=1, sub=1)
        return _Node("dieu", f"Điều {n}.", str(n), pos, after)
    if m.group("num"):
        n = int(m.group("num"))
        # A section number must continue the sequence: 1, 2, 3 … (restarting at 1 under a new Roman
        # part); one number may be missing, lost by OCR or by a text export that joined two lines.
        # Further ahead ("3." first, its "1." and "2." lost by a text export) it is a section only
        # when the next section-like line continues it ("3. …" then "4. …").
        ok = n in (expect["section"], expect["section"] + 1) or (n > expect["section"] and expect.get("next") == n + 1)
        # A scan's point "a)" read as "8)" (a closed loop), "b)" as "6)": the point the sequence expects
        # when the next labelled line is the point after it ("7. Các tỉnh ủy, thành ủy" / "8) Xây dựng
        # chương trình …" / "b) Lãnh đạo …").
        bracket = line[m.start("num") + len(m.group("num")) :].lstrip()[:1] == ")"
        letter = _DIGIT_POINTS.get(m.group("num"))
        p = expect["point"]
        if bracket and letter and POINT_LETTERS[p : p + 2] == [letter, next_point] and rest[:1].isupper():
            expect["point"] = p + 1
            return _Node("point", f"{letter})", letter, pos, after)
        if not ok or not rest[:1].isupper():
            return None
        expect["section"] = n + 1
        expect["sub"] = 1
        return _Node("section", f"{n}.", str(n), pos, after)
    if m.group("roman"):
        r = m.group("roman")
        # Like sections, one Roman part may be missing (its label lost by OCR); further ahead only
        # when the next Roman label continues it.
        i = ROMAN.index(r) if r in ROMAN else -1
        ok = i in (expect["roman"], expect["roman"] + 1) or (i > expect["roman"] and expect.get("next_roman") == i + 1)
        if not ok or not rest[:1].isupper():
            return None
        return _roman_node(i, pos, after, expect)
    if m.group("point"):
        letter = _point_letter(m.group("point"), expect["point"]) or _repeated_point(m.group("point"), expect["point"], rest)
        if letter is None:
            return None
        expect["point"] = POINT_LETTERS.index(letter) + 1
        return _Node("point", f"{letter})", letter, pos, after)
    # Dash items: a "-" that merely wraps a compound ("kinh tế\n- xã hội") starts lower-case
    # after a line that does not end a sentence or introduce a list.
    # A capitalised field label ("- Cơ quan thực hiện: …", "+ Thời hạn: …") opens an item even after
    # a heading line that ends without punctuation.
    # "giai đoạn 2021\n- 2025": a range of years cut by a line or page break ("- 100% xã" after
    # "Chỉ tiêu năm 2025" is still an item: only a year after a year is a range).
    if _YEAR_END.search(prev_line) and _YEAR_START.match(rest):
        return None
    # After a short heading and a blank line (OCR's paragraph gap) a "-" opens an item even in
    # lower case: "e) Thuế tỉnh\n\n- đánh giá …" (OCR lost the capital "Đ", repair gave "đ").
    # After a long heading without punctuation a capitalised "-" opens an item when a paragraph gap
    # comes before it or it is one of a list (its sentence ends and another dash item follows):
    # "5. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp" / "- Phối hợp chặt chẽ
    # với … ." / "- Tạo điều kiện …"; a wrapped hyphen ("Công nghiệp" / "- Viễn thông Quân đội tổ
    # chức …") runs on into its own sentence with no list after it.
    # An ellipsis ends an item too: "… các bến bãi tập kết cát, sỏi trái phép, tự phát…" / "- Chủ trì,
    # phối hợp …" (431 dash lines after one in the corpus).
    if not (
        prev_end in ":;.!?)…"
        or ((rest[:1].isupper() or rest[:1].isdigit()) and prev_len < WRAPPED_LINE_CHARS)
        or (blank_before and prev_len < WRAPPED_LINE_CHARS)
        or _FIELD_LABEL.match(rest)
        or (rest[:1].isupper() and ((blank_before and not _RUNS_ON.search(prev_line)) or expect.get("listed")))
    ):
        return None
    return _Node("item", m.group("dash"), "", pos, after)


def _roman_node(i: int, pos: int, after: int, expect: dict) -> _Node:
    """The node of Roman part ROMAN[i]; its sections restart at 1."""
    expect.update(roman=i + 1, section=1, sub=1)
    return _Node("roman", f"{ROMAN[i]}.", ROMAN[i], pos, after)


def _accept_garbled(line: str, pos: int, expect: dict) -> _Node | None:
    """A damaged Roman or section label read as the label its sequence expects, or None.

    The label must open a capitalised heading and either read as the expected label once its
    glyphs are mapped ("Ill." -> "III.", "S." -> "5.") or stand where the expected label belongs,
    the next good label of its level being the one after ("II." … "[II TỔ CHỨC" … "IV."; "4." … "9.
    Sở Y tế" … "6."). A clean number that merely skips ahead ("5." after "2." because lines were
    lost) is not renumbered: it keeps its own number or stays text, as `_accept` decides.
    """
    r = expect["roman"]
    m = _GARBLED_ROMAN.match(line)
    if m and r < len(ROMAN):
        g = m.group("g")
        folded = g.replace("H", "II").translate(_ROMAN_GLYPHS).replace("VV", "V")
        rest = line[m.end() :]
        words = rest.split()
        word = words[0] if words else ""
        # Without its dot, or read as digits ("111.") or with an "H", it needs a heading in capitals.
        capitals = word.isupper() and len(word) > 1
        # a lone "l"/"1" is a section number, not Roman I, except as a Party text's first part: "1- MỤC
        # ĐÍCH, YÊU CẦU" for "I- …" (its sections are "1." or "1-" in sentence case)
        party = r == 0 and m.group("sep") == "-" and capitals and len(words) > 1 and words[1].isupper()
        plausible = len(g) > 1 or g in "[]|!H" or party
        odd = any(ch.isdigit() or ch == "H" for ch in g)
        # A stroke lost: "I." read again where "II." is due, then "II." where "III." is ("I. VỀ
        # HOÀN THIỆN …", "I. VỀ CUNG CẤP …", "II. TỔ CHỨC THỰC HIỆN"). A body never repeats a
        # part's numeral, so the repeat opening a heading in capitals is the expected part.
        if r > 0 and folded == ROMAN[r - 1] and m.group("sep") and capitals:
            return _roman_node(r, pos, pos + m.end(), expect)
        if plausible and rest[:1].isupper() and (m.group("sep") or capitals) and (not odd or capitals):
            # it reads as the expected part, or as the one after when one label was lost as well
            if folded in ROMAN[r : r + 2]:
                return _roman_node(ROMAN.index(folded, r), pos, pos + m.end(), expect)
            if g not in ROMAN and expect.get("next_roman") == r + 1:
                return _roman_node(r, pos, pos + m.end(), expect)
    m = _STRAY_POINT.match(line)
    p = expect["point"]
    if m and p < len(POINT_LETTERS) and m.group("point") == POINT_LETTERS[p] and line[m.end() :][:1].isupper():
        expect["point"] = p + 1
        return _Node("point", f"{POINT_LETTERS[p]})", POINT_LETTERS[p], pos, pos + m.end())
    n = expect["section"]
    m = _GARBLED_NUM.match(line)
    if m and line[m.end() :][:1].isupper():
        g = m.group("g")
        # a good label before and the next one after, or the list ending there with a number read too
        # high: the next section number restarts at 1 under the next part ("4." … "9. Thi đua hoàn
        # thành …" / "III. …" / "1."); a lower one ("1." again) is a lost part's own list
        ending = expect.get("next") == 1 and (not g.isdigit() or int(g) > n)
        # … or the body's last section, its digit one OCR confuses with the expected one ("4." …
        # "9. Các doanh nghiệp viễn thông …" and no section label after it: "9" for "5")
        last = expect.get("next") == -1 and g in _LOOKALIKE_DIGITS.get(str(n), "")
        between = n > 1 and (expect.get("next") == n + 1 or ending or last)
        if g.isdigit() and g != str(n) and not between:
            return None
        read = g.translate(_DIGIT_GLYPHS)
        if read == str(n + 1) and not g.isdigit():  # "S." for "5." after "3.": "4." was lost
            n = n + 1
        elif read != str(n) and not between:
            return None
        expect["section"], expect["sub"] = n + 1, 1
        return _Node("section", f"{n}.", str(n), pos, pos + m.end())
    m = _SMUDGED_NUM.match(line)
    if m and n > 1 and expect.get("next") == n + 1:
        heading = line[m.end() :].strip()
        # "ly Uỷ ban nhân dân tỉnh, thành phố" between "2. …" and "4. …": the Vietnamese model read
        # the label "3." as letters. Only a short heading (a body or a topic, its points below)
        # is taken: a wrapped sentence ends with a stop or runs on.
        if len(heading.split()) <= 8 and not heading.endswith((".", ";", ",")) and heading[:1].isupper():
            expect["section"], expect["sub"] = n + 1, 1
            return _Node("section", f"{n}.", str(n), pos, pos + m.end())
    return None


def _point_letter(raw: str, expected_index: int) -> str | None:
    """Map a possibly OCR-damaged point letter to the letter the sequence expects next."""
    if expected_index >= len(POINT_LETTERS):
        return None
    want = POINT_LETTERS[expected_index]
    if len(raw) == 2:  # "c¢)": OCR read one letter twice, or a letter and a stray glyph
        return next((x for x in (_point_letter(ch, expected_index) for ch in raw) if x), None)
    got = _OCR_POINT.get(raw, raw)
    if got == want:
        return want
    # "©)" and "¢)" are round glyphs: a "c)" or an "e)", whichever the sequence expects (after
    # "d)" that is "e)" when the list skips "đ)", as many do).
    if raw in "©¢":
        nxt = POINT_LETTERS[expected_index + 1] if expected_index + 1 < len(POINT_LETTERS) else ""
        return want if want in ("c", "e") else (nxt if nxt in ("c", "e") else None)
    # "d)" read where the sequence needs "đ)" (OCR and ASCII-only fonts drop the bar).
    if want == "đ" and got == "d":
        return "đ"
    # One skipped or unreadable label: accept the letter after next when it fits.
    if expected_index + 1 < len(POINT_LETTERS) and got == POINT_LETTERS[expected_index + 1]:
        return got
    return None


def _repeated_point(raw: str, expected_index: int, rest: str) -> str | None:
    """A label printed twice is the next point, not the last one's text: "b) Chịu trách nhiệm tiếp
    nhận hồ sơ …" / "b) Tổ chức lấy ý kiến …" (a provincial regulation), "đ) Bộ Công an:" … / "đ) Bộ
    Thông tin và Truyền thông:" (a Thông báo kết luận). It takes the next letter, so clause paths stay
    unique, and the labels after it are read one letter on; only before a capital, as a point opens."""
    if not 0 < expected_index < len(POINT_LETTERS) or not rest[:1].isupper():
        return None
    return POINT_LETTERS[expected_index] if _OCR_POINT.get(raw, raw) == POINT_LETTERS[expected_index - 1] else None


# OCR may drop the dash of a list's first item: "… giao Bộ Nông nghiệp và Phát triển nông thôn:" /
# "Nghiên cứu thông tin phản ánh tại bài …" / "- Nghiên cứu, đánh giá đề xuất …". The paragraph
# between the introducing colon and the first dash item is that item.
_INTRO_THEN_PARAGRAPH = re.compile(r":[ \t]*\n(?:[ \t]*\n)*(?=[ \t]*[A-ZĐÀ-Ỹ])")
MAX_LOST_ITEM_CHARS = 1200


def _lost_first_dash(text: str, body_start: int, first: _Node) -> _Node | None:
    if first.level != "item" or not text[first.start : first.text_start].strip().startswith(("-", "–", "+")):
        return None
    intros = list(_INTRO_THEN_PARAGRAPH.finditer(text, max(body_start, first.start - MAX_LOST_ITEM_CHARS), first.start))
    intro = intros[-1] if intros else None
    if intro is None or not text[intro.end() : first.start].strip() or _LABEL.match(text, intro.end()):
        return None
    if "\n" in text[intro.end() : first.start].strip() and _BLANK_LINE.search(text, intro.end(), first.start - 1):
        return None  # more than one paragraph between: no lost dash
    start = intro.end() + len(text[intro.end() :]) - len(text[intro.end() :].lstrip(" \t"))
    return _Node("item", "", "", start, start)


# A letter's closing formula is never an item, whatever speck OCR read before it: "- Văn phòng Chính
# phủ xin thông báo để đồng chí … biết, thực hiện./.".
_LETTER_CLOSING = re.compile(vocabulary.NOTICE_FORMULA)


def _closing_item(text: str, node: _Node) -> bool:
    if node.level != "item":
        return False
    first = _first_paragraph(text[node.text_start : node.text_start + 400])
    return bool(_LETTER_CLOSING.search(first)) and first.rstrip().endswith(("./.", ".", "/."))


def _closing_start(text: str, last_label: int, body_end: int) -> int:
    """Where a closing paragraph ("Yêu cầu … thực hiện nghiêm Chỉ thị này.") begins, if any."""
    region = text[last_label:body_end]
    for m in re.finditer(r"[.;:]\s*\n\s*(?=[A-ZĐÀ-Ỹ])", region):
        para_start = last_label + m.end()
        first = _first_paragraph(text[para_start:body_end])
        if _CLOSING.search(first) or _COUNCIL_ASKS.match(first):
            return para_start
    return body_end


# A paragraph ends at a blank line or at a line that closes a sentence; in a text layer that wraps
# lines, "… yêu cầu các sở, ngành\nthực hiện nghiêm Chỉ thị này." is still one paragraph.
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|[.!?][ \t]*\n")


def _first_paragraph(region: str) -> str:
    m = _PARAGRAPH_END.search(region)
    return region[: m.end()] if m else region


def _set_ends(nodes: list[_Node], end: int) -> None:
    for i, n in enumerate(nodes):
        n.end = nodes[i + 1].start if i + 1 < len(nodes) else end
        _set_ends(n.children, n.end)


def _to_clause(n: _Node, text: str, parent: str, pages: list[Page]) -> Clause:
    own_end = n.children[0].start if n.children else n.end
    path = f"{parent}.{n.key}" if parent else n.key
    kids: list[Clause] = []
    item_no = 0
    for child in n.children:
        if child.level == "item":
            item_no += 1
            child.key = f"-{item_no}"
        kids.append(_to_clause(child, text, path, pages))
    body = text[n.text_start : own_end]
    if not kids:
        kids = _subitems(body, n.text_start, path, pages)
    return Clause(
        path=path,
        label=n.label,
        kind=KIND[n.level],
        text=_squash(body),
        span=Span(page=page_of(pages, n.start), start=n.start, end=n.end),
        children=kids,
    )


def _subitems(body: str, offset: int, path: str, pages: list[Page]) -> list[Clause]:
    """Inline '(i) …; (ii) …' sub-items of a clause, in sequence order."""
    if body.count("(") < 2:
        return []  # two marks at least, each with its "(" (folding keeps every bracket): most clauses have none
    # Folded: repair may leave "(ị)" for "(i)"; the Vietnamese model reads "(i)" as "(¡)".
    folded = fold_marks(body).translate(_SUBITEM_GLYPHS)
    seq: list[tuple[re.Match, str]] = []
    for m in _SUBITEM_MARK.finditer(folded):
        k = len(seq)
        if k >= len(ROMAN):
            break
        want, read = ROMAN[k].lower(), m.group("r")
        # One misread mark does not cascade: a mark that lost a stroke ("(ii)" where "(iii)" is
        # due, "()" for "(i)") opening a capitalised sentence is the expected one.
        damaged = read in ("", ROMAN[k - 1].lower() if k else "") and body[m.end() : m.end() + 1].isupper()
        if read == want or damaged:
            seq.append((m, want))
    if len(seq) < 2:
        return []
    out = []
    for k, (m, label) in enumerate(seq):
        end = seq[k + 1][0].start() if k + 1 < len(seq) else len(body)
        start = offset + m.start()
        out.append(
            Clause(
                path=f"{path}.({label})",
                label=f"({label})",
                kind=ClauseKind.subitem,
                text=_squash(body[m.end() : end]),
                span=Span(page=page_of(pages, start), start=start, end=offset + end),
            )
        )
    return out


def _paragraph(path: str, text: str, start: int, end: int, pages: list[Page]) -> Clause:
    return Clause(
        path=path,
        label="",
        kind=ClauseKind.paragraph,
        text=_squash(text[start:end]),
        span=Span(page=page_of(pages, start), start=start, end=end),
    )


# Running prose: a paragraph ends at a blank line, or, in a text layer without blank lines, at a
# line ending a sentence when the next line starts with a capital. A ";" does not end one: "Giao
# các sở, ngành tỉnh;" / "Các Ban QLDA … báo cáo …" is one address list wrapped over two lines.
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_LINE_END = re.compile(r"(?<=[.:!?…])[ \t]*\n(?=[ \t]*[A-ZĐÀ-Ỹ\"“])")


# A line that ends without punctuation well before the text's full width, before a capital, is a
# paragraph of its own: a web report's date line or sub-headline ("04/09/2018 19:43" / "Xử lý phản
# ánh về phát triển các dự án điện mặt trời" / "Thủ tướng … yêu cầu …"). A line that wraps runs to
# the full width less one word (Vietnamese syllables are short), so it is never that short.
WRAP_SLACK_CHARS = 15
FULL_WIDTH_SHARE = 0.9  # of the lines, the share shorter than the full width (ignores stray long lines)
_UNTERMINATED_LINE_END = re.compile(r"(?<![.:!?…;,])[ \t]*\n(?=[ \t]*[A-ZĐÀ-Ỹ\"“])")


def _short_line_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lengths = sorted(len(ln.strip()) for ln in text[start:end].split("\n") if ln.strip())
    if len(lengths) < 3:
        return []
    short = lengths[int(FULL_WIDTH_SHARE * (len(lengths) - 1))] - WRAP_SLACK_CHARS
    out = []
    for m in _UNTERMINATED_LINE_END.finditer(text, start, end):
        line = text[text.rfind("\n", start, m.start()) + 1 : m.start()].strip()
        if line and len(line) < short:
            out.append((m.start(), m.end()))
    return out


def _paragraphs(text: str, start: int, end: int, pages: list[Page]) -> list[Clause]:
    """Unlabelled body (news reports, announcements): one paragraph clause per paragraph, p1, p2 …"""
    out: list[Clause] = []
    pos = start
    if _BLANK_LINE.search(text, start, end):
        cuts = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text, start, end)]
    else:
        ends = [(m.start(), m.end()) for m in _SENTENCE_LINE_END.finditer(text, start, end)]
        cuts = sorted(ends + _short_line_breaks(text, start, end))
    for m in [*cuts, None]:
        stop = m[0] if m else end
        if text[pos:stop].strip():
            lead = len(text[pos:stop]) - len(text[pos:stop].lstrip())
            out.append(_paragraph(f"p{len(out) + 1}", text, pos + lead, stop, pages))
        pos = m[1] if m else end
    return out


def _squash(s: str) -> str:
    """Join wrapped lines into one line of text."""
    return " ".join(s.split())
