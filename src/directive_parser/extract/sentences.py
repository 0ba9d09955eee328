"""Sentences and units of a clause: sentence ranges (`text.sentences`), each cut again at ';'."""

from __future__ import annotations

from directive_parser.text.sentences import sentence_spans

__all__ = ["sentence_spans", "split_units"]


def split_units(text: str) -> list[tuple[int, int]]:
    """Split a clause or paragraph into (start, end) unit ranges: its sentences (`text.sentences`,
    which knows "TP. Hồ Chí Minh" and "3.241"), each cut again at ';'.

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
