"""Word input: a .docx -> `SourceDocument` (paragraphs and tables in document order, numbering resolved).

Every body paragraph is one line. Word's automatic list numbering is not in the paragraph text:
`_Numbering` renders it from the numbering part ("1. ", "a) ", "2.3. ", "- " for bullets) the way
Word counts it. Tables become pipe rows, one table row a line, with one `TableGrid` (boxes all None:
Word has no page geometry) per table on the page's `tables`:

    | STT | Nội dung | Cơ quan chủ trì |
    | I | Hoàn thiện thể chế | |          <- a row spanning columns: its text once, spanned columns empty
    | 1 | Xây dựng … | Bộ Tài chính |
    | 2 | Sửa đổi … | |                  <- a vertically merged cell continued from above: empty

A table that lays out the header (national motto beside the issuer) or the signature block
("Nơi nhận:" beside the signer) is no data table: its cells are written as plain lines instead.

Pages are split at explicit page breaks (`w:br w:type="page"`, "page break before") and at
section breaks that start a new page. A legacy binary .doc is converted with LibreOffice when it
is installed (`convert_doc`), and otherwise refused with the command that converts it.
"""

from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from directive_parser.errors import CorruptDocumentError, EmptyDocumentError, NotAPdfError
from directive_parser.ingest.wordml import (
    CUSTOM_XML as _CUSTOM_XML,
)
from directive_parser.ingest.wordml import (
    MC as _MC,
)
from directive_parser.ingest.wordml import (
    PPR as _PPR,
)
from directive_parser.ingest.wordml import (
    RPR as _RPR,
)
from directive_parser.ingest.wordml import (
    SDT as _SDT,
)
from directive_parser.ingest.wordml import (
    SDT_CONTENT as _SDT_CONTENT,
)
from directive_parser.ingest.wordml import (
    TBL as _TBL,
)
from directive_parser.ingest.wordml import (
    TC as _TC,
)
from directive_parser.ingest.wordml import (
    TCPR as _TCPR,
)
from directive_parser.ingest.wordml import (
    TR as _TR,
)
from directive_parser.ingest.wordml import (
    TRPR as _TRPR,
)
from directive_parser.ingest.wordml import (
    TXBX as _TXBX,
)
from directive_parser.ingest.wordml import (
    VAL as _VAL,
)
from directive_parser.ingest.wordml import (
    Numbering as _Numbering,
)
from directive_parser.ingest.wordml import (
    P as _P,
)
from directive_parser.ingest.wordml import (
    R as _R,
)
from directive_parser.ingest.wordml import (
    T as _T,
)
from directive_parser.ingest.wordml import (
    int_value as _int,
)
from directive_parser.ingest.wordml import (
    on as _on,
)
from directive_parser.ingest.wordml import (
    q as _q,
)
from directive_parser.ingest.wordml import (
    val as _val,
)
from directive_parser.models import PageMethod, PageText, TableGrid

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC_MEDIA_TYPE = "application/msword"
RTF_MEDIA_TYPE = "application/rtf"
DOCUMENT_PART = "word/document.xml"
# Seconds LibreOffice may take to convert one .doc.
CONVERT_TIMEOUT = 120

# Run content that is not text on the page: deleted text, field codes, properties, notes' marks.
_SKIP = {
    _q(t)
    for t in (
        "del",
        "moveFrom",
        "delText",
        "delInstrText",
        "instrText",
        "pPr",
        "rPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "annotationRef",
        "fldData",
    )
} | {f"{{{_MC}}}Fallback"}
_PAGE = "\f"  # a page break inside a paragraph's text

# A table holding one of these lays out the header or the signature block, not data.
_LAYOUT_TABLE = re.compile(r"CỘNG\s+H[ÒO]À\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do|\bNơi\s+nhận\b", re.I)


def _blocks(el: Any) -> Iterator[Any]:
    """The w:p and w:tbl of a body or cell in order, looking inside content controls."""
    for child in el.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _blocks(content)


def _children(el: Any, tag: str) -> Iterator[Any]:
    """Rows of a table or cells of a row, looking inside content controls."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _children(content, tag)


def _run_text(el: Any, parts: list[str], boxes: list[Any]) -> None:
    """Collect the visible text under `el`; text boxes go to `boxes`, to be written after the line."""
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag in (_q("tab"), _q("ptab")):
            parts.append(" ")
        elif tag == _q("br"):
            parts.append(_PAGE if child.get(_q("type")) == "page" else "\n")
        elif tag == _q("cr"):
            parts.append("\n")
        elif tag == _q("noBreakHyphen"):
            parts.append("-")
        elif tag == _TXBX:
            boxes.append(child)
        elif tag == _R and _on(child.find(_RPR), "vanish"):
            continue  # hidden text
        else:
            _run_text(child, parts, boxes)


@dataclass
class _Page:
    lines: list[str] = field(default_factory=list)
    tables: list[TableGrid] = field(default_factory=list)


class _Reader:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.pages = [_Page()]

    def break_page(self) -> None:
        self.pages.append(_Page())

    def body(self, body: Any) -> None:
        blocks = list(_blocks(body))
        for i, block in enumerate(blocks):
            if block.tag == _TBL:
                self.table(block)
                continue
            ppr = block.find(_PPR)
            if _on(ppr, "pageBreakBefore") and self.pages[-1].lines:
                self.break_page()
            self.paragraph(block)
            sect = ppr.find(_q("sectPr")) if ppr is not None else None
            if sect is not None and i < len(blocks) - 1 and _val(sect, "type") != "continuous":
                self.break_page()

    def paragraph_text(self, p: Any) -> tuple[str, list[Any]]:
        """A paragraph's label and text (page breaks as form feeds), and the text boxes anchored in it."""
        parts: list[str] = []
        boxes: list[Any] = []
        _run_text(p, parts, boxes)
        return self.numbering.label(p) + "".join(parts), boxes

    def paragraph(self, p: Any) -> None:
        parts: list[str] = []
        boxes: list[Any] = []
        _run_text(p, parts, boxes)
        label = self.numbering.label(p)
        pieces = "".join(parts).split(_PAGE)
        if len(pieces) > 1 and not pieces[0].strip():  # a paragraph opening with a page break: label on the new page
            self.break_page()
            pieces = [label + pieces[1], *pieces[2:]]
        else:
            pieces[0] = label + pieces[0]
        self.pages[-1].lines.append(pieces[0])
        for piece in pieces[1:]:
            self.break_page()
            if piece.strip():
                self.pages[-1].lines.append(piece)
        for box in boxes:
            for block in _blocks(box):
                if block.tag == _TBL:
                    self.pages[-1].lines.extend(" ".join(row) for row in self.rows(block)[0])
                else:
                    self.paragraph(block)

    def cell_text(self, tc: Any) -> str:
        """A cell's text on one line: paragraphs (with their labels) and nested tables joined by spaces."""
        pieces: list[str] = []
        for block in _blocks(tc):
            if block.tag == _TBL:
                pieces.extend(cell for row in self.rows(block)[0] for cell in row)
                continue
            text, boxes = self.paragraph_text(block)
            pieces.append(text)
            pieces.extend(self.cell_text(box) for box in boxes)
        return " ".join(" ".join(pieces).replace(_PAGE, " ").split()).replace("|", "/")

    def rows(self, tbl: Any) -> tuple[list[list[str]], int]:
        """The table's rows as grid-aligned cell texts, and its column count.

        A cell spanning columns (w:gridSpan) is written once, in its first column, the columns it
        covers left empty; a cell continuing a vertical merge (w:vMerge without "restart") is empty.
        """
        grid = tbl.find(_q("tblGrid"))
        cols = len(list(grid.iterchildren(_q("gridCol")))) if grid is not None else 0
        rows: list[list[str]] = []
        for tr in _children(tbl, _TR):
            trpr = tr.find(_TRPR)
            row = [""] * _int(_val(trpr, "gridBefore"), 0)
            for tc in _children(tr, _TC):
                tcpr = tc.find(_TCPR)
                span = max(_int(_val(tcpr, "gridSpan"), 1), 1)
                vmerge = tcpr.find(_q("vMerge")) if tcpr is not None else None
                text = self.cell_text(tc)  # always read: the numbering counts every paragraph
                if vmerge is not None and vmerge.get(_VAL, "continue") != "restart":
                    text = ""
                row.append(text)
                row.extend([""] * (span - 1))
            row.extend([""] * _int(_val(trpr, "gridAfter"), 0))
            rows.append(row)
        cols = max([cols, *(len(r) for r in rows)])
        return [r + [""] * (cols - len(r)) for r in rows], cols

    def table(self, tbl: Any) -> None:
        if _LAYOUT_TABLE.search(" ".join(t.text or "" for t in tbl.iter(_T))):
            self.layout_table(tbl)
            return
        rows, cols = self.rows(tbl)
        if not rows:
            return
        page = self.pages[-1]
        page.lines.extend(pipe_row(row) for row in rows)
        page.tables.append(TableGrid(tuple(tuple(None for _ in range(cols)) for _ in rows)))

    def layout_table(self, tbl: Any) -> None:
        """A header or signature table: each cell's paragraphs as lines, row by row, cell by cell."""
        for tr in _children(tbl, _TR):
            for tc in _children(tr, _TC):
                for block in _blocks(tc):
                    if block.tag == _TBL:
                        self.layout_table(block)
                    else:
                        text, _ = self.paragraph_text(block)
                        self.pages[-1].lines.extend(text.replace(_PAGE, "\n").split("\n"))


def pipe_row(cells: list[str]) -> str:
    """One table row as a pipe row; an empty cell is a single space.

    >>> pipe_row(["I", "Hoàn thiện thể chế", "", ""])
    '| I | Hoàn thiện thể chế | | |'
    """
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


# --- entry points ----------------------------------------------------------------------------


def _part_element(document: Any, name: str) -> Any:
    try:
        return getattr(document.part, name).element
    except (NotImplementedError, KeyError, AttributeError):  # python-docx cannot make a missing part
        return None


def docx_pages(p: Path, data: bytes) -> list[PageText]:
    """Read a .docx into pages of text (one paragraph or table row a line) with their table grids.

    Raises:
        CorruptDocumentError: not a ZIP, no word/document.xml, or XML python-docx cannot read.
        EmptyDocumentError: the document has no text (only images, say).
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    problem = docx_problem(data)
    if problem:
        raise CorruptDocumentError(problem, p)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as e:  # XMLSyntaxError: a SyntaxError
        raise CorruptDocumentError(f"the Word document is damaged and cannot be read ({type(e).__name__}: {e})", p) from e
    numbering = _Numbering(_part_element(document, "numbering_part"), _styles_element(document))
    reader = _Reader(numbering)
    reader.body(document.element.body)
    pages = reader.pages
    while len(pages) > 1 and not "".join(pages[-1].lines).strip():
        pages.pop()
    if not any("".join(page.lines).strip() for page in pages):
        raise EmptyDocumentError("the Word document has no text (only images or empty paragraphs)", p)
    return [
        PageText(i, "\n".join(page.lines) + "\n", PageMethod.text, tuple(page.tables)) for i, page in enumerate(pages, start=1)
    ]


def _styles_element(document: Any) -> Any:
    try:
        return document.styles.element
    except (NotImplementedError, KeyError, AttributeError):
        return None


def docx_problem(data: bytes) -> str | None:
    """Why `data` is no readable .docx package, or None when it looks like one."""
    if data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in data:
        return "the Word document is encrypted (password-protected); remove the password in Word and save it again"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        return f"the Word document is damaged: not a readable ZIP package ({e})"
    if DOCUMENT_PART not in names:
        return f"the Word document is damaged: the ZIP has no {DOCUMENT_PART}"
    return None


WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
_OLE = b"\xd0\xcf\x11\xe0"


def word_kind(p: Path, data: bytes, kind: str) -> str | None:
    """How to read a file that is a Word document: "docx", "doc" (convert first) or None (not Word).

    `kind` is `sniff(data)`. A file named .docx that is not a readable package is "docx" too, so
    that reading it names the damage; Office encrypts a password-protected .docx into an OLE file.
    """
    encrypted = data.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in data
    if kind == "docx" or (p.suffix.lower() in WORD_SUFFIXES and (encrypted or kind.startswith("ZIP"))):
        return "docx"
    if kind == "RTF document" or (
        data.startswith(_OLE)
        and not encrypted
        and (p.suffix.lower() in (".doc", ".dot", *WORD_SUFFIXES) or "WordDocument".encode("utf-16-le") in data)
    ):
        return "doc"
    return None


def word_pages(p: Path, data: bytes, kind: str) -> tuple[str, list[PageText]] | None:
    """The media type and pages of a Word document (see `word_kind`), or None when `p` is no Word file."""
    match word_kind(p, data, kind):
        case "docx":
            return DOCX_MEDIA_TYPE, docx_pages(p, data)
        case "doc":
            media = RTF_MEDIA_TYPE if kind == "RTF document" else DOC_MEDIA_TYPE
            return media, docx_pages(p, convert_doc(p, data))
    return None


def convert_hint(p: Path) -> str:
    """The command that converts `p` to .docx: `libreoffice --headless --convert-to docx FILE`."""
    return f"libreoffice --headless --convert-to docx {shlex.quote(str(p))}"


def convert_doc(p: Path, data: bytes) -> bytes:
    """Convert a legacy .doc to .docx bytes with LibreOffice, or explain how to do it.

    Raises:
        NotAPdfError: LibreOffice is not installed; the message gives the command to convert.
        CorruptDocumentError: LibreOffice is installed but cannot convert the file.
    """
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        what = "an RTF document" if data.startswith(b"{\\rtf") else "a legacy Word 97-2003 .doc file"
        raise NotAPdfError(f"{what}, which is not read directly; convert it to .docx first: {convert_hint(p)}", p)
    with tempfile.TemporaryDirectory(prefix="directive-parser-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"  # a private profile: a running LibreOffice does not block us
        cmd = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(Path(tmp) / "out"),
            str(src),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=CONVERT_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as e:
            raise CorruptDocumentError(f"LibreOffice could not convert the .doc to .docx ({e})", p) from e
        out = Path(tmp) / "out" / "input.docx"
        if not out.is_file():
            why = (done.stderr or done.stdout or f"exit code {done.returncode}").strip().splitlines()
            raise CorruptDocumentError(
                "LibreOffice could not convert the .doc to .docx "
                f"({why[-1] if why else 'no output'}); is it damaged or password-protected?",
                p,
            )
        return out.read_bytes()
