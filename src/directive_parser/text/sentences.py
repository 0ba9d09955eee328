"""Sentence boundaries of Vietnamese administrative text, as character offsets.

The rules are those of underthesea's `sent_tokenize` (a Punkt-style splitter), which the parser
used before: a sentence ends at ".", "?" or "!" (with any run of them: "?!"), except a "." inside a
number ("3.241", "15.12.2025") or after an abbreviation ("TP. Hồ Chí Minh", "v.v. và"), and an
ellipsis ends one only before a capital or the end of the text. Offsets come out directly, so no
sentence has to be found again in the text, and importing this costs nothing (underthesea's package
import is about 0.4 s and 60 MB). bench/bench_sentences.py compares the two on corpus paragraphs.
"""

from __future__ import annotations

import re
import string

_ENDS = frozenset(".?!")
_END = re.compile(r"[.?!]")  # the next candidate: text between them is skipped in C, not per character
_SPACE = " \t"
#: Words that a "." after them does not end: single letters ("Nguyễn V. A.", "điểm a."), the
#: abbreviations of titles and places in official text ("TP.", "TX.", "TS.", "ThS.", "PGS.TS.",
#: "GS.", "BS.", "KS.", "Th."), "v.v." (etc.) and the English ones met in bilingual forms.
ABBREVIATIONS = frozenset(
    [*string.ascii_lowercase]
    + [
        "tp",
        "tx",
        "ts",
        "ths",
        "pgs",
        "gs",
        "bs",
        "ks",
        "th",
        "v.v",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "inc",
        "st",
        "vs",
    ]
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`; together they cover the whole text.

    A sentence's range runs from the end of the previous one (its leading spaces included) to just
    after its closing punctuation; the last runs to the end of the text. A "." with no space after
    it ("nq57.vn", "Điều 5.Khoản") does not end a sentence.

    >>> t = "Giao TP. Hồ Chí Minh chủ trì. Bộ Tài chính phối hợp!"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Giao TP. Hồ Chí Minh chủ trì.', ' Bộ Tài chính phối hợp!']
    """
    ends = [e for e in _boundaries(text) if e < len(text) and text[e].isspace()]
    spans, start = [], 0
    for end in ends:
        if text[start:end].strip():
            spans.append((start, end))
            start = end
    if text[start:].strip() or not spans:
        spans.append((start, len(text)))
    else:
        spans[-1] = (spans[-1][0], len(text))
    return spans


def _boundaries(text: str) -> list[int]:
    """Offsets just after each sentence-ending punctuation run (before checking what follows)."""
    out: list[int] = []
    n, i = len(text), 0
    find = _END.search
    while (m := find(text, i)) is not None:
        i = m.start()
        ch = text[i]
        if text.startswith("...", i):  # an ellipsis ends a sentence only before a capital
            end = i
            while end < n and text[end] == ".":
                end += 1
            after = end
            while after < n and text[after] in _SPACE:
                after += 1
            if after >= n or text[after].isupper():
                out.append(end)
            i = end
            continue
        if ch == "." and _continues(text, i):
            i += 1
            continue
        end = i + 1
        while end < n and text[end] in _ENDS:
            end += 1
        out.append(end)
        i = end
    return out


def _continues(text: str, pos: int) -> bool:
    """True when the "." at `pos` is inside a number ("3.241") or closes an abbreviation ("TP.")."""
    if 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit():
        return True
    start = pos
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return text[start:pos].lower() in ABBREVIATIONS


def underthesea_spans(text: str) -> list[tuple[int, int]]:
    """underthesea's `sent_tokenize` sentences found again in `text`: the reference `sentence_spans`
    is checked against (tests, `bench/bench_sentences.py`); imports underthesea when called."""
    from underthesea import sent_tokenize

    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in sent_tokenize(text):
        words = sentence.split()
        if not words:
            continue
        joiner, parts = (r"\s*", "".join(words)) if len(words) < 2 else (r"\s+", words)
        m = re.compile(joiner.join(map(re.escape, parts))).search(text, pos)
        if m is None:  # the splitter changed the text: keep the rest as one sentence
            break
        if spans and m.start() == pos:
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip() or not spans:
        spans.append((pos, len(text)))
    else:
        spans[-1] = (spans[-1][0], len(text))
    return spans
