"""Render the dev set's clean texts to every input route the parser meets in the wild.

For each annotated document ``bench/dev/docs/<id>.txt`` (clean text, one paragraph a line, task
tables as pipe rows) this writes ``<out>/<id>/<id>.<route>`` for the routes

  text.pdf     an official-looking text-layer PDF (reportlab, DejaVu Serif): A4 portrait prose,
               justified paragraphs, the header block (issuer | national motto, number | place and
               date, centred title) when the text starts with one, every pipe table as a ruled
               reportlab Table on landscape A4 pages (header row repeated on each page, column
               widths proportional to each column's text), page numbers at the bottom;
  scan.pdf     that PDF rasterised at a per-document dpi (200-300), greyscale, with seeded scan
               damage (rotation within +-0.8 degrees, blur, noise, uneven brightness, JPEG quality
               40-75), saved as an image-only PDF;
  docx         a Word file (python-docx): paragraphs in order, pipe tables as real Word tables on
               landscape sections (header row repeating); for every other document (parity of a
               SHA-256 of the id) the labels "1.", "a)", "2.3." are produced by Word automatic
               numbering (numPr) instead of being written as text;
  eng-ocr.txt  the scan's page images OCR'd by Tesseract's ENGLISH model (-l eng --psm 4), pages
               joined by form feeds, like archives OCR'd long ago with the wrong language model.

Everything is deterministic (seeded by the id). Outputs newer than their sources are skipped unless
--force. With --check-docx the numbered .docx files are converted back to text (LibreOffice when
installed, otherwise by reading numbering.xml) and their list labels compared with the source.

    .venv/bin/python bench/dev/render_routes.py                      # all docs, all routes
    .venv/bin/python bench/dev/render_routes.py --ids ct-01 tbl-03 --routes text.pdf,scan.pdf
    .venv/bin/python bench/dev/render_routes.py --jobs 2 --force --check-docx
    .venv/bin/python bench/dev/render_routes.py --docs /tmp/mydocs --out /tmp/routes

The default output folder <repo>/out/dev-routes/ is excluded by the repo's .gitignore (/out/).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DOCS = REPO / "bench" / "dev" / "docs"
DEFAULT_OUT = REPO / "out" / "dev-routes"
ROUTES = ("text.pdf", "scan.pdf", "docx", "eng-ocr.txt")
# What each route is made from (besides the .txt itself).
UPSTREAM = {"text.pdf": None, "scan.pdf": "text.pdf", "docx": None, "eng-ocr.txt": "scan.pdf"}

# DejaVu first: the Liberation Serif installed here lacks precomposed Vietnamese capitals (Ủ, Ớ).
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONT_FILES = {
    "Serif": "DejaVuSerif.ttf",
    "Serif-Bold": "DejaVuSerif-Bold.ttf",
    "Serif-Italic": "DejaVuSerif-Italic.ttf",
    "Serif-BoldItalic": "DejaVuSerif-BoldItalic.ttf",
}

# ----------------------------------------------------------------------------------------------
# The source text as blocks
# ----------------------------------------------------------------------------------------------

NATIONAL = re.compile(r"c[ộo]ng\s+h[òoà]a\s+x[ãa]\s+h[ộo]i", re.I)
MOTTO = re.compile(r"^đ[ộo]c\s+l[ậa]p\s*[-–—]", re.I)
NUMBER_LINE = re.compile(r"^s[ốo]\s*[:.]?\s*\S*\d", re.I)
DATE_LINE = re.compile(r"ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\d{4}", re.I)
SEPARATOR = re.compile(r"^[\s_\-–—=*.]{3,}$")
DOC_TITLE = re.compile(
    r"^(CHỈ THỊ|QUYẾT ĐỊNH|CÔNG ĐIỆN|THÔNG BÁO|NGHỊ QUYẾT|KẾ HOẠCH|CHƯƠNG TRÌNH|"
    r"PHỤ LỤC|DANH MỤC|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN|BÁO CÁO|CHIẾN LƯỢC|KẾT LUẬN|"
    r"THÔNG TƯ|NGHỊ ĐỊNH|HƯỚNG DẪN|CÔNG VĂN)(\s+[IVX\d]+)?$"
)
ROMAN_HEAD = re.compile(r"^[IVXLC]+\.\s")
ANNEX_NOTE = re.compile(r"^\((kèm theo|ban hành kèm|ban hành theo)", re.I)
RECIPIENTS = re.compile(r"^nơi\s+nhận\s*:?", re.I)
SIGN_ROLE = re.compile(
    r"^(KT\.|TM\.|Q\.|TL\.|TUQ\.|PHÓ |THỦ TƯỚNG|BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|CHÁNH |"
    r"TỔNG |THỨ TRƯỞNG|ỦY VIÊN|BÍ THƯ|TRƯỞNG BAN|CHỦ NHIỆM|VIỆN TRƯỞNG)"
)
TABLE_SEP_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
# Labels that the .docx route may hand to Word numbering.
DEC_LABEL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.\s+(?=\S)")
LET_LABEL = re.compile(r"^([a-zđ])\)\s+(?=\S)")


def stable_int(*parts: str) -> int:
    return int(hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16], 16)


def numbered_docx(doc_id: str) -> bool:
    """Every other document (parity of a stable hash of the id) gets Word automatic numbering."""
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 2 == 1


def is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(not c.islower() for c in letters)


def is_title_case_name(s: str) -> bool:
    words = s.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not s.endswith((".", ":", ";"))


@dataclass
class Header:
    issuer: list[str] = field(default_factory=list)
    national: list[str] = field(default_factory=list)  # "CỘNG HÒA …", motto
    number: list[str] = field(default_factory=list)  # "Số: …", "V/v …"
    date: list[str] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # header | title | subtitle | heading | section | para | note | recipients | sign | table
    text: str = ""
    rows: list[list[str]] | None = None
    header: Header | None = None


def split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def parse_header(lines: list[str]) -> tuple[Header | None, int]:
    """The official header block at the top: issuer, national name and motto, number, place/date.

    Found by the national name or the motto ("Độc lập - Tự do - Hạnh phúc") in the first lines, in
    whatever order the annotator copied them. When the text has the motto but not the national name
    (most dev texts), the rendering adds "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" above it, as on paper.
    """
    k = next((i for i, l in enumerate(lines[:8]) if NATIONAL.search(l) or MOTTO.match(l)), None)
    if k is None:
        return None, 0
    h = Header()

    def take(l: str, before_anchor: bool) -> bool:
        if SEPARATOR.match(l):
            return True
        if NATIONAL.search(l) or MOTTO.match(l):
            h.national.append(l)
            return True
        if NUMBER_LINE.match(l) or (h.number and re.match(r"^(v/v|về việc)\b", l, re.I)):
            h.number.append(l)
            return True
        if DATE_LINE.search(l) and len(l) < 100:
            h.date.append(l)
            return True
        if before_anchor:
            h.issuer.append(l)
            return True
        if not (h.number or h.date) and is_upper(l) and not DOC_TITLE.match(l) and len(l) < 80:
            h.issuer.append(l)
            return True
        return False

    for l in lines[:k]:
        take(l, True)
    i = k
    while i < len(lines) and i < k + 10 and take(lines[i], False):
        i += 1
    if not any(NATIONAL.search(x) for x in h.national):
        h.national.insert(0, NATIONAL_NAME)
    return h, i


def parse_doc(text: str, doc_id: str = "") -> list[Block]:
    text = unicodedata.normalize("NFC", text.replace("\r", ""))
    lines = [l.strip() for l in text.split("\n")]
    lines = [l for l in lines if l and l != "\f"]
    blocks: list[Block] = []
    header, i = parse_header(lines)
    if header:
        blocks.append(Block("header", header=header))
    after_title = 0  # subtitle lines still allowed after a document-type title
    mode = ""  # "", "recipients", "sign"
    while i < len(lines):
        l = lines[i]
        if l.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not TABLE_SEP_ROW.match(lines[i]):
                    rows.append(split_row(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            blocks.append(Block("table", rows=rows))
            after_title, mode = 0, ""
            continue
        i += 1
        if SEPARATOR.match(l):
            continue
        if doc_id.startswith("news") and not blocks:
            blocks.append(Block("headline", l))
            continue
        if RECIPIENTS.match(l):
            mode = "recipients"
            blocks.append(Block("recipients", l))
            continue
        if mode == "recipients":
            if l.startswith(("-", "+", "•")) or (len(l) < 60 and l.endswith((";", ".")) and not is_upper(l)):
                blocks.append(Block("recipients", l))
                continue
            mode = "sign"
        if mode == "sign":
            if len(l) < 70 and (SIGN_ROLE.match(l) or is_title_case_name(l) or re.match(r"^\(?đã ký\)?$", l, re.I)):
                blocks.append(Block("sign", l))
                continue
            mode = ""
        if (
            len(l) < 70
            and (SIGN_ROLE.match(l) and is_upper(l))
            and i < len(lines)
            and (is_title_case_name(lines[i]) or SIGN_ROLE.match(lines[i]) or RECIPIENTS.match(lines[i]))
            and not DOC_TITLE.match(l)
        ):
            mode = "sign"
            blocks.append(Block("sign", l))
            continue
        if DOC_TITLE.match(l.rstrip(":")) and not l.endswith(":"):
            blocks.append(Block("title", l))
            after_title = 3
            continue
        if ROMAN_HEAD.match(l):
            blocks.append(Block("section", l))
            after_title = 0
            continue
        if after_title and is_upper(l) and not SIGN_ROLE.match(l) and not l.endswith(":"):
            blocks.append(Block("subtitle", l))
            after_title -= 1
            continue
        if is_upper(l) and len(l) < 160:
            blocks.append(Block("heading", l))
            after_title = max(after_title - 1, 0) if after_title else 0
            continue
        if ANNEX_NOTE.match(l):
            blocks.append(Block("note", l))
            continue
        if after_title and len(l) < 260 and not l.endswith((".", ";", ":")) and not DEC_LABEL.match(l) and not LET_LABEL.match(l):
            blocks.append(Block("subtitle", l))
            after_title -= 1
            continue
        after_title = 0
        blocks.append(Block("para", l))
    return blocks


# ----------------------------------------------------------------------------------------------
# text.pdf
# ----------------------------------------------------------------------------------------------

_FONTS_READY = False


def register_fonts() -> None:
    global _FONTS_READY
    if _FONTS_READY:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in FONT_FILES.items():
        path = next((d / file for d in FONT_DIRS if (d / file).exists()), None)
        if path is None:
            sys.exit(f"font {file} not found in {', '.join(map(str, FONT_DIRS))} (apt-get install fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping("Serif", 0, 0, "Serif")
    addMapping("Serif", 1, 0, "Serif-Bold")
    addMapping("Serif", 0, 1, "Serif-Italic")
    addMapping("Serif", 1, 1, "Serif-BoldItalic")
    _FONTS_READY = True


def column_widths(rows: list[list[str]], total: float, font_size: float) -> list[float]:
    """Widths proportional to each column's text length, never narrower than its longest word;
    the task column ("Nội dung nhiệm vụ" or the longest) is the widest."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ncol = len(rows[0])
    pad = 12.0
    length = [sum(len(r[j]) for r in rows) + 4 for j in range(ncol)]
    minimum, word_min = [], []
    for j in range(ncol):
        words = [w for r in rows[1:] for w in r[j].split()] or [""]
        head = rows[0][j].split() or [""]
        m = max([stringWidth(w, "Serif", font_size) for w in words] + [stringWidth(w, "Serif-Bold", font_size) for w in head])
        # short entries ("Bộ Tài chính", "Quý III năm 2026") should not wrap word by word
        cells = sorted(stringWidth(r[j], "Serif", font_size) for r in rows[1:] if r[j]) or [0.0]
        median = cells[len(cells) // 2]
        word_min.append(m + pad + 2)
        minimum.append(max(m, min(median, 30 * 72 / 25.4)) + pad + 2)
    if sum(minimum) > total:  # keep the longest words whole, give up the rest of the comfort
        extra = sum(minimum) - sum(word_min)
        room = max(0.0, total - sum(word_min))
        minimum = [w + (m - w) * (room / extra if extra else 0) for w, m in zip(word_min, minimum)]
    task = next((j for j, h in enumerate(rows[0]) if re.search(r"nhiệm vụ|nội dung|công việc|tên", h, re.I)), None)
    if task is None or length[task] < 0.5 * max(length):
        task = max(range(ncol), key=lambda j: length[j])
    widths = [0.0] * ncol
    fixed: set[int] = set()
    for _ in range(ncol + 1):  # columns held at their minimum drop out of the share
        free = [j for j in range(ncol) if j not in fixed]
        room = total - sum(minimum[j] for j in fixed)
        share = sum(length[j] for j in free) or 1
        for j in free:
            widths[j] = room * length[j] / share
        for j in fixed:
            widths[j] = minimum[j]
        newly = {j for j in free if widths[j] < minimum[j]}
        if not newly:
            break
        fixed |= newly
    others = [w for j, w in enumerate(widths) if j != task]
    if others and widths[task] <= max(others):
        want = max(others) * 1.15
        give = want - widths[task]
        spare = {j: widths[j] - minimum[j] for j in range(ncol) if j != task and widths[j] > minimum[j]}
        tot = sum(spare.values())
        if tot > 0:
            give = min(give, tot)
            for j, s in spare.items():
                widths[j] -= give * s / tot
            widths[task] += give
    return widths


GROUP_NUM = re.compile(r"^([IVXLC]+|[A-ZĐ])\.?$")


def group_row(row: list[str]) -> str | None:
    """'all' for a row whose whole text is in the first cell ("I. Bộ, ngành"), 'title' for
    "| I | Hoàn thiện thể chế | | |", None for an ordinary row."""
    if len(row) < 2:
        return None
    if row[0] and not any(row[1:]):
        return "all"
    if (
        len(row) > 2
        and row[1]
        and not any(row[2:])
        and (GROUP_NUM.match(row[0]) or not row[0])
        and (GROUP_NUM.match(row[0]) or is_upper(row[1]))
    ):
        return "title"
    return None


def table_font(rows: list[list[str]], total: float) -> float:
    """The largest cell font size (10 pt down to 6 pt) at which no column is narrower than its longest word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for size in (10, 9, 8, 7, 6):
        need = sum(
            max(
                stringWidth(w, "Serif-Bold" if r == 0 else "Serif", size)
                for r, row in enumerate(rows)
                for w in (row[j].split() or [""])
            )
            + 14
            for j in range(len(rows[0]))
        )
        if need <= total:
            return size
    return 6


def write_text_pdf(blocks: list[Block], path: Path, doc_id: str) -> int:
    """Typeset the blocks; returns the page count."""
    register_fonts()
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    body = ParagraphStyle(
        "body", fontName="Serif", fontSize=12.5, leading=17, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=5
    )
    centre = ParagraphStyle("centre", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    title = ParagraphStyle("title", parent=centre, fontName="Serif-Bold", fontSize=14, leading=19, spaceBefore=10, spaceAfter=2)
    subtitle = ParagraphStyle("subtitle", parent=centre, fontName="Serif-Bold", fontSize=12.5, spaceAfter=2)
    heading = ParagraphStyle("heading", parent=centre, fontName="Serif-Bold", spaceBefore=6)
    section = ParagraphStyle("section", parent=body, fontName="Serif-Bold", firstLineIndent=10 * mm, spaceBefore=4)
    note = ParagraphStyle("note", parent=centre, fontName="Serif-Italic", fontSize=12)
    headline = ParagraphStyle(
        "headline",
        parent=body,
        fontName="Serif-Bold",
        fontSize=17,
        leading=22,
        alignment=TA_LEFT,
        firstLineIndent=0,
        spaceAfter=12,
    )
    small = ParagraphStyle("small", parent=body, fontSize=10, leading=12.5, alignment=TA_LEFT, firstLineIndent=0, spaceAfter=0)
    small_b = ParagraphStyle("small_b", parent=small, fontName="Serif-BoldItalic", fontSize=11, spaceBefore=10)
    sign = ParagraphStyle("sign", parent=centre, fontName="Serif-Bold", leftIndent=80 * mm, spaceAfter=2)
    hcell = ParagraphStyle("hcell", parent=centre, fontSize=10.5, leading=14, spaceAfter=0)
    hcell_b = ParagraphStyle("hcell_b", parent=hcell, fontName="Serif-Bold")
    hcell_i = ParagraphStyle("hcell_i", parent=hcell, fontName="Serif-Italic")
    cell = ParagraphStyle("cell", fontName="Serif", fontSize=10, leading=12.5, alignment=TA_LEFT)
    cell_c = ParagraphStyle("cell_c", parent=cell, alignment=TA_CENTER)
    cell_h = ParagraphStyle("cell_h", parent=cell, fontName="Serif-Bold", alignment=TA_CENTER)
    cell_g = ParagraphStyle("cell_g", parent=cell, fontName="Serif-Bold")

    P = lambda t, s: Paragraph(escape(t), s)
    portrait, land = A4, landscape(A4)
    pm = dict(left=30 * mm, right=20 * mm, top=20 * mm, bottom=22 * mm)
    lm = dict(left=18 * mm, right=18 * mm, top=20 * mm, bottom=20 * mm)

    def page_number(canvas, doc):
        canvas.saveState()
        canvas.setFont("Serif", 10)
        w = canvas._pagesize[0]
        canvas.drawCentredString(w / 2, 10 * mm, str(doc.page))
        canvas.restoreState()

    frames = {
        "portrait": Frame(
            pm["left"],
            pm["bottom"],
            portrait[0] - pm["left"] - pm["right"],
            portrait[1] - pm["top"] - pm["bottom"],
            id="p",
            leftPadding=0,
            rightPadding=0,
        ),
        "landscape": Frame(
            lm["left"],
            lm["bottom"],
            land[0] - lm["left"] - lm["right"],
            land[1] - lm["top"] - lm["bottom"],
            id="l",
            leftPadding=0,
            rightPadding=0,
        ),
    }
    text_w = frames["portrait"]._width
    table_w = frames["landscape"]._width

    story: list = []
    orient = "portrait"
    first_orient = None
    movable = ("title", "subtitle", "heading", "note")
    for b in blocks:
        if b.kind == "table":
            carried = []
            if orient == "portrait":
                while story and getattr(story[-1], "_carry", False) and len(carried) < 4:
                    carried.insert(0, story.pop())
                if any(not isinstance(f, (Spacer,)) for f in story):
                    story += [NextPageTemplate("landscape"), PageBreak()]
                else:
                    first_orient = "landscape"
                orient = "landscape"
            else:
                story.append(Spacer(1, 6 * mm))
            story += carried
            rows = b.rows
            fs = table_font(rows, table_w)
            if fs != cell.fontSize:
                cell = ParagraphStyle("cell", fontName="Serif", fontSize=fs, leading=fs * 1.25, alignment=TA_LEFT)
                cell_c = ParagraphStyle("cell_c", parent=cell, alignment=TA_CENTER)
                cell_h = ParagraphStyle("cell_h", parent=cell, fontName="Serif-Bold", alignment=TA_CENTER)
                cell_g = ParagraphStyle("cell_g", parent=cell, fontName="Serif-Bold")
            widths = column_widths(rows, table_w, fs)
            if sum(widths) > table_w * 1.001:  # even 6 pt is too wide: squeeze
                widths = [w * table_w / sum(widths) for w in widths]
            data, style = (
                [],
                [
                    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ],
            )
            for r, row in enumerate(rows):
                group = group_row(row) if r > 0 else None
                if r == 0:
                    data.append([P(c, cell_h) for c in row])
                elif group == "all":
                    data.append([P(row[0], cell_g)] + [""] * (len(row) - 1))
                    style.append(("SPAN", (0, r), (-1, r)))
                elif group:
                    data.append([P(row[0], cell_h)] + [P(row[1], cell_g)] + [""] * (len(row) - 2))
                    style.append(("SPAN", (1, r), (-1, r)))
                else:
                    data.append([P(c, cell_c if (j == 0 or len(c) < 12) else cell) for j, c in enumerate(row)])
            t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="CENTER")
            t.setStyle(TableStyle(style))
            story.append(t)
            continue
        if orient == "landscape":
            story += [NextPageTemplate("portrait"), PageBreak()]
            orient = "portrait"
        if b.kind == "header":
            h = b.header
            left = [P(x, hcell_b if k == len(h.issuer) - 1 or len(h.issuer) == 1 else hcell) for k, x in enumerate(h.issuer)]
            left.append(P("_______", hcell))
            right = [P(x, hcell_b) for x in h.national] + [P("______________________", hcell)]
            data = [[left, right], [[P(x, hcell) for x in h.number], [P(x, hcell_i) for x in h.date]]]
            t = Table(data, colWidths=[text_w * 0.37, text_w * 0.63], hAlign="CENTER")
            t.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 1), (-1, 1), 6),
                    ]
                )
            )
            story += [t, Spacer(1, 4 * mm)]
            continue
        style = {
            "title": title,
            "subtitle": subtitle,
            "heading": heading,
            "section": section,
            "note": note,
            "headline": headline,
            "recipients": small,
            "sign": sign,
            "para": body,
        }[b.kind]
        if b.kind == "recipients" and RECIPIENTS.match(b.text):
            style = small_b
        if b.kind == "sign" and is_title_case_name(b.text):
            story.append(Spacer(1, 18 * mm))
        f = P(b.text, style)
        f._carry = b.kind in movable
        story.append(f)

    templates = [
        PageTemplate(id="portrait", frames=[frames["portrait"]], pagesize=portrait, onPage=page_number),
        PageTemplate(id="landscape", frames=[frames["landscape"]], pagesize=land, onPage=page_number),
    ]
    if first_orient == "landscape":
        templates.reverse()
    tmp = path.with_name("." + path.name + ".tmp")
    doc = BaseDocTemplate(
        str(tmp),
        pagesize=portrait,
        pageTemplates=templates,
        invariant=1,
        title=doc_id,
        author="directive_parser dev set",
        creator="render_routes.py",
    )
    doc.build(story)
    os.replace(tmp, path)
    return doc.page


# ----------------------------------------------------------------------------------------------
# scan.pdf
# ----------------------------------------------------------------------------------------------


def damage(image, rng: random.Random, seed: int, dpi: int):
    import numpy as np
    from PIL import Image, ImageFilter

    image = image.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.9) * dpi / 200))
    a = np.asarray(image, dtype=np.float32)
    nrng = np.random.default_rng(seed)
    # uneven brightness: a smooth field from a coarse random grid, darker towards one edge
    gh, gw = 4, 3
    grid = nrng.uniform(0.80, 1.0, size=(gh, gw)).astype(np.float32)
    field_ = (
        np.asarray(
            Image.fromarray((grid * 255).astype(np.uint8), "L").resize((a.shape[1], a.shape[0]), Image.BICUBIC), dtype=np.float32
        )
        / 255
    )
    ramp = np.linspace(rng.uniform(0.88, 1.0), 1.0, a.shape[1], dtype=np.float32)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    paper = rng.uniform(225, 245)
    a = 255 - (255 - a) * rng.uniform(0.85, 1.0)  # ink not fully black
    a = a * (paper / 255) * field_ * ramp[None, :]
    a += nrng.normal(0, rng.uniform(5, 12), size=a.shape).astype(np.float32)
    specks = nrng.random(a.shape) < rng.uniform(0.0002, 0.0012)
    a[specks] = nrng.uniform(0, 120, size=int(specks.sum()))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


FIXED_TIME = time.struct_time((2026, 1, 1, 0, 0, 0, 3, 1, 0))  # PDF dates, for byte-identical reruns


def write_scan(text_pdf: Path, path: Path, doc_id: str) -> tuple[int, int, int]:
    import pypdfium2 as pdfium

    rng = random.Random(stable_int(doc_id, "scan"))
    dpi = rng.randint(200, 300)
    quality = rng.randint(40, 75)
    pdf = pdfium.PdfDocument(str(text_pdf))
    images = []
    for k, page in enumerate(pdf):
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        images.append(damage(image, rng, stable_int(doc_id, "scan", str(k)), dpi))
        page.close()
    pdf.close()
    tmp = path.with_name("." + path.name + ".tmp")
    images[0].save(
        tmp,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(dpi),
        quality=quality,
        title=doc_id,
        producer="render_routes.py",
        creationDate=FIXED_TIME,
        modDate=FIXED_TIME,
    )
    os.replace(tmp, path)
    return len(images), dpi, quality


# ----------------------------------------------------------------------------------------------
# eng-ocr.txt
# ----------------------------------------------------------------------------------------------


def scan_images(scan_pdf: Path):
    """The page images embedded in an image-only PDF, with their dpi."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(str(scan_pdf))
    out = []
    for page in pdf:
        objs = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
        if objs:
            img = objs[0].get_bitmap(render=False).to_pil().convert("L")
        else:  # not one of ours: render it instead
            img = page.render(scale=300 / 72, grayscale=True).to_pil().convert("L")
        dpi = round(img.width / (page.get_width() / 72))
        out.append((img, dpi))
        page.close()
    pdf.close()
    return out


def write_eng_ocr(scan_pdf: Path, path: Path, threads: int = 1) -> int:
    if not shutil.which("tesseract"):
        raise RuntimeError("tesseract is not installed")
    env = dict(os.environ, OMP_THREAD_LIMIT=str(threads))
    texts = []
    with tempfile.TemporaryDirectory(prefix="render_routes_") as tmpdir:
        for k, (img, dpi) in enumerate(scan_images(scan_pdf)):
            png = Path(tmpdir) / f"p{k:03d}.png"
            img.save(png, dpi=(dpi, dpi))
            r = subprocess.run(
                ["tesseract", str(png), "stdout", "-l", "eng", "--psm", "4"], capture_output=True, env=env, check=True
            )
            texts.append(r.stdout.decode("utf-8", "replace").rstrip("\f").rstrip() + "\n")
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text("\f".join(texts), encoding="utf-8")
    os.replace(tmp, path)
    return len(texts)


# ----------------------------------------------------------------------------------------------
# docx
# ----------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Numbering:
    """abstractNum/num definitions for one document, and the numPr each labelled paragraph gets.

    Three abstract lists: decimal "%1.", lowerLetter "%1)", multi-level "%1." / "%1.%2." /
    "%1.%2.%3.", plus a literal "đ)" level (Word's lowerLetter has no đ). A paragraph continues the
    current list instance when Word's counter would give it the label the source has; otherwise a new
    num with startOverride values is made, so restarts in the source are restarts in Word.
    """

    def __init__(self, document, multilevel: bool):
        from docx.oxml import parse_xml

        self.parse_xml = parse_xml
        self.root = document.part.numbering_part.element
        ids = [int(e.get(f"{{{W_NS}}}abstractNumId")) for e in self.root.findall(f"{{{W_NS}}}abstractNum")]
        nids = [int(e.get(f"{{{W_NS}}}numId")) for e in self.root.findall(f"{{{W_NS}}}num")]
        self.next_abs = max(ids + [0]) + 1
        self.next_num = max(nids + [0]) + 1
        self.multilevel = multilevel
        self.abs_dec = self._abstract("singleLevel", [("decimal", "%1.")])
        self.abs_multi = self._abstract("multilevel", [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%1.%2.%3.")])
        self.abs_let = self._abstract("singleLevel", [("lowerLetter", "%1)")])
        self.abs_dd = self._abstract("singleLevel", [("none", "đ)")])
        self.cur = {}  # list family -> (numId, starts, values)

    def _abstract(self, kind: str, levels: list[tuple[str, str]]) -> int:
        aid = self.next_abs
        self.next_abs += 1
        lv = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        el = self.parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{aid}"><w:multiLevelType w:val="{kind}"/>{lv}</w:abstractNum>'
        )
        first_num = self.root.find(f"{{{W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(el)
        else:
            self.root.append(el)
        return aid

    def _num(self, aid: int, starts: list[int]) -> int:
        nid = self.next_num
        self.next_num += 1
        ov = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{s}"/></w:lvlOverride>' for i, s in enumerate(starts))
        self.root.append(self.parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>'))
        return nid

    def assign(self, label: str) -> tuple[int, int]:
        """(numId, ilvl) for a paragraph whose source label is `label` ("2.3", "a", "đ")."""
        if label.isalpha():
            if label == "đ":
                nid = self._num(self.abs_dd, [1])
                self.cur.pop("let", None)
                return nid, 0
            return self._advance("let", self.abs_let, [LETTERS.index(label) + 1])
        path = [int(x) for x in label.split(".")]
        if self.multilevel:
            return self._advance("dec", self.abs_multi, path)
        return self._advance("dec", self.abs_dec, path)

    def _advance(self, family: str, aid: int, path: list[int]) -> tuple[int, int]:
        level = len(path) - 1
        state = self.cur.get(family)
        if state:
            nid, starts, values = state
            v = list(values)
            v[level] = starts[level] if v[level] is None else v[level] + 1
            for d in range(level + 1, len(v)):
                v[d] = None
            shown = [v[d] if v[d] is not None else starts[d] for d in range(level)] + [v[level]]
            if shown == path:
                self.cur[family] = (nid, starts, v)
                return nid, level
        starts = path + [1] * (3 - len(path))
        nid = self._num(aid, starts)
        values = [None, None, None]
        values[level] = path[level]
        self.cur[family] = (nid, starts, values)
        return nid, level


def set_numpr(paragraph, num_id: int, ilvl: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    # the paragraph's first-line indent comes from the numbering level
    ind = ppr.find(f"{{{W_NS}}}ind")
    if ind is not None:
        ppr.remove(ind)


def fixed_zip_times(path: Path) -> None:
    """Rewrite a .docx with fixed member timestamps, so reruns are byte-identical."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def write_docx(blocks: list[Block], path: Path, doc_id: str) -> dict:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    numbered = numbered_docx(doc_id)
    document = Document()
    st = document.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(13)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    st.paragraph_format.space_after = Pt(6)
    for name in ("Title", "Heading 1", "Heading 2"):
        s = document.styles[name]
        s.font.name = "Times New Roman"
        s.font.size = Pt(14 if name == "Title" else 13)
        s.font.bold = True
        s.font.color.rgb = None
        s.font.italic = False
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if name != "Heading 2" else WD_ALIGN_PARAGRAPH.LEFT
        s.paragraph_format.space_before = Pt(6)
        s.paragraph_format.space_after = Pt(4)
        rpr = s.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:ascii"), "Times New Roman")
        rpr.get_or_add_rFonts().set(qn("w:hAnsi"), "Times New Roman")
        for tag in ("w:color",):
            for e in rpr.findall(qn(tag)):
                rpr.remove(e)
        pbdr = s.element.get_or_add_pPr().find(qn("w:pBdr"))
        if pbdr is not None:
            s.element.get_or_add_pPr().remove(pbdr)

    def portrait(section):
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(30), Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)

    def landscape(section):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin = section.bottom_margin = Mm(20)

    def footer_page_number(section):
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    portrait(document.sections[0])
    footer_page_number(document.sections[0])
    numbering = (
        Numbering(
            document,
            multilevel=any(b.kind == "para" and DEC_LABEL.match(b.text) and "." in DEC_LABEL.match(b.text)[1] for b in blocks),
        )
        if numbered
        else None
    )
    n_auto = 0
    orient = "portrait"
    started = False

    def para(text, align=None, bold=False, italic=False, size=None, style=None, indent=True, container=None):
        p = (container or document).add_paragraph(style=style)
        if align is not None:
            p.alignment = align
        if indent and align in (None, WD_ALIGN_PARAGRAPH.JUSTIFY):
            p.paragraph_format.first_line_indent = Mm(10)
        run = p.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        return p

    for b in blocks:
        if b.kind == "table":
            if orient == "portrait":
                sec = document.add_section(WD_SECTION.NEW_PAGE) if started else document.sections[0]
                landscape(sec)
                orient = "landscape"
            started = True
            rows = b.rows
            ncol = len(rows[0])
            table = document.add_table(rows=len(rows), cols=ncol)
            table.style = document.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            register_fonts()
            widths = column_widths(rows, 261 * 72 / 25.4, 10)
            for r, row in enumerate(rows):
                cells = table.rows[r].cells
                group = group_row(row) if r > 0 else None
                if r == 0:
                    trpr = table.rows[0]._tr.get_or_add_trPr()
                    trpr.append(parse_xml(f'<w:tblHeader xmlns:w="{W_NS}"/>'))
                for j, c in enumerate(row):
                    if (group == "title" and j >= 2) or (group == "all" and j >= 1):
                        continue
                    cp = cells[j].paragraphs[0]
                    cp.paragraph_format.space_after = Pt(0)
                    run = cp.add_run(c)
                    run.font.size = Pt(11)
                    if r == 0 or group:
                        run.bold = True
                    if r == 0 or j == 0 or len(c) < 12:
                        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if group == "title":
                    cells[1].merge(cells[ncol - 1])
                elif group == "all":
                    cells[0].merge(cells[ncol - 1])
            for j, w in enumerate(widths):
                for cell in table.columns[j].cells:
                    cell.width = Mm(w * 25.4 / 72)
            document.add_paragraph()
            continue
        if orient == "landscape":
            portrait(document.add_section(WD_SECTION.NEW_PAGE))
            orient = "portrait"
        started = True
        C, J, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
        if b.kind == "header":
            h = b.header
            t = document.add_table(rows=2, cols=2)
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            cells = [[t.cell(0, 0), t.cell(0, 1)], [t.cell(1, 0), t.cell(1, 1)]]

            def fill(cell, lines, bold_last=False, bold=False, italic=False, rule=None):
                first = True
                for k, x in enumerate(lines + ([rule] if rule else [])):
                    p = cell.paragraphs[0] if first else cell.add_paragraph()
                    first = False
                    p.alignment = C
                    p.paragraph_format.space_after = Pt(0)
                    run = p.add_run(x)
                    run.font.size = Pt(12.5)
                    run.bold = (bold or (bold_last and k == len(lines) - 1)) and x != rule or None
                    run.italic = italic or None

            fill(cells[0][0], h.issuer, bold_last=True, rule="_______")
            fill(cells[0][1], h.national, bold=True, rule="______________________")
            fill(cells[1][0], h.number)
            fill(cells[1][1], h.date, italic=True)
            for row in t.rows:
                row.cells[0].width, row.cells[1].width = Mm(64), Mm(96)
            continue
        if b.kind == "title":
            p = document.add_paragraph(b.text, style="Title")
        elif b.kind in ("subtitle", "heading"):
            p = document.add_paragraph(style="Heading 1") if b.kind == "heading" else None
            if p is None:
                para(b.text, align=C, bold=True)
            else:
                p.add_run(b.text)
        elif b.kind == "section":
            document.add_paragraph(b.text, style="Heading 2").paragraph_format.first_line_indent = Mm(10)
        elif b.kind == "headline":
            para(b.text, align=L, bold=True, size=17, indent=False)
        elif b.kind == "note":
            para(b.text, align=C, italic=True)
        elif b.kind == "recipients":
            para(
                b.text, align=L, size=11, indent=False, bold=bool(RECIPIENTS.match(b.text)), italic=bool(RECIPIENTS.match(b.text))
            ).paragraph_format.space_after = Pt(0)
        elif b.kind == "sign":
            p = para(b.text, align=C, bold=True)
            p.paragraph_format.left_indent = Mm(80)
        else:
            m = (DEC_LABEL.match(b.text) or LET_LABEL.match(b.text)) if numbering else None
            if m:
                p = para(b.text[m.end() :], align=J)
                num_id, ilvl = numbering.assign(m[1])
                set_numpr(p, num_id, ilvl)
                n_auto += 1
            else:
                para(b.text, align=J)
    tmp = path.with_name("." + path.name + ".tmp")
    document.core_properties.title = doc_id
    document.core_properties.author = "directive_parser dev set"
    import datetime as _dt

    fixed = _dt.datetime(2026, 1, 1)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.core_properties.last_modified_by = "render_routes.py"
    document.core_properties.revision = 1
    document.save(str(tmp))
    fixed_zip_times(tmp)
    os.replace(tmp, path)
    return {"numbered": numbered, "auto_labels": n_auto}


# ----------------------------------------------------------------------------------------------
# checking the numbering of a .docx
# ----------------------------------------------------------------------------------------------


def expected_labelled(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind == "para" and (DEC_LABEL.match(b.text) or LET_LABEL.match(b.text))]


def fold_ws(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def docx_text_libreoffice(docx_path: Path) -> list[str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="render_routes_lo_") as d:
        profile = Path(d) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                d,
                str(docx_path),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        return Path(d, docx_path.stem + ".txt").read_text(encoding="utf-8-sig").splitlines()


def docx_text_xml(docx_path: Path) -> list[str]:
    """Paragraph texts with list labels computed from numbering.xml (startOverride, lvlText, numFmt)."""
    import zipfile

    from lxml import etree

    w = f"{{{W_NS}}}"
    z = zipfile.ZipFile(docx_path)
    num = etree.fromstring(z.read("word/numbering.xml"))
    absd = {}
    for a in num.findall(w + "abstractNum"):
        lv = {}
        for l in a.findall(w + "lvl"):
            get = lambda tag: l.find(w + tag).get(w + "val") if l.find(w + tag) is not None else None
            lv[int(l.get(w + "ilvl"))] = (int(get("start") or 1), get("numFmt") or "decimal", get("lvlText") or "")
        absd[a.get(w + "abstractNumId")] = lv
    nums = {}
    for n in num.findall(w + "num"):
        lv = dict(absd[n.find(w + "abstractNumId").get(w + "val")])
        for o in n.findall(w + "lvlOverride"):
            so = o.find(w + "startOverride")
            i = int(o.get(w + "ilvl"))
            if so is not None and i in lv:
                lv[i] = (int(so.get(w + "val")),) + lv[i][1:]
        nums[n.get(w + "numId")] = lv
    fmt = lambda v, f: {"decimal": str(v), "lowerLetter": LETTERS[(v - 1) % 26], "none": ""}.get(f, str(v))
    counters: dict[str, list] = {}
    body = etree.fromstring(z.read("word/document.xml")).find(w + "body")
    out = []
    for p in body.iter(w + "p"):
        text = "".join(t.text or "" for t in p.iter(w + "t"))
        npr = p.find(f"{w}pPr/{w}numPr")
        if npr is not None:
            nid = npr.find(w + "numId").get(w + "val")
            il = int(npr.find(w + "ilvl").get(w + "val"))
            lv = nums[nid]
            c = counters.setdefault(nid, [None] * 9)
            c[il] = lv[il][0] if c[il] is None else c[il] + 1
            for d in range(il + 1, 9):
                c[d] = None
            label = lv[il][2]
            for d in range(il + 1):
                label = label.replace(f"%{d + 1}", fmt(c[d] if c[d] is not None else lv[d][0], lv[d][1]))
            text = label + " " + text
        out.append(text)
    return out


def check_docx(txt: Path, docx_path: Path) -> tuple[str, list[str]]:
    blocks = parse_doc(txt.read_text(encoding="utf-8"), txt.stem)
    want = [fold_ws(x) for x in expected_labelled(blocks)]
    if shutil.which("soffice") or shutil.which("libreoffice"):
        how, lines = "libreoffice", docx_text_libreoffice(docx_path)
    else:
        how, lines = "numbering.xml", docx_text_xml(docx_path)
    have = {fold_ws(l) for l in lines}
    return how, [x for x in want if x not in have]


# ----------------------------------------------------------------------------------------------
# driver
# ----------------------------------------------------------------------------------------------


def fresh(target: Path, *sources: Path) -> bool:
    return target.exists() and all(target.stat().st_mtime > s.stat().st_mtime for s in sources if s.exists())


def render_one(doc_id: str, docs: str, out: str, routes: list[str], force: bool, threads: int) -> dict:
    src = Path(docs) / f"{doc_id}.txt"
    folder = Path(out) / doc_id
    folder.mkdir(parents=True, exist_ok=True)
    target = lambda route: folder / f"{doc_id}.{route}"
    needed: list[str] = []
    for r in routes:  # each route with what it is made from, in order
        chain, up = [r], UPSTREAM[r]
        while up:
            chain.insert(0, up)
            up = UPSTREAM[up]
        needed += [c for c in chain if c not in needed]
    report = {"id": doc_id, "routes": {}}
    blocks = None
    made: set[str] = set()
    for r in needed:
        t0 = time.perf_counter()
        up = UPSTREAM[r]
        sources = [src] + ([target(up)] if up else [])
        if not force and r not in made and fresh(target(r), *sources) and not (up and up in made):
            report["routes"][r] = {"skipped": True, "requested": r in routes}
            continue
        try:
            if blocks is None:
                blocks = parse_doc(src.read_text(encoding="utf-8"), doc_id)
            info: dict = {}
            if r == "text.pdf":
                info["pages"] = write_text_pdf(blocks, target(r), doc_id)
            elif r == "scan.pdf":
                info["pages"], info["dpi"], info["quality"] = write_scan(target("text.pdf"), target(r), doc_id)
            elif r == "docx":
                info.update(write_docx(blocks, target(r), doc_id))
            elif r == "eng-ocr.txt":
                info["pages"] = write_eng_ocr(target("scan.pdf"), target(r), threads)
            made.add(r)
        except Exception as e:  # report and go on with the other documents
            info = {"error": f"{type(e).__name__}: {e}"}
        info["seconds"] = round(time.perf_counter() - t0, 2)
        info["requested"] = r in routes
        report["routes"][r] = info
    return report


def doc_ids(docs: Path, wanted: list[str] | None) -> list[str]:
    have = sorted(p.stem for p in docs.glob("*.txt"))
    if not wanted:
        return have
    missing = [i for i in wanted if i not in have]
    if missing:
        print(f"no such document in {docs}: {', '.join(missing)}", file=sys.stderr)
    return [i for i in wanted if i in have]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--ids", nargs="+", metavar="ID", help="documents to render (default: every <id>.txt)")
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help=f"folder of <id>.txt (default {DEFAULT_DOCS})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--routes", default=",".join(ROUTES), help=f"comma-separated, from {','.join(ROUTES)}")
    ap.add_argument("--jobs", type=int, default=1, help="documents rendered in parallel (default 1)")
    ap.add_argument("--force", action="store_true", help="rebuild outputs even when newer than their source")
    ap.add_argument(
        "--check-docx", action="store_true", help="check that the auto-numbered .docx files render the source's labels"
    )
    a = ap.parse_args(argv)
    routes = [r.strip() for r in a.routes.split(",") if r.strip()]
    bad = [r for r in routes if r not in ROUTES]
    if bad:
        ap.error(f"unknown route(s) {', '.join(bad)}; choose from {', '.join(ROUTES)}")
    ids = doc_ids(a.docs, a.ids)
    if not ids:
        print(f"no documents in {a.docs}")
        return 0
    a.out.mkdir(parents=True, exist_ok=True)
    threads = 1 if a.jobs > 1 else max(1, min(2, os.cpu_count() or 1))
    t0 = time.perf_counter()
    totals: dict[str, float] = {}
    failures = 0
    args = [(i, str(a.docs), str(a.out), routes, a.force, threads) for i in ids]
    if a.jobs > 1:
        with ProcessPoolExecutor(max_workers=a.jobs) as pool:
            futures = [pool.submit(render_one, *x) for x in args]
            reports = (f.result() for f in as_completed(futures))
            failures += show(reports, totals)
    else:
        failures += show((render_one(*x) for x in args), totals)
    print(
        f"{len(ids)} documents in {time.perf_counter() - t0:.1f}s -> {a.out}; time per route: "
        + ", ".join(f"{r} {s:.1f}s" for r, s in totals.items())
    )
    if a.check_docx and "docx" in routes:
        for i in ids:
            d = a.out / i / f"{i}.docx"
            if not numbered_docx(i):
                print(f"  check {i}.docx: labels written as text (even parity), nothing to check")
                continue
            if not d.exists():
                continue
            how, missing = check_docx(a.docs / f"{i}.txt", d)
            n = len(expected_labelled(parse_doc((a.docs / f"{i}.txt").read_text(encoding="utf-8"), i)))
            print(f"  check {i}.docx via {how}: {n - len(missing)}/{n} numbered paragraphs render the source label")
            for m in missing[:10]:
                print(f"     not found: {m[:90]}")
            failures += bool(missing)
    return 1 if failures else 0


def show(reports, totals: dict[str, float]) -> int:
    failures = 0
    for rep in reports:
        parts = []
        for r, info in rep["routes"].items():
            if info.get("skipped"):
                if info.get("requested"):
                    parts.append(f"{r} up to date")
                continue
            totals[r] = totals.get(r, 0.0) + info["seconds"]
            if "error" in info:
                failures += 1
                parts.append(f"{r} FAILED ({info['error']})")
                continue
            extra = ", ".join(f"{k}={v}" for k, v in info.items() if k not in ("seconds", "requested"))
            parts.append(f"{r} {info['seconds']:.1f}s" + (f" ({extra})" if extra else ""))
        print(f"{rep['id']}: " + "; ".join(parts), flush=True)
    return failures


if __name__ == "__main__":
    sys.exit(main())
