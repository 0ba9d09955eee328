"""Blind repair next to numbers: a word glued to a number by a stray mark ("Diéu.14"), a capital O read
for a zero ("tháng O1"), and roman item labels told from a word before a closing bracket ("đơn vi)")."""

from __future__ import annotations

import pytest

from directive_parser.repair.restore import restore_diacritics


def _restore(text: str) -> str:
    return restore_diacritics(text).text


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("quy dinh tai Diéu.14 cua Thong tu", "quy định tại Điều.14 của Thông tư"),
        ("Diéu-7 va Diéu 8", "Điều-7 và Điều 8"),
        ("Nghi dinh s6-105/2021/ND-CP", "Nghị định số-105/2021/NĐ-CP"),
        ("khoan 1-Diéu nay", "khoản 1-Điều này"),
    ],
)
def test_a_word_glued_to_a_number_is_restored_and_the_number_kept(ocr, expected):
    assert _restore(ocr) == expected


@pytest.mark.parametrize("text", ["COVID-19 va", "ISO-9001 va", "tr.15 va"])
def test_a_code_or_a_vowelless_abbreviation_before_a_number_stays(text):
    assert _restore(text).split()[0] == text.split()[0]


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [("ngay 29 thang O1 nam 2003", "ngày 29 tháng 01 năm 2003"), ("tu ngay O1/O1/2018)", "từ ngày 01/01/2018)")],
)
def test_a_capital_o_inside_a_number_is_a_zero(ocr, expected):
    assert _restore(ocr) == expected


def test_letters_with_an_o_stay():
    assert _restore("CO2 va OECD") == "CO2 và OECD"


def test_a_roman_item_without_its_bracket_labels_only_at_a_line_start():
    assert _restore("cac co quan, don vi) va moi nguoi") == "các cơ quan, đơn vị) và mọi người"
    assert _restore("Bo Tai chinh;\nvi) Bo Noi vu") == "Bộ Tài chính;\nvi) Bộ Nội vụ"
    assert _restore("cac Bo: (vi) Thanh tra") == "các Bộ: (vi) Thanh tra"


@pytest.mark.parametrize(("ocr", "expected"), [("nop OL bo ho so", "nộp 01 bộ hồ sơ"), ("Ol ban chinh", "01 bản chính")])
def test_zero_one_read_as_o_and_a_letter_is_the_number_where_the_lm_wants_one(ocr, expected):
    assert _restore(ocr) == expected


def test_an_english_of_stays():
    assert _restore("MINISTRY OF FINANCE") == "MINISTRY OF FINANCE"


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [("sau khi thu'c hién", "sau khi thực hiện"), ("phu‘ong an", "phương án"), ("lu'u tru", "lưu trữ")],
)
def test_an_apostrophe_after_u_or_o_is_the_horn_of_its_vowel(ocr, expected):
    assert _restore(ocr) == expected


def test_an_apostrophe_between_two_words_stays_between_them():
    assert _restore("co'so vat chat") == "cơ'sở vật chất"


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [("CO HIEU.LUC THI HANH", "CÓ HIỆU.LỰC THI HÀNH"), ("GIAO HANG CO-LIEN QUAN", "GIAO HÀNG CÓ-LIÊN QUAN")],
)
def test_words_in_capitals_glued_by_a_mark_are_restored_piece_by_piece(ocr, expected):
    assert _restore(ocr) == expected


@pytest.mark.parametrize("code", ["NQ-CP", "BCH-TW", "TP.HCM", "UBND-KT"])
def test_codes_in_capitals_stay(code):
    assert _restore(f"{code} va") == f"{code} và"


def test_a_short_number_reads_as_the_word_it_stands_for_only_where_the_lm_wants_it() -> None:
    from directive_parser.repair.restore import restore_diacritics

    assert restore_diacritics("a) Duoc thiét lap 6 vi tri it ngudi").text == "a) Được thiết lập ở vị trí ít người"
    assert restore_diacritics("theo khoan 6 va khoan 7 Diéu 5").text == "theo khoản 6 và khoản 7 Điều 5"
