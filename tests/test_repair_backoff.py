"""Blind restorer: news sentences after a context the legal corpus always ends one way, and merged tokens
whose only whole readings are far guesses.

The inputs are written here (news- and table-style phrases), not taken from any test pair.
"""

from __future__ import annotations

import numpy as np

from directive_parser.repair.channel import candidates_for
from directive_parser.repair.lm import BOW_FLOOR_TRIGRAM, load_lm
from directive_parser.repair.restore import _merged_split, restore_diacritics


def _restore(text: str) -> str:
    return restore_diacritics(text).text


def _ids(*words: str) -> list[np.ndarray]:
    lm = load_lm()
    return [np.array([lm.word_id(w)]) for w in words]


def test_an_unseen_continuation_of_a_frequent_context_costs_at_most_the_floor():
    lm = load_lm()
    # "thủ tướng" goes on with "chính phủ" almost always in the corpus; "yêu" after it is unseen
    p3 = float(lm.logp3(*_ids("thủ", "tướng", "yêu"))[0])
    p2 = float(lm.bigram(*_ids("tướng", "yêu"))[0])
    assert p3 >= p2 + BOW_FLOOR_TRIGRAM - 1e-3
    assert float(lm.ctx_bow.min()) >= BOW_FLOOR_TRIGRAM


def test_news_sentences_keep_the_prime_minister():
    assert _restore("Thu tuong yéu cau cac B6") == "Thủ tướng yêu cầu các Bộ"
    assert _restore("Pho Thu tung sé hop voi Bo").startswith("Phó Thủ tướng sẽ")


def test_a_merged_token_with_only_far_whole_readings_is_split():
    assert all(c.shifted for c in candidates_for("néivu"))
    assert _merged_split("Néivu") == 3
    assert _restore("SO Néivu | Bo Néivu chu tri") == "Sở Nội vụ | Bộ Nội vụ chủ trì"


def test_a_bracket_glued_to_the_next_word_splits_label_and_word():
    assert _restore("c) Khoan 2\nd)Diéu 17, Khoan 3") == "c) Khoản 2\nd)Điều 17, Khoản 3"
    assert _restore("d) Ten\nd)T6 chic tham dinh") == "d) Tên\nđ)Tổ chức thẩm định"  # the label sequence goes on
    assert _restore("dir liéu anh vién tham)Diéu 8.") == "dữ liệu ảnh viễn thám)Điều 8."
