"""Blind restorer on damage that real `tesseract -l eng` scans show and the synthetic pages missed.

Each case is a kind of damage, not a document: glued "./." and footnote marks, words joined by
slashes, symbols inside words, a capital P for Đ, codes in capitals, capitals beside codes, lines
in capitals, and a lone "&" for "ở". The inputs are written here, not taken from any test pair.
"""

from __future__ import annotations

import pytest

from directive_parser.repair.channel import candidates_for, load_channel
from directive_parser.repair.lm import load_lm
from directive_parser.repair.lm_text import split_chunk
from directive_parser.repair.reference import repair_text
from directive_parser.repair.restore import _caps_line_of, _slot_for, restore_diacritics


def _restore(text: str) -> str:
    return restore_diacritics(text).text


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("xem xét, quyết dinh./.", "xem xét, quyết định./."),  # the closing mark of a document
        ("thi hanh Quyét dinh\nnay,./.", "thi hành Quyết định\nnày,./."),  # …after a stray comma
        ("đến doanh nghiép[5]; các", "đến doanh nghiệp[5]; các"),  # a footnote glued to the word
        ("việc chấp hành pháp luat— và", "việc chấp hành pháp luật— và"),  # an em dash glued
    ],
)
def test_punctuation_glued_after_a_word_is_kept_and_the_word_restored(ocr, expected):
    assert _restore(ocr) == expected


def test_a_speck_read_as_a_stop_before_a_word_leaves_the_word_to_restore():
    assert _restore("các đơn vị có .lién quan.") == "các đơn vị có .liên quan."
    assert _restore("truy cập .NET") == "truy cập .NET"  # a capital after the first letter: a name


def test_words_joined_by_a_slash_are_restored_piece_by_piece():
    out = _restore("mức chi 72.000 déng/nguoi, các Bộ/nganh liên quan")
    assert "đồng/người" in out and "Bộ/ngành" in out


@pytest.mark.parametrize("code", ["33/CT-TTg", "NQ/TW", "5/2024", "b/c"])
def test_slashed_codes_stay_verbatim(code):
    assert _restore(f"theo văn bản {code} của") == f"theo văn bản {code} của"


@pytest.mark.parametrize(
    ("ocr", "word"),
    [("Chu tich ci}a Uy ban", "của"), ("ngu#di dan", "người"), ("k¥ thuat", "kỹ"), ("nu®oc ngoai", "nước")],
)
def test_a_symbol_inside_a_word_stands_for_a_marked_vowel(ocr, word):
    assert word in _restore(ocr).lower().split()


def test_unknown_symbols_widen_the_candidates_not_the_known_letters():
    channel = load_channel()
    assert "cua" in channel.variants("ci}a")
    assert channel.variants("cua") == channel.variants("cua")  # deterministic
    assert "" not in {v for v in channel.variants("ngay")}


def test_a_capital_p_may_be_a_capital_d_with_stroke():
    assert _restore("Panh gia két qua") == "Đánh giá kết quả"
    assert _restore("Phong chong thien tai") == "Phòng chống thiên tai"  # "Ph" is a consonant, not "Đh"


def test_a_code_in_capitals_no_syllable_is_spelled_like_stays():
    assert _restore("theo mô hình TOD tại") == "theo mô hình TOD tại"
    assert _restore("PHU LUC") == "PHỤ LỤC"  # a damaged heading still gets its marks


def test_a_capital_beside_a_code_is_not_a_heading():
    assert _restore("Giao BO NN-PTNT chu tri") == "Giao Bộ NN-PTNT chủ trì"
    assert _restore("Mục II. NHIEM VU") == "Mục II. NHIỆM VỤ"  # beside a word in capitals it is


def test_a_line_in_capitals_stays_in_capitals():
    assert _restore("I. Muc TIEU CHUNG VA NHIEM VU\nBo Noi vu") == "I. MỤC TIÊU CHUNG VÀ NHIỆM VỤ\nBộ Nội vụ"
    assert _caps_line_of("QUYET DINH VE VIEC")
    assert not _caps_line_of("Mục II. NHIỆM VỤ")  # roman numerals do not count; two of three words
    assert not _caps_line_of("Bộ TN-MT")


def test_a_lone_ampersand_may_be_the_word_o():
    assert _restore("trên các séng & Khanh Hoa") == "trên các sông ở Khánh Hòa"
    assert _restore("Ernst & Young") == "Ernst & Young"
    assert _restore("SUA CHUA NHA @ CHO CAC") == "SỬA CHỮA NHÀ Ở CHO CÁC"


def test_table_borders_are_punctuation():
    assert split_chunk("|chu|") == ("|", "chu", "|")


def test_a_number_line_is_not_a_heading_in_capitals_for_the_reference_repair():
    out = repair_text("S6: 393/NQ-CP\nNGHI QUYET\nVé viéc", reference="Số: 393/NQ-CP\nNghị quyết\nVề việc").text
    assert out == "Số: 393/NQ-CP\nNGHỊ QUYẾT\nVề việc"


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("làm việc tại Trung tam Phuc vu hanh chinh", "làm việc tại Trung tâm Phục vụ hành chính"),  # a capital P kept
        ("gửi các Vu, Cuc lién quan", "gửi các Vụ, Cục liên quan"),  # a capital V kept mid-sentence
        ("đối với du An dau tu công", "đối với dự án đầu tư công"),  # but a capital A there is an "á" misread
        ("khách quéc tich An D6 va", "khách quốc tịch Ấn Độ và"),  # …unless a capitalised word follows: a name
        ("phối hợp với Toa An nhan dan", "phối hợp với Tòa án nhân dân"),  # …also after a capital, if the word is never one
        ("tai tinh Long An va", "tại tỉnh Long An và"),  # but a name goes on after a capital
        ("Vĩnh Long\n7 Cac Bo, nganh", "Vĩnh Long\n7 Các Bộ, ngành"),  # after a row number a cell starts
    ],
)
def test_a_capital_mid_sentence_is_kept_as_real_scans_show(ocr, expected):
    assert _restore(ocr) == expected


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("các quy định của Juat đất đai", "các quy định của luật đất đai"),  # J for a small l
        ("nghiên cứu tai Hiéu và báo cáo", "nghiên cứu tài liệu và báo cáo"),  # H for a small l
        ("hoàn thiện hồ sơ, Map kế hoạch", "hoàn thiện hồ sơ, lập kế hoạch"),  # M for a small l
        ("thực hiện Pé an của Bộ", "thực hiện Đề án của Bộ"),  # but P stands for the capital Đ
    ],
)
def test_a_capital_the_syllable_does_not_start_with_is_a_misread_small_letter(ocr, expected):
    assert _restore(ocr) == expected


def test_a_word_in_capitals_read_without_marks_is_any_syllable_of_its_skeleton():
    # small "len" is mostly the word len (a misread "lên" keeps a mark); in capitals it is mostly LÊN
    assert "VẼ LÊN" in _restore("CAM VIET, VE LEN TUONG")
    lm = load_lm()
    small, caps = _slot_for("len", 0, lm), _slot_for("LEN", 0, lm)
    assert caps.channel[caps.words.index("lên")] > small.channel[small.words.index("lên")]


def test_a_capital_word_beside_a_misread_capital_is_no_heading():
    assert _restore("Giao BO NOi vu chu tri") == "Giao Bộ Nội vụ chủ trì"  # "BO" is Bộ, so "NOi" is Nội
    assert _restore("theo dé nghi cua SG Nong nghiép va") == "theo đề nghị của Sở Nông nghiệp và"  # G misread ở


def test_abbreviations_do_not_make_a_line_in_capitals():
    # the closing list of a letter: "Lưu: VT, ĐTKT" and "các Vụ: KTTH, CN, TH" are no headings
    assert _restore("- LUU: VT, DTKT, NN.") == "- Lưu: VT, ĐTKT, NN."
    assert _restore("- Cac Bo: TC, XD, NV, CT;") == "- Các Bộ: TC, XD, NV, CT;"
    assert _caps_line_of("QUYET DINH VE VIEC THANH LAP HDND")


def test_the_casing_of_a_heading_line_carries_over():
    assert _restore("TOA DO VUONG\nGOC;") == "TỌA ĐỘ VUÔNG\nGÓC;"  # a heading wrapped onto the next line
    assert _restore("QUYEN, NGHIA VU VA LOI iCH LIEN QUAN") == "QUYỀN, NGHĨA VỤ VÀ LỢI ÍCH LIÊN QUAN"
    assert _restore("Chuong II CAC BIEN PHAP BAO DAM") == "Chương II CÁC BIỆN PHÁP BẢO ĐẢM"  # the part's label
    assert _restore("Muc 1 QUY DINH CHUNG VE HOP DONG") == "Mục 1 QUY ĐỊNH CHUNG VỀ HỢP ĐỒNG"
    assert _restore("PHO CHU NHIEM D6 Ngoc") == "PHÓ CHỦ NHIỆM Đỗ Ngọc"  # a signature's name after the title
    assert _restore("I. Muc TIEU VA YEU CAU") == "I. MỤC TIÊU VÀ YÊU CẦU"  # but capitals follow "Muc"
    assert _restore("Tiéu muc 9 MA SO, TIEU CHUAN CHUC DANH") == "Tiểu mục 9 MÃ SỐ, TIÊU CHUẨN CHỨC DANH"  # two words


def test_mixed_case_names_and_misread_numerals():
    assert _restore("ca tinh iGate phuc vu") == "ca tỉnh iGate phục vụ"
    assert _restore("Phu luc so I va Phu luc so Il") == "Phụ lục số I và Phụ lục số II"
    assert _restore("DAI DIEN DON VI SU NGHIEP") == "ĐẠI DIỆN ĐƠN VỊ SỰ NGHIỆP"  # "VI" read as a syllable…
    assert _restore("Chuong VI. Diéu khoan thi hanh") == "Chương VI. Điều khoản thi hành"  # …or kept a numeral


def test_slashed_words_in_capitals_or_after_a_code_are_restored():
    assert _restore("Mtrc thué tuyét déi (USD/chiéc) tai") == "Mức thuế tuyệt đối (USD/chiếc) tại"
    assert _restore("DAI DIEN/DON VI SU NGHIEP") == "ĐẠI DIỆN/ĐƠN VỊ SỰ NGHIỆP"
    assert _restore("theo NQ/TW va BCH/TW") == "theo NQ/TW và BCH/TW"


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("bạo lực đối với phu ntr và trẻ em", "bạo lực đối với phụ nữ và trẻ em"),  # the hook of ư read "tr"
        ("bảo vệ dvr liệu cá nhân", "bảo vệ dữ liệu cá nhân"),  # …or "vr"
        ("của toàn khu wuc lập quy hoạch", "của toàn khu vực lập quy hoạch"),  # a v read as a w
        ("trong tình hình m0oi theo", "trong tình hình mới theo"),  # the ơ of ớ read as a zero and an o
    ],
)
def test_look_alikes_of_real_scans_give_the_syllable_as_a_candidate(ocr, expected):
    assert _restore(ocr) == expected


def test_a_unit_in_mixed_case_among_slashed_words_stays_and_the_words_are_restored():
    assert _restore("giá (d6ng/kW/thang) và") == "giá (đồng/kW/tháng) và"
    assert _restore("giá điện (dong/kWh) được") == "giá điện (đồng/kWh) được"
    assert _restore("công suất 5 MW và 3 kW") == "công suất 5 MW và 3 kW"


def _keep_cost(core: str) -> float:
    slot = _slot_for(core, 0, load_lm())
    return float(slot.channel[slot.words.index(None)])


def test_a_damaged_token_costs_more_to_keep_than_a_foreign_word():
    assert _keep_cost("chiéc") < _keep_cost("report")  # "é" on no syllable is a misread mark
    assert _keep_cost("d6ng") < _keep_cost("report")  # so is a digit between small letters
    assert _restore("Mtrc thué USD chiéc") == "Mức thuế USD chiếc"


def test_unseen_damage_still_gets_the_right_candidate():
    channel = load_channel()
    assert "suc" in channel.variants("sittc")  # the hook of ư read "it", "itt", "itr" or "ir"
    assert "nhung" in channel.variants("nhittng")
    assert "được" in {c.word for c in candidates_for("duoec")}  # no look-alike reading: near skeletons join
    assert "trước" in {c.word for c in candidates_for("trucdc")}


def test_a_dollar_sign_read_for_a_capital_s():
    assert _restore("Hanh phic\n$6: 223/CD-TTg") == "Hạnh phúc\nSố: 223/CĐ-TTg"
    assert _restore("2. Giao $6 Tai chinh chu tri") == "2. Giao Sở Tài chính chủ trì"
    assert _restore("theo Nghi dinh $6 118/2025/ND-CP") == "theo Nghị định số 118/2025/NĐ-CP"  # the case is unknown
    assert "$25" in _restore("gia ban $25 mot kg")  # an amount keeps its dollar
    change = restore_diacritics("Giao $6 Tai chinh").changes[0]
    assert (change.original, change.replacement) == ("$6", "Sở")


def test_a_token_of_consonants_only_may_have_lost_its_vowels():
    assert "bất" in {c.word for c in candidates_for("bt")}  # OCR dropped the marked vowel
    assert _restore("con nhiéu bt cap") == "còn nhiều bất cập"
    assert _restore("mt s6 nhiém vu") == "một số nhiệm vụ"
    assert _restore("nang 10 kg va TP HCM") == "nặng 10 kg và TP HCM"  # units and codes stay


def test_the_tail_of_a_g_read_as_j_before_the_hook_of_u():
    assert "ngừa" in {c.word for c in candidates_for("ngjira")}
    assert _restore("bién phap phong ngjira") == "biện pháp phòng ngừa"


def test_a_table_reading_the_lm_never_saw_is_no_candidate():
    # "sd" was once aligned to "sđ", a token the LM holds only as <unk>, whose probability beats every
    # syllable; the syllables win now, and a foreign word read right still stays itself
    assert "sđ" not in {c.word for c in candidates_for("sd")}
    assert _restore("| Sd Tai chinh | Quy IV 2026 |") == "| Sở Tài chính | Quý IV 2026 |"
    assert _restore("thiết bị accelerometer của") == "thiết bị accelerometer của"
