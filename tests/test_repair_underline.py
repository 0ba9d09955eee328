"""Blind repair of words with a table cell's underline glued to their end ("va__| Bộ")."""

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
