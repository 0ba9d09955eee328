"""Accent folding, in named variants: `strip_marks`, `fold_marks` (same length), `ascii_fold`, `fold_key`.

OCR text read with the wrong language model keeps the letters but loses or mangles the marks
("CỘNG HÒA XÃ HQI", "(ị)" for "(i)"); matching on the folded form keeps the original offsets.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def strip_marks(text: str) -> str:
    """Drop every Vietnamese mark and bar: 'Đổi mới' -> 'Doi moi'. A stray combining mark vanishes,
    so the length may change; `fold_marks` keeps it.

    >>> strip_marks("Thủ tướng Chính phủ")
    'Thu tuong Chinh phu'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return strip_marks(ch) or ch


def fold_marks(text: str) -> str:
    """Strip Vietnamese marks character by character: 'Chỉ thị' -> 'Chi thi', same length.

    >>> fold_marks("CỘNG HÒA XÃ HỘI")
    'CONG HOA XA HOI'
    """
    return "".join(_fold_char(ch) for ch in text)


def ascii_fold(word: str) -> str:
    """Lowercase ASCII form, all marks dropped, đ -> d: 'Được' -> 'duoc' (the restorer's look-up key).

    >>> ascii_fold("Được")
    'duoc'
    """
    return strip_marks(word.lower())


def fold_key(name: str) -> str:
    """Case- and accent-insensitive key for names: 'Ủy ban nhân dân tỉnh Đắk Lắk' -> 'uy ban nhan dan tinh dak lak'.

    >>> fold_key("Bộ Công an") == fold_key("BO CONG AN")
    True
    """
    return strip_marks(name).casefold()
