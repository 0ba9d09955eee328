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


def test_a_semicolon_line_end_does_not_end_a_paragraph():
    text = "Giao các sở, ngành tỉnh;\nCác Ban QLDA chuyên ngành báo cáo kết quả.\nGiao Sở Tài chính tổng hợp."
    assert paths(text) == ["p1", "p2"]


def test_an_ellipsis_line_end_ends_a_paragraph():
    text = "Báo cáo nêu một số phản ánh về ứng dụng PC-Covid…\nSau khi xem xét, Thủ tướng đề nghị Bộ Y tế nghiên cứu."
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


# Labels that survive OCR: each damage form English-model OCR or blind repair leaves, between good
# labels of its sequence, reads as the label the sequence expects; the rest of the tree is unchanged.
OCR_SECTIONS = (
    "I. MỤC ĐÍCH\n1. Chung.\nII. NHIỆM VỤ\n1. Sở Y tế.\n{III} TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ.\nIV. KINH PHÍ\n1. Ngân sách.\n"
)
SECTIONS_TREE = ["I", "I.1", "II", "II.1", "III", "III.1", "IV", "IV.1"]
NUMBERED = "1. Sở Y tế.\n2. Sở Nội vụ.\n3. Sở Tài chính.\n4. Sở Xây dựng.\n{five} Sở Công Thương.\n6. Sở Tư pháp.\n"


@pytest.mark.parametrize(
    "label",
    ["III.", "Ill.", "Il.", "[II", "[II.", "111.", "Iii.", "lII.", "III.TỔ", "III,", "HI.", "1H."],
    ids=["clean", "Ill", "Il", "bracket-no-dot", "bracket", "digits", "repair-case", "l-first", "no-space", "comma", "HI", "1H"],
)
def test_garbled_roman_label_is_the_expected_one(label):
    text = OCR_SECTIONS.replace("{III} TỔ", label if label.endswith("TỔ") else f"{label} TỔ")
    assert paths(text) == SECTIONS_TREE
    assert dict(tree(text))["III"] == "III."


@pytest.mark.parametrize("label", ["S.", "9.", "5,", "5.Sở"], ids=["S", "nine", "comma", "no-space"])
def test_garbled_section_number_is_the_expected_one(label):
    text = NUMBERED.replace("{five} Sở", label if label.endswith("Sở") else f"{label} Sở")
    assert paths(text) == ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "A." for "4." and "l." for "1.": the glyph reads as the expected digit, even as the last label.
        ("1. Sở Y tế.\n2. Sở Nội vụ.\n3. Sở Tài chính.\nA. Sở Xây dựng.\n", ["1", "2", "3", "4"]),
        ("l. Sở Y tế.\n2. Sở Nội vụ.\n", ["1", "2"]),
        # the last section's "5." read as a look-alike "9." with no section after it
        (
            "1. Sở Y tế.\n2. Sở Nội vụ.\n3. Sở Tài chính.\n4. Sở Xây dựng.\n9. Các doanh nghiệp viễn thông.\n",
            ["1", "2", "3", "4", "5"],
        ),
        # a clean label far ahead that OCR does not confuse with the expected one keeps its number
        ("1. Sở Y tế.\n2. Sở Nội vụ.\n7. Sở Tài chính.\n", ["1", "2"]),
        # "Ii." / "Vv.": repair capitalised only the label's first letter, OCR doubled the V.
        (
            "I. MỤC ĐÍCH\nIi. NHIỆM VỤ\nIII. GIẢI PHÁP\nIv. TỔ CHỨC\nVv. KINH PHÍ\nVI. BÁO CÁO\n",
            ["I", "II", "III", "IV", "V", "VI"],
        ),
        # "H." for "II." (vie model): only before a heading in capitals; "H. Nguyễn" stays text
        ("I. MỤC ĐÍCH\nH. NỘI DUNG\nIII. TỔ CHỨC\n", ["I", "II", "III"]),
        ("I. MỤC ĐÍCH\nH. Nguyễn Văn A trình bày.\n", ["I"]),
        # a capitalised word that starts with Roman-like letters is no label: "HĐND", "VIỆC"
        ("I. MỤC ĐÍCH\nHĐND TỈNH GIÁM SÁT\nII. NỘI DUNG\n", ["I", "II"]),
        ("I. A\nII. B\nIII. C\nIV. D\nV. E\nVIỆC TRIỂN KHAI\nVI. G\n", ["I", "II", "III", "IV", "V", "VI"]),
        # "I.NGUYÊN TẮC": the space after the label lost.
        ("I.NGUYÊN TẮC\n1.Chung.\nII.NHIỆM VỤ\n", ["I", "I.1", "II"]),
        # a Roman label lost altogether: the next good one continues the sequence (no cascade).
        # (the lost part's "1." cannot restart the sections of part I and stays text)
        ("I. MỤC ĐÍCH\n1. Chung.\nNHIỆM VỤ\n1. Sở Y tế.\nIII. TỔ CHỨC\n1. Sở Nội vụ.\n", ["I", "I.1", "III", "III.1"]),
        # "9." for "5." as the last of its list: the next part's list restarts at "1."
        (
            "I. NỘI DUNG\n1. A b.\n2. C d.\n3. E f.\n4. G h.\n9. Thi đua hoàn thành.\nII. TIÊU CHÍ\n1. Chung.\n",
            ["I", "I.1", "I.2", "I.3", "I.4", "I.5", "II", "II.1"],
        ),
    ],
    ids=[
        "A-for-4",
        "l-for-1",
        "nine-body-end",
        "far-ahead",
        "repair-case",
        "H-for-II",
        "H-initial",
        "HDND",
        "VIEC",
        "no-space",
        "lost-roman",
        "nine-last",
    ],
)
def test_ocr_section_labels(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A real "5." after "1.", "2." (lines lost by the export) is not renumbered "3.": it keeps its
        # number when the next label continues it, and stays text when nothing confirms it.
        ("1. Sở Y tế.\n2. Sở Nội vụ.\n5. Sở Tài chính.\n6. Sở Xây dựng.\n", ["1", "2", "5", "6"]),
        ("1. Sở Y tế.\n2. Sở Nội vụ.\n5. Sở Tài chính.\n", ["1", "2"]),
        # a glyph that is not the expected digit, with no good label after it, stays text
        ("1. Sở Y tế.\n2. Sở Nội vụ.\nS. Sở Tài chính.\n", ["1", "2"]),
        # a lower-case line after a garbled-looking start is prose: "Il" opens no heading
        ("I. MỤC ĐÍCH\nIl. các nội dung sau\nII. NHIỆM VỤ\n", ["I", "II"]),
        # "V.v." (vân vân) at a line start is not Roman V
        ("I. MỤC ĐÍCH\nII. NHIỆM VỤ\nIII. GIẢI PHÁP\nIV. TỔ CHỨC\nV.v. các nội dung khác.\n", ["I", "II", "III", "IV"]),
        # a lone "l." is section 1, never Roman I (the "II." after it is a part whose "I." was lost)
        ("l. Sở Y tế.\n2. Sở Nội vụ.\nII. NHIỆM VỤ\n", ["1", "2", "II"]),
        # a clean Roman label out of place is not relabelled ("V." where "III." is due, "IV." next)
        ("I. MỤC ĐÍCH\nII. NHIỆM VỤ\nV. GIẢI PHÁP\nIV. TỔ CHỨC\n", ["I", "II", "IV"]),
    ],
    ids=["lost-lines-kept", "lost-lines-unconfirmed", "glyph-unconfirmed", "lowercase", "v-v", "lone-l", "clean-roman"],
)
def test_labels_that_must_not_be_relabelled(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "giai đoạn 2021\n- 2025": a year range cut by a page break is text, not a dash item
        ("1. Nguồn lực\nchuyển nguồn kinh phí của giai đoạn 2021\n\n- 2025 sang thực hiện.\n", ["1"]),
        # a dash item that opens with a figure is still an item, even after a heading ending in a year
        ("1. Chỉ tiêu năm 2025:\n- 100% xã có trạm y tế.\n", ["1", "1.-1"]),
        ("1. Chỉ tiêu năm 2025\n- 100% xã có trạm y tế.\n", ["1", "1.-1"]),
    ],
    ids=["year-range", "figure-item", "figure-item-after-year"],
)
def test_dash_after_a_number(text, expected):
    assert paths(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # after a short heading and OCR's blank line, a "-" opens an item though repair gave it a
        # lower-case "đánh" (OCR lost the capital "Đ")
        ("1. Chung\ne) Thuế tỉnh Đắk Lắk\n\n- đánh giá về ưu đãi đầu tư;\n", ["1", "1.-1"]),
        # without the blank line it wraps a compound ("kinh tế\n- xã hội"), as before
        ("1. Chung\nPhát triển kinh tế\n- xã hội bền vững.\n", ["1"]),
        # a page break (blank line) inside a long wrapped sentence does not open an item
        ("1. Chung\n" + "Các sở, ngành tập trung thực hiện các nhiệm vụ phát triển kinh tế\n\n- xã hội.\n", ["1"]),
        # a stray glyph read before a point label: "3 a) Hướng dẫn …" is point a)
        ("1. Chung\n3 a) Hướng dẫn thủ tục.\nb) Chủ trì giải quyết.\n", ["1", "1.a", "1.b"]),
        # … but only the expected letter, opening a capitalised text
        ("1. Chung\na) Một.\n2 a) của khoản này.\nb) Hai.\n", ["1", "1.a", "1.b"]),
        # a scan speck before a dash or a number: "_- Quan tâm …", "~2. Sở Y tế"
        ("1. Chung:\n_- Quan tâm công tác cán bộ nữ.\n~2. Sở Y tế.\n", ["1", "1.-1", "2"]),
        # a dash-like speck glued to the expected point label: "-g) UBND các xã, phường"
        (
            "1. Chung\na) Thuế tỉnh\n- Đánh giá ưu đãi.\n-b) UBND các xã, phường\n- Đánh giá đất đai.\n",
            ["1", "1.a", "1.a.-1", "1.b", "1.b.-1"],
        ),
        # … not a letter out of sequence
        ("1. Chung\na) Thuế tỉnh\n- Đánh giá ưu đãi.\n-g) UBND các xã\n", ["1", "1.a", "1.a.-1"]),
    ],
    ids=[
        "blank-then-dash",
        "wrap-no-blank",
        "page-break-in-sentence",
        "stray-before-point",
        "stray-wrong-letter",
        "speck",
        "glued-speck",
        "glued-speck-wrong-letter",
    ],
)
def test_ocr_item_and_point_starts(text, expected):
    assert paths(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a garbled label whose own part was lost before it: "Ill." after "I." is III (II lost)
        ("I. MỤC ĐÍCH\n1. Chung.\nIll. TỔ CHỨC\n1. Sở Nội vụ.\nIV. KINH PHÍ\n", ["I", "I.1", "III", "III.1", "IV"]),
        ("1. Sở Y tế.\n2. Sở Nội vụ.\n3. Sở Tài chính.\nS. Sở Xây dựng.\n6. Sở Tư pháp.\n", ["1", "2", "3", "5", "6"]),
    ],
    ids=["roman-after-lost", "number-after-lost"],
)
def test_garbled_label_after_a_lost_one(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a stroke lost: "I." again where "II." is due, then "II." where "III." is (no cascade)
        (
            "I. VỀ THỂ CHẾ\n1. Sở Y tế.\nI. VỀ DỊCH VỤ CÔNG\n1. Sở Nội vụ.\nII. TỔ CHỨC THỰC HIỆN\n",
            ["I", "I.1", "II", "II.1", "III"],
        ),
        ("I. MỤC ĐÍCH\nII. NHIỆM VỤ\nII. GIẢI PHÁP\nIV. TỔ CHỨC\n", ["I", "II", "III", "IV"]),
        # the repeat must open a heading in capitals: "I. Các nội dung …" stays text
        ("I. MỤC ĐÍCH\n1. Sở Y tế.\nI. Các nội dung khác.\n", ["I", "I.1"]),
    ],
    ids=["repeat-cascade", "repeat-between-good", "repeat-lowercase-heading"],
)
def test_a_repeated_roman_label_is_the_next_one(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a point label printed twice is the next point; the labels after it are read one on
        ("1. Sở Y tế:\na) Chủ trì.\nb) Phối hợp.\nb) Tổ chức lấy ý kiến.\nc) Báo cáo.\n", ["1", "1.a", "1.b", "1.c", "1.d"]),
        (
            "1. Các bộ:\na) Bộ Y tế:\n- Hướng dẫn.\nb) Bộ Công an:\n- Chủ trì.\nb) Bộ Tư pháp:\n- Thẩm định.\n",
            ["1", "1.a", "1.a.-1", "1.b", "1.b.-1", "1.c", "1.c.-1"],
        ),
        # before a lower-case word the repeat is the text of the point before
        ("1. Sở Y tế:\na) Chủ trì.\nb) Phối hợp với\nb) các sở.\n", ["1", "1.a", "1.b"]),
    ],
    ids=["repeat", "repeat-heading", "repeat-lowercase"],
)
def test_a_repeated_point_label_is_the_next_one(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "ly" for "3." between "2." and "4.": a short capitalised heading whose points follow
        (
            "1. Bộ Y tế:\na) Chủ trì.\n2. Bộ Công Thương:\na) Phối hợp.\nly Ủy ban nhân dân tỉnh, thành phố\na) Tuyên truyền.\n4. Trách nhiệm phối hợp\n",
            ["1", "1.a", "2", "2.a", "3", "3.a", "4"],
        ),
        # a wrapped sentence is no heading, and without a good label after it nothing is relabelled
        (
            "1. Bộ Y tế.\n2. Bộ Công Thương.\nla Nam khẩn trương tổ chức thực hiện việc thanh toán các chi phí.\n4. Bộ Tài chính.\n",
            ["1", "2", "4"],
        ),
        ("1. Bộ Y tế.\n2. Bộ Công Thương.\nly Ủy ban nhân dân tỉnh\n", ["1", "2"]),
    ],
    ids=["smudged-between", "sentence", "unconfirmed"],
)
def test_a_smudged_section_label_between_good_ones(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "o." for "5." between "4." and "6."
        ("1. A.\n2. B.\n3. C.\n4. Rà soát.\no. Xây dựng Nghị định\n6. Bộ Tài chính.\n", ["1", "2", "3", "4", "5", "6"]),
        # without the good label after it, it stays text
        ("1. A.\n2. B.\n3. C.\n4. Rà soát.\no. Xây dựng Nghị định\n", ["1", "2", "3", "4"]),
    ],
    ids=["between", "unconfirmed"],
)
def test_a_round_glyph_for_a_digit_between_good_labels(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "body, labels",
    [
        ("đề nghị: (i) Bộ A báo cáo. (ii) Bộ B phối hợp. (iii) Bộ C kiểm tra.", ["(i)", "(ii)", "(iii)"]),
        # a mark that lost a stroke opening a sentence is the expected one: no cascade
        (
            "đề nghị: (¡) Bộ A báo cáo. (ii) Bộ B phối hợp. (ii) Bộ C kiểm tra. (iv) Bộ D giám sát.",
            ["(i)", "(ii)", "(iii)", "(iv)"],
        ),
        ("đề nghị: () Bộ A báo cáo. (ii) Bộ B phối hợp.", ["(i)", "(ii)"]),
        # a repeated mark before lower-case text is a reference, not a sub-item
        ("đề nghị: (i) Bộ A báo cáo theo điểm (i) nêu trên. (ii) Bộ B phối hợp.", ["(i)", "(ii)"]),
    ],
    ids=["clean", "stroke-lost", "empty", "reference"],
)
def test_ocr_damaged_subitem_marks(body, labels):
    text = f"1. Bộ Y tế {body}\n"
    (clause,) = segment_clauses(text, 0, len(text), [Page(number=1, start=0, end=len(text), method=PageMethod.ocr)])
    assert [c.label for c in clause.children] == labels


@pytest.mark.parametrize(
    "text, expected",
    [
        # "©)" is the "c)" or "e)" the sequence expects, also "e)" after "d)" in a list without "đ)"
        ("1. Sở Y tế:\na) Một.\nb) Hai.\n©) Ba.\n", ["1", "1.a", "1.b", "1.c"]),
        ("1. Sở Y tế:\na) Một.\nb) Hai.\nc) Ba.\nd) Bốn.\n©) Năm.\ng) Sáu.\n", ["1", "1.a", "1.b", "1.c", "1.d", "1.e", "1.g"]),
    ],
    ids=["c", "e-after-d"],
)
def test_a_round_glyph_point_label(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "TH." for "III." (a serif I read as T, two strokes joined into H) before a heading in capitals
        ("I. MỤC ĐÍCH\nII. NỘI DUNG\nTH. KINH PHÍ THỰC HIỆN\nIV. TỔ CHỨC THỰC HIỆN\n", ["I", "II", "III", "IV"]),
        # not before a heading in lower case
        ("I. MỤC ĐÍCH\nII. NỘI DUNG\nTH. Kinh phí được bố trí.\nIV. TỔ CHỨC THỰC HIỆN\n", ["I", "II", "IV"]),
    ],
    ids=["TH-for-III", "TH-lowercase"],
)
def test_th_for_iii(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a long heading line without punctuation, then a list of dashed sentences: each is an item
        (
            "1. Các doanh nghiệp kinh doanh dịch vụ vận tải hành khách trên địa bàn tỉnh\n"
            "- Rà soát phương tiện, lái xe trước ngày 30/6/2026.\n- Báo cáo kết quả về Sở Xây dựng.\n",
            ["1", "1.-1", "1.-2"],
        ),
        (
            "2. Giao Thủ trưởng các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh và các đơn vị trực thuộc\n"
            "- Tiếp tục cập nhật dữ liệu cán bộ.\n\n- Kiểm tra, đôn đốc việc cập nhật.\n",
            ["2", "2.-1", "2.-2"],
        ),
        # a hyphen that wraps a name runs on into its sentence: no list follows, so no item
        (
            "3. Về phủ sóng di động: đề nghị các Tập đoàn Bưu chính Viễn thông Việt Nam, Công nghiệp\n"
            "- Viễn thông Quân đội tổ chức triển khai trong năm 2026.\n4. Về đất đai\n",
            ["3", "4"],
        ),
        # the same wrap before a dash item still joins: the wrapped line does not end a sentence
        (
            "1. Đề nghị các Tập đoàn Bưu chính Viễn thông Việt Nam, Công nghiệp và Tập đoàn Điện lực\n"
            "- Viễn thông Quân đội tổ chức triển khai\n- Bộ Tài chính bố trí vốn.\n",
            ["1", "1.-1"],
        ),
    ],
    ids=["name-heading", "address-heading", "wrapped-name", "wrapped-name-before-list"],
)
def test_a_dashed_list_after_a_long_heading(text, expected):
    assert [p for p in paths(text) if p != "preamble"] == expected


def test_a_paragraph_gap_before_a_dash_after_a_long_heading_opens_an_item():
    # OCR text: the heading wraps, a blank line, then dashed sentences that wrap themselves
    text = (
        "1. Giao Thủ trưởng các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh; Chủ tịch Ủy ban nhân dân các xã\n\n"
        "- Tiếp tục cập nhật dữ liệu cán bộ, công chức trên hệ thống của\ntỉnh trước ngày 30/6/2026.\n\n"
        "- Kiểm tra, đôn đốc việc cập nhật.\n"
    )
    assert [p for p in paths(text) if p != "preamble"] == ["1", "1.-1", "1.-2"]
    # text-layer wrapping without blank lines: the list still shows
    wrapped = text.replace("\n\n", "\n")
    assert [p for p in paths(wrapped) if p != "preamble"] == ["1", "1.-1", "1.-2"]


def test_short_unterminated_lines_of_prose_are_paragraphs_of_their_own():
    text = (
        "Văn phòng Chính phủ thông tin về chỉ đạo, điều hành của Thủ tướng Chính phủ trong ngày hôm nay.\n"
        "12/05/2026 18:20\nXử lý phản ánh về ô nhiễm sông\n"
        "Thủ tướng Chính phủ yêu cầu Ủy ban nhân dân thành phố Hà Nội kiểm tra, xử lý thông tin phản ánh.\n"
        "Ủy ban nhân dân thành phố báo cáo kết quả trước ngày 30/5/2026 để Thủ tướng Chính phủ theo dõi.\n"
    )
    assert paths(text) == ["p1", "p2", "p3", "p4"]
    # a text layer that wraps a sentence at full width keeps it one paragraph
    wrapped = (
        "Thủ tướng Chính phủ yêu cầu Ủy ban nhân dân thành phố Hà Nội kiểm tra, xử lý\n"
        "Thông tin phản ánh của báo chí về ô nhiễm sông Nhuệ, báo cáo kết quả trước\n"
        "ngày 30/5/2026 để Thủ tướng Chính phủ theo dõi, chỉ đạo.\n"
    )
    assert paths(wrapped) == ["p1"]


def test_an_item_whose_dash_ocr_lost_after_the_introducing_colon():
    text = (
        "Về việc này, Thủ tướng Chính phủ giao Bộ Công Thương:\n\n"
        "Nghiên cứu thông tin báo chí phản ánh về giá điện, báo cáo\nThủ tướng Chính phủ.\n\n"
        "- Rà soát các quy định về giá điện.\n"
    )
    assert [p for p in paths(text) if p != "preamble"] == ["-1", "-2"]
    # two paragraphs between the colon and the list: the first is no lost item
    two = text.replace(
        "báo cáo\nThủ tướng Chính phủ.\n\n", "báo cáo\nThủ tướng Chính phủ.\n\nTheo báo cáo, giá điện đã tăng.\n\n"
    )
    assert [p for p in paths(two) if p != "preamble"] == ["-1"]


def test_a_dash_after_a_page_break_inside_a_sentence_is_no_item():
    # "… một số điều của" / blank line / "- Nghị định số …": the sentence runs on over the break
    text = (
        "1. Chung\na) Bảo hiểm xã hội Việt Nam thanh toán theo quy định tại Nghị định sửa đổi, bổ sung một số điều của\n\n"
        "- Nghị định số 146/2018/NĐ-CP của Chính phủ.\nb) Hai.\n"
    )
    assert paths(text) == ["1", "1.a", "1.b"]


def test_ocr_colon_after_a_section_number():
    # "2:" is OCR's reading of "2."; a time "10:30" opens no section
    text = "1. Cho phép bổ sung bệnh viện vào quy hoạch.\n2: Ủy ban nhân dân tỉnh chỉ đạo thực hiện.\n10:30 họp Ban Chỉ đạo.\n"
    assert paths(text) == ["1", "2"]
