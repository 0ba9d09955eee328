"""Sentences and units of a clause: sentence ranges (`text.sentences`), each cut again at ';'."""

from __future__ import annotations

import re

from directive_parser.text.sentences import sentence_spans

__all__ = ["sentence_spans", "split_units"]

# Examples listed after "như:" in lower case are noun phrases of one task: "… sửa đổi các quy định không
# phù hợp như: yêu cầu phải nộp hồ sơ gốc; yêu cầu nộp hồ sơ tại nơi cư trú; …, hoàn thành trong năm 2025."
# A Thông báo kết luận's topic may list several subjects with ';' before its colon: "7. Về dự án
# đường cao tốc …; dự án nâng cấp đường …: Tỉnh thực hiện …" — the topic is one, up to the colon.
_TOPIC = re.compile(r"\s*Về\s[^:.]{3,600}?;[^:.]{3,600}?:\s")
_EXAMPLES = re.compile(r"\b(?:như|chẳng\s+hạn\s+như)\s*:\s*(?=[a-zà-ỹđ])")
# The characters `split_units` reads: brackets and the ';' that cuts a unit.
_MARKS = re.compile(r"[()\[\];]")
# A letter or notice introduces its content with "… có ý kiến như sau:", "… kết luận như sau:" and
# goes on with a sentence of its own: "Phó Thủ tướng Chính phủ Trần Hồng Hà có ý kiến như sau: Chủ
# tịch Ủy ban nhân dân tỉnh … khẩn trương …" — the introduction is a unit, the content starts anew.
_INTRODUCED = re.compile(r"\bnhư\s+sau\s*:\s+(?=[A-ZĐÀ-Ỹ])")


def split_units(text: str) -> list[tuple[int, int]]:
    """Split a clause or paragraph into (start, end) unit ranges: its sentences (`text.sentences`,
    which knows "TP. Hồ Chí Minh" and "3.241"), each cut again at ';'.

    Brackets are respected, so "(Đài Truyền hình Việt Nam, …; …)" stays whole.
    """
    units: list[tuple[int, int]] = []
    said = "như" in text  # every match of `_EXAMPLES` and `_INTRODUCED` holds it; most clauses do not
    for s0, e0 in _introduced(text, sentence_spans(text)) if said else sentence_spans(text):
        depth, start = 0, s0
        examples = _EXAMPLES.search(text, s0, e0) if said else None
        listed = examples.end() if examples else e0  # from here on ';' separates examples, not units
        topic = _TOPIC.match(text, s0, e0)
        topic_end = topic.end() if topic else s0  # up to here ';' separates the topic's subjects
        # only brackets and ';' matter: the loop visits those, not every character
        for m in _MARKS.finditer(text, s0, e0):
            i, ch = m.start(), m.group()
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
            elif depth == 0 and ch == ";" and topic_end <= i < listed:
                units.append((start, i + 1))
                start = i + 1
        units.append((start, e0))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in units if text[s:e].strip(" ;.")]


def _introduced(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s0, e0 in spans:
        for m in _INTRODUCED.finditer(text, s0, e0):
            out.append((s0, m.end()))
            s0 = m.end()
        out.append((s0, e0))
    return out
