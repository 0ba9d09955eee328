"""Clause tree: labels continue their level's sequence, which rejects false labels and repairs OCR-damaged ones."""

import pytest

from directive_parser.models import ClauseKind, Page, PageMethod
from directive_parser.structure.segment import segment_clauses
from directive_parser.text import vocabulary


def tree(text: str) -> list[tuple[str, str]]:
    pages = [Page(number=1, start=0, end=len(text), method=PageMethod.text)]
    return [(c.path, c.label) for root in segment_clauses(text, 0, len(text), pages) for c in root.walk()]


def paths(text: str) -> list[str]:
    return [p for p, _ in tree(text)]


BASIC = """Thủ tướng Chính phủ yêu cầu các bộ thực hiện:
1. Nguyên tắc chung
a) Xác định nhiệm vụ trọng tâm.
b) Tập trung nguồn lực.
2. Tổ chức thực hiện
a) Giao Bộ Công an:
- Chủ trì triển khai Đề án 06.
- Thực hiện đánh giá, xếp hạng.
b) Giao Chủ tịch Ủy ban nhân dân các tỉnh chỉ đạo: (i) triển khai giám sát; (ii) bố trí kinh phí.
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (BASIC, ["preamble", "1", "1.a", "1.b", "2", "2.a", "2.a.-1", "2.a.-2", "2.b", "2.b.(i)", "2.b.(ii)"]),
        # "¢)" is how the English OCR model reads "c)"; "d)" where the sequence needs "đ)" is "đ)".
        (
            "1. Chung\na) Một việc.\nb) Hai việc.\n¢) Ba việc.\nd) Bốn việc.\nd) Năm việc.\ne) Sáu việc.\n",
            ["1", "1.a", "1.b", "1.c", "1.d", "1.đ", "1.e"],
        ),
        # a doubled OCR glyph "c¢)" is still "c)"
        ("1. Chung\na) Một.\nb) Hai.\nc¢) Ba.\n", ["1", "1.a", "1.b", "1.c"]),
        # "2025." opening a wrapped line is not section 2025; "2." after "1." is section 2.
        ("1. Mục tiêu\nphấn đấu hoàn thành trong năm\n2025. Chất lượng dữ liệu cao.\n2. Giải pháp\n", ["1", "2"]),
        # Roman parts restart the numbering of their sections.
        ("I. MỤC TIÊU\n1. Chung\n2. Riêng\nII. GIẢI PHÁP\n1. Thể chế\n", ["I", "I.1", "I.2", "II", "II.1"]),
        ("Điều 1. Ban hành Kế hoạch.\nĐiều 2. Hiệu lực.\n", ["1", "2"]),
        # a dash that only wraps a compound word ("kinh tế\n- xã hội") is not an item
        ("1. Phát triển kinh tế\n- xã hội bền vững.\n- Bộ Tài chính chủ trì.\n", ["1", "1.-1"]),
        # a lettered label out of sequence ("h)" right after "a)") is text, not a point
        ("1. Chung\na) Một việc theo điểm\nh) của khoản 2.\nb) Hai.\n", ["1", "1.a", "1.b"]),
    ],
    ids=["basic-tree", "ocr-labels", "doubled-glyph", "year-not-section", "roman", "dieu", "wrapped-dash", "out-of-sequence"],
)
def test_clause_paths(text, expected):
    assert [p for p in paths(text) if p != "preamble" or expected[0] == "preamble"] == expected


def test_labels_are_normalised():
    labels = dict(tree("1. Chung\na) Một.\nb) Hai.\n¢) Ba.\nd) Bốn.\nd) Năm.\n"))
    assert labels["1.c"] == "c)" and labels["1.đ"] == "đ)"


def test_clause_text_and_spans_point_into_document():
    cut = BASIC.index("2. Tổ chức")
    pages = [
        Page(number=1, start=0, end=cut, method=PageMethod.text),
        Page(number=2, start=cut, end=len(BASIC), method=PageMethod.text),
    ]
    clauses = segment_clauses(BASIC, 0, len(BASIC), pages)
    flat = {c.path: c for root in clauses for c in root.walk()}
    assert flat["2.a"].text == "Giao Bộ Công an:"
    assert flat["2.a.-1"].text == "Chủ trì triển khai Đề án 06."
    assert BASIC[flat["2.a.-1"].span.start :].startswith("- Chủ trì")
    assert flat["1.a"].span.page == 1 and flat["2.a"].span.page == 2
    assert flat["2.b.(ii)"].kind is ClauseKind.subitem and flat["2.b.(ii)"].text == "bố trí kinh phí."


def test_closing_paragraph_is_split_from_last_clause():
    text = "1. Chung\na) Một việc.\nb) Hai việc cuối.\nYêu cầu các bộ thực hiện nghiêm Chỉ thị này.\n"
    p = paths(text)
    assert p[-1] == "closing"
    flat = {
        c.path: c
        for root in segment_clauses(text, 0, len(text), [Page(number=1, start=0, end=len(text), method=PageMethod.text)])
        for c in root.walk()
    }
    assert flat["1.b"].text == "Hai việc cuối."


def test_prose_becomes_paragraphs():
    text = "Bộ Công an chủ trì xây dựng.\n\nBộ Nội vụ rà soát.\nTiếp dòng.\n\nĐoạn ba."
    assert paths(text) == ["p1", "p2", "p3"]


def test_prose_without_blank_lines_splits_at_sentence_end():
    text = "Bộ Công an chủ trì xây dựng\nNghị định mới.\nBộ Nội vụ rà soát."
    assert paths(text) == ["p1", "p2"]


def test_ocr_subitem_marks():
    # blind repair may give "(ị)" for "(i)"
    text = "1. Chung\na) Giao Bộ Y tế chỉ đạo: (ị) việc một; (ii) việc hai.\n"
    assert paths(text) == ["1", "1.a", "1.a.(i)", "1.a.(ii)"]


@pytest.mark.parametrize("t", vocabulary.DOC_TYPES, ids=lambda t: t.name)
def test_closing_paragraph_names_the_document_by_its_type(t):
    # the types that close with "… <type> này." come from the shared vocabulary
    text = f"1. Chung\na) Một việc.\nb) Hai việc cuối.\nYêu cầu các bộ thực hiện nghiêm {t.name} này.\n"
    assert (paths(text)[-1] == "closing") is t.closing
