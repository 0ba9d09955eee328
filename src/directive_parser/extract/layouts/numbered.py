"""Numbered directives: one record per leaf clause, the lead inherited down the clause tree.

A leaf ("-" item, "(i)" sub-item, point without children) gives its records; its lead comes from
the clause itself, else from the nearest heading that names one ("c) Giao Bộ Công an:"), else
from the preamble's addressees ("… yêu cầu các bộ, cơ quan ngang bộ, … thực hiện một số nội dung
sau:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from directive_parser.extract import bodies, deadline_cells, deadlines, grammar
from directive_parser.extract.units import ExtractContext, is_preamble, records_from
from directive_parser.models import (
    Assignment,
    Body,
    BodyKind,
    Clause,
    ClauseKind,
    Deadline,
    ParseWarning,
    Stage,
)

# The preamble's addressees: "… yêu cầu các bộ, …, Ủy ban nhân dân các tỉnh … thực hiện …".
_ADDRESSED_LIST = re.compile(
    r"(?P<who>[^.;:]{3,240}?)\s+(?:thực\s+hiện|triển\s+khai|tập\s+trung|quán\s+triệt|khẩn\s+trương|nghiêm\s+túc)"
    r"[^.;]{0,80}?\b(?:nội\s+dung|nhiệm\s+vụ|giải\s+pháp|yêu\s+cầu|việc)\b[^.;]{0,20}?\bsau\b"
)


# An addressee formula, not the noun of the same words: "Xét đề nghị của Bộ …", "theo yêu cầu cơ cấu
# lại …", "hồ sơ đề nghị xây dựng Luật", "giao thông", "tình hình và yêu cầu nhiệm vụ công tác …", "giao
# nhiệm vụ cho …" name no addressee.
_ADDRESS = re.compile(
    r"(?<![Xx]ét\s)(?<![Tt]heo\s)(?<!sơ\s)(?<!bản\s)(?<!ứng\s)(?<!các\s)(?<!những\s)(?<!được\s)(?<!số\s)(?<!mọi\s)"
    r"(?<!bàn\s)(?<!chuyển\s)"
    # a noun, not the formula: "một số yêu cầu riêng cho cán bộ …", "yêu cầu về năng lực", "bàn giao …"
    r"\b(?:yêu\s+cầu|đề\s+nghị|giao)\s+(?!của\b|cơ\s+cấu|xây\s+dựng\s+(?:Luật|luật|Nghị|Pháp)|thông\b|dịch\b|lưu\b|diện\b|"
    # ("Hội nghị giao ban đánh giá …": the briefing meeting)
    r"riêng\b|chung\b|về\b|đặt\s+ra\b|cụ\s+thể\b|nhiệm\s+vụ\b|ban\s+(?-i:(?![A-ZĐ])))(?=\S)",
    re.I,
)


# A letter that asks is no noun "văn bản đề nghị": "UBND tỉnh ban hành văn bản yêu cầu các sở, ban,
# ngành … chủ động ứng phó với cơn bão số 6:", "Bộ Y tế có công văn số 12/BYT đề nghị các địa phương …".
_LETTER_ASKS = re.compile(
    r"\b(?:ban\s+hành|có|gửi)\s+(?:văn\s+bản|[Cc]ông\s+văn)(?:\s+(?:số\s+)?\S*\d\S*)?\s+(?P<verb>yêu\s+cầu|đề\s+nghị|giao)\s+(?=\S)"
)


class NumberedLayout:
    """A document whose body is numbered: sections, points or dash items."""

    name = "numbered"

    def matches(self, clauses: list[Clause], ctx: ExtractContext) -> bool:
        # A lone dash item that no list intro announces is no numbered body: a news report's paragraph
        # that OCR opened with a speck read as "- " ("- Tại văn bản 7469/VPCP-KTTH …, Thủ tướng Chính
        # phủ yêu cầu …") stays prose, the paragraphs before it read as tasks, not as a preamble ("…
        # thực hiện các nhiệm vụ sau:" / "- Tăng cường …" is a list of one).
        if any(c.kind in (ClauseKind.section, ClauseKind.point) for c in clauses):
            return True
        items = [i for i, c in enumerate(clauses) if c.kind is ClauseKind.item]
        return len(items) >= 2 or (len(items) == 1 and items[0] > 0 and clauses[items[0] - 1].text.rstrip().endswith(":"))

    def extract(self, clauses: list[Clause], ctx: ExtractContext) -> tuple[list[Assignment], list[ParseWarning]]:
        warnings: list[ParseWarning] = []
        records: list[Assignment] = []
        addressees = _preamble_addressees(clauses, ctx)
        first_numbered = _first_numbered(clauses)
        pre = next((c for c in clauses if is_preamble(c)), None)
        # A preamble that ends by addressing who must do what follows ("Thủ tướng Chính phủ yêu
        # cầu các Bộ trưởng, … Chủ tịch Ủy ban nhân dân các tỉnh …:") makes its addressees the doers
        # of every section, the "TỔ CHỨC THỰC HIỆN" section included: the convention of a Chỉ thị.
        organised = _organised(clauses) and not (addressees and pre is not None and pre.text.rstrip().endswith(":"))
        outline = pre is not None and is_report_outline(pre.text)
        for i, clause in enumerate(clauses):
            # Dash items before the first numbered clause are the address list of a Công điện
            # ("THỦ TƯỚNG CHÍNH PHỦ điện: - Chủ tịch Ủy ban nhân dân các tỉnh …;"), not tasks.
            if is_preamble(clause) or (clause.kind is ClauseKind.item and i < first_numbered):
                continue
            if clause.path == "closing" and _ANNOUNCEMENT.match(clause.text):
                continue  # "Văn phòng Chính phủ xin trân trọng thông báo./.": the notice itself, no task
            # A plan that has its own "TỔ CHỨC THỰC HIỆN" section assigns its work there: the other
            # sections ("NHIỆM VỤ, GIẢI PHÁP" of a Đề án) give records only where they name a body.
            # So do the sections of aims: "II. MỤC TIÊU … d) Các hoạt động chính: Căn cứ tình hình
            # thực tế, các cơ quan, đơn vị, địa phương phối hợp thực hiện các hoạt động sau: - …".
            aims = clause.kind is ClauseKind.section and is_aim_heading(clause.text)
            inherit = addressees if not aims and (not organised or is_organisation_heading(clause.text)) else []
            if outline and clause.kind in (ClauseKind.section, ClauseKind.point, ClauseKind.item):
                if not _opens_task(clause.text):
                    if len(grammar.sentence_spans(clause.text)) <= 1 and not clause.children:
                        continue  # "1. Công tác chỉ đạo …, kết quả tổ chức thực hiện …": what to report
                    inherit = []  # a later sentence of the item may still assign work in its own words
                else:
                    outline = False  # a task item ends the outline
            records += _walk(clause, inherit, ctx, warnings)
        return records, warnings


# A request for a report that lists what the report must hold: "… đề nghị các sở … báo cáo tình
# hình thực hiện Thông tư 26 theo các nội dung cụ thể sau:", "Báo cáo bao gồm các nội dung chủ yếu
# sau:", "… báo cáo định kỳ … theo các nội dung sau:" (a convention of letters and plans asking for
# reports). The items that follow are the report's contents ("1. Công tác chỉ đạo …", "3. Những đề
# xuất, kiến nghị"), not tasks of their own.
_REPORT_OUTLINE = re.compile(
    r"\bbáo\s+cáo\b[^.;:]{0,250}?\b(?:gồm|bao\s+gồm|theo|với|có)\s+(?:các|những|một\s+số)\s+nội\s+dung\s+"
    r"(?:cụ\s+thể\s+|chính\s+|chủ\s+yếu\s+)?(?:như\s+)?sau(?:\s+đây)?\s*:\s*$",
    re.I,
)


def is_report_outline(text: str) -> bool:
    """Whether a text ends by announcing the contents of a report it asks for."""
    return bool(_REPORT_OUTLINE.search(text.rstrip()[-400:]))


def _opens_task(text: str) -> bool:
    """Whether an item opens with a verb or names its own doer: a task, not a report's heading."""
    head = text.lstrip(" -–+•")
    return bool(grammar.PREDICATE_AT_START.match(head)) or grammar.find_subject(head[:400]).explicit


# A Thông báo's closing announces the notice: "Văn phòng Chính phủ (xin) (trân trọng) thông báo./.",
# "… thông báo để các bộ, ngành, địa phương biết, thực hiện./." (its addressees' duty is the notice's
# content, already read in its sections).
_ANNOUNCEMENT = re.compile(
    r"^\s*(?:Văn\s+phòng\s+(?:Chính\s+phủ|Ủy\s+ban\s+nhân\s+dân[^.]{0,40}?|UBND[^.]{0,40}?)\s+)?(?:xin\s+)?(?:trân\s+trọng\s+)?"
    r"thông\s+báo\s*(?:[./]|để\b[^.]{0,160}?\bbiết\b)"
)


_NOTICE_TO = re.compile(r"\bthông\s+báo\s+(?:để|cho)\s+(?P<who>[^.]{3,200}?)\s+(?:được\s+)?biết\b")


# Sections of a plan that state its aims, scope or terms, not work: "I. MỤC ĐÍCH, YÊU CẦU",
# "II. QUAN ĐIỂM", "1. Mục tiêu chung …", "Điều 2. Giải thích từ ngữ", "1. Phạm vi điều chỉnh …".
_AIM_WORDS = (
    r"MỤC\s+ĐÍCH|MỤC\s+TIÊU|QUAN\s+ĐIỂM|YÊU\s+CẦU|NGUYÊN\s+TẮC|ĐỐI\s+TƯỢNG|PHẠM\s+VI|"
    r"GIẢI\s+THÍCH\s+TỪ\s+NGỮ|"
    # and the background of a Thông báo kết luận or a report: "I. ĐÁNH GIÁ CHUNG", "I. TÌNH HÌNH …"
    r"ĐÁNH\s+GIÁ|TÌNH\s+HÌNH|KẾT\s+QUẢ\s+(?:ĐẠT\s+ĐƯỢC|THỰC\s+HIỆN)"
)
_AIM_HEADING = re.compile(
    r"^(?:Mục\s+đích|Mục\s+tiêu|Quan\s+điểm|Yêu\s+cầu|Nguyên\s+tắc)(?:\s+(?:chung|cụ\s+thể|tổng\s+quát))?(?:\s*[:.]|\s*$|\s+[A-ZĐÀ-Ỹ])"
    r"|^(?:Phạm\s+vi\s+điều\s+chỉnh|Đối\s+tượng\s+áp\s+dụng|Giải\s+thích\s+từ\s+ngữ)\b"
    # a resolution's topic of aims: "I. Về quan điểm, định hướng chỉ đạo, điều hành", "Về mục tiêu …"
    r"|^Về\s+(?:mục\s+đích|mục\s+tiêu|quan\s+điểm|nguyên\s+tắc)\b"
)
# The section of a plan that assigns its work: "V. TỔ CHỨC THỰC HIỆN", "III. PHÂN CÔNG NHIỆM VỤ".
_ORGANISATION_HEADING = re.compile(
    r"^(?:TỔ\s+CHỨC\s+THỰC\s+HIỆN|(?:THỜI\s+GIAN\s+VÀ\s+)?TRÁCH\s+NHIỆM\s+THỰC\s+HIỆN|PHÂN\s+CÔNG\s+(?:NHIỆM\s+VỤ|TRÁCH\s+NHIỆM|THỰC\s+HIỆN))\b"
)


def is_aim_heading(text: str) -> bool:
    """A section that states aims or terms: "MỤC TIÊU", "Mục tiêu cụ thể", "Phạm vi điều chỉnh"."""
    head = text.strip()
    # all caps: "MỤC ĐÍCH, YÊU CẦU", also when the section's paragraphs follow its title: "ĐÁNH GIÁ
    # CHUNG Trong 10 tháng đầu năm …"
    title = head[: caps_title_end(head)] or head
    if title == title.upper() and re.match(rf"(?:{_AIM_WORDS})\b", title):
        return True
    return bool(_AIM_HEADING.match(head))


def is_organisation_heading(text: str) -> bool:
    """The section of a plan that assigns its work: "TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG NHIỆM VỤ"."""
    return bool(_ORGANISATION_HEADING.match(text.strip()))


def _organised(clauses: list[Clause]) -> bool:
    """Whether these sibling sections include the one that assigns the work ("TỔ CHỨC THỰC HIỆN")."""
    return any(c.kind is ClauseKind.section and is_organisation_heading(c.text) for c in clauses)


def _first_numbered(clauses: list[Clause]) -> int:
    """Index of the first section or point (0 when there is none)."""
    return next((i for i, c in enumerate(clauses) if c.kind in (ClauseKind.section, ClauseKind.point)), 0)


def _preamble_addressees(clauses: list[Clause], ctx: ExtractContext) -> list[Body]:
    pre = next((c for c in clauses if is_preamble(c)), None)
    found = addressees(pre.text) if pre else []
    if found:
        return found
    # The request may close the background bullets before the first point, joined to the last one:
    # "- Dữ liệu … chưa được cập nhật …" / "Để hoàn thành nhiệm vụ nêu trên, Tổng cục Thuế yêu cầu
    # Cục Thuế các tỉnh, thành phố … thực hiện một số giải pháp sau:" / "1/ …". Its last sentence,
    # when it introduces the points (a colon), addresses them.
    first = _first_numbered(clauses)
    before = clauses[first - 1] if first > 0 else None
    if before is not None and before is not pre and before.text.rstrip().endswith(":"):
        spans = grammar.sentence_spans(before.text)
        if spans and (found := addressees(before.text[spans[-1][0] :])):
            return found
    # A Thông báo kết luận may address nobody before its points; its closing names who must act:
    # "Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Phú Thọ và các Bộ, cơ quan liên quan
    # biết, thực hiện./." — the first named is the one the conclusions are for.
    closing = next((c for c in clauses if c.path == "closing"), None)
    notice = _NOTICE_TO.search(closing.text) if closing is not None else None
    return bodies.split_bodies(notice.group("who"))[:1] if notice else []


def addressees(text: str) -> list[Body]:
    """Who an introductory sentence addresses: "… yêu cầu các bộ, … thực hiện một số nội dung sau:",
    "Đề nghị Thường trực Tỉnh ủy tập trung …". The last such sentence wins."""
    formulas = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    formulas += [(m.start("verb"), m.end()) for m in _LETTER_ASKS.finditer(text)]
    for start, end in sorted(formulas, reverse=True):
        subj = grammar.find_subject(text[start:])
        if subj.lead:
            # The document names its addressees once and then by a short name: "… yêu cầu các Bộ
            # trưởng, …, Chủ tịch Ủy ban nhân dân các tỉnh, … (sau đây gọi tắt là các bộ, cơ quan
            # trung ương và địa phương) …:", "(sau đây gọi chung là Ủy ban nhân dân cấp xã)". The
            # short name is the lead, the list as written its text.
            alias = _ALIAS.search(text, start, start + subj.task_start + 160)
            # (the short name of the whole list closes it, not one of its names': "…, Ủy ban nhân
            # dân các xã (sau đây gọi chung là cấp xã), các sở …")
            if alias and alias.start() <= start + subj.task_start <= alias.end() + 2:
                written = " ".join(text[end : alias.start()].split()).strip(" ,")
                name = " ".join(alias.group("alias").split())
                return [Body(name=name, text=written, kind=BodyKind.group)]
            return subj.lead
        # "… yêu cầu các cơ quan, đơn vị thuộc Bộ thực hiện các nội dung sau:" — whoever the list
        # names before "thực hiện" is addressed, even when no name in it is known.
        if listed := _ADDRESSED_LIST.match(text, end):
            phrase = listed.group("who").strip(" ,")
            return [Body(name=phrase[:1].upper() + phrase[1:], text=phrase, kind=BodyKind.group)]
    # A heading that is the formula and its addressees alone, its items the tasks: "1. Giao người đứng
    # đầu các cơ quan chuyên môn …; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu" / "- …".
    if (alone := _ADDRESS_ALONE.match(text)) and bodies.find_bodies(alone.group("who")):
        phrase = " ".join(alone.group("who").split()).strip(" ,;")
        return [Body(name=phrase[:1].upper() + phrase[1:], text=phrase, kind=BodyKind.group)]
    return []


_OBJECTS_FOLLOW = re.compile(r"\b(?:về|đối\s+với|gồm|bao\s+gồm|như|của|cho|tại|trong)\s*:\s*$")
# A list of cases that the head's noun names, in either case: "… xử lý nghiêm các hành vi vi phạm,
# đặc biệt là: (i) Khai thác khoáng sản trái phép; (ii) …", "… điều kiện … gồm: (i) Không còn nợ thuế
# …; (ii) …" (the corpus' "gồm: (i)" and "bao gồm: (i)" lists all name things, not tasks).
_CASES_FOLLOW = re.compile(r"\b(?:gồm|bao\s+gồm|(?:đặc\s+biệt|nhất|cụ\s+thể)\s+là)\s*:\s*$")
_ALIAS = re.compile(r"\s*\(\s*sau\s+đây\s+gọi\s+(?:tắt|chung)\s+là\s+(?P<alias>[^()]{3,120}?)\s*\)")
_ADDRESS_ALONE = re.compile(r"^\s*(?:Giao|Yêu\s+cầu|Đề\s+nghị)\s+(?P<who>[^.:]{3,400}?)\s*:?\s*$")


def _walk(clause: Clause, inherited: list[Body], ctx: ExtractContext, warnings: list[ParseWarning]) -> list[Assignment]:
    """Records of a clause and its descendants; headings pass their lead down."""
    if (
        not clause.children
        and clause.kind is ClauseKind.item
        and (member := _MEMBER_ITEM.match(clause.text))
        and _only_names(member.group("name"))
    ):
        return []  # "- Sở Xây dựng (đối với tài sản kết cấu hạ tầng đô thị);": a member of the group named above
    if clause.children and (
        _MEMBERS.search(head := _own_text(clause, []))
        or _POWERS.match(head)
        or _REPORTS_HEARD.search(head)
        or _PROCEDURE.match(head)
    ):
        return []  # the members or the powers of a body the decision sets up, reports heard, procedure: not tasks
    # The section of a plan's aims names no one its items are for: "I. Về quan điểm, định hướng chỉ
    # đạo, điều hành" / "Tại Kỳ họp thứ nhất, Quốc hội … " / "1. Quán triệt …" (items that name their
    # own body still give records).
    aims_here = clause.kind is ClauseKind.section and is_aim_heading(clause.text)
    subitems = [c for c in clause.children if c.kind is ClauseKind.subitem]
    head_text = _own_text(clause, subitems) if subitems else ""
    if subitems and (
        _INLINE_NUMBERS.search(head_text)
        or _names_products(head_text, subitems)
        or (_OBJECTS_FOLLOW.search(head_text) and all(s.text[:1].islower() for s in subitems))
        or _CASES_FOLLOW.search(head_text)
    ):
        # "(1) Bộ Tài chính giải quyết 03 vấn đề: (i) …; (ii) …; (iii) …. (2) Bộ Y tế …": the "(i)"
        # list belongs to the "(n)" task it follows; the clause is read whole, "(n)" by "(n)".
        # Sub-items that all open in lower case after a preposition go on the head's sentence, they
        # are its objects: "- Hướng dẫn các đơn vị … thực hiện theo quy định về: (i) đấu nối giao
        # thông …; (ii) về xây dựng, cải tạo công trình …; (iii) quản lý hành lang …" is one task
        # (after a verb they are its tasks: "đ) Chủ tịch Ủy ban nhân dân các tỉnh … chỉ đạo: (i) triển
        # khai công tác giám sát …; (ii) bố trí kinh phí …", two records).
        subitems = []
        clause = clause.model_copy(update={"children": [c for c in clause.children if c.kind is not ClauseKind.subitem]})
    others = [c for c in clause.children if c.kind is not ClauseKind.subitem]
    own = _own_text(clause, subitems)
    if others and not subitems and _lists_its_parts(own, others):
        # "h) Chủ trì triển khai các nhiệm vụ được giao tại các dự án …, bao gồm:" / "- Dự án 1: …" /
        # "- Dự án 2: …": the items name what the one task covers
        clause = clause.model_copy(update={"children": []})
        others = []
    subj = grammar.find_subject(own)
    # A heading may address its points in a sentence of its own: "II. NHIỆM VỤ … Đề nghị Thường
    # trực Tỉnh ủy tập trung … sau:".
    # A heading that is a name ("4. Sở Y tế", "b) Các sở, ban, ngành: Là các đơn vị …") gives it to
    # its items; a heading that is a sentence ("2. Bộ Tài chính chủ trì … các nội dung sau:") its subject.
    sentence = bool(subj.lead) and len(own[subj.task_start :].split()) >= 3 and not _names_then_description(own)
    heading = _heading_body(own) if others and not sentence else []
    # A name line over the sentence that introduces its list: "2. Các sở quản lý nhà nước chuyên
    # ngành về hạ tầng" / "Giao các sở … theo ngành, lĩnh vực gồm:" / "- Sở Công Thương (đối với
    # …);" … / "a) Chủ trì …" — the points are the named group's.
    title = _title_line(clause, own, ctx) if others else None  # read once: a scan of the heading's lines
    if title is not None and title[1].rstrip().endswith(":") and (named := _name_line(title[0])):
        heading, sentence = named, False
    # "11. Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan": the first name's "task" is
    # more names, no verb, so the heading is a name after all
    groups_only = sentence and all(b.kind is BodyKind.group for b in subj.lead)
    # A group described by what it does, its items the tasks: "5. Các chủ đầu tư xây dựng và kinh
    # doanh hạ tầng Khu công nghiệp" / "- Phối hợp chặt chẽ với …" — a heading with no closing mark
    # over items that open with their verbs names a group, it assigns no work of its own.
    if groups_only and others and _described_group(own, others):
        name = " ".join(own.split())
        heading = [Body(name=name[:1].upper() + name[1:], text=name, kind=BodyKind.group)]
        sentence = False
    after_groups = own[subj.task_start :].lstrip(" ,")
    if groups_only and others and (not grammar.PREDICATE_AT_START.match(after_groups) or _GIVEN.match(after_groups)):
        named = _heading_body(own)
        heading = named if len(named) == 1 and named[0].kind is BodyKind.group else []
    # A heading line that names its bodies, its own task on the next line, its points below: "9. Báo
    # và Phát thanh, Truyền hình tỉnh, Cổng thông tin điện tử tỉnh" / "Xây dựng các phóng sự …" /
    # "a) …" (the line break is lost in `clause.text`; the leaf case is `_after_title_line`).
    split = title if not heading else None
    titled_task = _named_title_line(split) if split is not None else None
    if titled_task is not None:
        heading = titled_task[1]
    elif split is not None and not subj.explicit and (doer := _doer_of(split[1])):
        # A title line over the sentence that names who does its items: "7. Đẩy mạnh thông tin
        # truyền thông" / "Bộ Thông tin và Truyền thông phối hợp với … và chủ trì cùng các Bộ ngành,
        # địa phương:" / "- Chỉ đạo các cơ quan truyền thông …".
        heading = doer
        if _REPORT_REQUEST.search(split[1]):
            # "… chủ trì, … khẩn trương xử lý …, báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2020 các
            # vấn đề sau:" — the sentence asks for the report its items outline: a task of its own.
            titled_task = (split[1], heading)
    lead = heading or subj.lead or (addressees(own) + _after_title(own) + _list_intro(own) if others else []) or inherited
    if aims_here and others and not (_list_intro(own) and _ANNOUNCES_TASKS.search(own[-MAX_INTRO_CHARS:])):
        # but "I. ĐÁNH GIÁ CHUNG … thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ, giải
        # pháp sau đây:" announces tasks ("Chính phủ thống nhất một số định hướng như sau:" does not)
        lead = []
    records: list[Assignment] = []
    if titled_task is not None:
        records += records_from(clause, titled_task[0], clause.span.start, heading, ctx)
    if others and (activity := _activity_records(clause, own, lead, ctx)) is not None:
        return activity
    if not clause.children:
        own, named = (own, []) if subj.explicit else _after_title_line(clause, own, ctx)
        records += records_from(clause, own, clause.span.start, named or inherited, ctx)
    elif subitems:
        for sub in subitems:
            records += records_from(sub, sub.text, sub.span.start, lead, ctx, coordinating=subj.coordinating)
    elif titled_task is None and _is_task_heading(own, subj, titled=caps_title_end(clause.text) > 0):
        records += records_from(clause, own, clause.span.start, inherited, ctx)
    organised = _organised(others)
    below = len(records)
    for child in others:
        aims = child.kind is ClauseKind.section and is_aim_heading(child.text)
        passed = lead if not aims and (not organised or is_organisation_heading(child.text)) else []
        records += _walk(child, passed, ctx, warnings)
    if clause.children and (due := _heading_deadline(own, ctx)) is not None:
        records[below:] = [
            r if r.deadline is not None else r.model_copy(update={"deadline": due, "recurrence": due.recurrence})
            for r in records[below:]
        ]
    if not clause.children and not records and clause.kind is not ClauseKind.paragraph and len(own) > 40:
        warnings.append(
            ParseWarning(
                stage=Stage.extract,
                clause=clause.path,
                page=clause.span.page,
                message="clause names no responsible body and none is inherited",
            )
        )
    return records


# A group's members listed one a line, each with the field it answers for, before the group's duties:
# "Giao các sở quản lý nhà nước chuyên ngành về hạ tầng theo ngành, lĩnh vực gồm:" / "- Sở Công Thương
# (đối với tài sản kết cấu hạ tầng cụm công nghiệp …);" / "- Sở Xây dựng (đối với …);" / "Có trách
# nhiệm:" / "a) …". The name and its bracket, with no verb, are no task.
_MEMBER_ITEM = re.compile(
    r"^(?P<name>[^()\n]{3,160}?)\s*\((?:đối\s+với|về|trong\s+lĩnh\s+vực)\s[^()]*\)\s*[;.,]?\s*(?:\n?\s*(?:[Cc]ó|[Cc]hịu)\s+trách\s+nhiệm\s*:)?\s*$"
)


def _only_names(text: str) -> bool:
    """Whether `text` is body names and nothing else (the gazetteer's names cover it)."""
    found = bodies.find_bodies(text)
    covered = sum(m.end - m.start for m in found)
    return bool(found) and found[0].start == 0 and covered >= MIN_LISTED_SHARE * len(text.strip(" ;,."))


# A decision that sets up or reshapes a body lists its members: "Điều 1. Kiện toàn Ban Chỉ đạo …,
# gồm các thành viên sau:" / "2. Phó Trưởng ban:" / "- Bộ trưởng Bộ Tài chính;" / "3. Các ủy viên:"
# (a convention of the QĐ thành lập / kiện toàn Ban Chỉ đạo, Hội đồng, Tổ công tác): a name, no task.
_MEMBERS = re.compile(
    r"\bgồm\s+(?:có\s+)?(?:các\s+)?(?:ông,?\s*bà|ông\s*\(bà\)|thành\s+viên|đồng\s+chí)[^.:;]{0,60}:\s*$"
    r"|^\s*(?:(?:Phó\s+)?Trưởng\s+[Bb]an|(?:Các\s+)?[UuỦủ]y\s+viên|(?:Các\s+)?[Tt]hành\s+viên|Tổ\s+(?:trưởng|phó)|"
    r"(?:Phó\s+)?Chủ\s+tịch\s+Hội\s+đồng)\b[^.:;]{0,80}:\s*(?:$|[A-ZĐ])"
)
# The powers of a body a decision sets up, not its duties: "Điều 3. Quyền hạn của Ban Chỉ đạo" /
# "1. Được mời tham dự …", "4. Yêu cầu các Bộ … cung cấp thông tin" ("Nhiệm vụ và quyền hạn" are duties).
_POWERS = re.compile(r"^\s*Quyền(?:\s+hạn)?(?:\s+của\b|\s*[:.]|\s*$)")


# The reports a meeting heard, not work: a monthly Government resolution's section "III. Về việc báo
# cáo Chính phủ theo quy định tại khoản 4 Điều 3 Quy chế làm việc của Chính phủ … tại Phiên họp Chính
# phủ, các Bộ đã có báo cáo Chính phủ như sau:" / "1. Bộ Tài chính báo cáo về tiếp thu, giải trình …"
# (a convention of the NQ phiên họp Chính phủ thường kỳ: what was reported, in the past tense).
# A rule's procedure for a case, not a task given: "4. Trường hợp hợp đồng dự án quy định hình thức
# thanh toán bằng quỹ đất … thì thực hiện như sau:" / "a) Rà soát, thỏa thuận với nhà đầu tư …", "1. Đối
# với đối tượng quy định tại điểm a … thực hiện như sau:", "a) Khi nhận được quyết định phê duyệt …,
# thực hiện như sau:" (a convention of normative texts: how a power is used in each case; GUIDE leaves
# conditional duties out).
_PROCEDURE = re.compile(
    r"^\s*(?:Trường\s+hợp|Trong\s+trường\s+hợp|Đối\s+với|Nếu|Khi)\b[^:]*\b(?:thực\s+hiện|xử\s+lý|giải\s+quyết|áp\s+dụng)"
    r"\s+(?:như\s+)?sau\s*:\s*$"
)
_REPORTS_HEARD = re.compile(r"\bđã\s+(?:có\s+)?(?:báo\s+cáo|trình)\b[^.:;]{0,80}?(?:như\s+)?sau(?:\s+đây)?\s*:\s*$")


# The sentence that closes a section's own text and opens its list names who the items are for, with
# no addressee formula: "Để tiếp tục …, thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm
# vụ, giải pháp sau đây:", "Trong thời gian tới, Ủy ban nhân dân tỉnh cần tập trung thực hiện các nhiệm
# vụ sau:" (the Thông báo kết luận of a working visit, and plans); "… như sau:" ends the same way.
_LIST_INTRO = re.compile(r"(?:^|(?<=[.;]\s))(?P<intro>[^.;:]{10,400}?\ssau(?:\s+đây)?\s*:)\s*$")


# … and the intro that announces tasks by name, not views or aims ("… một số nhiệm vụ, giải pháp sau đây:").
_ANNOUNCES_TASKS = re.compile(r"\b(?:nhiệm\s+vụ|giải\s+pháp|công\s+việc|nội\s+dung)\b[^.;:]{0,80}\ssau(?:\s+đây)?\s*:\s*$")
MAX_INTRO_CHARS = 500  # of a heading's own text, the end where its list intro stands


def _list_intro(own: str) -> list[Body]:
    m = _LIST_INTRO.search(own[-MAX_INTRO_CHARS:])
    if not m:
        return []
    subj = grammar.find_subject(m.group("intro"))
    return subj.lead if subj.explicit else []


# A heading that only names who its items are for: "5. Các chủ rừng là tổ chức (…):",
# "4. Sở Y tế", "11. Các đơn vị cấp nước sạch trên địa bàn có trách nhiệm", "2. Ủy ban nhân dân tỉnh
# cần tập trung thực hiện các nhiệm vụ sau:", "b) Các sở, ban, ngành: Là các đơn vị được lấy ý kiến …".
# The head nouns that open the name of a body or a group of bodies ("Các cơ quan đăng ký đầu tư",
# "Đơn vị cấp nước", "Thủ trưởng các sở, ban, ngành", "Người đứng đầu cơ quan …").
_BODY_HEAD = re.compile(
    r"^(?:Các\s+|các\s+)?(?:Sở|Bộ|Ban(?!\s+hành)|Ủy\s+ban|Uỷ\s+ban|UBND|Hội\s+đồng|Cơ\s+quan|Đơn\s+vị|Công\s+an|Thủ\s+trưởng|"
    r"Giám\s+đốc|Chủ\s+tịch|(?:Phó\s+)?Trưởng\s+[Bb]an|Hội(?!\s+nghị)|Liên\s+minh|Liên\s+đoàn|Trung\s+tâm|Viện|Báo(?!\s+cáo)|Đài|Tổng(?!\s+(?:kết|hợp))|Cục|"
    r"Văn\s+phòng|Thanh\s+tra|Kho\s+bạc|Ngân\s+hàng|Tập\s+đoàn|Công\s+ty|Doanh\s+nghiệp|Người\s+đứng\s+đầu|Lãnh\s+đạo|"
    r"Mặt\s+trận|Tòa\s+án|Toà\s+án|Bảo\s+hiểm|Thuế|Hải\s+quan|Quân\s+khu|Tỉnh\s+đoàn|Chủ\s+đầu\s+tư|Nhà\s+thầu|"
    r"Chính\s+quyền|Địa\s+phương|Chủ\s+rừng|Tổ\s+chức,\s+cá\s+nhân|[Tt]ổ\s+chức\s+chính\s+trị)\b",
    re.I,
)
_NOT_A_NAME = re.compile(r"^(?:Về|Nhiệm\s+vụ|Các\s+nhiệm\s+vụ|Một\s+số|Giải\s+pháp|Mục\s+tiêu|Nhóm|Trách\s+nhiệm)\b")
# What follows the name in such a heading: its duty ("có trách nhiệm", "cần tập trung thực hiện các
# nhiệm vụ sau"), or its description after a colon or in brackets.
_HEADING_DUTY = re.compile(
    r"\s+(?:có\s+(?:các\s+)?trách\s+nhiệm|có\s+(?:các\s+)?nhiệm\s+vụ|cần\b|tập\s+trung\s+thực\s+hiện|thực\s+hiện\s+(?:các|một\s+số|những)\s+"
    r"(?:nhiệm\s+vụ|nội\s+dung|giải\s+pháp)|chịu\s+trách\s+nhiệm"
    # the scope the heading's bodies act in: "1. Các bộ, cơ quan, địa phương căn cứ chức năng, nhiệm
    # vụ, quyền hạn được giao:", "… theo chức năng, nhiệm vụ được giao:"
    r"|,?\s*(?:căn\s+cứ|theo)\s+(?:chức\s+năng|phạm\s+vi))\b.*$"
)
_HEADING_ADDRESS = re.compile(r"^(?:Đề\s+nghị|Giao|Yêu\s+cầu)\s*:?\s+")  # "6. Đề nghị: Hội Nông dân tỉnh, …"
# A lead-in clause before the name: "Để nâng cao hiệu quả …, các sở, ngành …:".
_HEADING_LEAD_IN = re.compile(
    r"^(?:Để|Nhằm|Trên\s+cơ\s+sở|Căn\s+cứ|Sau\s+khi|Liên\s+quan\s+đến|Ngoài\s+ra|Bên\s+cạnh\s+đó)\b[^:;]*?,\s+(?=\S)"
)
# ("Trách nhiệm chung của các cơ quan, đơn vị", "Nhiệm vụ cụ thể của các bộ, cơ quan ngang bộ" the same)
_DUTIES_OF = re.compile(r"^(?:Trách\s+nhiệm|Nhiệm\s+vụ)(?:\s+(?:chung|cụ\s+thể|riêng))?(?:\s+và\s+quyền\s+hạn)?\s+của\s+(?=\S)")
_GIVEN = re.compile(r"^(?:được|đã\s+được)\s+(?:giao|phân\s+công|phân\s+cấp|ủy\s+quyền)\b")
MAX_HEADING_NAME_WORDS = 25
MIN_LISTED_SHARE = 0.8  # of a heading that lists names, the share the names cover


def _heading_name(own: str) -> str | None:
    """The body a heading names, when the heading is only that name and its duty or description."""
    head = " ".join(own.split()).rstrip(" :.")
    head = _HEADING_LEAD_IN.sub("", head, count=1)
    head = _HEADING_ADDRESS.sub("", head, count=1)
    # "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:", "3. Trách nhiệm của các sở, ngành": the
    # heading names whose duties its items are.
    duties = _DUTIES_OF.match(head)
    head = head[duties.end() :] if duties else head
    head = _HEADING_DUTY.sub("", head)
    whole = grammar.find_subject(head)
    if whole.lead and not head[whole.task_start :].strip(" .:"):
        return head  # "Các Bộ: Y tế, Công Thương": the colon opens the names themselves
    head = re.split(r"\s*[:(]", head, maxsplit=1)[0].strip(" ,-–")
    if not head or _NOT_A_NAME.match(head) or len(head.split()) > MAX_HEADING_NAME_WORDS or ";" in head:
        return None
    subj = grammar.find_subject(head)
    rest = head[subj.task_start :]
    # A group described by what it was given is still a name: "4. Các cơ quan, tổ chức, đơn vị, doanh
    # nghiệp được giao quản lý, sử dụng hoặc khai thác tài sản kết cấu hạ tầng" / "a) Thực hiện …".
    described = head[:4].lower() == "các " and _GIVEN.match(rest) is not None
    if subj.explicit and len(rest.split()) >= 2 and grammar.PREDICATE_AT_START.match(rest) and not described:
        return None  # a sentence: "Bộ Tài chính chủ trì, phối hợp … xây dựng các văn bản sau"
    if not duties and not _BODY_HEAD.match(head):
        # one name, or a list of names: "Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã Tỉnh"
        found = bodies.find_bodies(head)
        if not found or found[0].start != 0 or found[-1].end < len(head) - 2:
            return None
        if sum(m.end - m.start for m in found) < MIN_LISTED_SHARE * len(head):
            return None
    return head[:1].upper() + head[1:]


def _heading_body(own: str) -> list[Body]:
    who = _heading_name(own)
    if who is None:
        return []
    subj = grammar.find_subject(who)
    if subj.lead and not who[subj.task_start :].strip():
        return subj.lead  # "Bộ Tài chính chủ trì, phối hợp với các bộ liên quan:" names Bộ Tài chính
    found = bodies.split_bodies(who)
    if found and sum(len(b.text) for b in found) >= 0.7 * len(who):
        return grammar.as_one_group(who, found)  # "11. Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan"
    return [Body(name=who, text=who, kind=BodyKind.group if who.lower().startswith("các") else BodyKind.other)]


def _names_then_description(own: str) -> bool:
    """ "Các sở, ban, ngành: Là các đơn vị …", "Các cơ quan đăng ký đầu tư (Sở Tài chính, …)": the
    heading opens with the name and describes it."""
    return bool(re.match(r"^[^:;(]{3,200}[:(]\s*\S", own.strip())) and _heading_name(own) is not None


# A plan's activity written as fields: "1. Tổ chức tập huấn …" / "- Nội dung thực hiện: …" /
# "- Cơ quan thực hiện: Sở Nội vụ chủ trì, …" / "- Cơ quan phối hợp: …" / "- Thời gian thực hiện: Năm 2026.".
_FIELD_NAMES = (
    r"^(?:(?P<content>Nội\s+dung(?:\s+thực\s+hiện|\s+hoạt\s+động|,\s*biện\s+pháp)?|Nhiệm\s+vụ(?:\s+thực\s+hiện)?)"
    # "Đơn vị chủ trì thực hiện:", "Đơn vị chủ trì tham mưu thực hiện:", "Đơn vị phối hợp thực hiện:"
    # and the heading over both lists: "2. Cơ quan chủ trì, phối hợp" / "a) Cơ quan chủ trì" / "- …"
    r"|(?P<executor>(?:Cơ\s+quan|Đơn\s+vị)\s+(?:thực\s+hiện|chủ\s+trì(?:\s+tham\s+mưu)?(?:\s+thực\s+hiện)?)(?:,\s*(?:phối\s+hợp|thực\s+hiện))?"
    r"|Chủ\s+trì(?:\s+thực\s+hiện)?)"
    r"|(?P<partner>(?:Cơ\s+quan|Đơn\s+vị)\s+phối\s+hợp(?:\s+thực\s+hiện)?|Phối\s+hợp(?:\s+thực\s+hiện)?)"
    r"|(?P<time>Thời\s+gian(?:\s+thực\s+hiện|\s+hoàn\s+thành)?|Thời\s+hạn(?:\s+[a-zà-ỹđ]+){0,2}|Tiến\s+độ(?:\s+thực\s+hiện)?)"
    r"|(?P<product>Sản\s+phẩm|Kết\s+quả(?:\s+đầu\s+ra)?|Dự\s+kiến\s+kết\s+quả))"
)
_FIELD = re.compile(_FIELD_NAMES + r"\s*:\s*(?P<value>.*)$", re.S)
# A field's name alone heads the clauses it holds: "1. Nội dung, biện pháp" / "a) Tổ chức Hội nghị …",
# "a) Cơ quan chủ trì" / "- Ban Chỉ đạo quốc gia." (a plan that writes each part's task table as
# labelled clauses: content, then the lead and partner lists, then "3. Thời gian thực hiện: …").
_FIELD_HEADING = re.compile(_FIELD_NAMES + r"\s*:?\s*(?P<value>)$", re.S)


@dataclass
class _Activity:
    heads: list[Clause] = field(default_factory=list)  # items before the fields: what is to be done
    fields: list[tuple[str, str, Clause, list[Clause]]] = field(default_factory=list)  # kind, value, item, its items


def _field_of(item: Clause) -> tuple[str, str] | None:
    m = _FIELD.match(item.text.strip())
    if not m and item.children:
        m = _FIELD_HEADING.match(item.text.strip())
    if not m:
        return None
    kind = next(k for k in ("content", "executor", "partner", "time", "product") if m.group(k))
    return kind, m.group("value").strip()


def _activities(items: list[Clause]) -> list[_Activity]:
    """Group a clause's items into activities: head items, then their fields; a field with an empty
    value ("- Cơ quan thực hiện:") owns the items that follow it."""
    groups: list[_Activity] = []
    cur: _Activity | None = None
    for item in items:
        f = _field_of(item)
        if f:
            if cur is None:
                cur = _Activity()
                groups.append(cur)
            cur.fields.append((f[0], f[1], item, []))
            continue
        if cur is not None and cur.fields and cur.fields[-1][1]:
            cur = None  # a new activity starts after a complete field
        if cur is None:
            cur = _Activity()
            groups.append(cur)
        if cur.fields:
            cur.fields[-1][3].append(item)
        else:
            cur.heads.append(item)
    return groups


def _activity_records(clause: Clause, own: str, inherited: list[Body], ctx: ExtractContext) -> list[Assignment] | None:
    """Records of a clause whose items are activity fields, or None when it has no executor field.

    The executor field names the lead, the content field (else the head items, else the heading)
    the task, the time field its deadline; an executor list naming several bodies with tasks of their
    own ("Sở A chủ trì …; Sở B tổ chức …") gives the later bodies their own records.
    """
    items = [c for c in clause.children if c.kind is ClauseKind.item]
    if not items or not any(_field_of(c) for c in items):
        # The fields may be points with their own items: "a) Nhiệm vụ:" / "- …" / "b) Cơ quan thực
        # hiện:" / "- Đơn vị chủ trì: Sở Khoa học và Công nghệ." / "c) Thời gian thực hiện: Năm 2025."
        points = [c for c in clause.children if c.kind is ClauseKind.point]
        if any(_field_of(c) for c in points):
            items = [c for p in points for c in (p, *p.children)]
        # or numbered parts whose fields hold their own lists: "I. CÔNG TÁC …" / "1. Nội dung, biện
        # pháp" / "a) …" / "2. Cơ quan chủ trì, phối hợp" / "a) Cơ quan chủ trì" / "- …" / "3. Thời gian …"
        parts = [c for c in clause.children if c.kind is ClauseKind.section]
        if not items and sum(1 for c in parts if _field_of(c)) >= 2:
            items = [c for part in parts for c in part.walk()]
    groups = _activities(items)
    if not any(k == "executor" for g in groups for k, *_ in g.fields):
        return None
    out: list[Assignment] = []
    last_lead = inherited
    for n, g in enumerate(groups):
        by_kind = {k: (v, item, subs) for k, v, item, subs in reversed(g.fields)}
        # "b) Cơ quan thực hiện:" over "- Đơn vị chủ trì: Sở X.": the field with a value names the lead
        named = next(((v, item, subs) for k, v, item, subs in g.fields if k == "executor" and v), None)
        if named and not by_kind["executor"][2]:
            by_kind["executor"] = named
        # "2. Cơ quan chủ trì, phối hợp" over "a) Cơ quan chủ trì" / "- …": the field with a list names it
        listed = next(((v, item, subs) for k, v, item, subs in g.fields if k == "executor" and subs), None)
        if "executor" in by_kind and not named and not by_kind["executor"][2] and listed:
            by_kind["executor"] = listed
        if not g.fields:
            for head in g.heads:
                out += records_from(head, head.text, head.span.start, inherited, ctx)
            continue
        # An activity that names no executor is the previous one's ("- Nghị định A" / "+ Cơ quan chủ
        # trì: Bộ X" … "- Nghị định B" / "+ Thời hạn: …").
        value, item, subs = by_kind.get("executor", ("", clause, []))
        executors = [(value, item)] if value else [(sub.text, sub) for sub in subs]
        lead: list[Body] = []
        extra: list[Assignment] = []
        for k, (text, src) in enumerate(executors):
            found = records_from(src, text, src.span.start, [], ctx)
            if k == 0:
                subj = grammar.find_subject(text)
                lead = subj.lead or bodies.split_bodies(text.rstrip(" .;")) or (found[0].lead if found else [])
                found = [r for r in found if r.lead and r.lead != lead]
            extra += found
        lead = lead or last_lead
        last_lead = lead
        partner = by_kind.get("partner")
        coordinating = bodies.split_bodies(partner[0].rstrip(" .;")) if partner and partner[0] else []
        if partner and not partner[0] and partner[2]:  # "b) Cơ quan phối hợp" / "- Mặt trận …" / "- …"
            coordinating = [b for sub in partner[2] for b in bodies.split_bodies(sub.text.rstrip(" .;"))]
        content = by_kind.get("content")
        if g.heads:
            sources = [(h.text, h) for h in g.heads]
        elif content and content[0]:
            sources = [(content[0], content[1])]
        elif content and content[2]:
            sources = [(sub.text, sub) for sub in content[2]]
        elif n == 0:
            sources = [(own, clause)]
        else:
            sources = []
        time = by_kind.get("time")
        # its value reads as a table's time cell does ("Năm 2027", "Tháng 12/2013 và thường xuyên")
        due = deadline_cells.parse_cell_deadline(time[0], ctx.issued) if time and time[0] else None
        for text, src in sources:
            for r in records_from(src, text, src.span.start, lead, ctx, coordinating=coordinating):
                if r.deadline is None and due is not None:
                    r = r.model_copy(update={"deadline": due, "recurrence": due.recurrence})
                out.append(r)
        out += extra
        if time and not time[0]:  # "- Thời gian thực hiện:" then "+ Bộ A gửi … trước ngày …"
            for sub in time[2]:
                out += records_from(sub, sub.text, sub.span.start, [], ctx)
    return out


# A section title in capitals before its first sentence, on one line once wrapped lines are joined:
# "VII. CHẾ ĐỘ BÁO CÁO Các sở, ban, ngành … gửi báo cáo …", "V. KINH PHÍ Ủy ban nhân dân …".
_WORD = re.compile(r"\S+\s*")
MIN_TITLE_WORDS = 2


def caps_title_end(text: str) -> int:
    """Length of a capitals title that opens `text` before a sentence, else 0."""
    n = 0
    for m in _WORD.finditer(text):
        word = m.group(0).strip().rstrip(",")
        if word.isupper():
            n += 1
            continue
        # the sentence after the title opens with a capitalised word ("Các", "Sở")
        return m.start() if n >= MIN_TITLE_WORDS and word[:1].isupper() else 0
    return 0


def _after_title(own: str) -> list[Body]:
    """The subject of a heading's sentence that follows its title on the same line once the line
    break is lost: "d) Các hoạt động chính [Căn cứ tình hình thực tế, các cơ quan, đơn vị, địa
    phương phối hợp thực hiện các hoạt động sau:]"."""
    for k in range(2, min(len(own), MAX_TITLE_CHARS)):
        if own[k - 1] != " " or not own[k].isupper() or not own[k - 2].islower():
            continue
        if own[:k].split()[-1].lower() in _LINKING_WORDS:
            continue  # "… quy hoạch khu vực TOD của Thành phố phải bảo đảm …": one sentence
        if not grammar.opens_sentence(own[k:]):
            continue  # "7. Xây dựng Quyết định của Thủ tướng Chính phủ ban hành …": a name inside the title
        subj = grammar.find_subject(own[k:])
        if subj.explicit and not any(map(grammar.is_back_reference, subj.lead)):
            return subj.lead
    return []


MAX_TITLE_WRAPS = 2


def _title_line(clause: Clause, own: str, ctx: ExtractContext) -> tuple[str, str] | None:
    """The first line of a clause and the rest, when the first line is a heading of its own (no
    closing punctuation) and `own` ends with the rest; the line break is lost in `clause.text`."""
    # a heading's own text ends where its first child starts
    end = min([c.span.start for c in clause.children if c.span.start > clause.span.start], default=clause.span.end)
    raw = ctx.text[clause.span.start : end]
    first, sep, rest = raw.partition("\n")
    # A text layer wraps a long title: its next line goes on in lower case ("3. Xây dựng các văn bản
    # … quy định chi tiết các" / "nội dung được giao trong Luật Việc làm" / "Sở, ban, ngành … có trách
    # nhiệm …"); the title ends before the line that opens with a capital.
    for _ in range(MAX_TITLE_WRAPS):
        head_line, nl, tail = rest.partition("\n")
        if not nl or not head_line[:1].islower() or first.rstrip().endswith((".", ";", ":")) or not tail[:1].isupper():
            break
        first, rest = f"{first} {head_line}", tail
    rest = " ".join(rest.split())
    if not sep or not rest or first.rstrip().endswith((".", ";", ":")) or not own.endswith(rest):
        return None
    head = own[: len(own) - len(rest)].strip()
    # A text PDF breaks lines inside sentences; a name across the break ("… trình Thủ tướng" /
    # "Chính phủ ban hành …") shows the break is a wrap, not the end of a heading.
    if any(m.start < len(head) < m.end for m in bodies.find_bodies(f"{head} {rest[:MAX_TITLE_CHARS]}")):
        return None
    return head, rest


# How the sentence under a task title states its lead's duty: "… có trách nhiệm rà soát", "… chủ trì, …".
_STATED_DUTY = re.compile(r"(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|chủ\s+trì|phải|cần|chủ\s+động)\b")


def _after_title_line(clause: Clause, own: str, ctx: ExtractContext) -> tuple[str, list[Body]]:
    """Split a leaf clause whose first line is a heading: the task text and the lead it names.

    A Kế hoạch item may be a title line and a sentence that names who does it: "3. Xây dựng các
    văn bản … trong Luật Việc làm" / "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm
    rà soát …" — the task is the sentence (a title names work: it opens with a verb, unlike "b)
    Tiêu chuẩn khen thưởng"). Or the heading is the name and the next line its duties, as in the
    "Tổ chức thực hiện" of a plan: "2. Các cơ quan trực thuộc Bộ Văn hóa, Thể thao và Du lịch" /
    "Chủ trì, phối hợp với …", "4. Các tổ chức, cá nhân liên quan" / "Phối hợp với …". Otherwise
    `own` stays whole with no lead of its own."""
    split = _title_line(clause, own, ctx)
    if split is None:
        return own, []
    first, rest = split
    if grammar.PREDICATE_AT_START.match(first):
        subj = grammar.find_subject(rest)
        duty = _STATED_DUTY.match(rest[subj.task_start :])
        return (rest, []) if duty and subj.explicit and not any(map(grammar.is_back_reference, subj.lead)) else (own, [])
    # (or with its scope first: "1. Công an tỉnh, các sở, ban, ngành …" / "Theo chức năng, nhiệm vụ,
    # phạm vi quản lý tổ chức tuyên truyền …")
    scope = grammar.SCOPE_OPENER.match(rest)
    verb_at = scope.end() if scope else 0
    if rest[:1].isupper() and grammar.PREDICATE_AT_START.match(rest, verb_at) and (named := _heading_body(first)):
        return rest, named
    # An article titled by whose duties it states, and its sentence naming them: "Điều 2. Trách nhiệm
    # của Ủy ban nhân dân các tỉnh, thành phố" / "Ủy ban nhân dân các tỉnh, thành phố quản lý, sử dụng
    # số kinh phí …" (not a definition: "3. Tiêu chuẩn khen thưởng" / "Các sở, ngành căn cứ …").
    if _DUTIES_OF.match(first) and rest[:1].isupper() and (subj := grammar.find_subject(rest)).explicit and subj.lead:
        return rest, []
    # An article of a Quy định titled by its topic, its sentence naming who does it and how: "Điều 6.
    # Hiệp thương giá" / "Sở quản lý ngành, lĩnh vực chủ trì hiệp thương giá đối với …", "Điều 7. Kiểm
    # tra yếu tố hình thành giá" / "Các Sở … có trách nhiệm thực hiện kiểm tra …" (the title names the
    # topic; the duty is the sentence's).
    if clause.label.startswith("Điều") and _doer_of(rest):
        return rest, []
    return own, []


# A sentence that asks for a report on the topics its items list: "… báo cáo Thủ tướng Chính phủ
# trong tháng 3 các vấn đề sau:", "… báo cáo Bộ Y tế những nội dung sau đây:".
_REPORT_REQUEST = re.compile(
    r"\bbáo\s+cáo\b[^.;:]{0,200}?\b(?:các|những|một\s+số)\s+(?:vấn\s+đề|nội\s+dung)\s+(?:cụ\s+thể\s+|chính\s+|chủ\s+yếu\s+)?"
    r"(?:như\s+)?sau(?:\s+đây)?\s*:\s*$"
)


def _doer_of(sentence: str) -> list[Body]:
    """The lead a sentence under a title line opens with, when it names one (no back-reference)
    and states what that lead does: a verb or a stated duty after the name; else []."""
    if not sentence[:1].isupper():
        return []
    subj = grammar.find_subject(sentence)
    if not subj.explicit or not subj.lead or any(map(grammar.is_back_reference, subj.lead)):
        return []
    after = sentence[subj.task_start :].lstrip(" ,")
    return subj.lead if grammar.PREDICATE_AT_START.match(after) or _STATED_DUTY.match(after) else []


def _named_title_line(split: tuple[str, str]) -> tuple[str, list[Body]] | None:
    """The task line under a heading line that is only a name (`_title_line`'s split), and the
    bodies the name gives."""
    first, rest = split
    if not (rest[:1].isupper() and grammar.PREDICATE_AT_START.match(rest)) or grammar.PREDICATE_AT_START.match(first):
        return None
    # only a name the gazetteer knows: "9. Doanh nghiệp số" / "Phát triển các doanh nghiệp số là …"
    # is a topic and its text
    found = bodies.find_bodies(first)
    if not found or found[0].start > 0:
        return None
    named = _heading_body(first)
    return (rest, named) if named else None


def _name_line(first: str) -> list[Body]:
    """The bodies a heading line names when it is only a name (no verb), else []."""
    if grammar.PREDICATE_AT_START.match(first):
        return []
    # a name the gazetteer knows, or a plural group ("Các sở quản lý …"); "9. Doanh nghiệp số" /
    # "Phát triển …" / "Trọng tâm:" is a topic
    if first[:4].lower() != "các " and not ((found := bodies.find_bodies(first)) and found[0].start == 0):
        return []
    return _heading_body(first)  # [] when `_heading_name` reads no name


_LINKING_WORDS = frozenset({"của", "với", "cho", "và", "tại", "đến", "về", "theo", "do", "giữa", "trên", "từ", "là", "các"})


MAX_TITLE_CHARS = 120


def _names_products(own: str, subitems: list[Clause]) -> bool:
    """ "… hoàn thiện các báo cáo: (i) Báo cáo tình hình …; (ii) Báo cáo xử lý …": the sub-items name
    the products of one task (they open with the noun the heading ends on), not tasks of their own."""
    head = [w.lower() for w in own.rstrip(" :").split()[-2:]]
    if not own.rstrip().endswith(":") or len(head) != 2:
        return False
    return all([w.lower() for w in sub.text.split()[:2]] == head for sub in subitems)


_INLINE_NUMBERS = re.compile(r"[:;.]\s+\(1\)\s")


def _heading_deadline(own: str, ctx: ExtractContext) -> Deadline | None:
    """The deadline a heading sets for the items it introduces: "b) Các Bộ: Tài chính, Y tế … khẩn
    trương khắc phục …, hoàn thành trong tháng 11 năm 2025, cụ thể: (1) Bộ Tài chính …"."""
    if not own.rstrip().endswith(":"):
        return None
    # Only the unit that introduces the items counts: in "Từ nay đến hết năm 2025 chỉ còn gần 2 tháng
    # …; do vậy, yêu cầu các bộ, ngành …:" the year is context, not the items' deadline.
    last = max(own.rstrip().rfind(";"), own.rstrip().rfind(". "), 0)
    found = [m for m in deadlines.find_deadlines(own[last:], ctx.issued) if m.cue and m.deadline.due is not None]
    return found[-1].deadline if found else None


SUBITEM_PROBE_CHARS = 40  # of the first sub-item's text, looked up in its parent's when its label is garbled


MAX_GROUP_HEADING_WORDS = 20
MIN_VERB_ITEMS_SHARE = 0.6  # of the items under a described group, those opening with a listed verb


def _described_group(own: str, items: list[Clause]) -> bool:
    """A short heading without a closing mark over dash items that open with their verbs and name
    no doer of their own (see its use in `_walk`)."""
    head = own.strip()
    if not head or head[-1] in ".:;" or len(head.split()) > MAX_GROUP_HEADING_WORDS:
        return False
    if not all(c.kind is ClauseKind.item and not grammar.find_subject(c.text[:400]).explicit for c in items):
        return False
    verbs = sum(bool(grammar.PREDICATE_AT_START.match(c.text.lstrip(" -–+•"))) for c in items)
    return verbs >= MIN_VERB_ITEMS_SHARE * len(items)  # "Tuân thủ …" is a verb the list lacks


_PARTS_INTRO = re.compile(r"\b(?:bao\s+gồm|gồm\s+có|gồm)\s*:\s*$")
# A duty that ends "đối với:" takes its items as the objects the preposition governs, noun phrases
# even where their first word can be a verb: "1. Sở Tài chính chịu trách nhiệm cập nhật … vào Cơ sở
# dữ liệu về giá đối với:" / "a) Báo cáo giá thị trường …;" / "b) Giá tính lệ phí trước bạ …"; "Bộ
# Khoa học và Công nghệ … thực hiện việc ban hành … quy chuẩn kỹ thuật đối với:" / "a) Quy chuẩn …".
_OBJECTS_INTRO = re.compile(r"\bđối\s+với\s*:\s*$")


def _lists_its_parts(own: str, items: list[Clause]) -> bool:
    """A task that ends "bao gồm:" over items that are names, not tasks (no verb, no doer), or
    "đối với:" over items that name no doer of their own."""
    if not _opens_task(own):
        return False
    if _OBJECTS_INTRO.search(own):
        return all(not c.children and not grammar.find_subject(c.text[:400]).explicit for c in items)
    if not _PARTS_INTRO.search(own):
        return False
    return all(not c.children and not _opens_task(c.text) for c in items)


def _own_text(clause: Clause, subitems: list[Clause]) -> str:
    text = clause.text
    if subitems:
        first = text.find(subitems[0].label)
        if first < 0:  # the label as OCR wrote it ("(¡)" for "(i)"): find the item's text, cut at its "("
            at = text.find(subitems[0].text[:SUBITEM_PROBE_CHARS])
            first = text.rfind("(", 0, at) if at > 0 else -1
        text = text[:first] if first > 0 else text
    return text[caps_title_end(text) :]


# The closing unit of a heading that introduces its items: "…; trong đó lưu ý thực hiện tốt một số
# nội dung trọng tâm sau:", ". Cụ thể như sau:".
_LIST_INTRO_TAIL = re.compile(r"[;.]\s+(?P<intro>[^;.]*?(?:sau|như\s+sau|gồm|bao\s+gồm)\s*:)\s*$")
MIN_HEADING_TASK_WORDS = 8


def _is_task_heading(own: str, subj: grammar.Subject, titled: bool = False) -> bool:
    """A clause with children is itself a task when it is a full sentence beyond its subject.

    A numbered heading that states a duty of its own before introducing its items keeps that duty:
    "1. Các đồng chí Bộ trưởng … đề cao trách nhiệm, trực tiếp chỉ đạo thực hiện …; trong đó lưu ý
    chú trọng một số nội dung sau:" is a task, and so are its items. Only a named subject counts (an
    unnamed "a) Đổi mới … theo hướng:" describes its items), and not the intro paragraph under a
    section title ("II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo,
    chỉ đạo …; trong đó lưu ý một số nội dung trọng tâm sau:"), which only addresses the items.
    """
    body = own[subj.task_start :].strip()
    if own.rstrip().endswith(":") and subj.explicit and not titled and (tail := _LIST_INTRO_TAIL.search(own)):
        duty = own[subj.task_start : tail.start()].split()
        return len(duty) >= MIN_HEADING_TASK_WORDS
    return bool(body) and own.rstrip().endswith((".", ";")) and len(body.split()) >= 4
