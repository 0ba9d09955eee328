"""Blind repair of OCR debris around words: underlines glued to a word ("va__| Bộ"), misread roman section numbers ("IlI.1")."""

from __future__ import annotations

import pytest

from directive_parser.repair.restore import restore_diacritics


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("B6 Khoa hoc va__| B6 Khoa hoc", "Bộ Khoa học và| Bộ Khoa học"),
        ("Bo Nong nghiép_ | Két néi", "Bộ Nông nghiệp | Kết nối"),
        ("Ban Quan ly cac__| Sé Khoa hoc", "Ban Quản lý các| Sở Khoa học"),
    ],
)
def test_underscores_glued_after_a_word_are_dropped_and_the_word_restored(ocr, expected):
    assert restore_diacritics(ocr).text == expected


@pytest.mark.parametrize("text", ["ngay __ thang", "ma_so", "abc_1"])
def test_underscores_alone_or_inside_a_token_stay(text):
    out = restore_diacritics(text).text
    assert out.count("_") == text.count("_")


@pytest.mark.parametrize(("ocr", "expected"), [("IlI.1 | Nhom", "III.1 | Nhóm"), ("Il.2. Nhiem vu", "II.2. Nhiệm vụ")])
def test_a_misread_roman_numeral_before_a_decimal_sub_number_is_read_as_capitals_i(ocr, expected):
    assert restore_diacritics(ocr).text == expected


def test_a_roman_numeral_misread_in_a_code_with_a_slash_stays():
    assert restore_diacritics("Il/2026").text == "Il/2026"


def test_ai_with_its_capital_i_read_as_a_small_l_is_the_abbreviation():
    assert restore_diacritics("ung dung Al, phat trién").text == "ứng dụng AI, phát triển"
    assert restore_diacritics("El Nino").text.startswith("El ")
