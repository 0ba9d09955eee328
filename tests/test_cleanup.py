"""cleanup: NFC and loose marks, page numbers, running headers, footnotes set apart, body left alone."""

from __future__ import annotations

import re
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
        # a web copy glued two syllables at a capital; brand names, codes and place names stay
        ("Phó Thủ tướng Thường trựcChính phủ, đồng chí TổngBí thư", "Phó Thủ tướng Thường trực Chính phủ, đồng chí Tổng Bí thư"),
        ("quy định tạiĐiều 5 theoMẫu số 02", "quy định tại Điều 5 theo Mẫu số 02"),
        ("VinFast, MobiFone, TTgCP, ĐaKrông, iPhone", "VinFast, MobiFone, TTgCP, ĐaKrông, iPhone"),
    ],
    ids=[
        "loose-grave",
        "nfd",
        "nfd-hook-dot",
        "loose-hook-dot",
        "stacked-circumflex-acute",
        "nbsp-zwsp",
        "line-ends",
        "glued-titles",
        "glued-references",
        "not-glued",
    ],
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


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        # a speck at the right margin of a justified scanned line stands apart from the last word
        (
            "4. Đài Truyền hình Việt Nam chủ trì, phối hợp với các bộ .",
            "4. Đài Truyền hình Việt Nam chủ trì, phối hợp với các bộ",
        ),
        (
            "giải quyết TTHC của các bộ, ngành cần chuẩn hóa; 2.244 TTHC cần ˆ",
            "giải quyết TTHC của các bộ, ngành cần chuẩn hóa; 2.244 TTHC cần",
        ),
        ("hoàn thành trong năm 2025 (Phụ lục II kèm theo). :", "hoàn thành trong năm 2025 (Phụ lục II kèm theo)."),
        # a mark set against its word, and a short line ("Nơi nhận :"), are kept
        (
            "phối hợp với các bộ, ngành, địa phương liên quan xây dựng.",
            "phối hợp với các bộ, ngành, địa phương liên quan xây dựng.",
        ),
        ("Nơi nhận :", "Nơi nhận :"),
    ],
)
def test_margin_specks_of_a_scan_are_dropped(line: str, clean: str) -> None:
    doc = clean_pages([PageText(1, f"{line}\nngành, địa phương liên quan.\n", PageMethod.ocr)])
    assert doc.text.split("\n")[0] == clean


def test_margin_specks_are_kept_in_text_input() -> None:
    line = "4. Đài Truyền hình Việt Nam chủ trì, phối hợp với các bộ ."
    assert clean_pages([PageText(1, line, PageMethod.text)]).text.rstrip("\n") == line


@pytest.mark.parametrize(
    ("above", "line", "clean"),
    [
        # underscores never open a line of text: a speck at the left margin
        ("", "_ Điều 1. Các chi phí khám bệnh, chữa bệnh", "Điều 1. Các chi phí khám bệnh, chữa bệnh"),
        (
            "sản xuất, xuất khẩu, nhập khẩu, kinh doanh thực",
            "_ phẩm, các nhiệm vụ đã được phân công",
            "phẩm, các nhiệm vụ đã được phân công",
        ),
        # a dash fused with a speck after a line that runs on is no item: "Việt" / "-_ Nam"
        (
            "tổng mức thanh toán giai đoạn năm 2019-2022, Bảo hiểm xã hội Việt",
            "-_ Nam khẩn trương tổ chức",
            "Nam khẩn trương tổ chức",
        ),
        # after a line that ends a sentence it opens an item, the speck dropped by the segmenter
        (
            "Các bộ, ngành thực hiện các nhiệm vụ sau đây một cách nghiêm túc:",
            "-_ Quan tâm bố trí kinh phí",
            "-_ Quan tâm bố trí kinh phí",
        ),
    ],
)
def test_left_margin_specks_of_a_scan_are_dropped(above: str, line: str, clean: str) -> None:
    doc = clean_pages([PageText(1, f"{above}\n{line}\n", PageMethod.ocr)])
    assert doc.text.strip("\n").split("\n")[-1] == clean


@pytest.mark.parametrize(
    ("above", "line", "clean"),
    [
        # a dash read as a speck under a heading: the item comes back
        ("1.1. Trưởng Ban Chỉ đạo", "`. Phụ trách chung, trực tiếp điều hành", "- Phụ trách chung, trực tiếp điều hành"),
        # a speck before the continuation of a wrapped line is noise
        (
            "hướng dẫn các cơ quan, tổ chức, đơn vị và các đối",
            ". tượng khác thuộc phạm vi quản lý",
            "tượng khác thuộc phạm vi quản lý",
        ),
        # a year split by OCR is joined; a count after a date is not
        ("", "chính. Thời gian hoàn thành: Trước ngày 31/5/2 026.", "chính. Thời gian hoàn thành: Trước ngày 31/5/2026."),
        ("", "hoàn thành trước ngày 15/12/20 26 theo kế hoạch", "hoàn thành trước ngày 15/12/2026 theo kế hoạch"),
        ("", "ngày 15/12/2026 125 hồ sơ", "ngày 15/12/2026 125 hồ sơ"),
    ],
)
def test_ocr_specks_before_items_and_split_years(above: str, line: str, clean: str) -> None:
    doc = clean_pages([PageText(1, f"{above}\n{line}\n" if above else f"{line}\n", PageMethod.ocr)])
    assert doc.text.strip("\n").split("\n")[-1] == clean


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        (
            "7. Về đề nghị Chính phủ chỉ đạo Bộ Tài chính. xem xét, bố trí vốn",
            "7. Về đề nghị Chính phủ chỉ đạo Bộ Tài chính xem xét, bố trí vốn",
        ),
        (
            "với nội dung. vượt thẩm quyền, đề xuất báo cáo cấp có thẩm quyền",
            "với nội dung vượt thẩm quyền, đề xuất báo cáo cấp có thẩm quyền",
        ),
        # a stop before a capital ends a sentence; numbers and labels keep theirs
        (
            "hoàn thành trong năm 2025. Bộ Tài chính chủ trì, phối hợp",
            "hoàn thành trong năm 2025. Bộ Tài chính chủ trì, phối hợp",
        ),
        ("theo Quyết định số 12. a) Sở Y tế chủ trì", "theo Quyết định số 12. a) Sở Y tế chủ trì"),
    ],
)
def test_a_speck_read_as_a_stop_inside_a_sentence_is_dropped(line: str, clean: str) -> None:
    assert clean_pages([PageText(1, line, PageMethod.ocr)]).text.rstrip("\n") == clean


def test_a_stop_before_a_marked_capital_is_kept() -> None:
    line = "văn hóa và thể thao. Ưu tiên các doanh nghiệp. Đồng thời, các địa phương"
    assert clean_pages([PageText(1, line, PageMethod.ocr)]).text.rstrip("\n") == line


@pytest.mark.parametrize(
    "broken",
    ["Điều\n10. Cập nhật thông tin", "Điều\n\n10. Cập nhật thông tin", "Điều \n \n10. Cập nhật thông tin"],
    ids=["wrapped", "blank-line-between", "spaces-and-blank-line"],
)
def test_an_article_word_wrapped_before_its_number_rejoins_it_one_for_one(broken):
    text = f"quy định.\n{broken} dữ liệu giá.\n"
    out = normalize(text)
    assert re.search(r"\nĐiều +10\. Cập nhật", out)  # one label line again
    assert out.index("10.") == text.index("10.")  # offsets kept
    # a reference in a sentence that wraps before a number is no label and stays
    assert normalize("theo quy định tại Điều\n8 Nghị định số 85") == "theo quy định tại Điều\n8 Nghị định số 85"
