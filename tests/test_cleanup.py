"""cleanup: NFC and loose marks, page numbers, running headers, footnotes set apart, body left alone."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from directive_parser.ingest import ingest
from directive_parser.models import PageMethod, PageText
from directive_parser.structure.cleanup import clean_pages, normalize

BODY = "Giao Bộ Công an chủ trì thực hiện."


def pages(*texts: str) -> list[PageText]:
    return [PageText(i, t, PageMethod.text_layer) for i, t in enumerate(texts, start=1)]


def page_bodies(*texts: str) -> list[str]:
    doc = clean_pages(pages(*texts))
    return [doc.text[p.start : p.end].strip("\n") for p in doc.pages]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a \u0300", "à"),  # grave split off by a space, as pdfium extracts some fonts
        ("Bo\u0302\u0323 Co\u0302ng an", "Bộ Công an"),  # decomposed (NFD) input
        ("Chi\u0309 thi\u0323", "Chỉ thị"),
        ("Chi \u0309 thi \u0323", "Chỉ thị"),
        ("đô\u0301c", "đốc"),
        ("Hà\u00a0Nội\u200b", "Hà Nội"),
        ("dòng một\r\ndòng hai   \rba", "dòng một\ndòng hai\nba"),
    ],
    ids=["loose-grave", "nfd", "nfd-hook-dot", "loose-hook-dot", "stacked-circumflex-acute", "nbsp-zwsp", "line-ends"],
)
def test_normalize(raw: str, clean: str) -> None:
    got = normalize(raw)
    assert got == clean
    assert unicodedata.is_normalized("NFC", got)


@pytest.mark.parametrize(
    "number_line",
    ["2", "- 2 -", "-2-", "Trang 2", "trang 2", "2/5"],
    ids=["bare", "dashed", "dashed-tight", "trang", "trang-lower", "n-of-m"],
)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_page_numbers_dropped(number_line: str, where: str) -> None:
    second = f"{number_line}\n{BODY}" if where == "top" else f"{BODY}\n{number_line}"
    assert page_bodies("Trang đầu của chỉ thị.", second) == ["Trang đầu của chỉ thị.", BODY]


def test_number_far_from_page_number_is_kept() -> None:
    # "12" on page 2 is not that page's number: it is the body (a count on its own line).
    assert page_bodies("Một.", f"{BODY}\n12") == ["Một.", f"{BODY}\n12"]


def test_running_header_dropped_but_first_page_kept() -> None:
    header = "CÔNG BÁO/Số 1234 + 1235/Ngày 20-11-2025"
    got = page_bodies(f"{header}\nTHỦ TƯỚNG CHÍNH PHỦ", f"{header}\nhai", f"{header}\nba", f"{header}\nbốn")
    assert got == ["THỦ TƯỚNG CHÍNH PHỦ", "hai", "ba", "bốn"]


def test_two_pages_have_no_running_header() -> None:
    assert page_bodies("Đầu trang\nmột", "Đầu trang\nhai") == ["Đầu trang\nmột", "Đầu trang\nhai"]


FOOTNOTE = "1 Danh mục các nhiệm vụ quá hạn tại Hệ thống thông tin giám sát (http://nq57.vn)"


@pytest.mark.parametrize(
    ("texts", "bodies", "notes"),
    [
        (  # at the bottom of the page holding the marker, after a blank line
            ["vẫn còn 51 nhiệm vụ1 quá hạn chưa hoàn thành.\n\n" + FOOTNOTE, "trách nhiệm; một số hệ thống."],
            ["vẫn còn 51 nhiệm vụ1 quá hạn chưa hoàn thành.", "trách nhiệm; một số hệ thống."],
            [[FOOTNOTE], []],
        ),
        (  # at the top of the next page, then that page's number (the layout of ct33.text.pdf)
            ["vẫn còn 51 nhiệm vụ1\nquá hạn chưa hoàn thành", FOOTNOTE + "\n2\ntrách nhiệm; một số hệ thống."],
            ["vẫn còn 51 nhiệm vụ1\nquá hạn chưa hoàn thành", "trách nhiệm; một số hệ thống."],
            [[], [FOOTNOTE]],
        ),
        (  # wrapped over two lines at the bottom, then the page number
            ["còn 51 nhiệm vụ1 quá hạn.\n\n1 Danh mục các nhiệm vụ quá hạn\ntại Hệ thống thông tin\n1", "hai."],
            ["còn 51 nhiệm vụ1 quá hạn.", "hai."],
            [["1 Danh mục các nhiệm vụ quá hạn tại Hệ thống thông tin"], []],
        ),
        (  # OCR reads the superscript 1 as "!"
            ["còn 51 nhiệm vụ! quá hạn.\n\n! Danh mục các nhiệm vụ quá hạn.", "hai."],
            ["còn 51 nhiệm vụ! quá hạn.", "hai."],
            [["! Danh mục các nhiệm vụ quá hạn."], []],
        ),
    ],
    ids=["bottom", "top-of-next-page", "wrapped-bottom", "ocr-exclamation"],
)
def test_footnotes_set_apart(texts: list[str], bodies: list[str], notes: list[list[str]]) -> None:
    doc = clean_pages(pages(*texts))
    assert [doc.text[p.start : p.end].strip("\n") for p in doc.pages] == bodies
    assert [p.footnotes for p in doc.pages] == notes


@pytest.mark.parametrize(
    "body",
    [
        "còn nhiệm vụ1 quá hạn.\n2 Bộ chưa báo cáo kết quả.",  # 2 was never used as a marker
        "còn nhiệm vụ1 quá hạn.\n1. Các bộ, ngành khẩn trương thực hiện.",  # a clause label, not a note
        "còn nhiệm vụ1 quá hạn.\n1 nhiệm vụ còn lại giao Bộ Nội vụ.",  # lower case: a wrapped count
        "còn nhiệm vụ1 quá hạn.\n2025 Chính phủ ban hành Nghị quyết.",  # a year
        "Có 12 Bộ chưa báo cáo.\n12 Bộ này phải giải trình.",  # no marker at all
    ],
    ids=["unused-number", "clause-label", "lowercase-after-number", "year", "no-marker"],
)
def test_numbered_body_lines_are_not_footnotes(body: str) -> None:
    doc = clean_pages(pages(body))
    assert doc.text.strip("\n") == body
    assert doc.pages[0].footnotes == []


def test_page_offsets_cover_the_text() -> None:
    doc = clean_pages(pages("một", "hai\n2", "ba"))
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    assert all(a.end == b.start for a, b in zip(doc.pages, doc.pages[1:]))
    assert [p.method for p in doc.pages] == [PageMethod.text_layer] * 3


@pytest.mark.parametrize("fixture", ["ct33.text.pdf", "ct33.clean.txt"])
def test_fixture_footnote_and_page_numbers(fixtures_dir: Path, fixture: str) -> None:
    doc = clean_pages(ingest(fixtures_dir / fixture).pages)
    notes = [n for p in doc.pages for n in p.footnotes]
    assert len(notes) == 1 and notes[0].startswith("1 Danh mục các nhiệm vụ quá hạn")
    assert notes[0].endswith("57-NQ/TW (http://nq57.vn)")
    assert "Danh mục các nhiệm vụ quá hạn, chưa hoàn thành" not in doc.text
    assert all(line.strip() != "2" for line in doc.text.split("\n"))
    assert "51 nhiệm vụ1" in doc.text.replace("\n", " ")
