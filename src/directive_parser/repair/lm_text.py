"""Text helpers shared by the syllable LM, the OCR channel and their build scripts: str -> tokens, skeletons.

A "chunk" is a whitespace-separated run; its "core" is the chunk without the punctuation that
may cling to either side ("(Bộ" -> "Bộ", "phủ," -> "phủ"). The LM works on lowercase cores;
cores with digits stand for one class token (NUM) and other non-words for UNK.
"""

from __future__ import annotations

import re
import unicodedata

from directive_parser.text.syllable import STOP_TONES, TONE_MARKS, is_syllable

NUM = "<num>"
UNK = "<unk>"
BOS = "<s>"

# Punctuation that may stick to a word on either side: "(Bộ", "phủ,", "“đúng".
LEAD_PUNCT = "\"'“”‘’([{<«*•-–—|"
TRAIL_PUNCT = ".,;:!?)]}>»\"'“”‘’…*—–|"
CHUNK_RE = re.compile(r"\S+")

# Every letter a Vietnamese syllable may use, lowercase (tone and shape marks included).
VIET_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
WORD_RE = re.compile(f"[{VIET_LETTERS}]+")

# Vietnamese syllable = optional onset + vowel cluster + optional coda, at most one tone mark:
STOP_CODA_RE = re.compile(r"[aeiouy][\u0300-\u036f]*(?:ch|c|p|t)$")  # on the NFD form


def split_chunk(chunk: str) -> tuple[str, str, str]:
    """Split a whitespace chunk into leading punctuation, core and trailing punctuation: str -> 3 strs.

    >>> split_chunk("(Bộ")
    ('(', 'Bộ', '')
    """
    i, j = 0, len(chunk)
    while i < j and chunk[i] in LEAD_PUNCT:
        i += 1
    while j > i and chunk[j - 1] in TRAIL_PUNCT:
        j -= 1
    return chunk[:i], chunk[i:j], chunk[j:]


def has_shape(word: str) -> bool:
    """Tell whether a lowercase word is spelled like a Vietnamese syllable (`text.syllable`), its
    marks possibly lost: the inventory of candidates the restorer may propose."""
    return WORD_RE.fullmatch(word) is not None and is_syllable(word, marks_may_be_lost=True)


def tone_fits_coda(word: str) -> bool:
    """Tell whether a syllable's tone may go with its final consonant: 'mức' -> True, 'mửc' -> False.

    A syllable closed by p, t, c or ch takes only the sắc or nặng tone; the corpus has the other
    tones there only as typos. With no tone mark at all it passes: an unaccented spelling ("muc")
    that documents do contain.
    """
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in TONE_MARKS]
    return not tones or tones[0] in STOP_TONES or not STOP_CODA_RE.search(nfd)


def lm_token(core: str) -> str:
    """Map a chunk core to its LM token: 'Chính' -> 'chính', '33/CT-TTg' -> NUM, 'NQ-CP' -> UNK."""
    low = unicodedata.normalize("NFC", core).lower()
    if WORD_RE.fullmatch(low):
        return low
    if any(c.isdigit() for c in low):
        return NUM
    return UNK


# Words joined by a slash ("đồng/người/ngày") or a hyphen ("đề-pô", "mô-đun", "kinh tế-xã hội"), split into
# one LM token each, as the restorer gives each its own slot and documents also write them apart ("đề pô").
JOINED_RE = re.compile(r"[/-]")


def lm_tokens(core: str) -> list[str]:
    """LM tokens of a chunk core: words joined by slashes or hyphens are one token each ("đồng/người/ngày" ->
    đồng, người, ngày; "vắc-xin" -> vắc, xin) when each is spelled like a syllable; anything else is one
    `lm_token` ("33/CT-TTg" -> NUM, "NQ-CP" -> UNK)."""
    if "/" in core or "-" in core:
        pieces = JOINED_RE.split(unicodedata.normalize("NFC", core).lower())
        if len(pieces) > 1 and all(has_shape(p) for p in pieces):  # syllables, not a code: "NQ-CP", "QĐ/BCA"
            return pieces
    return [lm_token(core)]
