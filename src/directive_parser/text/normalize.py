"""Accent folding, in named variants: `strip_marks`, `fold_marks` (same length), `ascii_fold`, `fold_key`.

OCR text read with the wrong language model keeps the letters but loses or mangles the marks
("CỘNG HÒA XÃ HQI", "(ị)" for "(i)"); matching on the folded form keeps the original offsets.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

# Characters a table below remembers at most (a hostile text of a million distinct characters
# must not grow it without bound); beyond that each new character is worked out every time.
TABLE_LIMIT = 4096


class _Table(dict[int, "int | str | None"]):
    """A `str.translate` table that works out each character the first time it meets it:
    `translate` then folds a whole text in one C-level pass instead of a Python call per character."""

    def __init__(self, of: Callable[[str], int | str | None]) -> None:
        super().__init__()
        self._of = of

    def __missing__(self, code: int) -> int | str | None:
        value = self._of(chr(code))
        if len(self) < TABLE_LIMIT:
            self[code] = value
        return value


def _strip_char(c: str) -> str:
    """One character without its marks (NFD, combining marks dropped): "ổ" -> "o", "đ" -> "d", "́" -> ""."""
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    return "".join(m for m in unicodedata.normalize("NFD", c) if not unicodedata.combining(m))


# Decomposition works character by character and canonical reordering only moves combining marks,
# which are all dropped: so a text is stripped character by character, through one table.
_STRIP_CHARS = _Table(_strip_char)


@functools.lru_cache(maxsize=256)
def _strip_line(text: str) -> str:
    return text.translate(_STRIP_CHARS)


# Lines up to this long are remembered: the table finder folds each line of a page several times
# (as a header line, then in each window of four lines it opens), seven calls in ten a repeat.
CACHED_LINE = 200


def strip_marks(text: str) -> str:
    """Drop every Vietnamese mark and bar: 'Đổi mới' -> 'Doi moi'. A stray combining mark vanishes,
    so the length may change; `fold_marks` keeps it.

    >>> strip_marks("Thủ tướng Chính phủ")
    'Thu tuong Chinh phu'
    """
    if text.isascii():
        return text
    return _strip_line(text) if len(text) <= CACHED_LINE else text.translate(_STRIP_CHARS)


# Each character folded on its own: "ộ" -> "o"; a lone combining mark, which folds to nothing, stays.
_FOLD_CHARS = _Table(lambda c: _strip_char(c) or c)


def fold_marks(text: str) -> str:
    """Strip Vietnamese marks character by character: 'Chỉ thị' -> 'Chi thi', same length.

    >>> fold_marks("CỘNG HÒA XÃ HỘI")
    'CONG HOA XA HOI'
    """
    return text if text.isascii() else text.translate(_FOLD_CHARS)


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
