"""Blind restorer: readings that only their context makes likely, and the "tr" read as "th".

The inputs are written here (corpus-style phrases), not taken from any test pair.
"""

from __future__ import annotations

import pytest

from directive_parser.repair.channel import candidates_for, load_channel
from directive_parser.repair.restore import _merged_split, restore_diacritics


def _restore(text: str) -> str:
    return restore_diacritics(text).text


def test_a_tr_read_as_th_gets_its_tr_back_where_the_lm_wants_it():
    assert "trường" in {c.word for c in candidates_for("thuong")}
    assert _restore("trong thuong hop can thiét") == "trong trường hợp cần thiết"
    assert _restore("bao vé méi thuong") == "bảo vệ môi trường"
    # …and keeps its th where the th word fits
    assert _restore("khen thuong hop déng") == "khen thưởng hợp đồng"
    assert _restore("thuc hién thuong xuyén") == "thực hiện thường xuyên"
    assert _restore("Bo Thuong mai") == "Bộ Thương mại"


def test_a_word_rare_alone_but_certain_in_its_context_stays_a_candidate():
    channel = load_channel()
    dõi = channel.lm.word_id("dõi")
    assert channel.prior[dõi] > channel.lm.uni[dõi] + 2  # "theo dõi": rare alone, certain after "theo"
    assert "dõi" in {c.word for c in candidates_for("ddi")}
    assert _restore("dén déc theo ddi kiém tra cac") == "đôn đốc theo dõi kiểm tra các"
    assert _restore("Chinh pha theo d6éi kiém tra") == "Chính phủ theo dõi kiểm tra"


def test_a_reading_kept_for_its_context_does_not_stop_a_merged_token_splitting():
    assert _merged_split("Tilé") == 2
    assert _restore("1 Tilé dich vu cong") == "1 Tỉ lệ dịch vụ công"


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("các xa Vu Huong, Tan Tu, Luc Binh", "các xã Vũ Hương, Tân Tự, Lực Bình"),  # names: capitalised words
        ("thuộc xã Tuy Phuoc Bac.", "thuộc xã Tuy Phước Bắc."),
        ("chấm điểm và bieu điểm", "chấm điểm và biểu điểm"),  # a small word: not the rare unaccented spelling
    ],
)
def test_the_case_of_a_word_mid_sentence_is_evidence_on_its_reading(ocr: str, expected: str) -> None:
    assert restore_diacritics(ocr).text == expected


def test_a_word_always_capitalised_gets_its_capital_back_when_ocr_read_it_small() -> None:
    assert restore_diacritics("chính sách của viét Nam").text == "chính sách của Việt Nam"  # V has a small look-alike
    assert restore_diacritics("hình thức phong phu").text == "hình thức phong phú"  # "Phú" is mostly, not always, a name
