"""Accent folding: `fold` (same length, for matching damaged text in place) and `strip_marks`.

OCR text read with the wrong language model keeps the letters but loses or mangles the marks
("CỘNG HÒA XÃ HQI", "(ị)" for "(i)"); matching on the folded form keeps the original offsets.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


def strip_marks(text: str) -> str:
    """Drop every Vietnamese mark and bar: 'Đổi mới' -> 'Doi moi'. A stray combining mark vanishes,
    so the length may change; `fold` keeps it.

    >>> strip_marks("Thủ tướng Chính phủ")
    'Thu tuong Chinh phu'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return strip_marks(ch) or ch


def fold(text: str) -> str:
    """Strip Vietnamese marks character by character: 'Chỉ thị' -> 'Chi thi', same length.

    >>> fold("CỘNG HÒA XÃ HỘI")
    'CONG HOA XA HOI'
    """
    return "".join(_fold_char(ch) for ch in text)
