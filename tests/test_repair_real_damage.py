"""Blind restorer on damage that real `tesseract -l eng` scans show and the synthetic pages missed.

Each case is a kind of damage, not a document: glued "./." and footnote marks, words joined by
slashes, symbols inside words, a capital P for Đ, codes in capitals, capitals beside codes, lines
in capitals, and a lone "&" for "ở". The inputs are written here, not taken from any test pair.
"""

from __future__ import annotations

import pytest

from directive_parser.repair.channel import load_channel
from directive_parser.repair.lm_text import split_chunk
from directive_parser.repair.reference import repair_text
from directive_parser.repair.restore import _caps_line_of, restore_diacritics


def _restore(text: str) -> str:
    return restore_diacritics(text).text


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("xem xét, quyết dinh./.", "xem xét, quyết định./."),  # the closing mark of a document
        ("đến doanh nghiép[5]; các", "đến doanh nghiệp[5]; các"),  # a footnote glued to the word
        ("việc chấp hành pháp luat— và", "việc chấp hành pháp luật— và"),  # an em dash glued
    ],
)
def test_punctuation_glued_after_a_word_is_kept_and_the_word_restored(ocr, expected):
    assert _restore(ocr) == expected


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
