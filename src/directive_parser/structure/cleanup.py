"""Clean raw page texts: list[PageText] -> `DocumentText` (one NFC text, page offsets, footnotes apart).

Removes page furniture (page numbers, running headers repeated on most pages), re-attaches
combining marks that PDF extraction split off, and moves footnotes out of the body so that a
footnote does not end up inside the clause it interrupts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from directive_parser.models import Page, PageMethod, PageText
from directive_parser.text.syllable import is_syllable

# A line that is only a page number: "2", "- 2 -", "Trang 2", "2/5".
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?(\d{1,3})(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.I)
# A footnote marker glued to a word in the body: "51 nhiệm vụ1 quá hạn" (marker 1). OCR often reads
# a superscript 1 as "!" ("nhiệm vụ!"), which we accept too.
# The marker may end the line: the text PDF of Directive 33 breaks "nhiệm vụ1" / "quá hạn".
_FOOTNOTE_MARKER = re.compile(r"(?<=[^\W\d_])(\d{1,2}|!)(?=[\s,.;:)]|$)")
# The first line of a footnote: its number, a space, then text starting with a capital letter.
_FOOTNOTE_START = re.compile(r"^\s*\)?\s*(\d{1,2}|!)\s+(?=[A-ZĐÀ-Ỹ])")
_SENTENCE_END = re.compile(r"[.;)]\s*$")
# Combining marks separated from their base letter by a space: "a ̀" -> "à". The look-behind makes
# a match start only at the first blank of a run, so a long run of spaces is scanned once, not once
# per blank (linear, where "[ \t]+" alone is quadratic).
_LOOSE_MARK = re.compile(r"(?<![ \t])[ \t]+([\u0300-\u036f])")
_COMBINING = re.compile(r"[\u0300-\u036f]")
MIN_PAGES_FOR_RUNNING_HEADER = 3
# A scan's speck at the right margin, read as a mark standing apart from the last word of a
# justified line: "phối hợp với các bộ ." / "ngành, địa phương …", "Ngân hàng Nhà nước Việt ." /
# "Nam.". Vietnamese typography never sets a space before a full stop or comma, so on a full line
# of an OCR'd page the mark is noise; left in, it ends the sentence in the middle of a task.
_MARGIN_SPECK = re.compile(r"(?<=\S)[ \t]+[.,'‘’`ˆ:;~]$")
MIN_SPECK_LINE = 40
# Specks at the left margin: "_ phẩm, các nhiệm vụ …", "_ Điều 1. …" (underscores never open a
# line of text), and "-_ Nam khẩn trương …" after a wrapped line "… Bảo hiểm xã hội Việt": a dash
# fused with a speck, not an item, when the line above runs on without a stop.
_LEFT_SPECK = re.compile(r"^[ \t]*[_~]+[ \t]*(?=\S)")
_DASH_SPECK = re.compile(r"^[ \t]*-_+[ \t]*(?=\S)")
_RUNS_ON = re.compile(r"[^.:;!?)]\s*$")
# A dash read as a speck at the left margin ("`. Phụ trách chung, …" under the heading "1.1. Trưởng
# Ban Chỉ đạo"): an item when the line above is a heading or ends a sentence; noise on a line that
# continues the one above ("… đối" / ". tượng khác …").
_SPECK_OPEN = re.compile(r"^[ \t]*[`'‘’.,:;]{1,2}[ \t]+(?=\S)")
WRAPPED_CHARS = 60
# A speck read as a full stop inside a sentence: "chỉ đạo Bộ Tài chính. xem xét, bố trí vốn …",
# "Đối với nội dung. vượt thẩm quyền …". A Vietnamese sentence opens with a capital, so a stop
# before a lower-case word ends none.
_INNER_STOP = re.compile(r"(?<=[^\W\d_]{2})\.(?= ([^\W\d_]))")
# A date's year split by OCR ("Trước ngày 31/5/2 026"): a year has no space inside.
_SPLIT_YEAR = re.compile(r"(?<!\d)(\d{1,2}/\d{1,2}/)(\d)\s(\d{3})(?!\d)|(?<!\d)(\d{1,2}/\d{1,2}/)(\d\d)\s(\d\d)(?!\d)")


@dataclass(frozen=True)
class DocumentText:
    """The cleaned document text with each page's character range and footnotes."""

    text: str
    pages: list[Page]


def normalize(text: str) -> str:
    r"""NFC-normalise, unify line ends and spaces, and re-attach loose combining marks.

    >>> normalize("Chi\u0309 thi \u0323 ve\u0302\u0300\r\n")
    'Chỉ thị về\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    # each pattern below is run only on a text holding what every match of it holds (a combining
    # mark, "Điều", a small letter before a capital): most pages hold none, and a search for that
    # costs a fraction of the pattern's own pass
    if _COMBINING.search(text):
        text = _LOOSE_MARK.sub(r"\1", text)
    text = unicodedata.normalize("NFC", text)
    if "Điều" in text:
        text = _ARTICLE_WORD_ALONE.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
    text = _split_glued(text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


# Web copies glue a word to the capitalised one after it: "Phó Thủ tướng Thường trựcChính phủ",
# "đồng chí TổngBí thư", "quy định tạiĐiều 5", "theoMẫu số 02" (351 such words in the corpus). A
# Vietnamese syllable has no capital inside, so where two well-formed syllables meet at a capital
# the space is put back; brand names ("VinFast", "MobiFone") and codes ("TTgCP") are no two syllables
# of the language with a mark, and stay.
_LETTERS = [chr(c) for c in (*range(0x41, 0x7B), *range(0xC0, 0x1EFA)) if chr(c).isalpha()]
_LOWER = "".join(c for c in _LETTERS if c.islower())
_UPPER = "".join(c for c in _LETTERS if c.isupper())
_GLUED = re.compile(rf"(?<![^\W\d_])([{_UPPER}]?[{_LOWER}]{{1,6}})([{_UPPER}][{_LOWER}]{{1,6}})(?![^\W\d_])")


# Where a glued word meets the next: a small letter right before a capital (`_GLUED`'s groups).
_SMALL_THEN_CAPITAL = re.compile(rf"[{_LOWER}][{_UPPER}]")


def _split_glued(text: str) -> str:
    return _GLUED.sub(_unglue, text) if _SMALL_THEN_CAPITAL.search(text) else text


def _unglue(m: re.Match[str]) -> str:
    left, right = m.group(1), m.group(2)
    glued = len(left) >= 2 and is_syllable(left) and is_syllable(right) and not (left + right).isascii()
    return f"{left} {right}" if glued else m.group(0)


# A text layer that wraps an article's label after its word: "Điều" / "11. Cơ quan thực hiện …" is
# "Điều 11. …" (266 such lines in the corpus's web texts); the break becomes a space, one for one.
# OCR may leave a blank line between them ("Điều" / "" / "10. Cập nhật thông tin …"): both breaks.
_ARTICLE_WORD_ALONE = re.compile(r"(?m)^([ \t]*Điều)[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*\d{1,3}[a-z]?\.\s)")


def clean_pages(pages: list[PageText]) -> DocumentText:
    """Normalise each page, drop furniture, set footnotes apart and join the pages into one text."""
    lines_per_page = [normalize(p.text).split("\n") for p in pages]
    running = _running_headers(lines_per_page)
    markers: set[str] = set()
    parts: list[str] = []
    out_pages: list[Page] = []
    offset = 0
    for page, lines in zip(pages, lines_per_page):
        lines = [ln for ln in lines if ln.strip() not in running]
        if page.method is PageMethod.ocr:
            lines = _drop_specks(lines)
        lines = _drop_page_numbers(lines, page.number)
        markers |= {m for ln in lines for m in _FOOTNOTE_MARKER.findall(ln)}
        body, notes = _split_footnotes(lines, markers, page.number)
        if notes:  # a page number printed below a top-of-page footnote ("1 Danh mục …" / "2")
            body = _drop_page_numbers(body, page.number)
        chunk = "\n".join(body).strip("\n") + "\n"
        parts.append(chunk)
        out_pages.append(Page(number=page.number, start=offset, end=offset + len(chunk), method=page.method, footnotes=notes))
        offset += len(chunk)
    return DocumentText("".join(parts), out_pages)


def _drop_specks(lines: list[str]) -> list[str]:
    """An OCR'd page's lines without the specks scanned at their margins (see `_MARGIN_SPECK`)."""
    out: list[str] = []
    above = ""
    for ln in lines:
        if len(ln) >= MIN_SPECK_LINE:
            ln = _MARGIN_SPECK.sub("", ln)
        ln = _LEFT_SPECK.sub("", ln)
        ln = _INNER_STOP.sub(lambda m: "" if m.group(1).islower() else ".", ln)
        ln = _SPLIT_YEAR.sub(lambda m: "".join(g for g in m.groups() if g), ln)
        runs_on = len(above) >= MIN_SPECK_LINE and _RUNS_ON.search(above) is not None
        if runs_on:
            ln = _DASH_SPECK.sub("", ln)
        m = _SPECK_OPEN.match(ln)
        if m and above:
            rest = ln[m.end() :]
            if rest[:1].isupper() and not runs_on and (len(above.strip()) < WRAPPED_CHARS or not _RUNS_ON.search(above)):
                ln = "- " + rest
            elif runs_on:
                ln = rest
        out.append(ln)
        if ln.strip():
            above = ln
    return out


def _running_headers(lines_per_page: list[list[str]]) -> set[str]:
    """Lines that open most pages (a running header), never the first page's own content."""
    if len(lines_per_page) < MIN_PAGES_FOR_RUNNING_HEADER:
        return set()
    firsts = Counter(next((ln.strip() for ln in lines if ln.strip()), "") for lines in lines_per_page[1:])
    need = max(2, len(lines_per_page) // 2)
    # A table's header row repeated on each page is not page furniture: the table reader drops
    # the repeats and keeps the first ("| STT | Nội dung nhiệm vụ | …").
    return {ln for ln, n in firsts.items() if ln and n >= need and not _PAGE_NUMBER.match(ln) and not ln.startswith("|")}


def _drop_page_numbers(lines: list[str], number: int) -> list[str]:
    """Drop a page-number line among the first or last three non-blank lines of the page."""
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    for i in idx[:3] + idx[-3:]:
        m = _PAGE_NUMBER.match(lines[i])
        if m and abs(int(m.group(1)) - number) <= 1:
            return lines[:i] + lines[i + 1 :]
    return lines


def _split_footnotes(lines: list[str], markers: set[str], page: int) -> tuple[list[str], list[str]]:
    """Move footnote blocks ("1 Danh mục …") whose number was used as a marker out of the body.

    A footnote runs from its numbered first line to a blank line, to the page end, or, when it
    stands at the top of the page (some renderers put the previous page's footnotes there), to
    the first line that ends a sentence.
    """
    body: list[str] = []
    notes: list[str] = []
    i = 0
    while i < len(lines):
        m = _FOOTNOTE_START.match(lines[i])
        if not m or m.group(1) not in markers:
            body.append(lines[i])
            i += 1
            continue
        note = [lines[i].strip()]
        i += 1
        at_top = not any(ln.strip() for ln in body)
        while i < len(lines) and lines[i].strip() and not _FOOTNOTE_START.match(lines[i]):
            if _PAGE_NUMBER.match(lines[i]) or (at_top and _SENTENCE_END.search(note[-1])):
                break
            note.append(lines[i].strip())
            i += 1
        notes.append(" ".join(note))
    return body, notes
