"""The one test of Vietnamese spelling: is a token a well-formed syllable (onset + rime + tone)?

Every stage asks it: ingest (which legacy decoding yields Vietnamese), repair (how damaged a text
is, which candidates the restorer may propose). It checks spelling, not the dictionary: "Nguyễn"
and "thủy" pass, "that" (no such rime) and "mửc" (a stop coda with the hook tone) fail.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
# A syllable closed by c, ch, p or t takes only the sắc or nặng tone: "mức", "một", never "mửc".
STOP_TONES = frozenset("\u0301\u0323")
_STOP_CODAS = frozenset({"c", "ch", "p", "t"})
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_OPEN_NUCLEUS = (  # end in a glide, or ia/ua/ưa: no coda may follow ("tiêu", "mưa")
    "iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu"
)
_CLOSED_NUCLEUS = "uyê|iê|yê|uô|ươ|oă|uâ|oo|ă|â"  # need a coda ("tiến", "muốn", never "tiê")
_FREE_NUCLEUS = "oa|oe|uê|uơ|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_CODA = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE_RE = re.compile(
    rf"(?:{_ONSET})?(?:(?:{_OPEN_NUCLEUS})|(?:{_CLOSED_NUCLEUS})(?P<coda1>{_CODA})"
    rf"|(?:{_FREE_NUCLEUS})(?P<coda2>{_CODA})?)"
)


@functools.lru_cache(maxsize=1 << 17)
def is_syllable(token: str, *, marks_may_be_lost: bool = False) -> bool:
    """Tell whether `token` (one word, any case, NFC or NFD) is a well-formed Vietnamese syllable.

    True for onset + nucleus + coda with at most one tone mark, where a syllable closed by
    c/ch/p/t carries sắc or nặng ("các", never "cac"). With `marks_may_be_lost` (text whose marks
    OCR or an ASCII export may have dropped) a syllable with no tone mark passes whatever its
    coda: "cac" may be "các" with its mark lost.

    >>> [is_syllable(word) for word in ("Nguyễn", "thủy", "that", "mửc", "B9", "cac")]
    [True, True, False, False, False, False]
    >>> is_syllable("cac", marks_may_be_lost=True)
    True
    """
    decomposed = unicodedata.normalize("NFD", token.lower())
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    match = _SYLLABLE_RE.fullmatch(bare)
    if match is None:
        return False
    coda = match.group("coda1") or match.group("coda2")
    if coda not in _STOP_CODAS:
        return True
    return tones[0] in STOP_TONES if tones else marks_may_be_lost
