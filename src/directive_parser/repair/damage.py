"""Tell damaged OCR text from clean Vietnamese: text -> damage score in [0, 1].

Tesseract's English model keeps the letters of a Vietnamese text but loses or mangles the
marks ("Thu tuéng Chinh phi" for "Thủ tướng Chính phủ"). A token is damaged when it is not a
well-formed Vietnamese syllable as written; `ocr_skeleton` undoes the typical confusions
("s6" -> "so", "1a" -> "la", "B9" -> "bo") so that damaged Vietnamese can still be told from
English, which is not Vietnamese-shaped even without marks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from directive_parser.text.normalize import strip_marks
from directive_parser.text.syllable import is_syllable

_JUNK_MAP = str.maketrans({"¢": "e", "€": "e", "&": "e", "§": "o", "{": "", "}": "", "|": "l", "w": "u", "j": "y", "¥": "y"})
# The English model reads marked vowels as digits: "B9" = "Bộ", "s6" = "số", "x4y" = "xây".
OCR_DIGIT_MAP = str.maketrans({"0": "o", "6": "o", "9": "o", "4": "a", "5": "s", "8": "a"})
_NON_INITIAL_RE = re.compile(r"(?<=.)[db]")


_strip_marks = functools.lru_cache(maxsize=1 << 16)(strip_marks)  # called once per token: cached


@functools.lru_cache(maxsize=1 << 16)
def ocr_skeleton(token: str) -> str:
    """Accent-stripped, lowercased token with English-model confusions undone.

    >>> ocr_skeleton("Chính"), ocr_skeleton("ctia"), ocr_skeleton("s6"), ocr_skeleton("1a"), ocr_skeleton("B9")
    ('chinh', 'ctia', 'so', 'la', 'bo')
    """
    s = _strip_marks(token).lower()
    s = ("c" + s[1:] if s[0] == "¢" else s).translate(_JUNK_MAP)  # "¢d" = "cố", "nhi¢m" = "nhiệm"
    if s.isdigit():
        return s  # a number stays a number: "06", "2025"
    s = s.translate(OCR_DIGIT_MAP)
    if "1" in s:  # "1" reads "l" as onset ("1a", "16i") and "i" elsewhere ("d61" = "đổi")
        s = ("l" + s[1:] if s[0] == "1" else s).replace("1", "i")
    return _NON_INITIAL_RE.sub("o", s)


#: `is_damaged` is true from this damage score on (clean corpus text scores under 0.05,
#: English-model OCR of Vietnamese over 0.5, stripped text about 0.9; see bench/bench_repair.py).
DAMAGE_THRESHOLD = 0.4
#: Share of word tokens that could be Vietnamese syllables, marks removed, below which a text is
#: not Vietnamese at all (English scores about 0.3-0.5, damaged Vietnamese over 0.8).
MIN_SYLLABLE_SHARE = 0.5
#: Share of word tokens with Vietnamese-only letters or marks in clean Vietnamese text (the
#: corpus median is about 0.6); below it unaccented tokens count as damaged, in proportion.
EXPECTED_VIETNAMESE_SHARE = 0.45

_VI_ONLY = frozenset("ăâêôơưđĩũĂÂÊÔƠƯĐĨŨ" + "".join(map(chr, range(0x1EA0, 0x1EFA))))
_COUNTED_RE = re.compile(r"[^\W\d_][\w\u0300-\u036f&¢€{}|§]*")


def _is_syllable(token: str) -> bool:
    """A syllable once lost marks are allowed for: damage counts "cac" as unaccented, not invalid."""
    return is_syllable(token, marks_may_be_lost=True)


def _word_counts(text: str) -> Counter[str]:
    """How often each word token occurs in `text` (NFC)."""
    return Counter(_COUNTED_RE.findall(unicodedata.normalize("NFC", text)))


@functools.lru_cache(maxsize=1 << 16)
def _is_code(token: str) -> bool:
    """Acronyms and codes ("NQ-CP", "KHCN", "QH15"): two or more capitals and no lowercase."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters) and not _is_syllable(token.lower())


@dataclass(frozen=True)
class _Tally:
    """Counts over one text's word tokens, taken in one pass: every damage measure reads them."""

    tokens: int = 0
    vietnamese: int = 0  # with a Vietnamese-only letter or mark
    shaped: int = 0  # a syllable once marks and OCR confusions are undone
    invalid: int = 0  # not a syllable as written
    unaccented: int = 0  # a syllable, written without marks


@functools.lru_cache(maxsize=1 << 16)
def _token_counts(token: str) -> tuple[int, int, int, int, int]:
    """One word token's share of a `_Tally`: (counted, vietnamese, shaped, invalid, unaccented).

    Tokens that say nothing about damage count zero: single letters (clause labels "a)", "đ)")
    and acronyms ("NQ-CP", "KHCN")."""
    if len(token) < 2 or _is_code(token):
        return 0, 0, 0, 0, 0
    valid = _is_syllable(token.lower())
    return (
        1,
        not _VI_ONLY.isdisjoint(token),
        _is_syllable(ocr_skeleton(token)),
        not valid,
        valid and _strip_marks(token) == token,
    )


@functools.lru_cache(maxsize=4)
def _tally(text: str) -> _Tally:
    """The token counts of `text`. Cached: the pipeline asks for the damage of a document's sample
    and then for its Vietnamese share, and the sample is tokenised once. Each distinct word is
    judged once (a 20,000-character sample has some 4,000 words but a few hundred distinct ones)."""
    totals = [0, 0, 0, 0, 0]
    for token, n in _word_counts(text).items():
        counts = _token_counts(token)
        if counts[0]:
            for k in range(5):
                totals[k] += n * counts[k]
    return _Tally(*totals)


def vietnamese_share(text: str) -> float:
    """Share of word tokens that carry a letter or mark only Vietnamese uses (ă â ê ô ơ ư đ, ả, ạ…).

    Clean Vietnamese scores about 0.6; English, and Vietnamese read by an English OCR model,
    near 0.

    >>> round(vietnamese_share("Bộ Công an chủ trì"), 2)
    0.6
    """
    tally = _tally(text)
    return tally.vietnamese / tally.tokens if tally.tokens else 0.0


def syllable_share(text: str) -> float:
    """Share of word tokens that could be Vietnamese syllables once marks and OCR confusions are undone."""
    tally = _tally(text)
    return tally.shaped / tally.tokens if tally.tokens else 0.0


#: Damage is a property of the whole document; its first characters measure it well enough.
DAMAGE_SAMPLE_CHARS = 20_000
#: Text whose letters are mostly capitals is judged in lower case (its words are not acronyms).
MOSTLY_CAPITALS = 0.7


@functools.lru_cache(maxsize=2)
def sample_for_damage(text: str) -> str:
    """The part of `text` the damage measures look at: its start, lower-cased if all in capitals.

    Cached for the last documents: the pipeline takes the sample again after `assess_damage`."""
    sample = text[:DAMAGE_SAMPLE_CHARS]
    letters = sum(map(str.isalpha, sample))
    if letters and sum(map(str.isupper, sample)) > MOSTLY_CAPITALS * letters:
        return sample.lower()
    return sample


def assess_damage(text: str) -> float:
    """Share of word tokens that look damaged, in [0, 1].

    A token looks damaged when it is not a valid Vietnamese syllable as written (digits or junk
    glyphs inside it: "s6", "B9", "ctia", "nhi¢m"; "1a" for "là"; marks Vietnamese would not put
    there: "viéc", "tién"). When the text as a whole lacks Vietnamese-only marks (stripped or
    English-model text), its unaccented tokens count too, in proportion to the shortfall.
    Text that is not Vietnamese-shaped (English: most tokens could not be a Vietnamese syllable
    even without marks) scores 0.0: it is not *damaged Vietnamese*; tell it apart with
    `vietnamese_share` and `syllable_share`.

    >>> assess_damage("Thủ tướng Chính phủ yêu cầu các bộ, ngành") < DAMAGE_THRESHOLD
    True
    >>> assess_damage("Thu tuéng Chinh phi yéu cau cac b6, nganh") > DAMAGE_THRESHOLD
    True
    """
    tally = _tally(sample_for_damage(text))
    if not tally.tokens or tally.shaped < MIN_SYLLABLE_SHARE * tally.tokens:
        return 0.0
    deficit = max(0.0, 1.0 - tally.vietnamese / tally.tokens / EXPECTED_VIETNAMESE_SHARE)
    return min(1.0, (tally.invalid + tally.unaccented * deficit) / tally.tokens)


def is_damaged(text: str) -> bool:
    """True if `text` is Vietnamese damaged enough to need repair (`DAMAGE_THRESHOLD`)."""
    return assess_damage(text) >= DAMAGE_THRESHOLD
