"""A cheap, exact early exit for the subject reader: a window whose first word opens no body name.

`grammar._names_end` scans a window of up to two subject lengths with the gazetteer and reads a
subject only when the first mention it finds stands at the window's start or after a title prefix
("Các", "Chủ tịch", "Đồng chí …"). Nine in ten windows name no subject (a distinct archive's units
open with "Thực hiện …", "Quyết định này …", "Đối với …"), and most of them open with a word that
opens no name: then no mention starts at or before that word (the gazetteer tries only the tokens
that may open one), so the first mention, if any, has the word in its prefix, and a prefix that
holds a word other than a title's or "các" is no title prefix. The scan would find no subject.
"""

from __future__ import annotations

import re
import unicodedata

from directive_parser.extract import bodies

# White space and separators that may stand before the first word (`_plain_prefix` strips " ,:-"),
# then the word: a maximal run of word characters, as the gazetteer's tokens are.
_FIRST_WORD = re.compile(r"([\s,:\-]*)(\w+)")


def first_word_opening_nothing(window: str) -> str | None:
    """The first word of `window` when no body mention the gazetteer finds in it (`find_bodies`,
    `find_subject_bodies`) can start at or before that word, else None: the window is NFC (the
    gazetteer tokenises NFC text; a mark to compose would change the tokens), only white space and
    separators that open no name stand before the word, the word opens none, and it is no "các"
    (whose offset a group's mention on the next word takes)."""
    m = _FIRST_WORD.match(window)
    if m is None or not unicodedata.is_normalized("NFC", window):
        return None
    word = m.group(2)
    if word.lower() == "các" or bodies.may_open(word):
        return None
    if any(bodies.may_open(ch) for ch in set(m.group(1)) if not ch.isspace()):
        return None
    return word
