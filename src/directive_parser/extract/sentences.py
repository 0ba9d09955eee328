"""Sentences and units of a clause: sentence ranges from underthesea, each cut again at ';'."""

from __future__ import annotations

import re


def split_units(text: str) -> list[tuple[int, int]]:
    """Split a clause or paragraph into (start, end) unit ranges: its sentences (underthesea's
    sentence splitter, which knows "TP. Hồ Chí Minh" and "3.241"), each cut again at ';'.

    Brackets are respected, so "(Đài Truyền hình Việt Nam, …; …)" stays whole.
    """
    units: list[tuple[int, int]] = []
    for s0, e0 in sentence_spans(text):
        depth, start = 0, s0
        for i in range(s0, e0):
            ch = text[i]
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
            elif depth == 0 and ch == ";":
                units.append((start, i + 1))
                start = i + 1
        units.append((start, e0))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in units if text[s:e].strip(" ;.")]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of `text` from underthesea's `sent_tokenize`, mapped back to offsets."""
    from underthesea import sent_tokenize

    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in sent_tokenize(text):
        words = sentence.split()
        if not words:
            continue
        m = (
            re.compile(r"\s*".join(map(re.escape, "".join(words)))).search(text, pos)
            if len(words) < 2
            else re.compile(r"\s+".join(map(re.escape, words))).search(text, pos)
        )
        if m is None:  # the splitter changed the text: keep the rest as one sentence
            break
        if spans and m.start() == pos:  # no space after the "end": a URL or number ("nq57.vn")
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip() or not spans:
        spans.append((pos, len(text)))
    elif spans:
        spans[-1] = (spans[-1][0], len(text))
    return spans
