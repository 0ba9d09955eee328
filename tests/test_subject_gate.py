"""The subject reader's early exit (`subject_gate`, `grammar._no_name_opens`) is exact: wherever it
skips the gazetteer scans, the full reader finds no subject either; and `regex_words.first_words`
reads the words a pattern opens with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from directive_parser.extract import grammar, subject_gate
from directive_parser.text.regex_words import first_words

DEV_DOCS = Path(__file__).resolve().parents[1] / "bench" / "dev" / "docs"


def _ungated(fn, *args):
    """`fn(*args)` with the early exits switched off (no window's first word is known to open nothing)."""
    saved = subject_gate.first_word_opening_nothing
    subject_gate.first_word_opening_nothing = lambda window: None  # type: ignore[assignment]
    grammar.find_subject.cache_clear()  # nothing read with the gates on is reused
    try:
        return fn(*args)
    finally:
        subject_gate.first_word_opening_nothing = saved  # type: ignore[assignment]
        grammar.find_subject.cache_clear()


def test_first_words_of_the_title_prefix() -> None:
    words = grammar._PREFIX_WORDS
    assert words is not None
    assert {"Các", "các", "Đồng", "đồng", "Chủ", "Phó", "Bộ", "Thủ", "Trưởng", "Cục", "cục", "Thường"} <= words
    assert "Thực" not in words and "Quyết" not in words


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\s*(?:[Cc]ác\s+)?(?:Bộ\s+trưởng|Chủ\s+tịch)\s", {"Các", "các", "Bộ", "Chủ"}),
        (r"(?:Tổng\s+)?[Cc]ục\s+trưởng", {"Tổng", "Cục", "cục"}),
        (r"Trưởng(?=\s+[Bb]an\b|\s*$)", {"Trưởng"}),  # a lookahead reads as anything: a superset
        (r"(?:ab|cd)e\b", {"abe", "cde"}),
    ],
)
def test_first_words(pattern: str, words: set[str]) -> None:
    assert first_words(pattern) == words


@pytest.mark.parametrize("pattern", [r"\w+ và", r"C[a-z]+x", r".ab", r"[^a]b", r"-\s*Bộ", r"(?:Bộ)?,"])
def test_first_words_unknown(pattern: str) -> None:
    assert first_words(pattern) is None  # a wildcard, an open repeat or another character first


def test_the_gates_change_no_answer() -> None:
    skipped = 0
    for path in sorted(DEV_DOCS.glob("*.txt"))[:40]:
        text = path.read_text(encoding="utf-8")
        starts = [0] + [m.end() for m in re.finditer(r"[\n.;:,]\s*", text)]
        for pos in starts[:400]:
            rest = text[pos : pos + grammar.LOOKAHEAD]
            if subject_gate.first_word_opening_nothing(rest[: grammar.MAX_SUBJECT_CHARS]) is None:
                continue
            skipped += 1
            for addressed in (False, True):
                assert grammar._names_end(text, pos, addressed) == _ungated(grammar._names_end, text, pos, addressed)
            for fn in (grammar._starts_with_body, grammar._subject_follows, grammar._body_speaker):
                assert fn(rest) == _ungated(fn, rest), (fn.__name__, path.name, rest[:80])
    assert skipped > 100  # the gates do skip most windows


def test_the_gate_keeps_subjects() -> None:
    for text in (
        "Bộ Công an chủ trì xây dựng Nghị định",
        "Các bộ, ngành khẩn trương triển khai",
        "Chủ tịch Ủy ban nhân dân các tỉnh chỉ đạo",
        "Đồng chí Bộ trưởng Bộ Y tế chỉ đạo",
        "Tỉnh Lào Cai chủ động bố trí",
        "UBND tỉnh chủ động làm việc với Bộ Xây dựng",
    ):
        assert not grammar._no_name_opens(text), text
    assert grammar._names_end("Bộ Công an chủ trì xây dựng Nghị định", 0, False) == len("Bộ Công an")
