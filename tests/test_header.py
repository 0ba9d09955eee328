"""Header and closing-block fields of Vietnamese administrative documents (Decree 30/2020 layout)."""

from datetime import date

import pytest

from directive_parser.extract.bodies import canonical_issuer
from directive_parser.structure.header import (
    CLOSING_TAIL_CHARS,
    HEADER_LINES,
    SIGNER_TITLE_LINES,
    TYPE_LINE_WINDOW,
    find_references,
    parse_header,
    sentence_case,
)
from directive_parser.text import vocabulary

OFFICIAL = """BỘ CÔNG AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/CT-BCA Hà Nội, ngày 3 tháng 2 năm 2026
CHỈ THỊ
Về tăng cường bảo đảm an ninh mạng trong
các cơ quan nhà nước
Thời gian qua, công tác bảo đảm an ninh mạng đã đạt kết quả.
1. Các đơn vị trực thuộc chủ động triển khai.
Nơi nhận:
- Các đơn vị trực thuộc Bộ;
- Lưu: VT, A05.
BỘ TRƯỞNG
Lương Tam Quang
"""

TWO_COLUMN_SIGNATURE = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 45/QĐ-UBND Lào Cai, ngày 15 tháng 1 năm 2026
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch chuyển đổi số năm 2026
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Thành Sinh
"""


@pytest.mark.parametrize(
    "text, field, expected",
    [
        (OFFICIAL, "number", "12/CT-BCA"),
        (OFFICIAL, "doc_type", "Chỉ thị"),
        (OFFICIAL, "place", "Hà Nội"),
        (OFFICIAL, "issued", date(2026, 2, 3)),
        (OFFICIAL, "title", "Về tăng cường bảo đảm an ninh mạng trong các cơ quan nhà nước"),
        (OFFICIAL, "signer", "Lương Tam Quang"),
        (OFFICIAL, "signer_title", "Bộ trưởng"),
        (OFFICIAL, "issuer", "Bộ Công an"),
        (OFFICIAL, "recipients", ["Các đơn vị trực thuộc Bộ", "Lưu: VT, A05"]),
        (TWO_COLUMN_SIGNATURE, "number", "45/QĐ-UBND"),
        (TWO_COLUMN_SIGNATURE, "doc_type", "Quyết định"),
        (TWO_COLUMN_SIGNATURE, "place", "Lào Cai"),
        (TWO_COLUMN_SIGNATURE, "issued", date(2026, 1, 15)),
        (TWO_COLUMN_SIGNATURE, "signer", "Nguyễn Thành Sinh"),
        (TWO_COLUMN_SIGNATURE, "signer_title", "Phó chủ tịch"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
def test_header_fields(text, field, expected):
    value = getattr(parse_header(text), field)
    if field == "issuer":  # the header gives the issuer in sentence case; the gazetteer's name comes after
        value = canonical_issuer(value)
    assert value == expected


def test_body_range_excludes_title_and_closing():
    h = parse_header(OFFICIAL)
    body = OFFICIAL[h.body_start : h.body_end]
    assert body.startswith("Thời gian qua")
    assert "Nơi nhận" not in body and body.rstrip().endswith("chủ động triển khai.")


def test_news_date_line():
    text = " date 2025-08-29 (Ngày Nay) - Phó Thủ tướng giao Bộ Công an theo dõi.\n\nĐoạn hai."
    h = parse_header(text)
    assert h.news and h.issued == date(2025, 8, 29)
    assert text[h.body_start :].startswith("\nĐoạn hai") or text[h.body_start :].startswith("Đoạn hai")


def test_type_from_number_when_no_type_line():
    h = parse_header("Số: 7/CĐ-TTg Hà Nội, ngày 1 tháng 3 năm 2026\nCác bộ khẩn trương triển khai.")
    assert h.doc_type == "Công điện" and h.issued == date(2026, 3, 1)


def test_ocr_damaged_motto_still_gives_issuer():
    # English-model OCR leaves "HQI" for "HỘI"; the issuer is still what precedes the motto.
    h = parse_header("THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HQI CHỦ NGHĨA VIỆT NAM\nCHỈ THỊ\nVề việc a\n")
    assert h.issuer == "Thủ tướng Chính phủ"


def test_invalid_date_is_not_a_date():
    assert parse_header("Số: 1/CT-TTg Hà Nội, ngày 31 tháng 2 năm 2026\n").issued is None


@pytest.mark.parametrize(
    "upper, expected",
    [
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
        ("BỘ TRƯỞNG", "Bộ trưởng"),
        ("CHỦ TỊCH", "Chủ tịch"),
    ],
)
def test_sentence_case(upper, expected):
    assert sentence_case(upper) == expected


def test_references_with_dates_deduplicated():
    text = (
        "thực hiện Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ và Nghị quyết số 57-NQ/TW "
        "ngày 22/12/2024; Nghị quyết số 71/NQ-CP nêu rõ; Quyết định số 2439/QĐ-TTg ngày 04/11/2025"
    )
    refs = {r.number: r for r in find_references(text)}
    assert set(refs) == {"71/NQ-CP", "57-NQ/TW", "2439/QĐ-TTg"}
    assert refs["71/NQ-CP"].date == date(2025, 4, 1) and refs["57-NQ/TW"].date == date(2024, 12, 22)
    assert refs["2439/QĐ-TTg"].doc_type == "Quyết định"


INTERLEAVED = """BỘ XÂY DỰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 08/CT-BXD Hà Nội, ngày 2 tháng 3 năm 2026
CHỈ THỊ
Về an toàn lao động
1. Các đơn vị kiểm tra an toàn.
Nơi nhận: KT. BỘ TRƯỞNG
- Như trên; THỨ TRƯỞNG
- Lưu: VT.
Nguyễn Văn Sinh
"""


def test_interleaved_two_column_closing():
    # a text layer that reads the Nơi nhận column and the signature column line by line
    h = parse_header(INTERLEAVED)
    assert (h.signer, h.signer_title) == ("Nguyễn Văn Sinh", "Thứ trưởng")
    assert h.recipients == ["Như trên", "Lưu: VT"]
    assert INTERLEAVED[h.body_start : h.body_end].strip() == "1. Các đơn vị kiểm tra an toàn."


@pytest.mark.parametrize(
    "head, issuer",
    [
        ("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "Bộ Tài chính"),
        # OCR reads the two header columns one after the other, the issuer over two lines
        (
            "BỘ KHOA HỌC VÀ\nCÔNG NGHỆ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
            "Bộ Khoa học và Công nghệ",
        ),
        ("VĂN PHÒNG CHÍNH PHỦ\n_______\nSố: 12/TB-VPCP\n", "Văn phòng Chính phủ"),
    ],
    ids=["same-line", "ocr-columns", "no-motto"],
)
def test_issuer_layouts(head, issuer):
    assert canonical_issuer(parse_header(head + "THÔNG BÁO\nVề việc a\n").issuer) == issuer


# Every table of the header is built from the one vocabulary of document types.
@pytest.mark.parametrize("t", [t for t in vocabulary.DOC_TYPES if t.heading], ids=lambda t: t.code or t.name)
def test_type_line_of_every_heading_type(t):
    h = parse_header(f"VĂN PHÒNG CHÍNH PHỦ\n{t.capitals}\nVề việc a\nNội dung thứ nhất.\n")
    assert (h.doc_type, h.title) == (t.name, "Về việc a")


@pytest.mark.parametrize("t", [t for t in vocabulary.DOC_TYPES if not t.heading], ids=lambda t: t.name)
def test_types_that_never_head_a_document(t):
    assert parse_header(f"Số: 3/QĐ-UBND\n{t.capitals}\nVề việc a\n").title is None


@pytest.mark.parametrize("t", [t for t in vocabulary.DOC_TYPES if t.code], ids=lambda t: t.code)
def test_type_from_every_number_code(t):
    h = parse_header(f"Số: 5/{t.code}-UBND Lào Cai, ngày 1 tháng 3 năm 2026\nCác sở triển khai.")
    assert (h.number, h.doc_type) == (f"5/{t.code}-UBND", t.name)


def test_number_without_a_type_code():
    assert parse_header("Số: 123/VPCP-KGVX Hà Nội, ngày 1 tháng 3 năm 2026\n").doc_type is None


@pytest.mark.parametrize("t", vocabulary.DOC_TYPES, ids=lambda t: t.name)
def test_references_of_every_type(t):
    refs = find_references(f"thực hiện {t.name} số 12/XX-UBND ngày 3/4/2025 của Ủy ban")
    assert [(r.doc_type, r.number, r.date) for r in refs] == [(t.name, "12/XX-UBND", date(2025, 4, 3))]


# The windows of the header are named constants; what lies beyond them belongs to the body.
@pytest.mark.parametrize("blank, found", [(HEADER_LINES - 2, True), (HEADER_LINES, False)])
def test_number_is_read_only_in_the_header_lines(blank, found):
    h = parse_header("BỘ TÀI CHÍNH\n" + "\n" * blank + "Số: 4/CT-BTC\nTHÔNG BÁO\nVề việc a\n")
    assert (h.number == "4/CT-BTC") is found


@pytest.mark.parametrize("blank, found", [(TYPE_LINE_WINDOW - 2, True), (TYPE_LINE_WINDOW, False)])
def test_type_line_is_read_only_in_its_window(blank, found):
    h = parse_header("Số: 4/XX-BTC\n" + "\n" * blank + "THÔNG BÁO\nVề việc a\n")
    assert (h.doc_type == "Thông báo") is found


@pytest.mark.parametrize("above, found", [(SIGNER_TITLE_LINES - 1, True), (SIGNER_TITLE_LINES, False)])
def test_signer_title_is_looked_for_just_above_the_name(above, found):
    filler = "".join(f"- Bộ số {k};\n" for k in range(above))
    h = parse_header(
        "Số: 1/CT-TTg\nCHỈ THỊ\nVề việc a\n1. Các bộ làm.\nNơi nhận:\n- Như trên.\nTHỦ TƯỚNG\n" + filler + "Phạm Minh Chính\n"
    )
    assert (h.signer == "Phạm Minh Chính") is found


def test_signature_without_recipients_is_read_from_the_tail_only():
    closing = "THỦ TƯỚNG\nPhạm Minh Chính\n"
    near = parse_header("CHỈ THỊ\nVề việc a\n1. Các bộ làm.\n" + closing)
    far = parse_header("CHỈ THỊ\nVề việc a\n" + closing + "x" * CLOSING_TAIL_CHARS)
    assert near.signer == "Phạm Minh Chính" and far.signer is None


@pytest.mark.parametrize(
    "closing",
    [
        "\n\nT. CHÍNH PHỦ\n\nKT. THỦ TƯỚNG\n\n",  # OCR lost the "M" of "TM." and the signer's name
        "\n\nT™. CHÍNH PHỦ\nKT, THỦ TƯỚNG\nNơi nhận:\n- Như trên;\n",  # the block before "Nơi nhận"
    ],
    ids=["no-recipients", "before-recipients"],
)
def test_garbled_signature_lines_are_not_body(closing):
    text = (
        "CHÍNH PHỦ\nSố: 5/NQ-CP\nHà Nội, ngày 10 tháng 02 năm 2026\nNGHỊ QUYẾT\nVề việc thực hiện kế hoạch năm 2026\n"
        "QUYẾT NGHỊ:\nĐiều 1. Bộ Y tế chịu trách nhiệm thi hành Nghị quyết này."
    )
    whole = text + closing
    h = parse_header(whole)
    assert whole[h.body_start : h.body_end].rstrip().endswith("thi hành Nghị quyết này.")


@pytest.mark.parametrize(
    "line",
    ["- Nơi nhận:", ".~ Nơi nhận:", "Nơi nhận:", "Noi nhan:", "Nơi nhan:"],
    ids=["dash", "speck", "clean", "marks-lost", "mark-unrestored"],
)
def test_recipients_after_a_scan_speck_end_the_body(line):
    text = f"Số: 7/CT-UBND\nCHỈ THỊ\nVề việc A\nCác sở triển khai thực hiện nghiêm túc Chỉ thị này./.\n{line}\n- TT. Thành ủy;\n- Lưu: VT.\n"
    h = parse_header(text)
    assert "Nơi nhận" not in text[h.body_start : h.body_end] and h.recipients[0].startswith("TT. Thành ủy")


# A Công văn has no type line: its "V/v" line is the subject, its body opens after "Kính gửi".
@pytest.mark.parametrize(
    "greeting, first",
    [
        ("Kính gửi:\n- Bộ trưởng Bộ Xây dựng;\n- Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai.\n", "Xét đề nghị"),
        ("Kính gửi:\nChủ tịch Ủy ban nhân dân các tỉnh: Hưng Yên, Ninh Bình.\n", "Xét đề nghị"),
        ("Kính gửi: Bộ Tài chính.\n", "Xét đề nghị"),
        # a text layer that wrapped a long addressee over lines without a dash
        (
            "Kính gửi:\n- Các Bộ: Kế hoạch và Đầu tư, Tài chính, Giao thông vận tải, Nông\nnghiệp và Phát triển nông thôn, "
            "Xây dựng;\n- Ủy ban nhân dân các tỉnh: Đắk Lắk, Gia Lai, Kon\nTum.\n",
            "Xét đề nghị",
        ),
        # OCR's blank lines inside the wrap
        (
            "Kính gửi:\n\n- Các Bộ: Kế hoạch và Đầu tư, Tài chính, Tài nguyên và\n\nMôi trường, Nội vụ;\n\n"
            "- Ủy ban nhân dân các tỉnh: Đắk Lắk, Gia Lai, Kon Tum.\n",
            "Xét đề nghị",
        ),
        # a copy that lost the line break after the addressee
        ("Kính gửi: Bộ trưởng Bộ Công Thương ", "Xét đề nghị"),
    ],
    ids=["dashed-list", "one-line", "same-line", "wrapped-addressees", "wrapped-with-blank-lines", "joined-to-the-body"],
)
@pytest.mark.parametrize("subject", ["V/v", "Viv", "Và:"], ids=["clean", "slash-read-as-i", "slash-dropped-and-repaired"])
def test_a_letter_subject_and_its_addressees(greeting, first, subject):
    text = (
        f"VĂN PHÒNG CHÍNH PHỦ\nĐộc lập - Tự do - Hạnh phúc\nSố: 1234/VPCP-CN\n{subject} đẩy nhanh tiến độ dự án\n"
        + greeting
        + "Xét đề nghị của Bộ Xây dựng, Phó Thủ tướng Chính phủ có ý kiến như sau: Bộ Xây dựng khẩn trương rà soát.\n"
    )
    h = parse_header(text)
    assert (h.doc_type, h.title) == ("Công văn", "đẩy nhanh tiến độ dự án")
    assert text[h.body_start :].startswith(first)


# A web copy of a letter whose recipient list lost its "Nơi nhận:" label.
UNLABELLED_RECIPIENTS = """VĂN PHÒNG CHÍNH PHỦ
Số: 1234/VPCP-KGVX
Hà Nội, ngày 05 tháng 3 năm 2026
Kính gửi: Ủy ban nhân dân tỉnh Nghệ An.
Phó Thủ tướng giao Ủy ban nhân dân tỉnh Nghệ An kiểm tra, báo cáo Thủ tướng Chính phủ trước ngày 20/3/2026.
Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Nghệ An biết, thực hiện./.
- Như trên;
- VPCP: BTCN, Vụ TH;
- Lưu: VT, KGVX.
KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Nguyễn Văn B
"""


def test_a_recipient_list_without_its_label_ends_the_body():
    h = parse_header(UNLABELLED_RECIPIENTS)
    body = UNLABELLED_RECIPIENTS[h.body_start : h.body_end]
    assert body.rstrip().endswith("biết, thực hiện./.") and "Như trên" not in body
    assert h.recipients[0] == "Như trên" and len(h.recipients) == 3
    # "- Như trên" inside the body (before the end mark) is no recipient list
    inside = UNLABELLED_RECIPIENTS.replace("- Như trên;\n- VPCP", "Nơi nhận:\n- Như trên;\n- VPCP")
    assert parse_header(inside).recipients == h.recipients


# A letter to one person with no "V/v" subject line, its "Kính gửi:" glued to the name.
LETTER_WITHOUT_SUBJECT = """VĂN PHÒNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 4321/VPCP-NN
Hà Nội, ngày 02 tháng 6 năm 2026
Kính gửi:Đồng chí Chủ tịch Ủy ban nhân dân tỉnh Cà Mau.
Xét báo cáo của Bộ Nông nghiệp và Môi trường, Thủ tướng Chính phủ có ý kiến như sau:
Đồng chí Chủ tịch Ủy ban nhân dân tỉnh Cà Mau chỉ đạo kiểm tra, xử lý dứt điểm sạt lở bờ biển.
Văn phòng Chính phủ xin thông báo để các cơ quan biết, thực hiện./.
"""


def test_a_letter_without_a_subject_line_starts_after_its_addressee():
    h = parse_header(LETTER_WITHOUT_SUBJECT)
    assert LETTER_WITHOUT_SUBJECT[h.body_start :].startswith("Xét báo cáo")
    assert h.doc_type == "Công văn" and h.number == "4321/VPCP-NN"


def test_a_subject_on_the_number_line_ends_before_the_date_line():
    text = LETTER_WITHOUT_SUBJECT.replace("Số: 4321/VPCP-NN\n", "Số: 4321/VPCP-NN V/v xử lý sạt lở bờ biển\n")
    h = parse_header(text)
    assert h.title == "xử lý sạt lở bờ biển"
    assert text[h.body_start :].startswith("Xét báo cáo")


TELEGRAM = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 12/CĐ-TTg
Hà Nội, ngày 03 tháng 9 năm 2026
CÔNG ĐIỆN
Về việc chủ động ứng phó với bão số 7
THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường;
- Chủ tịch Ủy ban nhân dân các tỉnh, thành
phố từ Quảng Ninh đến Nghệ An.
Bão số 7 đang di chuyển nhanh vào vùng biển Vịnh Bắc Bộ.
1. Chủ tịch Ủy ban nhân dân các tỉnh tổ chức sơ tán người dân khỏi vùng nguy hiểm.
"""


@pytest.mark.parametrize(
    "text",
    [
        TELEGRAM,
        # OCR: blank lines between the head's lines, the type line with wrong marks ("CỘNG DIỆN")
        TELEGRAM.replace("CÔNG ĐIỆN\n", "CỘNG DIỆN\n").replace("điện:\n", "điện:\n\n").replace(";\n", ";\n\n"),
    ],
    ids=["telegram", "telegram-ocr"],
)
def test_a_telegrams_addressee_list_is_its_head(text):
    h = parse_header(text)
    assert h.doc_type == "Công điện"
    assert text[h.body_start :].startswith("Bão số 7 đang di chuyển")


def test_a_dashed_addressee_list_with_ocr_blank_lines():
    text = LETTER_WITHOUT_SUBJECT.replace(
        "Kính gửi:Đồng chí Chủ tịch Ủy ban nhân dân tỉnh Cà Mau.\n",
        "V/v xử lý sạt lở\nKính gửi:\n\n- Bộ Nông nghiệp và Môi trường;\n\n- Ủy ban nhân dân tỉnh Cà Mau.\n\n",
    )
    h = parse_header(text)
    assert text[h.body_start :].lstrip().startswith("Xét báo cáo")


def test_an_ocr_misread_as_above_still_opens_the_recipients():
    text = UNLABELLED_RECIPIENTS.replace("- Như trên;", "- Như trén;")
    assert parse_header(text).recipients[0] == "Như trén"


def test_a_speck_before_the_type_line():
    text = OFFICIAL.replace("\nCHỈ THỊ\n", "\n| CHỈ THỊ\n") if "\nCHỈ THỊ\n" in OFFICIAL else None
    assert text is not None
    assert parse_header(text).doc_type == "Chỉ thị"


def test_a_subject_wrapped_over_many_lines_before_the_motto():
    text = LETTER_WITHOUT_SUBJECT.replace(
        "Số: 4321/VPCP-NN\n",
        "Số: 4321/VPCP-NN\nV/v: Ban hành quy chuẩn kỹ\nthuật về quy hoạch kiến\ntrúc tại khu vực các quận\nnội thành thành\nphố Hà Nội\n_______\n",
    ).replace(
        "Kính gửi:Đồng chí Chủ tịch Ủy ban nhân dân tỉnh Cà Mau.\n",
        "Kính gửi:\n- Bộ Xây dựng;\n- Ủy ban nhân dân thành phố Hà Nội.\n",
    )
    h = parse_header(text)
    assert text[h.body_start :].startswith("Xét báo cáo")
    assert h.title is not None and h.title.startswith("Ban hành quy chuẩn kỹ thuật về quy hoạch kiến trúc")
