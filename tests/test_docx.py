"""ingest/docx: Word files read in document order, list numbering resolved, tables as pipe rows.

Every .docx here is built by the test with python-docx; the numbering definitions are written into
the numbering part's XML by `_define_list`, the way Word writes them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import directive_parser
from directive_parser.errors import CorruptDocumentError, EmptyDocumentError, NotAPdfError
from directive_parser.ingest import docx as docx_reader
from directive_parser.ingest import ingest, read_text, sniff
from directive_parser.ingest.docx import DOCX_MEDIA_TYPE
from directive_parser.ingest.wordml import format_number
from directive_parser.models import PageMethod


def _define_list(
    doc, levels: list[tuple[str, str]] | list[tuple[str, str, int]], *, restart: dict[int, int] | None = None, start: int = 1
) -> tuple[int, int]:
    """Add an abstractNum with `levels` [(numFmt, lvlText[, lvlRestart])] and a w:num using it.

    Returns (numId, abstractNumId). `restart`: {ilvl: startOverride} for a restarted copy, see `_restart`.
    """
    numbering = doc.part.numbering_part.element
    abstract_id = max([int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))] + [0]) + 1
    lvls = []
    for i, level in enumerate(levels):
        fmt, text = level[0], level[1]
        lvl_restart = f'<w:lvlRestart w:val="{level[2]}"/>' if len(level) > 2 else ""  # type: ignore[misc]
        lvls.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{lvl_restart}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{"".join(lvls)}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # the schema puts every abstractNum before the first num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return _add_num(doc, abstract_id, restart or {}), abstract_id


def _add_num(doc, abstract_id: int, overrides: dict[int, int]) -> int:
    """A w:num for `abstract_id`; `overrides` {ilvl: start} is Word's "Restart numbering"."""
    numbering = doc.part.numbering_part.element
    num_id = max([int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))] + [0]) + 1
    extra = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for i, v in overrides.items())
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{extra}</w:num>')
    )
    return num_id


def _item(doc, text: str, num_id: int, ilvl: int = 0):
    p = doc.add_paragraph(text)
    numpr = p._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id
    return p


def _save(doc, path: Path) -> Path:
    doc.save(str(path))
    return path


def _lines(path: Path) -> list[str]:
    src = ingest(path)
    assert len(src.pages) == 1
    return src.pages[0].text.rstrip("\n").split("\n")


# --- numbering ---------------------------------------------------------------------------------

MULTI = [("decimal", "%1."), ("lowerLetter", "%2)"), ("bullet", "-")]


def _numbered_doc(path: Path) -> Path:
    doc = docx.Document()
    num, abstract = _define_list(doc, MULTI)
    _item(doc, "Nhiệm vụ một", num)
    _item(doc, "điểm", num, 1)
    _item(doc, "điểm", num, 1)
    _item(doc, "ý", num, 2)
    _item(doc, "điểm", num, 1)
    _item(doc, "điểm", num, 1)
    _item(doc, "điểm", num, 1)
    _item(doc, "Nhiệm vụ hai", num)
    _item(doc, "điểm mới", num, 1)  # a shallower level advanced: the letters restart
    doc.add_paragraph("Đoạn không đánh số")
    _item(doc, "Nhiệm vụ ba (cùng danh sách)", _add_num(doc, abstract, {}))  # another num, same abstractNum: continues
    restarted = _add_num(doc, abstract, {0: 1})
    _item(doc, "Danh sách mới", restarted)  # Word's "Restart numbering": its own counters from 1
    _item(doc, "tiếp", restarted)
    outline, _ = _define_list(doc, [("upperRoman", "%1."), ("decimal", "%1.%2.")])
    _item(doc, "Phần", outline)
    _item(doc, "mục", outline, 1)
    _item(doc, "mục", outline, 1)
    _item(doc, "Phần", outline)
    _item(doc, "mục", outline, 1)
    bullets, _ = _define_list(doc, [("bullet", "•"), ("bullet", "\uf0b7"), ("bullet", "+")])
    _item(doc, "chấm tròn", bullets)
    _item(doc, "ký hiệu Symbol", bullets, 1)
    _item(doc, "dấu cộng", bullets, 2)
    roman, _ = _define_list(doc, [("lowerRoman", "(%1)"), ("upperLetter", "%2.")])
    _item(doc, "một", roman)
    _item(doc, "hai", roman)
    _item(doc, "A", roman, 1)
    return _save(doc, path)


NUMBERED_LINES = [
    "1. Nhiệm vụ một",
    "a) điểm",
    "b) điểm",
    "- ý",
    "c) điểm",
    "d) điểm",
    "e) điểm",  # Word's letters: no "đ"
    "2. Nhiệm vụ hai",
    "a) điểm mới",
    "Đoạn không đánh số",
    "3. Nhiệm vụ ba (cùng danh sách)",
    "1. Danh sách mới",
    "2. tiếp",
    "I. Phần",
    "I.1. mục",
    "I.2. mục",
    "II. Phần",
    "II.1. mục",
    "- chấm tròn",
    "- ký hiệu Symbol",
    "+ dấu cộng",
    "(i) một",
    "(ii) hai",
    "A. A",
]


def test_automatic_numbering_is_written_before_each_line(tmp_path: Path) -> None:
    assert _lines(_numbered_doc(tmp_path / "ds.docx")) == NUMBERED_LINES


def test_numbering_from_the_paragraph_style_and_numid_zero(tmp_path: Path) -> None:
    doc = docx.Document()  # python-docx's template numbers "List Number" through the style's numPr
    doc.add_paragraph("một", style="List Number")
    doc.add_paragraph("hai", style="List Number")
    p = doc.add_paragraph("bỏ số", style="List Number")
    numpr = p._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_numId().val = 0  # numId 0 switches the style's numbering off
    doc.add_paragraph("ba", style="List Number")
    doc.add_paragraph("tiêu đề phụ", style="Subtitle")  # its style has an ilvl but no numId: no label
    assert _lines(_save(doc, tmp_path / "style.docx")) == ["1. một", "2. hai", "bỏ số", "3. ba", "tiêu đề phụ"]


def test_lvl_restart(tmp_path: Path) -> None:
    doc = docx.Document()
    # level 2 never restarts; level 3 restarts only after level 1 (lvlRestart 1), not after level 2
    num, _ = _define_list(doc, [("decimal", "Điều %1."), ("decimal", "Khoản %2:", 0), ("lowerLetter", "%3)", 1)])
    for lvl in (0, 1, 2, 1, 2, 0, 1, 2):
        _item(doc, "x", num, lvl)
    assert _lines(_save(doc, tmp_path / "r.docx")) == [
        "Điều 1. x",
        "Khoản 1: x",
        "a) x",
        "Khoản 2: x",
        "b) x",
        "Điều 2. x",
        "Khoản 3: x",
        "a) x",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (1, "lowerLetter", "a"),
        (5, "lowerLetter", "e"),
        (6, "lowerLetter", "f"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (14, "lowerRoman", "xiv"),
        (1999, "upperRoman", "MCMXCIX"),
        (3, "decimalZero", "03"),
        (7, "decimal", "7"),
        (7, "ordinal", "7"),
    ],
)
def test_format_number(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


# --- tables and document order ---------------------------------------------------------------


def _table_doc(path: Path) -> Path:
    doc = docx.Document()
    doc.add_heading("Phụ lục", level=1)
    doc.add_paragraph("Danh mục nhiệm vụ:")
    t = doc.add_table(rows=6, cols=4)
    for c, text in enumerate(["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"]):
        t.cell(0, c).text = text
    t.cell(1, 0).text = "I"
    t.cell(1, 1).merge(t.cell(1, 3)).text = "Hoàn thiện thể chế"  # a group row: gridSpan 3
    t.cell(2, 2).merge(t.cell(3, 2)).text = "Bộ Tài chính"  # vMerge restart + continue
    t.rows[3]._tr.tc_lst[2].append(
        parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>cũ</w:t></w:r></w:p>")
    )  # a continued cell's text is not shown
    for r, (stt, task, due) in enumerate(
        [("1", "Xây dựng Nghị định", "Quý I/2026"), ("2", "Sửa đổi Thông tư", "Quý II/2026")], 2
    ):
        t.cell(r, 0).text, t.cell(r, 1).text, t.cell(r, 3).text = stt, task, due
    t.cell(4, 0).text = "3"
    cell = t.cell(4, 1)
    cell.text = "Rà soát A | B"
    cell.add_paragraph("dòng hai")
    nested = cell.add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "bảng", "lồng"
    t.cell(4, 2).text, t.cell(4, 3).text = "Bộ Tư pháp", "2026"
    t.cell(5, 0).text, t.cell(5, 3).text = "4", "2027"
    t.cell(5, 1).merge(t.cell(5, 2)).text = "Nhiệm vụ chung"  # a span inside the row
    doc.add_paragraph("Sau bảng.")
    doc.add_table(rows=2, cols=3).cell(0, 0).text = "ô"
    return _save(doc, path)


def test_tables_are_pipe_rows_in_document_order(tmp_path: Path) -> None:
    src = ingest(_table_doc(tmp_path / "bang.docx"))
    assert src.media_type == DOCX_MEDIA_TYPE and src.needs_ocr == []
    assert [(p.number, p.method) for p in src.pages] == [(1, PageMethod.text)]
    assert src.pages[0].text.split("\n") == [
        "Phụ lục",
        "Danh mục nhiệm vụ:",
        "| STT | Nội dung | Cơ quan chủ trì | Thời hạn |",
        "| I | Hoàn thiện thể chế | | |",
        "| 1 | Xây dựng Nghị định | Bộ Tài chính | Quý I/2026 |",
        "| 2 | Sửa đổi Thông tư | | Quý II/2026 |",
        "| 3 | Rà soát A / B dòng hai bảng lồng | Bộ Tư pháp | 2026 |",
        "| 4 | Nhiệm vụ chung | | 2027 |",
        "Sau bảng.",
        "| ô | | |",
        "| | | |",
        "",
    ]
    shapes = [(len(g.boxes), {len(r) for r in g.boxes}) for g in src.pages[0].tables]
    assert shapes == [(6, {4}), (2, {3})]
    assert all(box is None for g in src.pages[0].tables for r in g.boxes for box in r)


def test_numbered_cells_count_in_document_order(tmp_path: Path) -> None:
    doc = docx.Document()
    num, _ = _define_list(doc, [("decimal", "%1.")])
    _item(doc, "trước bảng", num)
    t = doc.add_table(rows=2, cols=3)
    for r in range(2):
        t.cell(r, 0).paragraphs[0].text = ""
        p = t.cell(r, 0).paragraphs[0]
        numpr = p._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = num
        t.cell(r, 1).text = f"việc {r}"
    _item(doc, "sau bảng", num)
    assert _lines(_save(doc, tmp_path / "stt.docx")) == ["1. trước bảng", "| 2. | việc 0 | |", "| 3. | việc 1 | |", "4. sau bảng"]


def test_page_breaks_split_pages(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Trang một")
    p = doc.add_paragraph("cuối trang một")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("đầu trang hai")
    doc.add_table(rows=1, cols=3).cell(0, 0).text = "bảng"
    num, _ = _define_list(doc, [("upperRoman", "%1.")])
    _item(doc, "", num).add_run().add_break(WD_BREAK.PAGE)  # the label goes with the text, onto the new page
    doc.paragraphs[-1].add_run("MỤC MỘT")
    doc.add_section()  # a new-page section break after the previous paragraph
    doc.add_paragraph("Trang ba").paragraph_format.page_break_before = False
    doc.add_paragraph("Trang bốn").paragraph_format.page_break_before = True
    src = ingest(_save(doc, tmp_path / "trang.docx"))
    assert [p.text for p in src.pages] == [
        "Trang một\ncuối trang một\n",
        "đầu trang hai\n| bảng | | |\n",
        "I. MỤC MỘT\n\n",  # the empty paragraph that carries the section break
        "Trang ba\n",
        "Trang bốn\n",
    ]
    assert [len(p.tables) for p in src.pages] == [0, 1, 0, 0, 0]
    assert read_text(tmp_path / "trang.docx") == "\f".join(p.text for p in src.pages)


def test_tracked_changes_hidden_text_and_text_boxes(tmp_path: Path) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("Giao ")
    w = nsdecls("w")
    p._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>Bộ Tài chính</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>Bộ Công Thương</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f"<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"))
    p._p.append(parse_xml(f"<w:r {w}><w:tab/><w:t>chủ trì.</w:t></w:r>"))
    box = doc.add_paragraph("Neo")
    box._p.append(
        parse_xml(
            f'<w:r {w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:AlternateContent>'
            '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
            "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    assert _lines(_save(doc, tmp_path / "ins.docx")) == ["Giao Bộ Tài chính chủ trì.", "Neo", "DỰ THẢO"]


# --- sniffing, errors, .doc ------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_sniff_tells_a_docx_from_other_zips(tmp_path: Path) -> None:
    path = _save(docx.Document(), tmp_path / "a.docx")
    assert sniff(path.read_bytes()) == "docx"
    assert sniff(_zip({"xl/workbook.xml": b"<x/>"})) == "ZIP archive (DOCX/XLSX?)"
    assert sniff(b"{\\rtf1\\ansi hello}") == "RTF document"


@pytest.mark.parametrize(
    ("name", "data", "error", "cause"),
    [
        ("hong.docx", b"PK\x03\x04" + b"\x00" * 64, CorruptDocumentError, "not a readable ZIP package"),
        (
            "thieu.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}),
            CorruptDocumentError,
            "the ZIP has no word/document.xml",
        ),
        ("xml.docx", _zip({"word/document.xml": b"<w:document"}), CorruptDocumentError, "damaged and cannot be read"),
        (
            "mat-khau.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64,
            CorruptDocumentError,
            "encrypted (password-protected)",
        ),
        ("bang-tinh.xlsx", _zip({"xl/workbook.xml": b"<x/>"}), NotAPdfError, "ZIP archive"),
    ],
    ids=["bad-zip", "no-document-part", "broken-xml", "encrypted", "xlsx"],
)
def test_broken_word_files_are_typed_errors(tmp_path: Path, name: str, data: bytes, error: type, cause: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    for read in (ingest, read_text):
        with pytest.raises(error) as exc:
            read(path)
        assert type(exc.value) is error and exc.value.path == str(path) and cause in exc.value.cause


def test_a_docx_without_text_is_empty(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("")
    with pytest.raises(EmptyDocumentError):
        ingest(_save(doc, tmp_path / "trong.docx"))


OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le") + b"\x00" * 64


@pytest.mark.parametrize("name", ["chi-thi.doc", "chi thi.docx", "khong-duoi"])
def test_legacy_doc_without_libreoffice_says_how_to_convert(tmp_path: Path, monkeypatch, name: str) -> None:
    monkeypatch.setattr(docx_reader.shutil, "which", lambda cmd: None)
    path = tmp_path / name
    path.write_bytes(OLE_DOC)
    with pytest.raises(NotAPdfError) as exc:
        ingest(path)
    assert exc.value.path == str(path)
    assert "legacy Word 97-2003 .doc" in exc.value.cause
    assert exc.value.cause.endswith(f"libreoffice --headless --convert-to docx {__import__('shlex').quote(str(path))}")


def test_rtf_without_libreoffice_says_how_to_convert(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(docx_reader.shutil, "which", lambda cmd: None)
    path = tmp_path / "chi-thi.doc"  # Word's "Save as RTF" kept the .doc name
    path.write_bytes(b"{\\rtf1\\ansi Ch\\u7881? th\\u7883?}")
    for read in (ingest, read_text):
        with pytest.raises(NotAPdfError) as exc:
            read(path)
        assert exc.value.cause.startswith("an RTF document") and "--convert-to docx" in exc.value.cause


def test_libreoffice_failing_to_convert_is_a_typed_error(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(docx_reader.shutil, "which", lambda cmd: str(fake) if cmd == "soffice" else None)
    path = tmp_path / "hong.doc"
    path.write_bytes(OLE_DOC)
    with pytest.raises(CorruptDocumentError) as exc:
        ingest(path)
    assert "source file could not be loaded" in exc.value.cause and exc.value.path == str(path)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None and shutil.which("soffice") is None, reason="needs LibreOffice")
def test_legacy_doc_is_converted_with_libreoffice(tmp_path: Path) -> None:
    made = _numbered_doc(tmp_path / "goc.docx")
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path / "doc"),
            str(made),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    legacy = tmp_path / "doc" / "goc.doc"
    assert legacy.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    src = ingest(legacy)
    assert src.media_type == "application/msword"
    lines = src.pages[0].text.rstrip("\n").split("\n")
    assert lines[:3] == NUMBERED_LINES[:3] and "Đoạn không đánh số" in lines


# --- the whole pipeline ----------------------------------------------------------------------


def _directive_doc(path: Path) -> Path:
    doc = docx.Document()
    head = doc.add_table(rows=1, cols=2)  # the usual header layout: issuer and number beside the motto
    head.cell(0, 0).text = "THỦ TƯỚNG CHÍNH PHỦ"
    head.cell(0, 0).add_paragraph("Số: 15/CT-TTg")
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    head.cell(0, 1).add_paragraph("Hà Nội, ngày 10 tháng 3 năm 2026")
    doc.add_paragraph("CHỈ THỊ")
    doc.add_paragraph("Về việc hoàn thiện thể chế quản lý tài sản công")
    doc.add_paragraph("Để nâng cao hiệu quả quản lý tài sản công, Thủ tướng Chính phủ yêu cầu:")
    num, _ = _define_list(doc, [("decimal", "%1."), ("lowerLetter", "%2)")])
    _item(
        doc,
        "Giao Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp xây dựng Nghị định sửa đổi Nghị định số 151/2017/NĐ-CP, "
        "trình Chính phủ trước ngày 30 tháng 6 năm 2026.",
        num,
    )
    _item(doc, "Giao Bộ Xây dựng:", num)
    _item(doc, "Chủ trì rà soát tiêu chuẩn, định mức sử dụng trụ sở làm việc, hoàn thành trong Quý III năm 2026.", num, 1)
    _item(doc, "Hướng dẫn các địa phương sắp xếp lại nhà, đất, báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2026.", num, 1)
    _item(
        doc,
        "Giao Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương tổ chức kiểm kê tài sản công, hoàn thành "
        "trước ngày 31 tháng 12 năm 2026.",
        num,
    )
    doc.add_paragraph("Các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Chỉ thị này./.")
    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:"
    sign.cell(0, 0).add_paragraph("- Các bộ, cơ quan ngang bộ;")
    sign.cell(0, 0).add_paragraph("- Lưu: VT, KTTH.")
    sign.cell(0, 1).text = "THỦ TƯỚNG"
    sign.cell(0, 1).add_paragraph("Nguyễn Văn An")
    return _save(doc, path)


def test_layout_tables_are_written_as_lines(tmp_path: Path) -> None:
    src = ingest(_directive_doc(tmp_path / "ct.docx"))
    lines = src.pages[0].text.split("\n")
    assert lines[:8] == [
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Số: 15/CT-TTg",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 10 tháng 3 năm 2026",
        "CHỈ THỊ",
        "Về việc hoàn thiện thể chế quản lý tài sản công",
        "Để nâng cao hiệu quả quản lý tài sản công, Thủ tướng Chính phủ yêu cầu:",
    ]
    assert lines[8].startswith("1. Giao Bộ Tài chính chủ trì") and lines[10].startswith("a) Chủ trì rà soát")
    assert lines[-6:] == ["Nơi nhận:", "- Các bộ, cơ quan ngang bộ;", "- Lưu: VT, KTTH.", "THỦ TƯỚNG", "Nguyễn Văn An", ""]
    assert src.pages[0].tables == () and "|" not in src.pages[0].text


def test_parse_directive_reads_a_word_directive(tmp_path: Path) -> None:
    d = directive_parser.parse_directive(_directive_doc(tmp_path / "ct.docx"))
    assert (d.number, d.doc_type, d.source.media_type) == ("15/CT-TTg", "Chỉ thị", DOCX_MEDIA_TYPE)
    assert str(d.issued) == "2026-03-10"
    # the header and signature tables read as lines: issuer, signer and recipients come out whole
    assert (d.issuer, d.signer, d.signer_title) == ("Thủ tướng Chính phủ", "Nguyễn Văn An", "Thủ tướng")
    assert d.recipients == ["Các bộ, cơ quan ngang bộ", "Lưu: VT, KTTH"]
    got = [
        (a.clause, [b.name for b in a.lead], a.deadline.due.isoformat() if a.deadline and a.deadline.due else None)
        for a in d.assignments
    ]
    assert got == [
        ("1", ["Bộ Tài chính"], "2026-06-30"),
        ("2.a", ["Bộ Xây dựng"], "2026-09-30"),
        ("2.b", ["Bộ Xây dựng"], "2026-12-31"),
        ("3", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], "2026-12-31"),
    ]
    assert [b.name for b in d.assignments[0].coordinating] == ["Bộ Tư pháp"]


def test_parse_directive_reads_a_word_task_table(tmp_path: Path) -> None:
    path = _directive_doc(tmp_path / "ct.docx")
    doc = docx.Document(str(path))
    tbl = doc.add_table(rows=5, cols=4)
    for c, text in enumerate(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn hoàn thành"]):
        tbl.cell(0, c).text = text
    tbl.cell(1, 0).text = "I"
    tbl.cell(1, 1).merge(tbl.cell(1, 3)).text = "Hoàn thiện thể chế"
    tbl.cell(2, 2).merge(tbl.cell(3, 2)).text = "Bộ Tài chính"
    rows = [
        ("1", "Xây dựng Nghị định về tài sản công", "Quý I/2026"),
        ("2", "Sửa đổi Thông tư hướng dẫn", "Quý II/2026"),
        ("3", "Rà soát định mức", "Năm 2026"),
    ]
    for r, (stt, task, due) in enumerate(rows, 2):
        tbl.cell(r, 0).text, tbl.cell(r, 1).text, tbl.cell(r, 3).text = stt, task, due
    tbl.cell(4, 2).text = "Bộ Xây dựng"
    doc.element.body.findall(qn("w:tbl"))[1].addprevious(tbl._tbl)  # before the signature table
    d = directive_parser.parse_directive(_save(doc, path))
    got = [(a.clause, [b.name for b in a.lead], a.task, a.table.row) for a in d.assignments if a.table]
    assert got == [
        ("T1.I.1", ["Bộ Tài chính"], "Xây dựng Nghị định về tài sản công", 1),
        ("T1.I.2", ["Bộ Tài chính"], "Sửa đổi Thông tư hướng dẫn", 2),  # the merged cell, filled from above
        ("T1.I.3", ["Bộ Xây dựng"], "Rà soát định mức", 3),
    ]
    assert len(d.assignments) == 7 and not d.warnings
