"""Structure that survives OCR: attachment titles and "(Kèm theo …)" lines as OCR and blind repair leave them."""

import pytest

from directive_parser.models import Page, PageMethod
from directive_parser.structure.attachments import find_parts
from directive_parser.structure.segment import segment_clauses

MAIN = "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nNơi nhận:\n- Như Điều 1;\nKT. CHỦ TỊCH\n"


@pytest.mark.parametrize(
    ("title", "attached", "code"),
    [
        # marks lost by English-model OCR: the folded title and attached-to line still open the part
        ("PHU LUC II", "(Kem theo Quyét dinh so 5/QD-UBND ngay 02/01/2026)", "PL2"),
        ("KE HOACH", "(Kèm theo Quyết định số 1627/QĐ-UBND ngày 21/11/2025)", "KH"),
        ("DANH MUC NHIEM VU", "(Ban hanh kem theo Ke hoach so 7/KH-UBND)", "DM"),
        # repair lower-cases the line's first word; OCR reads "(" as "[" or "{"
        ("KẾ HOẠCH", "(kèm theo Quyết định số: 1627/QĐ-UBND ngày 21/11/2025 của Chủ tịch", "KH"),
        ("PHỤ LỤC", "[KÈM THEO Kế hoạch số 980/KH-UBND]", "PL"),
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "{Ban hành kèm theo Nghị quyết số 9/NQ-CP)", "CT"),
    ],
    ids=["unmarked-pl", "unmarked-kh", "unmarked-dm", "lowercase", "bracket", "brace"],
)
def test_ocr_part_titles(title: str, attached: str, code: str) -> None:
    text = f"{MAIN}{title}\nTRIỂN KHAI THỰC HIỆN\n{attached}\n1. Nội dung.\n"
    parts = find_parts(text, 0)
    assert [p.code for p in parts] == [code]
    assert text[parts[0].start :].startswith(title)
    assert text[parts[0].body_start :].startswith("1. Nội dung.")


def test_blank_lines_between_title_lines_do_not_count() -> None:
    # OCR puts a blank line between the lines of a long title; the attached-to line is the 5th
    # non-blank line after the title but the 10th line.
    title = "KẾ HOẠCH\n\nTRIỂN KHAI THỰC HIỆN TỔNG KIỂM KÊ\n\nTÀI SẢN CÔNG TẠI CƠ QUAN\n\nTHỜI ĐIỂM 0H00 NGÀY 01/01/2026\n\n"
    text = f"{MAIN}{title}(kèm theo Quyết định số 1627/QĐ-UBND)\n\nI. MỤC ĐÍCH\n"
    parts = find_parts(text, 0)
    assert [p.code for p in parts] == ["KH"]
    assert parts[0].title.startswith("KẾ HOẠCH TRIỂN KHAI")


def test_attached_line_too_far_is_no_part() -> None:
    # seven non-blank lines between title and "(Kèm theo …)": a heading in the body, not a part
    body = "\n".join(f"DÒNG {k} IN HOA" for k in range(7))
    assert find_parts(f"KẾ HOẠCH\n{body}\n(Kèm theo Quyết định số 1)\n1. Nội dung.\n", 0) == []


def test_mixed_case_title_is_no_part() -> None:
    # "Kế hoạch" in running text, even folded, is not a title in capitals
    assert find_parts("Ke hoach nay\n(kem theo Quyet dinh so 1)\n1. Noi dung.\n", 0) == []


def test_ocr_attachment_sections_segment_like_the_body() -> None:
    # the attached plan's garbled Roman labels ("Ii.", "Iii.") still restart and continue its parts
    text = f"{MAIN}KẾ HOẠCH\n\nTRIỂN KHAI\n\n(kèm theo Quyết định số 1)\n\nI. MỤC ĐÍCH\n1. Một.\nIi. NỘI DUNG\n1. Hai.\nIii. TỔ CHỨC\n1. Ba.\n"
    part = find_parts(text, 0)[0]
    pages = [Page(number=1, start=0, end=len(text), method=PageMethod.text)]
    got = [c.path for root in segment_clauses(text, part.body_start, part.end, pages) for c in root.walk()]
    assert got == ["I", "I.1", "II", "II.1", "III", "III.1"]
