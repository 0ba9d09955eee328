"""Offset-preserving accent folding: str -> str of the same length, for matching damaged text.

OCR text read with the wrong language model keeps the letters but loses or mangles the marks
("CỘNG HÒA XÃ HQI", "(ị)" for "(i)"); matching on the folded form keeps the original offsets.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isascii() else ch


def fold(text: str) -> str:
    """Strip Vietnamese marks character by character: 'Chỉ thị' -> 'Chi thi', same length.

    >>> fold("CỘNG HÒA XÃ HỘI")
    'CONG HOA XA HOI'
    """
    return "".join(_fold_char(ch) for ch in text)
